/* layout_block.c: the block walker: block-level formatting objects (blocks,
 * wrappers, block-containers, lists, tables via layout_table.c, paragraphs
 * via inline.c) turned into a vertical list with spaces, keeps, breaks,
 * widows/orphans and decorations, for the page builder to cut. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "fo.h"
#include "inline.h"
#include "layout_int.h"
#include "layout_table.h"

/* The reference context of the content being walked: positions are
 * offsets from the list's origin; start-indent and end-indent of the
 * children are measured in the reference area's coordinates, of which
 * base_s/base_e lie outside the list. */
typedef struct S_ctx {
	double x0;        /* the reference content's left, from the origin */
	double ref_w;     /* reference width, for percentages */
	double ref_h;     /* the height a percentage height refers to: the
	                     parent's, when it is a reference area of fixed
	                     height (region, block-container with a height);
	                     < 0 when it is not fixed (XSL 1.1 7.15.3: the
	                     percentage then counts as auto) */
	double base_s, base_e;
	double avail;     /* the list's width */
	double label_end, body_start;
	/* The indents of the parent as written and as resolved: a child
	 * that inherits them unchanged takes the resolved values, so that an
	 * inherited body-start() keeps meaning its own list's (fo.h keeps
	 * such lengths linear, and a nested list would re-resolve them). */
	int have_p;
	qr_fo_len ps, pe;
	double ps_val, pe_val;
} S_ctx;

#define S_IKEEP_MAX 8

typedef struct S_walk {
	qr_layout *lo;
	qr_vlist *out;
	/* What waits for the next box: the resolved space, the penalty of
	 * the boundary (keeps), a forced break, and marks (opens, ids). */
	int have_space;
	double sp_opt, sp_min, sp_max;
	int sp_prec, sp_retain;
	int pen;
	int force, force_kind;
	const qr_fo *force_fo; /* the block whose break-before it is */
	qr_vlist marks;
	int any;          /* a box has been emitted to out */
	int keep;         /* keep-together penalty of the enclosing blocks */
	const qr_fo *keep_fo, *bkeep_fo, *pen_fo; /* who asked for keep,
	                     bkeep and pen: named when a keep is broken */
	int bkeep;        /* the lowest `keep` seen since the last box: the
	                     keep-together of the blocks that enclose both
	                     sides of the coming boundary (-1: none yet) */
	int failed;
	int warned_narrow;
	const qr_fo *hoisted;  /* a first child whose break-before was taken
	                          before its parent */
	/* Resuming a unit at another width (qr_flowwalk_rewind): while skip
	 * is set, the boxes before the key box were placed already and are
	 * not emitted again (nor what waits before them), and blocks the
	 * page builder holds open (reuse) keep their qr_vblock. */
	int skip;
	int key_kind;          /* S_KEY_* */
	const qr_fo *key_fo, *key_run;
	size_t key_pos;
	int key_drop_pen;      /* the break before the key box was taken */
	const qr_tresume *key_resume; /* S_KEY_TABLE_AT: where it goes on */
	const qr_openstack *reuse;
	size_t nskipped;       /* boxes skipped so far */
	/* A budget (flow walker only, when widths vary): once a step has
	 * emitted that much height, it stops before its next box, and the
	 * next step goes on from that box (by skipping to it), so that a
	 * long list or block is laid out a page or so at a time and a page
	 * of another width lays out again only that much. */
	double budget, emitted;
	int stopped;
	int stop_kind;
	const qr_fo *stop_fo, *stop_run;
	size_t stop_pos;
	const qr_openstack *stop_open; /* blocks open at the stop */
	const qr_tresume *stop_resume; /* a table's, where it goes on */
	qr_vblock **ob;        /* blocks opened in this step, still open */
	size_t nob, cob;
	/* Inlines with a keep-together.within-page or .within-column
	 * (qr_inline_kept) open at this point: from the line where one
	 * starts (or the block its first piece holds, fo.h piece_of) to the
	 * line or block where it ends, every boundary takes the strongest
	 * of their keeps (XSL 1.1 7.20.3), with the blocks' keeps (keep).
	 * Keyed by the inline (a split one's whole); held by value, so a
	 * snapshot of the walker holds it too. Deeper nesting than
	 * S_IKEEP_MAX is not kept. */
	const qr_fo *ikeep[S_IKEEP_MAX];
	int nikeep;
	/* A percentage height was resolved against the height of the
	 * reference area the walk is in (for the flow walker: the page's
	 * region-body), so what was laid out depends on it. */
	int used_h;
} S_walk;

/* What a box is, to find it again in a walk at another width: a line
 * (of the paragraph of key_fo whose first inline child is key_run,
 * starting at key_pos), a block's border-and-padding before or after,
 * a box standing for a whole FO (a fixed block-container, a list
 * item's label alone), the start of a table (none of it placed), or a
 * table split across pages (key_resume says where it goes on). */
enum { S_KEY_LINE, S_KEY_BEFORE, S_KEY_AFTER, S_KEY_WHOLE, S_KEY_TABLE,
	S_KEY_TABLE_AT };
/* data of a block's before/after box (not painted): which it is */
static const char S_tag_before, S_tag_after;

static void S_children(S_walk *w, const qr_fo *parent, const S_ctx *cx);

static double
S_len(qr_fo_len l, const S_ctx *cx)
{
	return qr_fo_len_resolve(l, cx->ref_w, cx->label_end, cx->body_start);
}

/* A block-progression-dimension component in context: 1 and *out set
 * when it is a length, 0 when it is auto or a percentage of a height
 * that is not fixed (which counts as auto, XSL 1.1 7.15.3). */
static int
S_bpd(const qr_fo_size *s, const S_ctx *cx, double *out)
{
	if (s->kind != QR_SIZE_LEN || (s->len.pct != 0 && cx->ref_h < 0))
		return 0;
	*out = qr_fo_len_resolve(s->len, cx->ref_h < 0 ? 0 : cx->ref_h,
	    cx->label_end, cx->body_start);
	return 1;
}

static int
S_max(int a, int b)
{
	return a > b ? a : b;
}

static int
S_keep(qr_fo_keep k)
{
	return qr_layout_keep_penalty(S_max(k.within_page, k.within_column));
}

/* Spaces meeting at a boundary resolve to one (XSL 4.3.1, simplified):
 * the one of highest precedence, then the greatest optimum. */
static void
S_space_add(S_walk *w, const qr_fo_space *sp, const S_ctx *cx)
{
	double opt = S_len(sp->opt, cx), mn = S_len(sp->min, cx);
	double mx = S_len(sp->max, cx);

	if (mn > opt)
		mn = opt;
	if (mx < opt)
		mx = opt;
	/* A zero space (the default) takes no part: otherwise it would win
	 * over a negative one, which FOP and common sense keep. */
	if (opt == 0 && mn == 0 && mx == 0)
		return;
	if (!w->have_space || sp->precedence > w->sp_prec ||
	    (sp->precedence == w->sp_prec && opt > w->sp_opt)) {
		w->have_space = 1;
		w->sp_opt = opt;
		w->sp_min = mn;
		w->sp_max = mx;
		w->sp_prec = sp->precedence;
		w->sp_retain = sp->retain;
	}
}

static void
S_pend_mark(S_walk *w, qr_mark_kind kind, const void *data)
{
	if (qr_vlist_mark(w->lo, &w->marks, kind, data) != 0)
		w->failed = 1;
}

/* Forget the boundary being built: its space, marks, penalty, keep and
 * forced break (after it is emitted, or when it went with a placed box). */
static void
S_boundary_clear(S_walk *w)
{
	w->marks.n = 0;
	w->have_space = 0;
	w->pen = 0;
	w->pen_fo = NULL;
	w->bkeep = -1;
	w->force = 0;
}

/* Emit what waits before content: the break opportunity (or forced
 * break), the space, then the marks. */
static void
S_flush(S_walk *w)
{
	qr_layout *lo = w->lo;
	size_t k;

	if (w->force) {
		if (qr_vlist_penalty(lo, w->out, QR_PEN_FORCE,
		    w->force_kind) != 0)
			w->failed = 1;
	} else if (w->any) {
		int pen = w->pen;
		const qr_fo *fo = w->pen_fo;

		if (w->bkeep > pen) {
			pen = w->bkeep;
			fo = w->bkeep_fo;
		}
		if (qr_vlist_penalty(lo, w->out, pen, 0) != 0)
			w->failed = 1;
		else
			w->out->v[w->out->n - 1].data = fo;
	}
	if (w->have_space && (w->sp_opt != 0 || w->sp_max > 0))
		if (qr_vlist_glue(lo, w->out, w->sp_opt, w->sp_max - w->sp_opt,
		    w->sp_opt - w->sp_min, w->sp_retain) != 0)
			w->failed = 1;
	for (k = 0; k < w->marks.n; k++)
		if (qr_vlist_push(lo, w->out, &w->marks.v[k]) != 0)
			w->failed = 1;
	S_boundary_clear(w);
	w->force_fo = NULL;
}

/* Raise the pending boundary's penalty to pen, on behalf of fo. */
static void
S_pen(S_walk *w, int pen, const qr_fo *fo)
{
	if (pen > w->pen) {
		w->pen = pen;
		w->pen_fo = fo;
	}
}

/* The keep-together penalty here: the enclosing blocks', or a kept
 * inline's that is stronger (*fo: whose). */
static int
S_keep_now(const S_walk *w, const qr_fo **fo)
{
	int keep = w->keep, k;

	*fo = w->keep_fo;
	for (k = 0; k < w->nikeep; k++) {
		int p = S_keep(w->ikeep[k]->inh->keep_together);

		if (p > keep) {
			keep = p;
			*fo = w->ikeep[k];
		}
	}
	return keep;
}

/* Note the keep level at this point of the boundary being built. */
static void
S_bkeep(S_walk *w)
{
	const qr_fo *fo;
	int keep = S_keep_now(w, &fo);

	if (w->bkeep < 0 || keep < w->bkeep) {
		w->bkeep = keep;
		w->bkeep_fo = fo;
	}
}

/* A kept inline n (qr_inline_kept) starts or ends here: the boundaries
 * after this point are kept, or no longer (for a split inline, its first
 * and last piece; the pieces between change nothing). */
static const qr_fo *
S_ikey(const qr_fo *n)
{
	return n->piece_of != NULL ? n->piece_of : n;
}

static void
S_ikeep_open(S_walk *w, const qr_fo *n)
{
	const qr_fo *key = S_ikey(n);
	int k;

	if (!qr_inline_kept(n) || (n->piece_of != NULL && !n->piece_first))
		return;
	for (k = 0; k < w->nikeep; k++)
		if (w->ikeep[k] == key)
			return;
	if (w->nikeep < S_IKEEP_MAX)
		w->ikeep[w->nikeep++] = key;
}

static void
S_ikeep_close(S_walk *w, const qr_fo *n)
{
	const qr_fo *key = S_ikey(n);
	int k;

	if (!qr_inline_kept(n) || (n->piece_of != NULL && !n->piece_last))
		return;
	for (k = 0; k < w->nikeep; k++)
		if (w->ikeep[k] == key) {
			memmove(&w->ikeep[k], &w->ikeep[k + 1],
			    (size_t)(w->nikeep - k - 1) * sizeof *w->ikeep);
			w->nikeep--;
			return;
		}
}

/* The kept inlines of inline content [first, stop) laid out as a whole
 * elsewhere (a paragraph placed before the point a walk resumes at, or
 * one with no lines): their starts and ends, in order. */
static void
S_ikeep_tree(S_walk *w, const qr_fo *first, const qr_fo *stop)
{
	const qr_fo *c;

	for (c = first; c != NULL && c != stop; c = c->next) {
		if (c->type == FO_TEXT || c->type == FO_MARKER ||
		    c->type == FO_FOOTNOTE_BODY)
			continue;
		S_ikeep_open(w, c);
		S_ikeep_tree(w, c->first_child, NULL);
		S_ikeep_close(w, c);
	}
}

/* A box that was placed before the point a walk resumes at: it is not
 * emitted, and what waited before it (break, space, marks) went with it. */
static void
S_skipped(S_walk *w)
{
	S_boundary_clear(w);
	w->any = 1;
	if (!w->stopped)
		w->nskipped++; /* (after a stop, nothing was placed) */
}

static int
S_is_key(const S_walk *w, int kind, const qr_fo *fo, const qr_fo *run,
    size_t pos)
{
	return w->skip && kind == w->key_kind && fo == w->key_fo &&
	    (kind != S_KEY_LINE || (run == w->key_run && pos == w->key_pos));
}

/* Whether the box (kind, fo, run, pos) is emitted: always, except while
 * resuming, where the boxes before the key are skipped; the key box is
 * emitted without the break before it when that break was taken. */
static void S_stop(S_walk *w, int kind, const qr_fo *fo, const qr_fo *run,
    size_t pos);

static int
S_emit(S_walk *w, int kind, const qr_fo *fo, const qr_fo *run, size_t pos)
{
	if (!w->skip) {
		if (w->budget > 0 && w->emitted >= w->budget) {
			S_stop(w, kind, fo, run, pos);
			return 0;
		}
		return 1;
	}
	if (S_is_key(w, kind, fo, run, pos)) {
		w->skip = 0;
		w->reuse = NULL;
		if (w->key_drop_pen) {
			w->force = 0;
			w->any = 0;
		}
		return 1;
	}
	S_skipped(w);
	return 0;
}

/* Stop before the box (kind, fo, run, pos): it and what waits before it
 * are not emitted; the rest of the step emits nothing (skipping with a
 * key nothing matches). The blocks open here whose open mark went out
 * are kept for the step that goes on. */
static void
S_stop(S_walk *w, int kind, const qr_fo *fo, const qr_fo *run, size_t pos)
{
	qr_openstack *os = qr_arena_alloc(w->lo->arena, sizeof *os);
	size_t k, j;

	if (os == NULL) {
		w->failed = 1;
		return;
	}
	memset(os, 0, sizeof *os);
	if (w->nob > 0) {
		os->v = qr_arena_alloc(w->lo->arena, w->nob * sizeof *os->v);
		if (os->v == NULL) {
			w->failed = 1;
			return;
		}
	}
	for (k = 0; k < w->nob; k++) {
		int pending = 0;

		for (j = 0; j < w->marks.n; j++)
			if (w->marks.v[j].sub == QR_MARK_BLOCK_OPEN &&
			    w->marks.v[j].data == w->ob[k])
				pending = 1;
		if (!pending) {
			os->v[os->n].kind = 0;
			os->v[os->n].p = w->ob[k];
			os->n++;
		}
	}
	w->stopped = 1; /* first: S_skipped below counts nothing */
	w->stop_kind = kind;
	w->stop_fo = fo;
	w->stop_run = run;
	w->stop_pos = pos;
	w->stop_open = os;
	w->stop_resume = NULL;
	w->skip = 1;
	w->key_fo = NULL; /* matches nothing */
	w->reuse = NULL;
	S_skipped(w);
}

/* True when fo is anc or inside it. */
static int
S_inside(const qr_fo *fo, const qr_fo *anc)
{
	for (; fo != NULL; fo = fo->parent)
		if (fo == anc)
			return 1;
	return 0;
}

static void
S_box(S_walk *w, double h, double x, double wd, qr_paint_fn paint,
    const void *data, const qr_fo *fo)
{
	S_flush(w);
	if (qr_vlist_box(w->lo, w->out, h, x, wd, paint, data) != 0)
		w->failed = 1;
	else
		w->out->v[w->out->n - 1].fo = fo;
	w->any = 1;
	w->emitted += h;
}

/* ---- split inlines' markers --------------------------------------------- */

struct qr_span {
	const qr_fo *whole;
	qr_vblock *vb;
	struct qr_span *next;
};

/* The undecorated block that carries the markers of a split fo:inline
 * (fo.h piece_of) from its first piece to its last, so that the page
 * builder sees the inline start on the page of its first piece, end on
 * that of its last and continue on the pages between. One per inline and
 * pass: a walk resumed at another width closes the one it opened. */
static qr_vblock *
S_span(S_walk *w, const qr_fo *whole)
{
	struct qr_span *sp;

	for (sp = w->lo->spans; sp != NULL; sp = sp->next)
		if (sp->whole == whole)
			return sp->vb;
	sp = qr_arena_alloc(w->lo->arena, sizeof *sp);
	if (sp == NULL || (sp->vb = qr_arena_alloc(w->lo->arena,
	    sizeof *sp->vb)) == NULL) {
		w->failed = 1;
		return NULL;
	}
	sp->whole = whole;
	sp->vb->fo = whole;
	sp->vb->has_markers = 1;
	sp->next = w->lo->spans;
	w->lo->spans = sp;
	return sp->vb;
}

static int
S_span_has(const qr_fo *fo)
{
	return fo->piece_of != NULL && qr_fo_first_marker(fo->piece_of) != NULL;
}

/* A block's close mark, right after what came before it (or after the
 * marks still waiting: an empty block's open). */
static void
S_close_mark(S_walk *w, qr_vblock *vb)
{
	if (w->marks.n > 0)
		S_pend_mark(w, QR_MARK_BLOCK_CLOSE, vb);
	else if (!w->skip && qr_vlist_mark(w->lo, w->out, QR_MARK_BLOCK_CLOSE,
	    vb) != 0)
		w->failed = 1;
}

/* Open (at the first piece, before the box that follows) or close (after
 * the last piece) the markers of the split inline fo is a piece of. */
static void
S_span_open(S_walk *w, const qr_fo *fo)
{
	qr_vblock *vb;

	if (S_span_has(fo) && fo->piece_first &&
	    (vb = S_span(w, fo->piece_of)) != NULL)
		S_pend_mark(w, QR_MARK_BLOCK_OPEN, vb);
}

static void
S_span_close(S_walk *w, const qr_fo *fo)
{
	qr_vblock *vb;

	if (S_span_has(fo) && fo->piece_last &&
	    (vb = S_span(w, fo->piece_of)) != NULL)
		S_close_mark(w, vb);
}

static int
S_is_inline(const qr_fo *c)
{
	if (c->type == FO_RETRIEVE_MARKER || c->type == FO_MARKER)
		return 0;
	if (c->type == FO_WRAPPER || c->type == FO_UNKNOWN ||
	    c->type == FO_INLINE || c->type == FO_BASIC_LINK)
		return !c->blocklike;
	return qr_fo_type_is_inline(c->type);
}

static int
S_ws(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

/* True when the run [first, stop) holds only white-space text, which
 * between blocks generates nothing (XSL 7.16.x defaults). */
static int
S_ws_only(const qr_fo *first, const qr_fo *stop)
{
	const qr_fo *c;

	for (c = first; c != NULL && c != stop; c = c->next)
		if (c->type != FO_TEXT || !S_ws(c->text, c->text_len))
			return 0;
	return 1;
}

/* True when nothing but white space and markers follows c. */
static int
S_rest_empty(const qr_fo *c)
{
	for (; c != NULL; c = c->next)
		if (c->type != FO_MARKER && (c->type != FO_TEXT ||
		    !S_ws(c->text, c->text_len)))
			return 0;
	return 1;
}

static int
S_len_eq(qr_fo_len a, qr_fo_len b)
{
	return a.pt == b.pt && a.pct == b.pct && a.label_end == b.label_end &&
	    a.body_start == b.body_start;
}

/* fo's start-indent and end-indent resolved in context (see S_ctx). A
 * list-item-body's body-start() and a label's label-end() always refer
 * to the innermost list. */
static void
S_indents(const qr_fo *fo, const S_ctx *cx, double *si, double *ei)
{
	if (cx->have_p && fo->type != FO_LIST_ITEM_BODY &&
	    S_len_eq(fo->inh->start_indent, cx->ps))
		*si = cx->ps_val;
	else
		*si = S_len(fo->inh->start_indent, cx);
	if (cx->have_p && fo->type != FO_LIST_ITEM_LABEL &&
	    S_len_eq(fo->inh->end_indent, cx->pe))
		*ei = cx->pe_val;
	else
		*ei = S_len(fo->inh->end_indent, cx);
}

/* The context for fo's children: fo's resolved indents as the parent's. */
static S_ctx
S_inner(const qr_fo *fo, const S_ctx *cx)
{
	S_ctx in = *cx;

	S_indents(fo, cx, &in.ps_val, &in.pe_val);
	/* fo is no reference area: its height is its content's. */
	in.ref_h = -1;
	in.ps = fo->inh->start_indent;
	in.pe = fo->inh->end_indent;
	in.have_p = 1;
	return in;
}

/* The content box of fo in the list: x offset and width. */
static void
S_content(S_walk *w, const qr_fo *fo, const S_ctx *cx, double *x,
    double *wd)
{
	double si, ei;

	S_indents(fo, cx, &si, &ei);

	*x = cx->x0 + si - cx->base_s;
	*wd = cx->avail - (si - cx->base_s) - (ei - cx->base_e);
	if (*wd < 1) {
		if (!w->warned_narrow)
			qr_diag(w->lo->q, QD_LAYOUT, fo->file, fo->line, 0,
			    "%s has no room (indents leave %.1fpt); set at 1pt",
			    qr_fo_type_name(fo->type), *wd);
		w->warned_narrow = 1;
		*wd = 1;
	}
}

static void
S_para(S_walk *w, const qr_fo *block, const qr_fo *first,
    const qr_fo *stop, const S_ctx *cx, int is_first, int is_last)
{
	qr_layout *lo = w->lo;
	double x, wd;
	qr_para *p;
	const char *const *oids;
	const qr_fo *const *ofns;
	size_t n, i, k, nids, from = 0;
	int orphans = block->inh->orphans, widows = block->inh->widows;

	if (w->skip) {
		/* Resuming: a paragraph before the key was placed whole; the
		 * key's paragraph is set again from the key's line on. */
		if (w->key_kind != S_KEY_LINE || w->key_fo != block ||
		    w->key_run != first) {
			S_skipped(w);
			S_ikeep_tree(w, first, stop);
			return;
		}
		from = w->key_pos;
		orphans = 0;
		if (from > 0)
			S_skipped(w); /* its first lines, and what came before */
	}
	S_content(w, block, cx, &x, &wd);
	p = qr_para_layout_from(lo->ienv, block, first, stop, wd, is_first,
	    is_last, from);
	if (p == NULL) {
		w->failed = 1;
		return;
	}
	nids = qr_para_orphan_ids(p, &oids);
	for (k = 0; k < nids; k++)
		S_pend_mark(w, QR_MARK_ID, oids[k]);
	nids = qr_para_orphan_footnotes(p, &ofns);
	for (k = 0; k < nids; k++)
		S_pend_mark(w, QR_MARK_FOOTNOTE, ofns[k]);
	n = qr_para_count(p);
	if (n == 0 && from == 0)
		S_ikeep_tree(w, first, stop);
	if (from > 0) {
		/* the kept inlines of the lines placed already */
		const qr_fo *const *kends, *const *kopens;
		size_t nopens, nends = qr_para_kept_before(p, &kends, &kopens,
		    &nopens);

		for (k = 0; k < nends; k++)
			S_ikeep_close(w, kends[k]);
		for (k = 0; k < nopens; k++)
			S_ikeep_open(w, kopens[k]);
	}
	for (i = 0; i < n; i++) {
		const qr_line *ln = qr_para_line(p, i);

		if (i > 0) {
			/* Widows and orphans: no break leaving fewer than
			 * `orphans` lines before or `widows` after it. */
			int pen = 0;

			if ((long)i < orphans || (long)(n - i) < widows)
				pen = QR_PEN_INF;
			S_pen(w, pen, block);
			S_bkeep(w);
		}
		for (k = 0; k < ln->nids; k++)
			S_pend_mark(w, QR_MARK_ID, ln->ids[k]);
		for (k = 0; k < ln->nfootnotes; k++)
			S_pend_mark(w, QR_MARK_FOOTNOTE, ln->footnotes[k]);
		/* Markers of inlines starting on this line: an event at
		 * the line (the inline counts as starting and ending on its
		 * first line's page). */
		for (k = 0; k < ln->nmarked; k++) {
			qr_vblock *mb;

			if (ln->marked[k]->piece_of != NULL) {
				/* a split inline's: until its last piece */
				S_span_open(w, ln->marked[k]);
				continue;
			}
			if (qr_fo_first_marker(ln->marked[k]) == NULL)
				continue; /* (kept: below) */
			mb = qr_arena_alloc(lo->arena, sizeof *mb);
			if (mb == NULL) {
				w->failed = 1;
				return;
			}
			memset(mb, 0, sizeof *mb);
			mb->fo = ln->marked[k];
			mb->has_markers = 1;
			S_pend_mark(w, QR_MARK_MARKERS, mb);
		}
		if (S_emit(w, S_KEY_LINE, block, first, ln->pos))
			S_box(w, ln->height, x, wd, qr_layout_paint_line, ln,
			    block);
		/* Kept inlines starting on this line keep it with the next
		 * lines; those ending on it, no longer (both: nothing). */
		for (k = 0; k < ln->nmarked; k++)
			S_ikeep_open(w, ln->marked[k]);
		for (k = 0; k < ln->nclosed; k++) {
			S_span_close(w, ln->closed[k]);
			S_ikeep_close(w, ln->closed[k]);
		}
	}
}

/* ---- blocks ------------------------------------------------------------- */

static int
S_has_deco(const qr_fo *fo, const S_ctx *cx)
{
	int s;

	if (fo->box->has_background)
		return 1;
	for (s = 0; s < 4; s++)
		if (fo->box->border[s].width > 0 ||
		    S_len(fo->box->padding[s].len, cx) > 0)
			return 1;
	return 0;
}

static qr_vblock *
S_vblock(S_walk *w, const qr_fo *fo, const S_ctx *cx, double cxl,
    double cw)
{
	qr_vblock *b;
	int s;

	if (fo->id == NULL && !S_has_deco(fo, cx) &&
	    qr_fo_first_marker(fo) == NULL && fo->type != FO_BASIC_LINK)
		return NULL;
	b = qr_arena_alloc(w->lo->arena, sizeof *b);
	if (b == NULL) {
		w->failed = 1;
		return NULL;
	}
	b->fo = fo;
	for (s = 0; s < 4; s++) {
		const qr_fo_border *bd = &fo->box->border[s];

		b->border[s] = bd->style == QR_BORDER_NONE ||
		    bd->style == QR_BORDER_HIDDEN ? 0 : bd->width;
		b->border_style[s] = bd->style;
		b->border_color[s] = bd->color;
		b->padding[s] = S_len(fo->box->padding[s].len, cx);
		if (b->padding[s] < 0)
			b->padding[s] = 0;
	}
	b->retain_before = fo->box->border[QR_TOP].retain ||
	    fo->box->padding[QR_TOP].retain;
	b->retain_after = fo->box->border[QR_BOTTOM].retain ||
	    fo->box->padding[QR_BOTTOM].retain;
	b->has_background = fo->box->has_background;
	b->background = fo->box->background_color;
	b->has_markers = qr_fo_first_marker(fo) != NULL;
	b->link = fo->type == FO_BASIC_LINK ? fo : NULL;
	b->x = cxl - b->padding[QR_LEFT] - b->border[QR_LEFT];
	b->w = cw + b->padding[QR_LEFT] + b->padding[QR_RIGHT] +
	    b->border[QR_LEFT] + b->border[QR_RIGHT];
	if (w->skip && w->reuse != NULL) {
		/* Resuming inside this block: the page builder holds it open
		 * (its open mark is placed); it goes on at the new width. */
		size_t k;

		for (k = 0; k < w->reuse->n; k++) {
			qr_vblock *ob = (qr_vblock *)w->reuse->v[k].p;

			if (w->reuse->v[k].kind == 0 && ob->fo == fo) {
				*ob = *b;
				return ob;
			}
		}
	}
	return b;
}

typedef struct S_open {
	qr_vblock *vb;
	int saved_keep;
	const qr_fo *saved_keep_fo;
	double after;
	double x, w;
} S_open;

/* A break-before on a block's first child, when the block has a border
 * or padding before, is taken before the block (else the border would be
 * left alone at the foot of a page). */
static void
S_first_break(S_walk *w, const qr_fo *fo)
{
	const qr_fo *c;
	int deco = 0;

	if (fo->box->border[QR_TOP].width > 0 ||
	    fo->box->padding[QR_TOP].len.pt > 0)
		deco = 1;
	if (!deco)
		return;
	for (c = fo->first_child; c != NULL; c = c->next) {
		if (c->type == FO_MARKER || (c->type == FO_TEXT &&
		    S_ws(c->text, c->text_len)))
			continue;
		if (qr_fo_type_is_block(c->type) || c->blocklike) {
			qr_fo_break b = c->box->break_before;

			if (b == QR_BREAK_PAGE || b == QR_BREAK_ODD_PAGE ||
			    b == QR_BREAK_EVEN_PAGE) {
				w->hoisted = c;
				w->force = 1;
				w->force_kind = b == QR_BREAK_ODD_PAGE ?
				    QR_VBRK_ODD : b == QR_BREAK_EVEN_PAGE ?
				    QR_VBRK_EVEN : QR_VBRK_PAGE;
			}
		}
		return;
	}
}

/* A block opened in this step, tracked for S_stop (with a budget). */
static void
S_track(S_walk *w, qr_vblock *vb)
{
	if (w->budget <= 0)
		return;
	if (w->nob == w->cob) {
		size_t nc = w->cob ? w->cob * 2 : 16;
		qr_vblock **nv = realloc(w->ob, nc * sizeof *nv);

		if (nv != NULL) {
			w->ob = nv;
			w->cob = nc;
		}
	}
	if (w->nob < w->cob)
		w->ob[w->nob++] = vb;
	else
		w->failed = 1;
}

/* The before side of a block: space, keep-with-previous, break-before,
 * id, open mark, and its border/padding-before as a box that cannot be
 * separated from what follows. */
static void
S_begin(S_walk *w, const qr_fo *fo, const S_ctx *cx, double cxl, double cw,
    S_open *o)
{
	const qr_fo_box *bx = fo->box;
	double before;

	S_space_add(w, &bx->space_before, cx);
	S_pen(w, S_keep(bx->keep_with_previous), fo);
	S_bkeep(w);
	/* the first piece of a kept split inline: kept from here on */
	if (fo->piece_of != NULL)
		S_ikeep_open(w, fo);
	S_first_break(w, fo);
	if (w->hoisted == fo)
		w->hoisted = NULL;
	else if (bx->break_before == QR_BREAK_PAGE ||
	    bx->break_before == QR_BREAK_ODD_PAGE ||
	    bx->break_before == QR_BREAK_EVEN_PAGE ||
	    bx->break_before == QR_BREAK_COLUMN) {
		w->force = 1;
		w->force_kind = bx->break_before == QR_BREAK_ODD_PAGE ?
		    QR_VBRK_ODD : bx->break_before == QR_BREAK_EVEN_PAGE ?
		    QR_VBRK_EVEN : QR_VBRK_PAGE;
		w->force_fo = fo;
	}
	o->vb = S_vblock(w, fo, cx, cxl, cw);
	if (o->vb != NULL)
		S_track(w, o->vb);
	if (fo->id != NULL)
		S_pend_mark(w, QR_MARK_ID, fo->id);
	S_span_open(w, fo);
	if (o->vb != NULL)
		S_pend_mark(w, QR_MARK_BLOCK_OPEN, o->vb);
	o->saved_keep = w->keep;
	o->saved_keep_fo = w->keep_fo;
	if (S_keep(fo->inh->keep_together) > w->keep) {
		w->keep = S_keep(fo->inh->keep_together);
		w->keep_fo = fo;
	}
	o->x = o->vb != NULL ? o->vb->x : cxl;
	o->w = o->vb != NULL ? o->vb->w : cw;
	before = o->vb != NULL ? o->vb->border[QR_TOP] +
	    o->vb->padding[QR_TOP] : 0;
	o->after = o->vb != NULL ? o->vb->border[QR_BOTTOM] +
	    o->vb->padding[QR_BOTTOM] : 0;
	if (before > 0) {
		if (S_emit(w, S_KEY_BEFORE, fo, NULL, 0))
			S_box(w, before, o->x, o->w, NULL, &S_tag_before, fo);
		S_pen(w, QR_PEN_INF, fo);
	}
}

static void
S_end(S_walk *w, const qr_fo *fo, const S_ctx *cx, S_open *o)
{
	const qr_fo_box *bx = fo->box;

	if (o->after > 0) {
		/* A break-after of the last child breaks after this block's
		 * border, not before it. */
		int force = w->force, kind = w->force_kind;

		w->force = 0;
		S_pen(w, QR_PEN_INF, fo);
		if (S_emit(w, S_KEY_AFTER, fo, NULL, 0))
			S_box(w, o->after, o->x, o->w, NULL, &S_tag_after, fo);
		w->force = force;
		w->force_kind = kind;
	}
	if (o->vb != NULL && w->nob > 0 && w->ob[w->nob - 1] == o->vb)
		w->nob--;
	/* An empty block's open mark may still be waiting: keep the close
	 * after it. (Resuming, a close after a skipped box was placed with
	 * it.) */
	if (o->vb != NULL)
		S_close_mark(w, o->vb);
	S_span_close(w, fo);
	w->keep = o->saved_keep;
	w->keep_fo = o->saved_keep_fo;
	if (fo->piece_of != NULL)
		S_ikeep_close(w, fo);
	S_bkeep(w);
	S_space_add(w, &bx->space_after, cx);
	S_pen(w, S_keep(bx->keep_with_next), fo);
	if (bx->break_after == QR_BREAK_PAGE ||
	    bx->break_after == QR_BREAK_ODD_PAGE ||
	    bx->break_after == QR_BREAK_EVEN_PAGE ||
	    bx->break_after == QR_BREAK_COLUMN) {
		w->force = 1;
		w->force_kind = bx->break_after == QR_BREAK_ODD_PAGE ?
		    QR_VBRK_ODD : bx->break_after == QR_BREAK_EVEN_PAGE ?
		    QR_VBRK_EVEN : QR_VBRK_PAGE;
	}
}

static void
S_block(S_walk *w, const qr_fo *fo, const S_ctx *cx)
{
	S_open o;
	double x, wd;

	S_ctx in = S_inner(fo, cx);

	S_content(w, fo, cx, &x, &wd);
	S_begin(w, fo, cx, x, wd, &o);
	S_children(w, fo, &in);
	S_end(w, fo, cx, &o);
}

/* ---- block-container ------------------------------------------------------ */

typedef struct S_sub {
	qr_vlist list;    /* items in the layout arena */
	double dy;        /* display-align offset */
	double ratio;     /* share of the glue's shrink taken to fit */
	int clip;         /* overflow="hidden": clipped to the box */
} S_sub;

static void
S_paint_sub(qr_layout *lo, const void *data, qr_page *pg, double x,
    double y_top, double w, double h)
{
	const S_sub *s = data;
	qr_openstack st = {NULL, 0, 0};
	qr_area *a;

	if (s->clip && (a = qr_area_add(lo->tree, pg, QR_AREA_CLIP)) !=
	    NULL) {
		a->x = x;
		a->y = y_top;
		a->w = w;
		a->h = h;
	}
	qr_layout_paint_fragment_adj(lo, &s->list, 0, s->list.n, pg, x,
	    y_top + s->dy, &st, NULL, s->ratio);
	qr_openstack_free(&st);
	if (s->clip)
		qr_area_add(lo->tree, pg, QR_AREA_UNCLIP);
}

/* Move a malloc'd list into the arena (so painters can keep it). */
static S_sub *
S_sub_keep(S_walk *w, qr_vlist *l)
{
	S_sub *s = qr_arena_alloc(w->lo->arena, sizeof *s);

	if (s == NULL) {
		w->failed = 1;
		qr_vlist_free(l);
		return NULL;
	}
	if (l->n > 0) {
		s->list.v = qr_arena_alloc(w->lo->arena, l->n * sizeof *l->v);
		if (s->list.v == NULL) {
			w->failed = 1;
			qr_vlist_free(l);
			return NULL;
		}
		memcpy(s->list.v, l->v, l->n * sizeof *l->v);
	}
	s->list.n = s->list.cap = l->n;
	qr_vlist_free(l);
	return s;
}

/* Height of a list as painted alone: leading discardable space skipped.
 * *shrink (when not NULL) gets the shrink of the glue counted. */
static double
S_list_height2(const qr_vlist *l, double *shrink)
{
	double h = 0, sh = 0;
	size_t i;
	int top = 1;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].kind == QR_V_BOX) {
			top = 0;
			h += l->v[i].h;
		} else if (l->v[i].kind == QR_V_GLUE &&
		    (!top || l->v[i].sub == QR_VGLUE_RETAIN)) {
			h += l->v[i].h;
			sh += l->v[i].shrink;
		}
	}
	if (shrink != NULL)
		*shrink = sh;
	return h;
}

static double
S_list_height(const qr_vlist *l)
{
	return S_list_height2(l, NULL);
}

static int S_walk_into(qr_layout *lo, qr_vlist *out, const qr_fo *parent,
    const S_ctx *cx, int keep, int refarea);

static void
S_block_container(S_walk *w, const qr_fo *fo, const S_ctx *cx)
{
	const qr_fo_box *bx = fo->box;
	const qr_fo *kf;
	S_ctx in;
	S_open o;
	double x, wd, si, ei, fh;

	S_content(w, fo, cx, &x, &wd);
	if (bx->ipd.opt.kind == QR_SIZE_LEN) {
		double fw = S_len(bx->ipd.opt.len, cx);

		if (fw > 0)
			wd = fw;
	}
	S_indents(fo, cx, &si, &ei);
	/* A block-container is a reference area: its children's indents
	 * count from its content rectangle's edges (XSL 1.1 5.3.2; an
	 * inherited start-indent indents the child once more, as in
	 * FOP). */
	in.x0 = x;
	in.ref_w = wd;
	in.ref_h = -1;
	in.base_s = 0;
	in.base_e = 0;
	in.avail = wd;
	in.label_end = cx->label_end;
	in.body_start = cx->body_start;
	in.have_p = 1;
	in.ps = fo->inh->start_indent;
	in.pe = fo->inh->end_indent;
	in.ps_val = si;
	in.pe_val = ei;
	S_begin(w, fo, cx, x, wd, &o);
	if (bx->bpd.opt.kind == QR_SIZE_LEN && bx->bpd.opt.len.pct != 0 &&
	    cx->ref_h >= 0)
		w->used_h = 1;
	if (S_bpd(&bx->bpd.opt, cx, &fh)) {
		/* A fixed height: one unsplittable box, the reference its
		 * children's percentage heights refer to. */
		double ch, shrink, ratio = 0;
		qr_vlist sub;
		S_sub *s;

		if (w->skip && !S_is_key(w, S_KEY_WHOLE, fo, NULL, 0)) {
			S_skipped(w);
			S_end(w, fo, cx, &o);
			return;
		}
		qr_vlist_init(&sub);
		in.x0 = 0;
		in.ref_h = fh > 0 ? fh : 0;
		if (S_walk_into(w->lo, &sub, fo, &in, S_keep_now(w, &kf),
		    1) != 0) {
			qr_vlist_free(&sub);
			w->failed = 1;
			S_end(w, fo, cx, &o);
			return;
		}
		ch = S_list_height2(&sub, &shrink);
		if (fh < 0) {
			qr_diag(w->lo->q, QD_LAYOUT, fo->file, fo->line, 0,
			    "block-container height resolves to %.1fpt, less "
			    "than 0; taken as 0", fh);
			fh = 0;
		}
		if (ch > fh + 0.01 && shrink > 0) {
			/* Spaces that may shrink do, as on a page. */
			ratio = (ch - fh) / shrink;
			if (ratio > 1)
				ratio = 1;
			ch -= ratio * shrink;
		}
		if (ch > fh + 0.01)
			qr_diag(w->lo->q, QD_OVERFLOW, fo->file, fo->line, 0,
			    "block-container content (%.1fpt) overflows its "
			    "height (%.1fpt)%s", ch, fh, bx->overflow_hidden ?
			    "; overflow=\"hidden\" clips it" : "");
		for (size_t k = 0; k < sub.n; k++) {
			qr_vitem h;

			if (qr_vitem_hoisted(&sub.v[k], &h))
				S_pend_mark(w, h.sub, h.data);
		}
		s = S_sub_keep(w, &sub);
		if (s != NULL) {
			s->ratio = ratio;
			s->clip = bx->overflow_hidden;
			if (ch < fh && fo->inh->display_align == QR_DISPLAY_CENTER)
				s->dy = (fh - ch) / 2;
			else if (ch < fh &&
			    fo->inh->display_align == QR_DISPLAY_AFTER)
				s->dy = fh - ch;
			if (S_emit(w, S_KEY_WHOLE, fo, NULL, 0))
				S_box(w, fh, x, wd, S_paint_sub, s, fo);
		}
	} else {
		S_children(w, fo, &in);
	}
	S_end(w, fo, cx, &o);
}

/* ---- lists ----------------------------------------------------------------- */

/* The first (last != 0: the last) block-level child of n, or NULL. */
static const qr_fo *
S_edge_block(const qr_fo *n, int last)
{
	const qr_fo *c, *found = NULL;

	for (c = n->first_child; c != NULL; c = c->next) {
		if (c->type == FO_MARKER || c->type == FO_TEXT)
			continue;
		if (qr_fo_type_is_block(c->type) || c->blocklike) {
			found = c;
			if (!last)
				break;
		}
	}
	return found;
}

typedef struct S_item {
	qr_vitem body;    /* the body's first box, as it was */
	qr_vlist label;   /* in the arena */
} S_item;

static void
S_paint_item(qr_layout *lo, const void *data, qr_page *pg, double x,
    double y_top, double w, double h)
{
	const S_item *it = data;

	(void)w;
	(void)h;
	/* The label first, so that the page's text reads label, body (copy
	 * and paste, screen readers), as in FOP. */
	qr_layout_paint_range(lo, &it->label, 0, it->label.n, pg, x, y_top);
	if (it->body.paint != NULL)
		it->body.paint(lo, it->body.data, pg, x + it->body.x, y_top,
		    it->body.w, it->body.h);
}

static void
S_list_item(S_walk *w, const qr_fo *item, const S_ctx *cx)
{
	const qr_fo *label = qr_fo_child(item, FO_LIST_ITEM_LABEL);
	const qr_fo *body = qr_fo_child(item, FO_LIST_ITEM_BODY);
	const qr_fo *kf;
	qr_vlist lab;
	S_open o, ob;
	double x, wd, lh;
	size_t start, k, nsk;
	S_sub *ls;
	S_item *si;

	S_ctx ic = S_inner(item, cx), lin;
	const qr_fo *kb;
	qr_vitem hv;

	S_content(w, item, cx, &x, &wd);
	S_begin(w, item, cx, x, wd, &o);
	/* The label is laid out on its own: its first block's keep with
	 * the previous item applies to the item. */
	if (label != NULL && (kb = S_edge_block(label, 0)) != NULL)
		S_pen(w, S_keep(kb->box->keep_with_previous), kb);
	qr_vlist_init(&lab);
	lin = label != NULL ? S_inner(label, &ic) : ic;
	if (label != NULL && label->id != NULL &&
	    qr_vlist_mark(w->lo, &lab, QR_MARK_ID, label->id) != 0)
		w->failed = 1;
	/* Markers on the label itself travel with the label's marks. */
	if (label != NULL && qr_fo_first_marker(label) != NULL) {
		qr_vblock *mb = qr_arena_alloc(w->lo->arena, sizeof *mb);

		if (mb != NULL) {
			memset(mb, 0, sizeof *mb);
			mb->fo = label;
			mb->has_markers = 1;
		}
		if (mb == NULL || qr_vlist_mark(w->lo, &lab, QR_MARK_MARKERS,
		    mb) != 0)
			w->failed = 1;
	}
	/* Resuming after this item's first box, its label was placed. */
	if (label != NULL && (!w->skip || (w->key_fo != NULL &&
	    (S_inside(w->key_fo, body) || w->key_fo == item))) &&
	    S_walk_into(w->lo, &lab, label, &lin, S_keep_now(w, &kf),
	    0) != 0) {
		qr_vlist_free(&lab);
		w->failed = 1;
		S_end(w, item, cx, &o);
		return;
	}
	lh = S_list_height(&lab);
	start = w->out->n;
	nsk = w->nskipped;
	if (body != NULL) {
		S_ctx bin = S_inner(body, &ic);

		S_content(w, body, &ic, &x, &wd);
		S_begin(w, body, &ic, x, wd, &ob);
		S_children(w, body, &bin);
		S_end(w, body, &ic, &ob);
	}
	if (w->nskipped != nsk) {
		/* Resumed inside the body: its first box, with the label,
		 * was placed. */
		qr_vlist_free(&lab);
		S_end(w, item, cx, &o);
		return;
	}
	ls = S_sub_keep(w, &lab);
	if (ls == NULL) {
		S_end(w, item, cx, &o);
		return;
	}
	/* The label is painted beside the body's first box (usually its
	 * first line): that box becomes one that paints both. */
	for (k = start; k < w->out->n; k++)
		if (w->out->v[k].kind == QR_V_BOX)
			break;
	if (ls->list.n == 0) {
		if (w->skip && label != NULL)
			S_skipped(w); /* the label alone, placed */
		S_end(w, item, cx, &o);
		return;
	}
	si = qr_arena_alloc(w->lo->arena, sizeof *si);
	if (si == NULL) {
		w->failed = 1;
		S_end(w, item, cx, &o);
		return;
	}
	si->label = ls->list;
	if (k < w->out->n) {
		qr_vitem *b = &w->out->v[k];
		size_t nm = 0, j;

		si->body = *b;
		b->x = 0;
		b->w = 0;
		/* The item is as tall as the taller of label and body (XSL
		 * 6.8.3, relative-align="before"): a label taller than the
		 * body's first line (a raised footnote number) reaches down
		 * beside the body's next lines, which keep their spacing,
		 * and no break may fall beside it; only what the label
		 * needs beyond the whole body lengthens the first box. */
		{
			double bh = b->h, gap = 0;

			for (j = k + 1; j < w->out->n && bh < lh - 0.01;
			    j++) {
				qr_vitem *it = &w->out->v[j];

				if (it->kind == QR_V_BOX) {
					bh += gap + it->h;
					gap = 0;
				} else if (it->kind == QR_V_GLUE)
					gap += it->h; /* counts once a box
					                 follows */
				else if (it->kind == QR_V_PENALTY &&
				    it->penalty < QR_PEN_INF &&
				    it->penalty > QR_PEN_FORCE)
					it->penalty = QR_PEN_INF;
			}
			if (lh > bh)
				b->h += lh - bh;
		}
		b->paint = S_paint_item;
		b->data = si;
		/* The label's ids and footnote citations travel with the
		 * combined box: insert them just before it. */
		for (j = 0; j < si->label.n; j++)
			if (qr_vitem_hoisted(&si->label.v[j], &hv))
				nm++;
		if (nm > 0) {
			qr_vitem pad;
			size_t m;

			memset(&pad, 0, sizeof pad);
			for (m = 0; m < nm; m++)
				if (qr_vlist_push(w->lo, w->out, &pad) != 0) {
					w->failed = 1;
					S_end(w, item, cx, &o);
					return;
				}
			memmove(&w->out->v[k + nm], &w->out->v[k],
			    (w->out->n - nm - k) * sizeof w->out->v[0]);
			m = k;
			for (j = 0; j < si->label.n; j++)
				if (qr_vitem_hoisted(&si->label.v[j], &hv))
					w->out->v[m++] = hv;
		}
	} else {
		/* No body content: the label alone. */
		memset(&si->body, 0, sizeof si->body);
		for (k = 0; k < si->label.n; k++)
			if (qr_vitem_hoisted(&si->label.v[k], &hv))
				S_pend_mark(w, hv.sub, hv.data);
		if (S_emit(w, S_KEY_WHOLE, item, NULL, 0))
			S_box(w, lh, 0, 0, S_paint_item, si, item);
	}
	S_end(w, item, cx, &o);
	if ((kb = S_edge_block(label, 1)) != NULL)
		S_pen(w, S_keep(kb->box->keep_with_next), kb);
}

static void
S_list(S_walk *w, const qr_fo *lb, const S_ctx *cx)
{
	S_open o;
	S_ctx in = *cx;
	double x, wd, si, pdbs, pls, full;
	const qr_fo *c;

	S_content(w, lb, cx, &x, &wd);
	{
		double ei;

		S_indents(lb, cx, &si, &ei);
	}
	pdbs = S_len(lb->inh->provisional_distance_between_starts, cx);
	pls = S_len(lb->inh->provisional_label_separation, cx);
	/* label-end() and body-start() (XSL 7.30.x), in the reference
	 * area's coordinates. */
	full = cx->base_s + cx->avail + cx->base_e;
	in = S_inner(lb, cx);
	in.label_end = full - (si + pdbs - pls);
	in.body_start = si + pdbs;
	S_begin(w, lb, cx, x, wd, &o);
	for (c = lb->first_child; c != NULL; c = c->next) {
		if (c->type == FO_LIST_ITEM)
			S_list_item(w, c, &in);
		else if (c->type == FO_TEXT || c->type == FO_MARKER)
			continue;
		else if (c->type == FO_BLOCK || c->blocklike)
			S_block(w, c, &in);
	}
	S_end(w, lb, cx, &o);
}

/* ---- tables ---------------------------------------------------------------- */

static void
S_table(S_walk *w, const qr_fo *t, const S_ctx *cx)
{
	const qr_fo_box *bx = t->box;
	qr_vblock *mk = NULL, *mks[16];
	size_t nmk = 0;
	size_t n0;
	double tsi, tei;
	const qr_tresume *rs = NULL, *stop = NULL;
	const qr_openstack *held = NULL;
	double used = 0;
	size_t k;

	S_space_add(w, &bx->space_before, cx);
	/* The keep-with-previous of the first row (or of its cells' first
	 * blocks) binds across the table's edge too (XSL 1.1 7.20.4). */
	S_pen(w, S_keep(bx->keep_with_previous), t);
	S_pen(w, qr_layout_keep_penalty(qr_table_edge_keep(t, 0)), t);
	S_bkeep(w);
	/* A column break is a page break: a region has one column. */
	if (bx->break_before != QR_BREAK_AUTO) {
		w->force = 1;
		w->force_kind = bx->break_before == QR_BREAK_ODD_PAGE ?
		    QR_VBRK_ODD : bx->break_before == QR_BREAK_EVEN_PAGE ?
		    QR_VBRK_EVEN : QR_VBRK_PAGE;
	}
	if (t->id != NULL)
		S_pend_mark(w, QR_MARK_ID, t->id);
	/* The table's first rows are its header's, else its first body's:
	 * their ids start where the table starts. (The ids of later bodies
	 * and of the footer would need the rows' positions, which only the
	 * table code knows: left to it.) */
	{
		const qr_fo *c;
		int body_seen = 0;

		for (c = t->first_child; c != NULL; c = c->next) {
			if (c->type == FO_TABLE_HEADER && c->id != NULL)
				S_pend_mark(w, QR_MARK_ID, c->id);
			else if (c->type == FO_TABLE_BODY && !body_seen) {
				body_seen = 1;
				if (c->id != NULL)
					S_pend_mark(w, QR_MARK_ID, c->id);
			}
		}
	}
	/* Resuming after the table, its rows were placed; at the table
	 * (none of it placed), it is laid out whole; inside it (split
	 * across pages, see qr_flowwalk_rewind), its part not placed is
	 * laid out again: what precedes it is on pages, and the page
	 * builder holds the table and its marker blocks open. */
	if (w->skip && w->key_kind == S_KEY_TABLE_AT && w->key_fo == t) {
		rs = w->key_resume;
		held = w->reuse;
		S_skipped(w);
		w->skip = 0;
		w->reuse = NULL;
		w->force = 0;
		w->any = 0;
	} else if (w->skip && !S_emit(w, S_KEY_TABLE, t, NULL, 0)) {
		goto after;
	}
	S_flush(w);
	n0 = w->out->n;
	/* Markers on fo:table itself, and on its fo:table-header, -footer
	 * and -body (XSL 1.1 6.13.5): an undecorated block around the
	 * table's items for each, so the page builder sees them start and
	 * end (and carries them over on continuation pages) like a
	 * block's. (A body's markers thus span the whole table: which rows
	 * a body holds only the table code knows.) */
	{
		const qr_fo *c = t;

		nmk = 0;
		while (c != NULL) {
			if (rs != NULL && qr_fo_first_marker(c) != NULL) {
				/* held open: the same block closes */
				for (k = 0; held != NULL && k < held->n; k++)
					if (held->v[k].kind == 0 &&
					    ((const qr_vblock *)held->v[k].p)->fo
					    == c && nmk < sizeof mks /
					    sizeof mks[0])
						mks[nmk++] = (qr_vblock *)
						    held->v[k].p;
			} else if (qr_fo_first_marker(c) != NULL &&
			    nmk < sizeof mks / sizeof mks[0]) {
				mk = qr_arena_alloc(w->lo->arena, sizeof *mk);
				if (mk == NULL) {
					w->failed = 1;
					return;
				}
				memset(mk, 0, sizeof *mk);
				mk->fo = c;
				mk->has_markers = 1;
				mk->w = cx->avail;
				mks[nmk++] = mk;
				if (qr_vlist_mark(w->lo, w->out,
				    QR_MARK_BLOCK_OPEN, mk) != 0)
					w->failed = 1;
			}
			c = c == t ? t->first_child : c->next;
			while (c != NULL && c->type != FO_TABLE_HEADER &&
			    c->type != FO_TABLE_FOOTER &&
			    c->type != FO_TABLE_BODY)
				c = c->next;
		}
	}
	/* indent_start folds in the origin shift of the context, so the
	 * table's x (start-indent - indent_start) is relative to the list;
	 * its indents resolved here as a block's (body-start() in a
	 * list-item-body, percentages of the reference area) */
	S_indents(t, cx, &tsi, &tei);
	/* With a budget (the next page may have another width), the table
	 * is laid out about a page at a time, as blocks are: it stops
	 * between two rows, open, and the next step goes on from there
	 * (qr_flowwalk_step), its marker blocks held open (tracked). */
	for (k = 0; k < nmk; k++)
		S_track(w, mks[k]);
	if (qr_layout_table_part(w->lo, w->out, t, cx->avail,
	    cx->base_s - cx->x0, cx->base_e, tsi, tei, rs, w->budget > 0 ?
	    w->budget - w->emitted : 0, &used, &stop) != 0)
		w->failed = 1;
	w->emitted += used;
	if (w->out->n > n0)
		w->any = 1;
	if (stop != NULL && !w->failed) {
		S_stop(w, S_KEY_TABLE_AT, t, NULL, 0);
		w->stop_resume = stop;
		return;
	}
	while (nmk > 0) {
		if (w->nob > 0 && w->ob[w->nob - 1] == mks[nmk - 1])
			w->nob--;
		if (qr_vlist_mark(w->lo, w->out, QR_MARK_BLOCK_CLOSE,
		    mks[--nmk]) != 0)
			w->failed = 1;
	}
after:
	S_bkeep(w);
	S_space_add(w, &bx->space_after, cx);
	S_pen(w, S_keep(bx->keep_with_next), t);
	S_pen(w, qr_layout_keep_penalty(qr_table_edge_keep(t, 1)), t);
	if (bx->break_after != QR_BREAK_AUTO) {
		w->force = 1;
		w->force_kind = bx->break_after == QR_BREAK_ODD_PAGE ?
		    QR_VBRK_ODD : bx->break_after == QR_BREAK_EVEN_PAGE ?
		    QR_VBRK_EVEN : QR_VBRK_PAGE;
	}
}

/* ---- retrieve-marker ------------------------------------------------------- */

static void
S_retrieve(S_walk *w, const qr_fo *parent, const qr_fo *rm, const S_ctx *cx)
{
	const qr_fo *m = qr_layout_find_marker(w->lo, rm), *c;
	int inl = 1;

	if (m == NULL)
		return;
	for (c = m->first_child; c != NULL; c = c->next)
		if (!(c->type == FO_TEXT && S_ws(c->text, c->text_len))) {
			inl = S_is_inline(c);
			break;
		}
	if (c == NULL)
		return;
	if (inl)
		/* Inline content takes the paragraph properties of the block
		 * holding the retrieve-marker. */
		S_para(w, parent, m->first_child, NULL, cx, 1, 1);
	else
		S_children(w, m, cx);
}

/* True for a retrieve-marker whose retrieved content is inline (or that
 * retrieves nothing): it belongs to the run of text around it. */
static int
S_rm_inline(S_walk *w, const qr_fo *rm)
{
	const qr_fo *m, *c;

	if (rm->type != FO_RETRIEVE_MARKER)
		return 0;
	m = qr_layout_find_marker(w->lo, rm);
	if (m == NULL)
		return 1;
	for (c = m->first_child; c != NULL; c = c->next)
		if (!(c->type == FO_TEXT && S_ws(c->text, c->text_len)))
			return S_is_inline(c);
	return 1;
}

/* True when an inline-level n holds a retrieve-marker below it (in
 * fo:inline and the like: XSL 1.1 6.13.6 allows it wherever #PCDATA is). */
static int
S_has_rm(const qr_fo *n, int depth)
{
	const qr_fo *c;

	if (depth > 64)
		return 0;
	for (c = n->first_child; c != NULL; c = c->next) {
		if (c->type == FO_RETRIEVE_MARKER)
			return 1;
		if (c->type != FO_TEXT && c->type != FO_MARKER &&
		    c->type != FO_FOOTNOTE && S_has_rm(c, depth + 1))
			return 1;
	}
	return 0;
}

static const qr_fo *S_splice(S_walk *w, const qr_fo *first,
    const qr_fo *stop);

/* A sibling chain for [first, stop) with each retrieve-marker replaced by
 * the children of the marker it retrieves: shallow copies in the layout
 * arena (their own children stay shared, except an inline holding a
 * retrieve-marker deeper down, whose children are spliced the same way),
 * so that inline.c sees one run. NULL when the chain is empty or out of
 * memory. */
static const qr_fo *
S_splice(S_walk *w, const qr_fo *first, const qr_fo *stop)
{
	qr_fo *head = NULL, *tail = NULL;
	const qr_fo *c, *k;

	for (c = first; c != NULL && c != stop; c = c->next) {
		const qr_fo *from = c, *to = c->next;

		if (c->type == FO_RETRIEVE_MARKER) {
			const qr_fo *m = qr_layout_find_marker(w->lo, c);

			if (m == NULL)
				continue;
			from = m->first_child;
			to = NULL;
		}
		for (k = from; k != NULL && k != to; k = k->next) {
			qr_fo *n = qr_arena_alloc(w->lo->arena, sizeof *n);

			if (n == NULL) {
				w->failed = 1;
				return NULL;
			}
			*n = *k;
			n->next = NULL;
			n->prev = tail;
			if (k->type != FO_RETRIEVE_MARKER && k->type !=
			    FO_TEXT && S_has_rm(k, 0)) {
				qr_fo *t, *ps;
				int fail = 0;

				n->first_child = (qr_fo *)S_splice(w,
				    k->first_child, NULL);
				if (w->failed)
					return NULL;
				for (t = n->first_child; t != NULL &&
				    t->next != NULL; t = t->next)
					;
				n->last_child = t;
				/* Retrieved blocks in an inline: its pieces
				 * (fo.h piece_of) take its place. */
				ps = qr_fo_split_copy(w->lo->arena, n, &fail);
				if (fail) {
					w->failed = 1;
					return NULL;
				}
				if (ps != NULL) {
					ps->prev = tail;
					n = ps;
					for (t = ps; t != NULL; t = t->next)
						t->parent = k->parent;
				}
			}
			if (tail != NULL)
				tail->next = n;
			else
				head = n;
			for (tail = n; tail->next != NULL; tail = tail->next)
				;
		}
	}
	return head;
}

/* ---- the walk ---------------------------------------------------------------- */

static void S_step(S_walk *w, const qr_fo *parent, const qr_fo **cp,
    int *seen, const S_ctx *cx);

/* A run of inline content with retrieved marker content spliced in
 * (S_splice): set as one paragraph of parent's; but the block-level
 * pieces of an inline that mixes text with blocks (fo.h piece_of, split
 * when the marker is copied) are laid out as blocks, the text before and
 * after them set as paragraphs. last: nothing follows the run. */
static void
S_chain(S_walk *w, const qr_fo *parent, const qr_fo *chain, const S_ctx *cx,
    int *seen, int last)
{
	const qr_fo *c = chain;

	while (c != NULL && !w->failed) {
		const qr_fo *stop = c;

		if (!S_is_inline(c)) {
			S_step(w, parent, &c, seen, cx);
			continue;
		}
		while (stop != NULL && S_is_inline(stop))
			stop = stop->next;
		if (!S_ws_only(c, stop)) {
			S_para(w, parent, c, stop, cx, !*seen,
			    last && S_rest_empty(stop));
			*seen = 1;
		}
		c = stop;
	}
}

/* One unit of parent's children from *cp (a run of inline content, or one
 * block-level child) into the list; advances *cp. */
static void
S_step(S_walk *w, const qr_fo *parent, const qr_fo **cp, int *seen,
    const S_ctx *cx)
{
	const qr_fo *c = *cp;

	if (c->type == FO_MARKER) {
		*cp = c->next;
		return;
	}
	if (S_is_inline(c) || S_rm_inline(w, c)) {
		const qr_fo *stop = c;
		int spliced = 0;

		while (stop != NULL && (S_is_inline(stop) ||
		    S_rm_inline(w, stop))) {
			if (stop->type == FO_RETRIEVE_MARKER ||
			    (stop->type != FO_TEXT && S_has_rm(stop, 0)))
				spliced = 1;
			stop = stop->next;
		}
		if (spliced) {
			/* Retrieved inline content joins the text around it
			 * in one paragraph. */
			S_chain(w, parent, S_splice(w, c, stop), cx, seen,
			    S_rest_empty(stop));
		} else if (!S_ws_only(c, stop)) {
			S_para(w, parent, c, stop, cx, !*seen,
			    S_rest_empty(stop));
			*seen = 1;
		}
		*cp = stop;
		return;
	}
	switch (c->type) {
	case FO_BLOCK_CONTAINER:
		S_block_container(w, c, cx);
		break;
	case FO_LIST_BLOCK:
		S_list(w, c, cx);
		break;
	case FO_TABLE:
		S_table(w, c, cx);
		break;
	case FO_RETRIEVE_MARKER:
		S_retrieve(w, parent, c, cx);
		break;
	case FO_BLOCK:
	case FO_WRAPPER:
	case FO_UNKNOWN:
	case FO_INLINE:   /* holding blocks (blocklike) */
	case FO_BASIC_LINK:
	case FO_TABLE_AND_CAPTION:
	case FO_TABLE_CAPTION:
	case FO_LIST_ITEM:
	case FO_LIST_ITEM_BODY:
	case FO_LIST_ITEM_LABEL:
	case FO_FOOTNOTE_BODY:
		S_block(w, c, cx);
		break;
	default:
		/* table parts outside a table, columns...: nothing to lay out
		 * at block level. */
		break;
	}
	*seen = 1;
	*cp = c->next;
}

static void
S_children(S_walk *w, const qr_fo *parent, const S_ctx *cx)
{
	const qr_fo *c = parent->first_child;
	int seen = 0;

	while (c != NULL && !w->failed)
		S_step(w, parent, &c, &seen, cx);
}

/* refarea: parent is a reference area, whose trailing space is kept when
 * it is retained (a margin-bottom, .conditionality="retain"). */
static int
S_walk_into(qr_layout *lo, qr_vlist *out, const qr_fo *parent,
    const S_ctx *cx, int keep, int refarea)
{
	S_walk w;
	size_t k;

	memset(&w, 0, sizeof w);
	w.lo = lo;
	w.out = out;
	w.keep = keep;
	w.bkeep = -1;
	qr_vlist_init(&w.marks);
	S_children(&w, parent, cx);
	/* Marks still waiting (an empty block's id at the very end) go at
	 * the end; trailing space is dropped unless retained. */
	if (refarea && w.have_space && w.sp_retain && w.any &&
	    qr_vlist_glue(lo, out, w.sp_opt, w.sp_max - w.sp_opt,
	    w.sp_opt - w.sp_min, 1) != 0)
		w.failed = 1;
	for (k = 0; k < w.marks.n && !w.failed; k++)
		if (qr_vlist_push(lo, out, &w.marks.v[k]) != 0)
			w.failed = 1;
	qr_vlist_free(&w.marks);
	return w.failed ? -1 : 0;
}

int
qr_layout_block_content(qr_layout *lo, qr_vlist *out, const qr_fo *parent,
    double width, double height, double indent_start, double indent_end)
{
	S_ctx cx;

	memset(&cx, 0, sizeof cx);
	cx.x0 = 0;
	cx.ref_w = width;
	cx.ref_h = height;
	cx.base_s = indent_start;
	cx.base_e = indent_end;
	cx.avail = width;
	cx.label_end = 0;
	cx.body_start = 0;
	return S_walk_into(lo, out, parent, &cx, 0, 1);
}

/* ---- the flow, one unit at a time ------------------------------------------ */

/* The flow is walked with an explicit stack of open blocks, so that each
 * step lays out one paragraph, list, table or block-container, however
 * deeply the content is wrapped in blocks: the page builder asks for
 * content only as pages need it, at the width of the page it starts on. */
typedef struct S_frame {
	const qr_fo *fo;   /* the block (or the flow at the root) */
	const qr_fo *c;    /* its next child */
	int seen;
	S_open o;
	S_ctx outer, in;
} S_frame;

/* The walker's state before one step, kept (when asked) so that content
 * laid out for a page of one width can be laid out again for the page of
 * another width it goes on to. */
typedef struct S_snap {
	size_t start;         /* out->n when the step began */
	double width;         /* the walker's width before the step */
	S_walk w;             /* w.marks.v: this snapshot's own copy */
	S_frame *f;
	size_t n;
	qr_vblock *flowblock;
	double step_w;        /* the width the step was laid out at */
	double step_h;        /* the region-body height it had */
	int used_h;           /* what it laid out depends on that height */
} S_snap;

struct qr_flowwalk {
	S_walk w;
	S_frame *f;
	size_t n, cap;
	qr_vblock *flowblock; /* when the flow has markers */
	double width;         /* of the last step (0: none yet) */
	double height;        /* the region-body's (< 0: not known) */
	int keep;             /* keep snapshots */
	S_snap *snaps;
	size_t nsnaps, csnaps;
};

static void
S_snap_free(S_snap *sn)
{
	free(sn->w.marks.v);
	free(sn->f);
	sn->w.marks.v = NULL;
	sn->f = NULL;
}

static int
S_snap_take(qr_flowwalk *fw, double width)
{
	S_snap *sn;

	if (fw->nsnaps == fw->csnaps) {
		size_t nc = fw->csnaps ? fw->csnaps * 2 : 16;
		S_snap *nv = realloc(fw->snaps, nc * sizeof *nv);

		if (nv == NULL)
			return -1;
		fw->snaps = nv;
		fw->csnaps = nc;
	}
	sn = &fw->snaps[fw->nsnaps];
	memset(sn, 0, sizeof *sn);
	sn->start = fw->w.out->n;
	sn->width = fw->width;
	sn->step_w = width;
	sn->step_h = fw->height;
	sn->w = fw->w;
	sn->w.marks.v = NULL;
	sn->w.marks.cap = 0;
	if (fw->w.marks.n > 0) {
		sn->w.marks.v = malloc(fw->w.marks.n * sizeof *sn->w.marks.v);
		if (sn->w.marks.v == NULL)
			return -1;
		memcpy(sn->w.marks.v, fw->w.marks.v,
		    fw->w.marks.n * sizeof *sn->w.marks.v);
		sn->w.marks.cap = fw->w.marks.n;
	}
	sn->f = malloc(fw->n * sizeof *sn->f);
	if (sn->f == NULL) {
		free(sn->w.marks.v);
		return -1;
	}
	memcpy(sn->f, fw->f, fw->n * sizeof *sn->f);
	sn->n = fw->n;
	sn->flowblock = fw->flowblock;
	fw->nsnaps++;
	return 0;
}

/* The open blocks of the walk (the frames) take a new width: their
 * decorations are shared with the page builder, which paints the
 * fragments on pages of this width from now on. */
static void
S_frames_rewidth(qr_flowwalk *fw)
{
	size_t k;

	for (k = 1; k < fw->n; k++) {
		S_frame *fr = &fw->f[k];
		double x, wd;

		S_content(&fw->w, fr->fo, &fr->outer, &x, &wd);
		if (fr->o.vb != NULL) {
			qr_vblock *b = fr->o.vb;

			b->x = x - b->padding[QR_LEFT] - b->border[QR_LEFT];
			b->w = wd + b->padding[QR_LEFT] +
			    b->padding[QR_RIGHT] + b->border[QR_LEFT] +
			    b->border[QR_RIGHT];
			fr->o.x = b->x;
			fr->o.w = b->w;
		} else {
			fr->o.x = x;
			fr->o.w = wd;
		}
	}
}

qr_flowwalk *
qr_flowwalk_new(qr_layout *lo, qr_vlist *out, const qr_fo *parent)
{
	qr_flowwalk *fw = calloc(1, sizeof *fw);

	if (fw == NULL || (fw->f = calloc(16, sizeof *fw->f)) == NULL) {
		free(fw);
		qr_diag(lo->q, QD_NOMEM, lo->file, 0, 0, "out of memory");
		return NULL;
	}
	fw->cap = 16;
	fw->w.lo = lo;
	fw->w.out = out;
	fw->w.bkeep = -1;
	qr_vlist_init(&fw->w.marks);
	fw->n = 1;
	fw->height = -1;
	fw->f[0].fo = parent;
	fw->f[0].c = parent != NULL ? parent->first_child : NULL;
	if (parent != NULL && qr_fo_first_marker(parent) != NULL) {
		/* Markers on the flow itself: a block around all of it. */
		fw->flowblock = qr_arena_alloc(lo->arena, sizeof *fw->flowblock);
		if (fw->flowblock == NULL) {
			qr_flowwalk_free(fw);
			qr_diag(lo->q, QD_NOMEM, lo->file, 0, 0, "out of memory");
			return NULL;
		}
		fw->flowblock->fo = parent;
		fw->flowblock->has_markers = 1;
		S_pend_mark(&fw->w, QR_MARK_BLOCK_OPEN, fw->flowblock);
	}
	return fw;
}

/* Types the walker treats as plain blocks (S_block). */
static int
S_plain_block(const qr_fo *c)
{
	switch (c->type) {
	case FO_BLOCK:
	case FO_TABLE_AND_CAPTION:
	case FO_TABLE_CAPTION:
	case FO_LIST_ITEM:
	case FO_LIST_ITEM_BODY:
	case FO_LIST_ITEM_LABEL:
	case FO_FOOTNOTE_BODY:
		return 1;
	case FO_WRAPPER:
	case FO_UNKNOWN:
	case FO_INLINE:
	case FO_BASIC_LINK:
		return c->blocklike;
	default:
		return 0;
	}
}

/* Put the walker back in the state snapshot sn holds (the snapshot
 * keeps its own copies): the buffers the walker owns stay its own. */
static int
S_fw_restore(qr_flowwalk *fw, const S_snap *sn)
{
	qr_vblock **ob = fw->w.ob;
	size_t cob = fw->w.cob;
	double budget = fw->w.budget;
	qr_vitem *mv = NULL;

	if (sn->w.marks.n > 0) {
		mv = malloc(sn->w.marks.n * sizeof *mv);
		if (mv == NULL)
			return -1;
		memcpy(mv, sn->w.marks.v, sn->w.marks.n * sizeof *mv);
	}
	free(fw->w.marks.v);
	fw->w = sn->w;
	fw->w.marks.v = mv;
	fw->w.marks.cap = sn->w.marks.n;
	fw->w.ob = ob;
	fw->w.cob = cob;
	fw->w.nob = 0;
	fw->w.budget = budget;
	memcpy(fw->f, sn->f, sn->n * sizeof *fw->f);
	fw->n = sn->n;
	fw->flowblock = sn->flowblock;
	fw->width = sn->width;
	return 0;
}

static int S_fw_step(qr_flowwalk *fw, double width);

int
qr_flowwalk_step(qr_flowwalk *fw, double width)
{
	int rc;
	S_walk *w = &fw->w;
	int kind;
	const qr_fo *fo, *run;
	size_t pos;
	const qr_openstack *open;
	const qr_tresume *resume;

	w->used_h = 0;
	rc = S_fw_step(fw, width);
	if (fw->keep && fw->nsnaps > 0 && w->used_h)
		fw->snaps[fw->nsnaps - 1].used_h = 1;
	if (rc < 0 || !w->stopped)
		return rc;
	/* The step stopped at its budget: what it emitted stays; the next
	 * step runs it again from its start, skipping to where it stopped
	 * (nothing of the rest was emitted, not even the break before). */
	kind = w->stop_kind;
	fo = w->stop_fo;
	run = w->stop_run;
	pos = w->stop_pos;
	open = w->stop_open;
	resume = w->stop_resume;
	if (fw->nsnaps == 0 || S_fw_restore(fw, &fw->snaps[fw->nsnaps - 1]) !=
	    0) {
		qr_diag(w->lo->q, QD_NOMEM, w->lo->file, 0, 0, "out of memory");
		return -1;
	}
	w->stopped = 0;
	w->skip = 1;
	w->key_kind = kind;
	w->key_fo = fo;
	w->key_run = run;
	w->key_pos = pos;
	w->key_drop_pen = 0;
	w->key_resume = resume;
	w->reuse = open;
	return 1;
}

void
qr_flowwalk_set_budget(qr_flowwalk *fw, double height)
{
	fw->w.budget = fw->keep && height > 0 ? height : 0;
}

static int
S_fw_step(qr_flowwalk *fw, double width)
{
	S_frame *top;
	const qr_fo *c;
	size_t k;

	if (fw->w.failed)
		return -1;
	if (fw->keep && S_snap_take(fw, width) != 0) {
		qr_diag(fw->w.lo->q, QD_NOMEM, fw->w.lo->file, 0, 0,
		    "out of memory");
		return -1;
	}
	fw->w.nob = 0;
	fw->w.emitted = 0;
	/* Every open level takes the width of the page being filled; the
	 * flow's children have its region-body's height to refer to (the
	 * blocks open inside it are no reference areas: theirs is not
	 * fixed, see S_inner). */
	for (k = 0; k < fw->n; k++) {
		fw->f[k].in.ref_w = fw->f[k].in.avail = width;
		fw->f[k].outer.ref_w = fw->f[k].outer.avail = width;
		fw->f[k].outer.ref_h = k == 0 ? fw->height :
		    fw->f[k - 1].in.ref_h;
		if (k == 0)
			fw->f[k].in.ref_h = fw->height;
	}
	if (fw->width != width) {
		if (fw->width != 0)
			S_frames_rewidth(fw);
		fw->width = width;
	}
	top = &fw->f[fw->n - 1];
	if (fw->n == 1 && top->c == NULL) {
		if (fw->w.force && fw->w.force_fo != NULL) {
			/* The flow ends with an empty block with a break-
			 * before: it still starts a page, empty (as in FOP;
			 * within the flow the break merges with the next). */
			const qr_fo *ef = fw->w.force_fo;
			double budget = fw->w.budget;

			fw->w.budget = 0; /* no stop at the very end */
			if (S_emit(&fw->w, S_KEY_BEFORE, ef, NULL, 0))
				S_box(&fw->w, 0, 0, 0, NULL, &S_tag_before, ef);
			fw->w.budget = budget;
			if (fw->w.failed)
				return -1;
		}
		/* Marks still waiting go at the end; trailing space is
		 * dropped. */
		for (k = 0; k < fw->w.marks.n; k++)
			if (qr_vlist_push(fw->w.lo, fw->w.out,
			    &fw->w.marks.v[k]) != 0)
				return -1;
		fw->w.marks.n = 0;
		if (fw->flowblock != NULL) {
			if (qr_vlist_mark(fw->w.lo, fw->w.out,
			    QR_MARK_BLOCK_CLOSE, fw->flowblock) != 0)
				return -1;
			fw->flowblock = NULL;
		}
		return 0;
	}
	if (top->c == NULL) {
		S_end(&fw->w, top->fo, &top->outer, &top->o);
		fw->n--;
		return fw->w.failed ? -1 : 1;
	}
	c = top->c;
	if (S_plain_block(c) && !S_is_inline(c)) {
		S_frame *nf;
		double x, wd;

		top->c = c->next;
		top->seen = 1;
		if (fw->n == fw->cap) {
			S_frame *nv = realloc(fw->f, fw->cap * 2 * sizeof *nv);

			if (nv == NULL) {
				qr_diag(fw->w.lo->q, QD_NOMEM, fw->w.lo->file, 0,
				    0, "out of memory");
				return -1;
			}
			fw->f = nv;
			fw->cap *= 2;
			top = &fw->f[fw->n - 1];
		}
		nf = &fw->f[fw->n++];
		memset(nf, 0, sizeof *nf);
		nf->fo = c;
		nf->c = c->first_child;
		nf->outer = top->in;
		nf->in = S_inner(c, &nf->outer);
		S_content(&fw->w, c, &nf->outer, &x, &wd);
		S_begin(&fw->w, c, &nf->outer, x, wd, &nf->o);
		return fw->w.failed ? -1 : 1;
	}
	S_step(&fw->w, top->fo, &top->c, &top->seen, &top->in);
	return fw->w.failed ? -1 : 1;
}

void
qr_flowwalk_set_height(qr_flowwalk *fw, double height)
{
	fw->height = height;
}

void
qr_flowwalk_keep_states(qr_flowwalk *fw)
{
	fw->keep = 1;
}

int
qr_flowwalk_width_differs(const qr_flowwalk *fw, size_t from, double width)
{
	size_t k;

	/* The steps that laid out items at or after `from`: the last one
	 * that began at or before it, and every later one. */
	for (k = fw->nsnaps; k-- > 0;) {
		const S_snap *sn = &fw->snaps[k];

		if (sn->step_w < width - 0.01 || sn->step_w > width + 0.01)
			return 1;
		if (sn->start <= from)
			break;
	}
	return 0;
}

int
qr_flowwalk_height_differs(const qr_flowwalk *fw, size_t from,
    double height, size_t *at)
{
	size_t k;
	int found = 0;

	/* As above; the first such step that depends on the height. */
	for (k = fw->nsnaps; k-- > 0;) {
		const S_snap *sn = &fw->snaps[k];

		if (sn->used_h && (sn->step_h < height - 0.01 ||
		    sn->step_h > height + 0.01)) {
			*at = sn->start > from ? sn->start : from;
			found = 1;
		}
		if (sn->start <= from)
			break;
	}
	return found;
}

void
qr_flowwalk_forget(qr_flowwalk *fw, size_t placed, size_t shift)
{
	size_t k = 0, j;

	/* Keep the last snapshot that began at or before `placed`. */
	while (k + 1 < fw->nsnaps && fw->snaps[k + 1].start <= placed)
		k++;
	for (j = 0; j < k; j++)
		S_snap_free(&fw->snaps[j]);
	if (k > 0)
		memmove(fw->snaps, fw->snaps + k,
		    (fw->nsnaps - k) * sizeof *fw->snaps);
	fw->nsnaps -= k;
	for (j = 0; j < fw->nsnaps; j++)
		fw->snaps[j].start = fw->snaps[j].start > shift ?
		    fw->snaps[j].start - shift : 0;
}

/* The key of a box the walker emitted, or -1 when it is not one the
 * walker can find again (a table's rows). */
static int
S_key_of(const qr_vitem *it, int *kind, const qr_fo **fo,
    const qr_fo **run, size_t *pos)
{
	*run = NULL;
	*pos = 0;
	*fo = it->fo;
	if (it->kind != QR_V_BOX || it->fo == NULL)
		return -1;
	if (it->paint == qr_layout_paint_line) {
		const qr_line *ln = it->data;

		*kind = S_KEY_LINE;
		*run = ln->run;
		*pos = ln->pos;
		return 0;
	}
	if (it->paint == S_paint_item) {
		const S_item *si = it->data;

		if (si->body.paint != NULL || si->body.data != NULL)
			return S_key_of(&si->body, kind, fo, run, pos);
		*kind = S_KEY_WHOLE;
		return 0;
	}
	if (it->paint == S_paint_sub) {
		*kind = S_KEY_WHOLE;
		return 0;
	}
	if (it->paint == NULL && it->data == &S_tag_before) {
		*kind = S_KEY_BEFORE;
		return 0;
	}
	if (it->paint == NULL && it->data == &S_tag_after) {
		*kind = S_KEY_AFTER;
		return 0;
	}
	return -1;
}

int
qr_vkey_of(const qr_vitem *it, qr_vkey *key)
{
	return S_key_of(it, &key->kind, &key->fo, &key->run, &key->pos);
}

int
qr_layout_block_content_from(qr_layout *lo, qr_vlist *out,
    const qr_fo *parent, double width, double height, double indent_start,
    double indent_end, const qr_vkey *key)
{
	S_ctx cx;
	S_walk w;
	size_t k, j, n0 = out->n, nopen = 0;
	const void **open = NULL;

	memset(&cx, 0, sizeof cx);
	cx.ref_w = width;
	cx.ref_h = height;
	cx.base_s = indent_start;
	cx.base_e = indent_end;
	cx.avail = width;
	memset(&w, 0, sizeof w);
	w.lo = lo;
	w.out = out;
	w.bkeep = -1;
	w.skip = 1;
	w.key_kind = key->kind;
	w.key_fo = key->fo;
	w.key_run = key->run;
	w.key_pos = key->pos;
	w.key_drop_pen = 1; /* the break before it was taken */
	qr_vlist_init(&w.marks);
	S_children(&w, parent, &cx);
	if (!w.skip && w.have_space && w.sp_retain && w.any &&
	    qr_vlist_glue(lo, out, w.sp_opt, w.sp_max - w.sp_opt,
	    w.sp_opt - w.sp_min, 1) != 0)
		w.failed = 1;
	for (k = 0; k < w.marks.n && !w.failed && !w.skip; k++)
		if (qr_vlist_push(lo, out, &w.marks.v[k]) != 0)
			w.failed = 1;
	qr_vlist_free(&w.marks);
	if (w.failed)
		return -1;
	if (w.skip) {
		out->n = n0;
		return 1;
	}
	/* The blocks open at the key: closed in the list, never opened
	 * (their open marks went with what was skipped), innermost first.
	 * Their open marks go first, outermost first. */
	for (k = n0; k < out->n; k++) {
		const qr_vitem *it = &out->v[k];
		int seen = 0;

		if (it->kind != QR_V_MARK || it->sub != QR_MARK_BLOCK_CLOSE)
			continue;
		for (j = n0; j < k && !seen; j++)
			seen = out->v[j].kind == QR_V_MARK &&
			    out->v[j].sub == QR_MARK_BLOCK_OPEN &&
			    out->v[j].data == it->data;
		if (seen)
			continue;
		if (open == NULL && (open = malloc((out->n - n0) *
		    sizeof *open)) == NULL) {
			qr_diag(lo->q, QD_NOMEM, lo->file, 0, 0,
			    "out of memory");
			return -1;
		}
		open[nopen++] = it->data;
	}
	for (k = nopen; k-- > 0;) {
		if (qr_vlist_mark(lo, out, QR_MARK_BLOCK_OPEN, open[k]) != 0) {
			free(open);
			return -1;
		}
		/* move it to the front, after those before it */
		{
			qr_vitem m = out->v[out->n - 1];

			memmove(&out->v[n0 + (nopen - 1 - k) + 1],
			    &out->v[n0 + (nopen - 1 - k)],
			    (out->n - 1 - (n0 + (nopen - 1 - k))) *
			    sizeof *out->v);
			out->v[n0 + (nopen - 1 - k)] = m;
		}
	}
	free(open);
	return 0;
}

/* A table split across pages that cannot go on at the new width keeps
 * its width: so does its part still to come (after a budget's stop).
 * Returns -1 (for qr_flowwalk_rewind). */
static int
S_table_kept(qr_flowwalk *fw, const qr_vtable *vt)
{
	if (fw->w.skip && fw->w.key_kind == S_KEY_TABLE_AT &&
	    qr_table_resume_vt(fw->w.key_resume) == vt)
		qr_table_resume_keep_width(fw->w.key_resume);
	return -1;
}

int
qr_flowwalk_rewind(qr_flowwalk *fw, size_t box, size_t placed,
    const qr_openstack *open)
{
	qr_vlist *out = fw->w.out;
	int kind = S_KEY_LINE, drop_pen = 1, resume;
	const qr_fo *fo = NULL, *run = NULL;
	size_t pos = 0, k, j, cut;
	S_snap sn;
	const qr_vtable *vt = NULL;
	const qr_tresume *rs = NULL;

	if (box >= out->n || placed > box)
		return -1;
	for (k = fw->nsnaps; k-- > 0;)
		if (fw->snaps[k].start <= box)
			break;
	if (k == (size_t)-1 || fw->nsnaps == 0)
		return -1;
	resume = fw->snaps[k].start < placed;
	/* A table the page builder holds open (split across pages) goes on
	 * from its first row (or part of a row) not placed, when the table
	 * code can say where that is; one inside another is not resumed. A
	 * step none of which is placed runs again from its start: the
	 * tables open where the page begins do not matter to it (they close
	 * before it, or it is the table's own part after a budget's stop,
	 * which goes on again from the same point). */
	for (j = resume && open != NULL ? open->n : 0; j-- > 0;)
		if (open->v[j].kind != 0) {
			if (vt != NULL)
				return S_table_kept(fw, vt);
			vt = open->v[j].p;
		}
	if (vt != NULL) {
		rs = qr_table_resume_at(fw->w.lo, out, box, vt);
		if (rs == NULL)
			return S_table_kept(fw, vt);
		kind = S_KEY_TABLE_AT;
		fo = qr_table_resume_fo(rs);
		run = NULL;
		pos = 0;
	} else if (resume &&
	    S_key_of(&out->v[box], &kind, &fo, &run, &pos) != 0) {
		/* Not a box the walker finds again: a table's row. Only a
		 * table none of whose rows is placed can start again. */
		for (j = box; j-- > placed;)
			if (out->v[j].kind == QR_V_MARK &&
			    out->v[j].sub == QR_MARK_TABLE_OPEN)
				break;
		if (j == (size_t)-1 || j < placed)
			return -1;
		kind = S_KEY_TABLE;
		fo = ((const qr_vtable *)out->v[j].data)->fo;
		run = NULL;
		pos = 0;
	}
	/* The break before the key box: taken when it lies before `placed`
	 * (the usual case), else (a forced break, on top of the page) it is
	 * laid out again. */
	for (j = box; j-- > placed;)
		if (out->v[j].kind == QR_V_PENALTY) {
			drop_pen = 0;
			break;
		}
	if (S_fw_restore(fw, &fw->snaps[k]) != 0)
		return -1;
	sn = fw->snaps[k];
	for (j = k; j < fw->nsnaps; j++)
		S_snap_free(&fw->snaps[j]);
	fw->nsnaps = k;
	fw->w.stopped = 0;
	cut = sn.start > placed ? sn.start : placed;
	out->n = cut;
	if (sn.start >= placed)
		return 0; /* none of the step placed: it runs again */
	fw->w.skip = 1;
	fw->w.key_kind = kind;
	fw->w.key_fo = fo;
	fw->w.key_run = run;
	fw->w.key_pos = pos;
	fw->w.key_drop_pen = drop_pen;
	fw->w.key_resume = rs;
	fw->w.reuse = open;
	return 0;
}

void
qr_flowwalk_free(qr_flowwalk *fw)
{
	size_t k;

	if (fw == NULL)
		return;
	for (k = 0; k < fw->nsnaps; k++)
		S_snap_free(&fw->snaps[k]);
	free(fw->snaps);
	free(fw->w.ob);
	qr_vlist_free(&fw->w.marks);
	free(fw->f);
	free(fw);
}
