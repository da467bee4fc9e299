/* layout_vlist.c: vertical lists (append, measure), keep penalties, block
 * decorations, and the fragment painter shared by the page builder, block
 * containers, list labels and table cells. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fo.h"
#include "layout_int.h"

void
qr_vlist_init(qr_vlist *l)
{
	l->v = NULL;
	l->n = l->cap = 0;
}

void
qr_vlist_free(qr_vlist *l)
{
	free(l->v);
	qr_vlist_init(l);
}

int
qr_vlist_push(qr_layout *lo, qr_vlist *l, const qr_vitem *it)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		qr_vitem *nv = realloc(l->v, cap * sizeof *nv);

		if (nv == NULL) {
			if (lo != NULL)
				qr_diag(lo->q, QD_NOMEM, lo->file, 0, 0,
				    "out of memory in layout");
			return -1;
		}
		l->v = nv;
		l->cap = cap;
	}
	l->v[l->n++] = *it;
	return 0;
}

int
qr_vlist_box(qr_layout *lo, qr_vlist *l, double h, double x, double w,
    qr_paint_fn paint, const void *data)
{
	qr_vitem it;

	memset(&it, 0, sizeof it);
	it.kind = QR_V_BOX;
	it.h = h;
	it.x = x;
	it.w = w;
	it.paint = paint;
	it.data = data;
	return qr_vlist_push(lo, l, &it);
}

int
qr_vlist_glue(qr_layout *lo, qr_vlist *l, double h, double stretch,
    double shrink, int retain)
{
	qr_vitem it;

	memset(&it, 0, sizeof it);
	it.kind = QR_V_GLUE;
	it.sub = retain ? QR_VGLUE_RETAIN : QR_VGLUE_DISCARD;
	it.h = h;
	it.stretch = stretch;
	it.shrink = shrink;
	return qr_vlist_push(lo, l, &it);
}

int
qr_vlist_penalty(qr_layout *lo, qr_vlist *l, int penalty, int brk)
{
	qr_vitem it;

	memset(&it, 0, sizeof it);
	it.kind = QR_V_PENALTY;
	if (penalty > QR_PEN_INF)
		penalty = QR_PEN_INF;
	if (penalty < QR_PEN_FORCE)
		penalty = QR_PEN_FORCE;
	it.penalty = penalty;
	it.sub = (unsigned char)brk;
	return qr_vlist_push(lo, l, &it);
}

int
qr_vlist_mark(qr_layout *lo, qr_vlist *l, qr_mark_kind kind,
    const void *data)
{
	qr_vitem it;

	memset(&it, 0, sizeof it);
	it.kind = QR_V_MARK;
	it.sub = (unsigned char)kind;
	it.data = data;
	return qr_vlist_push(lo, l, &it);
}

double
qr_vlist_height(const qr_vlist *l, size_t from, size_t to)
{
	double h = 0;
	size_t i;

	for (i = from; i < to && i < l->n; i++)
		if (l->v[i].kind == QR_V_BOX || l->v[i].kind == QR_V_GLUE)
			h += l->v[i].h;
	return h;
}

int
qr_layout_keep_penalty(int strength)
{
	long p;

	if (strength <= 0)
		return 0;
	if (strength == INT_MAX)
		return QR_PEN_INF;
	/* An integer strength discourages: it outweighs leaving up to about
	 * two thirds of a page empty per 300 (see the page cost), and a
	 * stronger keep outweighs a weaker one. */
	p = 300L * strength;
	return p >= QR_PEN_INF ? QR_PEN_INF - 1 : (int)p;
}

int
qr_vlist_hoist_marks(qr_layout *lo, qr_vlist *out, const qr_vlist *l,
    size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to && i < l->n; i++) {
		qr_vitem h;

		if (qr_vitem_hoisted(&l->v[i], &h) &&
		    qr_vlist_push(lo, out, &h) != 0)
			return -1;
	}
	return 0;
}

int
qr_vitem_hoisted(const qr_vitem *it, qr_vitem *out)
{
	if (it->kind != QR_V_MARK)
		return 0;
	switch (it->sub) {
	case QR_MARK_ID:
	case QR_MARK_FOOTNOTE:
	case QR_MARK_MARKERS:
		*out = *it;
		return 1;
	case QR_MARK_BLOCK_OPEN:
		if (!((const qr_vblock *)it->data)->has_markers)
			return 0;
		*out = *it;
		out->sub = QR_MARK_MARKERS;
		return 1;
	default:
		return 0;
	}
}

/* ---- decorations --------------------------------------------------------- */

void
qr_layout_rule(qr_layout *lo, qr_page *pg, double x1, double y1, double x2,
    double y2, double width, int style, qr_color color)
{
	qr_area *a;

	if (width <= 0)
		return;
	a = qr_area_add(lo->tree, pg, QR_AREA_LINE);
	if (a == NULL)
		return;
	a->x = x1;
	a->y = y1;
	a->w = x2 - x1;
	a->h = y2 - y1;
	a->u.line.color = color;
	a->u.line.thickness = width;
	switch (style) {
	case QR_BORDER_DASHED:
		a->u.line.style = QR_LINE_DASHED;
		break;
	case QR_BORDER_DOTTED:
		a->u.line.style = QR_LINE_DOTTED;
		break;
	case QR_BORDER_DOUBLE:
		a->u.line.style = QR_LINE_DOUBLE;
		break;
	default:
		a->u.line.style = QR_LINE_SOLID;
		break;
	}
}

/* ---- joined rules -------------------------------------------------------- */

struct qr_rule_pending {
	double a0, a1;      /* along the rule, a0 <= a1 */
	double c;           /* across: x of a vertical rule, y of a horizontal */
	long long key;      /* c in 1/10000 pt: equal for the same line */
	double width;
	qr_color color;
	int style;
	int vertical;
	size_t seq;         /* order given (the last of those joined) */
	size_t first;       /* order given of the first piece along the line */
	size_t gid;         /* its group (line and kind), see below */
};

/* Groups of held rules of one line and kind (what S_rule_same compares):
 * an open-addressed table of group indices by hash, and per group the
 * record its next piece may extend. */
struct qr_rule_group {
	uint64_t hash;
	size_t last;        /* index in lo->rules of its latest record */
	double max_a0;      /* the largest a0 given so far */
	int sorted;         /* every piece given so far in order along it */
};

struct qr_rule_groups {
	uint32_t *slots;
	size_t hcap;
	struct qr_rule_group *g;
	size_t ng, capg;
	size_t nseq;        /* pieces given since the last flush */
	/* recent[S_recent_slot()]: the index in lo->rules of the record a
	 * recent piece went to. A piece on exactly its line (the same c,
	 * not only the same key) and of its kind finds its group there
	 * while that record is the group's latest, without the rounding
	 * and the probe (a table's slices give each of its vertical lines
	 * again and again). Checked, never cleared: an index left from
	 * before a flush only matches a record held since that is again
	 * the latest of a group of the piece's very kind. */
	uint32_t recent[16];
	/* flushes so far: a qr_rule_tok of another epoch is stale */
	size_t epoch;
};

static int
S_cmp_num(double a, double b)
{
	return a < b ? -1 : a > b;
}

/* Rules of one line and kind together, along the line in order. */
static int
S_rule_cmp(const void *pa, const void *pb)
{
	const struct qr_rule_pending *a = pa, *b = pb;
	int c;

	if (a->vertical != b->vertical)
		return a->vertical - b->vertical;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if ((c = S_cmp_num(a->width, b->width)) != 0 ||
	    (c = a->style - b->style) != 0 ||
	    (c = S_cmp_num(a->color.r, b->color.r)) != 0 ||
	    (c = S_cmp_num(a->color.g, b->color.g)) != 0 ||
	    (c = S_cmp_num(a->color.b, b->color.b)) != 0 ||
	    (c = S_cmp_num(a->a0, b->a0)) != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
S_rule_seq_cmp(const void *pa, const void *pb)
{
	const struct qr_rule_pending *a = pa, *b = pb;

	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
S_rule_same(const struct qr_rule_pending *a, const struct qr_rule_pending *b)
{
	return a->vertical == b->vertical && a->key == b->key &&
	    a->width == b->width && a->style == b->style &&
	    a->color.r == b->color.r && a->color.g == b->color.g &&
	    a->color.b == b->color.b;
}

static void
S_rule_emit(qr_layout *lo, const struct qr_rule_pending *r)
{
	if (r->vertical)
		qr_layout_rule(lo, lo->rules_pg, r->c, r->a0, r->c, r->a1,
		    r->width, r->style, r->color);
	else
		qr_layout_rule(lo, lo->rules_pg, r->a0, r->c, r->a1, r->c,
		    r->width, r->style, r->color);
}

/* Join by sorting every piece on all its keys (the fallback when the
 * grouped join below cannot get its memory). */
static void
S_rules_flush_sorted(qr_layout *lo, struct qr_rule_pending *v, size_t n)
{
	size_t w = 0, i;

	qsort(v, n, sizeof *v, S_rule_cmp);
	for (i = 0; i < n; i++) {
		/* touching (a hundredth of a point apart at most) or
		 * overlapping pieces of one line become one */
		if (w > 0 && S_rule_same(&v[w - 1], &v[i]) &&
		    v[i].a0 <= v[w - 1].a1 + 0.01) {
			if (v[i].a1 > v[w - 1].a1)
				v[w - 1].a1 = v[i].a1;
			if (v[i].seq > v[w - 1].seq)
				v[w - 1].seq = v[i].seq;
			continue;
		}
		v[w++] = v[i];
	}
	qsort(v, w, sizeof *v, S_rule_seq_cmp);
	for (i = 0; i < w; i++)
		S_rule_emit(lo, &v[i]);
}

/* llround(x), without the call for the usual magnitudes (x - (long long)x
 * is exact below 2^52): halves away from zero. */
static long long
S_llround(double x)
{
	if (fabs(x) < 4e15) {
		long long t = (long long)x;
		double f = x - (double)t;

		if (f >= 0.5)
			t++;
		else if (f <= -0.5)
			t--;
		return t;
	}
	return llround(x);
}

/* A hash of the line a rule is on (S_rule_same compares the rest: rules
 * of one line with another width, style or colour share the hash). */
static uint64_t
S_rule_hash(const struct qr_rule_pending *r)
{
	uint64_t h = ((uint64_t)r->key << 1 | (r->vertical != 0)) *
	    0x9E3779B97F4A7C15u;

	return h ^ (h >> 29);
}

/* The slot in qr_rule_groups.recent of a piece's exact line. */
static size_t
S_recent_slot(const struct qr_rule_pending *r)
{
	uint64_t b;

	memcpy(&b, &r->c, sizeof b);
	b = (b ^ (uint64_t)(r->vertical != 0)) * 0x9E3779B97F4A7C15u;
	return (size_t)(b >> 60);
}

/* Places groups 0..ng-1 in a table of hcap slots (a power of two). */
static int
S_groups_rehash(struct qr_rule_groups *gs, size_t hcap)
{
	uint32_t *t = malloc(hcap * sizeof *t);
	size_t g, h;

	if (t == NULL)
		return -1;
	memset(t, 0xff, hcap * sizeof *t);
	for (g = 0; g < gs->ng; g++) {
		for (h = (size_t)gs->g[g].hash & (hcap - 1);
		    t[h] != UINT32_MAX; h = (h + 1) & (hcap - 1))
			;
		t[h] = (uint32_t)g;
	}
	free(gs->slots);
	gs->slots = t;
	gs->hcap = hcap;
	return 0;
}

/* Hold piece r (its seq and key not yet set): it extends the latest
 * record of its group when every piece of the group so far came in order
 * along the line and it touches or overlaps that record (what the sort
 * and join of all pieces would do: in order, the pieces of a group are
 * joined one after the other); else it is a record of its own. *at: the
 * record's index. -1 when out of memory (nothing held). */
static int
S_rule_hold(qr_layout *lo, struct qr_rule_pending *r, size_t *at)
{
	struct qr_rule_groups *gs = lo->rgroups;
	uint64_t hv;
	size_t h, g, rs = S_recent_slot(r), ri;
	struct qr_rule_group *gr;
	struct qr_rule_pending *rec;

	if (gs == NULL) {
		gs = calloc(1, sizeof *gs);
		if (gs == NULL)
			return -1;
		lo->rgroups = gs;
	}
	if (gs->slots == NULL && S_groups_rehash(gs, 64) < 0)
		return -1;
	if (lo->nrules == lo->crules) {
		size_t cap = lo->crules ? lo->crules * 2 : 256;
		struct qr_rule_pending *nv = realloc(lo->rules,
		    cap * sizeof *nv);

		if (nv == NULL)
			return -1;
		lo->rules = nv;
		lo->crules = cap;
	}
	ri = gs->recent[rs];
	rec = ri < lo->nrules ? &lo->rules[ri] : NULL;
	if (rec != NULL && rec->c == r->c && rec->vertical == r->vertical &&
	    rec->width == r->width && rec->style == r->style &&
	    rec->color.r == r->color.r && rec->color.g == r->color.g &&
	    rec->color.b == r->color.b && gs->g[rec->gid].last == ri) {
		/* its group's key is the piece's (the same c) */
		r->key = rec->key;
		g = rec->gid;
		h = 0;
		hv = 0;
	} else {
		r->key = S_llround(r->c * 10000.0);
		hv = S_rule_hash(r);
		for (h = (size_t)hv & (gs->hcap - 1);
		    gs->slots[h] != UINT32_MAX; h = (h + 1) & (gs->hcap - 1)) {
			gr = &gs->g[gs->slots[h]];
			if (gr->hash == hv &&
			    S_rule_same(&lo->rules[gr->last], r))
				break;
		}
		g = gs->slots[h] != UINT32_MAX ? gs->slots[h] : SIZE_MAX;
	}
	if (g != SIZE_MAX) {
		gr = &gs->g[g];
		if (gr->sorted && r->a0 >= gr->max_a0) {
			gr->max_a0 = r->a0;
			rec = &lo->rules[gr->last];
			if (r->a0 <= rec->a1 + 0.01) {
				/* touching (a hundredth of a point apart
				 * at most) or overlapping pieces of one
				 * line become one */
				if (r->a1 > rec->a1)
					rec->a1 = r->a1;
				rec->seq = gs->nseq++;
				gs->recent[rs] = (uint32_t)gr->last;
				*at = gr->last;
				return 0;
			}
		} else {
			gr->sorted = 0;
		}
	} else {
		if (gs->ng == gs->capg) {
			size_t cap = gs->capg ? gs->capg * 2 : 32;
			struct qr_rule_group *ng = realloc(gs->g,
			    cap * sizeof *ng);

			if (ng == NULL)
				return -1;
			gs->g = ng;
			gs->capg = cap;
		}
		if (2 * (gs->ng + 1) > gs->hcap) {
			/* grown first so that the new group's slot is
			 * looked up in the table it goes into */
			if (S_groups_rehash(gs, gs->hcap * 2) < 0)
				return -1;
			for (h = (size_t)hv & (gs->hcap - 1);
			    gs->slots[h] != UINT32_MAX;
			    h = (h + 1) & (gs->hcap - 1))
				;
		}
		g = gs->ng++;
		gs->slots[h] = (uint32_t)g;
		gr = &gs->g[g];
		gr->hash = hv;
		gr->max_a0 = r->a0;
		gr->sorted = 1;
	}
	rec = &lo->rules[lo->nrules];
	*rec = *r;
	rec->seq = rec->first = gs->nseq++;
	rec->gid = g;
	gr->last = lo->nrules++;
	gs->recent[rs] = (uint32_t)gr->last;
	*at = gr->last;
	return 0;
}

typedef struct rule_key {
	size_t gid;
	double a0;
	size_t first;
	size_t i;
} rule_key;

static int
S_rule_key_cmp(const void *pa, const void *pb)
{
	const rule_key *a = pa, *b = pb;
	int c;

	if (a->gid != b->gid)
		return a->gid < b->gid ? -1 : 1;
	if ((c = S_cmp_num(a->a0, b->a0)) != 0)
		return c;
	return a->first < b->first ? -1 : a->first > b->first;
}

/* Add the held records, joined, in the order the last piece of each was
 * given. The records of a group whose pieces all came in order are
 * joined already; the others are sorted along their line (a0, then the
 * order their first piece was given, as a sort of all the pieces would
 * place them) and joined here: a record joined early is the span of
 * pieces that the full sort would have joined too, so the result is the
 * same. -1 when out of memory (nothing added). */
static int
S_rules_flush_grouped(qr_layout *lo, struct qr_rule_pending *v, size_t n)
{
	struct qr_rule_groups *gs = lo->rgroups;
	size_t nseq = gs->nseq, i, nk = 0, j;
	size_t *slot = malloc(nseq * sizeof *slot);
	rule_key *keys = NULL;

	if (slot == NULL)
		return -1;
	for (i = 0; i < nseq; i++)
		slot[i] = SIZE_MAX;
	for (i = 0; i < n; i++)
		if (!gs->g[v[i].gid].sorted)
			nk++;
	if (nk > 0) {
		keys = malloc(nk * sizeof *keys);
		if (keys == NULL) {
			free(slot);
			return -1;
		}
		nk = 0;
		for (i = 0; i < n; i++)
			if (!gs->g[v[i].gid].sorted) {
				keys[nk].gid = v[i].gid;
				keys[nk].a0 = v[i].a0;
				keys[nk].first = v[i].first;
				keys[nk++].i = i;
			}
		qsort(keys, nk, sizeof *keys, S_rule_key_cmp);
		for (j = 0; j < nk;) {
			struct qr_rule_pending cur = v[keys[j].i];
			size_t at = keys[j].i;

			for (j++; j < nk && keys[j].gid == cur.gid; j++) {
				const struct qr_rule_pending *r =
				    &v[keys[j].i];

				if (r->a0 > cur.a1 + 0.01)
					break;
				if (r->a1 > cur.a1)
					cur.a1 = r->a1;
				if (r->seq > cur.seq) {
					cur.seq = r->seq;
					at = keys[j].i;
				}
			}
			/* all of the run's records are read: it goes
			 * where its last piece's record was */
			v[at] = cur;
			slot[cur.seq] = at;
		}
	}
	for (i = 0; i < n; i++)
		if (gs->g[v[i].gid].sorted)
			slot[v[i].seq] = i;
	for (i = 0; i < nseq; i++)
		if (slot[i] != SIZE_MAX)
			S_rule_emit(lo, &v[slot[i]]);
	free(slot);
	free(keys);
	return 0;
}

/* Join the held rules and add them to their page, in the order the last
 * piece of each was given. */
static void
S_rules_flush(qr_layout *lo)
{
	struct qr_rule_pending *v = lo->rules;
	struct qr_rule_groups *gs = lo->rgroups;
	size_t n = lo->nrules;

	lo->nrules = 0;
	if (n > 0 && (lo->rules_plain || gs == NULL ||
	    S_rules_flush_grouped(lo, v, n) < 0))
		S_rules_flush_sorted(lo, v, n);
	if (gs != NULL)
		gs->epoch++;
	if (gs != NULL && gs->nseq > 0) {
		gs->ng = 0;
		gs->nseq = 0;
		memset(gs->slots, 0xff, gs->hcap * sizeof *gs->slots);
	}
}

void
qr_layout_rules_flush(qr_layout *lo)
{
	S_rules_flush(lo);
}

void
qr_layout_rules_free(qr_layout *lo)
{
	free(lo->rules);
	lo->rules = NULL;
	lo->nrules = lo->crules = 0;
	if (lo->rgroups != NULL) {
		free(lo->rgroups->slots);
		free(lo->rgroups->g);
		free(lo->rgroups);
		lo->rgroups = NULL;
	}
}

void
qr_layout_rule_join(qr_layout *lo, qr_page *pg, double x1, double y1,
    double x2, double y2, double width, int style, qr_color color)
{
	qr_layout_rule_join_tok(lo, pg, x1, y1, x2, y2, width, style, color,
	    NULL);
}

void
qr_layout_rule_join_tok(qr_layout *lo, qr_page *pg, double x1, double y1,
    double x2, double y2, double width, int style, qr_color color,
    qr_rule_tok *tok)
{
	struct qr_rule_pending r;
	int vertical = x1 == x2;
	size_t at;

	if (tok != NULL)
		tok->idx = SIZE_MAX;
	if (width <= 0)
		return;
	if (lo->paint_depth == 0 || (!vertical && y1 != y2)) {
		qr_layout_rule(lo, pg, x1, y1, x2, y2, width, style, color);
		return;
	}
	if (lo->nrules > 0 && lo->rules_pg != pg)
		S_rules_flush(lo);
	lo->rules_pg = pg;
	r.vertical = vertical;
	r.c = vertical ? x1 : y1;
	r.a0 = vertical ? y1 : x1;
	r.a1 = vertical ? y2 : x2;
	if (r.a1 < r.a0) {
		double t = r.a0;

		r.a0 = r.a1;
		r.a1 = t;
	}
	r.width = width;
	r.style = style;
	r.color = color;
	r.gid = 0;
	if (!lo->rules_plain) {
		/* (the key is its group's) */
		if (S_rule_hold(lo, &r, &at) < 0) {
			/* not joined, but drawn */
			qr_layout_rule(lo, pg, x1, y1, x2, y2, width, style,
			    color);
		} else if (tok != NULL) {
			tok->idx = at;
			tok->epoch = lo->rgroups->epoch;
		}
		return;
	}
	/* every piece as given, for the sort of all of them */
	r.key = S_llround(r.c * 10000.0);
	if (lo->nrules == lo->crules) {
		size_t cap = lo->crules ? lo->crules * 2 : 256;
		struct qr_rule_pending *nv = realloc(lo->rules,
		    cap * sizeof *nv);

		if (nv == NULL) {
			qr_layout_rule(lo, pg, x1, y1, x2, y2, width, style,
			    color);
			return;
		}
		lo->rules = nv;
		lo->crules = cap;
	}
	r.seq = r.first = lo->nrules;
	lo->rules[lo->nrules++] = r;
}

int
qr_layout_rule_extend(qr_layout *lo, qr_page *pg, const qr_rule_tok *tok,
    double a0, double a1)
{
	struct qr_rule_groups *gs = lo->rgroups;
	struct qr_rule_pending *rec;
	struct qr_rule_group *gr;

	if (gs == NULL || lo->rules_plain || lo->paint_depth == 0 ||
	    tok->idx >= lo->nrules || tok->epoch != gs->epoch ||
	    lo->rules_pg != pg)
		return 0;
	if (a1 < a0) {
		double t = a0;

		a0 = a1;
		a1 = t;
	}
	/* what S_rule_hold does with a piece of the record's group when it
	 * extends the group's latest record */
	rec = &lo->rules[tok->idx];
	gr = &gs->g[rec->gid];
	if (gr->last != tok->idx || !gr->sorted || a0 < gr->max_a0 ||
	    a0 > rec->a1 + 0.01)
		return 0;
	gr->max_a0 = a0;
	if (a1 > rec->a1)
		rec->a1 = a1;
	rec->seq = gs->nseq++;
	return 1;
}

static int
S_visible(int style)
{
	return style != QR_BORDER_NONE && style != QR_BORDER_HIDDEN;
}

void
qr_layout_paint_deco(qr_layout *lo, const qr_vblock *b, qr_page *pg,
    double x, double y_top, double w, double h, int top, int bottom)
{
	double bt = top ? b->border[QR_TOP] : 0;
	double bb = bottom ? b->border[QR_BOTTOM] : 0;
	double bl = b->border[QR_LEFT], br = b->border[QR_RIGHT];

	if (h <= 0 && !top && !bottom)
		return;
	if (b->has_background) {
		qr_area *a = qr_area_add(lo->tree, pg, QR_AREA_FILL);

		if (a != NULL) {
			/* The padding rectangle: the background shows under
			 * padding, borders are drawn over its edges. */
			a->x = x + bl;
			a->y = y_top + bt;
			a->w = w - bl - br;
			a->h = h - bt - bb;
			if (a->w < 0)
				a->w = 0;
			if (a->h < 0)
				a->h = 0;
			a->u.fill.color = b->background;
		}
	}
	/* Each side is stroked along its centre line. */
	if (bt > 0 && S_visible(b->border_style[QR_TOP]))
		qr_layout_rule(lo, pg, x, y_top + bt / 2, x + w, y_top + bt / 2,
		    bt, b->border_style[QR_TOP], b->border_color[QR_TOP]);
	if (bb > 0 && S_visible(b->border_style[QR_BOTTOM]))
		qr_layout_rule(lo, pg, x, y_top + h - bb / 2, x + w,
		    y_top + h - bb / 2, bb, b->border_style[QR_BOTTOM],
		    b->border_color[QR_BOTTOM]);
	if (bl > 0 && S_visible(b->border_style[QR_LEFT]) && h > 0)
		qr_layout_rule(lo, pg, x + bl / 2, y_top, x + bl / 2, y_top + h,
		    bl, b->border_style[QR_LEFT], b->border_color[QR_LEFT]);
	if (br > 0 && S_visible(b->border_style[QR_RIGHT]) && h > 0)
		qr_layout_rule(lo, pg, x + w - br / 2, y_top, x + w - br / 2,
		    y_top + h, br, b->border_style[QR_RIGHT],
		    b->border_color[QR_RIGHT]);
	if (b->link != NULL)
		qr_layout_link_area(lo, pg, x, y_top, w, h, b->link);
}

/* ---- the open stack ------------------------------------------------------ */

int
qr_openstack_push(qr_layout *lo, qr_openstack *s, int kind, const void *p)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		qr_open *nv = realloc(s->v, cap * sizeof *nv);

		if (nv == NULL) {
			if (lo != NULL)
				qr_diag(lo->q, QD_NOMEM, lo->file, 0, 0,
				    "out of memory in layout");
			return -1;
		}
		s->v = nv;
		s->cap = cap;
	}
	s->v[s->n].kind = (unsigned char)kind;
	s->v[s->n].p = p;
	s->n++;
	return 0;
}

int
qr_openstack_step(qr_layout *lo, qr_openstack *s, const qr_vitem *it)
{
	size_t k;

	if (it->kind != QR_V_MARK)
		return 0;
	switch (it->sub) {
	case QR_MARK_BLOCK_OPEN:
		return qr_openstack_push(lo, s, 0, it->data);
	case QR_MARK_TABLE_OPEN:
		return qr_openstack_push(lo, s, 1, it->data);
	case QR_MARK_BLOCK_CLOSE:
	case QR_MARK_TABLE_CLOSE:
		/* Normally the top; search down so a malformed list (a
		 * close without its open) cannot corrupt the stack. */
		for (k = s->n; k-- > 0;)
			if (s->v[k].p == it->data) {
				memmove(&s->v[k], &s->v[k + 1],
				    (s->n - k - 1) * sizeof s->v[0]);
				s->n--;
				break;
			}
		return 0;
	default:
		return 0;
	}
}

void
qr_openstack_free(qr_openstack *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

double
qr_openstack_top(const qr_openstack *s)
{
	double h = 0;
	size_t k;

	for (k = 0; k < s->n; k++) {
		if (s->v[k].kind == 0) {
			const qr_vblock *b = s->v[k].p;

			if (b->retain_before)
				h += b->border[QR_TOP] + b->padding[QR_TOP];
		} else {
			const qr_vtable *t = s->v[k].p;

			if (!t->omit_header_at_break)
				h += t->header_h;
		}
	}
	return h;
}

double
qr_openstack_bottom(const qr_openstack *s)
{
	double h = 0;
	size_t k;

	for (k = 0; k < s->n; k++) {
		if (s->v[k].kind == 0) {
			const qr_vblock *b = s->v[k].p;

			if (b->retain_after)
				h += b->border[QR_BOTTOM] +
				    b->padding[QR_BOTTOM];
		} else {
			const qr_vtable *t = s->v[k].p;

			if (!t->omit_footer_at_break)
				h += t->footer_h;
		}
	}
	return h;
}

/* ---- the fragment painter ------------------------------------------------ */

typedef struct S_deco {
	const qr_vblock *b;
	double y0, y1;
	int top, bottom, open;
} S_deco;

typedef struct S_decos {
	S_deco *v;
	size_t n, cap;
} S_decos;

static long
S_deco_add(S_decos *d, const qr_vblock *b, double y0, int top)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		S_deco *nv = realloc(d->v, cap * sizeof *nv);

		if (nv == NULL)
			return -1;
		d->v = nv;
		d->cap = cap;
	}
	d->v[d->n].b = b;
	d->v[d->n].y0 = y0;
	d->v[d->n].y1 = y0;
	d->v[d->n].top = top;
	d->v[d->n].bottom = 0;
	d->v[d->n].open = 1;
	return (long)d->n++;
}

static void
S_deco_close(S_decos *d, const qr_vblock *b, double y1, int bottom)
{
	size_t k;

	for (k = d->n; k-- > 0;)
		if (d->v[k].b == b && d->v[k].open) {
			d->v[k].y1 = y1;
			d->v[k].bottom = bottom;
			d->v[k].open = 0;
			return;
		}
}

static double
S_paint_fragment(qr_layout *lo, const qr_vlist *l, size_t from,
    size_t to, qr_page *pg, double x0, double y0, qr_openstack *stack,
    const qr_frag_hooks *hooks, double shrink_ratio)
{
	S_decos d = {NULL, 0, 0};
	double *ys, *hy;
	qr_open *init;
	double y = y0, yend, ycontent;
	size_t i, k, ncarried = stack->n;
	int at_top = 1;

	if (to > l->n)
		to = l->n;
	if (from > to)
		from = to;
	ys = malloc((to - from + 1) * sizeof *ys);
	hy = malloc((ncarried + 1) * sizeof *hy);
	init = malloc((ncarried + 1) * sizeof *init);
	if (ys == NULL || hy == NULL || init == NULL) {
		free(ys);
		free(hy);
		free(init);
		qr_diag(lo->q, QD_NOMEM, lo->file, 0, 0, "out of memory");
		return y0;
	}
	if (ncarried > 0)
		memcpy(init, stack->v, ncarried * sizeof *init);
	/* Pass 1: positions. Entries carried over from a previous fragment
	 * come first: their retained border/padding-before, or a table's
	 * repeated header. */
	for (k = 0; k < ncarried; k++) {
		hy[k] = y;
		if (init[k].kind == 0) {
			const qr_vblock *b = init[k].p;

			S_deco_add(&d, b, y, b->retain_before);
			if (b->retain_before)
				y += b->border[QR_TOP] + b->padding[QR_TOP];
		} else {
			const qr_vtable *t = init[k].p;

			if (!t->omit_header_at_break)
				y += t->header_h;
		}
	}
	for (i = from; i < to; i++) {
		const qr_vitem *it = &l->v[i];

		ys[i - from] = y;
		switch (it->kind) {
		case QR_V_BOX:
			at_top = 0;
			y += it->h;
			break;
		case QR_V_GLUE:
			/* Space at the top of a fragment is discarded unless
			 * its conditionality is retain. */
			if (!at_top || it->sub == QR_VGLUE_RETAIN)
				y += it->h - shrink_ratio * it->shrink;
			break;
		case QR_V_PENALTY:
			break;
		case QR_V_MARK:
			if (it->sub == QR_MARK_BLOCK_OPEN)
				S_deco_add(&d, it->data, y, 1);
			else if (it->sub == QR_MARK_BLOCK_CLOSE)
				S_deco_close(&d, it->data, y, 1);
			qr_openstack_step(lo, stack, it);
			break;
		}
	}
	/* What stays open at the end: tables add their footer, blocks close
	 * their fragment (with the retained after-parts), innermost first. */
	ycontent = yend = y;
	for (k = stack->n; k-- > 0;) {
		if (stack->v[k].kind == 1) {
			const qr_vtable *t = stack->v[k].p;

			if (!t->omit_footer_at_break)
				yend += t->footer_h;
		} else {
			const qr_vblock *b = stack->v[k].p;

			if (b->retain_after)
				yend += b->border[QR_BOTTOM] +
				    b->padding[QR_BOTTOM];
			S_deco_close(&d, b, yend, b->retain_after);
		}
	}
	/* Backgrounds and borders first (outer blocks first), so that the
	 * content is drawn over them. */
	for (k = 0; k < d.n; k++) {
		const qr_vblock *b = d.v[k].b;

		if (b->has_background || b->border[0] > 0 ||
		    b->border[1] > 0 || b->border[2] > 0 ||
		    b->border[3] > 0 || b->link != NULL)
			qr_layout_paint_deco(lo, b, pg, x0 + b->x, d.v[k].y0,
			    b->w, d.v[k].y1 - d.v[k].y0, d.v[k].top,
			    d.v[k].bottom);
	}

	/* Pass 2: carried entries (repeated headers), then the items. */
	for (k = 0; k < ncarried; k++) {
		if (hooks != NULL && hooks->mark != NULL) {
			qr_vitem m;

			memset(&m, 0, sizeof m);
			m.kind = QR_V_MARK;
			m.sub = init[k].kind == 0 ? QR_MARK_BLOCK_OPEN :
			    QR_MARK_TABLE_OPEN;
			m.data = init[k].p;
			hooks->mark(lo, hooks->user, &m, pg, hy[k], 1);
		}
		if (init[k].kind == 1) {
			const qr_vtable *t = init[k].p;

			if (!t->omit_header_at_break && t->header_h > 0 &&
			    t->header_paint != NULL)
				t->header_paint(lo, t->header_data, pg,
				    x0 + t->x, hy[k], t->w, t->header_h);
		}
	}
	for (i = from; i < to; i++) {
		const qr_vitem *it = &l->v[i];

		if (it->kind == QR_V_BOX) {
			if (it->paint != NULL)
				it->paint(lo, it->data, pg, x0 + it->x,
				    ys[i - from], it->w, it->h);
		} else if (it->kind == QR_V_MARK && hooks != NULL &&
		    hooks->mark != NULL)
			hooks->mark(lo, hooks->user, it, pg, ys[i - from], 0);
	}
	/* Footers of tables still open, innermost first, as in pass 1. */
	y = ycontent;
	for (k = stack->n; k-- > 0;) {
		if (stack->v[k].kind == 1) {
			const qr_vtable *t = stack->v[k].p;

			if (!t->omit_footer_at_break && t->footer_h > 0) {
				if (t->footer_paint != NULL)
					t->footer_paint(lo, t->footer_data,
					    pg, x0 + t->x, y, t->w,
					    t->footer_h);
				y += t->footer_h;
			}
		} else {
			const qr_vblock *b = stack->v[k].p;

			if (b->retain_after)
				y += b->border[QR_BOTTOM] +
				    b->padding[QR_BOTTOM];
		}
	}
	free(d.v);
	free(ys);
	free(hy);
	free(init);
	return yend;
}

double
qr_layout_paint_fragment(qr_layout *lo, const qr_vlist *l, size_t from,
    size_t to, qr_page *pg, double x0, double y0, qr_openstack *stack,
    const qr_frag_hooks *hooks)
{
	return qr_layout_paint_fragment_adj(lo, l, from, to, pg, x0, y0, stack,
	    hooks, 0);
}

double
qr_layout_paint_fragment_adj(qr_layout *lo, const qr_vlist *l, size_t from,
    size_t to, qr_page *pg, double x0, double y0, qr_openstack *stack,
    const qr_frag_hooks *hooks, double shrink_ratio)
{
	double y;

	lo->paint_depth++;
	y = S_paint_fragment(lo, l, from, to, pg, x0, y0, stack, hooks,
	    shrink_ratio);
	if (--lo->paint_depth == 0) {
		/* the rules held back while it was painted, over it */
		S_rules_flush(lo);
		lo->rules_pg = NULL;
	}
	return y;
}

/* Paint a range as its own fragment, working out which blocks are open at
 * `from` by replaying the list from its start. */
double
qr_layout_paint_range(qr_layout *lo, const qr_vlist *l, size_t from,
    size_t to, qr_page *pg, double x, double y_top)
{
	qr_openstack s = {NULL, 0, 0};
	double y;
	size_t i;

	for (i = 0; i < from && i < l->n; i++)
		qr_openstack_step(lo, &s, &l->v[i]);
	y = qr_layout_paint_fragment(lo, l, from, to, pg, x, y_top, &s, NULL);
	qr_openstack_free(&s);
	return y - y_top;
}
