/* layout_page.c: the page builder: page-sequences and their masters, a
 * greedy page breaker with a cost (TeX's: the best break so far, cut when
 * the page overflows) over the flow's vertical list, footnotes as
 * inserts, static content with page numbers and retrieved markers, ids,
 * links, bookmarks, and the passes that resolve forward citations. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fo.h"
#include "inline.h"
#include "layout.h"
#include "layout_int.h"

#define S_EPS 0.01

/* ---- ids: where each FO with an id landed ------------------------------- */

typedef struct S_id {
	const char *id;     /* the FO tree's string (stable across passes) */
	int page, last;     /* 0-based page indices, -1 unknown */
	int open;           /* a block with this id is open (last unknown) */
	double x, y;
	char *label, *label_last; /* malloc'd, filled at the end of a pass */
} S_id;

typedef struct S_ids {
	S_id *v;
	size_t cap, n;
} S_ids;

static uint32_t
S_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static S_id *
S_ids_find(const S_ids *t, const char *id)
{
	size_t k;

	if (t->cap == 0 || id == NULL)
		return NULL;
	for (k = S_hash(id) & (t->cap - 1); t->v[k].id != NULL;
	    k = (k + 1) & (t->cap - 1))
		if (strcmp(t->v[k].id, id) == 0)
			return &t->v[k];
	return NULL;
}

static S_id *
S_ids_add(S_ids *t, const char *id)
{
	S_id *e = S_ids_find(t, id);
	size_t k;

	if (e != NULL)
		return e;
	if ((t->n + 1) * 2 > t->cap) {
		S_ids nt;
		size_t j;

		nt.cap = t->cap ? t->cap * 2 : 64;
		nt.n = 0;
		nt.v = calloc(nt.cap, sizeof *nt.v);
		if (nt.v == NULL)
			return NULL;
		for (j = 0; j < t->cap; j++)
			if (t->v[j].id != NULL) {
				for (k = S_hash(t->v[j].id) & (nt.cap - 1);
				    nt.v[k].id != NULL; k = (k + 1) & (nt.cap - 1))
					;
				nt.v[k] = t->v[j];
				nt.n++;
			}
		free(t->v);
		*t = nt;
	}
	for (k = S_hash(id) & (t->cap - 1); t->v[k].id != NULL;
	    k = (k + 1) & (t->cap - 1))
		;
	t->v[k].id = id;
	t->v[k].page = t->v[k].last = -1;
	t->n++;
	return &t->v[k];
}

static void
S_ids_free(S_ids *t)
{
	size_t k;

	for (k = 0; k < t->cap; k++) {
		free(t->v[k].label);
		free(t->v[k].label_last);
	}
	free(t->v);
	t->v = NULL;
	t->cap = t->n = 0;
}

/* ---- the state of one pass ------------------------------------------------ */

typedef struct S_fn {
	const qr_fo *fo;     /* fo:footnote */
	double width;        /* the body width it was laid out at */
	qr_vlist list;       /* its body, laid out at that width */
	double h;
	double first;        /* the height of its first piece (up to its
	                        first legal break): what must fit for it to
	                        start on a page and continue on the next */
} S_fn;

typedef struct S_fnpart {
	S_fn *fn;
	size_t from;
} S_fnpart;

typedef struct S_event {
	const qr_vblock *b;
	int kind;            /* 0 carried, 1 starts, 2 ends on the page */
} S_event;

typedef struct S_lastmk {
	const char *cls;
	const qr_fo *marker;
	int seq;
} S_lastmk;

typedef struct S_link {
	size_t page, area;
	const char *id;
} S_link;

/* A citation in static content answered before its target was placed:
 * checked at the end of the pass against where the target landed. */
typedef struct S_guess {
	const char *id;
	int last;
	int in_static;      /* 0: a flow line laid out with this guess */
	const char *label;
} S_guess;

/* A flow line holding page references, painted when the pass ends and
 * every id has its page. */
typedef struct S_defer {
	size_t page;
	const qr_line *line;
	double x, y;
} S_defer;

/* What a page's static content needs, kept until the end of the pass:
 * static content is laid out last, when every page number is known, so
 * "page N of M" needs no second pass. */
typedef struct S_pagerec {
	const qr_fo *seq, *spm;
	int seq_index;
	S_event *ev;
	size_t nev;
	S_lastmk *last;
	size_t nlast;
} S_pagerec;

typedef struct qr_layout_state {
	S_ids cur, prev;
	int pass;
	int mismatch;
	int final_paint;     /* painting the pass's deferred lines and statics */
	size_t measured_refs; /* qr_inline_env_measured_refs at the start */
	int settle_failed;
	double t0;
	unsigned steps;
	int failed;
	/* the page being painted */
	size_t page_index;
	const char *label;
	int seq_index;
	int in_static;
	/* markers */
	S_event *ev;
	size_t nev, cev;
	S_lastmk *last;
	size_t nlast, clast;
	/* internal links to patch at the end */
	S_link *links;
	size_t nlinks, clinks;
	S_guess *guesses;
	size_t nguesses, cguesses;
	S_defer *defer;
	size_t ndefer, cdefer;
	S_pagerec *recs;
	size_t nrecs, crecs;
	/* footnote bodies of the current sequence */
	S_fn **fns;
	size_t nfns, cfns;
	qr_vlist sep;
	double sep_h;
	/* footnotes cited on the page being painted */
	S_fn **pagefn;
	size_t npagefn, cpagefn;
	int warned_keep, warned_width;
	/* FOs whose broken keep was reported (once each): a pointer set */
	const void **warned;
	size_t nwarned, cwarned;
} S_state;

static void *
S_grow(void *v, size_t *cap, size_t need, size_t size)
{
	size_t nc;
	void *nv;

	if (need <= *cap)
		return v;
	nc = *cap ? *cap * 2 : 16;
	while (nc < need)
		nc *= 2;
	nv = realloc(v, nc * size);
	if (nv == NULL)
		return NULL;
	*cap = nc;
	return nv;
}

/* Add p to the set; 1 if it was new, 0 if already there (or no memory). */
static int
S_warn_once(S_state *st, const void *p)
{
	size_t k, h;

	if ((st->nwarned + 1) * 2 > st->cwarned) {
		size_t nc = st->cwarned ? st->cwarned * 2 : 64, j;
		const void **nv = calloc(nc, sizeof *nv);

		if (nv == NULL)
			return 0;
		for (j = 0; j < st->cwarned; j++)
			if (st->warned[j] != NULL) {
				h = ((uintptr_t)st->warned[j] >> 4) & (nc - 1);
				while (nv[h] != NULL)
					h = (h + 1) & (nc - 1);
				nv[h] = st->warned[j];
			}
		free(st->warned);
		st->warned = nv;
		st->cwarned = nc;
	}
	h = ((uintptr_t)p >> 4) & (st->cwarned - 1);
	for (k = h; st->warned[k] != NULL; k = (k + 1) & (st->cwarned - 1))
		if (st->warned[k] == p)
			return 0;
	st->warned[k] = p;
	st->nwarned++;
	return 1;
}

static int
S_nomem(qr_layout *lo)
{
	qr_diag(lo->q, QD_NOMEM, lo->file, 0, 0, "out of memory in layout");
	lo->st->failed = 1;
	return -1;
}

/* Height of l[from, ...) painted alone: leading discardables dropped. */
static double
S_height_from(const qr_vlist *l, size_t from, size_t to)
{
	double h = 0;
	size_t i;
	int top = 1;

	for (i = from; i < to && i < l->n; i++) {
		if (l->v[i].kind == QR_V_BOX) {
			top = 0;
			h += l->v[i].h;
		} else if (l->v[i].kind == QR_V_GLUE &&
		    (!top || l->v[i].sub == QR_VGLUE_RETAIN))
			h += l->v[i].h;
	}
	return h;
}

/* ---- the resolver for lines ------------------------------------------------ */

static const char *
S_page_label(qr_layout *lo, int page)
{
	if (page < 0 || (size_t)page >= lo->tree->npages)
		return NULL;
	return lo->tree->pages[page]->label;
}

/* The page of an id already placed in this pass (for "last", only once
 * its block has ended); else a guess: the previous pass's answer, or the
 * current page when the id exists. Guesses are recorded and checked at
 * the end of the pass; a wrong one makes another pass. */
static const char *
S_cite(void *user, const char *ref_id, int last)
{
	qr_layout *lo = user;
	S_state *st = lo->st;
	S_id *e = S_ids_find(&st->cur, ref_id);
	const char *s = NULL;
	S_guess *nv;

	if (e != NULL && e->page >= 0 && !(last && e->open)) {
		s = S_page_label(lo, last && e->last >= 0 ? e->last : e->page);
		if (s != NULL)
			return s;
	}
	e = S_ids_find(&st->prev, ref_id);
	if (e != NULL) {
		s = last && e->label_last != NULL ? e->label_last : e->label;
		if (s != NULL)
			s = qr_arena_strdup(lo->tree->arena, s);
	}
	/* A guess only while laying out: when the pass paints its last
	 * lines every placed id is known, and an unknown one stays so. */
	if (s == NULL && !st->final_paint &&
	    qr_fo_find_id(lo->doc, ref_id) != NULL)
		s = st->label != NULL ? st->label : "0";
	if (s == NULL)
		return s;
	nv = S_grow(st->guesses, &st->cguesses, st->nguesses + 1, sizeof *nv);
	if (nv == NULL) {
		S_nomem(lo);
		return s;
	}
	st->guesses = nv;
	nv[st->nguesses].id = ref_id;
	nv[st->nguesses].last = last;
	nv[st->nguesses].in_static = st->in_static;
	nv[st->nguesses].label = s;
	st->nguesses++;
	return s;
}

/* How many guesses turned out different from where the targets landed. */
static int
S_guesses_wrong(qr_layout *lo)
{
	S_state *st = lo->st;
	size_t k;
	int n = 0;

	for (k = 0; k < st->nguesses; k++) {
		const S_guess *g = &st->guesses[k];
		S_id *e = S_ids_find(&st->cur, g->id);
		const char *f;

		if (e == NULL || !g->in_static)
			continue;
		f = g->last ? e->label_last : e->label;
		if (f == NULL || strcmp(f, g->label) != 0)
			n++;
	}
	return n;
}

static void
S_internal_link(void *user, qr_page *pg, size_t area_index, const char *id)
{
	qr_layout *lo = user;
	S_state *st = lo->st;
	S_link *nv;

	(void)pg;
	if (id == NULL)
		return;
	nv = S_grow(st->links, &st->clinks, st->nlinks + 1, sizeof *nv);
	if (nv == NULL) {
		S_nomem(lo);
		return;
	}
	st->links = nv;
	st->links[st->nlinks].page = st->page_index;
	st->links[st->nlinks].area = area_index;
	st->links[st->nlinks].id = id;
	st->nlinks++;
}

void
qr_layout_link_area(qr_layout *lo, qr_page *pg, double x, double y_top,
    double w, double h, const qr_fo *link)
{
	const char *in = link->obj->internal_destination;
	const char *ex = link->obj->external_destination;
	qr_area *a;

	if ((in == NULL && ex == NULL) || w <= 0 || h <= 0)
		return;
	a = qr_area_add(lo->tree, pg, QR_AREA_LINK);
	if (a == NULL) {
		S_nomem(lo);
		return;
	}
	a->x = x;
	a->y = y_top;
	a->w = w;
	a->h = h;
	a->u.link.dest_page = -1;
	if (in != NULL)
		S_internal_link(lo, pg, pg->nareas - 1, in);
	else if ((a->u.link.uri = qr_arena_strdup(lo->tree->arena, ex)) ==
	    NULL)
		S_nomem(lo);
}

static qr_resolver
S_resolver(qr_layout *lo, const char *page_label, int paint)
{
	qr_resolver r;

	memset(&r, 0, sizeof r);
	r.cite = S_cite;
	r.page_label = page_label;
	r.internal_link = paint ? S_internal_link : NULL;
	r.user = lo;
	return r;
}

void
qr_layout_paint_line(qr_layout *lo, const void *line, qr_page *pg, double x,
    double y_top, double w, double h)
{
	S_state *st = lo->st;
	const qr_line *ln = line;
	qr_resolver r;
	int n;

	(void)w;
	(void)h;
	if (ln->has_refs && !st->in_static) {
		/* Citations in the flow are painted at the end of the pass,
		 * when every target is placed: the labels are exact, and
		 * only a changed width asks for another pass. */
		S_defer *nv = S_grow(st->defer, &st->cdefer, st->ndefer + 1,
		    sizeof *nv);

		if (nv == NULL) {
			S_nomem(lo);
			return;
		}
		st->defer = nv;
		nv[st->ndefer].page = st->page_index;
		nv[st->ndefer].line = ln;
		nv[st->ndefer].x = x;
		nv[st->ndefer].y = y_top;
		st->ndefer++;
		return;
	}
	r = S_resolver(lo, st->label, 1);
	n = qr_line_paint(lo->ienv, ln, lo->tree, pg, x, y_top, &r);
	if (n > 0)
		st->mismatch += n;
}

/* The label every citation will have in the next pass if this pass's
 * pages stand: where the target landed in this pass. */
static const char *
S_cite_settled(void *user, const char *ref_id, int last)
{
	qr_layout *lo = user;
	S_id *e = S_ids_find(&lo->st->cur, ref_id);
	const char *s = NULL;

	if (e != NULL && e->page >= 0)
		s = S_page_label(lo, last && e->last >= 0 ? e->last : e->page);
	if (s == NULL)
		lo->st->settle_failed = 1;
	return s;
}

static void
S_discard(const quire_diagnostic *d, void *user)
{
	(void)d;
	(void)user;
}

/* A deferred line whose references changed width: the next pass would
 * lay out its paragraph with the labels of this pass (S_cite answers
 * them from the previous pass). When that paragraph breaks into the
 * same lines, every page stays as it is, so the next pass would give
 * this pass's pages with the lines laid out again: paint those instead,
 * and spare the pass. NULL when the next pass is needed: the lines
 * change, a label is unknown, or a table was sized with guessed
 * widths. */
static const qr_line *
S_settle(qr_layout *lo, const qr_line *ln)
{
	S_state *st = lo->st;
	quire *q = lo->q;
	quire_diagnostic_fn fn = q->diag_fn;
	void *user = q->diag_user;
	unsigned counts[3];
	struct _xmlDict *seen;
	qr_resolver r;
	const qr_line *nl;

	if (st->pass >= 3 || q->layout_full_passes ||
	    qr_inline_env_measured_refs(lo->ienv) !=
	    st->measured_refs)
		return NULL;
	memset(&r, 0, sizeof r);
	r.cite = S_cite_settled;
	r.user = lo;
	st->settle_failed = 0;
	/* Its diagnostics were reported when it was first laid out. */
	memcpy(counts, q->counts, sizeof counts);
	q->diag_fn = S_discard;
	q->diag_user = NULL;
	seen = q->seen;
	q->seen = NULL;
	nl = qr_line_relaid(lo->ienv, ln, &r);
	q->seen = seen;
	q->diag_fn = fn;
	q->diag_user = user;
	memcpy(q->counts, counts, sizeof counts);
	return st->settle_failed ? NULL : nl;
}

static void
S_paint_deferred(qr_layout *lo)
{
	S_state *st = lo->st;
	size_t k;

	/* Only flow lines are deferred (static content is laid out last,
	 * when every page is known). */
	lo->tree->region = QR_AREA_IN_BODY;
	for (k = 0; k < st->ndefer; k++) {
		const S_defer *d = &st->defer[k];
		qr_page *pg = lo->tree->pages[d->page];
		const qr_line *ln = d->line;
		qr_resolver r;
		int n;

		st->page_index = d->page;
		st->label = pg->label;
		r = S_resolver(lo, pg->label, 1);
		if (qr_line_refs_changed(lo->ienv, ln, &r) > 0) {
			const qr_line *nl = S_settle(lo, ln);

			if (nl != NULL)
				ln = nl;
		}
		n = qr_line_paint(lo->ienv, ln, lo->tree, pg, d->x, d->y,
		    &r);
		if (n > 0)
			st->mismatch += n;
	}
	st->ndefer = 0;
}

/* ---- markers ------------------------------------------------------------------ */

static const qr_fo *
S_marker_of(const qr_vblock *b, const char *cls)
{
	const qr_fo *m;

	if (b == NULL || !b->has_markers || cls == NULL)
		return NULL;
	for (m = qr_fo_first_marker(b->fo); m != NULL;
	    m = qr_fo_next_of(m, FO_MARKER))
		if (m->obj->marker_class_name != NULL &&
		    strcmp(m->obj->marker_class_name, cls) == 0)
			return m;
	return NULL;
}

static const qr_fo *S_find_marker(qr_layout *lo, const qr_fo *rm);

/* The marker found is handed out as the fo reader's restyled copy (XSL
 * 6.11.4: retrieved content inherits from the retrieve-marker, so a
 * running header takes the static content's font, not the flow's). The
 * copy is cached per (marker, retrieve-marker) pair in the document. */
const qr_fo *
qr_layout_find_marker(qr_layout *lo, const qr_fo *rm)
{
	const qr_fo *m = S_find_marker(lo, rm), *r;

	if (m == NULL)
		return NULL;
	r = qr_fo_marker_restyle(lo->doc, m, rm);
	if (r == NULL) {
		S_nomem(lo);
		return NULL;
	}
	return r;
}

/* The marker of the area ending on this page (is-last) that comes last
 * in the area tree's pre-order (XSL 1.1 7.24.5 last-ending-within-page):
 * of nested areas ending together, the innermost, so a section ending
 * with its chapter gives the section's marker (FOP orders them by where
 * they end and gives the chapter's). An area's place in pre-order is
 * where it opens on the page, started or carried over. */
static const qr_fo *
S_last_ending(const S_state *st, const char *cls)
{
	const qr_fo *found = NULL, *m;
	size_t k, j, best = 0;

	for (k = 0; k < st->nev; k++) {
		if (st->ev[k].kind != 2 ||
		    (m = S_marker_of(st->ev[k].b, cls)) == NULL)
			continue;
		for (j = 0; j < k; j++)
			if (st->ev[j].kind != 2 && st->ev[j].b == st->ev[k].b)
				break;
		if (found == NULL || j >= best) {
			best = j;
			found = m;
		}
	}
	return found;
}

static const qr_fo *
S_find_marker(qr_layout *lo, const qr_fo *rm)
{
	S_state *st = lo->st;
	const char *cls = rm->obj->retrieve_class_name;
	const qr_fo *m, *found = NULL;
	size_t k;

	if (st == NULL || !st->in_static || cls == NULL)
		return NULL;
	switch (rm->obj->retrieve_position) {
	case QR_RETRIEVE_FIRST_STARTING:
	case QR_RETRIEVE_FIRST_INCLUDING_CARRYOVER:
		for (k = 0; k < st->nev && found == NULL; k++) {
			if (st->ev[k].kind == 2)
				continue;
			if (st->ev[k].kind == 0 && rm->obj->retrieve_position !=
			    QR_RETRIEVE_FIRST_INCLUDING_CARRYOVER)
				continue;
			found = S_marker_of(st->ev[k].b, cls);
		}
		break;
	case QR_RETRIEVE_LAST_STARTING:
		for (k = st->nev; k-- > 0 && found == NULL;)
			if (st->ev[k].kind == 1)
				found = S_marker_of(st->ev[k].b, cls);
		break;
	case QR_RETRIEVE_LAST_ENDING:
		found = S_last_ending(st, cls);
		for (k = st->nev; k-- > 0 && found == NULL;)
			if (st->ev[k].kind == 1)
				found = S_marker_of(st->ev[k].b, cls);
		break;
	}
	/* XSL 1.1 7.24.5 makes retrieve-position a preference: where no
	 * area with a marker of the class starts on the page, an area
	 * carried over onto it (is-first false) is preferred to the pages
	 * before, as FOP does (its markers_8 and markers_inline-level). */
	if (found == NULL && (rm->obj->retrieve_position ==
	    QR_RETRIEVE_FIRST_STARTING || rm->obj->retrieve_position ==
	    QR_RETRIEVE_LAST_STARTING)) {
		int last = rm->obj->retrieve_position == QR_RETRIEVE_LAST_STARTING;

		for (k = 0; k < st->nev && found == NULL; k++) {
			size_t i = last ? st->nev - 1 - k : k;

			if (st->ev[i].kind == 0)
				found = S_marker_of(st->ev[i].b, cls);
		}
	}
	if (found != NULL)
		return found;
	/* Nothing qualifies on this page: the last marker of the class
	 * before it, within the retrieve-boundary. */
	if (rm->obj->retrieve_boundary == QR_BOUNDARY_PAGE)
		return NULL;
	for (k = 0; k < st->nlast; k++)
		if (strcmp(st->last[k].cls, cls) == 0) {
			m = st->last[k].marker;
			if (rm->obj->retrieve_boundary ==
			    QR_BOUNDARY_PAGE_SEQUENCE &&
			    st->last[k].seq != st->seq_index)
				return NULL;
			return m;
		}
	return NULL;
}

/* After a page: remember, for each class, the marker of the area that
 * comes last in pre-order among the page's areas with one, started or
 * carried over: a later page where no area qualifies takes the last one
 * of the nearest page before it that has one (the marker a reader saw
 * last: with a section ending inside its chapter, the section's). */
static void
S_markers_page_done(qr_layout *lo)
{
	S_state *st = lo->st;
	size_t k, j;
	const qr_fo *m;

	for (k = 0; k < st->nev; k++) {
		if (st->ev[k].kind == 2 || !st->ev[k].b->has_markers)
			continue;
		for (m = qr_fo_first_marker(st->ev[k].b->fo); m != NULL;
		    m = qr_fo_next_of(m, FO_MARKER)) {
			const char *cls = m->obj->marker_class_name;

			if (cls == NULL)
				continue;
			for (j = 0; j < st->nlast; j++)
				if (strcmp(st->last[j].cls, cls) == 0)
					break;
			if (j == st->nlast) {
				S_lastmk *nv = S_grow(st->last, &st->clast,
				    st->nlast + 1, sizeof *nv);

				if (nv == NULL) {
					S_nomem(lo);
					return;
				}
				st->last = nv;
				st->nlast++;
			}
			st->last[j].cls = cls;
			st->last[j].marker = m;
			st->last[j].seq = st->seq_index;
		}
	}
	st->nev = 0;
}

static void
S_event_add(qr_layout *lo, const qr_vblock *b, int kind)
{
	S_state *st = lo->st;
	S_event *nv = S_grow(st->ev, &st->cev, st->nev + 1, sizeof *nv);

	if (nv == NULL) {
		S_nomem(lo);
		return;
	}
	st->ev = nv;
	st->ev[st->nev].b = b;
	st->ev[st->nev].kind = kind;
	st->nev++;
}

/* ---- footnotes ------------------------------------------------------------------ */

static S_fn *
S_footnote(qr_layout *lo, const qr_fo *fo, double width)
{
	S_state *st = lo->st;
	const qr_fo *body;
	S_fn *f, **nv;
	size_t k;

	/* One setting per width: a note cited on pages of different widths
	 * (one tried as the last page) is laid out at each. */
	for (k = 0; k < st->nfns; k++)
		if (st->fns[k]->fo == fo && st->fns[k]->width > width - 0.01 &&
		    st->fns[k]->width < width + 0.01)
			return st->fns[k];
	f = qr_arena_alloc(lo->arena, sizeof *f);
	nv = S_grow(st->fns, &st->cfns, st->nfns + 1, sizeof *nv);
	if (f == NULL || nv == NULL) {
		S_nomem(lo);
		return NULL;
	}
	st->fns = nv;
	f->fo = fo;
	f->width = width;
	qr_vlist_init(&f->list);
	body = qr_fo_child(fo, FO_FOOTNOTE_BODY);
	/* The footnote-body's reference area is the region-body's footnote
	 * area (XSL 6.10.3), so its blocks' start-indent and end-indent are
	 * measured from the region-body's content rectangle: none of the
	 * indent is outside this list, whatever the nesting of the citing
	 * line (an explicit start-indent="0pt" inside a list body puts the
	 * footnote at the region's start edge, as FOP does). */
	if (body != NULL) {
		if (qr_layout_block_content(lo, &f->list, body, width, -1, 0, 0)
		    != 0)
			st->failed = 1;
	}
	f->h = S_height_from(&f->list, 0, f->list.n);
	f->first = f->h;
	{
		size_t i;
		int seen = 0;

		for (i = 0; i < f->list.n; i++) {
			if (f->list.v[i].kind == QR_V_BOX)
				seen = 1;
			else if (seen && f->list.v[i].kind == QR_V_PENALTY &&
			    f->list.v[i].penalty < QR_PEN_INF) {
				f->first = S_height_from(&f->list, 0, i);
				break;
			}
		}
	}
	st->fns[st->nfns++] = f;
	return f;
}

static void
S_footnotes_free(S_state *st)
{
	size_t k;

	for (k = 0; k < st->nfns; k++)
		qr_vlist_free(&st->fns[k]->list);
	st->nfns = 0;
	qr_vlist_free(&st->sep);
	st->sep_h = 0;
}

/* Height of the first piece of l[from, ...): up to its first legal
 * break after a box (all of it when there is none). */
static double
S_fn_first(const qr_vlist *l, size_t from)
{
	size_t i;
	int seen = 0;

	for (i = from; i < l->n; i++) {
		if (l->v[i].kind == QR_V_BOX)
			seen = 1;
		else if (seen && l->v[i].kind == QR_V_PENALTY &&
		    l->v[i].penalty < QR_PEN_INF)
			break;
	}
	return S_height_from(l, from, i);
}

/* The end (exclusive) of the longest prefix of l[from, ...) that fits in
 * h and ends at a legal break, or `from` when none does; l->n when all
 * of it fits. *used gets its height. */
static size_t
S_fn_fit(const qr_vlist *l, size_t from, double h, double *used)
{
	size_t i, best = from;
	double y = 0, ybest = 0;
	int top = 1, seen_box = 0;

	/* (h is what is left after the notes above: the difference of
	 * sums may round a hair under an exact fit, which S_scan counted
	 * as fitting) */
	h += 1e-9;
	if (S_height_from(l, from, l->n) <= h + S_EPS) {
		*used = S_height_from(l, from, l->n);
		return l->n;
	}
	for (i = from; i < l->n; i++) {
		const qr_vitem *it = &l->v[i];

		if (it->kind == QR_V_BOX) {
			top = 0;
			seen_box = 1;
			y += it->h;
		} else if (it->kind == QR_V_GLUE) {
			if (!top || it->sub == QR_VGLUE_RETAIN)
				y += it->h;
		} else if (it->kind == QR_V_PENALTY && seen_box &&
		    it->penalty < QR_PEN_INF) {
			if (y > h + S_EPS)
				break;
			best = i;
			ybest = y;
		}
	}
	*used = ybest;
	return best;
}

/* ---- page sequences ---------------------------------------------------------------- */

typedef struct S_seq {
	const qr_fo *seq;
	int index;           /* page-sequences so far */
	int page_index;      /* pages so far in this sequence */
	int number;          /* the number of the next page */
	qr_vlist flow;
	size_t i, last_box;
	int has_box;
	qr_flowwalk *fw;     /* lays the flow out as pages need it */
	int done;            /* the flow is all laid out */
	double ext_w;        /* the width of the last unit laid out */
	int unmapped;        /* pages in a row whose body is not the flow's */
	char guess[64];      /* the label of the page being built */
	qr_openstack stack;
	S_fnpart *carry;
	size_t ncarry, ccarry;
	double width;        /* the flow's layout width */
	int vary;            /* the pages' body widths may differ, or hvary */
	int hvary;           /* their heights may, and percentage heights of
	                        the flow's block-containers refer to them */
} S_seq;

typedef struct S_cut {
	size_t cut, next;
	int blank;           /* the page must be blank (parity) */
	int keep_broken, overflow, fn_split;
	double ratio;        /* share of each glue's shrink the page takes */
	const qr_fo *keep_fo; /* whose keep was broken */
	const qr_fo *over_fo; /* what overflows */
} S_cut;

static int
S_parity_ok(int kind, int number)
{
	if (kind == QR_VBRK_ODD)
		return (number & 1) != 0;
	if (kind == QR_VBRK_EVEN)
		return (number & 1) == 0;
	return 1;
}

/* Badness of a page left with `slack` empty: 0 when full, 1000 when
 * empty, cubic in between (loose pages cost more the looser they are). */
static double
S_badness(double slack, double avail)
{
	double r;

	if (slack <= 0 || avail <= 0)
		return 0;
	r = slack / avail;
	return 1000 * r * r * r;
}

/* The share of the glue's shrink a page of natural height `total` must
 * take to fit in avail: 0 when it fits as it is, at most 1. */
static double
S_ratio(double total, double shrink, double avail)
{
	double r;

	if (total <= avail + S_EPS || shrink <= 0)
		return 0;
	r = (total - avail) / shrink;
	return r > 1 ? 1 : r;
}

/* Cost of breaking with a page of natural height total, `shrink` of
 * glue shrink and `stretch` of glue stretch (space .maximum above
 * .optimum). A page that fits by shrinking its spaces costs by how far
 * they shrink (cubic, up to 1000 when they are at their minimum); so
 * does a page its spaces can fill by stretching, by how far they
 * stretch (TeX's badness, and FOP's adjustment ratio: a page one point
 * short whose space may grow ten wins over one that squeezes that space
 * to its minimum for one more line). A page left short beyond what its
 * spaces can stretch costs more than any such, so a break that fills
 * the page by shrinking wins over one that leaves it short, as in TeX
 * and FOP. */
static double
S_cost(double total, double shrink, double stretch, double avail)
{
	double r;

	if (total > avail + S_EPS && shrink > 0) {
		r = S_ratio(total, shrink, avail);
		return 1000 * r * r * r;
	}
	if (total <= avail + S_EPS && stretch > 0 &&
	    avail - total <= stretch + S_EPS) {
		r = (avail - total) / stretch;
		if (r < 0)
			r = 0;
		return 1000 * r * r * r;
	}
	return 1000 + S_badness(avail - total, avail);
}

static int S_limits_time(qr_layout *lo);

/* Lay out the flow's next units at `width` until the list grows or the
 * flow ends. The page-number guess is the page being built. */
static int
S_extend(qr_layout *lo, S_seq *s, double width)
{
	size_t n0 = s->flow.n, k;
	qr_resolver res;

	if (s->done)
		return 0;
	qr_layout_format_number(s->number, s->seq->obj->format, s->guess,
	    sizeof s->guess);
	res = S_resolver(lo, s->guess, 0);
	qr_inline_env_set_resolver(lo->ienv, &res);
	while (s->flow.n == n0 && !s->done) {
		int rc = qr_flowwalk_step(s->fw, width);

		if (rc < 0) {
			lo->st->failed = 1;
			return -1;
		}
		if (rc == 0)
			s->done = 1;
		/* The clock is read every 256 units, not on every one. */
		if ((++lo->st->steps & 255) == 0 && S_limits_time(lo) != 0) {
			lo->st->failed = 1;
			return -1;
		}
	}
	s->ext_w = width;
	for (k = n0; k < s->flow.n; k++)
		if (s->flow.v[k].kind == QR_V_BOX) {
			s->last_box = k;
			s->has_box = 1;
		}
	return 0;
}

/* True when flow content with a box remains from s->i (laying out more
 * of the flow at `width` when needed). */
static int
S_more(qr_layout *lo, S_seq *s, double width)
{
	while (!(s->has_box && s->last_box >= s->i) && !s->done)
		if (S_extend(lo, s, width) != 0)
			return 0;
	return s->has_box && s->last_box >= s->i;
}

/* True when the items from `from` reach a legal break (or the end)
 * within a height of avail: the content would fit on a fresh page.
 * Looks at one page of items at most. */
static int
S_fits_fresh(const qr_vlist *l, size_t from, double avail)
{
	double h = 0;
	size_t j;
	int top = 1;

	for (j = from; j < l->n; j++) {
		const qr_vitem *it = &l->v[j];

		if (it->kind == QR_V_BOX) {
			top = 0;
			h += it->h;
		} else if (it->kind == QR_V_GLUE && (!top ||
		    it->sub == QR_VGLUE_RETAIN)) {
			h += it->h - it->shrink;
		} else if (it->kind == QR_V_PENALTY && !top &&
		    it->penalty < QR_PEN_INF) {
			return h <= avail + S_EPS;
		}
		if (h > avail + S_EPS)
			return 0;
	}
	return 1;
}

/* True when the flow goes into this master's region-body (their names
 * match); a page whose body has another name gets no flow content. */
static int
S_flow_maps(const qr_fo *seq, const qr_fo *spm)
{
	const qr_fo *rb = spm->region[QR_REGION_BODY];
	const char *rn = rb != NULL && rb->obj->region_name != NULL ?
	    rb->obj->region_name : "xsl-region-body";
	const char *fn = seq->flow != NULL &&
	    seq->flow->obj->flow_name != NULL ? seq->flow->obj->flow_name :
	    "xsl-region-body";

	return strcmp(rn, fn) == 0;
}

/* Room for the notes of the repeated headers (footer != 0: footers) of
 * the tables open in sk: their whole height, with the separator when no
 * other note (fn) is on the page yet. */
static double
S_table_notes(qr_layout *lo, const qr_openstack *sk, int footer,
    double width, double fn)
{
	double h = 0;
	size_t k, i;

	for (k = 0; k < sk->n; k++) {
		const qr_vtable *t = sk->v[k].p;
		const qr_fo *const *v;
		size_t n;

		if (sk->v[k].kind != 1)
			continue;
		if (footer ? t->omit_footer_at_break : t->omit_header_at_break)
			continue;
		v = footer ? t->footer_notes : t->header_notes;
		n = footer ? t->n_footer_notes : t->n_header_notes;
		for (i = 0; i < n; i++) {
			S_fn *f = S_footnote(lo, v[i], width);

			if (f != NULL)
				h += f->h;
		}
	}
	if (h > 0 && fn == 0)
		h += lo->st->sep_h;
	return h;
}

/* What a break inside the entries open in sk reserves at the foot:
 * retained borders, repeated footers and their notes. */
static double
S_bottom(qr_layout *lo, const qr_openstack *sk, double width, double fn)
{
	return qr_openstack_bottom(sk) + S_table_notes(lo, sk, 1, width, fn);
}

/* The body height of the page after the one being built, or 0 when the
 * flow does not go there; *same_w tells whether that body is `width`
 * wide, as this page's. */
static double
S_next_body_h(const S_seq *s, double width, int *same_w)
{
	const qr_fo *nm = qr_fo_select_master(s->seq, s->page_index + 1, 0, 0,
	    ((s->number + 1) & 1) != 0, 0);
	qr_fo_rect nb;

	*same_w = 0;
	if (nm == NULL || !S_flow_maps(s->seq, nm))
		return 0;
	nb = qr_fo_body_rect(nm);
	if (nb.w < 1)
		nb.w = 1;
	*same_w = nb.w > width - 0.5 && nb.w < width + 0.5;
	return nb.h;
}

/* Choose where the page that starts at s->i ends, for a body `avail`
 * high with carried footnotes taking fn0 whole (0 when none), at least
 * fn0min (their first piece) when split. Linear in the items looked at;
 * only the current page is open. */
static void
S_scan(qr_layout *lo, S_seq *s, double avail, double width, double fn0,
    double fn0min, S_cut *r)
{
	S_state *st = lo->st;
	const qr_vlist *l = &s->flow;
	qr_openstack sk = {NULL, 0, 0};
	double h, shrink = 0, stretch = 0, fn = fn0, best_cost = 1e300, total;
	/* fn_min: footnote space if the last cited footnote is split after
	 * its first piece (the rest continues overleaf). A note may split
	 * only at the break right after its citing line: body text goes
	 * below a note's line only when the whole note is on the page
	 * (FOP's rule, which keeps as much of a note as fits with its
	 * call). after_cite counts the boxes since the last citation: -2
	 * none yet, -1 cited by the box to come, 0 that box itself. */
	double fn_min = fn0min;
	int after_cite = fn0 > 0 ? -1 : -2;
	double best_ratio = 0, forb_ratio = 0, next_h;
	size_t j, best = SIZE_MAX, forb = SIZE_MAX, first_box = SIZE_MAX;
	int at_top = 1, in_group = 0, next_same_w;

	memset(r, 0, sizeof *r);
	for (j = 0; j < s->stack.n; j++)
		qr_openstack_push(lo, &sk, s->stack.v[j].kind,
		    s->stack.v[j].p);
	h = qr_openstack_top(&s->stack);
	/* Repeated headers bring their notes (whole) to this page. */
	fn += S_table_notes(lo, &s->stack, 0, width, fn);
	if (fn0 == 0)
		fn_min = fn;
	for (j = s->i; j <= l->n; j++) {
		const qr_vitem *it;

		if (j == l->n && !s->done) {
			if (S_extend(lo, s, width) != 0)
				goto done;
			j--;
			continue;
		}
		if (j == l->n) {
			double full = h + fn + S_bottom(lo, &sk, width, fn);

			total = h + fn_min + S_bottom(lo, &sk, width, fn);
			/* A note cited after the last box (by an empty
			 * block) splits here too. */
			if (full - shrink <= avail + S_EPS)
				total = full;
			else if (after_cite > 0 ||
			    total - shrink > avail + S_EPS)
				goto decide;
			else if (total < avail)
				total = avail; /* the note fills the page */
			/* The rest fits only by shrinking its spaces: an
			 * earlier break that shrinks them less is better
			 * (the last page itself may be short). */
			if (total > avail + S_EPS && best != SIZE_MAX &&
			    best_cost < S_cost(total, shrink, stretch, avail))
				goto decide;
			r->cut = r->next = l->n;
			r->ratio = S_ratio(total, shrink, avail);
			goto done;
		}
		it = &l->v[j];
		switch (it->kind) {
		case QR_V_BOX:
			at_top = 0;
			in_group = 0;
			if (first_box == SIZE_MAX)
				first_box = j;
			if (after_cite >= -1)
				after_cite++;
			h += it->h;
			/* Without what the open blocks and tables reserve at a
			 * break (a table's closing line, repeated footers'
			 * notes): it is counted at the penalties, and the box
			 * may end the table, its close mark coming before the
			 * next break. */
			if (h + (after_cite > 0 ? fn : fn_min) - shrink >
			    avail + S_EPS)
				goto decide;
			break;
		case QR_V_GLUE:
			if (at_top && it->sub != QR_VGLUE_RETAIN)
				break;
			h += it->h;
			shrink += it->shrink;
			stretch += it->stretch;
			break;
		case QR_V_MARK:
			qr_openstack_step(lo, &sk, it);
			if (it->sub == QR_MARK_FOOTNOTE) {
				S_fn *f = S_footnote(lo, it->data, width);

				if (f != NULL && f->h > 0) {
					double base = fn == 0 ? st->sep_h : 0;

					/* The first note a line cites may split;
					 * the line's later notes then wait whole
					 * (notes keep their order). */
					if (!in_group)
						fn_min = fn + base + f->first;
					in_group = 1;
					after_cite = -1;
					fn += base + f->h;
				}
			}
			break;
		case QR_V_PENALTY:
			if (at_top) {
				if (it->penalty <= QR_PEN_FORCE &&
				    !S_parity_ok(it->sub, s->number)) {
					r->blank = 1;
					goto done;
				}
				break;
			}
			total = h + fn_min + S_bottom(lo, &sk, width, fn);
			{
				/* Breaking here with all footnotes whole, or,
				 * right after the citing line, with the line's
				 * first one split: the note then fills the
				 * page. */
				double full = h + fn +
				    S_bottom(lo, &sk, width, fn);

				if (full - shrink <= avail + S_EPS)
					total = full;
				else if (after_cite != 0 ||
				    total - shrink > avail + S_EPS)
					goto decide;
				else if (total < avail)
					total = avail;
			}
			if (it->penalty <= QR_PEN_FORCE) {
				/* The next page starts AT the penalty, so that
				 * it sees it on top and checks the parity. */
				r->cut = r->next = j;
				r->ratio = S_ratio(total, shrink, avail);
				goto done;
			}
			if (it->penalty < QR_PEN_INF) {
				/* A split footnote costs nothing extra (as in
				 * TeX and FOP): filling the page wins over
				 * moving the citing line on. */
				double cost = S_cost(total, shrink, stretch, avail) +
				    it->penalty;

				if (cost <= best_cost) {
					best_cost = cost;
					best = j;
					best_ratio = S_ratio(total, shrink,
					    avail);
				}
			} else {
				forb = j;
				forb_ratio = S_ratio(total, shrink, avail);
			}
			break;
		}
	}
decide:
	next_h = S_next_body_h(s, width, &next_same_w);
	if (best != SIZE_MAX && forb != SIZE_MAX && forb > best &&
	    !S_fits_fresh(l, best + 1, next_h > avail ? next_h : avail)) {
		/* The kept content after the best legal break would not fit
		 * on a page of its own either: moving it on only leaves this
		 * page short. Break the keep here, at the fullest place. */
		best = SIZE_MAX;
	}
	if (best != SIZE_MAX) {
		r->cut = best;
		r->next = best + 1;
		r->ratio = best_ratio;
	} else if (forb != SIZE_MAX && fn0 == 0 && next_h > avail + S_EPS &&
	    S_fits_fresh(l, s->i, next_h)) {
		/* Nothing may break on this page, but the kept content fits
		 * the next, taller page: leave this one empty rather than
		 * break the keep (FOP does the same). */
		r->cut = r->next = s->i;
	} else if (forb != SIZE_MAX) {
		/* Every break that fits is forbidden by a keep (or widows and
		 * orphans): break the keep at the fullest such place. */
		r->cut = forb;
		r->next = forb + 1;
		r->keep_broken = 1;
		r->keep_fo = l->v[forb].data;
		r->ratio = forb_ratio;
	} else if (first_box != SIZE_MAX) {
		/* Nothing fits before the first break. If the body alone
		 * fits up to the first break, the footnotes split; else the
		 * first box is taller than the page: it goes alone. */
		double hb = qr_openstack_top(&s->stack), sb = 0;
		int top = 1;

		qr_openstack_free(&sk);
		for (j = 0; j < s->stack.n; j++)
			qr_openstack_push(lo, &sk, s->stack.v[j].kind,
			    s->stack.v[j].p);
		for (j = s->i; j < l->n; j++) {
			const qr_vitem *it = &l->v[j];

			if (it->kind == QR_V_BOX) {
				top = 0;
				hb += it->h;
			} else if (it->kind == QR_V_GLUE && (!top ||
			    it->sub == QR_VGLUE_RETAIN)) {
				hb += it->h;
				sb += it->shrink;
			} else if (it->kind == QR_V_MARK) {
				qr_openstack_step(lo, &sk, it);
			} else if (it->kind == QR_V_PENALTY && !top) {
				break;
			}
		}
		if (fn > 0 && hb + qr_openstack_bottom(&sk) - sb + fn0min <=
		    avail + S_EPS) {
			r->cut = j;
			r->next = j < l->n ? j + 1 : j;
			if (j < l->n && l->v[j].penalty <= QR_PEN_FORCE)
				r->next = j;
			r->fn_split = 1;
			r->ratio = S_ratio(hb + qr_openstack_bottom(&sk) +
			    fn0min, sb, avail);
		} else if (fn0 > 0) {
			/* Carried footnotes leave no room: a page of
			 * footnotes only. */
			r->cut = r->next = s->i;
		} else {
			/* Taller than this page: if the next page is tall
			 * enough, leave this one empty rather than overflow
			 * it (the next page then takes it, so no loop). Only
			 * when that page is as wide as this one: on another
			 * width the box is laid out again, its height here
			 * is no measure of it there, and the page left empty
			 * may buy nothing (FOP, too, overflows this page
			 * then, table_border_padding_5). */
			double need = l->v[first_box].h +
			    qr_openstack_top(&s->stack) +
			    qr_openstack_bottom(&s->stack);

			if (next_h > avail + S_EPS && next_h + S_EPS >= need &&
			    next_same_w) {
				r->cut = r->next = s->i;
			} else {
				r->cut = r->next = first_box + 1;
				r->overflow = 1;
				r->over_fo = l->v[first_box].fo;
			}
		}
	} else {
		/* Reserved space alone overflows: consume one item so the
		 * builder always moves on. */
		r->cut = r->next = s->i < l->n ? s->i + 1 : l->n;
		r->overflow = 1;
	}
done:
	qr_openstack_free(&sk);
}

/* A footnote cited on the page being painted. */
static void
S_pagefn_add(qr_layout *lo, const qr_fo *fo, double width)
{
	S_state *st = lo->st;
	S_fn *f = S_footnote(lo, fo, width);
	S_fn **nv;

	if (f == NULL)
		return;
	nv = S_grow(st->pagefn, &st->cpagefn, st->npagefn + 1, sizeof *nv);
	if (nv == NULL) {
		S_nomem(lo);
		return;
	}
	st->pagefn = nv;
	st->pagefn[st->npagefn++] = f;
}

/* Mark hook of the page fragment: ids, marker events, footnotes. */
static void
S_page_mark(qr_layout *lo, void *user, const qr_vitem *it, qr_page *pg,
    double y, int carried)
{
	S_state *st = lo->st;
	const double *bx = user;
	S_id *e;

	(void)pg;
	switch (it->sub) {
	case QR_MARK_ID:
		e = S_ids_add(&st->cur, it->data);
		if (e == NULL) {
			S_nomem(lo);
			return;
		}
		if (e->page < 0) {
			e->page = (int)st->page_index;
			e->x = bx[0];
			e->y = y;
		}
		if (e->last < (int)st->page_index)
			e->last = (int)st->page_index;
		break;
	case QR_MARK_BLOCK_OPEN: {
		const qr_vblock *b = it->data;

		if (b->has_markers)
			S_event_add(lo, b, carried ? 0 : 1);
		if (!carried && b->fo->id != NULL) {
			e = S_ids_find(&st->cur, b->fo->id);
			if (e != NULL)
				e->open = 1;
		}
		break;
	}
	case QR_MARK_MARKERS:
		S_event_add(lo, it->data, 1);
		S_event_add(lo, it->data, 2);
		break;
	case QR_MARK_BLOCK_CLOSE: {
		const qr_vblock *b = it->data;

		if (b->has_markers)
			S_event_add(lo, b, 2);
		if (b->fo->id != NULL) {
			e = S_ids_find(&st->cur, b->fo->id);
			if (e != NULL && e->last < (int)st->page_index)
				e->last = (int)st->page_index;
			if (e != NULL)
				e->open = 0;
		}
		break;
	}
	case QR_MARK_FOOTNOTE:
		S_pagefn_add(lo, it->data, bx[1]);
		break;
	case QR_MARK_TABLE_OPEN: {
		/* A header repeated on this page brings its notes. */
		const qr_vtable *t = it->data;
		size_t k;

		if (carried && !t->omit_header_at_break)
			for (k = 0; k < t->n_header_notes; k++)
				S_pagefn_add(lo, t->header_notes[k], bx[1]);
		break;
	}
	default:
		break;
	}
}

static int
S_carry_add(qr_layout *lo, S_fnpart **v, size_t *n, size_t *cap, S_fn *f,
    size_t from)
{
	S_fnpart *nv = S_grow(*v, cap, *n + 1, sizeof *nv);

	if (nv == NULL)
		return S_nomem(lo);
	*v = nv;
	nv[*n].fn = f;
	nv[*n].from = from;
	(*n)++;
	return 0;
}

/* Lay out and paint the static content of region r of spm on page pg. */
static void
S_static(qr_layout *lo, const qr_fo *seq, const qr_fo *spm, qr_page *pg,
    qr_fo_region r)
{
	const qr_fo *sc = qr_fo_region_content(seq, spm, r);
	qr_fo_rect rc = qr_fo_region_rect(spm, r);
	qr_vlist vl;
	double h, dy = 0;
	qr_resolver res;
	int clip;

	if (sc == NULL || rc.w <= 0)
		return;
	if (rc.h <= 0) {
		/* No extent: the content overflows the region, painted
		 * below its edge unless overflow="hidden" (as FOP). */
		const qr_fo *reg = spm->region[r];

		if (reg->box->overflow_hidden)
			return;
		if (S_warn_once(lo->st, reg))
			qr_diag(lo->q, QD_OVERFLOW, reg->file, reg->line, 0,
			    "fo:%s has no extent: its static content "
			    "overflows it; give the region an extent",
			    qr_fo_type_name(reg->type));
	}
	res = S_resolver(lo, lo->st->label, 0);
	qr_inline_env_set_resolver(lo->ienv, &res);
	qr_vlist_init(&vl);
	lo->st->in_static = 1;
	lo->tree->region = QR_AREA_IN_BODY + (int)r;
	if (qr_layout_block_content(lo, &vl, sc, rc.w,
	    rc.h > 0 ? rc.h : 0, 0, 0) != 0)
		lo->st->failed = 1;
	h = S_height_from(&vl, 0, vl.n);
	if (rc.h > 0 && h > rc.h + S_EPS && S_warn_once(lo->st,
	    spm->region[r])) {
		/* Painted past the region's edge, or clipped at it for
		 * overflow="hidden". */
		const qr_fo *reg = spm->region[r];

		qr_diag(lo->q, QD_OVERFLOW, reg->file, reg->line, 0,
		    "fo:%s: static content %.1fpt tall overflows the "
		    "region's %.1fpt%s; give the region a larger extent or "
		    "the content less height", qr_fo_type_name(reg->type), h,
		    rc.h, reg->box->overflow_hidden ? " (overflow=\"hidden\" "
		    "clips it)" : "");
	}
	clip = spm->region[r]->box->overflow_hidden;
	if (clip) {
		qr_area *a = qr_area_add(lo->tree, pg, QR_AREA_CLIP);

		if (a != NULL) {
			a->x = rc.x;
			a->y = rc.y;
			a->w = rc.w;
			a->h = rc.h;
		}
	}
	if (spm->region[r] != NULL) {
		qr_fo_display_align da = spm->region[r]->inh->display_align;

		if (da == QR_DISPLAY_CENTER && h < rc.h)
			dy = (rc.h - h) / 2;
		else if (da == QR_DISPLAY_AFTER && h < rc.h)
			dy = rc.h - h;
	}
	qr_layout_paint_range(lo, &vl, 0, vl.n, pg, rc.x, rc.y + dy);
	if (clip)
		qr_area_add(lo->tree, pg, QR_AREA_UNCLIP);
	lo->st->in_static = 0;
	lo->tree->region = QR_AREA_IN_BODY;
	qr_vlist_free(&vl);
}

static int
S_limits_time(qr_layout *lo)
{
	const qr_limits *lim = &lo->q->limits;

	if (lim->max_seconds > 0 && qr_now() - lo->st->t0 > lim->max_seconds) {
		qr_diag(lo->q, QD_LIMIT, lo->file, 0, 0,
		    "layout took more than %g second%s, the limit; if the "
		    "document is right, raise it (--max-seconds)",
		    lim->max_seconds, lim->max_seconds == 1 ? "" : "s");
		return -1;
	}
	return 0;
}

static int
S_limits(qr_layout *lo)
{
	const qr_limits *lim = &lo->q->limits;

	if (lim->max_pages > 0 && lo->tree->npages >= (size_t)lim->max_pages) {
		qr_diag(lo->q, QD_LIMIT, lo->file, 0, 0,
		    "the document needs more than %d page%s, the limit; if "
		    "the document is right, raise it (--max-pages)",
		    lim->max_pages, lim->max_pages == 1 ? "" : "s");
		return -1;
	}
	if (lim->max_seconds > 0 && qr_now() - lo->st->t0 > lim->max_seconds) {
		qr_diag(lo->q, QD_LIMIT, lo->file, 0, 0,
		    "layout took more than %g second%s, the limit; if the "
		    "document is right, raise it (--max-seconds)",
		    lim->max_seconds, lim->max_seconds == 1 ? "" : "s");
		return -1;
	}
	return 0;
}

/* A page master whose region-body has no room is an error (else every
 * word would be an overfull line of its own). */
static int
S_master_ok(qr_layout *lo, const qr_fo *spm)
{
	qr_fo_rect b = qr_fo_body_rect(spm);
	const qr_fo *rb = spm->region[QR_REGION_BODY];
	double pw = qr_fo_page_width(spm), ph = qr_fo_page_height(spm);

	if (b.w > 0 && b.h > 0)
		return 0;
	/* The rectangle may come clamped at 0: see by how much it is
	 * short, from the margins themselves. A body of no height is
	 * allowed (its pages stay empty, as in FOP); one of negative
	 * height or no width is an error. */
	b.w = pw - qr_fo_len_resolve(spm->box->margin[QR_LEFT], pw, 0, 0) -
	    qr_fo_len_resolve(spm->box->margin[QR_RIGHT], pw, 0, 0);
	b.h = ph - qr_fo_len_resolve(spm->box->margin[QR_TOP], ph, 0, 0) -
	    qr_fo_len_resolve(spm->box->margin[QR_BOTTOM], ph, 0, 0);
	if (rb != NULL) {
		b.w -= qr_fo_len_resolve(rb->box->margin[QR_LEFT], pw, 0, 0) +
		    qr_fo_len_resolve(rb->box->margin[QR_RIGHT], pw, 0, 0);
		b.h -= qr_fo_len_resolve(rb->box->margin[QR_TOP], ph, 0, 0) +
		    qr_fo_len_resolve(rb->box->margin[QR_BOTTOM], ph, 0, 0);
	}
	if (b.w > 0 && b.h > -S_EPS)
		return 0;
	qr_diag(lo->q, QD_FO_BAD_VALUE, spm->file, spm->line, 0,
	    "fo:simple-page-master: the margins leave the region-body no room "
	    "(%s %.1fpt)", b.w <= 0 ? "width" : "height", b.w <= 0 ? b.w :
	    b.h);
	lo->st->failed = 1;
	return -1;
}

/* Paint the background-color of the page's regions (XSL 1.1 6.4.13-
 * 6.4.17: regions take the background properties) as fills over their
 * rectangles, first on the page so that they lie behind all content.
 * Where regions overlap, later ones cover earlier ones in the order
 * before, start, body, end, after (as FOP paints its regions). */
static void
S_region_backgrounds(qr_layout *lo, const qr_fo *spm, qr_page *pg)
{
	static const qr_fo_region order[] = {QR_REGION_BEFORE,
	    QR_REGION_START, QR_REGION_BODY, QR_REGION_END, QR_REGION_AFTER};
	size_t i;

	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		const qr_fo *reg = spm->region[order[i]];
		qr_fo_rect rc;
		qr_area *a;

		if (reg == NULL || !reg->box->has_background)
			continue;
		rc = qr_fo_region_rect(spm, order[i]);
		if (rc.w <= 0 || rc.h <= 0)
			continue;
		lo->tree->region = QR_AREA_IN_BODY + (int)order[i];
		a = qr_area_add(lo->tree, pg, QR_AREA_FILL);
		if (a == NULL) {
			S_nomem(lo);
			break;
		}
		a->x = rc.x;
		a->y = rc.y;
		a->w = rc.w;
		a->h = rc.h;
		a->u.fill.color = reg->box->background_color;
	}
}

/* A new page of the sequence: master, size, number and label. */
static qr_page *
S_new_page(qr_layout *lo, S_seq *s, const qr_fo *spm)
{
	char buf[64];
	qr_page *pg;
	int r;

	if (S_limits(lo) != 0)
		return NULL;
	if (S_master_ok(lo, spm) != 0)
		return NULL;
	pg = qr_area_page_add(lo->tree, qr_fo_page_width(spm),
	    qr_fo_page_height(spm));
	if (pg == NULL) {
		S_nomem(lo);
		return NULL;
	}
	pg->number = s->number;
	for (r = QR_REGION_BODY; r <= QR_REGION_END; r++) {
		qr_fo_rect rc = qr_fo_region_rect(spm, r);

		if (r == QR_REGION_BODY || spm->region[r] != NULL)
			qr_area_page_region(pg, QR_AREA_IN_BODY + (int)r,
			    rc.x, rc.y, rc.w, rc.h);
	}
	S_region_backgrounds(lo, spm, pg);
	/* The flow's areas go into the body; S_static() says otherwise. */
	lo->tree->region = QR_AREA_IN_BODY;
	qr_layout_format_number(s->number, s->seq->obj->format, buf,
	    sizeof buf);
	pg->label = qr_arena_strdup(lo->tree->arena, buf);
	lo->st->page_index = lo->tree->npages - 1;
	lo->st->label = pg->label;
	return pg;
}

/* Record what the page's static content will need (its markers), then
 * move the marker history on. */
static void
S_page_statics(qr_layout *lo, S_seq *s, const qr_fo *spm, qr_page *pg)
{
	S_state *st = lo->st;
	S_pagerec *nv, *r;

	(void)pg;
	nv = S_grow(st->recs, &st->crecs, st->nrecs + 1, sizeof *nv);
	if (nv == NULL) {
		S_nomem(lo);
		return;
	}
	st->recs = nv;
	r = &st->recs[st->nrecs++];
	memset(r, 0, sizeof *r);
	r->seq = s->seq;
	r->spm = spm;
	r->seq_index = st->seq_index;
	if (st->nev > 0) {
		r->ev = malloc(st->nev * sizeof *r->ev);
		if (r->ev == NULL) {
			S_nomem(lo);
			return;
		}
		memcpy(r->ev, st->ev, st->nev * sizeof *r->ev);
		r->nev = st->nev;
	}
	if (st->nlast > 0) {
		r->last = malloc(st->nlast * sizeof *r->last);
		if (r->last == NULL) {
			S_nomem(lo);
			return;
		}
		memcpy(r->last, st->last, st->nlast * sizeof *r->last);
		r->nlast = st->nlast;
	}
	S_markers_page_done(lo);
}

static void
S_recs_free(S_state *st)
{
	size_t k;

	for (k = 0; k < st->nrecs; k++) {
		free(st->recs[k].ev);
		free(st->recs[k].last);
	}
	st->nrecs = 0;
}

/* Static content of every page, with the markers each page recorded. */
static void
S_statics_all(qr_layout *lo)
{
	S_state *st = lo->st;
	S_event *ev = st->ev;
	S_lastmk *last = st->last;
	size_t nev = st->nev, nlast = st->nlast, k;

	for (k = 0; k < st->nrecs && k < lo->tree->npages && !st->failed;
	    k++) {
		const S_pagerec *r = &st->recs[k];
		qr_page *pg = lo->tree->pages[k];

		st->ev = r->ev;
		st->nev = r->nev;
		st->last = r->last;
		st->nlast = r->nlast;
		st->seq_index = r->seq_index;
		st->page_index = k;
		st->label = pg->label;
		S_static(lo, r->seq, r->spm, pg, QR_REGION_BEFORE);
		S_static(lo, r->seq, r->spm, pg, QR_REGION_AFTER);
		S_static(lo, r->seq, r->spm, pg, QR_REGION_START);
		S_static(lo, r->seq, r->spm, pg, QR_REGION_END);
	}
	st->ev = ev;
	st->nev = nev;
	st->last = last;
	st->nlast = nlast;
}

/* A page with no flow content; last: it ends the sequence (one that
 * force-page-count adds), so a page-position="last" master applies. */
static int
S_blank_page(qr_layout *lo, S_seq *s, int last)
{
	const qr_fo *spm = qr_fo_select_master(s->seq, s->page_index,
	    s->page_index == 0, last, (s->number & 1) != 0, 1);
	qr_page *pg = S_new_page(lo, s, spm);

	if (pg == NULL)
		return -1;
	/* Markers carried over a blank page still count. */
	lo->st->nev = 0;
	S_page_statics(lo, s, spm, pg);
	s->page_index++;
	s->number++;
	return 0;
}

/* True when the sequence's pages may have region-bodies of different
 * widths (its page-sequence-master names masters of different widths);
 * *hdiff set when they may have different heights. */
static int
S_widths_vary(const qr_fo *seq, int *hdiff)
{
	const qr_fo *m = seq->master, *c, *k;
	double w0 = -1, h0 = -1;
	int wdiff = 0;

	*hdiff = 0;
	if (m == NULL || m->type == FO_SIMPLE_PAGE_MASTER)
		return 0;
	for (c = m->first_child; c != NULL; c = c->next) {
		/* a reference, or the alternatives' conditional ones */
		const qr_fo *first = c->type ==
		    FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES ? c->first_child : c;

		for (k = first; k != NULL; k = k == c ? NULL : k->next) {
			qr_fo_rect b;

			if (k->master == NULL ||
			    k->master->type != FO_SIMPLE_PAGE_MASTER)
				continue;
			b = qr_fo_body_rect(k->master);
			if (w0 >= 0 && (b.w < w0 - 0.01 || b.w > w0 + 0.01))
				wdiff = 1;
			if (h0 >= 0 && (b.h < h0 - 0.01 || b.h > h0 + 0.01))
				*hdiff = 1;
			w0 = b.w;
			h0 = b.h;
		}
	}
	return wdiff;
}

/* True when a block-container in the flow has a percentage height, which
 * may refer to the region-body's height (XSL 1.1 7.15.3). */
static int
S_flow_pct_height(const qr_fo *flow)
{
	const qr_fo *n = flow != NULL ? flow->first_child : NULL;

	while (n != NULL) {
		if (n->type == FO_BLOCK_CONTAINER &&
		    n->box->bpd.opt.kind == QR_SIZE_LEN &&
		    n->box->bpd.opt.len.pct != 0)
			return 1;
		if (n->first_child != NULL) {
			n = n->first_child;
			continue;
		}
		while (n != NULL && n != flow && n->next == NULL)
			n = n->parent;
		n = n != NULL && n != flow ? n->next : NULL;
	}
	return 0;
}

/* Content laid out at another width than this page's body, from s->i on:
 * take it back, so that it is laid out again at this width (the rest of
 * a paragraph broken again from its first line not placed); so too, from
 * the first of them on, block-containers whose percentage height was
 * resolved against another body height than `height` (the flow walker
 * must have that height already). Only for sequences whose widths (or
 * heights) vary; 0, or -1 when it could not be taken back (the content
 * keeps its width), -2 when a height could not be (it keeps its height). */
static int
S_rewidth(qr_layout *lo, S_seq *s, double width, double height)
{
	size_t b, k, at = s->i;
	int wd;

	if (!s->vary || s->i >= s->flow.n)
		return 0;
	wd = qr_flowwalk_width_differs(s->fw, s->i, width);
	if (!wd && (!s->hvary ||
	    !qr_flowwalk_height_differs(s->fw, s->i, height, &at)))
		return 0;
	for (b = at; b < s->flow.n && s->flow.v[b].kind != QR_V_BOX; b++)
		;
	if (b >= s->flow.n)
		return 0;
	if (qr_flowwalk_rewind(s->fw, b, s->i, &s->stack) != 0)
		return wd ? -1 : -2;
	s->done = 0;
	s->has_box = 0;
	for (k = s->i; k < s->flow.n; k++)
		if (s->flow.v[k].kind == QR_V_BOX) {
			s->has_box = 1;
			s->last_box = k;
		}
	/* A table held open goes on at this width: lay its part out now,
	 * so the header and footer it repeats here (their heights, which
	 * the page reserves) are those of this width. */
	for (k = 0; k < s->stack.n; k++)
		if (s->stack.v[k].kind == 1) {
			(void)S_more(lo, s, width);
			if (lo->st->failed)
				return -1;
			break;
		}
	return 0;
}

/* Drop the items already placed, so a long flow keeps only what the
 * current page needs (memory stays bounded by the longest unit). */
static void
S_compact(S_seq *s)
{
	size_t i = s->i;

	if (s->vary)
		qr_flowwalk_forget(s->fw, i, 0);
	if (i < 4096 || i * 2 < s->flow.n)
		return;
	if (s->vary)
		qr_flowwalk_forget(s->fw, i, i);
	memmove(s->flow.v, s->flow.v + i, (s->flow.n - i) * sizeof *s->flow.v);
	s->flow.n -= i;
	if (s->has_box && s->last_box >= i)
		s->last_box -= i;
	else
		s->has_box = 0;
	s->i = 0;
}

/* True when the sequence's page masters include page-position="only". */
static int
S_uses_only(const qr_fo *seq)
{
	const qr_fo *k, *c;

	if (seq->master == NULL || seq->master->type == FO_SIMPLE_PAGE_MASTER)
		return 0;
	for (k = seq->master->first_child; k != NULL; k = k->next)
		for (c = k->first_child; c != NULL; c = c->next)
			if (c->type == FO_CONDITIONAL_PAGE_MASTER_REFERENCE &&
			    c->obj->page_position == QR_POS_ONLY)
				return 1;
	return 0;
}

/* True when force-page-count will add a page after the page being
 * built, were it the last with flow content. */
static int
S_forced_after(const S_seq *s)
{
	switch (s->seq->obj->force_page_count) {
	case QR_FORCE_EVEN:
		return ((s->page_index + 1) & 1) != 0;
	case QR_FORCE_ODD:
		return ((s->page_index + 1) & 1) == 0;
	case QR_FORCE_END_ON_EVEN:
		return (s->number & 1) != 0;
	case QR_FORCE_END_ON_ODD:
		return (s->number & 1) == 0;
	default:
		return 0;
	}
}

/* Build, paint and finish one page of the sequence. */
static int
S_page(qr_layout *lo, S_seq *s)
{
	S_state *st = lo->st;
	const qr_fo *spm;
	qr_fo_rect body;
	qr_page *pg;
	S_cut r;
	double fn0 = 0, fn0min, bx[2], y, budget;
	S_fnpart *ncarry = NULL;
	size_t nn = 0, cn = 0, k, placed_from;
	S_fnpart *parts = NULL;
	size_t nparts = 0, cparts = 0;
	int overflowed = 0, rw;

	spm = qr_fo_select_master(s->seq, s->page_index, s->page_index == 0, 0,
	    (s->number & 1) != 0, 0);
	if (S_master_ok(lo, spm) != 0)
		return -1;
	if (!S_flow_maps(s->seq, spm)) {
		/* Not this page's region: the page shows its static
		 * content only (as a blank page does). */
		if (++s->unmapped > 2) {
			qr_diag(lo->q, QD_FO_BAD_VALUE, s->seq->file,
			    s->seq->line, 0, "the flow '%s' has no region-body "
			    "of that name on the pages of this sequence",
			    s->seq->flow != NULL && s->seq->flow->obj->flow_name
			    != NULL ? s->seq->flow->obj->flow_name : "?");
			st->failed = 1;
			return -1;
		}
		pg = S_new_page(lo, s, spm);
		if (pg == NULL)
			return -1;
		st->nev = 0;
		S_page_statics(lo, s, spm, pg);
		s->page_index++;
		s->number++;
		return 0;
	}
	s->unmapped = 0;
	body = qr_fo_body_rect(spm);
	/* What the flow's percentage heights refer to from now on. */
	qr_flowwalk_set_height(s->fw, body.h > 0 ? body.h : 0);
	if (body.w < 1)
		body.w = 1;
	if (s->vary) {
		/* When the next page may have another width, lay out about a
		 * page at a time: what this page leaves is laid out again
		 * there, and a long unit must not be laid out to its end at
		 * each change (that would be quadratic). */
		const qr_fo *nm = qr_fo_select_master(s->seq, s->page_index + 1,
		    0, 0, ((s->number + 1) & 1) != 0, 0);
		double nw = qr_fo_body_rect(nm).w;

		qr_flowwalk_set_budget(s->fw, nw < body.w - 0.5 ||
		    nw > body.w + 0.5 ? body.h : 0);
	}
	/* Content laid out for a page of another width that continues
	 * here is laid out again at this width (and percentage heights laid
	 * out for another body height at this one; a table split across the
	 * pages goes on from its first row, or part of a row, not placed);
	 * where it cannot be (a table broken below the first row of a row
	 * span, or inside a table nested in a cell: qr_table_resume_at) it
	 * keeps its width: say so once. */
	rw = s->i >= s->flow.n ? 0 : s->vary ? S_rewidth(lo, s, body.w,
	    body.h > 0 ? body.h : 0) : body.w < s->ext_w - 0.5 ||
	    body.w > s->ext_w + 0.5 ? -1 : 0;
	if (rw == -1 && !st->warned_width) {
		qr_diag(lo->q, QD_LAYOUT, s->seq->file, s->seq->line, 0,
		    "content continues from a page whose region-body is "
		    "%.1fpt wide onto one (master '%s') %.1fpt wide; it keeps "
		    "its width", s->ext_w, spm->obj->master_name ?
		    spm->obj->master_name : "?", body.w);
		st->warned_width = 1;
	} else if (rw == -2) {
		qr_diag(lo->q, QD_LAYOUT, s->seq->file, s->seq->line, 0,
		    "a block-container whose height is a percentage of the "
		    "region-body's goes on onto a page (master '%s') whose "
		    "region-body is %.1fpt high; it keeps the height it was "
		    "given", spm->obj->master_name ? spm->obj->master_name :
		    "?", body.h);
	}
	s->width = body.w;
	S_compact(s);
	/* Carried footnotes come first, as much as fits. */
	for (k = 0; k < s->ncarry; k++)
		fn0 += S_height_from(&s->carry[k].fn->list, s->carry[k].from,
		    s->carry[k].fn->list.n);
	if (fn0 > 0)
		fn0 += st->sep_h;
	/* At least the first piece of the first carried note stays with
	 * the page's first body line; the rest may go on again. */
	fn0min = s->ncarry > 0 ? st->sep_h + S_fn_first(&s->carry[0].fn->list,
	    s->carry[0].from) : 0;
	if (fn0min > body.h)
		fn0min = body.h;
	S_scan(lo, s, body.h, body.w, fn0, fn0min, &r);
	if (st->failed)
		return -1;
	if (r.blank)
		return S_blank_page(lo, s, 0);
	/* The last page may want another master (page-position="last" or
	 * "only"): when the rest ends on this page, or, for the first page
	 * of a sequence with an "only" master, may end on that master's
	 * taller body (as FOP: a "last" master is tried only for what the
	 * other masters leave to the last page); not when force-page-count
	 * adds a page after it. */
	if (s->ncarry == 0 && qr_fo_master_uses_last(s->seq) &&
	    !S_forced_after(s)) {
		const qr_fo *m2 = qr_fo_select_master(s->seq, s->page_index,
		    s->page_index == 0, 1, (s->number & 1) != 0, 0);
		qr_fo_rect b2 = qr_fo_body_rect(m2);
		int ends = s->done && r.next >= s->flow.n;

		if (b2.w < 1)
			b2.w = 1;
		if (m2 != spm && S_flow_maps(s->seq, m2) && (ends ||
		    (s->page_index == 0 && S_uses_only(s->seq) &&
		    b2.h > body.h + S_EPS))) {
			S_cut r2;
			/* A master of another width: the page's content is
			 * laid out again at its width and tried there; when
			 * it does not all fit, again at this page's. Where it
			 * cannot be laid out again (inside some tables, see
			 * above), the master is not used. So too for another
			 * height, where percentage heights refer to it. */
			int rew = b2.w < body.w - 0.5 || b2.w > body.w + 0.5;
			int reh = !rew && s->hvary &&
			    (b2.h < body.h - 0.5 || b2.h > body.h + 0.5);
			double h1 = body.h > 0 ? body.h : 0;
			double h2 = b2.h > 0 ? b2.h : 0;

			if (rew || reh)
				qr_flowwalk_set_height(s->fw, h2);
			if ((!rew && !reh) || (s->vary && S_rewidth(lo, s,
			    b2.w, h2) == 0 && !st->failed)) {
				S_scan(lo, s, b2.h, b2.w, fn0, fn0min, &r2);
				if (st->failed)
					return -1;
				if (!r2.blank && s->done &&
				    r2.next >= s->flow.n) {
					spm = m2;
					body = b2;
					r = r2;
					s->width = b2.w;
					qr_flowwalk_set_height(s->fw, h2);
				} else if (rew || reh) {
					qr_flowwalk_set_height(s->fw, h1);
					if (S_rewidth(lo, s, body.w, h1) != 0)
						return S_nomem(lo);
					S_scan(lo, s, body.h, body.w, fn0,
					    fn0min, &r);
					if (st->failed)
						return -1;
				}
			} else if (rew || reh) {
				qr_flowwalk_set_height(s->fw, h1);
			}
		}
	}
	if (r.keep_broken && S_warn_once(st, r.keep_fo != NULL ? r.keep_fo :
	    (const void *)s->seq)) {
		const qr_fo *kf = r.keep_fo != NULL ? r.keep_fo : s->seq;

		qr_diag(lo->q, QD_KEEP_BROKEN, kf->file, kf->line, 0,
		    "a keep (or widows/orphans) could not be honoured on page "
		    "%d: broken at the best place", (int)lo->tree->npages + 1);
	}
	pg = S_new_page(lo, s, spm);
	if (pg == NULL)
		return -1;
	/* The body. */
	bx[0] = body.x;
	bx[1] = s->width;
	st->npagefn = 0;
	{
		qr_frag_hooks hk;

		hk.mark = S_page_mark;
		hk.user = bx;
		y = qr_layout_paint_fragment_adj(lo, &s->flow, s->i, r.cut,
		    pg, body.x, body.y, &s->stack, &hk, r.ratio);
	}
	/* Footers repeated at the foot of this page bring their notes. */
	for (k = 0; k < s->stack.n; k++) {
		const qr_vtable *t = s->stack.v[k].p;
		size_t i;

		if (s->stack.v[k].kind != 1 || t->omit_footer_at_break)
			continue;
		for (i = 0; i < t->n_footer_notes; i++)
			S_pagefn_add(lo, t->footer_notes[i], bx[1]);
	}
	if (r.overflow && S_warn_once(st, (const char *)(r.over_fo != NULL ?
	    (const void *)r.over_fo : (const void *)s->seq) + 1)) {
		/* once per FO (the +1 keeps these apart from keep warnings
		 * in the same set) */
		const qr_fo *of = r.over_fo != NULL ? r.over_fo : s->seq;

		qr_diag(lo->q, QD_OVERFLOW, of->file, of->line, 0,
		    "content taller than the page body (%.1fpt) placed on page "
		    "%d and overflows it", body.h, (int)lo->tree->npages);
		overflowed = 1;
	}
	/* Footnotes: carried parts, then those cited on this page; what does
	 * not fit is split at a legal break and continues overleaf. */
	budget = body.y + body.h - y;
	for (k = 0; k < s->ncarry; k++)
		if (S_carry_add(lo, &parts, &nparts, &cparts, s->carry[k].fn,
		    s->carry[k].from) != 0)
			goto fail;
	for (k = 0; k < st->npagefn; k++) {
		/* A note is set once a page: a repeated header's note that
		 * did not fit on the page before comes back carried, not
		 * again whole besides. */
		size_t j;

		for (j = 0; j < nparts && parts[j].fn != st->pagefn[k]; j++)
			;
		if (j < nparts)
			continue;
		if (S_carry_add(lo, &parts, &nparts, &cparts, st->pagefn[k],
		    0) != 0)
			goto fail;
	}
	if (nparts > 0) {
		double used_total = st->sep_h, used;
		size_t *ends = calloc(nparts, sizeof *ends);
		int full = 0;

		if (ends == NULL)
			goto fail;
		for (k = 0; k < nparts; k++) {
			const qr_vlist *fl = &parts[k].fn->list;

			if (full) {
				ends[k] = parts[k].from;
				continue;
			}
			ends[k] = S_fn_fit(fl, parts[k].from,
			    budget - used_total, &used);
			if (ends[k] == parts[k].from && k == 0 &&
			    r.cut == s->i) {
				/* A page with nothing else must place at
				 * least the first piece: progress. */
				size_t e;

				for (e = parts[k].from + 1; e < fl->n &&
				    !(fl->v[e].kind == QR_V_PENALTY &&
				    fl->v[e].penalty < QR_PEN_INF); e++)
					;
				ends[k] = e;
				used = S_height_from(fl, parts[k].from, e);
			}
			if (ends[k] < fl->n)
				full = 1;
			used_total += used;
		}
		/* Paint the separator and the parts from the top of the
		 * footnote area. */
		placed_from = 0;
		for (k = 0; k < nparts; k++)
			if (ends[k] > parts[k].from)
				placed_from = 1;
		if (placed_from) {
			double fy = body.y + body.h - used_total;

			if (fy < y)
				fy = y;
			if (st->sep.n > 0)
				qr_layout_paint_range(lo, &st->sep, 0,
				    st->sep.n, pg, body.x, fy);
			fy += st->sep_h;
			for (k = 0; k < nparts; k++) {
				if (ends[k] <= parts[k].from)
					continue;
				fy += qr_layout_paint_range(lo,
				    &parts[k].fn->list, parts[k].from,
				    ends[k], pg, body.x, fy);
			}
		}
		for (k = 0; k < nparts; k++) {
			size_t from = ends[k];
			const qr_vlist *fl = &parts[k].fn->list;

			if (from >= fl->n)
				continue;
			/* skip the break itself */
			if (from > parts[k].from && fl->v[from].kind ==
			    QR_V_PENALTY)
				from++;
			if (S_carry_add(lo, &ncarry, &nn, &cn, parts[k].fn,
			    from) != 0) {
				free(ends);
				goto fail;
			}
		}
		free(ends);
	}
	free(parts);
	parts = NULL;
	free(s->carry);
	s->carry = ncarry;
	s->ncarry = nn;
	s->ccarry = cn;
	ncarry = NULL;
	(void)overflowed;
	/* Static content last: it may retrieve this page's markers. */
	S_page_statics(lo, s, spm, pg);
	s->i = r.next;
	s->page_index++;
	s->number++;
	return st->failed ? -1 : 0;
fail:
	free(parts);
	free(ncarry);
	return -1;
}

/* The first number of a sequence, from its initial-page-number and the
 * number the previous one ended with. */
static int
S_first_number(const qr_fo *seq, int last)
{
	int n = last + 1;

	switch (seq->obj->initial_page_kind) {
	case QR_INITIAL_NUMBER:
		return seq->obj->initial_page_number;
	case QR_INITIAL_AUTO_ODD:
		return (n & 1) ? n : n + 1;
	case QR_INITIAL_AUTO_EVEN:
		return (n & 1) ? n + 1 : n;
	default:
		return n;
	}
}

/* A number that grows whenever a page places body items or footnote
 * pieces: the guard against a builder that would loop. */
static size_t
S_progress(const S_seq *s)
{
	size_t k, p = s->i * 2 + (s->ncarry == 0);

	for (k = 0; k < s->ncarry; k++)
		p += s->carry[k].from;
	return p;
}

static int
S_sequence_run(qr_layout *lo, S_seq *s)
{
	S_state *st = lo->st;
	const qr_fo *spm, *sep;
	qr_fo_rect body;
	size_t k;
	int guard = 0;

	spm = qr_fo_select_master(s->seq, 0, 1, 0, (s->number & 1) != 0, 0);
	if (S_master_ok(lo, spm) != 0)
		return -1;
	body = qr_fo_body_rect(spm);
	s->width = s->ext_w = body.w > 1 ? body.w : 1;
	st->warned_width = 0;
	/* The footnote separator, laid out once per sequence. */
	S_footnotes_free(st);
	sep = qr_fo_static_content(s->seq, "xsl-footnote-separator");
	if (sep != NULL) {
		if (qr_layout_block_content(lo, &st->sep, sep, s->width, -1,
		    0, 0) != 0)
			return -1;
		st->sep_h = S_height_from(&st->sep, 0, st->sep.n);
	}
	s->fw = qr_flowwalk_new(lo, &s->flow, s->seq->flow);
	if (s->fw == NULL)
		return -1;
	qr_flowwalk_set_height(s->fw, body.h > 0 ? body.h : 0);
	s->vary = S_widths_vary(s->seq, &s->hvary);
	/* Heights that differ matter where percentage heights refer to
	 * them. */
	s->hvary = s->hvary && S_flow_pct_height(s->seq->flow);
	if (s->hvary)
		s->vary = 1;
	if (s->vary)
		qr_flowwalk_keep_states(s->fw);
	/* Pages until the flow's last box and every footnote are placed;
	 * each page consumes at least one item or one footnote piece, or is
	 * a blank page that fixes the parity (at most one in a row). */
	for (;;) {
		size_t before = S_progress(s);
		const qr_fo *nm = qr_fo_select_master(s->seq, s->page_index,
		    s->page_index == 0, 0, (s->number & 1) != 0, 0);
		qr_fo_rect nb = qr_fo_body_rect(nm);
		int more;

		if (!S_flow_maps(s->seq, nm)) {
			/* A page the flow does not go on: lay nothing out at
			 * its width. */
			if (s->page_index > 0 && s->done && s->ncarry == 0 &&
			    !(s->has_box && s->last_box >= s->i))
				break;
			if (S_page(lo, s) != 0)
				return -1;
			continue;
		}
		more = S_more(lo, s, nb.w > 1 ? nb.w : 1);

		if (st->failed)
			return -1;
		if (!more && s->ncarry == 0 && s->page_index > 0)
			break;
		if (S_page(lo, s) != 0)
			return -1;
		if (S_progress(s) == before) {
			if (++guard > 2) {
				qr_diag(lo->q, QD_INTERNAL, lo->file, 0, 0,
				    "page builder made no progress");
				return -1;
			}
		} else {
			guard = 0;
		}
	}
	/* Marks after the last box (ids of empty blocks at the end). */
	if (s->i < s->flow.n && lo->tree->npages > 0) {
		for (k = s->i; k < s->flow.n; k++) {
			const qr_vitem *it = &s->flow.v[k];

			if (it->kind == QR_V_MARK && it->sub == QR_MARK_ID) {
				S_id *e = S_ids_add(&st->cur, it->data);

				if (e != NULL && e->page < 0) {
					e->page = e->last =
					    (int)lo->tree->npages - 1;
					e->y = body.y;
				}
			}
		}
	}
	/* force-page-count */
	switch (s->seq->obj->force_page_count) {
	case QR_FORCE_EVEN:
		if (s->page_index & 1)
			if (S_blank_page(lo, s, 1) != 0)
				return -1;
		break;
	case QR_FORCE_ODD:
		if (!(s->page_index & 1))
			if (S_blank_page(lo, s, 1) != 0)
				return -1;
		break;
	case QR_FORCE_END_ON_EVEN:
		if ((s->number - 1) & 1)
			if (S_blank_page(lo, s, 1) != 0)
				return -1;
		break;
	case QR_FORCE_END_ON_ODD:
		if (!((s->number - 1) & 1))
			if (S_blank_page(lo, s, 1) != 0)
				return -1;
		break;
	default:
		break;
	}
	/* An id on the page-sequence (or its flow) names its first page,
	 * top, and its last page (page-number-citation-last). */
	{
		const char *sid[2];
		int j;

		sid[0] = s->seq->id;
		sid[1] = s->seq->flow != NULL ? s->seq->flow->id : NULL;
		for (j = 0; j < 2; j++) {
			S_id *e;

			if (sid[j] == NULL || lo->tree->npages < (size_t)s->page_index)
				continue;
			e = S_ids_add(&st->cur, sid[j]);
			if (e == NULL)
				return S_nomem(lo);
			e->page = (int)(lo->tree->npages - (size_t)s->page_index);
			e->last = (int)lo->tree->npages - 1;
			e->x = 0;
			e->y = 0;
		}
	}
	return 0;
}

static void
S_seq_free(S_seq *s)
{
	qr_flowwalk_free(s->fw);
	s->fw = NULL;
	qr_vlist_free(&s->flow);
	qr_openstack_free(&s->stack);
	free(s->carry);
	s->carry = NULL;
	s->ncarry = s->ccarry = 0;
}

/* ---- bookmarks and links ---------------------------------------------------- */

static void
S_title(const qr_fo *n, char *buf, size_t len, size_t *o, int *space)
{
	const qr_fo *c;
	size_t i;

	for (c = n->first_child; c != NULL; c = c->next) {
		if (c->type == FO_TEXT) {
			for (i = 0; i < c->text_len; i++) {
				char ch = c->text[i];

				if (ch == ' ' || ch == '\n' || ch == '\t' ||
				    ch == '\r') {
					*space = 1;
					continue;
				}
				if (*space && *o > 0 && *o + 1 < len)
					buf[(*o)++] = ' ';
				*space = 0;
				if (*o + 1 < len)
					buf[(*o)++] = ch;
			}
		} else {
			S_title(c, buf, len, o, space);
		}
	}
	buf[*o] = '\0';
}

static void
S_bookmarks(qr_layout *lo, const qr_fo *n, qr_outline *parent)
{
	const qr_fo *b, *t;

	for (b = qr_fo_child(n, FO_BOOKMARK); b != NULL;
	    b = qr_fo_next_of(b, FO_BOOKMARK)) {
		char title[1024];
		size_t o = 0;
		int space = 0, page = -1;
		double x = 0, y = 0;
		S_id *e;
		qr_outline *ol;

		title[0] = '\0';
		t = qr_fo_child(b, FO_BOOKMARK_TITLE);
		if (t != NULL)
			S_title(t, title, sizeof title, &o, &space);
		e = S_ids_find(&lo->st->cur, b->obj->internal_destination);
		if (e != NULL && e->page >= 0) {
			page = e->page;
			x = e->x;
			y = e->y;
		} else if (b->obj->internal_destination != NULL) {
			qr_diag(lo->q, QD_CITATION, b->file, b->line, 0,
			    "bookmark destination '%s' is not an id in the "
			    "document", b->obj->internal_destination);
		}
		ol = qr_area_outline_add(lo->tree, parent, title, page, x, y,
		    b->obj->starting_state_show);
		if (ol == NULL) {
			S_nomem(lo);
			return;
		}
		S_bookmarks(lo, b, ol);
	}
}

/* The first FO of one of the types t1/t2 whose string field (ref_id or
 * internal_destination) is id, for naming a line in diagnostics. */
static const qr_fo *
S_find_ref(qr_layout *lo, qr_fo_type t1, qr_fo_type t2, const char *id,
    int dest)
{
	const qr_fo *root = qr_fo_root(lo->doc), *n;

	for (n = root; n != NULL; n = qr_fo_next_preorder(n, root, 0)) {
		const char *v;

		if (n->type != t1 && n->type != t2)
			continue;
		v = dest ? n->obj->internal_destination : n->obj->ref_id;
		if (v != NULL && strcmp(v, id) == 0)
			return n;
	}
	return NULL;
}

static void
S_links_patch(qr_layout *lo)
{
	S_state *st = lo->st;
	size_t k;

	for (k = 0; k < st->nlinks; k++) {
		S_link *lk = &st->links[k];
		S_id *e = S_ids_find(&st->cur, lk->id);
		qr_page *pg;

		if (lk->page >= lo->tree->npages)
			continue;
		pg = lo->tree->pages[lk->page];
		if (lk->area >= pg->nareas ||
		    pg->areas[lk->area].kind != QR_AREA_LINK)
			continue;
		if (e == NULL || e->page < 0) {
			const qr_fo *c = S_find_ref(lo, FO_BASIC_LINK,
			    FO_BASIC_LINK, lk->id, 1);

			if (S_warn_once(st, lk->id))
				qr_diag(lo->q, QD_CITATION, c != NULL ?
				    c->file : lo->file, c != NULL ? c->line : 0,
				    0, "link destination '%s' is not an id in "
				    "the document", lk->id);
			/* A link to nowhere is left out. */
			pg->areas[lk->area].kind = QR_AREA_FILL;
			pg->areas[lk->area].w = -1;
			continue;
		}
		pg->areas[lk->area].u.link.dest_page = e->page;
		pg->areas[lk->area].u.link.dest_x = e->x;
		pg->areas[lk->area].u.link.dest_y = e->y;
	}
	/* Drop the areas marked above (w < 0 fills), keeping order. */
	for (k = 0; k < lo->tree->npages; k++) {
		qr_page *pg = lo->tree->pages[k];
		size_t i, o = 0;

		for (i = 0; i < pg->nareas; i++)
			if (!(pg->areas[i].kind == QR_AREA_FILL &&
			    pg->areas[i].w < 0))
				pg->areas[o++] = pg->areas[i];
		pg->nareas = o;
	}
}

/* ---- passes ---------------------------------------------------------------------- */

static char *
S_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

/* Labels of this pass's ids, kept for the next pass. */
static int
S_ids_label(qr_layout *lo)
{
	S_ids *t = &lo->st->cur;
	size_t k;

	for (k = 0; k < t->cap; k++) {
		S_id *e = &t->v[k];
		const char *a, *b;

		if (e->id == NULL)
			continue;
		a = S_page_label(lo, e->page);
		b = S_page_label(lo, e->last >= 0 ? e->last : e->page);
		free(e->label);
		free(e->label_last);
		e->label = a != NULL ? S_strdup(a) : NULL;
		e->label_last = b != NULL ? S_strdup(b) : NULL;
		if ((a != NULL && e->label == NULL) ||
		    (b != NULL && e->label_last == NULL))
			return -1;
	}
	return 0;
}

/* After the last pass: the citations whose answer still moves. */
static void
S_report_unsettled(qr_layout *lo)
{
	S_state *st = lo->st;
	size_t k, j;

	for (k = 0; k < st->nguesses; k++) {
		const S_guess *g = &st->guesses[k];
		S_id *e = S_ids_find(&st->cur, g->id), *p;
		const char *f, *a, *b;
		const qr_fo *c;

		if (e == NULL || g->in_static)
			continue;
		f = g->last ? e->label_last : e->label;
		if (f == NULL || strcmp(f, g->label) == 0)
			continue;
		for (j = 0; j < k; j++)
			if (strcmp(st->guesses[j].id, g->id) == 0 &&
			    !st->guesses[j].in_static)
				break;
		if (j < k)
			continue; /* reported with its first guess */
		p = S_ids_find(&st->prev, g->id);
		a = g->label;
		b = f;
		if (p != NULL && p->page > e->page) {
			a = f;
			b = g->label;
		}
		c = S_find_ref(lo, FO_PAGE_NUMBER_CITATION,
		    FO_PAGE_NUMBER_CITATION_LAST, g->id, 0);
		qr_diag(lo->q, QD_CITATION, c != NULL ? c->file : lo->file,
		    c != NULL ? c->line : 0, 0, "%s of '%s' does not settle "
		    "(it moves its own target between pages %s and %s); it "
		    "shows the last pass's answer", c != NULL ?
		    qr_fo_type_name(c->type) : "page-number-citation", g->id,
		    a, b);
	}
}

static int
S_pass(qr_layout *lo)
{
	S_state *st = lo->st;
	const qr_fo *seq;
	const qr_fo *bt;
	S_seq s, prevs;
	int last = 0, have_prev = 0, rc = 0;

	memset(&prevs, 0, sizeof prevs);
	st->seq_index = 0;
	for (seq = qr_fo_first_page_sequence(lo->doc); seq != NULL;
	    seq = qr_fo_next_page_sequence(seq)) {
		int first;

		memset(&s, 0, sizeof s);
		s.seq = seq;
		s.index = st->seq_index;
		first = S_first_number(seq, last);
		/* force-page-count="auto" on the previous sequence: end it so
		 * that this one's first number follows without a gap in
		 * parity. */
		if (have_prev && prevs.seq->obj->force_page_count ==
		    QR_FORCE_AUTO && ((first - last - 1) & 1)) {
			st->seq_index--;
			if (S_blank_page(lo, &prevs, 0) != 0) {
				rc = -1;
				break;
			}
			st->seq_index++;
		}
		s.number = first;
		rc = S_sequence_run(lo, &s);
		last = s.number - 1;
		S_seq_free(&s);
		if (rc != 0)
			break;
		prevs = s;
		have_prev = 1;
		st->seq_index++;
	}
	S_footnotes_free(st);
	if (rc != 0) {
		S_recs_free(st);
		return -1;
	}
	/* An id on fo:root names the document's first and last pages. */
	{
		const qr_fo *root = qr_fo_root(lo->doc);

		if (root != NULL && root->id != NULL && lo->tree->npages > 0) {
			S_id *e = S_ids_add(&st->cur, root->id);

			if (e == NULL) {
				S_recs_free(st);
				return S_nomem(lo);
			}
			e->page = 0;
			e->last = (int)lo->tree->npages - 1;
			e->x = 0;
			e->y = 0;
		}
	}
	st->final_paint = 1;
	S_paint_deferred(lo);
	S_statics_all(lo);
	st->final_paint = 0;
	S_recs_free(st);
	S_links_patch(lo);
	bt = qr_fo_bookmark_tree(lo->doc);
	if (bt != NULL)
		S_bookmarks(lo, bt, NULL);
	return st->failed ? -1 : 0;
}

/* Diagnostics of a pass are held back and only the last pass's are
 * reported, so that a document laid out twice warns once. */
typedef struct S_held {
	qr_code code;
	quire_severity sev;
	char *file, *msg;
	int line, col;
} S_held;

typedef struct S_holder {
	S_held *v;
	size_t n, cap;
	int lost;
} S_holder;

static char *
S_dup0(const char *s)
{
	return s != NULL ? S_strdup(s) : NULL;
}

static void
S_hold(const quire_diagnostic *d, void *user)
{
	S_holder *h = user;
	S_held *nv;
	int c;

	nv = S_grow(h->v, &h->cap, h->n + 1, sizeof *nv);
	if (nv == NULL) {
		h->lost++;
		return;
	}
	h->v = nv;
	for (c = 0; c < QD__COUNT; c++)
		if (strcmp(qr_code_name((qr_code)c), d->code) == 0)
			break;
	nv[h->n].code = c < QD__COUNT ? (qr_code)c : QD_LAYOUT;
	nv[h->n].sev = d->severity;
	nv[h->n].file = S_dup0(d->file);
	nv[h->n].msg = S_dup0(d->message);
	nv[h->n].line = d->line;
	nv[h->n].col = d->column;
	h->n++;
}

static void
S_holder_clear(S_holder *h)
{
	size_t k;

	for (k = 0; k < h->n; k++) {
		free(h->v[k].file);
		free(h->v[k].msg);
	}
	h->n = 0;
}

/* Put the real handler back (and the counts as they were), then report
 * what was held when `replay`. */
static void
S_release(quire *q, S_holder *h, quire_diagnostic_fn fn, void *user,
    const unsigned *counts, int replay)
{
	size_t k;

	q->diag_fn = fn;
	q->diag_user = user;
	memcpy(q->counts, counts, sizeof q->counts);
	/* What was held passed the check for repeats on the way in; those
	 * reported now must pass it again, those dropped leave no trace. */
	qr_diag_once_clear(q);
	if (replay)
		for (k = 0; k < h->n; k++)
			qr_diag_sev(q, h->v[k].code, h->v[k].sev, h->v[k].file,
			    h->v[k].line, h->v[k].col, "%s",
			    h->v[k].msg != NULL ? h->v[k].msg : "");
	S_holder_clear(h);
}

qr_area_tree *
qr_layout_run(quire *q, qr_fo_doc *doc, qr_fonts *fonts)
{
	quire_diagnostic_fn ofn = q->diag_fn;
	void *ouser = q->diag_user;
	unsigned ocounts[3];
	S_holder held = {NULL, 0, 0, 0};
	qr_layout lo;
	S_state st;
	qr_area_tree *tree = NULL;
	qr_arena *arena = NULL;
	int pass;
	double t0 = qr_now();

	memset(&lo, 0, sizeof lo);
	memset(&st, 0, sizeof st);
	lo.q = q;
	lo.fonts = fonts;
	lo.doc = doc;
	lo.file = qr_fo_file(doc);
	lo.st = &st;
	st.t0 = t0;
	qr_vlist_init(&st.sep);
	memcpy(ocounts, q->counts, sizeof ocounts);
	/* Content laid out again (static content on every page, a cell
	 * measured and then laid out) warns once. */
	qr_diag_once_begin(q);
	for (pass = 1; pass <= 3; pass++) {
		q->diag_fn = S_hold;
		q->diag_user = &held;
		st.nwarned = 0;
		if (st.warned != NULL)
			memset(st.warned, 0, st.cwarned * sizeof *st.warned);
		/* Everything a pass allocates (paragraphs, painter data) lives
		 * in the tree's arena: the areas may point into it, and a
		 * discarded pass is freed with its tree. */
		tree = qr_area_tree_new();
		if (tree == NULL) {
			qr_diag(q, QD_NOMEM, lo.file, 0, 0, "out of memory");
			goto fail;
		}
		arena = tree->arena;
		if (lo.ienv == NULL) {
			lo.ienv = qr_inline_env_new(q, fonts, arena);
			if (lo.ienv == NULL) {
				qr_diag(q, QD_NOMEM, lo.file, 0, 0,
				    "out of memory");
				goto fail;
			}
		}
		lo.arena = arena;
		lo.tree = tree;
		lo.spans = NULL;
		qr_inline_env_set_arena(lo.ienv, arena);
		st.pass = pass;
		st.mismatch = 0;
		/* Nothing may point into the previous pass's tree. */
		st.label = NULL;
		{
			qr_resolver res = S_resolver(&lo, NULL, 0);

			qr_inline_env_set_resolver(lo.ienv, &res);
		}
		st.nlinks = 0;
		st.nguesses = 0;
		st.ndefer = 0;
		st.nlast = 0;
		st.nev = 0;
		st.warned_keep = 0;
		st.measured_refs = qr_inline_env_measured_refs(lo.ienv);
		{
			double tp = qr_now();
			static const char *const names[] = {"layout pass 1",
			    "layout pass 2", "layout pass 3"};

			if (S_pass(&lo) != 0)
				goto fail;
			qr_timing(q, names[pass - 1], qr_now() - tp);
		}
		q->layout_passes = pass;
		if (S_ids_label(&lo) != 0) {
			qr_diag(q, QD_NOMEM, lo.file, 0, 0, "out of memory");
			goto fail;
		}
		/* Another pass only when a line was laid out with a page
		 * reference of another width than its final one, or static
		 * content painted a guess that turned out wrong; at most 3
		 * passes (a citation can move its own target). */
		if (pass == 3 || (S_guesses_wrong(&lo) == 0 &&
		    st.mismatch == 0)) {
			if (pass == 3 && (st.mismatch > 0 ||
			    S_guesses_wrong(&lo) > 0))
				S_report_unsettled(&lo);
			S_release(q, &held, ofn, ouser, ocounts, 1);
			break;
		}
		S_release(q, &held, ofn, ouser, ocounts, 0);
		S_ids_free(&st.prev);
		st.prev = st.cur;
		memset(&st.cur, 0, sizeof st.cur);
		qr_area_tree_free(tree);
		tree = NULL;
	}
	S_ids_free(&st.cur);
	S_ids_free(&st.prev);
	free(st.ev);
	free(st.last);
	free(st.links);
	free(st.guesses);
	free(st.defer);
	free(st.recs);
	free(st.fns);
	free(st.pagefn);
	free(st.warned);
	free(held.v);
	qr_layout_rules_free(&lo);
	qr_inline_env_free(lo.ienv);
	qr_diag_once_end(q);
	return tree;
fail:
	/* What went wrong is reported, with what led to it. */
	S_release(q, &held, ofn, ouser, ocounts, 1);
	qr_diag_once_end(q);
	free(held.v);
	qr_layout_rules_free(&lo);
	free(st.warned);
	S_ids_free(&st.cur);
	S_ids_free(&st.prev);
	free(st.ev);
	free(st.last);
	free(st.links);
	free(st.guesses);
	free(st.defer);
	free(st.recs);
	free(st.fns);
	free(st.pagefn);
	qr_vlist_free(&st.sep);
	if (lo.ienv != NULL)
		qr_inline_env_free(lo.ienv);
	qr_area_tree_free(tree);
	return NULL;
}
