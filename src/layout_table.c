/* layout_table.c: fo:table into the vertical list: columns and cells
 * placed, borders resolved, each cell laid out into its own vertical list,
 * rows cut into slices where every cell can break (stepping all cells
 * together, the idea of FOP's TableStepper), the header and footer handed
 * to the page builder for repetition.
 *
 * How a row becomes slices. The rows of a "group" (rows tied together by
 * row spans; usually one row) are laid out in continuous coordinates: a
 * cell's content item i sits at base + H(i) where H is the running height
 * of its list. The boundaries between slices are the break positions of
 * the cells, taken in increasing order (the smallest next break of any
 * cell); at a boundary every cell is at one of its own legal breaks, not
 * yet started, or finished. Cells that broke earlier than the boundary
 * leave "slack": if the page breaks there, their remaining content needs
 * more room on the next page than the continuous layout shows. So each
 * slice after a boundary is given the extra height D (the largest slack;
 * negative when every cell resumes after discarded space) and a
 * discardable glue of -D precedes it: on the same page the two cancel,
 * after a page break the glue is dropped and the slice is exactly as tall
 * as what it must show. The painter therefore paints every cell at its
 * continuous position shifted by D, whichever way the page broke; only
 * decorations (closing borders) depend on whether a break happened, which
 * the painter sees from where the previous slice of the group was painted.
 *
 * A row after the first of a group is "delayed" until its first step
 * (where all its own cells reach a first legal break, FOP's row delay):
 * the boundaries before it are those of the cells spanning into it, and
 * a break there takes the row over whole, so the slices show nothing of
 * it and the painter leaves its boxes out until the slice where it shows
 * (S_slice.rst).
 *
 * Memory: everything (cell lists copied out of their malloc'd arrays,
 * painter data) lives in lo->arena; the few temporary arrays are freed
 * before returning.
 */
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "fo.h"
#include "inline.h"
#include "layout_int.h"
#include "layout_table.h"

/* Rows whose cells are measured for automatic column widths: enough for
 * any real table's shape, bounded so a 20,000-row table costs nothing. */
#define S_AUTO_MEASURE_ROWS 400
/* How much of a cell's content may wait above a row slice boundary
 * (rather than break a keep, widows or orphans there): a few lines. */
#define S_STAY_MAX 48.0
/* Steps for cutting the empty part of a tall row. */
#define S_TAIL_STEP 36.0
/* A page body's height assumed for the page limit when the table's pages
 * have none to go by (200in, the largest page a PDF viewer must show). */
#define S_MAX_PAGE_PT 14400.0

typedef struct S_table S_table;
typedef struct S_par S_par;

typedef struct S_cell {
	const qr_fo *fo;      /* NULL for an empty slot filler */
	qr_tcell_pos pos;     /* row: index into the table's rows */
	double x, w;          /* border box, offset from the table's x */
	double inset[4];      /* border (or half, collapsed) + padding */
	double bw[4];         /* separate model: border widths drawn */
	qr_vlist list;        /* content (items in the arena) */
	double *H;            /* H[i]: height of items [0, i), n + 1 */
	size_t first;         /* first box (or mark) index */
	double content_h;     /* height from first to the last box */
	int display_align;
	double min_h;         /* the cell's own height, as a minimum */
	/* A forced break before the cell's first box or after its last
	 * (break-before/after on its first/last block): 1 + QR_VBRK_*, or
	 * 0. It breaks before/after the row, as in FOP. */
	int force_before, force_after;
	/* The keep-with-next of its last block (S_edge_keep): once the
	 * cell's content is finished, it binds every later break of the
	 * row, as the next formatting object in the flow is in the next
	 * row (FOP's ActiveCell does the same). */
	int keep_after;
	int keep_before;      /* keep-with-previous of its first block */
	const qr_vblock *markers; /* its markers' open/close marks, or NULL */
	/* paint time: after a break, the page y of group coordinate 0 for
	 * this cell on page off_pg */
	double off;
	const qr_page *off_pg;
	/* separate model, empty-cells="hide" and no content: no border or
	 * background */
	int hidden;
	int has_tables;       /* its list holds a nested table */
	/* Some border that a break across the cell weighs on its before
	 * ([0]) or after ([1]) edge (S_break_border_in), or its own
	 * padding there, is retained: else a break there has no border
	 * and takes no room (S_break_room). Set from the FO once the
	 * cells are placed; it holds at any width. */
	unsigned char brk_kept[2];
	/* The cell's box began on a page before, at another width: its
	 * content here is what was not placed, and its before edge is a
	 * break's (only a retained border and padding, see S_break_room),
	 * drawn by the group's first slice (a table going on at a new
	 * width, qr_tresume) */
	int cont;
	/* Blocks and tables open at item st_pos, replayed incrementally
	 * while painting (slices are painted in order): st_cap entries in
	 * the arena, st_n in use. */
	qr_open *st;
	size_t st_n, st_cap, st_pos;
	/* set per group during stepping */
	double cy0, cy1;      /* border box in group coordinates */
	double base;          /* where H == 0 sits, group coordinates */
} S_cell;

typedef struct S_row {
	const qr_fo *fo;      /* fo:table-row, or NULL (implicit row) */
	const qr_fo *part;    /* header, footer or body */
	int part_index;       /* index into the table's parts */
	double min_h;
	double y, h;          /* within its group */
	int group;
} S_row;

/* One slice of a group: the window [y0, y1) of the group's continuous
 * coordinates, shown with `lead` extra height on top (see the file
 * comment). from/to: item ranges per cell of the group. */
typedef struct S_slice {
	S_table *t;
	int group;
	double y0, y1, lead;
	size_t *from, *to;    /* per cell of the group (index - g->cell0) */
	int first, last;      /* first/last slice of the group */
	/* Per row of the group (index - row0), or NULL when all 0: 1 the
	 * row is delayed (see S_emit_group): its cells show nothing in this
	 * slice, their boxes are not painted; 2 the row was delayed up to
	 * this slice's top and is painted whole from here. */
	unsigned char *rst;
	/* 1 + the row starting at y1 when the next slice delays it, else
	 * 0 (collapsed: the row line there waits, see S_defer_line) */
	int below;
	const struct S_slice *next; /* the group's next slice, or NULL */
} S_slice;

typedef struct S_group {
	int row0, nrows;      /* rows of the table */
	size_t cell0, ncells; /* cells of the table (consecutive) */
	double h;
	int part_index;
	const struct S_slice *slice0; /* its first slice, once emitted */
	/* the table (part) its cells were laid out for, its heights set
	 * (parts of one table share its groups, see qr_tresume.base) */
	const struct S_table *ready;
	int cell_bg;          /* some cell has a background (set then) */
} S_group;

/* Collapsed: a vertical grid line as the painter last gave a piece of it
 * to the rule join (S_vrule_line). */
typedef struct S_vline {
	qr_rule_tok tok;      /* where that piece went */
	double x;             /* its page x */
	qr_tborder b;         /* its border */
	int set;
} S_vline;

/* What the painter remembers between slices (painting is in order). */
typedef struct S_paint_state {
	qr_page *pg;
	double x;             /* page x of the table's box */
	double bottom;        /* page y where the last slice ended */
	const S_slice *slice; /* the last slice painted */
	double frag_y0;       /* group coordinate where the group's
	                       * fragment on this page begins */
	/* collapsed: the page where a repeated header was painted above
	 * cells continuing from the previous page, leaving out its last
	 * row line there (that line and the cells' retained before border
	 * are one line, drawn by the next slice, S_paint_slice_at) */
	qr_page *head_pg;
	/* a table going on at another width (qr_tresume): its first slice
	 * (a repeated header above it leaves its last line to it) */
	const struct S_slice *first;
	/* collapsed: per vertical grid line (ncols + 1, the parts of a
	 * table share their columns), the piece last given, or NULL */
	S_vline *vline;
} S_paint_state;

struct S_table {
	qr_layout *lo;
	const qr_fo *fo;
	int collapse;
	double sep_h, sep_v;  /* separate model: border-separation */
	double x, w;          /* the table's border box in the outer list */
	double cx;            /* x of column 0's left grid line / edge */
	int ncols;
	double *colx;         /* ncols + 1 grid positions, from cx */
	const qr_fo **colfo;  /* the table-column of each column, or NULL */
	int col_bg;           /* some column has a background */
	S_row *rows;
	int nrows;
	S_cell *cells;
	size_t ncells;
	S_group *groups;
	int ngroups;
	qr_tcollapsed coll;   /* collapsed: resolved segments */
	/* shared by the tables a budget cut one table into (see
	 * qr_tresume.at_stop): painting goes on from one to the next */
	S_paint_state *ps;
	/* header and footer: group ranges */
	int head_g0, head_gn, foot_g0, foot_gn;
	double head_h, foot_h;
	/* The height a group may have on a fresh page (the body of a page
	 * after the first, less the repeated header and footer); 0 when
	 * unknown. A group at most this tall moves whole rather than break
	 * in its specified height (see S_in_fixed). */
	double fresh_room;
	/* nested tables and their stand-ins (S_notes_only): pairs */
	const qr_vtable **px;
	size_t npx, cappx;
	qr_vtable *vt;        /* what the page builder holds open */
	qr_vblock *vb;        /* the table's decoration, or NULL */
	/* Going on from a point laid out before (qr_layout_table_part),
	 * or NULL. */
	const qr_tresume *rs;
	/* automatic layout: each column's minimum and maximum content
	 * widths, measured once (they do not depend on the table's width),
	 * or NULL */
	double *mn, *mx;
	qr_tcol_width *cw;    /* the columns' widths as specified */
	int body_row0, body_row1; /* the body's rows */
	/* the header and footer not repeated at breaks (laid out like the
	 * body, in slices): decided when the table starts */
	int omit_head, omit_foot;
	/* a cell's content as laid out, before it is copied into the
	 * arena (S_layout_cell): emptied and reused from cell to cell,
	 * freed when the table's layout returns */
	qr_vlist scratch;
	/* a helper thread laying out the body's cells ahead, or NULL */
	S_par *par;
};

/* Where a table split across pages goes on (qr_table_resume_at): the
 * first group not placed whole and, when its first slices were placed
 * (the page broke inside its first row), what each cell of it still
 * has to show. */
enum { S_RC_WHOLE, S_RC_FROM, S_RC_DONE };
typedef struct S_rcell {
	int state;            /* S_RC_*: all its content to come, the
	                       * content from key on, none */
	int cont;             /* its box began on a page before */
	qr_vkey key;
	double min_h;         /* cont: what is left of its own height */
	qr_vblock *markers;   /* its marker block, held open, or NULL */
} S_rcell;

struct qr_tresume {
	const qr_fo *table;
	qr_vtable *vt;        /* held open by the page builder: reused */
	qr_vblock *vb;        /* the table's decoration, held open, or NULL */
	int group;            /* the first group not placed whole (ngroups:
	                       * only the table's end is left) */
	int inside;           /* the group's first slices were placed */
	double row_min;       /* inside: what is left of its first row's
	                       * height */
	size_t cell0;         /* the group's first cell */
	S_rcell *cell;        /* inside: per cell of the group */
	size_t ncells;
	/* At a budget's stop (the table laid out about a page at a time
	 * while the next page's width may differ): nothing of it is on a
	 * page yet, the group follows the one before as usual (the break
	 * between them, with prev_kwn, the keep-with-next of the one
	 * before), and painting goes on with the same state. */
	int at_stop;
	int prev_kwn;
	S_paint_state *ps;
	/* at_stop: the width and indents the part before was laid out at,
	 * which the next keeps when keep_width is set (the page builder
	 * could not lay the part before out again at a new width: its rows
	 * keep their width, and so do the rest, under one header) */
	double width, indent_start, indent_end, start_indent, end_indent;
	int keep_width;
	const double *mn, *mx; /* S_table.mn, mx, or NULL */
	/* the table laid out before, whose structure (rows, cells, groups,
	 * borders) this part shares */
	const S_table *base;
};

/* ---- small helpers ------------------------------------------------------- */

static int S_max_keep(int a, int b)
{
	return a > b ? a : b;
}

/* A keep's strength: within-page and within-column alike (a region has
 * one column), as the block walker takes them. */
static int S_kv(qr_fo_keep k)
{
	return S_max_keep(k.within_page, k.within_column);
}

static qr_bstyle S_bstyle(qr_fo_border_style s)
{
	switch (s) {
	case QR_BORDER_HIDDEN: return QR_B_HIDDEN;
	case QR_BORDER_SOLID: return QR_B_SOLID;
	case QR_BORDER_DASHED: return QR_B_DASHED;
	case QR_BORDER_DOTTED: return QR_B_DOTTED;
	case QR_BORDER_DOUBLE: return QR_B_DOUBLE;
	case QR_BORDER_GROOVE: return QR_B_GROOVE;
	case QR_BORDER_RIDGE: return QR_B_RIDGE;
	case QR_BORDER_INSET: return QR_B_INSET;
	case QR_BORDER_OUTSET: return QR_B_OUTSET;
	default: return QR_B_NONE;
	}
}

static int S_fostyle(qr_bstyle s)
{
	switch (s) {
	case QR_B_SOLID: return QR_BORDER_SOLID;
	case QR_B_DASHED: return QR_BORDER_DASHED;
	case QR_B_DOTTED: return QR_BORDER_DOTTED;
	case QR_B_DOUBLE: return QR_BORDER_DOUBLE;
	case QR_B_GROOVE: return QR_BORDER_GROOVE;
	case QR_B_RIDGE: return QR_BORDER_RIDGE;
	case QR_B_INSET: return QR_BORDER_INSET;
	case QR_B_OUTSET: return QR_BORDER_OUTSET;
	default: return QR_BORDER_NONE;
	}
}

/* fo.h sides are QR_TOP, QR_BOTTOM, QR_LEFT, QR_RIGHT; ours are before,
 * after, start, end: the same order in lr-tb. */
static qr_tborder S_border(const qr_fo *fo, int side, qr_bsource src)
{
	qr_tborder b;
	memset(&b, 0, sizeof b);
	if (!fo)
		return b;
	const qr_fo_border *fb = &fo->box->border[side];
	b.style = S_bstyle(fb->style);
	b.width = b.style == QR_B_NONE ? 0 : fb->width;
	b.color = fb->color;
	b.src = src;
	return b;
}

static double S_len(qr_fo_len l, double ref)
{
	return qr_fo_len_resolve(l, ref, 0, 0);
}

/* A component of a row's or cell's height (block-progression-dimension):
 * 1 and *out set when it is a length; 0 when it is auto or holds a
 * percentage. A percentage refers to the table's height, which depends
 * on its content, so it counts as auto (XSL 1.1 7.15.3; FOP also
 * ignores it). */
static int S_bpd_len(const qr_fo_size *z, double *out)
{
	if (z->kind != QR_SIZE_LEN || z->len.pct != 0)
		return 0;
	*out = S_len(z->len, 0);
	return 1;
}

/* A minimum height from height / block-progression-dimension. */
static double S_min_height(const qr_fo *fo)
{
	double h = 0, v;
	if (!fo)
		return 0;
	const qr_fo_range *r = &fo->box->bpd;
	if (S_bpd_len(&r->min, &v))
		h = v;
	if (S_bpd_len(&r->opt, &v) && v > h)
		h = v;
	return h > 0 ? h : 0;
}

static int S_is_space(const qr_vitem *it)
{
	return it->kind == QR_V_GLUE || it->kind == QR_V_PENALTY;
}

static int S_is_retained(const qr_vitem *it)
{
	return it->kind == QR_V_GLUE && it->sub == QR_VGLUE_RETAIN;
}

/* ---- reading the table ------------------------------------------------ */

typedef struct S_reader {
	S_row *rows;
	int nrows, caprows;
	qr_tcell_in *cin;
	size_t ncin, capcin;
	int err;
} S_reader;

static int S_add_row(S_reader *r, const qr_fo *row, const qr_fo *part,
    int part_index)
{
	if (r->nrows == r->caprows) {
		int cap = r->caprows ? r->caprows * 2 : 16;
		S_row *n = realloc(r->rows, sizeof *n * (size_t)cap);
		if (!n)
			return r->err = -1;
		r->rows = n;
		r->caprows = cap;
	}
	S_row *x = &r->rows[r->nrows++];
	memset(x, 0, sizeof *x);
	x->fo = row;
	x->part = part;
	x->part_index = part_index;
	return 0;
}

static int S_add_cell(S_reader *r, const qr_fo *cell, int row)
{
	if (r->ncin == r->capcin) {
		size_t cap = r->capcin ? r->capcin * 2 : 32;
		qr_tcell_in *n = realloc(r->cin, sizeof *n * cap);
		if (!n)
			return r->err = -1;
		r->cin = n;
		r->capcin = cap;
	}
	qr_tcell_in *c = &r->cin[r->ncin++];
	c->row = row;
	c->column_number = cell->obj->column_number;
	c->colspan = cell->obj->number_columns_spanned > 0 ?
	    cell->obj->number_columns_spanned : 1;
	c->rowspan = cell->obj->number_rows_spanned > 0 ?
	    cell->obj->number_rows_spanned : 1;
	c->user = cell;
	c->line = cell->line;
	return 0;
}

/* The rows of one part (table-header, table-footer, table-body): its
 * table-row children, or cells directly in it grouped into rows by
 * starts-row / ends-row (and by the column count when known). */
static void S_read_part(S_reader *r, const qr_fo *part, int part_index,
    int ncols_hint)
{
	int row = -1, used = 0;
	for (const qr_fo *k = part->first_child; k && !r->err; k = k->next) {
		if (k->type == FO_TABLE_ROW) {
			row = -1;
			if (S_add_row(r, k, part, part_index) < 0)
				return;
			int ri = r->nrows - 1;
			for (const qr_fo *c = k->first_child; c; c = c->next)
				if (c->type == FO_TABLE_CELL &&
				    S_add_cell(r, c, ri) < 0)
					return;
		} else if (k->type == FO_TABLE_CELL) {
			int span = k->obj->number_columns_spanned > 0 ?
			    k->obj->number_columns_spanned : 1;
			if (row < 0 || k->obj->starts_row ||
			    (ncols_hint > 0 && used + span > ncols_hint &&
			    used > 0)) {
				if (S_add_row(r, NULL, part, part_index) < 0)
					return;
				row = r->nrows - 1;
				used = 0;
			}
			if (S_add_cell(r, k, row) < 0)
				return;
			used += span;
			if (k->obj->ends_row)
				row = -1;
		}
	}
}

/* ---- column widths ----------------------------------------------------- */

/* Widest unbreakable piece and unbroken width of a cell's content, plus
 * its insets, walking its block descendants. */
static void S_measure_cell(qr_layout *lo, const qr_fo *cell, double *mn,
    double *mx)
{
	*mn = *mx = 0;
	if (!lo->ienv)
		return;
	for (const qr_fo *n = cell->first_child; n;
	    n = qr_fo_next_preorder(n, cell, 0)) {
		if (n->type != FO_BLOCK)
			continue;
		int has_inline = 0;
		for (const qr_fo *k = n->first_child; k; k = k->next)
			if (qr_fo_type_is_inline(k->type) &&
			    !(k->type == FO_TEXT && k->text_len == 0))
				has_inline = 1;
		if (!has_inline)
			continue;
		double a = 0, b = 0;
		qr_para_measure(lo->ienv, n, n->first_child, NULL, &a, &b);
		if (a > *mn)
			*mn = a;
		if (b > *mx)
			*mx = b;
	}
	double in = 0;
	for (int s = QR_LEFT; s <= QR_RIGHT; s++)
		in += cell->box->border[s].width +
		    S_len(cell->box->padding[s].len, 0);
	*mn += in;
	*mx += in;
}

static void S_column_widths(S_table *t, const qr_fo *table, S_reader *rd,
    double avail)
{
	qr_layout *lo = t->lo;
	int n = t->ncols;
	qr_tcol_spec *specs = calloc((size_t)n + 64, sizeof *specs);
	size_t nspecs = 0, cap = (size_t)n + 64;
	qr_tcol_width *cw = calloc((size_t)n, sizeof *cw);
	double *mn = calloc((size_t)n, sizeof *mn);
	double *mx = calloc((size_t)n, sizeof *mx);
	double *out = calloc((size_t)n, sizeof *out);
	if (!specs || !cw || !mn || !mx || !out)
		goto done;
	if (t->cw) {
		/* going on from a part laid out before: as resolved there */
		memcpy(cw, t->cw, sizeof *cw * (size_t)n);
		goto resolved;
	}
	for (const qr_fo *c = qr_fo_child(table, FO_TABLE_COLUMN); c;
	    c = qr_fo_next_of(c, FO_TABLE_COLUMN)) {
		if (nspecs == cap) {
			qr_tcol_spec *ns = realloc(specs, sizeof *ns * cap * 2);
			if (!ns)
				goto done;
			specs = ns;
			cap *= 2;
		}
		qr_tcol_spec *s = &specs[nspecs++];
		memset(s, 0, sizeof *s);
		s->column_number = c->obj->column_number;
		s->repeated = c->obj->number_columns_repeated;
		const qr_fo_size *w = &c->obj->column_width;
		if (w->kind == QR_SIZE_LEN) {
			s->width.is_set = 1;
			s->width.abs = w->len.pt;
			s->width.pct = w->len.pct * 100.0;
		} else if (w->kind == QR_SIZE_PROPORTIONAL) {
			s->width.is_set = 1;
			s->width.abs = w->len.pt;
			s->width.pct = w->len.pct * 100.0;
			s->width.prop = w->prop;
		}
	}
	if (nspecs > 0) {
		qr_table_columns_place(specs, nspecs, cw, n);
	} else {
		/* No table-column: the first row's cells give the widths
		 * (XSL 6.7.3, fixed layout), spread evenly over their spans. */
		for (size_t i = 0; i < rd->ncin; i++) {
			if (rd->cin[i].row != 0)
				break; /* cells are read in row order */
			const qr_fo *cell = rd->cin[i].user;
			const qr_fo_size *w = &cell->box->ipd.opt;
			if (w->kind != QR_SIZE_LEN)
				continue;
			/* the placed column comes from the grid pass */
			int col = -1, span = 1;
			for (size_t k = 0; k < t->ncells &&
			    t->cells[k].pos.row == 0; k++)
				if (t->cells[k].fo == cell) {
					col = t->cells[k].pos.col;
					span = t->cells[k].pos.colspan;
				}
			for (int k = 0; col >= 0 && k < span && col + k < n;
			    k++) {
				cw[col + k].is_set = 1;
				cw[col + k].abs = w->len.pt / span;
				cw[col + k].pct = w->len.pct * 100.0 / span;
			}
		}
	}
	t->cw = qr_arena_alloc(lo->arena, sizeof *cw * ((size_t)n + 1));
	if (t->cw)
		memcpy(t->cw, cw, sizeof *cw * (size_t)n);
resolved:;
	int need_auto = 0;
	if (!table->obj->table_layout_fixed)
		for (int i = 0; i < n; i++)
			if (!cw[i].is_set)
				need_auto = 1;
	double total;
	if (need_auto && t->rs && t->rs->mn) {
		/* measured when the table started */
		memcpy(mn, t->rs->mn, sizeof *mn * (size_t)n);
		memcpy(mx, t->rs->mx, sizeof *mx * (size_t)n);
		t->mn = (double *)t->rs->mn;
		t->mx = (double *)t->rs->mx;
		total = qr_table_widths_auto(cw, mn, mx, n, avail, out);
	} else if (need_auto) {
		for (size_t k = 0; k < t->ncells; k++) {
			S_cell *c = &t->cells[k];
			if (!c->fo || c->pos.colspan != 1 ||
			    c->pos.row >= S_AUTO_MEASURE_ROWS)
				continue;
			double a, b;
			S_measure_cell(lo, c->fo, &a, &b);
			if (a > mn[c->pos.col])
				mn[c->pos.col] = a;
			if (b > mx[c->pos.col])
				mx[c->pos.col] = b;
		}
		t->mn = qr_arena_alloc(lo->arena, sizeof *mn * (size_t)n);
		t->mx = qr_arena_alloc(lo->arena, sizeof *mx * (size_t)n);
		if (t->mn && t->mx) {
			memcpy(t->mn, mn, sizeof *mn * (size_t)n);
			memcpy(t->mx, mx, sizeof *mx * (size_t)n);
		} else {
			t->mn = t->mx = NULL;
		}
		total = qr_table_widths_auto(cw, mn, mx, n, avail, out);
	} else {
		total = qr_table_widths_fixed(cw, n, avail, out);
	}
	if (total > avail + 0.5)
		qr_diag(lo->q, QD_TABLE, table->file, table->line, 0,
		    "table columns need %.1fpt but only %.1fpt is available",
		    total, avail);
	t->colx[0] = 0;
	for (int i = 0; i < n; i++)
		t->colx[i + 1] = t->colx[i] + out[i];
done:
	if (!out) /* equal shares when memory ran out */
		for (int i = 0; i <= n; i++)
			t->colx[i] = avail * i / (n > 0 ? n : 1);
	free(specs);
	free(cw);
	free(mn);
	free(mx);
	free(out);
}

/* ---- cell content -------------------------------------------------------- */

/* The break-before of a cell's first block (after=0) or the break-after
 * of its last (after=1), looking down the chain of first/last children:
 * the block walker keeps a break at the very end of a list pending, so
 * the cell's list may not show it. 1 + QR_VBRK_* or 0. */
static int S_edge_break(const qr_fo *cell, int after)
{
	const qr_fo *n = cell;
	for (int depth = 0; n && depth < 64; depth++) {
		const qr_fo *k = after ? n->last_child : n->first_child;
		while (k && (k->type == FO_TEXT || k->type == FO_MARKER))
			k = after ? k->prev : k->next;
		if (!k || !(qr_fo_type_is_block(k->type) || k->blocklike))
			return 0;
		qr_fo_break b = after ? k->box->break_after :
		    k->box->break_before;
		if (b >= QR_BREAK_PAGE)
			return 1 + (b == QR_BREAK_ODD_PAGE ? QR_VBRK_ODD :
			    b == QR_BREAK_EVEN_PAGE ? QR_VBRK_EVEN : QR_VBRK_PAGE);
		n = k;
	}
	return 0;
}

/* The keep-with-previous of a cell's first block (after=0) or the
 * keep-with-next of its last (after=1), the strongest down the chain of
 * first/last children: the next formatting object in the flow after a
 * cell's last block is in the next row (XSL 1.1 7.20.4), so the keep
 * binds the row boundary, as in FOP. */
static int S_edge_keep(const qr_fo *cell, int after)
{
	const qr_fo *n = cell;
	int keep = 0;
	for (int depth = 0; n && depth < 64; depth++) {
		const qr_fo *k = after ? n->last_child : n->first_child;
		while (k && (k->type == FO_TEXT || k->type == FO_MARKER))
			k = after ? k->prev : k->next;
		if (!k || !(qr_fo_type_is_block(k->type) || k->blocklike))
			break;
		int v = after ? S_kv(k->box->keep_with_next) :
		    S_kv(k->box->keep_with_previous);
		if (v > keep)
			keep = v;
		n = k;
	}
	return keep;
}

/* The row index of each cell of a body, in document order, through
 * fn(cell, row, arg): rows are fo:table-row children, or cells grouped by
 * starts-row/ends-row. Returns the number of rows. */
static int S_body_cells(const qr_fo *body,
    void (*fn)(const qr_fo *cell, int row, void *arg), void *arg)
{
	int row = 0, any = 0, open = 0;
	for (const qr_fo *x = body->first_child; x; x = x->next) {
		if (x->type == FO_TABLE_ROW) {
			for (const qr_fo *c = x->first_child; c; c = c->next)
				if (c->type == FO_TABLE_CELL && fn)
					fn(c, row, arg);
			row++;
			any = 1;
			continue;
		}
		if (x->type != FO_TABLE_CELL)
			continue;
		if (x->obj->starts_row && open) {
			row++;
			open = 0;
		}
		if (fn)
			fn(x, row, arg);
		open = 1;
		any = 1;
		if (x->obj->ends_row) {
			row++;
			open = 0;
		}
	}
	return open ? row + 1 : any ? row : 0;
}

typedef struct S_edge_arg {
	int after, nrows, keep;
} S_edge_arg;

static void S_edge_cell(const qr_fo *c, int row, void *arg)
{
	S_edge_arg *e = arg;
	int span = c->obj->number_rows_spanned > 1 ?
	    c->obj->number_rows_spanned : 1;
	/* the first row's cells, or those reaching the last row */
	if (e->after ? row + span >= e->nrows : row == 0)
		e->keep = S_max_keep(e->keep, S_edge_keep(c, e->after));
}

int qr_table_edge_keep(const qr_fo *table, int after)
{
	if (!table)
		return 0;
	if (table->type == FO_TABLE_AND_CAPTION)
		table = qr_fo_child(table, FO_TABLE);
	if (!table)
		return 0;
	/* the first (after=0) or the last (after=1) body */
	const qr_fo *b = after ? NULL : qr_fo_child(table, FO_TABLE_BODY);
	if (after)
		for (const qr_fo *x = qr_fo_child(table, FO_TABLE_BODY); x;
		    x = qr_fo_next_of(x, FO_TABLE_BODY))
			b = x;
	if (!b)
		return 0;
	S_edge_arg e = { after, S_body_cells(b, NULL, NULL), 0 };
	/* the first or last row's own keep */
	const qr_fo *r = after ? b->last_child : b->first_child;
	while (r && r->type != FO_TABLE_ROW && r->type != FO_TABLE_CELL)
		r = after ? r->prev : r->next;
	if (r && r->type == FO_TABLE_ROW)
		e.keep = after ? S_kv(r->box->keep_with_next) :
		    S_kv(r->box->keep_with_previous);
	S_body_cells(b, S_edge_cell, &e);
	return e.keep;
}

/* Lay out one cell's content into its own list, copied into lo's arena,
 * through tmp (a scratch list). rc: going on at another width
 * (qr_tresume): none of it, or only what follows the key; NULL: all of
 * it. */
static int S_layout_cell_in(qr_layout *lo, qr_vlist *tmp, S_cell *c,
    const S_rcell *rc)
{
	double cw = c->w - c->inset[QR_SIDE_START] - c->inset[QR_SIDE_END];
	if (cw < 1)
		cw = 1;
	/* (a cell of a table laid out in parts may have been laid out
	 * before, at another width) */
	c->force_before = c->force_after = 0;
	c->keep_before = c->keep_after = 0;
	c->has_tables = 0;
	c->st = NULL;
	c->st_n = c->st_cap = c->st_pos = 0;
	c->off_pg = NULL;
	tmp->n = 0;
	if (c->fo && !(rc && rc->state == S_RC_DONE)) {
		double is = S_len(c->fo->inh->start_indent, cw);
		double ie = S_len(c->fo->inh->end_indent, cw);
		int r = rc && rc->state == S_RC_FROM ?
		    qr_layout_block_content_from(lo, tmp, c->fo, cw, -1, is,
		    ie, &rc->key) : 0;
		if (r == 1) {
			/* the key not found again: all of it (some text
			 * shows twice), said once */
			qr_diag(lo->q, QD_TABLE, c->fo->file, c->fo->line, 0,
			    "a table cell split across pages of different "
			    "widths could not go on where it broke: its "
			    "content is set again whole");
			r = 0;
			rc = NULL;
		}
		if (r < 0 || (!(rc && rc->state == S_RC_FROM) &&
		    qr_layout_block_content(lo, tmp, c->fo, cw, -1, is,
		    ie) < 0))
			return -1;
	}
	c->list.n = c->list.cap = tmp->n;
	c->list.v = tmp->n ? qr_arena_alloc(lo->arena, sizeof *tmp->v *
	    tmp->n) : NULL;
	c->H = qr_arena_alloc(lo->arena, sizeof *c->H * (tmp->n + 1));
	if ((tmp->n && !c->list.v) || !c->H) {
		qr_diag(lo->q, QD_NOMEM, NULL, 0, 0, "out of memory");
		return -1;
	}
	if (tmp->n)
		memcpy(c->list.v, tmp->v, sizeof *tmp->v * tmp->n);
	/* Leading and trailing space inside a cell is dropped, as at the
	 * start and end of any reference area (XSL 4.3.1), unless it is
	 * retained (.conditionality, or a margin). */
	size_t n = c->list.n, first = 0, last = 0;
	/* going on from a key: the blocks open there lead the list, and are
	 * continued (the painter starts after their open marks) */
	while (rc && rc->state == S_RC_FROM && first < n &&
	    c->list.v[first].kind == QR_V_MARK &&
	    c->list.v[first].sub == QR_MARK_BLOCK_OPEN)
		first++;
	while (first < n && S_is_space(&c->list.v[first]) &&
	    !S_is_retained(&c->list.v[first]))
		first++;
	/* one pass: the end of the content, the running heights from the
	 * first item, the blocks opened and whether a table is nested */
	double h = 0;
	size_t nopen = 0;
	for (size_t i = 0; i < n; i++) {
		const qr_vitem *it = &c->list.v[i];
		c->H[i] = h;
		if (it->kind == QR_V_BOX || S_is_retained(it))
			last = i + 1;
		if (i >= first && (it->kind == QR_V_BOX ||
		    it->kind == QR_V_GLUE))
			h += it->h;
		if (it->kind == QR_V_MARK && it->sub == QR_MARK_BLOCK_OPEN)
			nopen++;
		else if (it->kind == QR_V_MARK &&
		    it->sub == QR_MARK_TABLE_OPEN)
			c->has_tables = 1;
	}
	c->H[n] = h;
	c->first = first;
	if (c->fo) {
		c->force_before = S_edge_break(c->fo, 0);
		c->force_after = S_edge_break(c->fo, 1);
		c->keep_after = S_edge_keep(c->fo, 1);
		c->keep_before = S_edge_keep(c->fo, 0);
	}
	for (size_t i = 0; i < n; i++) {
		const qr_vitem *it = &c->list.v[i];
		if (it->kind != QR_V_PENALTY || it->penalty > QR_PEN_FORCE)
			continue;
		if (i < first)
			c->force_before = 1 + it->sub;
		else if (i >= last)
			c->force_after = 1 + it->sub;
	}
	c->content_h = last > first ? c->H[last] : 0;
	if (nopen) {
		c->st = qr_arena_alloc(lo->arena, sizeof *c->st * nopen);
		if (!c->st) {
			qr_diag(lo->q, QD_NOMEM, NULL, 0, 0, "out of memory");
			return -1;
		}
		c->st_cap = nopen;
	}
	return 0;
}

static int S_layout_cell(S_table *t, S_cell *c, const S_rcell *rc)
{
	return S_layout_cell_in(t->lo, &t->scratch, c, rc);
}

/* ---- cells laid out ahead on a helper thread ---------------------------- */

/* A long table's body is most of a long document's layout, and its cells
 * do not depend on one another: a helper thread lays out the body's cells
 * from the last one back, while the main thread comes forward group by
 * group (S_group_ready), taking the cells the helper has done (waiting
 * for the one it is doing) and laying out itself those it has not
 * reached; they meet about halfway. A cell goes to the helper only if its content is of the
 * kinds below, which need nothing of the page (no page numbers, markers,
 * images, nested tables); what would load a face or a hyphenation
 * dictionary is left to the main thread too (their order and warnings
 * are its own), and so is any cell the helper could not finish. The
 * helper's diagnostics are kept per cell and reported when the main
 * thread takes the cell, so the output, diagnostics included, is the same
 * as one thread's. */

#define S_PAR_MIN_CELLS 32

enum { S_PC_FREE, S_PC_HELPER, S_PC_DONE, S_PC_BACK, S_PC_MAIN };

struct S_par {
	S_table *t;
	int inline_;                /* no thread: the work done in place */
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	_Atomic unsigned char *st;  /* per cell: S_PC_* */
	qr_diag_log *logs;          /* per cell: the helper's diagnostics */
	atomic_int stop;
	qr_layout lo;               /* the helper's: its own arena and env */
	qr_vlist scratch;
};

/* Whether the content of n (a cell, first) can be laid out away from the
 * page and the main thread. */
static int S_par_ok(const qr_fo *n, int depth)
{
	if (depth > 64 || n->piece_of || qr_fo_first_marker(n))
		return 0;
	switch (n->type) {
	case FO_TEXT:
		return 1;
	case FO_TABLE_CELL:
		if (depth > 0)
			return 0;
		break;
	case FO_BLOCK:
	case FO_INLINE:
	case FO_WRAPPER:
	case FO_CHARACTER:
	case FO_BASIC_LINK:
	case FO_FOOTNOTE:
	case FO_FOOTNOTE_BODY:
	case FO_LIST_BLOCK:
	case FO_LIST_ITEM:
	case FO_LIST_ITEM_LABEL:
	case FO_LIST_ITEM_BODY:
		break;
	default:
		return 0;
	}
	for (const qr_fo *c = n->first_child; c; c = c->next)
		if (!S_par_ok(c, depth + 1))
			return 0;
	return 1;
}

/* The helper's work on cell i, on a thread in qr_fonts_thread_lookup
 * mode: S_PC_DONE, or S_PC_BACK when the main thread must do it. */
static unsigned char S_par_cell(S_par *p, size_t i)
{
	qr_diag_capture(&p->logs[i]);
	int r = S_layout_cell_in(&p->lo, &p->scratch, &p->t->cells[i], NULL);
	qr_diag_capture(NULL);
	if (qr_inline_env_missed(p->lo.ienv) || r < 0 || p->logs[i].lost) {
		qr_diag_log_clear(&p->logs[i]);
		return S_PC_BACK;
	}
	return S_PC_DONE;
}

static void *S_par_run(void *arg)
{
	S_par *p = arg;
	S_table *t = p->t;
	qr_fonts_thread_lookup(1);
	/* from the last cell back, to meet the main thread coming forward:
	 * each does what the other has not reached */
	for (size_t i = t->ncells; i-- > 0;) {
		const S_cell *c = &t->cells[i];
		unsigned char want = S_PC_FREE, done;
		if (atomic_load_explicit(&p->stop, memory_order_relaxed))
			break;
		if (atomic_load_explicit(&p->st[i], memory_order_relaxed) !=
		    S_PC_FREE || !c->fo || !S_par_ok(c->fo, 0) ||
		    !atomic_compare_exchange_strong(&p->st[i], &want,
		    S_PC_HELPER))
			continue;
		done = S_par_cell(p, i);
		pthread_mutex_lock(&p->mu);
		atomic_store(&p->st[i], done);
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	qr_fonts_thread_lookup(0);
	return NULL;
}

static void S_par_free(S_par *p, size_t ncells)
{
	for (size_t i = 0; i < ncells && p->logs; i++)
		qr_diag_log_clear(&p->logs[i]);
	qr_inline_env_free(p->lo.ienv);
	qr_arena_free(p->lo.arena);
	qr_vlist_free(&p->scratch);
	free(p->logs);
	free((void *)p->st);
	free(p);
}

/* Start a helper for t's cells not laid out yet, if the table is long
 * enough to be worth one (see quire.table_helper); no helper is no
 * error: the main thread does it all. */
static void S_par_start(S_table *t)
{
	qr_layout *lo = t->lo;
	int how = lo->q->table_helper;
	size_t todo = 0, min = how > 0 ? 1 : S_PAR_MIN_CELLS;
	if (how < 0 || lo->par_busy || !lo->ienv || t->ncells < min)
		return;
	S_par *p = calloc(1, sizeof *p);
	if (!p)
		return;
	p->t = t;
	p->inline_ = how == 2;
	qr_vlist_init(&p->scratch);
	p->st = calloc(t->ncells, sizeof *p->st);
	p->logs = calloc(t->ncells, sizeof *p->logs);
	if (!p->st || !p->logs)
		goto fail;
	for (int gi = 0; gi < t->ngroups; gi++) {
		const S_group *g = &t->groups[gi];
		for (size_t i = g->cell0; i < g->cell0 + g->ncells; i++)
			if (g->ready == t)
				atomic_init(&p->st[i], S_PC_MAIN);
			else
				todo++;
	}
	if (todo < min)
		goto fail;
	p->lo.q = lo->q;
	p->lo.fonts = lo->fonts;
	p->lo.doc = lo->doc;
	p->lo.file = lo->file;
	p->lo.par_busy = 1;
	p->lo.arena = qr_arena_new();
	if (!p->lo.arena)
		goto fail;
	p->lo.ienv = qr_inline_env_new_helper(lo->ienv, p->lo.arena);
	if (!p->lo.ienv)
		goto fail;
	if (!p->inline_) {
		if (pthread_mutex_init(&p->mu, NULL) != 0)
			goto fail;
		if (pthread_cond_init(&p->cv, NULL) != 0) {
			pthread_mutex_destroy(&p->mu);
			goto fail;
		}
		if (pthread_create(&p->th, NULL, S_par_run, p) != 0) {
			pthread_cond_destroy(&p->cv);
			pthread_mutex_destroy(&p->mu);
			goto fail;
		}
	}
	lo->par_busy = 1;
	t->par = p;
	return;
fail:
	S_par_free(p, t->ncells);
}

/* Stop t's helper and keep what it laid out in the pass's arena (the
 * cells taken point into it). */
static void S_par_end(S_table *t)
{
	S_par *p = t->par;
	if (!p)
		return;
	if (!p->inline_) {
		atomic_store(&p->stop, 1);
		pthread_join(p->th, NULL);
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
	}
	qr_arena_adopt(t->lo->arena, p->lo.arena);
	p->lo.arena = NULL;
	S_par_free(p, t->ncells);
	t->par = NULL;
	t->lo->par_busy = 0;
}

/* 1 when the helper laid out cell i (its diagnostics now reported), 0 when
 * the main thread must. */
static int S_par_take(S_table *t, size_t i)
{
	S_par *p = t->par;
	unsigned char s = S_PC_FREE;
	if (atomic_compare_exchange_strong(&p->st[i], &s, S_PC_MAIN)) {
		const S_cell *c = &t->cells[i];
		if (!p->inline_ || !c->fo || !S_par_ok(c->fo, 0))
			return 0;
		qr_fonts_thread_lookup(1);
		s = S_par_cell(p, i);
		qr_fonts_thread_lookup(0);
		atomic_store(&p->st[i], s);
	} else if (s == S_PC_HELPER) {
		pthread_mutex_lock(&p->mu);
		while ((s = atomic_load(&p->st[i])) == S_PC_HELPER)
			pthread_cond_wait(&p->cv, &p->mu);
		pthread_mutex_unlock(&p->mu);
	}
	if (s != S_PC_DONE)
		return 0;
	qr_diag_replay(t->lo->q, &p->logs[i]);
	return 1;
}

/* ---- tables nested in a cell ------------------------------------------ */

/* Deepest nesting of tables in one cell that repeat their header and
 * footer where the cell breaks (deeper ones are left alone). */
#define S_MAX_NESTED 8

/* One step of the nested tables open in a cell's list: st holds *n
 * (at most S_MAX_NESTED) tables; depth counts all of them. */
static void S_nested_step(const qr_vitem *it, const qr_vtable **st,
    size_t *n, size_t *depth)
{
	if (it->kind != QR_V_MARK)
		return;
	if (it->sub == QR_MARK_TABLE_OPEN) {
		if (*depth < S_MAX_NESTED)
			st[(*n)++] = it->data;
		(*depth)++;
	} else if (it->sub == QR_MARK_TABLE_CLOSE && *depth > 0) {
		(*depth)--;
		if (*n > *depth)
			*n = *depth;
	}
}

/* The nested tables open before item idx of c's list, outermost first;
 * their count. */
static size_t S_nested_open(const S_cell *c, size_t idx,
    const qr_vtable **st)
{
	size_t n = 0, depth = 0;
	if (!c->has_tables)
		return 0;
	for (size_t i = 0; i < idx && i < c->list.n; i++)
		S_nested_step(&c->list.v[i], st, &n, &depth);
	return n;
}

/* The room the repeated headers (footers) of open nested tables take
 * at the top (foot) of a fragment of the cell. */
static double S_nested_head(const qr_vtable *const *st, size_t n)
{
	double h = 0;
	for (size_t k = 0; k < n; k++)
		if (!st[k]->omit_header_at_break && st[k]->header_paint)
			h += st[k]->header_h;
	return h;
}

static double S_nested_foot(const qr_vtable *const *st, size_t n)
{
	double h = 0;
	for (size_t k = 0; k < n; k++)
		if (!st[k]->omit_footer_at_break && st[k]->footer_paint)
			h += st[k]->footer_h;
	return h;
}

/* The stand-in of nested table vt that t hoists into its own list: no
 * header or footer height or painter (t paints those repeats), only the
 * notes they cite, so the page builder sets them on the pages the
 * repeats reach (F22). One per nested table (the open and close marks
 * must match); vt itself when it is a stand-in already. */
static const qr_vtable *S_notes_only(S_table *t, const qr_vtable *vt)
{
	qr_layout *lo = t->lo;
	if (!vt->header_paint && !vt->footer_paint)
		return vt;
	for (size_t k = 0; k < t->npx; k++)
		if (t->px[2 * k] == vt)
			return t->px[2 * k + 1];
	if (t->npx == t->cappx) {
		size_t cap = t->cappx ? 2 * t->cappx : 4;
		const qr_vtable **v = qr_arena_alloc(lo->arena,
		    sizeof *v * 2 * cap);
		if (!v)
			return NULL;
		if (t->npx)
			memcpy(v, t->px, sizeof *v * 2 * t->npx);
		t->px = v;
		t->cappx = cap;
	}
	qr_vtable *p = qr_arena_alloc(lo->arena, sizeof *p);
	if (!p)
		return NULL;
	p->fo = vt->fo;
	p->x = vt->x;
	p->w = vt->w;
	p->omit_header_at_break = vt->omit_header_at_break;
	p->omit_footer_at_break = vt->omit_footer_at_break;
	p->header_notes = vt->header_notes;
	p->n_header_notes = vt->n_header_notes;
	p->footer_notes = vt->footer_notes;
	p->n_footer_notes = vt->n_footer_notes;
	t->px[2 * t->npx] = vt;
	t->px[2 * t->npx + 1] = p;
	t->npx++;
	return p;
}

/* Hoist the marks of items [a, b) of cell c into out: ids, footnotes and
 * markers (qr_vlist_hoist_marks), and the open and close marks of nested
 * tables that repeat notes, as their stand-ins. */
static int S_hoist_cell(S_table *t, qr_vlist *out, const S_cell *c,
    size_t a, size_t b)
{
	qr_layout *lo = t->lo;
	if (!c->has_tables)
		return qr_vlist_hoist_marks(lo, out, &c->list, a, b);
	for (size_t i = a; i < b && i < c->list.n; i++) {
		const qr_vitem *it = &c->list.v[i];
		qr_vitem h;
		if (it->kind == QR_V_MARK && (it->sub == QR_MARK_TABLE_OPEN ||
		    it->sub == QR_MARK_TABLE_CLOSE)) {
			const qr_vtable *vt = it->data;
			if (!vt->n_header_notes && !vt->n_footer_notes)
				continue;
			const qr_vtable *p = S_notes_only(t, vt);
			if (!p || qr_vlist_mark(lo, out, it->sub, p) < 0)
				return -1;
		} else if (qr_vitem_hoisted(it, &h) &&
		    qr_vlist_push(lo, out, &h) != 0) {
			return -1;
		}
	}
	return 0;
}

/* ---- painting -------------------------------------------------------- */

static void S_fill(qr_layout *lo, qr_page *pg, double x, double y, double w,
    double h, qr_color col)
{
	if (w <= 0 || h <= 0)
		return;
	qr_area *a = qr_area_add(lo->tree, pg, QR_AREA_FILL);
	if (!a)
		return;
	a->x = x;
	a->y = y;
	a->w = w;
	a->h = h;
	a->u.fill.color = col;
}

static void S_hrule(qr_layout *lo, qr_page *pg, double x1, double x2,
    double y, qr_tborder b)
{
	double w = qr_tborder_width(b);
	if (w <= 0 || x2 <= x1)
		return;
	qr_layout_rule_join(lo, pg, x1, y, x2, y, w, S_fostyle(b.style),
	    b.color);
}

static void S_vrule(qr_layout *lo, qr_page *pg, double x, double y1,
    double y2, qr_tborder b)
{
	double w = qr_tborder_width(b);
	if (w <= 0 || y2 <= y1)
		return;
	qr_layout_rule_join(lo, pg, x, y1, x, y2, w, S_fostyle(b.style),
	    b.color);
}

static int S_tborder_same(const qr_tborder *a, const qr_tborder *b)
{
	return a->width == b->width && a->style == b->style &&
	    a->color.r == b->color.r && a->color.g == b->color.g &&
	    a->color.b == b->color.b;
}

/* S_vrule_line when the join is to have the piece: given and remembered. */
static void S_vrule_give(qr_layout *lo, qr_page *pg, S_vline *vl, double x,
    double y1, double y2, const qr_tborder *b)
{
	double w = qr_tborder_width(*b);
	if (w <= 0)
		return;
	qr_layout_rule_join_tok(lo, pg, x, y1, x, y2, w, S_fostyle(b->style),
	    b->color, &vl->tok);
	vl->set = 1;
	vl->x = x;
	vl->b = *b;
}

/* S_vrule for a piece of the vertical grid line vl (NULL: S_vrule). The
 * slices of a row give each line piece after piece: when the piece
 * before was at the same x with the same border, it went to the rule
 * this one joins, and the join only extends that rule
 * (qr_layout_rule_extend checks what it needs), that is done without
 * giving the piece again; else it is given as usual and remembered. The
 * join decides either way, so the rules come out the same. */
static inline void S_vrule_line(qr_layout *lo, qr_page *pg, S_vline *vl,
    double x, double y1, double y2, const qr_tborder *b)
{
	if (!vl)
		S_vrule(lo, pg, x, y1, y2, *b);
	else if (y2 > y1 && !(vl->set && vl->x == x &&
	    S_tborder_same(&vl->b, b) &&
	    qr_layout_rule_extend(lo, pg, &vl->tok, y1, y2)))
		S_vrule_give(lo, pg, vl, x, y1, y2, b);
}

/* Paint items [from, to) of a cell's list (from is not discardable) with
 * the first at page y: block decorations (background, borders) for the
 * part of each block inside the range, then the boxes. Tables nested in
 * the cell are painted through their own slice boxes; their marks are
 * not acted on here (their headers repeat only at real page breaks,
 * which a cell's own list never sees). */
static void S_paint_cell_range(qr_layout *lo, S_cell *c, size_t from,
    size_t to, qr_page *pg, double x, double y)
{
	typedef struct { const qr_vblock *b; double y0, y1; int top, bot; } D;
	/* blocks open at `from`, replayed from where the last call ended */
	if (c->st_pos > from)
		c->st_pos = c->st_n = 0;
	for (size_t i = c->st_pos; i < from; i++) {
		const qr_vitem *it = &c->list.v[i];
		if (it->kind != QR_V_MARK)
			continue;
		if (it->sub == QR_MARK_BLOCK_OPEN && c->st_n < c->st_cap) {
			c->st[c->st_n].kind = 0;
			c->st[c->st_n].p = it->data;
			c->st_n++;
		} else if (it->sub == QR_MARK_BLOCK_CLOSE) {
			for (size_t k = c->st_n; k-- > 0;)
				if (c->st[k].p == it->data) {
					memmove(&c->st[k], &c->st[k + 1],
					    (c->st_n - k - 1) * sizeof c->st[0]);
					c->st_n--;
					break;
				}
		}
	}
	c->st_pos = from;
	D *d = NULL;
	size_t nd = 0;
	if (c->st_cap) {
		d = malloc(sizeof *d * (c->st_cap + 1));
		if (!d)
			return;
		for (size_t k = 0; k < c->st_n; k++) {
			d[nd].b = c->st[k].p;
			d[nd].y0 = y;
			d[nd].y1 = -1;
			d[nd].top = 0;
			d[nd].bot = 0;
			nd++;
		}
	}
	double yy = y;
	for (size_t i = from; i < to; i++) {
		const qr_vitem *it = &c->list.v[i];
		if (it->kind == QR_V_BOX || it->kind == QR_V_GLUE) {
			yy += it->h;
		} else if (it->kind == QR_V_MARK && d) {
			if (it->sub == QR_MARK_BLOCK_OPEN && nd < c->st_cap) {
				d[nd].b = it->data;
				d[nd].y0 = yy;
				d[nd].y1 = -1;
				d[nd].top = 1;
				d[nd].bot = 0;
				nd++;
			} else if (it->sub == QR_MARK_BLOCK_CLOSE) {
				for (size_t k = nd; k-- > 0;)
					if (d[k].b == it->data && d[k].y1 < 0) {
						d[k].y1 = yy;
						d[k].bot = 1;
						break;
					}
			}
		}
	}
	for (size_t k = 0; k < nd; k++) {
		const qr_vblock *b = d[k].b;
		double y1 = d[k].y1 < 0 ? yy : d[k].y1;
		if (b->has_background || b->border[0] > 0 || b->border[1] > 0 ||
		    b->border[2] > 0 || b->border[3] > 0 || b->link != NULL)
			qr_layout_paint_deco(lo, b, pg, x + b->x, d[k].y0, b->w,
			    y1 - d[k].y0, d[k].top, d[k].bot);
	}
	free(d);
	yy = y;
	for (size_t i = from; i < to; i++) {
		const qr_vitem *it = &c->list.v[i];
		if (it->kind == QR_V_BOX) {
			if (it->paint)
				it->paint(lo, it->data, pg, x + it->x, yy,
				    it->w, it->h);
			yy += it->h;
		} else if (it->kind == QR_V_GLUE) {
			yy += it->h;
		}
	}
}

static const S_group *S_slice_group(const S_slice *s)
{
	return &s->t->groups[s->group];
}

/* Collapsed model: half the widest border on the row line above cell c
 * (the part of its top border outside its box), else 0. */
static double S_top_half(const S_table *t, const S_cell *c)
{
	double h = 0;
	if (!t->collapse)
		return 0;
	for (int col = c->pos.col; col < c->pos.col + c->pos.colspan; col++) {
		double w = qr_tborder_width(t->coll.h[c->pos.row * t->ncols +
		    col]) / 2;
		if (w > h)
			h = w;
	}
	return h;
}

/* The delay state of a row of the slice's group (S_slice.rst). */
static int S_row_state(const S_slice *s, int row)
{
	return s->rst ? s->rst[row - S_slice_group(s)->row0] : 0;
}

/* Collapsed: 1 if the row line above row r waits in slice s, because r
 * is delayed there or in the next slice. If the page breaks before r
 * shows, the cells ending on the line close with their own after border
 * (S_paint_close); else r's cells draw the line, whole, where they
 * start. */
static int S_defer_line(const S_slice *s, int r)
{
	const S_group *g = S_slice_group(s);
	if (!s->t->collapse || r <= g->row0 || r >= g->row0 + g->nrows)
		return 0;
	return S_row_state(s, r) == 1 || s->below == r + 1;
}

/* Collapsed: the line on the start (right=0) or end side of cell c in
 * row r as slice s shows it: the resolved segment, unless the cell
 * beside it starts in a row delayed in s (not shown here): then c's own
 * border, set in *own. */
static const qr_tborder *S_side_line(const S_slice *s, const S_cell *c,
    int r, int right, qr_tborder *own)
{
	const S_table *t = s->t;
	const S_group *g = S_slice_group(s);
	int col = right ? c->pos.col + c->pos.colspan : c->pos.col;
	const qr_tborder *line = &t->coll.v[r * (t->ncols + 1) + col];
	if (!s->rst || col == 0 || col == t->ncols || !c->fo)
		return line;
	int ncol = right ? col : col - 1;
	for (size_t k = 0; k < g->ncells; k++) {
		const S_cell *n = &t->cells[g->cell0 + k];
		if (n->pos.col <= ncol && ncol < n->pos.col + n->pos.colspan &&
		    n->pos.row <= r && r < n->pos.row + n->pos.rowspan) {
			if (S_row_state(s, n->pos.row) == 1) {
				*own = S_border(c->fo, right ? QR_RIGHT :
				    QR_LEFT, QR_BSRC_CELL);
				line = own;
			}
			break;
		}
	}
	return line;
}

/* The border a collapsed cell ending at a delayed row's line closes
 * with at a break: its own after border, or its row's if that wins. */
static qr_tborder S_own_after(const S_table *t, const S_cell *c)
{
	qr_tborder b;
	memset(&b, 0, sizeof b);
	if (!c->fo)
		return b;
	b = S_border(c->fo, QR_BOTTOM, QR_BSRC_CELL);
	const qr_fo *rf = t->rows[c->pos.row + c->pos.rowspan - 1].fo;
	if (rf)
		b = qr_tborder_winner(b, S_border(rf, QR_BOTTOM, QR_BSRC_ROW));
	return b;
}

/* ---- conditionality at breaks ------------------------------------------ */

/* Where a page break cuts a cell, the cell's border and padding on the
 * cut edge are conditional (XSL 1.1 4.2.2 and 7.8.x .conditionality): a
 * fragment that is not the cell's first has no before border and
 * padding, one that is not its last no after border and padding, unless
 * they are "retain" ("discard" is the initial value). */

/* The row of cell c whose band holds group coordinate p: for the
 * trailing edge of a fragment (after=1) the row with y < p <= y + h, for
 * the leading edge the row with y <= p < y + h. NULL for an implicit row
 * or none. */
static const qr_fo *S_row_fo_at(const S_table *t, const S_cell *c, double p,
    int after)
{
	for (int r = c->pos.row; r < c->pos.row + c->pos.rowspan; r++) {
		const S_row *row = &t->rows[r];
		if (after ? p > row->y + 1e-6 && p <= row->y + row->h + 1e-6 :
		    p >= row->y - 1e-6 && p < row->y + row->h - 1e-6)
			return row->fo;
	}
	return NULL;
}

/* The border across cell c where a break at group coordinate p cuts it:
 * after=1 the one closing the fragment above, after=0 the one opening
 * the fragment below. Separate model: the cell's own border there when
 * retained. Collapsed: the winner (6.7.10, CSS 2.1 17.6.2.1) of the
 * retained borders meeting at that edge of the fragment: the cell's, the
 * row's it breaks in, its row group's and the table's (XSL 1.1 7.26.x:
 * the table's border-before/after takes part at each page, as the
 * Working Group agreed in bug 6278; a discarded one drops out). */
static qr_tborder S_break_border_in(const S_table *t, const S_cell *c,
    const qr_fo *row, int after)
{
	qr_tborder w;
	memset(&w, 0, sizeof w);
	if (!c->brk_kept[after != 0])
		return w;
	int fs = after ? QR_BOTTOM : QR_TOP;
	if (!t->collapse) {
		if (c->fo && !c->hidden && c->fo->box->border[fs].retain)
			w = S_border(c->fo, fs, QR_BSRC_CELL);
		return w;
	}
	const qr_fo *src[4] = { t->fo, t->rows[c->pos.row].part, row, c->fo };
	const qr_bsource how[4] = { QR_BSRC_TABLE, QR_BSRC_BODY, QR_BSRC_ROW,
		QR_BSRC_CELL };
	for (int k = 0; k < 4; k++)
		if (src[k] && src[k]->box->border[fs].retain)
			w = qr_tborder_winner(w, S_border(src[k], fs, how[k]));
	return w;
}

static qr_tborder S_break_border(const S_table *t, const S_cell *c, double p,
    int after)
{
	return S_break_border_in(t, c, t->collapse && c->brk_kept[after != 0] ?
	    S_row_fo_at(t, c, p, after) : NULL, after);
}

/* S_cell.brk_kept for edge fs (QR_TOP or QR_BOTTOM) of cell c: the
 * sources S_break_border_in weighs, with every row the cell spans (the
 * break's row is one of them), and the cell's padding. */
static int S_brk_kept(const S_table *t, const S_cell *c, int fs)
{
	if (c->fo && (c->fo->box->border[fs].retain ||
	    c->fo->box->padding[fs].retain))
		return 1;
	if (!t->collapse)
		return 0;
	if (t->fo->box->border[fs].retain)
		return 1;
	const qr_fo *part = t->rows[c->pos.row].part;
	if (part && part->box->border[fs].retain)
		return 1;
	for (int r = c->pos.row; r < c->pos.row + c->pos.rowspan; r++)
		if (t->rows[r].fo && t->rows[r].fo->box->border[fs].retain)
			return 1;
	return 0;
}

/* The cell's padding on the cut edge, when retained. */
static double S_break_pad(const S_cell *c, int after)
{
	int fs = after ? QR_BOTTOM : QR_TOP;
	if (!c->fo || c->hidden || !c->fo->box->padding[fs].retain)
		return 0;
	return S_len(c->fo->box->padding[fs].len, c->w);
}

/* Separate model: the half border-separation between a cell's box and
 * the fragment's edge at a break. It goes with the cell's border and
 * padding there: kept when some of them are retained, discarded with
 * them (as FOP). */
static double S_break_sep(const S_table *t, const S_cell *c, int after)
{
	if (t->collapse || t->sep_v <= 0 || !c->brk_kept[after != 0])
		return 0;
	double w = qr_tborder_width(S_break_border(t, c, 0, after));
	return w + S_break_pad(c, after) > 0 ? t->sep_v / 2 : 0;
}

/* The room the before edge of a cell continued from a page before takes
 * at the top of its fragment: S_break_room, before the rows have their
 * geometry (the edge lies in the cell's first row). */
static double S_cont_room(const S_table *t, const S_cell *c)
{
	double w = qr_tborder_width(S_break_border_in(t, c,
	    t->rows[c->pos.row].fo, 0));
	if (t->collapse)
		return w + S_break_pad(c, 0);
	return w + S_break_pad(c, 0) + S_break_sep(t, c, 0);
}

/* The room the cut edge takes in the fragment: the retained padding and
 * border. The border lies inside the fragment, except a collapsed one
 * closing it: that one is centred on the break like a row line, its
 * lower half below the fragment (as FOP draws both). An opening one lies
 * wholly inside, so that nothing is painted above the body. */
static double S_break_room(const S_table *t, const S_cell *c, double p,
    int after)
{
	if (!c->brk_kept[after != 0])
		return 0;
	double w = qr_tborder_width(S_break_border(t, c, p, after));
	if (t->collapse)
		return (after ? w / 2 : w) + S_break_pad(c, after);
	return w + S_break_pad(c, after) + S_break_sep(t, c, after);
}

/* The band [*a, *b) of a cell's border box [c0, c1) a slice paints, in
 * group coordinates. Separate model: where the slice cuts the cell, its
 * box stops the kept half separation (S_break_sep, ma) above the cut;
 * the next slice, when the page did not break there, paints that gap
 * (the caller moves a broken slice's top down by its own). */
static void S_cut_band(const S_slice *s, double c0, double c1, double ma,
    int broken, double *a, double *b)
{
	*a = c0 > s->y0 ? c0 : s->y0;
	*b = c1 < s->y1 ? c1 : s->y1;
	if (ma <= 0)
		return;
	if (c1 > s->y1 + 1e-6 && !s->last)
		*b = s->y1 - ma;
	if (c0 < s->y0 - 1e-6 && !broken)
		*a = s->y0 - ma;
}

/* Collapsed: 1 if column col of slice n, which opens a page's fragment
 * of its group, is covered by a cell continuing from the page before
 * (the slice draws that cell's opening border, S_paint_slice_at). */
static int S_continues_at(const S_slice *n, int col)
{
	const S_table *t = n->t;
	const S_group *g = S_slice_group(n);
	for (size_t k = 0; k < g->ncells; k++) {
		const S_cell *c = &t->cells[g->cell0 + k];
		if (col < c->pos.col || col >= c->pos.col + c->pos.colspan)
			continue;
		return c->cy0 < n->y0 && c->cy1 > n->y0 &&
		    S_row_state(n, c->pos.row) == 0;
	}
	return 0;
}

/* Collapsed: 1 if slice n, painted under a repeated header, draws the
 * line on the header's foot in column col: where a cell continues from
 * the page before (its retained before border), or, when n begins its
 * group (the page broke between two rows), every column (the row's own
 * before border). */
static int S_takes_head_line(const S_slice *n, int col)
{
	return n->first || S_continues_at(n, col);
}

/* Collapsed: the before borders of cell c, which begins a row at the top
 * of a page: its own, its row's and, on the first row of its table-body,
 * the body's. The row above is on the page before: its after borders
 * take no part here (they close that page). */
static qr_tborder S_row_lead(const S_table *t, const S_cell *c)
{
	int r = c->pos.row;
	qr_tborder w = S_border(c->fo, QR_TOP, QR_BSRC_CELL);
	w = qr_tborder_winner(w, S_border(t->rows[r].fo, QR_TOP,
	    QR_BSRC_ROW));
	if (r == 0 || t->rows[r - 1].part_index != t->rows[r].part_index)
		w = qr_tborder_winner(w, S_border(t->rows[r].part, QR_TOP,
		    QR_BSRC_BODY));
	return w;
}

/* Collapsed: the top line of cell c, which begins a row at the top of a
 * page the table goes on to with no header repeated: the row's own
 * before borders (S_row_lead) and the table's border-before when it is
 * retained (XSL 1.1 7.26.x, as the Working Group agreed in bug 6278). */
static qr_tborder S_page_lead(const S_table *t, const S_cell *c)
{
	qr_tborder w = S_row_lead(t, c);
	if (t->fo->box->border[QR_TOP].retain)
		w = qr_tborder_winner(S_border(t->fo, QR_TOP, QR_BSRC_TABLE),
		    w);
	return w;
}

/* Collapsed: the line a repeated header draws below itself in column
 * col (its last row line). */
static qr_tborder S_head_line(const S_table *t, int col)
{
	const S_group *g = &t->groups[t->head_g0 + t->head_gn - 1];
	return t->coll.h[(g->row0 + g->nrows) * t->ncols + col];
}

/* Collapsed, a group of one row: 1 if the line on the end side of cell k
 * of the group (page x xr; x0 that of the grid's left edge) is drawn by
 * the cell after it, its neighbour there, as its start line, with the
 * same piece: the same band (a row's
 * cells share it in every slice) and the same resolved segment (no row
 * is delayed), at the same x. That piece comes right after cell k's own
 * top and bottom lines, and the rules given while the fragment is
 * painted are joined (qr_layout_rule_join): the second piece alone
 * extends the rule and places it in the order as the two did. */
static inline int S_end_shared(const qr_layout *lo, const S_slice *s,
    size_t k, double x0, double xr)
{
	const S_table *t = s->t;
	const S_group *g = S_slice_group(s);
	if (g->nrows != 1 || k + 1 >= g->ncells || lo->paint_depth <= 0)
		return 0;
	const S_cell *c = &t->cells[g->cell0 + k];
	const S_cell *n = c + 1;
	return n->pos.col == c->pos.col + c->pos.colspan && x0 + n->x == xr;
}

/* Paint one slice. bx: the page x of the table's box; wt: the page y of
 * the window top (group coordinate s->y0); top_y: the page y of the
 * slice's own top; broken: the slice starts a page fragment of the group
 * (cells continuing from the previous page get a closing top border).
 * below: for a repeated header, the slice continuing the table under it,
 * which draws the row line where its cells continue (else NULL). */
static void S_paint_slice_at(qr_layout *lo, const S_slice *s, qr_page *pg,
    double bx, double top_y, double wt, int broken, const S_slice *below)
{
	S_table *t = s->t;
	const S_group *g = S_slice_group(s);
	double x0 = bx + t->cx;
	double m = t->collapse ? 0 : t->sep_v / 2;
	/* collapsed: a repeated header above this fragment left its last
	 * row line to it (S_paint_part): to the cells continuing, or, when
	 * the page broke before the group, to the cells it begins with */
	int under_head = (broken || s->first) && t->collapse &&
	    t->ps->head_pg == pg;
	/* collapsed: the group begins a page the table goes on to (the
	 * page broke between two rows) with no header repeated above it:
	 * its top line is its own, not the row's above on the page before */
	int page_top = t->collapse && s->first && !under_head &&
	    (t->ps->slice ? t->ps->pg != pg : t->ps->first == s);
	if (t->collapse && !t->ps->vline)
		t->ps->vline = qr_arena_alloc(lo->arena,
		    sizeof *t->ps->vline * ((size_t)t->ncols + 1));
	S_vline *vl = t->collapse ? t->ps->vline : NULL;
	/* backgrounds: columns, rows (or their row group), then cells */
	for (int col = 0; t->col_bg && col < t->ncols; col++) {
		const qr_fo *cf = t->colfo[col];
		if (!cf || !cf->box->has_background)
			continue;
		double ya = broken ? top_y : wt, yb = wt + (s->y1 - s->y0);
		S_fill(lo, pg, x0 + t->colx[col], ya, t->colx[col + 1] -
		    t->colx[col], yb - ya, cf->box->background_color);
	}
	for (int r = g->row0; r < g->row0 + g->nrows; r++) {
		const S_row *row = &t->rows[r];
		const qr_fo *bgfo = row->fo && row->fo->box->has_background ?
		    row->fo : row->part && row->part->box->has_background ?
		    row->part : NULL;
		int st = S_row_state(s, r);
		if (!bgfo || st == 1)
			continue;
		double a = row->y > s->y0 || st == 2 ? row->y : s->y0;
		double b = row->y + row->h < s->y1 ? row->y + row->h : s->y1;
		if (b <= a)
			continue;
		double ya = wt + a - s->y0, yb = wt + b - s->y0;
		if (broken && a == s->y0)
			ya = top_y;
		S_fill(lo, pg, x0 + t->colx[0], ya, t->colx[t->ncols] -
		    t->colx[0], yb - ya, bgfo->box->background_color);
	}
	for (size_t k = 0; g->cell_bg && k < g->ncells; k++) {
		const S_cell *c = &t->cells[g->cell0 + k];
		int st = S_row_state(s, c->pos.row);
		if (!c->fo || !c->fo->box->has_background || c->hidden ||
		    st == 1)
			continue;
		/* separate model: the border box is inside the row band
		 * by half the vertical border-separation */
		double c0 = c->cy0 + m, c1 = c->cy1 - m;
		double a, b;
		S_cut_band(s, c0, c1, S_break_sep(t, c, 1), broken, &a, &b);
		if (st == 2)
			a = c0;
		if (b <= a)
			continue;
		double ya = wt + a - s->y0, yb = wt + b - s->y0;
		if (((broken && c0 < s->y0) || (c->cont && s->first)) &&
		    st != 2)
			ya = top_y + S_break_sep(t, c, 0);
		S_fill(lo, pg, x0 + c->x, ya, c->w, yb - ya,
		    c->fo->box->background_color);
	}
	/* content: at its continuous position, except after a page break
	 * where a cell that continues starts at the top of the fragment
	 * (never lower than the shared shift the slice heights allow for,
	 * see the file comment) and keeps that offset for the rest of the
	 * page */
	for (size_t k = 0; k < g->ncells; k++) {
		S_cell *c = &t->cells[g->cell0 + k];
		size_t from = s->from[k], to = s->to[k];
		if (from < c->first)
			from = c->first;
		double off = wt - s->y0; /* page y of group coordinate 0 */
		int st = S_row_state(s, c->pos.row);
		if (st == 1 || (from >= to && !broken && st != 2))
			continue; /* (nothing to show nor to note) */
		if (st == 2) {
			/* a delayed row shows from its top, at its
			 * continuous position (the lead allows for it) */
			c->off = off;
			c->off_pg = pg;
		} else if (broken && c->cy0 < s->y0) {
			size_t r = from;
			while (r < c->list.n && S_is_space(&c->list.v[r]))
				r++;
			/* nested tables open here repeat their headers
			 * above the content */
			const qr_vtable *nst[S_MAX_NESTED];
			size_t nn = S_nested_open(c, r, nst);
			double head = S_nested_head(nst, nn);
			double resume = c->base + c->H[r] -
			    S_break_room(t, c, s->y0, 0) - head;
			if (top_y - resume < off)
				off = top_y - resume;
			c->off = off;
			c->off_pg = pg;
			double hy = off + c->base + c->H[r] - head;
			double cx = x0 + c->x + c->inset[QR_SIDE_START];
			for (size_t j = 0; j < nn; j++) {
				const qr_vtable *vt = nst[j];
				if (vt->omit_header_at_break ||
				    !vt->header_paint)
					continue;
				vt->header_paint(lo, vt->header_data, pg,
				    cx + vt->x, hy, vt->w, vt->header_h);
				hy += vt->header_h;
			}
		} else if (!broken && c->off_pg == pg && c->cy0 < s->y0) {
			off = c->off;
		}
		while (from < to && S_is_space(&c->list.v[from]))
			from++;
		if (from >= to)
			continue;
		double y = off + c->base + c->H[from];
		S_paint_cell_range(lo, c, from, to, pg,
		    x0 + c->x + c->inset[QR_SIDE_START], y);
	}
	/* borders */
	if (vl && g->nrows == 1 && !s->first && !s->last && !broken) {
		/* collapsed, a slice inside a fragment of a group of one
		 * row: it cuts every cell above and below (the row's top is
		 * above it, its foot below), so it draws only their side
		 * lines, over the whole slice, as the loop below works out */
		double pa = wt + s->y0 - s->y0, pb = wt + s->y1 - s->y0;
		for (size_t k = 0; s->y1 > s->y0 && k < g->ncells; k++) {
			const S_cell *c = &t->cells[g->cell0 + k];
			const qr_tborder *v = &t->coll.v[c->pos.row *
			    (t->ncols + 1)];
			int le = c->pos.col, ri = c->pos.col + c->pos.colspan;
			double xl = x0 + c->x, xr = xl + c->w;
			S_vrule_line(lo, pg, &vl[le], xl, pa, pb, &v[le]);
			if (!S_end_shared(lo, s, k, x0, xr))
				S_vrule_line(lo, pg, &vl[ri], xr, pa, pb,
				    &v[ri]);
		}
		return;
	}
	for (size_t k = 0; k < g->ncells; k++) {
		const S_cell *c = &t->cells[g->cell0 + k];
		double c0 = c->cy0 + m, c1 = c->cy1 - m;
		int st = S_row_state(s, c->pos.row);
		if (c1 < s->y0 || c0 > s->y1 || (c1 == s->y0 && c1 > c0) ||
		    (c0 == s->y1 && c1 > c0) || st == 1)
			continue;
		/* a cell continued from a page of another width opens the
		 * group's first slice with a break's edge (S_cell.cont) */
		int ctop = c->cont && s->first;
		int starts = (c0 >= s->y0 || st == 2) && !ctop;
		int ends = c1 <= s->y1;
		double a, b;
		S_cut_band(s, c0, c1, S_break_sep(t, c, 1), broken, &a, &b);
		if (starts)
			a = c0;
		double ya = wt + a - s->y0, yb = wt + b - s->y0;
		if ((broken || ctop) && !starts)
			ya = top_y + S_break_sep(t, c, 0);
		double xl = x0 + c->x, xr = xl + c->w;
		if (t->collapse) {
			int C = t->ncols;
			const qr_tcollapsed *cc = &t->coll;
			int r0 = c->pos.row, r1 = c->pos.row + c->pos.rowspan;
			/* vertical segments per row of the cell, clipped */
			for (int r = r0; r < r1; r++) {
				const S_row *row = &t->rows[r];
				double ra = row->y > a ? row->y : a;
				double rb = row->y + row->h < b ?
				    row->y + row->h : b;
				if (rb <= ra)
					continue;
				double pa = wt + ra - s->y0;
				double pb = wt + rb - s->y0;
				if (broken && ra == s->y0)
					pa = top_y;
				qr_tborder own;
				int le = c->pos.col;
				int ri = c->pos.col + c->pos.colspan;
				S_vrule_line(lo, pg, vl ? &vl[le] : NULL, xl,
				    pa, pb, S_side_line(s, c, r, 0, &own));
				if (!S_end_shared(lo, s, k, x0, xr))
					S_vrule_line(lo, pg, vl ? &vl[ri] :
					    NULL, xr, pa, pb, S_side_line(s, c,
					    r, 1, &own));
			}
			/* the cell's top line: where it starts, or the
			 * edge of a fragment continuing it; its bottom line
			 * where it ends, unless the row below is delayed: if
			 * the page breaks here that row goes over, so this
			 * cell's own after border closes it (the row line is
			 * drawn again, whole, where the row shows). A slice
			 * cutting the cell on both sides draws neither. */
			int opens = starts || under_head || broken || ctop;
			int closes = ends && !S_defer_line(s, r1);
			for (int col = c->pos.col; (opens || closes) &&
			    col < c->pos.col + c->pos.colspan; col++) {
				double sx = x0 + t->colx[col];
				double ex = x0 + t->colx[col + 1];
				/* extend to cover the corners */
				double lx = col == c->pos.col ?
				    qr_tborder_width(cc->v[r0 * (C + 1) +
				    col]) / 2 : 0;
				double rx = col + 1 == c->pos.col +
				    c->pos.colspan ? qr_tborder_width(
				    cc->v[r0 * (C + 1) + col + 1]) / 2 : 0;
				if (starts && under_head && s->first &&
				    r0 == g->row0) {
					/* the first row under a repeated
					 * header: one line, the winner of the
					 * header's and the row's own before
					 * border (6.7.10) */
					S_hrule(lo, pg, sx - lx, ex + rx, ya,
					    qr_tborder_winner(S_head_line(t,
					    col), S_row_lead(t, c)));
				} else if (starts && page_top &&
				    r0 == g->row0) {
					S_hrule(lo, pg, sx - lx, ex + rx, ya,
					    S_page_lead(t, c));
				} else if (starts) {
					S_hrule(lo, pg, sx - lx, ex + rx, ya,
					    cc->h[r0 * C + col]);
				} else if (under_head || broken || ctop) {
					/* the retained border opening a
					 * fragment that continues the cell;
					 * under a repeated header one line on
					 * the edge, the winner of the
					 * header's (which left it out) and
					 * that one (6.7.10) */
					qr_tborder lead = S_break_border(t, c,
					    s->y0, 0);
					if (under_head)
						S_hrule(lo, pg, sx - lx,
						    ex + rx, ya,
						    qr_tborder_winner(
						    S_head_line(t, col), lead));
					else
						S_hrule(lo, pg, sx - lx,
						    ex + rx, ya +
						    qr_tborder_width(lead) / 2,
						    lead);
				}
				if (closes &&
				    !(below && S_takes_head_line(below, col)))
					S_hrule(lo, pg, sx - lx, ex + rx, yb,
					    cc->h[r1 * C + col]);
			}
		} else if (c->fo && !c->hidden) {
			qr_tborder bt = S_border(c->fo, QR_TOP, QR_BSRC_CELL);
			qr_tborder bb = S_border(c->fo, QR_BOTTOM,
			    QR_BSRC_CELL);
			qr_tborder bl = S_border(c->fo, QR_LEFT, QR_BSRC_CELL);
			qr_tborder br = S_border(c->fo, QR_RIGHT,
			    QR_BSRC_CELL);
			/* separate: the border lies inside the cell's box */
			double wl = qr_tborder_width(bl) / 2;
			double wr = qr_tborder_width(br) / 2;
			double wtp = qr_tborder_width(bt) / 2;
			double wb = qr_tborder_width(bb) / 2;
			if (starts) {
				S_hrule(lo, pg, xl, xr, ya + wtp, bt);
			} else if (broken || ctop) {
				/* continued: only a retained border */
				qr_tborder bc = S_break_border(t, c, s->y0, 0);
				S_hrule(lo, pg, xl, xr, ya +
				    qr_tborder_width(bc) / 2, bc);
			}
			if (ends)
				S_hrule(lo, pg, xl, xr, yb - wb, bb);
			S_vrule(lo, pg, xl + wl, ya, yb, bl);
			S_vrule(lo, pg, xr - wr, ya, yb, br);
		}
	}
}

/* The painter of a body slice (qr_paint_fn). */
static void S_paint_slice(qr_layout *lo, const void *data, qr_page *pg,
    double x, double y_top, double w, double h)
{
	const S_slice *s = data;
	S_table *t = s->t;
	double wt = y_top + s->lead;
	int broken = 0;
	if (!s->first) {
		/* Continuous when the previous slice of this group ended on
		 * this page where this one's window starts. */
		const S_slice *p = t->ps->slice;
		broken = !(p && p->group == s->group && t->ps->pg == pg &&
		    fabs(t->ps->bottom - wt) < 0.01);
	}
	S_paint_slice_at(lo, s, pg, x, y_top, wt, broken, NULL);
	t->ps->head_pg = NULL;
	if (s->first || broken)
		t->ps->frag_y0 = s->y0;
	t->ps->pg = pg;
	t->ps->x = x;
	t->ps->bottom = wt + (s->y1 - s->y0);
	t->ps->slice = s;
	(void)w;
	(void)h;
}

/* Paint whole groups [g0, g0 + gn) (the header or footer) from y_top.
 * data: an S_slice array of gn whole-group slices. */
typedef struct S_part_paint {
	S_table *t;
	const S_slice *slices;
	int n;
	int is_footer;
} S_part_paint;

static void S_paint_part(qr_layout *lo, const void *data, qr_page *pg,
    double x, double y_top, double w, double h)
{
	const S_part_paint *pp = data;
	S_table *t = pp->t;
	double y = y_top;
	/* collapsed: a header repeated above the table's continuation
	 * leaves its last row line to the cells continuing there */
	const S_slice *below = NULL;
	if (!pp->is_footer && t->collapse && t->ps->slice &&
	    t->ps->pg != pg) {
		if (!t->ps->slice->last)
			below = t->ps->slice->next;
		else if (t->ps->slice->group + 1 < t->ngroups)
			/* the page broke between two groups: the next
			 * (NULL for a footer painted whole) */
			below = t->groups[t->ps->slice->group + 1].slice0;
	} else if (!pp->is_footer && t->collapse && !t->ps->slice) {
		/* a table going on at another width: above its first
		 * slice (NULL for one that starts here) */
		below = t->ps->first;
	}
	for (int i = 0; i < pp->n; i++) {
		const S_slice *s = &pp->slices[i];
		S_paint_slice_at(lo, s, pg, x, y, y, 0,
		    i + 1 == pp->n ? below : NULL);
		y += s->y1 - s->y0;
	}
	if (below)
		t->ps->head_pg = pg;
	(void)w;
	(void)h;
}

/* The closing painter: at a break inside the table, draw the after
 * border of the cells that continue, where the last slice ended. */
static void S_paint_close(qr_layout *lo, S_table *t, qr_page *pg)
{
	const S_slice *s = t->ps->slice;
	if (!s || t->ps->pg != pg || s->last)
		return;
	t = s->t; /* (the table before a budget's cut, qr_tresume) */
	const S_group *g = S_slice_group(s);
	double x0 = t->ps->x + t->cx;
	double y = t->ps->bottom;
	/* collapsed: the lines above rows going over whole, which waited
	 * (S_defer_line), close the cells ending on them on this page */
	for (size_t k = 0; t->collapse && k < g->ncells; k++) {
		const S_cell *c = &t->cells[g->cell0 + k];
		int r1 = c->pos.row + c->pos.rowspan;
		if (c->cy1 < t->ps->frag_y0 - 1e-6 || c->cy1 > s->y1 + 1e-6 ||
		    !S_defer_line(s, r1))
			continue;
		double ly = y - s->y1 + c->cy1;
		for (int col = c->pos.col; col < c->pos.col + c->pos.colspan;
		    col++)
			S_hrule(lo, pg, x0 + t->colx[col], x0 +
			    t->colx[col + 1], ly, S_own_after(t, c));
	}
	for (size_t k = 0; k < g->ncells; k++) {
		const S_cell *c = &t->cells[g->cell0 + k];
		if (c->cy1 <= s->y1 || c->cy0 >= s->y1 ||
		    S_row_state(s, c->pos.row) == 1)
			continue; /* ends here, or not shown on this page */
		if (c->has_tables) {
			/* nested tables open where the cell broke: their
			 * footers below its content, innermost first (the
			 * break's position left room for them) */
			const qr_vtable *nst[S_MAX_NESTED];
			size_t nn = S_nested_open(c, s->to[k], nst);
			double off = c->off_pg == pg && c->cy0 < s->y0 ?
			    c->off : y - s->y1;
			double fy = off + c->base + c->H[s->to[k] < c->list.n ?
			    s->to[k] : c->list.n];
			double cx = x0 + c->x + c->inset[QR_SIDE_START];
			for (size_t j = nn; j-- > 0;) {
				const qr_vtable *vt = nst[j];
				if (vt->omit_footer_at_break ||
				    !vt->footer_paint || vt->footer_h <= 0)
					continue;
				vt->footer_paint(lo, vt->footer_data, pg,
				    cx + vt->x, fy, vt->w, vt->footer_h);
				fy += vt->footer_h;
			}
		}
		/* the border closing the fragment: only a retained one, wholly
		 * above the break (the break's position left room for it and
		 * for a retained padding) */
		qr_tborder b = S_break_border(t, c, s->y1, 1);
		double bw = qr_tborder_width(b);
		if (bw <= 0)
			continue;
		if (t->collapse) {
			/* centred on the break (S_break_room) */
			int C = t->ncols;
			int r0 = c->pos.row, c0 = c->pos.col;
			int c1 = c0 + c->pos.colspan;
			for (int col = c0; col < c1; col++) {
				/* over the corners, as the slices do */
				double lx = col == c0 ? qr_tborder_width(
				    t->coll.v[r0 * (C + 1) + col]) / 2 : 0;
				double rx = col + 1 == c1 ? qr_tborder_width(
				    t->coll.v[r0 * (C + 1) + col + 1]) / 2 : 0;
				S_hrule(lo, pg, x0 + t->colx[col] - lx,
				    x0 + t->colx[col + 1] + rx, y, b);
			}
		} else {
			/* above the half separation kept at the break */
			S_hrule(lo, pg, x0 + c->x, x0 + c->x + c->w,
			    y - S_break_sep(t, c, 1) - bw / 2, b);
		}
	}
}

static void S_paint_footer(qr_layout *lo, const void *data, qr_page *pg,
    double x, double y_top, double w, double h)
{
	const S_part_paint *pp = data;
	S_paint_close(lo, pp->t, pg);
	S_paint_part(lo, data, pg, x, y_top, w, h);
}

/* ---- groups and stepping ------------------------------------------------ */

typedef struct S_cand {
	double pos;       /* group coordinates of the break */
	double resume;    /* where the content after it starts */
	size_t idx;       /* the penalty's index */
	int penalty;      /* its cost; QR_PEN_INF and above: a keep */
} S_cand;

/* Heights of the rows of group g and the cells' vertical placement. */
static void S_group_heights(S_table *t, S_group *g)
{
	for (int r = g->row0; r < g->row0 + g->nrows; r++) {
		S_row *row = &t->rows[r];
		row->h = row->min_h;
	}
	/* single-row cells first, then spans stretch their last row */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < g->ncells; k++) {
			S_cell *c = &t->cells[g->cell0 + k];
			if ((c->pos.rowspan > 1) != pass)
				continue;
			double need = c->content_h + c->inset[QR_SIDE_BEFORE] +
			    c->inset[QR_SIDE_AFTER];
			if (c->min_h > need)
				need = c->min_h;
			int r0 = c->pos.row, r1 = r0 + c->pos.rowspan - 1;
			double have = 0;
			for (int r = r0; r < r1; r++)
				have += t->rows[r].h;
			if (t->rows[r1].h < need - have)
				t->rows[r1].h = need - have;
		}
	}
	double y = 0;
	for (int r = g->row0; r < g->row0 + g->nrows; r++) {
		t->rows[r].y = y;
		y += t->rows[r].h;
	}
	g->h = y;
	for (size_t k = 0; k < g->ncells; k++) {
		S_cell *c = &t->cells[g->cell0 + k];
		const S_row *a = &t->rows[c->pos.row];
		const S_row *b = &t->rows[c->pos.row + c->pos.rowspan - 1];
		c->cy0 = a->y;
		c->cy1 = b->y + b->h;
		double room = c->cy1 - c->cy0 - c->inset[QR_SIDE_BEFORE] -
		    c->inset[QR_SIDE_AFTER] - c->content_h;
		double shift = 0;
		if (room > 0 && c->display_align == QR_DISPLAY_CENTER)
			shift = room / 2;
		else if (room > 0 && c->display_align == QR_DISPLAY_AFTER)
			shift = room;
		c->base = c->cy0 + c->inset[QR_SIDE_BEFORE] + shift;
	}
}

/* The break candidates of a cell, ascending; *n set. Malloc'd. A
 * candidate's position is where the fragment above it ends: below the
 * content, the footers of the nested tables open there and the cell's
 * retained after padding and border. */
static S_cand *S_cands(const S_table *t, const S_cell *c, size_t *n)
{
	/* room for a cell of a few paragraphs without growing */
	size_t cap = 32, k = 0;
	S_cand *v = malloc(sizeof *v * cap);
	if (!v)
		return NULL;
	size_t N = c->list.n;
	double end = c->base + c->content_h;
	/* nested tables open at the break: their footer below it, their
	 * header above the content resumed after it */
	const qr_vtable *nst[S_MAX_NESTED];
	size_t nn = 0, ndepth = 0;
	for (size_t i = 0; c->has_tables && i < c->first && i < N; i++)
		S_nested_step(&c->list.v[i], nst, &nn, &ndepth);
	for (size_t i = c->first; i < N; i++) {
		const qr_vitem *it = &c->list.v[i];
		S_nested_step(it, nst, &nn, &ndepth);
		/* Forbidden breaks (keeps, widows and orphans) are kept as
		 * candidates too, with their cost, so the page builder can
		 * break a keep it cannot honour instead of overflowing. */
		if (it->kind != QR_V_PENALTY)
			continue;
		double pos = c->base + c->H[i];
		if (pos <= c->base + 0.001 || pos >= end - 0.001)
			continue;
		size_t r = i;
		while (r < N && S_is_space(&c->list.v[r]))
			r++;
		if (r >= N)
			continue;
		if (k == cap) {
			S_cand *nv = realloc(v, sizeof *v * cap * 2);
			if (!nv) {
				free(v);
				return NULL;
			}
			v = nv;
			cap *= 2;
		}
		v[k].pos = pos + S_nested_foot(nst, nn) +
		    S_break_room(t, c, pos, 1);
		if (k > 0 && v[k].pos < v[k - 1].pos)
			v[k].pos = v[k - 1].pos; /* ascending */
		v[k].resume = c->base + c->H[r] - S_nested_head(nst, nn);
		v[k].idx = i;
		v[k].penalty = it->penalty;
		k++;
	}
	*n = k;
	return v;
}

/* The keep strength of a break at group coordinate p (not the group's
 * edges): the table's keep-together (table_keep), the keep-together of
 * the rows and cells p lies inside, and at a boundary between two rows
 * of the group the first's keep-with-next and the second's
 * keep-with-previous (with those of its cells' first blocks). rd: the
 * first row delayed at p (see S_emit_group), or -1: the break then lies
 * between rows rd - 1 and rd as far as their keeps go (rd and what
 * follows go over whole), and inside row rd - 1, whose spanning cells
 * it splits (FOP applies that row's keep-together). */
static int S_boundary_keep(const S_table *t, const S_group *g, double p,
    int table_keep, int rd)
{
	int keep = table_keep;
	for (int r = g->row0; r < g->row0 + g->nrows; r++) {
		const S_row *row = &t->rows[r];
		if (rd >= 0 && r > rd)
			break;
		if (rd >= 0 && r == rd - 1) {
			if (row->fo)
				keep = S_max_keep(keep,
				    S_kv(row->fo->inh->keep_together));
		} else if (r > g->row0 && (r == rd || (rd < 0 &&
		    fabs(row->y - p) < 1e-6))) {
			const qr_fo *a = t->rows[r - 1].fo, *b = row->fo;
			if (a)
				keep = S_max_keep(keep,
				    S_kv(a->box->keep_with_next));
			if (b)
				keep = S_max_keep(keep,
				    S_kv(b->box->keep_with_previous));
		} else if (row->fo && p > row->y && p < row->y + row->h) {
			keep = S_max_keep(keep,
			    S_kv(row->fo->inh->keep_together));
		}
	}
	for (size_t k = 0; k < g->ncells; k++) {
		const S_cell *c = &t->cells[g->cell0 + k];
		if (!c->fo || (rd >= 0 && c->pos.row > rd))
			continue;
		if (rd >= 0 && c->pos.row == rd)
			keep = S_max_keep(keep, c->keep_before);
		else if (c->pos.row > g->row0 && fabs(c->cy0 - p) < 1e-6)
			keep = S_max_keep(keep, c->keep_before);
		else if (p > c->cy0 + 1e-6 && p < c->cy1 - 1e-6 &&
		    c->fo->parent && S_kv(c->fo->inh->keep_together) !=
		    S_kv(c->fo->parent->inh->keep_together))
			/* only a keep-together set on the cell itself: one
			 * inherited from its row holds within that row (a
			 * spanning cell does not carry it into the next
			 * rows; FOP does not apply it to cells at all) */
			keep = S_max_keep(keep,
			    S_kv(c->fo->inh->keep_together));
	}
	return keep;
}

/* 1 if group coordinate p lies inside the specified height (height,
 * block-progression-dimension) of a row or cell of the group, where the
 * row has not yet reached the height asked for. FOP makes such a break
 * cost the rest of the height on this page; here it is forbidden when
 * the group fits on a fresh page, so a row of fixed height moves whole
 * instead of leaving its text at the foot of one page and an empty tail
 * overleaf (XSL 1.1 7.15.3: the height is a minimum to reach, not a
 * reason to break). */
static int S_in_fixed(const S_table *t, const S_group *g, double p)
{
	for (int r = g->row0; r < g->row0 + g->nrows; r++) {
		const S_row *row = &t->rows[r];
		if (row->min_h > 0 && p > row->y + 1e-6 &&
		    p < row->y + row->min_h - 1e-6)
			return 1;
	}
	for (size_t k = 0; k < g->ncells; k++) {
		const S_cell *c = &t->cells[g->cell0 + k];
		if (c->min_h > 0 && p > c->cy0 + 1e-6 &&
		    p < c->cy0 + c->min_h - 1e-6)
			return 1;
	}
	return 0;
}

/* 1 if a forced break falls at group coordinate p, a boundary between
 * two rows of the group: a break-after on the last block of a cell
 * ending there, a break-before on the first block of a cell starting
 * there, as FOP. (Those at the group's edges are the caller's; breaks on
 * the rows themselves are ignored while a row span runs, XSL 1.1 7.20.1
 * and 7.20.2.) */
static int S_inner_force(const S_table *t, const S_group *g, double p)
{
	int f = 0;
	for (size_t k = 0; k < g->ncells; k++) {
		const S_cell *c = &t->cells[g->cell0 + k];
		if (c->force_after && fabs(c->cy1 - p) < 1e-6 &&
		    c->cy1 < g->h - 1e-6 && (!f || c->force_after - 1 !=
		    QR_VBRK_PAGE))
			f = c->force_after;
		if (c->force_before && c->pos.row > g->row0 &&
		    fabs(c->cy0 - p) < 1e-6 && (!f || c->force_before - 1 !=
		    QR_VBRK_PAGE))
			f = c->force_before; /* odd/even wins over page */
	}
	return f;
}

/* Emit the slices of group gi into out. table_keep: the table's
 * keep-together strength. */
static int S_emit_group(S_table *t, qr_vlist *out, int gi, int table_keep)
{
	qr_layout *lo = t->lo;
	S_group *g = &t->groups[gi];
	size_t nc = g->ncells;
	S_cand **cand = calloc(nc + 1, sizeof *cand);
	size_t *ncand = calloc(nc + 1, sizeof *ncand);
	size_t *k = calloc(nc + 1, sizeof *k);
	size_t *cur = calloc(nc + 1, sizeof *cur); /* break idx or first */
	double *resume = calloc(nc + 1, sizeof *resume);
	/* hold[i]: cell i reached a forced break that the row cannot take
	 * yet (another cell has not reached its first legal break); it
	 * shows nothing more until the break is taken. */
	char *hold = calloc(nc + 1, 1);
	/* rowshown[r - g->row0]: a cell starting on row r shows content */
	char *rowshown = calloc((size_t)g->nrows + 1, 1);
	/* first[r]: the first step of row r (rows after the group's first,
	 * index r - row0): the lowest boundary where every cell starting
	 * in the row reaches its first legal break (or its end), never
	 * less than the previous row's. Between a row's top and its first
	 * step the row is "delayed" (FOP's TableStepper does the same): a
	 * break there takes its cells over whole, so it only cuts the cells
	 * spanning into it from above, and their steps there are the
	 * boundaries; the row's own cells show nothing, leave their boxes
	 * unpainted and count their slack from their top. delayed[r]: the
	 * row was delayed at the last boundary. */
	double *rfirst = calloc((size_t)g->nrows + 1, sizeof *rfirst);
	unsigned char *delayed = calloc((size_t)g->nrows + 1, 1);
	int pending_force = 0;
	int force_kind = QR_VBRK_PAGE; /* of the forced break to come */
	int rc = -1;
	if (!cand || !ncand || !k || !cur || !resume || !hold || !rowshown ||
	    !rfirst || !delayed)
		goto done;
	for (size_t i = 0; i < nc; i++) {
		const S_cell *c = &t->cells[g->cell0 + i];
		cand[i] = S_cands(t, c, &ncand[i]);
		if (!cand[i])
			goto done;
		cur[i] = 0;
		resume[i] = c->cy0; /* not started: the cell's top */
		if (c->pos.row == g->row0)
			continue;
		double f = c->base + c->content_h + c->inset[QR_SIDE_AFTER];
		if (c->content_h <= 0)
			f = c->cy0 + c->inset[QR_SIDE_BEFORE] +
			    c->inset[QR_SIDE_AFTER];
		for (size_t j = 0; j < ncand[i]; j++)
			if (cand[i][j].penalty < QR_PEN_INF) {
				f = cand[i][j].pos;
				break;
			}
		double *rf = &rfirst[c->pos.row - g->row0];
		if (f > *rf)
			*rf = f;
	}
	for (int r = 1; r < g->nrows; r++) {
		/* A row whose first step is further below its top than a
		 * fresh page holds is not delayed (its slack would not fit
		 * overleaf either): its cells start at its top, as before. */
		double *rf = &rfirst[r], ry = t->rows[g->row0 + r].y;
		if (*rf < ry || t->fresh_room <= 0 ||
		    *rf - ry > t->fresh_room + 1e-6)
			*rf = ry;
		if (r > 1 && *rf < rfirst[r - 1])
			*rf = rfirst[r - 1];
	}
	double y = 0, lead = 0;
	int first = 1;
	S_slice *prev = NULL;
	/* whole: the group fits on a fresh page, so it never breaks in its
	 * empty stretches (no empty steps) nor in its specified height */
	int whole = t->fresh_room > 0 && g->h <= t->fresh_room + 1e-6;
	/* whether a cell of the group can force a break inside it, and
	 * whether a row or cell has a specified height: else S_inner_force
	 * and S_in_fixed find nothing at any boundary */
	int forces = 0, fixed = 0;
	for (size_t i = 0; i < nc; i++) {
		const S_cell *c = &t->cells[g->cell0 + i];
		if (c->force_before || c->force_after)
			forces = 1;
		if (c->min_h > 0)
			fixed = 1;
	}
	for (int r = g->row0; r < g->row0 + g->nrows; r++)
		if (t->rows[r].min_h > 0)
			fixed = 1;
	for (;;) {
		double next = g->h;
		for (size_t i = 0; i < nc; i++) {
			const S_cell *c = &t->cells[g->cell0 + i];
			while (k[i] < ncand[i] && cand[i][k[i]].pos <= y + 1e-6)
				k[i]++;
			/* a cell's breaks below its row's first step are
			 * none of the row's (the step takes them in) */
			double rf = rfirst[c->pos.row - g->row0];
			size_t j = k[i];
			while (j < ncand[i] && cand[i][j].pos < rf - 1e-6)
				j++;
			if (!hold[i] && j < ncand[i] && cand[i][j].pos < next)
				next = cand[i][j].pos;
		}
		/* The boundaries between the rows of a group are legal
		 * breaks too (FOP's row last step): a cell spanning them
		 * carries what it holds since its last break over. */
		for (int r = g->row0 + 1; r < g->row0 + g->nrows; r++) {
			double ry = t->rows[r].y;
			if (ry > y + 1e-6 && ry < next)
				next = ry;
		}
		/* Where a cell's content ends is a boundary too when the
		 * rows go on a long way without another: the empty steps
		 * below can then start there. */
		for (size_t i = 0; !whole && i < nc; i++) {
			const S_cell *c = &t->cells[g->cell0 + i];
			double e = c->base + c->content_h;
			if (!hold[i] && cur[i] < c->list.n &&
			    c->content_h > 0 && e > y + 1e-6 &&
			    e >= rfirst[c->pos.row - g->row0] - 1e-6 &&
			    next - e > 2 * S_TAIL_STEP)
				next = e;
		}
		int empty_step = 0;
		if (!whole && next - y > 2 * S_TAIL_STEP) {
			/* A row may be tall with no content for a while (a
			 * height, a rowspan, display-align): when no cell has
			 * content in the next step, cut there, so that a row
			 * taller than a page can break in its empty space. */
			int free_ = 1;
			for (size_t i = 0; i < nc && free_; i++) {
				const S_cell *c = &t->cells[g->cell0 + i];
				if (c->content_h <= 0 || cur[i] >= c->list.n)
					continue;
				double rs = cur[i] == 0 ? c->base : resume[i];
				if (rs >= c->base + c->content_h - 1e-6)
					continue;
				if (rs < y + S_TAIL_STEP + 1e-6)
					free_ = 0;
			}
			if (free_) {
				next = y + S_TAIL_STEP;
				empty_step = 1;
			}
		}
		int final = next >= g->h - 1e-6;
		if (final)
			next = g->h;
		/* rd: the first row delayed at this boundary, or -1 (rows
		 * after it that have begun are delayed too, their first
		 * steps being no lower). Not below a row whose height is
		 * bounded (block-progression-dimension.maximum) and which
		 * the boundary lies further below than that (FOP). */
		int rd = -1;
		for (int r = 1; !final && r < g->nrows; r++) {
			const S_row *row = &t->rows[g->row0 + r];
			if (row->y >= next - 1e-6)
				break;
			if (next >= rfirst[r] - 1e-6)
				continue;
			const S_row *above = row - 1;
			double mx;
			if (above->fo && S_bpd_len(&above->fo->box->bpd.max,
			    &mx) && next - above->y > mx + 1e-6)
				continue;
			rd = g->row0 + r;
			break;
		}
		/* the slice and its item ranges in one piece */
		S_slice *s = qr_arena_alloc(lo->arena, sizeof *s +
		    2 * sizeof(size_t) * (nc + 1));
		if (!s)
			goto done;
		size_t *from = (size_t *)(s + 1);
		size_t *to = from + nc + 1;
		s->t = t;
		s->group = gi;
		s->y0 = y;
		s->y1 = next;
		s->lead = lead;
		s->from = from;
		s->to = to;
		s->first = first;
		s->last = final;
		/* the rows' delay states (S_slice.rst) */
		int anyst = 0;
		for (int r = 1; r < g->nrows; r++) {
			int now = rd >= 0 && g->row0 + r >= rd &&
			    t->rows[g->row0 + r].y < next - 1e-6;
			if (now || delayed[r])
				anyst = 1;
		}
		if (anyst) {
			s->rst = qr_arena_alloc(lo->arena, (size_t)g->nrows);
			if (!s->rst)
				goto done;
			for (int r = 1; r < g->nrows; r++) {
				int now = rd >= 0 && g->row0 + r >= rd &&
				    t->rows[g->row0 + r].y < next - 1e-6;
				s->rst[r] = now ? 1 : delayed[r] ? 2 : 0;
				delayed[r] = (unsigned char)now;
			}
		}
		if (prev && rd >= 0 && fabs(t->rows[rd].y - y) < 1e-6)
			prev->below = rd + 1;
		if (prev)
			prev->next = s;
		else
			g->slice0 = s;
		prev = s;
		int forced = 0, cellpen = 0;
		for (size_t i = 0; i < nc; i++) {
			const S_cell *c = &t->cells[g->cell0 + i];
			from[i] = cur[i];
			if (final) {
				to[i] = c->list.n;
				continue;
			}
			if (hold[i] || (rd >= 0 && c->pos.row >= rd)) {
				to[i] = cur[i]; /* held, or delayed */
				continue;
			}
			/* breaks passed below the row's first step (see
			 * rfirst): the cell takes the last legal one, unless
			 * it has one here or its content ends here */
			size_t j = k[i];
			while (j < ncand[i] && cand[i][j].pos < next - 1e-6)
				j++;
			if (j > k[i] && j < ncand[i] &&
			    fabs(cand[i][j].pos - next) < 1e-6) {
				k[i] = j;
			} else if (j > k[i] &&
			    c->base + c->content_h > next + 1e-6) {
				size_t best = j;
				for (size_t q = j; q-- > k[i];)
					if (cand[i][q].penalty < QR_PEN_INF &&
					    cand[i][q].penalty > QR_PEN_FORCE) {
						best = q;
						break;
					}
				k[i] = j;
				to[i] = cur[i];
				if (best < j) {
					const S_cand *b = &cand[i][best];
					to[i] = b->idx;
					cur[i] = b->idx;
					resume[i] = b->resume;
					if (b->penalty > cellpen)
						cellpen = b->penalty;
				}
				continue;
			}
			if (k[i] < ncand[i] &&
			    fabs(cand[i][k[i]].pos - next) < 1e-6) {
				/* this cell can break at the boundary: of equal
				 * candidates take the cheapest (the last on a
				 * tie) */
				size_t best = k[i];
				while (k[i] + 1 < ncand[i] &&
				    fabs(cand[i][k[i] + 1].pos - next) < 1e-6) {
					k[i]++;
					if (cand[i][k[i]].penalty <=
					    cand[i][best].penalty)
						best = k[i];
				}
				const S_cand *b = &cand[i][best];
				k[i]++;
				double pend = next - (cur[i] == 0 ? c->base :
				    resume[i]);
				if (b->penalty >= QR_PEN_INF &&
				    pend <= S_STAY_MAX) {
					/* a forbidden break (widows, orphans,
					 * a keep) with a legal one a little
					 * above: stay there, the few lines
					 * between go over with the rest */
					to[i] = cur[i];
				} else {
					to[i] = b->idx;
					cur[i] = b->idx;
					resume[i] = b->resume;
					if (b->penalty <= QR_PEN_FORCE) {
						forced = 1;
						hold[i] = 1;
						if (c->list.v[b->idx].sub !=
						    QR_VBRK_PAGE)
							force_kind = c->list.v[
							    b->idx].sub;
					}
					else if (b->penalty > cellpen)
						cellpen = b->penalty;
				}
			} else if (cur[i] < c->list.n &&
			    c->base + c->content_h + (c->cy1 > next + 1e-6 ?
			    S_break_room(t, c, c->base + c->content_h, 1) : 0) <=
			    next + 1e-6) {
				/* its content ends inside this slice (with
				 * room for the retained after border and
				 * padding when its box goes on) */
				to[i] = c->list.n;
				cur[i] = c->list.n;
				resume[i] = c->base + c->content_h;
			} else {
				/* not breaking here: what it holds since its
				 * last break is painted by the slice where it
				 * next breaks (at its continuous position) */
				to[i] = cur[i];
			}
		}
		/* hoist ids and footnotes of what this slice shows */
		int cont = t->rs && t->rs->inside && gi == t->rs->group;
		if (first && cont) {
			/* going on from a page before: the ids are placed,
			 * the page builder holds the marker blocks open */
			for (size_t i = 0; i < nc; i++)
				t->cells[g->cell0 + i].markers =
				    t->rs->cell[i].markers;
		} else if (first) {
			/* cells with markers: an undecorated block around
			 * the row so the page builder sees their markers
			 * start and end */
			for (size_t i = 0; i < nc; i++) {
				S_cell *c = &t->cells[g->cell0 + i];
				if (!c->fo || !qr_fo_first_marker(c->fo))
					continue;
				qr_vblock *vb = qr_arena_alloc(lo->arena,
				    sizeof *vb);
				if (!vb)
					goto done;
				vb->fo = c->fo;
				vb->x = t->x + t->cx + c->x;
				vb->w = c->w;
				vb->has_markers = 1;
				c->markers = vb;
				if (qr_vlist_mark(lo, out, QR_MARK_BLOCK_OPEN,
				    vb) < 0)
					goto done;
			}
			for (int r = g->row0; r < g->row0 + g->nrows; r++)
				if (t->rows[r].fo && t->rows[r].fo->id &&
				    qr_vlist_mark(lo, out, QR_MARK_ID,
				    t->rows[r].fo->id) < 0)
					goto done;
			for (size_t i = 0; i < nc; i++) {
				const S_cell *c = &t->cells[g->cell0 + i];
				if (c->fo && c->fo->id && qr_vlist_mark(lo,
				    out, QR_MARK_ID, c->fo->id) < 0)
					goto done;
			}
		}
		for (size_t i = 0; i < nc; i++) {
			const S_cell *c = &t->cells[g->cell0 + i];
			size_t a = from[i], b = final ? c->list.n : to[i];
			if (b > a && S_hoist_cell(t, out, c, a, b) < 0)
				goto done;
		}
		if (qr_vlist_box(lo, out, next - y + lead, t->x,
		    t->w, S_paint_slice, s) < 0)
			goto done;
		if (final) {
			for (size_t i = nc; i-- > 0;) {
				const S_cell *c = &t->cells[g->cell0 + i];
				if (c->markers && qr_vlist_mark(lo, out,
				    QR_MARK_BLOCK_CLOSE, c->markers) < 0)
					goto done;
			}
			/* a forced break no boundary inside the row could
			 * take breaks after it */
			if (pending_force && qr_vlist_penalty(lo, out,
			    QR_PEN_FORCE, force_kind) < 0)
				goto done;
			break;
		}
		/* The next slice's lead: the largest slack of a cell with
		 * content still to come (see the file comment). Going over
		 * the cells, also: the rows where a cell shows content
		 * (rowshown, below) and the strongest keep-with-next of the
		 * last block of a finished cell whose box goes on to edge
		 * (the row's end; at a delayed row, the break falls at that
		 * row's top): no break until its box ends. */
		double D = -INFINITY;
		int any = 0;
		double edge = rd >= 0 ? t->rows[rd].y : next;
		int kafter = INT_MIN;
		for (size_t i = 0; i < nc; i++) {
			const S_cell *c = &t->cells[g->cell0 + i];
			if (c->content_h > 0 && cur[i] != 0)
				rowshown[c->pos.row - g->row0] = 1;
			if (c->keep_after && c->cy1 >= edge - 1e-6 &&
			    !(c->content_h > 0 && cur[i] < c->list.n &&
			    (cur[i] == 0 || resume[i] < c->base +
			    c->content_h - 1e-6))) {
				int kp = qr_layout_keep_penalty(c->keep_after);
				if (kp > kafter)
					kafter = kp;
			}
			if (c->cy1 <= next)
				continue; /* its box ends here */
			double rpos;
			int delay = rd >= 0 && c->pos.row >= rd;
			if (c->cy0 >= next) {
				rpos = c->cy0; /* not started */
			} else if (delay) {
				/* whole overleaf, a collapsed top border
				 * within the page */
				rpos = c->cy0 - S_top_half(t, c);
			} else if (c->content_h <= 0) {
				continue;
			} else if (cur[i] == 0) {
				rpos = c->base; /* all its content to come */
			} else {
				rpos = resume[i];
				if (rpos >= c->base + c->content_h - 1e-6)
					continue; /* content finished */
			}
			any = 1;
			/* a retained before border/padding comes back at
			 * the top of the next page */
			if (c->cy0 < next && !delay)
				rpos -= S_break_room(t, c, next, 0);
			if (next - rpos > D)
				D = next - rpos;
		}
		if (!any || D == -INFINITY)
			D = 0;
		/* after an empty step no content may move up past it (the
		 * next slice's height must stay positive) */
		if (empty_step && D < 0)
			D = 0;
		int inner_pen = qr_layout_keep_penalty(S_boundary_keep(t, g,
		    next, table_keep, rd));
		if (whole && fixed && S_in_fixed(t, g, next))
			inner_pen = QR_PEN_INF;
		int pen = forced ? QR_PEN_FORCE : inner_pen > cellpen ?
		    inner_pen : cellpen;
		if (kafter > pen && pen != QR_PEN_FORCE)
			pen = kafter;
		/* A break before any cell has shown content is no use (the
		 * break before the row does it better). Nor is one that
		 * leaves a cell whose content has begun above it showing
		 * nothing yet: a row's first fragment reaches every cell's
		 * first legal break (FOP's TableStepper does the same), so
		 * no cell, the row's heading least of all, is left empty at
		 * the foot of a page while its text starts overleaf. */
		int shown = 0, waiting = 0;
		for (size_t i = 0; i < nc; i++) {
			const S_cell *c = &t->cells[g->cell0 + i];
			if (c->content_h <= 0)
				continue;
			if (cur[i] != 0)
				shown = 1;
			else if (c->base < next - 1e-6 && c->cy0 < next &&
			    !(rd >= 0 && c->pos.row >= rd))
				waiting = 1;
			else if (rowshown[c->pos.row - g->row0] &&
			    c->cy0 < next - 1e-6 && next < c->cy0 +
			    c->inset[QR_SIDE_BEFORE] - 1e-6)
				/* a cell of its row shows content, and the
				 * break would cut this one's before border
				 * and padding (a wide collapsed border) */
				waiting = 1;
		}
		/* A forced break inside a cell waits for the other cells'
		 * first legal breaks too (FOP): meanwhile the forcing cell
		 * holds (shows nothing more) and the row may not break. */
		int inner_force = forces ? S_inner_force(t, g, next) : 0;
		if (inner_force) {
			forced = 1;
			force_kind = inner_force - 1;
		}
		if (forced || pending_force) {
			if (waiting) {
				pending_force = 1;
				pen = QR_PEN_INF;
			} else {
				pending_force = 0;
				pen = QR_PEN_FORCE;
				memset(hold, 0, nc);
			}
		} else if ((!shown || waiting) && !empty_step) {
			pen = QR_PEN_INF;
		}
		/* No extra cost for slack: what D wastes at the top of the
		 * next page is about what an earlier break would leave empty
		 * at the foot of this one (tried: costing it made pages
		 * shorter, 41 pages against FOP's 40 for appendix42). */
		if (pen > QR_PEN_INF && pen != QR_PEN_FORCE)
			pen = QR_PEN_INF;
		if (qr_vlist_penalty(lo, out, pen, pen == QR_PEN_FORCE ?
		    force_kind : QR_VBRK_PAGE) < 0)
			goto done;
		if (pen == QR_PEN_FORCE)
			force_kind = QR_VBRK_PAGE;
		if (fabs(D) > 1e-6 && qr_vlist_glue(lo, out, -D, 0, 0,
		    QR_VGLUE_DISCARD) < 0)
			goto done;
		lead = D;
		y = next;
		first = 0;
	}
	rc = 0;
done:
	if (rc < 0 && cand)
		qr_diag(lo->q, QD_NOMEM, NULL, 0, 0, "out of memory");
	if (cand)
		for (size_t i = 0; i < nc; i++)
			free(cand[i]);
	free(cand);
	free(ncand);
	free(k);
	free(cur);
	free(resume);
	free(hold);
	free(rowshown);
	free(rfirst);
	free(delayed);
	return rc;
}

/* Lay out the content of the cells of group g and set its heights, once
 * (the body's groups as they are emitted: a table the budget cuts, or
 * one going on at another width, lays out only what it shows). Going
 * on from a row broken across the page (qr_tresume), its cells go on
 * where they broke. */
static int S_group_ready(S_table *t, S_group *g)
{
	const qr_tresume *rs = t->rs;
	if (g->ready == t)
		return 0;
	for (size_t i = g->cell0; i < g->cell0 + g->ncells; i++) {
		S_cell *c = &t->cells[i];
		const S_rcell *rcell = NULL;
		if (rs && rs->inside && i >= rs->cell0 &&
		    i < rs->cell0 + rs->ncells)
			rcell = &rs->cell[i - rs->cell0];
		if (rcell && rcell->cont) {
			c->cont = 1;
			c->inset[QR_SIDE_BEFORE] = S_cont_room(t, c);
			c->min_h = rcell->min_h;
		}
		if (t->par && !rcell && S_par_take(t, i))
			;
		else if (S_layout_cell(t, c, rcell) < 0)
			return -1;
		if (c->hidden && (c->content_h > 0 ||
		    (c->cont && rcell->state != S_RC_WHOLE)))
			c->hidden = 0;
		if (c->cont) {
			/* its first block's break and keep were before */
			c->force_before = 0;
			c->keep_before = 0;
		}
	}
	S_group_heights(t, g);
	g->cell_bg = 0;
	for (size_t i = g->cell0; i < g->cell0 + g->ncells; i++)
		if (t->cells[i].fo && t->cells[i].fo->box->has_background)
			g->cell_bg = 1;
	g->ready = t;
	return 0;
}

/* ---- the table ---------------------------------------------------------- */

/* The height of the region-body of the first page of the table's
 * page-sequence (an estimate when masters differ), or 0. */
static double S_page_body_height(const qr_fo *n)
{
	while (n && n->type != FO_PAGE_SEQUENCE)
		n = n->parent;
	if (!n)
		return 0;
	const qr_fo *spm = qr_fo_select_master(n, 0, 1, 0, 1, 0);
	return spm ? qr_fo_body_rect(spm).h : 0;
}

static void S_reader_free(S_reader *r)
{
	free(r->rows);
	free(r->cin);
}

static int S_layout_table(qr_layout *lo, qr_vlist *out, const qr_fo *table,
    double width, double indent_start, double indent_end,
    double start_indent, double end_indent, const qr_tresume *rs,
    double budget, double *used, const qr_tresume **stop);

int qr_layout_table(qr_layout *lo, qr_vlist *out, const qr_fo *table,
    double width, double indent_start, double indent_end,
    double start_indent, double end_indent)
{
	double used = 0;
	return S_layout_table(lo, out, table, width, indent_start, indent_end,
	    start_indent, end_indent, NULL, 0, &used, NULL);
}

int qr_layout_table_part(qr_layout *lo, qr_vlist *out, const qr_fo *table,
    double width, double indent_start, double indent_end,
    double start_indent, double end_indent, const qr_tresume *rs,
    double budget, double *used, const qr_tresume **stop)
{
	*stop = NULL;
	*used = 0;
	return S_layout_table(lo, out, table, width, indent_start, indent_end,
	    start_indent, end_indent, rs, budget, used, stop);
}

/* rs: going on from a point laid out before (see qr_tresume), else NULL.
 * budget: when > 0, stop between two body groups once the groups laid
 * out are that tall (*stop then says where to go on); *used: their
 * height. */
static int S_layout_table(qr_layout *lo, qr_vlist *out, const qr_fo *table,
    double width, double indent_start, double indent_end,
    double start_indent, double end_indent, const qr_tresume *rs,
    double budget, double *used, const qr_tresume **stop)
{
	if (rs && rs->at_stop && rs->keep_width) {
		width = rs->width;
		indent_start = rs->indent_start;
		indent_end = rs->indent_end;
		start_indent = rs->start_indent;
		end_indent = rs->end_indent;
	}
	if (table->type == FO_TABLE_AND_CAPTION) {
		const qr_fo *cap = qr_fo_child(table, FO_TABLE_CAPTION);
		if (cap && qr_layout_block_content(lo, out, cap, width,
		    -1, indent_start, indent_end) < 0)
			return -1;
		const qr_fo *tb = qr_fo_child(table, FO_TABLE);
		if (!tb)
			return 0;
		/* the table inherits the resolved indents unless it sets
		 * its own */
		double tsi = tb->inh->start_indent.pt ==
		    table->inh->start_indent.pt && tb->inh->start_indent.pct ==
		    table->inh->start_indent.pct ? start_indent :
		    S_len(tb->inh->start_indent, width);
		double tei = tb->inh->end_indent.pt ==
		    table->inh->end_indent.pt && tb->inh->end_indent.pct ==
		    table->inh->end_indent.pct ? end_indent :
		    S_len(tb->inh->end_indent, width);
		return S_layout_table(lo, out, tb, width, indent_start,
		    indent_end, tsi, tei, NULL, 0, used, NULL);
	}
	S_table *t = qr_arena_alloc(lo->arena, sizeof *t);
	if (!t) {
		qr_diag(lo->q, QD_NOMEM, NULL, 0, 0, "out of memory");
		return -1;
	}
	t->lo = lo;
	t->fo = table;
	t->rs = rs;
	t->ps = rs && rs->at_stop ? rs->ps : qr_arena_alloc(lo->arena,
	    sizeof *t->ps);
	if (!t->ps) {
		qr_diag(lo->q, QD_NOMEM, NULL, 0, 0, "out of memory");
		return -1;
	}
	t->collapse = table->inh->border_collapse;
	t->sep_h = t->collapse ? 0 : table->inh->border_separation_ipd;
	t->sep_v = t->collapse ? 0 : table->inh->border_separation_bpd;

	/* the table's box: indents, then its width */
	double si = start_indent - indent_start;
	double ei = end_indent - indent_end;
	double avail = width - si - ei;
	if (avail < 1)
		avail = 1;
	double tw = avail;
	if (table->box->ipd.opt.kind == QR_SIZE_LEN)
		tw = S_len(table->box->ipd.opt.len, avail);
	if (tw <= 0)
		tw = avail;
	t->x = si;
	t->w = tw;

	/* read the parts: header, footer, bodies, in display order */
	S_reader rd;
	memset(&rd, 0, sizeof rd);
	int ncols_spec = 0;
	for (const qr_fo *c = qr_fo_child(table, FO_TABLE_COLUMN); c;
	    c = qr_fo_next_of(c, FO_TABLE_COLUMN)) {
		int first = c->obj->column_number > 0 ? c->obj->column_number :
		    ncols_spec + 1;
		int rep = c->obj->number_columns_repeated > 0 ?
		    c->obj->number_columns_repeated : 1;
		if (first + rep - 1 > ncols_spec)
			ncols_spec = first + rep - 1;
	}
	if (ncols_spec > 10000)
		ncols_spec = 10000;
	const qr_fo *head = qr_fo_child(table, FO_TABLE_HEADER);
	const qr_fo *foot = qr_fo_child(table, FO_TABLE_FOOTER);
	int npart = 0;
	/* parts: 0 header, then bodies, then the footer */
	const qr_fo **parts = NULL;
	size_t capparts = 4;
	parts = malloc(sizeof *parts * capparts);
	int head_rows0 = 0, head_rows1 = 0, foot_rows0 = 0, foot_rows1 = 0;
	int rc = -1;
	qr_tgrid grid;
	memset(&grid, 0, sizeof grid);
	qr_tborder (*cellb)[4] = NULL, (*rowb)[4] = NULL, (*partb)[4] = NULL,
	    (*colb)[4] = NULL;
	int *row_part = NULL;
	if (!parts)
		goto oom;
	if (rs && rs->base) {
		/* Going on from a part laid out before: the table's structure
		 * (rows, cells, groups, resolved borders) is that part's
		 * (the cells of the groups laid out again take their new
		 * geometry and content); only what depends on the width is
		 * done again, and only for what this part shows. */
		const S_table *b = rs->base;
		t->ncols = b->ncols;
		t->colfo = b->colfo;
		t->col_bg = b->col_bg;
		t->rows = b->rows;
		t->nrows = b->nrows;
		t->cells = b->cells;
		t->ncells = b->ncells;
		t->groups = b->groups;
		t->ngroups = b->ngroups;
		t->coll = b->coll;
		t->head_g0 = b->head_g0;
		t->head_gn = b->head_gn;
		t->foot_g0 = b->foot_g0;
		t->foot_gn = b->foot_gn;
		t->body_row0 = b->body_row0;
		t->body_row1 = b->body_row1;
		t->cw = b->cw;
		head_rows1 = t->body_row0;
		foot_rows0 = t->body_row1;
		t->colx = qr_arena_alloc(lo->arena, sizeof *t->colx *
		    ((size_t)t->ncols + 1));
		if (!t->colx)
			goto oom;
		goto columns;
	}
	if (head) {
		parts[npart] = head;
		S_read_part(&rd, head, npart++, ncols_spec);
	}
	head_rows1 = rd.nrows;
	for (const qr_fo *b = qr_fo_child(table, FO_TABLE_BODY); b;
	    b = qr_fo_next_of(b, FO_TABLE_BODY)) {
		if ((size_t)npart + 2 > capparts) {
			const qr_fo **np = realloc(parts, sizeof *np *
			    capparts * 2);
			if (!np)
				goto oom;
			parts = np;
			capparts *= 2;
		}
		parts[npart] = b;
		S_read_part(&rd, b, npart++, ncols_spec);
	}
	foot_rows0 = rd.nrows;
	if (foot) {
		parts[npart] = foot;
		S_read_part(&rd, foot, npart++, ncols_spec);
	}
	foot_rows1 = rd.nrows;
	if (rd.err)
		goto oom;
	if (rd.nrows == 0) {
		qr_diag(lo->q, QD_TABLE, table->file, table->line, 0,
		    "table has no rows");
		rc = 0;
		goto out;
	}

	/* the grid: placed per part so row spans end with their part,
	 * then combined into one grid for borders */
	{
		int nc = ncols_spec > 0 ? ncols_spec : 1;
		qr_tcell_in *comb = malloc(sizeof *comb * (rd.ncin + 1));
		if (!comb)
			goto oom;
		size_t ncomb = 0, i0 = 0;
		for (int p = 0; p < npart; p++) {
			int r0 = -1, r1 = -1;
			for (int r = 0; r < rd.nrows; r++)
				if (rd.rows[r].part_index == p) {
					if (r0 < 0)
						r0 = r;
					r1 = r + 1;
				}
			if (r0 < 0)
				continue;
			size_t i1 = i0;
			while (i1 < rd.ncin && rd.cin[i1].row < r1)
				i1++;
			qr_tcell_in *loc = malloc(sizeof *loc * (i1 - i0 + 1));
			if (!loc) {
				free(comb);
				goto oom;
			}
			for (size_t i = i0; i < i1; i++) {
				loc[i - i0] = rd.cin[i];
				loc[i - i0].row -= r0;
			}
			qr_tgrid pg;
			if (qr_tgrid_build(&pg, loc, i1 - i0, r1 - r0, nc) < 0) {
				free(loc);
				free(comb);
				goto oom;
			}
			if (pg.moved)
				qr_diag(lo->q, QD_TABLE, table->file,
				    parts[p]->line, 0, "%d cell(s) overlap "
				    "another cell and were moved", pg.moved);
			if (pg.clipped_rows)
				qr_diag(lo->q, QD_TABLE, table->file,
				    parts[p]->line, 0, "number-rows-spanned "
				    "reaches past the end of its %s",
				    qr_fo_type_name(parts[p]->type));
			if (pg.ncols > nc && ncols_spec > 0)
				qr_diag(lo->q, QD_TABLE, table->file,
				    parts[p]->line, 0, "cells reach column %d "
				    "but the table defines %d column(s)",
				    pg.ncols, ncols_spec);
			if (pg.ncols > nc)
				nc = pg.ncols;
			for (size_t i = 0; i < pg.ncells; i++) {
				qr_tcell_in *c = &comb[ncomb++];
				c->row = pg.cells[i].row + r0;
				c->column_number = pg.cells[i].col + 1;
				c->colspan = pg.cells[i].colspan;
				c->rowspan = pg.cells[i].rowspan;
				c->user = pg.cells[i].user;
				c->line = pg.cells[i].line;
			}
			qr_tgrid_free(&pg);
			free(loc);
			i0 = i1;
		}
		if (qr_tgrid_build(&grid, comb, ncomb, rd.nrows, nc) < 0) {
			free(comb);
			goto oom;
		}
		free(comb);
	}
	t->ncols = grid.ncols;
	t->nrows = rd.nrows;
	t->rows = qr_arena_alloc(lo->arena, sizeof *t->rows * (size_t)rd.nrows);
	t->colx = qr_arena_alloc(lo->arena, sizeof *t->colx *
	    ((size_t)t->ncols + 1));
	t->colfo = qr_arena_alloc(lo->arena, sizeof *t->colfo *
	    ((size_t)t->ncols + 1));
	if (!t->colfo)
		goto oom;
	{
		int ci = 0;
		for (const qr_fo *c = qr_fo_child(table, FO_TABLE_COLUMN); c;
		    c = qr_fo_next_of(c, FO_TABLE_COLUMN)) {
			int f = c->obj->column_number > 0 ?
			    c->obj->column_number - 1 : ci;
			int rep = c->obj->number_columns_repeated > 0 ?
			    c->obj->number_columns_repeated : 1;
			for (int k = 0; k < rep && f + k < t->ncols; k++) {
				t->colfo[f + k] = c;
				if (c->box->has_background)
					t->col_bg = 1;
			}
			ci = f + rep;
		}
	}
	/* every slot gets a cell: holes become empty cells so the grid is
	 * drawn and the stepping sees every column */
	size_t nholes = 0;
	for (int i = 0; i < grid.nrows * grid.ncols; i++)
		if (grid.slot[i] < 0)
			nholes++;
	t->cells = qr_arena_alloc(lo->arena, sizeof *t->cells *
	    (grid.ncells + nholes + 1));
	if (!t->rows || !t->colx || !t->cells)
		goto oom;
	memcpy(t->rows, rd.rows, sizeof *t->rows * (size_t)rd.nrows);
	{
		/* cells in row order of their first row (document order
		 * within a row), holes appended at their row */
		size_t n = 0, gi = 0;
		/* grid.cells are in row order (parts in order, document
		 * order within each) */
		for (int r = 0; r < grid.nrows; r++) {
			for (; gi < grid.ncells && grid.cells[gi].row == r;
			    gi++) {
				t->cells[n].fo = grid.cells[gi].user;
				t->cells[n].pos = grid.cells[gi];
				n++;
			}
			for (int c = 0; c < grid.ncols; c++)
				if (grid.slot[r * grid.ncols + c] < 0) {
					t->cells[n].fo = NULL;
					t->cells[n].pos.row = r;
					t->cells[n].pos.col = c;
					t->cells[n].pos.rowspan = 1;
					t->cells[n].pos.colspan = 1;
					n++;
				}
		}
		t->ncells = n;
		for (size_t i = 0; i < n; i++) {
			S_cell *c = &t->cells[i];
			c->brk_kept[0] = (unsigned char)S_brk_kept(t, c,
			    QR_TOP);
			c->brk_kept[1] = (unsigned char)S_brk_kept(t, c,
			    QR_BOTTOM);
		}
		/* rebuild the slot map to index t->cells */
		for (size_t i = 0; i < n; i++) {
			const qr_tcell_pos *p = &t->cells[i].pos;
			for (int r = p->row; r < p->row + p->rowspan; r++)
				for (int c = p->col; c < p->col + p->colspan;
				    c++)
					grid.slot[r * grid.ncols + c] = (int)i;
		}
	}

	/* borders */
	if (t->collapse) {
		cellb = calloc(t->ncells + 1, sizeof *cellb);
		rowb = calloc((size_t)t->nrows + 1, sizeof *rowb);
		partb = calloc((size_t)npart + 1, sizeof *partb);
		colb = calloc((size_t)t->ncols + 1, sizeof *colb);
		row_part = calloc((size_t)t->nrows + 1, sizeof *row_part);
		if (!cellb || !rowb || !partb || !colb || !row_part)
			goto oom;
		for (size_t i = 0; i < t->ncells; i++)
			for (int s = 0; s < 4; s++)
				cellb[i][s] = S_border(t->cells[i].fo, s,
				    QR_BSRC_CELL);
		for (int r = 0; r < t->nrows; r++) {
			for (int s = 0; s < 4; s++)
				rowb[r][s] = S_border(t->rows[r].fo, s,
				    QR_BSRC_ROW);
			row_part[r] = t->rows[r].part_index;
		}
		for (int p = 0; p < npart; p++)
			for (int s = 0; s < 4; s++)
				partb[p][s] = S_border(parts[p], s,
				    QR_BSRC_BODY);
		{
			int ci = 0;
			for (const qr_fo *c = qr_fo_child(table,
			    FO_TABLE_COLUMN); c;
			    c = qr_fo_next_of(c, FO_TABLE_COLUMN)) {
				int f = c->obj->column_number > 0 ?
				    c->obj->column_number - 1 : ci;
				int rep = c->obj->number_columns_repeated > 0 ?
				    c->obj->number_columns_repeated : 1;
				for (int k = 0; k < rep && f + k < t->ncols;
				    k++)
					for (int s = 0; s < 4; s++)
						colb[f + k][s] = S_border(c, s,
						    QR_BSRC_COLUMN);
				ci = f + rep;
			}
		}
		qr_tborder tb[4];
		for (int s = 0; s < 4; s++)
			tb[s] = S_border(table, s, QR_BSRC_TABLE);
		/* the grid now indexes t->cells */
		qr_tgrid g2 = grid;
		qr_tcell_pos *pos = malloc(sizeof *pos * (t->ncells + 1));
		if (!pos)
			goto oom;
		for (size_t i = 0; i < t->ncells; i++)
			pos[i] = t->cells[i].pos;
		g2.cells = pos;
		g2.ncells = t->ncells;
		qr_tcollapse_in ci = { &g2, (const qr_tborder (*)[4])cellb,
			(const qr_tborder (*)[4])rowb, row_part,
			(const qr_tborder (*)[4])partb,
			(const qr_tborder (*)[4])colb, tb };
		int cr = qr_table_collapse(&ci, &t->coll);
		free(pos);
		if (cr < 0)
			goto oom;
		/* what the collapsed segments cost must be able to live
		 * beyond this function: copy into the arena */
		size_t nh = (size_t)(t->nrows + 1) * (size_t)t->ncols;
		size_t nv = (size_t)t->nrows * (size_t)(t->ncols + 1);
		qr_tborder *h = qr_arena_alloc(lo->arena, sizeof *h * (nh + 1));
		qr_tborder *v = qr_arena_alloc(lo->arena, sizeof *v * (nv + 1));
		if (!h || !v) {
			qr_tcollapsed_free(&t->coll);
			goto oom;
		}
		memcpy(h, t->coll.h, sizeof *h * nh);
		memcpy(v, t->coll.v, sizeof *v * nv);
		qr_tcollapsed_free(&t->coll);
		t->coll.h = h;
		t->coll.v = v;
		t->coll.nrows = t->nrows;
		t->coll.ncols = t->ncols;
	}

	t->body_row0 = head_rows1;
	t->body_row1 = foot_rows0;
columns:
	/* columns: the space inside the table's borders (separate) or
	 * inside half its outer grid lines (collapsed) */
	{
		double left = 0, right = 0;
		if (t->collapse) {
			/* Collapsed: the grid's outer lines lie on the table's
			 * edges and half of their borders outside it, as in
			 * FOP (column widths then match FOP's exactly). */
		} else {
			left = table->box->border[QR_LEFT].width +
			    S_len(table->box->padding[QR_LEFT].len, tw);
			right = table->box->border[QR_RIGHT].width +
			    S_len(table->box->padding[QR_RIGHT].len, tw);
		}
		t->cx = left;
		double cols = tw;
		if (!t->collapse) {
			/* Separate: the start- and end-indent edges bound the
			 * content rectangle (XSL 5.3.2), and width is its
			 * width (7.15.14); the border and padding lie outside
			 * it, in the parent's margin when no margin is given
			 * (a margin's indent includes them), as in FOP. */
			t->x = si - left;
			t->w = tw + left + right;
		}
		if (cols < 1)
			cols = 1;
		S_column_widths(t, table, &rd, cols);
		/* a table with only absolute columns may be narrower */
		double colw = t->colx[t->ncols] + left + right;
		if (table->box->ipd.opt.kind != QR_SIZE_LEN && colw < t->w)
			t->w = colw;
	}

	if (rs && (rs->group > t->nrows || (rs->inside &&
	    rs->cell0 + rs->ncells > t->ncells))) {
		qr_diag(lo->q, QD_TABLE, table->file, table->line, 0,
		    "internal error: a table going on at another width does "
		    "not match its first part");
		goto out;
	}
	/* cell geometry (the content as groups are emitted, S_group_ready);
	 * going on, not for the body's rows laid out before */
	int rrow0 = !rs ? 0 : rs->cell0 < t->ncells ?
	    t->cells[rs->cell0].pos.row : t->body_row1;
	/* rows before rrow0 laid out before: the body's, and the header's
	 * when it is not repeated (laid out like the body) */
	int rrowa = rs && rs->base && rs->base->omit_head ? 0 : t->body_row0;
	for (size_t i = 0; i < t->ncells; i++) {
		S_cell *c = &t->cells[i];
		if (c->pos.row >= rrowa && c->pos.row < rrow0)
			continue;
		c->hidden = 0;
		c->cont = 0;
		int c0 = c->pos.col, c1 = c->pos.col + c->pos.colspan;
		c->x = t->colx[c0] + t->sep_h / 2;
		c->w = t->colx[c1] - t->colx[c0] - t->sep_h;
		if (c->w < 1)
			c->w = 1;
		for (int s = 0; s < 4; s++) {
			double pad = c->fo ? S_len(c->fo->box->padding[s].len,
			    c->w) : 0;
			double bw;
			if (t->collapse)
				bw = qr_tcollapsed_cell_side(&t->coll, &c->pos,
				    s) / 2;
			else
				bw = c->fo ? qr_tborder_width(S_border(c->fo, s,
				    QR_BSRC_CELL)) : 0;
			c->inset[s] = bw + pad;
			c->bw[s] = bw;
		}
		if (!t->collapse) {
			/* vertical separation: half above, half below */
			c->inset[QR_SIDE_BEFORE] += t->sep_v / 2;
			c->inset[QR_SIDE_AFTER] += t->sep_v / 2;
		}
		c->display_align = c->fo ? c->fo->inh->display_align : 0;
		if (!t->collapse && c->fo) {
			/* empty-cells is inherited: the cell's or an
			 * ancestor's up to the table */
			for (const qr_fo *a = c->fo; a; a = a->parent) {
				if (a->obj->empty_cells_hide)
					c->hidden = 1;
				if (a == table)
					break;
			}
		}
		c->min_h = c->fo ? S_min_height(c->fo) : 0;
		if (c->min_h > 0 && !t->collapse)
			c->min_h += t->sep_v;
	}
	for (int r = 0; r < t->nrows; r++) {
		if (r >= rrowa && r < rrow0)
			continue;
		t->rows[r].min_h = S_min_height(t->rows[r].fo);
		/* separate model: a row's height is its cells' border
		 * boxes; the separation comes on top (as FOP does) */
		if (!t->collapse && t->rows[r].min_h > 0)
			t->rows[r].min_h += t->sep_v;
	}
	if (rs && rs->inside)
		t->rows[t->cells[rs->cell0].pos.row].min_h = rs->row_min;

	/* groups: rows tied by row spans, never across parts (going on:
	 * those laid out before) */
	if (!(rs && rs->base)) {
		t->groups = qr_arena_alloc(lo->arena, sizeof *t->groups *
		    ((size_t)t->nrows + 1));
		if (!t->groups)
			goto oom;
	}
	if (!(rs && rs->base)) {
		size_t ci = 0;
		int r = 0;
		while (r < t->nrows) {
			int end = r + 1;
			size_t c0 = ci;
			/* extend while a cell starting in the group spans on */
			while (ci < t->ncells && t->cells[ci].pos.row < end) {
				int e = t->cells[ci].pos.row +
				    t->cells[ci].pos.rowspan;
				if (e > end)
					end = e;
				ci++;
			}
			S_group *g = &t->groups[t->ngroups];
			g->row0 = r;
			g->nrows = end - r;
			g->cell0 = c0;
			g->ncells = ci - c0;
			g->part_index = t->rows[r].part_index;
			for (int k = r; k < end; k++)
				t->rows[k].group = t->ngroups;
			/* the header and footer now, the body's groups as
			 * they are emitted */
			if ((r < head_rows1 || r >= foot_rows0) &&
			    S_group_ready(t, g) < 0)
				goto out;
			t->ngroups++;
			r = end;
		}
	}
	if (rs && rs->base) {
		for (int gi = 0; gi < t->ngroups; gi++) {
			int r = t->groups[gi].row0;
			/* (one not repeated is laid out like the body, as
			 * its groups are emitted) */
			if ((r >= head_rows1 && r < foot_rows0) ||
			    (r < head_rows1 && rs->base->omit_head) ||
			    (r >= foot_rows0 && rs->base->omit_foot))
				continue;
			if (S_group_ready(t, &t->groups[gi]) < 0)
				goto out;
			if (r < head_rows1)
				t->head_h += t->groups[gi].h;
			else
				t->foot_h += t->groups[gi].h;
		}
	} else {
		t->head_g0 = t->head_gn = t->foot_g0 = t->foot_gn = 0;
		for (int gi = 0; gi < t->ngroups; gi++) {
			int r = t->groups[gi].row0;
			if (r < head_rows1) {
				t->head_gn++;
				t->head_h += t->groups[gi].h;
			}
			if (r >= foot_rows0 && r < foot_rows1) {
				if (!t->foot_gn)
					t->foot_g0 = gi;
				t->foot_gn++;
				t->foot_h += t->groups[gi].h;
			}
		}
	}
	(void)head_rows0;

	/* the header and footer painters: whole groups */
	S_part_paint *hp = NULL, *fp = NULL;
	for (int which = 0; which < 2; which++) {
		int g0 = which ? t->foot_g0 : t->head_g0;
		int gn = which ? t->foot_gn : t->head_gn;
		if (!gn)
			continue;
		S_part_paint *pp = qr_arena_alloc(lo->arena, sizeof *pp);
		S_slice *sl = qr_arena_alloc(lo->arena, sizeof *sl * (size_t)gn);
		if (!pp || !sl)
			goto oom;
		for (int i = 0; i < gn; i++) {
			S_group *g = &t->groups[g0 + i];
			S_slice *s = &sl[i];
			s->t = t;
			s->group = g0 + i;
			s->y0 = 0;
			s->y1 = g->h;
			s->first = s->last = 1;
			s->from = qr_arena_alloc(lo->arena, sizeof *s->from *
			    (g->ncells + 1));
			s->to = qr_arena_alloc(lo->arena, sizeof *s->to *
			    (g->ncells + 1));
			if (!s->from || !s->to)
				goto oom;
			for (size_t k = 0; k < g->ncells; k++) {
				s->from[k] = 0;
				s->to[k] = t->cells[g->cell0 + k].list.n;
			}
		}
		pp->t = t;
		pp->slices = sl;
		pp->n = gn;
		pp->is_footer = which;
		if (which)
			fp = pp;
		else
			hp = pp;
	}

	/* going on at another width: the page builder holds the table
	 * open; the same one takes the new header and footer */
	qr_vtable *vt = rs ? rs->vt : qr_arena_alloc(lo->arena, sizeof *vt);
	if (!vt)
		goto oom;
	memset(vt, 0, sizeof *vt);
	t->vt = vt;
	vt->fo = table;
	vt->x = t->x;
	vt->w = t->w;
	vt->omit_header_at_break = table->obj->table_omit_header_at_break;
	vt->omit_footer_at_break = table->obj->table_omit_footer_at_break;
	if (rs && rs->base) {
		/* as decided when the table started, unless at this width
		 * the header and footer repeated take half the page */
		vt->omit_header_at_break = rs->base->omit_head;
		vt->omit_footer_at_break = rs->base->omit_foot;
	}
	{
		/* A header and footer that would fill half the page or more
		 * are not repeated: repeating them would leave no room for
		 * the rows (and push them off the page). */
		double body = S_page_body_height(table);
		double rep_h = (vt->omit_header_at_break ? 0 : t->head_h) +
		    (vt->omit_footer_at_break ? 0 : t->foot_h);
		if (body > 0 && rep_h > body / 2) {
			qr_diag(lo->q, QD_TABLE, table->file, table->line, 0,
			    "table header and footer (%.1fpt) take more than "
			    "half the page body (%.1fpt): not repeated at "
			    "page breaks", rep_h, body);
			vt->omit_header_at_break = 1;
			vt->omit_footer_at_break = 1;
		}
	}
	/* the footnotes a repeated header or footer cites again (one not
	 * repeated is sliced like the body, whose slices cite its notes
	 * once, where it is set) */
	for (int which = 0; which < 2; which++) {
		const S_part_paint *pp = which ? fp : hp;
		if (!pp || (which ? vt->omit_footer_at_break :
		    vt->omit_header_at_break))
			continue;
		size_t nn = 0;
		const qr_fo **notes = NULL;
		for (int pass = 0; pass < 2; pass++) {
			nn = 0;
			for (int i = 0; i < pp->n; i++) {
				const S_group *g = &t->groups[pp->slices[i].group];
				for (size_t k = 0; k < g->ncells; k++) {
					const S_cell *c = &t->cells[g->cell0 + k];
					for (size_t j = 0; j < c->list.n; j++) {
						const qr_vitem *it = &c->list.v[j];
						if (it->kind != QR_V_MARK ||
						    it->sub != QR_MARK_FOOTNOTE)
							continue;
						if (notes)
							notes[nn] = it->data;
						nn++;
					}
				}
			}
			if (!nn || notes)
				break;
			notes = qr_arena_alloc(lo->arena, sizeof *notes * nn);
			if (!notes)
				goto oom;
		}
		if (which) {
			vt->footer_notes = notes;
			vt->n_footer_notes = nn;
		} else {
			vt->header_notes = notes;
			vt->n_header_notes = nn;
		}
	}
	/* A header or footer that is not repeated is laid out like the
	 * body, in slices that may break (a header taller than a page
	 * then no longer overflows). */
	t->omit_head = vt->omit_header_at_break;
	t->omit_foot = vt->omit_footer_at_break;
	int head_sliced = hp && vt->omit_header_at_break;
	int foot_sliced = fp && vt->omit_footer_at_break;
	if (hp && !head_sliced) {
		vt->header_h = t->head_h;
		vt->header_paint = S_paint_part;
		vt->header_data = hp;
	}
	/* The footer painter also closes cells broken at the page foot, so
	 * it is there even without a repeated table-footer: then its height
	 * is what the closing line needs below the fragment (the page
	 * builder only calls a footer painter with a height). */
	{
		S_part_paint *cp = foot_sliced ? NULL : fp;
		if (!cp) {
			cp = qr_arena_alloc(lo->arena, sizeof *cp);
			if (!cp)
				goto oom;
			cp->t = t;
			cp->is_footer = 1;
			/* the closing borders lie above the break, or (a
			 * collapsed one) centred on it, its lower half below
			 * the fragment as FOP draws it */
			vt->footer_h = 0.01;
			vt->omit_footer_at_break = 0;
		} else {
			vt->footer_h = t->foot_h;
		}
		vt->footer_paint = S_paint_footer;
		vt->footer_data = cp;
	}

	/* The room a group has on a fresh page: the body of the pages
	 * after the first (the smaller of an even and an odd one) less the
	 * header and footer repeated there. */
	{
		const qr_fo *seq = table;
		while (seq && seq->type != FO_PAGE_SEQUENCE)
			seq = seq->parent;
		double room = 0;
		for (int i = 1; seq && i <= 2; i++) {
			const qr_fo *spm = qr_fo_select_master(seq, i, 0, 0,
			    i == 2, 0);
			double h = spm ? qr_fo_body_rect(spm).h : 0;
			if (h > 0 && (room == 0 || h < room))
				room = h;
		}
		if (room > 0) {
			room -= vt->footer_h;
			if (!vt->omit_header_at_break)
				room -= vt->header_h;
		}
		t->fresh_room = room > 0 ? room : 0;
	}
	/* A row asked to be taller than a page is split across pages in
	 * its empty part (no text lost), with a warning: FOP lets it run
	 * off the page. One taller than the page limit allows is an error
	 * (it would be cut into steps by the million first). Going on, it
	 * was said when the table started. */
	double most = (double)lo->q->limits.max_pages *
	    (t->fresh_room > 0 ? t->fresh_room : S_MAX_PAGE_PT);
	for (int r = 0; !rs && r < t->nrows; r++) {
		const qr_fo *rf = t->rows[r].fo;
		if (rf && lo->q->limits.max_pages > 0 &&
		    t->rows[r].min_h > most) {
			qr_diag(lo->q, QD_LIMIT, rf->file, rf->line, 0,
			    "table row height %.1fpt needs more than %d pages "
			    "(limit); give the row a smaller height",
			    t->rows[r].min_h, lo->q->limits.max_pages);
			goto out;
		}
		if (rf && t->fresh_room > 0 &&
		    t->rows[r].min_h > t->fresh_room + 1e-6)
			qr_diag(lo->q, QD_TABLE, rf->file, rf->line, 0,
			    "table row height %.1fpt is more than a page body "
			    "holds (%.1fpt): the row is split across pages",
			    t->rows[r].min_h, t->fresh_room);
	}
	for (size_t i = 0; !rs && i < t->ncells; i++) {
		const S_cell *c = &t->cells[i];
		if (c->fo && lo->q->limits.max_pages > 0 && c->min_h > most) {
			qr_diag(lo->q, QD_LIMIT, c->fo->file, c->fo->line, 0,
			    "table cell height %.1fpt needs more than %d pages "
			    "(limit); give the cell a smaller height",
			    c->min_h, lo->q->limits.max_pages);
			goto out;
		}
		if (c->fo && t->fresh_room > 0 &&
		    c->min_h > t->fresh_room + 1e-6)
			qr_diag(lo->q, QD_TABLE, c->fo->file, c->fo->line, 0,
			    "table cell height %.1fpt is more than a page body "
			    "holds (%.1fpt): the cell is split across pages",
			    c->min_h, t->fresh_room);
	}

	/* the table's own decoration: background always, borders and
	 * padding in the separate model (collapsed ones are in the grid) */
	qr_vblock *vb = NULL;
	qr_fo_break end_break = QR_BREAK_AUTO;
	/* A break-before on the first body row breaks before the whole
	 * table, with its header (as FOP does). */
	if (!rs && t->head_gn < t->ngroups && !(t->foot_gn &&
	    t->head_gn >= t->foot_g0)) {
		if (S_group_ready(t, &t->groups[t->head_gn]) < 0)
			goto out;
		const S_group *g0 = &t->groups[t->head_gn];
		const qr_fo *rf = t->rows[g0->row0].fo;
		qr_fo_break bb = rf ? rf->box->break_before : QR_BREAK_AUTO;
		/* cells starting on a later row of the group break inside
		 * it (S_inner_force) */
		for (size_t k = 0; k < g0->ncells && bb == QR_BREAK_AUTO; k++) {
			const S_cell *c = &t->cells[g0->cell0 + k];
			if (c->force_before && c->pos.row == g0->row0)
				bb = c->force_before - 1 == QR_VBRK_ODD ?
				    QR_BREAK_ODD_PAGE : c->force_before - 1 ==
				    QR_VBRK_EVEN ? QR_BREAK_EVEN_PAGE :
				    QR_BREAK_PAGE;
		}
		if (bb != QR_BREAK_AUTO) {
			if (qr_vlist_penalty(lo, out, QR_PEN_FORCE,
			    bb == QR_BREAK_ODD_PAGE ? QR_VBRK_ODD :
			    bb == QR_BREAK_EVEN_PAGE ? QR_VBRK_EVEN :
			    QR_VBRK_PAGE) < 0)
				goto out;
		}
	}
	if (table->box->has_background || !t->collapse) {
		/* going on: the page builder holds it open */
		vb = rs && rs->vb ? rs->vb : qr_arena_alloc(lo->arena,
		    sizeof *vb);
		if (!vb)
			goto oom;
		memset(vb, 0, sizeof *vb);
		t->vb = vb;
		vb->fo = table;
		vb->x = t->x;
		vb->w = t->w;
		vb->has_background = table->box->has_background;
		vb->background = table->box->background_color;
		if (!t->collapse)
			for (int s = 0; s < 4; s++) {
				vb->border[s] = table->box->border[s].style ==
				    QR_BORDER_NONE ? 0 :
				    table->box->border[s].width;
				vb->border_style[s] = table->box->border[s].style;
				vb->border_color[s] = table->box->border[s].color;
				vb->padding[s] = S_len(table->box->padding[s].len,
				    tw);
			}
		if (!t->collapse) {
			/* The table's own border and padding before/after
			 * with .conditionality="retain" come back at each
			 * break (the page builder reserves them). qr_vblock
			 * has one flag per side: either retained keeps
			 * both. */
			const qr_fo_box *b = table->box;
			vb->retain_before = (b->border[QR_TOP].retain &&
			    vb->border[QR_TOP] > 0) ||
			    (b->padding[QR_TOP].retain &&
			    vb->padding[QR_TOP] > 0);
			vb->retain_after = (b->border[QR_BOTTOM].retain &&
			    vb->border[QR_BOTTOM] > 0) ||
			    (b->padding[QR_BOTTOM].retain &&
			    vb->padding[QR_BOTTOM] > 0);
		}
		if (!rs && qr_vlist_mark(lo, out, QR_MARK_BLOCK_OPEN, vb) < 0)
			goto out;
	}
	if (!rs && vb && !t->collapse && vb->border[QR_TOP] +
	    vb->padding[QR_TOP] > 0 && qr_vlist_box(lo, out,
	    vb->border[QR_TOP] + vb->padding[QR_TOP], t->x, t->w, NULL,
	    NULL) < 0)
		goto out;
	if (!rs && qr_vlist_mark(lo, out, QR_MARK_TABLE_OPEN, vt) < 0)
		goto out;
	/* the first group laid out (going on: the first not placed) */
	int first_g = rs ? rs->group : 0;
	for (int i = 0; head_sliced && i < hp->n; i++)
		if (t->head_g0 + i >= first_g && (S_group_ready(t,
		    &t->groups[t->head_g0 + i]) < 0 || S_emit_group(t, out,
		    t->head_g0 + i, S_kv(table->inh->keep_together)) < 0))
			goto out;
	if (hp && !head_sliced && !rs) {
		for (int i = 0; i < hp->n; i++) {
			const S_group *g = &t->groups[t->head_g0 + i];
			for (size_t k = 0; k < g->ncells; k++) {
				const S_cell *c = &t->cells[g->cell0 + k];
				if (c->fo && c->fo->id && qr_vlist_mark(lo, out,
				    QR_MARK_ID, c->fo->id) < 0)
					goto out;
				if (qr_vlist_hoist_marks(lo, out, &c->list, 0,
				    c->list.n) < 0)
					goto out;
			}
		}
		if (qr_vlist_box(lo, out, t->head_h, t->x, t->w, S_paint_part,
		    hp) < 0)
			goto out;
	}
	/* The footer's id: on the table's first page, where the footer
	 * first shows (at the foot of the first fragment, or after the
	 * last row when the table does not break); a footer that does not
	 * repeat shows only at the end. */
	const qr_fo *foot_fo = fp ? t->rows[t->groups[t->foot_g0].row0].part :
	    NULL;
	if (!rs && foot_fo && foot_fo->id && !foot_sliced &&
	    qr_vlist_mark(lo, out, QR_MARK_ID, foot_fo->id) < 0)
		goto out;
	/* body groups */
	if (!rs && budget <= 0)
		S_par_start(t);
	{
		int table_keep = S_kv(table->inh->keep_together);
		/* after a budget's stop, the break before the group comes
		 * as between any two */
		int prev_kwn = rs ? rs->prev_kwn : 0;
		int first_body = !(rs && rs->at_stop), last_body = -1;
		end_break = QR_BREAK_AUTO;
		for (int gi = t->head_gn; gi < t->ngroups; gi++)
			if (!(t->foot_gn && gi >= t->foot_g0))
				last_body = gi;
		for (int gi = t->head_gn; gi < t->ngroups; gi++) {
			if (t->foot_gn && gi >= t->foot_g0 &&
			    gi < t->foot_g0 + t->foot_gn)
				continue;
			if (gi < first_g)
				continue;
			S_group *g = &t->groups[gi];
			if (S_group_ready(t, g) < 0)
				goto out;
			int kwp = 0, kwn = 0;
			qr_fo_break bb = QR_BREAK_AUTO, ba = QR_BREAK_AUTO;
			for (int r = g->row0; r < g->row0 + g->nrows; r++) {
				const qr_fo *rf = t->rows[r].fo;
				if (!rf)
					continue;
				if (r == g->row0) {
					kwp = S_kv(rf->box->keep_with_previous);
					bb = rf->box->break_before;
				}
				if (r == g->row0 + g->nrows - 1) {
					kwn = S_kv(rf->box->keep_with_next);
					ba = rf->box->break_after;
				}
			}
			for (size_t k = 0; k < g->ncells; k++) {
				const S_cell *c = &t->cells[g->cell0 + k];
				if (c->fo && c->pos.row == g->row0)
					kwp = S_max_keep(kwp,
					    S_edge_keep(c->fo, 0));
				if (c->fo && c->pos.row + c->pos.rowspan ==
				    g->row0 + g->nrows)
					kwn = S_max_keep(kwn,
					    S_edge_keep(c->fo, 1));
				/* forced breaks of cells starting (ending)
				 * inside the group break there (S_inner_force) */
				if (c->force_before && bb == QR_BREAK_AUTO &&
				    c->pos.row == g->row0)
					bb = c->force_before - 1 == QR_VBRK_ODD ?
					    QR_BREAK_ODD_PAGE : c->force_before -
					    1 == QR_VBRK_EVEN ? QR_BREAK_EVEN_PAGE :
					    QR_BREAK_PAGE;
				if (c->force_after && ba == QR_BREAK_AUTO &&
				    c->pos.row + c->pos.rowspan ==
				    g->row0 + g->nrows)
					ba = c->force_after - 1 == QR_VBRK_ODD ?
					    QR_BREAK_ODD_PAGE : c->force_after -
					    1 == QR_VBRK_EVEN ? QR_BREAK_EVEN_PAGE :
					    QR_BREAK_PAGE;
			}
			if (!first_body) {
				int brk = bb == QR_BREAK_ODD_PAGE ? QR_VBRK_ODD :
				    bb == QR_BREAK_EVEN_PAGE ? QR_VBRK_EVEN :
				    QR_VBRK_PAGE;
				int pen;
				if (bb != QR_BREAK_AUTO)
					pen = QR_PEN_FORCE;
				else
					pen = qr_layout_keep_penalty(S_max_keep(
					    S_max_keep(prev_kwn, kwp), table_keep));
				if (qr_vlist_penalty(lo, out, pen, brk) < 0)
					goto out;
			}
			/* the id of a later table-body where its first row
			 * goes (the walker marks the first body's) */
			const qr_fo *part = t->rows[g->row0].part;
			if ((!first_body || (rs && !rs->inside)) &&
			    gi > t->head_gn && part && part->id && part !=
			    t->rows[t->groups[gi - 1].row0].part &&
			    qr_vlist_mark(lo, out, QR_MARK_ID, part->id) < 0)
				goto out;
			if (S_emit_group(t, out, gi, table_keep) < 0)
				goto out;
			prev_kwn = kwn;
			first_body = 0;
			/* going on at another width: a repeated header above
			 * the first slice leaves its last line to it */
			if (rs && !rs->at_stop && !t->ps->first)
				t->ps->first = g->slice0;
			if (ba != QR_BREAK_AUTO && gi == last_body)
				end_break = ba;
			if (ba != QR_BREAK_AUTO && gi < last_body) {
				int brk = ba == QR_BREAK_ODD_PAGE ? QR_VBRK_ODD :
				    ba == QR_BREAK_EVEN_PAGE ? QR_VBRK_EVEN :
				    QR_VBRK_PAGE;
				/* the next penalty between groups must not
				 * undo it: emit the forced one now */
				if (qr_vlist_penalty(lo, out, QR_PEN_FORCE,
				    brk) < 0)
					goto out;
			}
			*used += g->h;
			if (stop && budget > 0 && *used >= budget &&
			    gi < last_body) {
				/* the budget is spent: the next step goes on
				 * from the next group (the table stays open) */
				qr_tresume *srs = qr_arena_alloc(lo->arena,
				    sizeof *srs);
				if (!srs)
					goto oom;
				srs->table = table;
				srs->vt = vt;
				srs->vb = t->vb;
				srs->group = gi + 1;
				srs->cell0 = t->groups[gi + 1].cell0;
				srs->at_stop = 1;
				srs->prev_kwn = kwn;
				srs->ps = t->ps;
				srs->mn = t->mn;
				srs->base = t;
				srs->width = width;
				srs->indent_start = indent_start;
				srs->indent_end = indent_end;
				srs->start_indent = start_indent;
				srs->end_indent = end_indent;
				srs->keep_width = rs && rs->keep_width;
				srs->mx = t->mx;
				*stop = srs;
				rc = 0;
				goto out;
			}
		}
	}
	/* The footer's last appearance comes after the close mark: no break
	 * can fall between it and the last row, and the page builder then
	 * does not reserve the repeated footer's room on top of it. */
	/* a footer that is not repeated: breakable slices, still inside
	 * the table (a break there repeats the header and closes the
	 * cells) */
	if (foot_fo && foot_fo->id && foot_sliced &&
	    qr_vlist_mark(lo, out, QR_MARK_ID, foot_fo->id) < 0)
		goto out;
	for (int i = 0; foot_sliced && i < fp->n; i++)
		if (t->foot_g0 + i >= first_g && (S_group_ready(t,
		    &t->groups[t->foot_g0 + i]) < 0 || S_emit_group(t, out,
		    t->foot_g0 + i, S_kv(table->inh->keep_together)) < 0))
			goto out;
	if (qr_vlist_mark(lo, out, QR_MARK_TABLE_CLOSE, vt) < 0)
		goto out;
	if (fp && !foot_sliced) {
		for (int i = 0; i < fp->n; i++) {
			const S_group *g = &t->groups[t->foot_g0 + i];
			for (size_t k = 0; k < g->ncells; k++) {
				const S_cell *c = &t->cells[g->cell0 + k];
				if (c->fo && c->fo->id && qr_vlist_mark(lo, out,
				    QR_MARK_ID, c->fo->id) < 0)
					goto out;
				if (qr_vlist_hoist_marks(lo, out, &c->list, 0,
				    c->list.n) < 0)
					goto out;
			}
		}
		if (qr_vlist_box(lo, out, t->foot_h, t->x, t->w, S_paint_part,
		    fp) < 0)
			goto out;
	}
	if (vb && !t->collapse && vb->border[QR_BOTTOM] +
	    vb->padding[QR_BOTTOM] > 0 && qr_vlist_box(lo, out,
	    vb->border[QR_BOTTOM] + vb->padding[QR_BOTTOM], t->x, t->w, NULL,
	    NULL) < 0)
		goto out;
	if (vb && qr_vlist_mark(lo, out, QR_MARK_BLOCK_CLOSE, vb) < 0)
		goto out;
	/* A break-after on the last row breaks after the table (FOP). */
	if (end_break != QR_BREAK_AUTO && qr_vlist_penalty(lo, out,
	    QR_PEN_FORCE, end_break == QR_BREAK_ODD_PAGE ? QR_VBRK_ODD :
	    end_break == QR_BREAK_EVEN_PAGE ? QR_VBRK_EVEN : QR_VBRK_PAGE) < 0)
		goto out;
	rc = 0;
	goto out;
oom:
	qr_diag(lo->q, QD_NOMEM, table->file, table->line, 0, "out of memory");
	rc = -1;
out:
	S_par_end(t);
	free(parts);
	free(cellb);
	free(rowb);
	free(partb);
	free(colb);
	free(row_part);
	qr_tgrid_free(&grid);
	S_reader_free(&rd);
	qr_vlist_free(&t->scratch);
	return rc;
}

/* ---- going on at another width ------------------------------------------ */

const qr_tresume *qr_table_resume_at(qr_layout *lo, const qr_vlist *out,
    size_t box, const qr_vtable *vt)
{
	const qr_vitem *it = &out->v[box];
	const S_table *t = NULL;
	const S_slice *s = NULL;
	if (it->kind != QR_V_BOX)
		return NULL;
	if (it->paint == S_paint_slice) {
		s = it->data;
		t = s->t;
	} else if (it->paint == S_paint_part) {
		/* the footer after the last row: only the end is left */
		t = ((const S_part_paint *)it->data)->t;
	}
	if (!t || t->vt != vt)
		return NULL;
	/* the first slice of a table already going on from inside its
	 * group: it goes on from the same point again */
	if (s && s->first && t->rs && t->rs->inside &&
	    s->group == t->rs->group)
		return t->rs;
	qr_tresume *rs = qr_arena_alloc(lo->arena, sizeof *rs);
	if (!rs)
		return NULL;
	rs->table = t->fo;
	rs->vt = t->vt;
	rs->vb = t->vb;
	rs->base = t;
	rs->mn = t->mn;
	rs->mx = t->mx;
	rs->group = s ? s->group : t->ngroups;
	rs->cell0 = s ? t->groups[s->group].cell0 : t->ncells;
	if (!s || s->first)
		return rs;
	const S_group *g = &t->groups[s->group];
	const S_row *r0 = &t->rows[g->row0];
	/* Inside the group's first row only: a break lower down cuts cells
	 * spanning rows whose tops are placed (not done). */
	if (s->y0 <= 1e-6 || s->y0 >= r0->y + r0->h - 1e-6)
		return NULL;
	rs->inside = 1;
	rs->row_min = r0->min_h - s->y0 > 0 ? r0->min_h - s->y0 : 0;
	rs->ncells = g->ncells;
	rs->cell = qr_arena_alloc(lo->arena, sizeof *rs->cell *
	    (g->ncells + 1));
	if (!rs->cell)
		return NULL;
	/* the same group going on again: cells that showed nothing since
	 * keep where they were to go on */
	const qr_tresume *was = t->rs && t->rs->inside &&
	    t->rs->group == s->group ? t->rs : NULL;
	for (size_t k = 0; k < g->ncells; k++) {
		const S_cell *c = &t->cells[g->cell0 + k];
		S_rcell *rc = &rs->cell[k];
		rc->markers = (qr_vblock *)c->markers;
		if (c->pos.row != g->row0)
			continue; /* not begun: all of it */
		rc->cont = 1;
		rc->min_h = c->min_h - s->y0 > 0 ? c->min_h - s->y0 : 0;
		size_t from = s->from[k], j;
		int before = 0;
		for (j = 0; j < from && j < c->list.n && !before; j++)
			before = c->list.v[j].kind == QR_V_BOX;
		for (j = from; j < c->list.n && c->list.v[j].kind != QR_V_BOX;
		    j++)
			;
		if (!before && was) {
			rc->state = was->cell[k].state;
			rc->key = was->cell[k].key;
		} else if (!before) {
			rc->state = S_RC_WHOLE;
		} else if (j >= c->list.n) {
			rc->state = S_RC_DONE;
		} else {
			if (qr_vkey_of(&c->list.v[j], &rc->key) != 0)
				return NULL; /* inside a nested table */
			rc->state = S_RC_FROM;
		}
	}
	return rs;
}

void qr_table_resume_keep_width(const qr_tresume *rs)
{
	if (rs && rs->at_stop)
		((qr_tresume *)rs)->keep_width = 1;
}

const qr_fo *qr_table_resume_fo(const qr_tresume *rs)
{
	return rs ? rs->table : NULL;
}

const qr_vtable *qr_table_resume_vt(const qr_tresume *rs)
{
	return rs ? rs->vt : NULL;
}
