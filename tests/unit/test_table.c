/* test_table.c: table layout: column widths, the cell grid with spans,
 * collapsed border resolution, and tables laid out end to end. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
