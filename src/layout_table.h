/* layout_table.h: private interface of the table layout: the pure parts
 * (column widths, the cell grid with spans, collapsed border resolution)
 * that layout_table.c builds on, kept apart so unit tests can reach them
 * without an FO tree. Nothing here allocates except qr_tgrid_build(),
 * whose result the caller frees with qr_tgrid_free(). */
#ifndef QR_LAYOUT_TABLE_H
#define QR_LAYOUT_TABLE_H

#include <stddef.h>

#include "area.h"

/* ---- column widths ---------------------------------------------------- */

/* One column's width as specified: abs points + pct percent of the table
 * width + prop units of proportional-column-width(). A column with nothing
 * set (is_set == 0) counts as proportional-column-width(1), as FOP does. */
typedef struct qr_tcol_width {
	double abs;  /* points */
	double pct;  /* percent of the table's column space */
	double prop; /* proportional-column-width() units */
	int is_set;
} qr_tcol_width;

/* One fo:table-column in document order. */
typedef struct qr_tcol_spec {
	int column_number; /* 1-based; 0 when absent (follows the previous) */
	int repeated;      /* number-columns-repeated, >= 1 */
	qr_tcol_width width;
} qr_tcol_spec;

/* Spread the table-column specs over column indices: out[i] receives the
 * width of column i+1 for i < ncols; columns no spec reaches stay unset.
 * Returns the number of columns the specs define (the highest column they
 * reach), which may exceed ncols (the extra ones are then not written). */
int qr_table_columns_place(const qr_tcol_spec *specs, size_t nspecs,
    qr_tcol_width *out, int ncols);

/* Fixed layout: resolve widths for ncols columns sharing avail points.
 * Absolute and percentage parts first; what is left is shared by the
 * proportional units. When the fixed parts exceed avail, proportional
 * columns get 0 and the fixed ones keep their widths (the caller warns
 * when the returned total exceeds avail). Returns the total width. */
double qr_table_widths_fixed(const qr_tcol_width *cols, int ncols,
    double avail, double *out);

/* Auto layout (CSS 2.1 17.5.2.2 approximated): given each column's
 * minimum (longest unbreakable piece) and maximum (no line breaks)
 * content widths and any specified width, choose widths that fit avail.
 * Specified widths are honoured when they fit; other columns share what
 * is left in proportion to their max widths, never below their min
 * (unless even the minima do not fit, then everything scales down).
 * Returns the total width. */
double qr_table_widths_auto(const qr_tcol_width *cols, const double *minw,
    const double *maxw, int ncols, double avail, double *out);

/* ---- the cell grid ----------------------------------------------------- */

/* A cell as read from the FO, before placement. */
typedef struct qr_tcell_in {
	int row;          /* 0-based row index within its part, as read */
	int column_number; /* 1-based explicit column-number, 0 if absent */
	int colspan;      /* number-columns-spanned >= 1 */
	int rowspan;      /* number-rows-spanned >= 1 */
	const void *user; /* the fo:table-cell, opaque here */
	int line;         /* source line for diagnostics */
} qr_tcell_in;

/* A placed cell. */
typedef struct qr_tcell_pos {
	int row, col;         /* 0-based top-left slot */
	int rowspan, colspan; /* clipped to the grid */
	const void *user;
	int line;
} qr_tcell_pos;

/* The grid of one table part (header, footer or a body): rows x cols
 * slots, each slot the index of the placed cell covering it or -1. */
typedef struct qr_tgrid {
	int nrows, ncols;
	int *slot;            /* nrows * ncols */
	qr_tcell_pos *cells;  /* ncells, in document order */
	size_t ncells;
	/* Problems found while placing, for the caller to report:
	 * overlapping cells moved, spans clipped at the part's end. */
	int moved, clipped_rows;
} qr_tgrid;

/* Place cells (in document order, rows ascending) into a grid of nrows
 * rows and at least ncols columns: an explicit column-number is honoured
 * when free, otherwise a cell takes the next free slot on its row (XSL
 * 7.26.8); a row span reaching past nrows is clipped. When a cell does
 * not fit in ncols columns the grid grows (the caller decides whether
 * that is an error). Returns 0, or -1 when out of memory. */
int qr_tgrid_build(qr_tgrid *g, const qr_tcell_in *cells, size_t ncells,
    int nrows, int ncols);
void qr_tgrid_free(qr_tgrid *g);
/* The index of the cell covering (row, col), or -1. */
int qr_tgrid_at(const qr_tgrid *g, int row, int col);

/* ---- borders --------------------------------------------------------- */

typedef enum qr_bstyle {
	QR_B_NONE = 0, QR_B_HIDDEN, QR_B_INSET, QR_B_GROOVE, QR_B_OUTSET,
	QR_B_RIDGE, QR_B_DOTTED, QR_B_DASHED, QR_B_SOLID, QR_B_DOUBLE
} qr_bstyle;

/* Where a border comes from, for the collapse precedence (higher wins
 * when width and style tie). */
typedef enum qr_bsource {
	QR_BSRC_TABLE = 1, QR_BSRC_COLUMN, QR_BSRC_BODY, QR_BSRC_ROW,
	QR_BSRC_CELL
} qr_bsource;

typedef struct qr_tborder {
	double width;  /* points; 0 when style is none */
	qr_bstyle style;
	qr_color color;
	qr_bsource src;
} qr_tborder;

/* The winner of two conflicting borders under border-collapse="collapse"
 * (XSL 1.1 7.26.? / CSS 2.1 17.6.2.1): hidden wins over all; none loses
 * to all; the wider wins; then the style by double > solid > dashed >
 * dotted > ridge > outset > groove > inset; then the source by cell >
 * row > row-group > column > table; a full tie keeps a (the one before
 * or at the start). */
qr_tborder qr_tborder_winner(qr_tborder a, qr_tborder b);
/* The width a border occupies (0 for none and hidden). */
double qr_tborder_width(qr_tborder b);

/* The sides of a cell, in lr-tb terms. */
enum { QR_SIDE_BEFORE = 0, QR_SIDE_AFTER, QR_SIDE_START, QR_SIDE_END };

/* Everything the collapsed border model weighs, for one table whose rows
 * (header, bodies, footer in display order) form one grid. Arrays are
 * indexed as commented; any pointer may be NULL for "no border there". */
typedef struct qr_tcollapse_in {
	const qr_tgrid *g;
	const qr_tborder (*cell)[4];  /* [g->ncells][side] */
	const qr_tborder (*row)[4];   /* [g->nrows][side] */
	const int *row_part;          /* [g->nrows]: index into part */
	const qr_tborder (*part)[4];  /* [nparts][side] row-group borders */
	const qr_tborder (*col)[4];   /* [g->ncols][side] */
	const qr_tborder *table;      /* [4] */
} qr_tcollapse_in;

/* The resolved borders of every grid line segment, computed once before
 * layout: h[r * ncols + c] is the horizontal segment above row r at
 * column c (r == nrows: below the last row); v[r * (ncols + 1) + c] the
 * vertical segment left of column c on row r (c == ncols: the right
 * edge). A segment inside a spanned cell has style none. */
typedef struct qr_tcollapsed {
	int nrows, ncols;
	qr_tborder *h; /* (nrows + 1) * ncols */
	qr_tborder *v; /* nrows * (ncols + 1) */
} qr_tcollapsed;

/* Resolve all segments; 0, or -1 when out of memory. Free with
 * qr_tcollapsed_free(). */
int qr_table_collapse(const qr_tcollapse_in *in, qr_tcollapsed *out);
void qr_tcollapsed_free(qr_tcollapsed *c);
/* The widest resolved border along one side of a placed cell (half of it
 * lies inside the cell, so the content is inset by half this width). */
double qr_tcollapsed_cell_side(const qr_tcollapsed *c, const qr_tcell_pos *p,
    int side);

/* ---- keeps at the table's edges ------------------------------------ */

struct qr_fo;
/* The keep-with-previous (after=0) of the table's first body row or the
 * keep-with-next (after=1) of its last, including those of the first
 * (last) blocks of that row's cells, which bind across the table's edge
 * to the block before (after) the table (XSL 1.1 7.20.4: the next
 * formatting object in the flow). A keep strength (0 auto, INT_MAX
 * always). For the block walker, which joins it with the table's own
 * keep-with-previous/next. */
int qr_table_edge_keep(const struct qr_fo *table, int after);

#endif
