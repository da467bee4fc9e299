/* test_table.c: table layout: column widths, the cell grid with spans,
 * collapsed border resolution, and tables laid out end to end. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "area.h"
#include "context.h"
#include "fo.h"
#include "font.h"
#include "layout.h"
#include "layout_table.h"

#define EPS 1e-6

static qr_tcol_width W_abs(double pt)
{
	qr_tcol_width w = { pt, 0, 0, 1 };
	return w;
}
static qr_tcol_width W_pct(double pct)
{
	qr_tcol_width w = { 0, pct, 0, 1 };
	return w;
}
static qr_tcol_width W_prop(double u)
{
	qr_tcol_width w = { 0, 0, u, 1 };
	return w;
}

START_TEST(widths_fixed_mixed)
{
	/* 100pt + 25% of 400 + 1* + 3*: 400 - 200 = 200 shared 1:3. */
	qr_tcol_width c[4] = { W_abs(100), W_pct(25), W_prop(1), W_prop(3) };
	double out[4];
	double t = qr_table_widths_fixed(c, 4, 400, out);
	ck_assert_double_eq_tol(out[0], 100, EPS);
	ck_assert_double_eq_tol(out[1], 100, EPS);
	ck_assert_double_eq_tol(out[2], 50, EPS);
	ck_assert_double_eq_tol(out[3], 150, EPS);
	ck_assert_double_eq_tol(t, 400, EPS);
}
END_TEST

START_TEST(widths_unset_are_proportional)
{
	qr_tcol_width c[3];
	memset(c, 0, sizeof c);
	c[1] = W_abs(60);
	double out[3];
	qr_table_widths_fixed(c, 3, 300, out);
	ck_assert_double_eq_tol(out[0], 120, EPS);
	ck_assert_double_eq_tol(out[1], 60, EPS);
	ck_assert_double_eq_tol(out[2], 120, EPS);
}
END_TEST

START_TEST(widths_fixed_overfull)
{
	/* Fixed parts wider than the table: proportional get nothing, the
	 * total reports the overflow for the caller's warning. */
	qr_tcol_width c[3] = { W_abs(300), W_abs(200), W_prop(1) };
	double out[3];
	double t = qr_table_widths_fixed(c, 3, 400, out);
	ck_assert_double_eq_tol(out[2], 0, EPS);
	ck_assert_double_eq_tol(t, 500, EPS);
}
END_TEST

START_TEST(widths_prop_with_abs_part)
{
	/* proportional-column-width(2) + 10pt style expression */
	qr_tcol_width c[2] = { { 10, 0, 2, 1 }, W_prop(2) };
	double out[2];
	qr_table_widths_fixed(c, 2, 110, out);
	ck_assert_double_eq_tol(out[0], 60, EPS);
	ck_assert_double_eq_tol(out[1], 50, EPS);
}
END_TEST

START_TEST(columns_place_repeat_and_number)
{
	qr_tcol_spec s[3];
	memset(s, 0, sizeof s);
	s[0].repeated = 2;
	s[0].width = W_abs(10);
	s[1].column_number = 5; /* leaves column 3 and 4 unset */
	s[1].repeated = 1;
	s[1].width = W_abs(50);
	s[2].repeated = 1;      /* follows: column 6 */
	s[2].width = W_pct(10);
	qr_tcol_width out[6];
	int n = qr_table_columns_place(s, 3, out, 6);
	ck_assert_int_eq(n, 6);
	ck_assert_double_eq_tol(out[0].abs, 10, EPS);
	ck_assert_double_eq_tol(out[1].abs, 10, EPS);
	ck_assert_int_eq(out[2].is_set, 0);
	ck_assert_int_eq(out[3].is_set, 0);
	ck_assert_double_eq_tol(out[4].abs, 50, EPS);
	ck_assert_double_eq_tol(out[5].pct, 10, EPS);
	/* Fewer slots than defined columns: the count still says 6. */
	ck_assert_int_eq(qr_table_columns_place(s, 3, out, 2), 6);
}
END_TEST

START_TEST(widths_auto_ranges)
{
	qr_tcol_width c[2];
	memset(c, 0, sizeof c);
	double mn[2] = { 20, 40 }, mx[2] = { 100, 300 }, out[2];
	/* Plenty of room: all max widths fit, surplus by max. */
	double t = qr_table_widths_auto(c, mn, mx, 2, 800, out);
	ck_assert_double_eq_tol(t, 800, EPS);
	ck_assert_double_eq_tol(out[0], 200, EPS);
	ck_assert_double_eq_tol(out[1], 600, EPS);
	/* Between: minima plus share of (max - min): 20 + 80*k, 40 + 260*k
	 * with 340k = 140. */
	qr_table_widths_auto(c, mn, mx, 2, 200, out);
	ck_assert_double_eq_tol(out[0], 20 + 80 * 140.0 / 340, EPS);
	ck_assert_double_eq_tol(out[0] + out[1], 200, EPS);
	/* Below the minima: scaled. */
	qr_table_widths_auto(c, mn, mx, 2, 30, out);
	ck_assert_double_eq_tol(out[0], 10, EPS);
	ck_assert_double_eq_tol(out[1], 20, EPS);
	/* A specified width is kept (not below its min). */
	c[0] = W_abs(50);
	qr_table_widths_auto(c, mn, mx, 2, 200, out);
	ck_assert_double_eq_tol(out[0], 50, EPS);
	ck_assert_double_eq_tol(out[1], 150, EPS);
}
END_TEST

static qr_tcell_in C_(int row, int colnum, int cs, int rs)
{
	qr_tcell_in c = { row, colnum, cs, rs, NULL, 0 };
	return c;
}

START_TEST(grid_spans)
{
	/* row0: A(rowspan 2) B(colspan 2)
	 * row1: C D    (A occupies col 0, so C goes to col 1)
	 * row2: E(colspan 3) */
	qr_tcell_in in[5] = { C_(0, 0, 1, 2), C_(0, 0, 2, 1), C_(1, 0, 1, 1),
		C_(1, 0, 1, 1), C_(2, 0, 3, 1) };
	qr_tgrid g;
	ck_assert_int_eq(qr_tgrid_build(&g, in, 5, 3, 3), 0);
	ck_assert_int_eq(g.ncols, 3);
	ck_assert_int_eq(qr_tgrid_at(&g, 0, 0), 0);
	ck_assert_int_eq(qr_tgrid_at(&g, 1, 0), 0);
	ck_assert_int_eq(qr_tgrid_at(&g, 0, 1), 1);
	ck_assert_int_eq(qr_tgrid_at(&g, 0, 2), 1);
	ck_assert_int_eq(qr_tgrid_at(&g, 1, 1), 2);
	ck_assert_int_eq(qr_tgrid_at(&g, 1, 2), 3);
	ck_assert_int_eq(qr_tgrid_at(&g, 2, 1), 4);
	ck_assert_int_eq(g.cells[2].col, 1);
	ck_assert_int_eq(g.moved, 0);
	qr_tgrid_free(&g);
}
END_TEST

START_TEST(grid_column_number_and_growth)
{
	/* Explicit column-number 3 on a 2-column grid grows it; the next
	 * cell follows it; a clash moves the cell and is counted; a row
	 * span past the end is clipped. */
	qr_tcell_in in[4] = { C_(0, 3, 1, 1), C_(0, 0, 1, 1), C_(1, 0, 1, 5),
		C_(1, 1, 1, 1) };
	qr_tgrid g;
	ck_assert_int_eq(qr_tgrid_build(&g, in, 4, 2, 2), 0);
	ck_assert_int_eq(g.ncols, 4);
	ck_assert_int_eq(g.cells[0].col, 2);
	ck_assert_int_eq(g.cells[1].col, 3);
	ck_assert_int_eq(g.cells[2].col, 0);
	ck_assert_int_eq(g.cells[2].rowspan, 1);
	ck_assert_int_eq(g.clipped_rows, 1);
	ck_assert_int_eq(g.cells[3].col, 1);
	ck_assert_int_eq(g.moved, 1);
	ck_assert_int_eq(qr_tgrid_at(&g, 0, 0), -1); /* a hole */
	qr_tgrid_free(&g);
}
END_TEST

static qr_tborder B_(double w, qr_bstyle s, float r, qr_bsource src)
{
	qr_tborder b;
	memset(&b, 0, sizeof b);
	b.width = w;
	b.style = s;
	b.color.r = r;
	b.src = src;
	return b;
}

START_TEST(border_winner_rules)
{
	qr_tborder thin = B_(0.5, QR_B_SOLID, 0, QR_BSRC_CELL);
	qr_tborder wide = B_(2, QR_B_DOTTED, 0, QR_BSRC_TABLE);
	qr_tborder none = B_(5, QR_B_NONE, 0, QR_BSRC_CELL);
	qr_tborder hidden = B_(0, QR_B_HIDDEN, 0, QR_BSRC_TABLE);
	/* wider wins whatever the style and source */
	ck_assert_int_eq(qr_tborder_winner(thin, wide).style, QR_B_DOTTED);
	ck_assert_int_eq(qr_tborder_winner(wide, thin).style, QR_B_DOTTED);
	/* none loses even when "wider" */
	ck_assert_int_eq(qr_tborder_winner(none, thin).style, QR_B_SOLID);
	/* hidden wins over everything */
	ck_assert_int_eq(qr_tborder_winner(wide, hidden).style, QR_B_HIDDEN);
	/* same width: style order */
	qr_bstyle order[] = { QR_B_DOUBLE, QR_B_SOLID, QR_B_DASHED, QR_B_DOTTED,
		QR_B_RIDGE, QR_B_OUTSET, QR_B_GROOVE, QR_B_INSET };
	for (size_t i = 0; i + 1 < sizeof order / sizeof order[0]; i++) {
		qr_tborder hi = B_(1, order[i], 0, QR_BSRC_TABLE);
		qr_tborder lo = B_(1, order[i + 1], 0, QR_BSRC_CELL);
		ck_assert_int_eq(qr_tborder_winner(lo, hi).style, order[i]);
		ck_assert_int_eq(qr_tborder_winner(hi, lo).style, order[i]);
	}
	/* same width and style: cell > row > body > column > table */
	qr_bsource srcs[] = { QR_BSRC_CELL, QR_BSRC_ROW, QR_BSRC_BODY,
		QR_BSRC_COLUMN, QR_BSRC_TABLE };
	for (size_t i = 0; i + 1 < 5; i++) {
		qr_tborder hi = B_(1, QR_B_SOLID, 1, srcs[i]);
		qr_tborder lo = B_(1, QR_B_SOLID, 0, srcs[i + 1]);
		ck_assert_double_eq_tol(qr_tborder_winner(lo, hi).color.r, 1, EPS);
		ck_assert_double_eq_tol(qr_tborder_winner(hi, lo).color.r, 1, EPS);
	}
	/* full tie: the first (before/start) one */
	qr_tborder a = B_(1, QR_B_SOLID, 1, QR_BSRC_CELL);
	qr_tborder b = B_(1, QR_B_SOLID, 0, QR_BSRC_CELL);
	ck_assert_double_eq_tol(qr_tborder_winner(a, b).color.r, 1, EPS);
}
END_TEST

START_TEST(collapse_segments)
{
	/* 2x2 grid; cell 0 spans both columns of row 0.
	 * table: 2pt solid all round; cell 1 (row1,col0) has a 3pt dashed
	 * end border; row 1 a 1pt double before border; column 1 a 1pt
	 * dotted start border. */
	qr_tcell_in in[3] = { C_(0, 0, 2, 1), C_(1, 0, 1, 1), C_(1, 0, 1, 1) };
	qr_tgrid g;
	ck_assert_int_eq(qr_tgrid_build(&g, in, 3, 2, 2), 0);
	qr_tborder cell[3][4], row[2][4], col[2][4], table[4], part[1][4];
	memset(cell, 0, sizeof cell);
	memset(row, 0, sizeof row);
	memset(col, 0, sizeof col);
	memset(part, 0, sizeof part);
	for (int s = 0; s < 4; s++)
		table[s] = B_(2, QR_B_SOLID, 0, QR_BSRC_TABLE);
	cell[1][QR_SIDE_END] = B_(3, QR_B_DASHED, 0, QR_BSRC_CELL);
	row[1][QR_SIDE_BEFORE] = B_(1, QR_B_DOUBLE, 0, QR_BSRC_ROW);
	col[1][QR_SIDE_START] = B_(1, QR_B_DOTTED, 0, QR_BSRC_COLUMN);
	int row_part[2] = { 0, 0 };
	qr_tcollapse_in ci = { &g, cell, row, row_part, part, col, table };
	qr_tcollapsed out;
	ck_assert_int_eq(qr_table_collapse(&ci, &out), 0);
	/* top edge: the table's */
	ck_assert_int_eq(out.h[0].style, QR_B_SOLID);
	ck_assert_int_eq(out.h[0].src, QR_BSRC_TABLE);
	/* between the rows: the row's double */
	ck_assert_int_eq(out.h[1 * 2 + 0].style, QR_B_DOUBLE);
	ck_assert_int_eq(out.h[1 * 2 + 1].style, QR_B_DOUBLE);
	/* inside the spanning cell on row 0: no border */
	ck_assert_int_eq(out.v[0 * 3 + 1].style, QR_B_NONE);
	/* row 1 between the cells: the 3pt dashed wins over dotted */
	ck_assert_int_eq(out.v[1 * 3 + 1].style, QR_B_DASHED);
	/* left edge row 1: the table's */
	ck_assert_int_eq(out.v[1 * 3 + 0].src, QR_BSRC_TABLE);
	/* cell 1 insets: start 2 (table), end 3 (dashed), before 1 */
	ck_assert_double_eq_tol(qr_tcollapsed_cell_side(&out, &g.cells[1],
	    QR_SIDE_END), 3, EPS);
	ck_assert_double_eq_tol(qr_tcollapsed_cell_side(&out, &g.cells[1],
	    QR_SIDE_BEFORE), 1, EPS);
	ck_assert_double_eq_tol(qr_tcollapsed_cell_side(&out, &g.cells[0],
	    QR_SIDE_END), 2, EPS);
	qr_tcollapsed_free(&out);
	qr_tgrid_free(&g);
}
END_TEST

START_TEST(collapse_row_groups)
{
	/* header row 0 (part 0) with a 4pt after border on the part meets
	 * the body's row 1: the part border wins the segment between. */
	qr_tcell_in in[2] = { C_(0, 0, 1, 1), C_(1, 0, 1, 1) };
	qr_tgrid g;
	ck_assert_int_eq(qr_tgrid_build(&g, in, 2, 2, 1), 0);
	qr_tborder part[2][4];
	memset(part, 0, sizeof part);
	part[0][QR_SIDE_AFTER] = B_(4, QR_B_SOLID, 0, QR_BSRC_BODY);
	int row_part[2] = { 0, 1 };
	qr_tcollapse_in ci = { &g, NULL, NULL, row_part, part, NULL, NULL };
	qr_tcollapsed out;
	ck_assert_int_eq(qr_table_collapse(&ci, &out), 0);
	ck_assert_double_eq_tol(out.h[1].width, 4, EPS);
	ck_assert_int_eq(out.h[0].style, QR_B_NONE);
	ck_assert_int_eq(out.h[2].style, QR_B_NONE);
	qr_tcollapsed_free(&out);
	qr_tgrid_free(&g);
}
END_TEST


/* ---- end to end: FO in, area tree out ---------------------------------- */

static int ndiag_keep, ndiag_err, ndiag_width;

static void capture(const quire_diagnostic *d, void *user)
{
	(void)user;
	if (strstr(d->code, "keep"))
		ndiag_keep++;
	if (strstr(d->message, "keeps its width") ||
	    strstr(d->message, "could not go on"))
		ndiag_width++;
	if (d->severity == QUIRE_ERROR)
		ndiag_err++;
}

typedef struct run {
	quire *q;
	qr_fo_doc *doc;
	qr_fonts *fonts;
	qr_area_tree *t;
} run;

static void run_fo(run *r, const char *fo)
{
	memset(r, 0, sizeof *r);
	ndiag_keep = ndiag_err = ndiag_width = 0;
	r->q = quire_new();
	ck_assert_ptr_nonnull(r->q);
	quire_set_diagnostic_handler(r->q, capture, NULL);
	r->doc = qr_fo_read_memory(r->q, fo, strlen(fo), "t.fo");
	ck_assert_ptr_nonnull(r->doc);
	r->fonts = qr_fonts_new(r->q);
	ck_assert_ptr_nonnull(r->fonts);
	r->t = qr_layout_run(r->q, r->doc, r->fonts);
	ck_assert_ptr_nonnull(r->t);
	ck_assert_int_eq(ndiag_err, 0);
}

static void run_free(run *r)
{
	qr_area_tree_free(r->t);
	qr_fonts_free(r->fonts);
	qr_fo_doc_free(r->doc);
	quire_free(r->q);
}

/* Text areas of page p whose text contains needle. */
static int count_text(const qr_page *pg, const char *needle)
{
	int n = 0;
	for (size_t i = 0; i < pg->nareas; i++) {
		const qr_area *a = &pg->areas[i];
		if (a->kind != QR_AREA_TEXT)
			continue;
		size_t k = strlen(needle);
		for (size_t j = 0; j + k <= a->u.text.len; j++)
			if (memcmp(a->u.text.utf8 + j, needle, k) == 0)
				n++;
	}
	return n;
}

#define FO_HEAD \
	"<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' " \
	"font-family='Helvetica' font-size='10pt'>" \
	"<fo:layout-master-set><fo:simple-page-master master-name='p' " \
	"page-width='300pt' page-height='200pt' margin='20pt'>" \
	"<fo:region-body/></fo:simple-page-master></fo:layout-master-set>" \
	"<fo:page-sequence master-reference='p'><fo:flow flow-name='xsl-region-body'>"
#define FO_TAIL "</fo:flow></fo:page-sequence></fo:root>"

START_TEST(e2e_tall_cell_continues_with_header)
{
	/* One cell of 40 numbered lines beside a one-line cell, on pages
	 * 160pt high: every line exactly once, in order, inside the body;
	 * the header on every page; the one-line cell on the first. */
	char fo[16384];
	size_t n = 0;
	n += (size_t)snprintf(fo + n, sizeof fo - n, "%s", FO_HEAD
	    "<fo:table table-layout='fixed' width='100%'>"
	    "<fo:table-column column-width='60pt'/>"
	    "<fo:table-column column-width='proportional-column-width(1)'/>"
	    "<fo:table-header><fo:table-row>"
	    "<fo:table-cell border='1pt solid black'><fo:block>HEAD</fo:block>"
	    "</fo:table-cell><fo:table-cell border='1pt solid black'>"
	    "<fo:block>HEAD2</fo:block></fo:table-cell></fo:table-row>"
	    "</fo:table-header><fo:table-body><fo:table-row>"
	    "<fo:table-cell border='1pt solid black'><fo:block>SHORT</fo:block>"
	    "</fo:table-cell><fo:table-cell border='1pt solid black'>");
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(fo + n, sizeof fo - n,
		    "<fo:block>L%02d</fo:block>", i);
	snprintf(fo + n, sizeof fo - n, "%s", "</fo:table-cell></fo:table-row>"
	    "</fo:table-body></fo:table>" FO_TAIL);
	run r;
	run_fo(&r, fo);
	ck_assert_uint_ge(r.t->npages, 4);
	int next = 0;
	for (size_t p = 0; p < r.t->npages; p++) {
		const qr_page *pg = r.t->pages[p];
		ck_assert_int_eq(count_text(pg, "HEAD2"), 1);
		ck_assert_int_eq(count_text(pg, "SHORT"), p == 0 ? 1 : 0);
		for (size_t i = 0; i < pg->nareas; i++) {
			const qr_area *a = &pg->areas[i];
			if (a->kind != QR_AREA_TEXT || a->u.text.len != 3 ||
			    a->u.text.utf8[0] != 'L')
				continue;
			int v = (a->u.text.utf8[1] - '0') * 10 +
			    (a->u.text.utf8[2] - '0');
			ck_assert_int_eq(v, next);
			next++;
			/* inside the page body (20pt margins) */
			ck_assert(a->y > 20 && a->y < 180);
		}
		/* no closing line at the foot of a fragment: the cell's
		 * border-after is conditional (discard, the initial value;
		 * XSL 1.1 7.8.x), so nothing below the last line of a page
		 * the cell continues from */
		if (p + 1 < r.t->npages) {
			double lowest_text = 0, lowest_rule = 0;
			for (size_t i = 0; i < pg->nareas; i++) {
				const qr_area *a = &pg->areas[i];
				if (a->kind == QR_AREA_TEXT && a->y > lowest_text)
					lowest_text = a->y;
				if (a->kind == QR_AREA_LINE && a->h == 0 &&
				    a->w > 100 && a->y > lowest_rule)
					lowest_rule = a->y;
			}
			ck_assert(lowest_text > 100);
			ck_assert(lowest_rule < lowest_text);
		}
	}
	ck_assert_int_eq(next, 40);
	run_free(&r);
}
END_TEST

START_TEST(e2e_keep_together_row)
{
	/* Rows of 4 lines kept together on pages that hold about 11 lines:
	 * no row is split; a row of 30 lines cannot be kept, so it is
	 * broken with a warning and all its lines still appear. */
	char fo[32768];
	size_t n = 0;
	n += (size_t)snprintf(fo + n, sizeof fo - n, "%s", FO_HEAD
	    "<fo:table table-layout='fixed' width='100%'>"
	    "<fo:table-column column-width='proportional-column-width(1)'/>"
	    "<fo:table-body>");
	for (int r = 0; r < 8; r++) {
		int lines = r == 5 ? 30 : 4;
		n += (size_t)snprintf(fo + n, sizeof fo - n,
		    "<fo:table-row keep-together.within-page='always'>"
		    "<fo:table-cell>");
		for (int i = 0; i < lines; i++)
			n += (size_t)snprintf(fo + n, sizeof fo - n,
			    "<fo:block>R%dL%02d</fo:block>", r, i);
		n += (size_t)snprintf(fo + n, sizeof fo - n,
		    "</fo:table-cell></fo:table-row>");
	}
	snprintf(fo + n, sizeof fo - n, "%s",
	    "</fo:table-body></fo:table>" FO_TAIL);
	run r;
	run_fo(&r, fo);
	for (int row = 0; row < 8; row++) {
		char first[8], last[8];
		int lines = row == 5 ? 30 : 4;
		snprintf(first, sizeof first, "R%dL00", row);
		snprintf(last, sizeof last, "R%dL%02d", row, lines - 1);
		int pf = -1, pl = -1, total = 0;
		for (size_t p = 0; p < r.t->npages; p++) {
			if (count_text(r.t->pages[p], first))
				pf = (int)p;
			if (count_text(r.t->pages[p], last))
				pl = (int)p;
			char tok[8];
			for (int i = 0; i < lines; i++) {
				snprintf(tok, sizeof tok, "R%dL%02d", row, i);
				total += count_text(r.t->pages[p], tok);
			}
		}
		ck_assert_int_eq(total, lines);
		if (row != 5)
			ck_assert_int_eq(pf, pl);
		else
			ck_assert_int_lt(pf, pl);
	}
	ck_assert_int_gt(ndiag_keep, 0);
	run_free(&r);
}
END_TEST

START_TEST(e2e_columns_and_spans)
{
	/* Column widths 50pt, 25% of 260pt, and the rest; a cell spanning
	 * columns 2-3 starts where column 2 does; a cell with
	 * column-number 3 lands in column 3. */
	const char *fo = FO_HEAD
	    "<fo:table table-layout='fixed' width='260pt'>"
	    "<fo:table-column column-width='50pt'/>"
	    "<fo:table-column column-width='25%'/>"
	    "<fo:table-column column-width='proportional-column-width(1)'/>"
	    "<fo:table-body>"
	    "<fo:table-row><fo:table-cell><fo:block>AAA</fo:block></fo:table-cell>"
	    "<fo:table-cell><fo:block>BBB</fo:block></fo:table-cell>"
	    "<fo:table-cell><fo:block>CCC</fo:block></fo:table-cell></fo:table-row>"
	    "<fo:table-row><fo:table-cell number-columns-spanned='2'>"
	    "<fo:block>DDD</fo:block></fo:table-cell></fo:table-row>"
	    "<fo:table-row><fo:table-cell column-number='3'><fo:block>EEE</fo:block>"
	    "</fo:table-cell></fo:table-row>"
	    "</fo:table-body></fo:table>" FO_TAIL;
	run r;
	run_fo(&r, fo);
	const qr_page *pg = r.t->pages[0];
	double x[5] = { -1, -1, -1, -1, -1 }, y[5] = { 0 };
	const char *tok[5] = { "AAA", "BBB", "CCC", "DDD", "EEE" };
	for (size_t i = 0; i < pg->nareas; i++)
		for (int k = 0; k < 5; k++)
			if (pg->areas[i].kind == QR_AREA_TEXT &&
			    pg->areas[i].u.text.len == 3 &&
			    memcmp(pg->areas[i].u.text.utf8, tok[k], 3) == 0) {
				x[k] = pg->areas[i].x;
				y[k] = pg->areas[i].y;
			}
	ck_assert_double_eq_tol(x[0], 20, 0.01);
	ck_assert_double_eq_tol(x[1], 70, 0.01);
	ck_assert_double_eq_tol(x[2], 135, 0.01);
	ck_assert_double_eq_tol(x[3], 20, 0.01);
	ck_assert_double_eq_tol(x[4], 135, 0.01);
	ck_assert(y[3] > y[0] && y[4] > y[3]);
	run_free(&r);
}
END_TEST

START_TEST(e2e_uneven_lines_split)
{
	/* Three cells with different line heights and paragraph spacing
	 * in one row over several pages: every line once, in order per
	 * column, never above the body or below it, and never overlapping
	 * the line before it in its column. */
	char fo[32768];
	size_t n = 0;
	n += (size_t)snprintf(fo + n, sizeof fo - n, "%s", FO_HEAD
	    "<fo:table table-layout='fixed' width='100%'>"
	    "<fo:table-column column-width='proportional-column-width(1)' "
	    "number-columns-repeated='3'/><fo:table-body><fo:table-row>");
	const char *sz[3] = { "8pt", "11pt", "14pt" };
	const int cnt[3] = { 30, 22, 14 };
	for (int c = 0; c < 3; c++) {
		n += (size_t)snprintf(fo + n, sizeof fo - n,
		    "<fo:table-cell padding='2pt' border='0.5pt solid black' "
		    "font-size='%s'>", sz[c]);
		for (int i = 0; i < cnt[c]; i++)
			n += (size_t)snprintf(fo + n, sizeof fo - n,
			    "<fo:block space-after='%dpt'>C%dL%02d</fo:block>",
			    (i % 3) * 2, c, i);
		n += (size_t)snprintf(fo + n, sizeof fo - n,
		    "</fo:table-cell>");
	}
	snprintf(fo + n, sizeof fo - n, "%s",
	    "</fo:table-row></fo:table-body></fo:table>" FO_TAIL);
	run r;
	run_fo(&r, fo);
	ck_assert_uint_ge(r.t->npages, 2);
	int next[3] = { 0, 0, 0 };
	for (size_t p = 0; p < r.t->npages; p++) {
		const qr_page *pg = r.t->pages[p];
		double lasty[3] = { 0, 0, 0 };
		for (size_t i = 0; i < pg->nareas; i++) {
			const qr_area *a = &pg->areas[i];
			if (a->kind != QR_AREA_TEXT || a->u.text.len != 5 ||
			    a->u.text.utf8[0] != 'C')
				continue;
			int c = a->u.text.utf8[1] - '0';
			int v = (a->u.text.utf8[3] - '0') * 10 +
			    (a->u.text.utf8[4] - '0');
			ck_assert(c >= 0 && c < 3);
			ck_assert_int_eq(v, next[c]);
			next[c]++;
			/* the baseline is inside the body, the glyphs' top too */
			ck_assert(a->y - a->h * 0.8 >= 20 - 0.01);
			ck_assert(a->y <= 180 + 0.01);
			if (lasty[c] > 0)
				ck_assert(a->y - lasty[c] >= a->h * 0.99);
			lasty[c] = a->y;
		}
	}
	for (int c = 0; c < 3; c++)
		ck_assert_int_eq(next[c], cnt[c]);
	run_free(&r);
}
END_TEST

static int count_color(const qr_page *pg, float r, float g, float b)
{
	int n = 0;
	for (size_t i = 0; i < pg->nareas; i++) {
		const qr_area *a = &pg->areas[i];
		qr_color c;
		if (a->kind == QR_AREA_LINE)
			c = a->u.line.color;
		else if (a->kind == QR_AREA_FILL)
			c = a->u.fill.color;
		else
			continue;
		if (fabsf(c.r - r) < 0.01f && fabsf(c.g - g) < 0.01f &&
		    fabsf(c.b - b) < 0.01f)
			n++;
	}
	return n;
}

START_TEST(e2e_rules_one_per_edge)
{
	/* Collapsed borders, rows of three lines over several pages: each
	 * page strokes every vertical grid line once, from the table's top
	 * on the page to its bottom, and every horizontal grid line once,
	 * across the whole table (not one piece per line and cell side, nor
	 * a shared edge twice). */
	char fo[32768];
	size_t n = 0;
	n += (size_t)snprintf(fo + n, sizeof fo - n, "%s", FO_HEAD
	    "<fo:table table-layout='fixed' width='100%' "
	    "border-collapse='collapse' border='0.5pt solid black'>"
	    "<fo:table-column column-width='proportional-column-width(1)' "
	    "number-columns-repeated='3'/><fo:table-body>");
	for (int r = 0; r < 12; r++) {
		n += (size_t)snprintf(fo + n, sizeof fo - n, "<fo:table-row>");
		for (int c = 0; c < 3; c++)
			n += (size_t)snprintf(fo + n, sizeof fo - n,
			    "<fo:table-cell border='0.5pt solid black'>"
			    "<fo:block>R%dC%d a</fo:block><fo:block>b</fo:block>"
			    "<fo:block>c</fo:block></fo:table-cell>", r, c);
		n += (size_t)snprintf(fo + n, sizeof fo - n, "</fo:table-row>");
	}
	snprintf(fo + n, sizeof fo - n, "%s",
	    "</fo:table-body></fo:table>" FO_TAIL);
	run r;
	run_fo(&r, fo);
	ck_assert_uint_ge(r.t->npages, 3);
	for (size_t p = 0; p < r.t->npages; p++) {
		const qr_page *pg = r.t->pages[p];
		double vx[8], hy[32], vy = -1, vh = -1, hx = -1, hw = -1;
		int nv = 0, nh = 0;
		for (size_t i = 0; i < pg->nareas; i++) {
			const qr_area *a = &pg->areas[i];
			if (a->kind != QR_AREA_LINE)
				continue;
			if (a->w == 0) {
				ck_assert_int_lt(nv, 8);
				for (int k = 0; k < nv; k++)
					ck_assert(fabs(vx[k] - a->x) > 1);
				vx[nv++] = a->x;
				/* all the same length: the table's height on
				 * this page */
				if (vy < 0) {
					vy = a->y;
					vh = a->h;
				}
				ck_assert_double_eq_tol(a->y, vy, 0.01);
				ck_assert_double_eq_tol(a->h, vh, 0.01);
			} else {
				ck_assert_int_lt(nh, 32);
				for (int k = 0; k < nh; k++)
					ck_assert(fabs(hy[k] - a->y) > 1);
				hy[nh++] = a->y;
				if (hx < 0) {
					hx = a->x;
					hw = a->w;
				}
				ck_assert_double_eq_tol(a->x, hx, 0.01);
				ck_assert_double_eq_tol(a->w, hw, 0.01);
			}
		}
		ck_assert_int_eq(nv, 4);
		ck_assert_int_ge(nh, 2);
		ck_assert(hw > 250); /* 260pt body */
		ck_assert(vh > 30);
	}
	run_free(&r);
}
END_TEST

/* The first text baseline on page p, or 0. */
static double first_baseline(const qr_page *pg)
{
	double y = 0;
	for (size_t i = 0; i < pg->nareas; i++) {
		const qr_area *a = &pg->areas[i];
		if (a->kind == QR_AREA_TEXT && (y == 0 || a->y < y))
			y = a->y;
	}
	return y;
}

START_TEST(e2e_table_border_padding_retain)
{
	/* Separate model, the table's own 5pt border and 20pt padding
	 * before and after: retained, they come back on every page (the
	 * text starts 25pt lower on page 2 than when discarded, and page 1
	 * ends with the after border); discarded, they show only at the
	 * table's start and end. */
	const char *fmt = FO_HEAD
	    "<fo:table table-layout='fixed' width='100%%' "
	    "border-collapse='separate' border-before-style='solid' "
	    "border-before-width='5pt' border-before-width.conditionality='%s' "
	    "border-after-style='solid' border-after-width='5pt' "
	    "border-after-width.conditionality='%s' padding-before='20pt' "
	    "padding-before.conditionality='%s' padding-after='20pt' "
	    "padding-after.conditionality='%s'>"
	    "<fo:table-column column-width='proportional-column-width(1)'/>"
	    "<fo:table-body><fo:table-row><fo:table-cell>%s</fo:table-cell>"
	    "</fo:table-row></fo:table-body></fo:table>" FO_TAIL;
	char lines[4096], fo[8192];
	size_t n = 0;
	for (int i = 0; i < 24; i++)
		n += (size_t)snprintf(lines + n, sizeof lines - n,
		    "<fo:block>L%02d</fo:block>", i);
	double top2[2] = { 0, 0 };
	for (int retain = 0; retain < 2; retain++) {
		const char *c = retain ? "retain" : "discard";
		snprintf(fo, sizeof fo, fmt, c, c, c, c, lines);
		run r;
		run_fo(&r, fo);
		ck_assert_uint_ge(r.t->npages, 2);
		top2[retain] = first_baseline(r.t->pages[1]);
		/* 5pt rules across the table: on page 1, the before one
		 * and (retained) the after one at the foot */
		const qr_page *pg = r.t->pages[0];
		int n5 = 0;
		for (size_t i = 0; i < pg->nareas; i++) {
			const qr_area *a = &pg->areas[i];
			if (a->kind == QR_AREA_LINE && a->h == 0 &&
			    fabs(a->u.line.thickness - 5) < 0.01)
				n5++;
		}
		ck_assert_int_eq(n5, retain ? 2 : 1);
		/* no text below the page body */
		for (size_t i = 0; i < pg->nareas; i++)
			if (pg->areas[i].kind == QR_AREA_TEXT)
				ck_assert(pg->areas[i].y <= 180 - (retain ?
				    25 : 0) + 0.01);
		run_free(&r);
	}
	ck_assert_double_eq_tol(top2[1] - top2[0], 25, 0.01);
}
END_TEST

/* Horizontal rules of thickness w on pg: how many lie above y0 (at most
 * y0), how many below y1 (at least y1); *ytop the y of the highest. */
static void rules_outside(const qr_page *pg, double w, double y0, double y1,
    int *above, int *below, double *ytop)
{
	*above = *below = 0;
	*ytop = 1e9;
	for (size_t i = 0; i < pg->nareas; i++) {
		const qr_area *a = &pg->areas[i];
		if (a->kind != QR_AREA_LINE || a->h != 0 ||
		    fabs(a->u.line.thickness - w) > 0.01)
			continue;
		if (a->y <= y0)
			(*above)++;
		if (a->y >= y1)
			(*below)++;
		if (a->y < *ytop)
			*ytop = a->y;
	}
}

static double last_baseline(const qr_page *pg)
{
	double y = 0;
	for (size_t i = 0; i < pg->nareas; i++)
		if (pg->areas[i].kind == QR_AREA_TEXT && pg->areas[i].y > y)
			y = pg->areas[i].y;
	return y;
}

START_TEST(e2e_cell_conditionality_separate)
{
	/* Separate model, one cell of 30 lines over several pages with a
	 * 3pt border and 10pt padding before and after (XSL 1.1 7.8.x
	 * .conditionality): discarded (the initial value), page 1 ends
	 * with no border below its last line and page 2 starts with no
	 * border and no padding; retained, page 1 ends with the padding
	 * and the border below the last line, inside the body, and page
	 * 2's text starts 13pt lower, below the border at the top. */
	const char *fmt = FO_HEAD
	    "<fo:table table-layout='fixed' width='100%%' "
	    "border-collapse='separate'>"
	    "<fo:table-column column-width='proportional-column-width(1)'/>"
	    "<fo:table-body><fo:table-row><fo:table-cell "
	    "border='3pt solid black' padding='10pt' "
	    "border-before-width.conditionality='%s' "
	    "border-after-width.conditionality='%s' "
	    "padding-before.conditionality='%s' "
	    "padding-after.conditionality='%s'>%s</fo:table-cell>"
	    "</fo:table-row></fo:table-body></fo:table>" FO_TAIL;
	char lines[4096], fo[8192];
	size_t n = 0;
	for (int i = 0; i < 30; i++)
		n += (size_t)snprintf(lines + n, sizeof lines - n,
		    "<fo:block>L%02d</fo:block>", i);
	double top2[2] = { 0, 0 };
	for (int retain = 0; retain < 2; retain++) {
		const char *c = retain ? "retain" : "discard";
		snprintf(fo, sizeof fo, fmt, c, c, c, c, lines);
		run r;
		run_fo(&r, fo);
		ck_assert_uint_ge(r.t->npages, 3);
		int above, below;
		double ytop;
		/* page 1: the opening border at the top; at the foot a
		 * closing one below the last line only when retained,
		 * the padding between them, inside the body */
		const qr_page *p1 = r.t->pages[0];
		double last = last_baseline(p1);
		rules_outside(p1, 3, 21.5 + 0.01, last + 3 + 10, &above,
		    &below, &ytop);
		ck_assert_int_eq(above, 1);
		ck_assert_int_eq(below, retain ? 1 : 0);
		for (size_t i = 0; i < p1->nareas; i++)
			if (p1->areas[i].kind == QR_AREA_LINE &&
			    p1->areas[i].h == 0)
				ck_assert(p1->areas[i].y + 1.5 <= 180 + 0.01);
		/* page 2: a border at the top only when retained */
		const qr_page *p2 = r.t->pages[1];
		top2[retain] = first_baseline(p2);
		rules_outside(p2, 3, 21.5 + 0.01, 1e9, &above, &below, &ytop);
		ck_assert_int_eq(above, retain ? 1 : 0);
		run_free(&r);
	}
	ck_assert_double_eq_tol(top2[1] - top2[0], 13, 0.01);
}
END_TEST

START_TEST(e2e_cell_conditionality_collapsed)
{
	/* Collapsed, 4pt borders on the table and the cell, one cell over
	 * several pages. The border opening a continuation is the winner
	 * of the retained borders there (cell, row, body, table; XSL 1.1
	 * 6.7.10, 7.8.x): none when all are discarded (the initial value),
	 * the text then at the top of the body; the cell's or the table's
	 * when retained, wholly inside the body (centred 2pt below its
	 * top), the text below it. The border closing a fragment: only a
	 * retained one, centred on the break, below the last line. */
	const char *fmt = FO_HEAD
	    "<fo:table table-layout='fixed' width='100%%' "
	    "border-collapse='collapse' border='4pt solid black' "
	    "border-before-width.conditionality='%s'>"
	    "<fo:table-column column-width='proportional-column-width(1)'/>"
	    "<fo:table-body><fo:table-row><fo:table-cell "
	    "border='4pt solid black' border-before-width.conditionality='%s' "
	    "border-after-width.conditionality='%s'>%s</fo:table-cell>"
	    "</fo:table-row></fo:table-body></fo:table>" FO_TAIL;
	char lines[4096], fo[8192];
	size_t n = 0;
	for (int i = 0; i < 30; i++)
		n += (size_t)snprintf(lines + n, sizeof lines - n,
		    "<fo:block>L%02d</fo:block>", i);
	/* 0: all discarded; 1: the cell's retained; 2: the table's
	 * border-before retained (the cell's after still discarded) */
	double top2[3] = { 0, 0, 0 };
	for (int v = 0; v < 3; v++) {
		snprintf(fo, sizeof fo, fmt, v == 2 ? "retain" : "discard",
		    v == 1 ? "retain" : "discard", v == 1 ? "retain" :
		    "discard", lines);
		run r;
		run_fo(&r, fo);
		ck_assert_uint_ge(r.t->npages, 2);
		int above, below;
		double ytop;
		const qr_page *p1 = r.t->pages[0];
		double last = last_baseline(p1);
		rules_outside(p1, 4, 0, last + 2, &above, &below, &ytop);
		ck_assert_int_eq(below, v == 1 ? 1 : 0);
		const qr_page *p2 = r.t->pages[1];
		top2[v] = first_baseline(p2);
		rules_outside(p2, 4, 22 + 0.01, 1e9, &above, &below, &ytop);
		ck_assert_int_eq(above, v ? 1 : 0);
		if (v) {
			ck_assert_double_eq_tol(ytop, 22, 0.01);
			/* the first line's glyphs (ascent about 0.8 of
			 * 10pt) below the border's foot at 24 */
			ck_assert(top2[v] - 8 >= 24 - 0.01);
		}
		run_free(&r);
	}
	ck_assert_double_eq_tol(top2[1] - top2[0], 4, 0.01);
	ck_assert_double_eq_tol(top2[2] - top2[0], 4, 0.01);
}
END_TEST

START_TEST(e2e_empty_cells_hide)
{
	/* separate model: an empty cell's blue border and yellow background
	 * are drawn, unless empty-cells="hide"; the red cell with content
	 * is drawn either way */
	const char *fmt = FO_HEAD
	    "<fo:table border-collapse='separate' %s><fo:table-body>"
	    "<fo:table-row><fo:table-cell border='1pt solid red'>"
	    "<fo:block>A</fo:block></fo:table-cell>"
	    "<fo:table-cell border='1pt solid blue' background-color='yellow'>"
	    "<fo:block/></fo:table-cell></fo:table-row></fo:table-body>"
	    "</fo:table>" FO_TAIL;
	char fo[2048];
	for (int hide = 0; hide < 2; hide++) {
		snprintf(fo, sizeof fo, fmt, hide ? "empty-cells='hide'" : "");
		run r;
		run_fo(&r, fo);
		const qr_page *pg = r.t->pages[0];
		ck_assert_int_eq(count_color(pg, 1, 0, 0), 4);
		if (hide) {
			ck_assert_int_eq(count_color(pg, 0, 0, 1), 0);
			ck_assert_int_eq(count_color(pg, 1, 1, 0), 0);
		} else {
			ck_assert_int_eq(count_color(pg, 0, 0, 1), 4);
			ck_assert_int_eq(count_color(pg, 1, 1, 0), 1);
		}
		run_free(&r);
	}
}
END_TEST

/* The y of the text area that is exactly `text` on pg (-1: none). */
static double text_y(const qr_page *pg, const char *text)
{
	for (size_t i = 0; i < pg->nareas; i++) {
		const qr_area *a = &pg->areas[i];
		if (a->kind == QR_AREA_TEXT && a->u.text.len == strlen(text) &&
		    memcmp(a->u.text.utf8, text, a->u.text.len) == 0)
			return a->y;
	}
	return -1;
}

/* The horizontal rules wider than 100pt on pg with y0 < y < y1: how
 * many, and the thickest. */
static int hrules_between(const qr_page *pg, double y0, double y1,
    double *thick)
{
	int n = 0;
	*thick = 0;
	for (size_t i = 0; i < pg->nareas; i++) {
		const qr_area *a = &pg->areas[i];
		if (a->kind != QR_AREA_LINE || a->h != 0 || a->w <= 100 ||
		    a->y <= y0 || a->y >= y1)
			continue;
		n++;
		if (a->u.line.thickness > *thick)
			*thick = a->u.line.thickness;
	}
	return n;
}

START_TEST(e2e_retained_border_under_header)
{
	/* Collapsed, one cell of 30 lines over pages, its before border
	 * retained (0.5pt, or 2pt), under a repeated header with a 0.5pt
	 * border. On page 2 the header's after border and the cell's
	 * retained before border meet at one edge: one line there, the
	 * winner (XSL 1.1 6.7.10: the wider), not two lines a little
	 * apart. With table-omit-header-at-break the retained border
	 * opens the page alone: one line above the text. */
	const char *fmt = FO_HEAD
	    "<fo:table table-layout='fixed' width='100%%' "
	    "border-collapse='collapse' %s>"
	    "<fo:table-column column-width='proportional-column-width(1)'/>"
	    "<fo:table-header><fo:table-row><fo:table-cell "
	    "border='0.5pt solid black' padding='2pt'><fo:block>HEAD</fo:block>"
	    "</fo:table-cell></fo:table-row></fo:table-header>"
	    "<fo:table-body><fo:table-row><fo:table-cell "
	    "border='0.5pt solid black' border-before-width='%s' "
	    "border-before-width.conditionality='retain' padding='2pt'>%s"
	    "</fo:table-cell></fo:table-row></fo:table-body></fo:table>"
	    FO_TAIL;
	char lines[4096], fo[8192];
	size_t n = 0;
	for (int i = 0; i < 30; i++)
		n += (size_t)snprintf(lines + n, sizeof lines - n,
		    "<fo:block>L%02d</fo:block>", i);
	for (int v = 0; v < 3; v++) {
		double bw = v == 1 ? 2 : 0.5;
		snprintf(fo, sizeof fo, fmt, v == 2 ?
		    "table-omit-header-at-break='true'" : "",
		    v == 1 ? "2pt" : "0.5pt", lines);
		run r;
		run_fo(&r, fo);
		ck_assert_uint_ge(r.t->npages, 2);
		const qr_page *p2 = r.t->pages[1];
		/* the top of the first line of text on page 2 */
		double fy = 1e9;
		for (size_t i = 0; i < p2->nareas; i++) {
			const qr_area *a = &p2->areas[i];
			if (a->kind == QR_AREA_TEXT && a->u.text.len == 3 &&
			    a->u.text.utf8[0] == 'L' && a->y < fy)
				fy = a->y;
		}
		ck_assert(fy < 1e9);
		double hy = text_y(p2, "HEAD"), thick;
		if (v == 2) {
			ck_assert(hy < 0);
			ck_assert_int_eq(hrules_between(p2, 0, fy, &thick), 1);
		} else {
			ck_assert(hy > 0 && hy < fy);
			ck_assert_int_eq(hrules_between(p2, hy, fy, &thick), 1);
		}
		ck_assert_double_eq_tol(thick, bw, 0.01);
		run_free(&r);
	}
}
END_TEST

START_TEST(e2e_head_line_between_rows)
{
	/* Collapsed, a repeated header (0.5pt blue) over rows of 0.5pt
	 * black cells, rows 6 to 12 with a 2pt red before border in the
	 * first column; pages break between rows. Under the header on each
	 * later page the header's foot and the first row's top are one
	 * line per column, the winner (XSL 1.1 6.7.10): 2pt red over a red
	 * row, else the header's blue (a tie keeps the earlier), not the
	 * header's line and the row's at one y. */
	char rows[12288], fo[16384];
	size_t n = 0;
	for (int i = 0; i < 26; i++)
		n += (size_t)snprintf(rows + n, sizeof rows - n,
		    "<fo:table-row><fo:table-cell border='0.5pt solid black' "
		    "%s padding='2pt'><fo:block>R%02d</fo:block></fo:table-cell>"
		    "<fo:table-cell border='0.5pt solid black' padding='2pt'>"
		    "<fo:block>x</fo:block></fo:table-cell></fo:table-row>",
		    i >= 6 && i <= 12 ? "border-before-width='2pt' "
		    "border-before-color='red'" : "", i);
	snprintf(fo, sizeof fo, FO_HEAD
	    "<fo:table table-layout='fixed' width='100%%' "
	    "border-collapse='collapse'>"
	    "<fo:table-column column-width='proportional-column-width(1)'/>"
	    "<fo:table-column column-width='proportional-column-width(1)'/>"
	    "<fo:table-header><fo:table-row><fo:table-cell "
	    "border='0.5pt solid blue' padding='2pt'><fo:block>HEAD</fo:block>"
	    "</fo:table-cell><fo:table-cell border='0.5pt solid blue' "
	    "padding='2pt'><fo:block>H2</fo:block></fo:table-cell>"
	    "</fo:table-row></fo:table-header><fo:table-body>%s"
	    "</fo:table-body></fo:table>" FO_TAIL, rows);
	run r;
	run_fo(&r, fo);
	ck_assert_uint_ge(r.t->npages, 3);
	int red_seen = 0, blue_seen = 0;
	for (size_t p = 1; p < r.t->npages; p++) {
		const qr_page *pg = r.t->pages[p];
		double hy = text_y(pg, "HEAD"), fy = 1e9;
		int first = -1;
		for (size_t i = 0; i < pg->nareas; i++) {
			const qr_area *a = &pg->areas[i];
			if (a->kind == QR_AREA_TEXT && a->u.text.len == 3 &&
			    a->u.text.utf8[0] == 'R' && a->y < fy) {
				fy = a->y;
				first = atoi(a->u.text.utf8 + 1);
			}
		}
		ck_assert(hy > 0 && first >= 0 && hy < fy);
		int red = first >= 6 && first <= 12;
		double wsum = 0;
		for (size_t i = 0; i < pg->nareas; i++) {
			const qr_area *a = &pg->areas[i];
			if (a->kind != QR_AREA_LINE || a->h != 0 ||
			    a->y <= hy || a->y >= fy)
				continue;
			/* lines of equal columns join into one */
			wsum += a->w;
			if (a->x < 100 && red) {
				ck_assert_double_eq_tol(a->u.line.thickness, 2,
				    1e-6);
				ck_assert(a->u.line.color.r > 0.99f &&
				    a->u.line.color.b < 0.01f);
			} else {
				ck_assert_double_eq_tol(a->u.line.thickness,
				    0.5, 1e-6);
				ck_assert(a->u.line.color.b > 0.99f &&
				    a->u.line.color.r < 0.01f);
			}
		}
		/* across the table once (260pt, the corners overlap) */
		ck_assert(wsum > 260 && wsum < 262);
		red_seen |= red;
		blue_seen |= !red;
	}
	ck_assert(red_seen && blue_seen);
	run_free(&r);
}
END_TEST

/* The x of the leftmost text area on pg starting with prefix (1e9:
 * none), and how many there are. */
static double text_x(const qr_page *pg, const char *prefix, int *count)
{
	double x = 1e9;
	*count = 0;
	for (size_t i = 0; i < pg->nareas; i++) {
		const qr_area *a = &pg->areas[i];
		if (a->kind == QR_AREA_TEXT && a->u.text.len >= strlen(prefix) &&
		    memcmp(a->u.text.utf8, prefix, strlen(prefix)) == 0) {
			(*count)++;
			if (a->x < x)
				x = a->x;
		}
	}
	return x;
}

START_TEST(e2e_split_table_new_width)
{
	/* A table split across pages goes onto pages whose region-body is
	 * wider (260pt, then 460pt): what is left of it is laid out again
	 * at the new width. Columns 40pt, 25% and proportional: 40, 65,
	 * 155 on page 1, then 40, 115, 305. The third cell's 40 lines go
	 * on where they broke (each once, in order), in the wider column,
	 * under a header at the new width; the table reaches the wide
	 * body's end edge. v: 0 collapsed with a header, 1 separate with
	 * border-separation, 2 collapsed, no header, the lines in a block
	 * with a red border that goes on open (no top line overleaf). */
	const char *head = "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' "
	    "font-family='Helvetica' font-size='10pt'><fo:layout-master-set>"
	    "<fo:simple-page-master master-name='n' page-width='300pt' "
	    "page-height='200pt' margin='20pt'><fo:region-body/>"
	    "</fo:simple-page-master><fo:simple-page-master master-name='w' "
	    "page-width='500pt' page-height='200pt' margin='20pt'>"
	    "<fo:region-body/></fo:simple-page-master>"
	    "<fo:page-sequence-master master-name='m'>"
	    "<fo:single-page-master-reference master-reference='n'/>"
	    "<fo:repeatable-page-master-reference master-reference='w'/>"
	    "</fo:page-sequence-master></fo:layout-master-set>"
	    "<fo:page-sequence master-reference='m'>"
	    "<fo:flow flow-name='xsl-region-body'>";
	for (int v = 0; v < 3; v++) {
		char fo[16384];
		size_t n = 0;
		const char *cb = "border='0.5pt solid black' padding='2pt'";
		n += (size_t)snprintf(fo + n, sizeof fo - n, "%s<fo:table "
		    "table-layout='fixed' width='100%%' %s>"
		    "<fo:table-column column-width='40pt'/>"
		    "<fo:table-column column-width='25%%'/>"
		    "<fo:table-column column-width='proportional-column-width(1)'/>",
		    head, v == 1 ? "border-collapse='separate' "
		    "border-separation='2pt'" : "border-collapse='collapse'");
		if (v != 2)
			n += (size_t)snprintf(fo + n, sizeof fo - n,
			    "<fo:table-header><fo:table-row>"
			    "<fo:table-cell %s><fo:block>HEAD1</fo:block>"
			    "</fo:table-cell><fo:table-cell %s><fo:block>HEAD2"
			    "</fo:block></fo:table-cell><fo:table-cell %s>"
			    "<fo:block>HEAD3</fo:block></fo:table-cell>"
			    "</fo:table-row></fo:table-header>", cb, cb, cb);
		n += (size_t)snprintf(fo + n, sizeof fo - n,
		    "<fo:table-body><fo:table-row><fo:table-cell %s>"
		    "<fo:block>SHORT</fo:block></fo:table-cell>"
		    "<fo:table-cell %s><fo:block>MID</fo:block></fo:table-cell>"
		    "<fo:table-cell %s>%s", cb, cb, cb, v == 2 ?
		    "<fo:block border='1pt solid red' padding='1pt'>" : "");
		for (int i = 0; i < 40; i++)
			n += (size_t)snprintf(fo + n, sizeof fo - n,
			    "<fo:block>L%02d</fo:block>", i);
		snprintf(fo + n, sizeof fo - n, "%s</fo:table-cell></fo:table-row>"
		    "</fo:table-body></fo:table></fo:flow></fo:page-sequence>"
		    "</fo:root>", v == 2 ? "</fo:block>" : "");
		run r;
		run_fo(&r, fo);
		ck_assert_int_eq(ndiag_width, 0);
		ck_assert_uint_ge(r.t->npages, 3);
		int next = 0, cnt;
		double lx[2] = { 0, 0 };
		for (size_t p = 0; p < r.t->npages; p++) {
			const qr_page *pg = r.t->pages[p];
			double bw = p == 0 ? 260 : 460;
			for (size_t i = 0; i < pg->nareas; i++) {
				const qr_area *a = &pg->areas[i];
				if (a->kind != QR_AREA_TEXT || a->u.text.len != 3 ||
				    a->u.text.utf8[0] != 'L')
					continue;
				ck_assert_int_eq(atoi(a->u.text.utf8 + 1), next);
				next++;
				ck_assert(a->y > 20 && a->y < 180);
				ck_assert(a->x + a->w < 20 + bw);
			}
			/* the third column's text: 20 + 40 + 25% + insets */
			double x = text_x(pg, "L", &cnt);
			ck_assert_int_gt(cnt, 0);
			if (p < 2)
				lx[p] = x;
			else
				ck_assert_double_eq_tol(x, lx[1], 0.01);
			ck_assert_int_eq(count_text(pg, "SHORT"), p == 0);
			ck_assert_int_eq(count_text(pg, "MID"), p == 0);
			if (v != 2) {
				/* the header at the page's width, above the
				 * lines of its column */
				double hx = text_x(pg, "HEAD3", &cnt);
				ck_assert_int_eq(cnt, 1);
				ck_assert_double_eq_tol(hx, x, 0.01);
			}
			/* the table's end edge at the body's */
			double right = 0;
			for (size_t i = 0; i < pg->nareas; i++) {
				const qr_area *a = &pg->areas[i];
				if (a->kind == QR_AREA_LINE && a->w == 0 &&
				    a->x > right)
					right = a->x;
			}
			ck_assert(right > 20 + bw - 3 && right < 20 + bw + 1);
			if (v == 2) {
				/* the red block: a top line (above the first
				 * line of text) on page 1 only */
				double fy = 1e9;
				for (size_t i = 0; i < pg->nareas; i++) {
					const qr_area *a = &pg->areas[i];
					if (a->kind == QR_AREA_TEXT && a->y < fy)
						fy = a->y;
				}
				int red_top = 0;
				for (size_t i = 0; i < pg->nareas; i++) {
					const qr_area *a = &pg->areas[i];
					if (a->kind == QR_AREA_LINE && a->h == 0 &&
					    a->u.line.color.r > 0.99f &&
					    a->u.line.color.g < 0.01f &&
					    a->y < fy)
						red_top++;
				}
				ck_assert_int_eq(red_top, p == 0);
				ck_assert_int_ge(count_color(pg, 1, 0, 0), 2);
			}
		}
		ck_assert_int_eq(next, 40);
		/* 25% of 460 against 25% of 260 */
		ck_assert_double_eq_tol(lx[1] - lx[0], 50, 0.01);
		run_free(&r);
	}
}
END_TEST

START_TEST(e2e_split_table_header_grows)
{
	/* A wide page (460pt body) then narrow ones (260pt): the table's
	 * header wraps onto more lines at the narrow width, so it is
	 * taller there. The page reserves the header of its own width:
	 * nothing below the body's foot (180), every line once, in order
	 * (a page filled as if the wide header repeated there put its last
	 * rows under the foot). */
	char fo[16384];
	size_t n = 0;
	n += (size_t)snprintf(fo + n, sizeof fo - n, "%s",
	    "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' "
	    "font-family='Helvetica' font-size='10pt'><fo:layout-master-set>"
	    "<fo:simple-page-master master-name='n' page-width='300pt' "
	    "page-height='200pt' margin='20pt'><fo:region-body/>"
	    "</fo:simple-page-master><fo:simple-page-master master-name='w' "
	    "page-width='500pt' page-height='200pt' margin='20pt'>"
	    "<fo:region-body/></fo:simple-page-master>"
	    "<fo:page-sequence-master master-name='m'>"
	    "<fo:single-page-master-reference master-reference='w'/>"
	    "<fo:repeatable-page-master-reference master-reference='n'/>"
	    "</fo:page-sequence-master></fo:layout-master-set>"
	    "<fo:page-sequence master-reference='m'>"
	    "<fo:flow flow-name='xsl-region-body'>"
	    "<fo:table table-layout='fixed' width='100%' "
	    "border-collapse='collapse'>"
	    "<fo:table-column column-width='50%'/>"
	    "<fo:table-column column-width='50%'/>"
	    "<fo:table-header><fo:table-row><fo:table-cell "
	    "border='0.5pt solid black'><fo:block>HEAD one two three four "
	    "five six seven eight nine ten eleven twelve</fo:block>"
	    "</fo:table-cell><fo:table-cell border='0.5pt solid black'>"
	    "<fo:block>H2</fo:block></fo:table-cell></fo:table-row>"
	    "</fo:table-header><fo:table-body>");
	for (int i = 0; i < 60; i++)
		n += (size_t)snprintf(fo + n, sizeof fo - n,
		    "<fo:table-row><fo:table-cell border='0.5pt solid black'>"
		    "<fo:block>L%02d</fo:block></fo:table-cell><fo:table-cell "
		    "border='0.5pt solid black'><fo:block>x</fo:block>"
		    "</fo:table-cell></fo:table-row>", i);
	snprintf(fo + n, sizeof fo - n, "%s", "</fo:table-body></fo:table>"
	    "</fo:flow></fo:page-sequence></fo:root>");
	run r;
	run_fo(&r, fo);
	ck_assert_int_eq(ndiag_width, 0);
	ck_assert_uint_ge(r.t->npages, 4);
	int next = 0;
	for (size_t p = 0; p < r.t->npages; p++) {
		const qr_page *pg = r.t->pages[p];
		int cnt;
		(void)text_x(pg, "HEAD", &cnt);
		ck_assert_int_eq(cnt, 1);
		for (size_t i = 0; i < pg->nareas; i++) {
			const qr_area *a = &pg->areas[i];
			if (a->kind != QR_AREA_TEXT)
				continue;
			ck_assert(a->y + a->h <= 180 + 0.01);
			if (a->u.text.len == 3 && a->u.text.utf8[0] == 'L')
				ck_assert_int_eq(atoi(a->u.text.utf8 + 1),
				    next++);
		}
	}
	ck_assert_int_eq(next, 60);
	run_free(&r);
}
END_TEST

START_TEST(e2e_page_top_line_no_header)
{
	/* Collapsed, no header; rows 4 to 9 have a 3pt red after border,
	 * the others 0.5pt black borders; pages break between rows. The
	 * line above the first row of a later page is that row's own
	 * before border (0.5pt black), not the row's above, which closed
	 * the page before (as FOP draws it); with the table's
	 * border-before retained (2pt blue), that one wins there. */
	for (int v = 0; v < 2; v++) {
		char rows[12288], fo[16384];
		size_t n = 0;
		for (int i = 0; i < 26; i++)
			n += (size_t)snprintf(rows + n, sizeof rows - n,
			    "<fo:table-row><fo:table-cell border='0.5pt solid "
			    "black' %s padding='2pt'><fo:block>R%02d</fo:block>"
			    "</fo:table-cell><fo:table-cell border='0.5pt solid "
			    "black' padding='2pt'><fo:block>x</fo:block>"
			    "</fo:table-cell></fo:table-row>", i >= 4 && i <= 9 ?
			    "border-after-width='3pt' border-after-color='red'" :
			    "", i);
		snprintf(fo, sizeof fo, FO_HEAD
		    "<fo:table table-layout='fixed' width='100%%' "
		    "border-collapse='collapse' %s>"
		    "<fo:table-column column-width='proportional-column-width(1)'/>"
		    "<fo:table-column column-width='proportional-column-width(1)'/>"
		    "<fo:table-body>%s</fo:table-body></fo:table>" FO_TAIL,
		    v ? "border-before-width='2pt' border-before-style='solid' "
		    "border-before-color='blue' "
		    "border-before-width.conditionality='retain'" : "", rows);
		run r;
		run_fo(&r, fo);
		ck_assert_uint_ge(r.t->npages, 3);
		int red_above = 0;
		for (size_t p = 1; p < r.t->npages; p++) {
			const qr_page *pg = r.t->pages[p];
			double fy = 1e9;
			int first = -1;
			for (size_t i = 0; i < pg->nareas; i++) {
				const qr_area *a = &pg->areas[i];
				if (a->kind == QR_AREA_TEXT && a->u.text.len == 3 &&
				    a->u.text.utf8[0] == 'R' && a->y < fy) {
					fy = a->y;
					first = atoi(a->u.text.utf8 + 1);
				}
			}
			ck_assert(first > 0);
			red_above |= first - 1 >= 4 && first - 1 <= 9;
			int nl = 0;
			for (size_t i = 0; i < pg->nareas; i++) {
				const qr_area *a = &pg->areas[i];
				if (a->kind != QR_AREA_LINE || a->h != 0 ||
				    a->y >= fy)
					continue;
				nl++;
				ck_assert_double_eq_tol(a->u.line.thickness,
				    (v ? 2 : 0.5), 1e-6);
				ck_assert(a->u.line.color.r < 0.01f);
			}
			ck_assert_int_ge(nl, 1);
		}
		/* some page begins under a row with the red border */
		ck_assert(red_above);
		run_free(&r);
	}
}
END_TEST

START_TEST(e2e_display_align_from_row)
{
	/* display-align is inherited (XSL 1.1 7.14.4): set on a row, it
	 * places the row's short cells; a cell's own value wins. Each row:
	 * three lines beside one (B). */
	const char *fo = FO_HEAD
	    "<fo:table table-layout='fixed' width='200pt'>"
	    "<fo:table-column column-width='100pt'/>"
	    "<fo:table-column column-width='100pt'/><fo:table-body>"
	    "<fo:table-row display-align='center'><fo:table-cell>"
	    "<fo:block>A1a</fo:block><fo:block>A1b</fo:block>"
	    "<fo:block>A1c</fo:block></fo:table-cell><fo:table-cell>"
	    "<fo:block>B1</fo:block></fo:table-cell></fo:table-row>"
	    "<fo:table-row display-align='after'><fo:table-cell>"
	    "<fo:block>A2a</fo:block><fo:block>A2b</fo:block>"
	    "<fo:block>A2c</fo:block></fo:table-cell><fo:table-cell>"
	    "<fo:block>B2</fo:block></fo:table-cell></fo:table-row>"
	    "<fo:table-row display-align='after'><fo:table-cell>"
	    "<fo:block>A3a</fo:block><fo:block>A3b</fo:block>"
	    "<fo:block>A3c</fo:block></fo:table-cell>"
	    "<fo:table-cell display-align='before'>"
	    "<fo:block>B3</fo:block></fo:table-cell></fo:table-row>"
	    "</fo:table-body></fo:table>" FO_TAIL;
	run r;
	run_fo(&r, fo);
	const qr_page *pg = r.t->pages[0];
	ck_assert_double_gt(text_y(pg, "A1a"), 0);
	ck_assert_double_lt(fabs(text_y(pg, "B1") - text_y(pg, "A1b")), 0.01);
	ck_assert_double_lt(fabs(text_y(pg, "B2") - text_y(pg, "A2c")), 0.01);
	ck_assert_double_lt(fabs(text_y(pg, "B3") - text_y(pg, "A3a")), 0.01);
	ck_assert_double_gt(text_y(pg, "A2c"), text_y(pg, "A2a") + 1);
	run_free(&r);
}
END_TEST

START_TEST(e2e_row_delay)
{
	/* FOP's table_row-delay, table 1, in small: A spans two rows of
	 * four lines; row 2's cell C has a 12pt red border. The page has
	 * room for row 1 and A's second line but not for C's first line:
	 * the break falls in A, row 2 is delayed whole to page 2 (no red
	 * sliver of C's border at the foot of page 1, in the collapsed
	 * model no red row line either: the line waits for the row), and
	 * on page 2 C's box starts within the body, its text below its
	 * border. Both border models. */
	const char *fmt = FO_HEAD
	    "<fo:block line-height='12pt' space-after='118pt'>BEFORE</fo:block>"
	    "<fo:table table-layout='fixed' width='100%%' "
	    "border-collapse='%s' line-height='12pt'><fo:table-body>"
	    "<fo:table-row><fo:table-cell number-rows-spanned='2'>"
	    "<fo:block>A1</fo:block><fo:block>A2</fo:block>"
	    "<fo:block>A3</fo:block><fo:block>A4</fo:block></fo:table-cell>"
	    "<fo:table-cell><fo:block>B1</fo:block></fo:table-cell>"
	    "</fo:table-row><fo:table-row>"
	    "<fo:table-cell border='12pt solid red'><fo:block>C1</fo:block>"
	    "</fo:table-cell></fo:table-row></fo:table-body></fo:table>"
	    FO_TAIL;
	for (int collapse = 0; collapse < 2; collapse++) {
		char fo[4096];
		snprintf(fo, sizeof fo, fmt, collapse ? "collapse" :
		    "separate");
		run r;
		run_fo(&r, fo);
		ck_assert_uint_eq(r.t->npages, 2);
		const qr_page *p1 = r.t->pages[0], *p2 = r.t->pages[1];
		ck_assert_int_eq(count_text(p1, "A1") + count_text(p1, "A2") +
		    count_text(p1, "B1"), 3);
		ck_assert_int_eq(count_text(p1, "C1"), 0);
		ck_assert_int_eq(count_color(p1, 1, 0, 0), 0);
		ck_assert_int_eq(count_text(p2, "A3") + count_text(p2, "A4") +
		    count_text(p2, "C1"), 3);
		ck_assert_int_ge(count_color(p2, 1, 0, 0), 3);
		for (size_t i = 0; i < p2->nareas; i++) {
			const qr_area *a = &p2->areas[i];
			if (a->kind == QR_AREA_LINE && a->h == 0 &&
			    a->u.line.color.r > 0.99f)
				/* inside the body */
				ck_assert(a->y - 6 >= 20 - 0.01);
		}
		/* C's text below its 12pt top border (body top 20) */
		ck_assert(text_y(p2, "C1") - 8 >= 32 - 0.01);
		ck_assert(text_y(p2, "A3") < text_y(p2, "C1"));
		run_free(&r);
	}
}
END_TEST

#define FN_HEAD \
	"<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' " \
	"font-family='Helvetica' font-size='8pt' line-height='10pt'>" \
	"<fo:layout-master-set><fo:simple-page-master master-name='p' " \
	"page-width='220pt' page-height='100pt' margin='10pt'>" \
	"<fo:region-body/></fo:simple-page-master></fo:layout-master-set>" \
	"<fo:page-sequence master-reference='p'><fo:flow flow-name='xsl-region-body'>"
#define FN(text) "<fo:footnote><fo:inline>*</fo:inline><fo:footnote-body>" \
	"<fo:block>" text "</fo:block></fo:footnote-body></fo:footnote>"

/* A table of n one-line rows R01..; row `noted` cites CNOTE. */
static size_t rows_fo(char *fo, size_t cap, int n, int noted)
{
	size_t k = 0;
	for (int i = 1; i <= n; i++)
		k += (size_t)snprintf(fo + k, cap - k, "<fo:table-row>"
		    "<fo:table-cell><fo:block>R%02d%s</fo:block></fo:table-cell>"
		    "</fo:table-row>", i, i == noted ? FN("CNOTE") : "");
	return k;
}

START_TEST(e2e_repeated_header_notes)
{
	/* Pages of 8 lines; a header citing HNOTE, 16 rows, row 8 citing
	 * CNOTE. Every page shows the header and HNOTE once; CNOTE is set
	 * on the page of its citation although the page is then exactly
	 * full (header, 5 rows, 2 notes), as FOP does. */
	char fo[8192];
	size_t n = 0;
	n += (size_t)snprintf(fo + n, sizeof fo - n, "%s", FN_HEAD
	    "<fo:table table-layout='fixed' width='100%'><fo:table-header>"
	    "<fo:table-cell><fo:block>HEAD" FN("HNOTE") "</fo:block>"
	    "</fo:table-cell></fo:table-header><fo:table-body>");
	n += rows_fo(fo + n, sizeof fo - n, 16, 8);
	snprintf(fo + n, sizeof fo - n, "%s",
	    "</fo:table-body></fo:table>" FO_TAIL);
	run r;
	run_fo(&r, fo);
	ck_assert_uint_eq(r.t->npages, 3);
	int cited = -1, noted = -1;
	for (size_t p = 0; p < r.t->npages; p++) {
		const qr_page *pg = r.t->pages[p];
		ck_assert_int_eq(count_text(pg, "HEAD"), 1);
		ck_assert_int_eq(count_text(pg, "HNOTE"), 1);
		if (count_text(pg, "R08"))
			cited = (int)p;
		if (count_text(pg, "CNOTE"))
			noted = (int)p;
	}
	ck_assert_int_eq(cited, 1);
	ck_assert_int_eq(noted, 1);
	ck_assert_int_eq(count_text(r.t->pages[1], "R11"), 1);
	run_free(&r);
}
END_TEST

START_TEST(e2e_unrepeated_footer_note)
{
	/* table-omit-footer-at-break: the footer (citing FNOTE) is set
	 * once, at the table's end, and so is its note: not on the pages
	 * the table breaks from. */
	char fo[8192];
	size_t n = 0;
	n += (size_t)snprintf(fo + n, sizeof fo - n, "%s", FN_HEAD
	    "<fo:table table-layout='fixed' width='100%' "
	    "table-omit-footer-at-break='true'><fo:table-footer>"
	    "<fo:table-cell><fo:block>FOOT" FN("FNOTE") "</fo:block>"
	    "</fo:table-cell></fo:table-footer><fo:table-body>");
	n += rows_fo(fo + n, sizeof fo - n, 12, 0);
	snprintf(fo + n, sizeof fo - n, "%s",
	    "</fo:table-body></fo:table>" FO_TAIL);
	run r;
	run_fo(&r, fo);
	ck_assert_uint_ge(r.t->npages, 2);
	for (size_t p = 0; p < r.t->npages; p++) {
		const qr_page *pg = r.t->pages[p];
		int last = p + 1 == r.t->npages;
		ck_assert_int_eq(count_text(pg, "FOOT"), last);
		ck_assert_int_eq(count_text(pg, "FNOTE"), last);
	}
	run_free(&r);
}
END_TEST

START_TEST(e2e_nested_header_notes)
{
	/* A table nested in a cell, its header citing INOTE and its footer
	 * FNOTE, over several pages: the outer table repeats the inner
	 * header and footer on every page, so each page sets both notes
	 * once. */
	char fo[8192];
	size_t n = 0;
	n += (size_t)snprintf(fo + n, sizeof fo - n, "%s", FN_HEAD
	    "<fo:table table-layout='fixed' width='100%'><fo:table-body>"
	    "<fo:table-row><fo:table-cell>"
	    "<fo:table table-layout='fixed' width='100%'><fo:table-header>"
	    "<fo:table-cell><fo:block>IHEAD" FN("INOTE") "</fo:block>"
	    "</fo:table-cell></fo:table-header><fo:table-footer>"
	    "<fo:table-cell><fo:block>IFOOT" FN("FNOTE") "</fo:block>"
	    "</fo:table-cell></fo:table-footer><fo:table-body>");
	n += rows_fo(fo + n, sizeof fo - n, 10, 0);
	snprintf(fo + n, sizeof fo - n, "%s",
	    "</fo:table-body></fo:table></fo:table-cell></fo:table-row>"
	    "</fo:table-body></fo:table>" FO_TAIL);
	run r;
	run_fo(&r, fo);
	ck_assert_uint_ge(r.t->npages, 3);
	int rows = 0;
	for (size_t p = 0; p < r.t->npages; p++) {
		const qr_page *pg = r.t->pages[p];
		ck_assert_int_eq(count_text(pg, "IHEAD"), 1);
		ck_assert_int_eq(count_text(pg, "INOTE"), 1);
		ck_assert_int_eq(count_text(pg, "IFOOT"), 1);
		ck_assert_int_eq(count_text(pg, "FNOTE"), 1);
		for (int i = 1; i <= 10; i++) {
			char id[8];
			snprintf(id, sizeof id, "R%02d", i);
			rows += count_text(pg, id);
		}
	}
	ck_assert_int_eq(rows, 10);
	run_free(&r);
}
END_TEST

static Suite *table_suite(void)
{
	Suite *s = suite_create("table");
	TCase *tc = tcase_create("pure");
	tcase_add_test(tc, widths_fixed_mixed);
	tcase_add_test(tc, widths_unset_are_proportional);
	tcase_add_test(tc, widths_fixed_overfull);
	tcase_add_test(tc, widths_prop_with_abs_part);
	tcase_add_test(tc, columns_place_repeat_and_number);
	tcase_add_test(tc, widths_auto_ranges);
	tcase_add_test(tc, grid_spans);
	tcase_add_test(tc, grid_column_number_and_growth);
	tcase_add_test(tc, border_winner_rules);
	tcase_add_test(tc, collapse_segments);
	tcase_add_test(tc, collapse_row_groups);
	suite_add_tcase(s, tc);
	TCase *e2e = tcase_create("layout");
	tcase_set_timeout(e2e, 60);
	tcase_add_test(e2e, e2e_tall_cell_continues_with_header);
	tcase_add_test(e2e, e2e_keep_together_row);
	tcase_add_test(e2e, e2e_columns_and_spans);
	tcase_add_test(e2e, e2e_uneven_lines_split);
	tcase_add_test(e2e, e2e_empty_cells_hide);
	tcase_add_test(e2e, e2e_display_align_from_row);
	tcase_add_test(e2e, e2e_cell_conditionality_separate);
	tcase_add_test(e2e, e2e_cell_conditionality_collapsed);
	tcase_add_test(e2e, e2e_retained_border_under_header);
	tcase_add_test(e2e, e2e_head_line_between_rows);
	tcase_add_test(e2e, e2e_page_top_line_no_header);
	tcase_add_test(e2e, e2e_split_table_new_width);
	tcase_add_test(e2e, e2e_split_table_header_grows);
	tcase_add_test(e2e, e2e_table_border_padding_retain);
	tcase_add_test(e2e, e2e_rules_one_per_edge);
	tcase_add_test(e2e, e2e_row_delay);
	tcase_add_test(e2e, e2e_repeated_header_notes);
	tcase_add_test(e2e, e2e_unrepeated_footer_note);
	tcase_add_test(e2e, e2e_nested_header_notes);
	suite_add_tcase(s, e2e);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(table_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
