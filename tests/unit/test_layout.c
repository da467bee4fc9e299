/* test_layout.c: block and page layout: folios, keep penalties, vertical
 * lists and fragments, and whole FO documents laid out into area trees
 * (page breaks, keeps, footnotes, markers, citations, links, limits). */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "area.h"
#include "context.h"
#include "fo.h"
#include "font.h"
#include "layout.h"
#include "layout_int.h"

static int ndiag, nkeep, noverflow, nlimit, nerror;

static void
capture(const quire_diagnostic *d, void *user)
{
	(void)user;
	ndiag++;
	if (strcmp(d->code, "keep-broken") == 0)
		nkeep++;
	if (strcmp(d->code, "overflow") == 0)
		noverflow++;
	if (strcmp(d->code, "limit") == 0)
		nlimit++;
	if (d->severity == QUIRE_ERROR)
		nerror++;
}

/* ---- pure parts ---------------------------------------------------------- */

START_TEST(folio_formats)
{
	char b[64];

	ck_assert_str_eq(qr_layout_format_number(7, "1", b, sizeof b), "7");
	ck_assert_str_eq(qr_layout_format_number(4, "i", b, sizeof b), "iv");
	ck_assert_str_eq(qr_layout_format_number(1999, "I", b, sizeof b),
	    "MCMXCIX");
	ck_assert_str_eq(qr_layout_format_number(28, "a", b, sizeof b), "ab");
	ck_assert_str_eq(qr_layout_format_number(26, "A", b, sizeof b), "Z");
	ck_assert_str_eq(qr_layout_format_number(3, "01", b, sizeof b), "03");
	ck_assert_str_eq(qr_layout_format_number(12, "001", b, sizeof b),
	    "012");
	ck_assert_str_eq(qr_layout_format_number(7, "- 1 -", b, sizeof b),
	    "- 7 -");
	ck_assert_str_eq(qr_layout_format_number(5, NULL, b, sizeof b), "5");
	/* roman has no zero: decimal instead */
	ck_assert_str_eq(qr_layout_format_number(0, "i", b, sizeof b), "0");
}
END_TEST

START_TEST(keep_penalties)
{
	ck_assert_int_eq(qr_layout_keep_penalty(0), 0);
	ck_assert_int_eq(qr_layout_keep_penalty(INT_MAX), QR_PEN_INF);
	ck_assert_int_gt(qr_layout_keep_penalty(1), 0);
	ck_assert_int_lt(qr_layout_keep_penalty(1), QR_PEN_INF);
	ck_assert_int_gt(qr_layout_keep_penalty(5), qr_layout_keep_penalty(1));
	ck_assert_int_lt(qr_layout_keep_penalty(1000000), QR_PEN_INF);
}
END_TEST

static double painted_y[16];
static int npainted;

static void
rec_paint(qr_layout *lo, const void *data, qr_page *pg, double x,
    double y_top, double w, double h)
{
	qr_area *a = qr_area_add(lo->tree, pg, QR_AREA_FILL);

	(void)data;
	a->x = x;
	a->y = y_top;
	a->w = w;
	a->h = h;
	if (npainted < 16)
		painted_y[npainted++] = y_top;
}

START_TEST(vlist_fragment)
{
	quire *q = quire_new();
	qr_layout lo;
	qr_vlist l;
	qr_vblock b;
	qr_openstack st = {NULL, 0, 0};
	qr_page *pg;
	double y;

	memset(&lo, 0, sizeof lo);
	lo.q = q;
	lo.tree = qr_area_tree_new();
	pg = qr_area_page_add(lo.tree, 100, 200);
	memset(&b, 0, sizeof b);
	b.x = 5;
	b.w = 50;
	b.has_background = 1;
	b.background.r = 1;
	b.border[QR_TOP] = 2;
	b.border[QR_BOTTOM] = 2;
	b.border_style[QR_TOP] = QR_BORDER_SOLID;
	b.border_style[QR_BOTTOM] = QR_BORDER_SOLID;
	b.retain_before = 1;
	qr_vlist_init(&l);
	ck_assert_int_eq(qr_vlist_glue(&lo, &l, 12, 0, 0, 0), 0); /* top */
	ck_assert_int_eq(qr_vlist_mark(&lo, &l, QR_MARK_BLOCK_OPEN, &b), 0);
	ck_assert_int_eq(qr_vlist_box(&lo, &l, 2, 5, 50, NULL, NULL), 0);
	ck_assert_int_eq(qr_vlist_box(&lo, &l, 10, 7, 46, rec_paint, NULL), 0);
	ck_assert_int_eq(qr_vlist_penalty(&lo, &l, 0, 0), 0);
	ck_assert_int_eq(qr_vlist_glue(&lo, &l, 4, 0, 0, 0), 0);
	ck_assert_int_eq(qr_vlist_box(&lo, &l, 10, 7, 46, rec_paint, NULL), 0);
	ck_assert_int_eq(qr_vlist_box(&lo, &l, 2, 5, 50, NULL, NULL), 0);
	ck_assert_int_eq(qr_vlist_mark(&lo, &l, QR_MARK_BLOCK_CLOSE, &b), 0);
	ck_assert_uint_eq(l.n, 9);
	ck_assert(qr_vlist_height(&l, 0, l.n) == 40);

	/* First fragment: up to the penalty. The space on top goes. */
	npainted = 0;
	y = qr_layout_paint_fragment(&lo, &l, 0, 4, pg, 10, 20, &st, NULL);
	ck_assert(y == 32);
	ck_assert_int_eq(npainted, 1);
	ck_assert(painted_y[0] == 22);
	ck_assert_uint_eq(st.n, 1); /* the block is still open */
	/* the background came first, then the top border, then content */
	ck_assert_int_eq(pg->areas[0].kind, QR_AREA_FILL);
	ck_assert(pg->areas[0].x == 15 && pg->areas[0].y == 22);
	ck_assert(pg->areas[0].h == 10); /* no bottom border on a break */
	ck_assert_int_eq(pg->areas[1].kind, QR_AREA_LINE);
	ck_assert(pg->areas[1].y == 21);

	/* Continuation: the retained top border is repeated, the space
	 * after the break is discarded. */
	pg = qr_area_page_add(lo.tree, 100, 200);
	npainted = 0;
	y = qr_layout_paint_fragment(&lo, &l, 5, l.n, pg, 10, 20, &st, NULL);
	ck_assert_int_eq(npainted, 1);
	ck_assert(painted_y[0] == 22);
	ck_assert(y == 34);
	ck_assert_uint_eq(st.n, 0);

	/* paint_range works out the open blocks itself */
	pg = qr_area_page_add(lo.tree, 100, 200);
	npainted = 0;
	ck_assert(qr_layout_paint_range(&lo, &l, 5, l.n, pg, 0, 0) == 14);
	qr_vlist_free(&l);
	qr_openstack_free(&st);
	qr_area_tree_free(lo.tree);
	quire_free(q);
}
END_TEST

/* A box that strokes rule pieces the way a table row slice does: its two
 * sides over its own height (the right side twice, as two cells sharing
 * an edge do), a red one on the left, and a rule along its top. */
static void
join_paint(qr_layout *lo, const void *data, qr_page *pg, double x,
    double y_top, double w, double h)
{
	qr_color black = {0, 0, 0}, red = {1, 0, 0};

	(void)data;
	qr_layout_rule_join(lo, pg, x, y_top, x, y_top + h, 1, 0, black);
	qr_layout_rule_join(lo, pg, x + w, y_top, x + w, y_top + h, 1, 0,
	    black);
	qr_layout_rule_join(lo, pg, x + w, y_top + h, x + w, y_top, 1, 0,
	    black);
	qr_layout_rule_join(lo, pg, x - 5, y_top, x - 5, y_top + h, 1, 0,
	    red);
	qr_layout_rule_join(lo, pg, x, y_top, x + w / 2, y_top, 0.5, 0,
	    black);
	qr_layout_rule_join(lo, pg, x + w / 2, y_top, x + w, y_top, 0.5, 0,
	    black);
}

START_TEST(rules_joined_per_fragment)
{
	quire *q = quire_new();
	qr_layout lo;
	qr_vlist l;
	qr_openstack st = {NULL, 0, 0};
	qr_page *pg;
	qr_color black = {0, 0, 0};
	size_t i, nv = 0, nh = 0, nred = 0;

	memset(&lo, 0, sizeof lo);
	lo.q = q;
	lo.tree = qr_area_tree_new();
	pg = qr_area_page_add(lo.tree, 100, 200);
	qr_vlist_init(&l);
	/* three slices of 10pt, then a gap of 5pt, then one more */
	ck_assert_int_eq(qr_vlist_box(&lo, &l, 10, 0, 40, join_paint, NULL), 0);
	ck_assert_int_eq(qr_vlist_box(&lo, &l, 10, 0, 40, join_paint, NULL), 0);
	ck_assert_int_eq(qr_vlist_box(&lo, &l, 10, 0, 40, join_paint, NULL), 0);
	ck_assert_int_eq(qr_vlist_box(&lo, &l, 5, 0, 40, NULL, NULL), 0);
	ck_assert_int_eq(qr_vlist_box(&lo, &l, 10, 0, 40, join_paint, NULL), 0);
	qr_layout_paint_fragment(&lo, &l, 0, l.n, pg, 10, 20, &st, NULL);
	for (i = 0; i < pg->nareas; i++) {
		const qr_area *a = &pg->areas[i];

		ck_assert_int_eq(a->kind, QR_AREA_LINE);
		if (a->u.line.color.r > 0.5) {
			nred++;
			continue;
		}
		if (a->w == 0) {
			nv++;
			/* the left and the (doubled) right side: 20..50
			 * joined, 55..65 apart */
			ck_assert(a->x == 10 || a->x == 50);
			ck_assert((a->y == 20 && a->h == 30) ||
			    (a->y == 55 && a->h == 10));
		} else {
			nh++;
			ck_assert(a->h == 0 && a->x == 10 && a->w == 40);
			ck_assert(a->u.line.thickness == 0.5);
		}
	}
	ck_assert_uint_eq(nv, 4);
	ck_assert_uint_eq(nred, 2);
	ck_assert_uint_eq(nh, 4);
	/* nothing held once the fragment is painted; outside a fragment a
	 * rule is added at once */
	ck_assert_uint_eq(lo.nrules, 0);
	ck_assert_int_eq(lo.paint_depth, 0);
	qr_layout_rule_join(&lo, pg, 0, 0, 0, 5, 1, 0, black);
	ck_assert_uint_eq(pg->nareas, 4 + 2 + 4 + 1);
	qr_layout_rules_free(&lo);
	qr_vlist_free(&l);
	qr_openstack_free(&st);
	qr_area_tree_free(lo.tree);
	quire_free(q);
}
END_TEST

START_TEST(rules_grouped_join_as_sorted)
{
	/* The join as the pieces are given (a piece extends the latest
	 * record of its line and kind while they come in order, the rest is
	 * sorted along its line when the fragment ends) adds the same areas
	 * in the same order as sorting every piece on all its keys: random pieces on a
	 * few lines, both directions, out of order, overlapping, touching,
	 * apart, of two widths, styles and colours. */
	quire *q = quire_new();
	qr_layout lo;
	unsigned seed = 77;
	int trial;

	for (trial = 0; trial < 300; trial++) {
		qr_page *pg[2];
		size_t n, k, i;
		int way;

		memset(&lo, 0, sizeof lo);
		lo.q = q;
		lo.tree = qr_area_tree_new();
		seed = seed * 1103515245u + 12345u;
		n = 1 + (seed >> 16) % 200;
		for (way = 0; way < 2; way++) {
			unsigned s = seed;

			pg[way] = qr_area_page_add(lo.tree, 100, 200);
			lo.paint_depth = 1;
			lo.rules_plain = way;
			for (k = 0; k < n; k++) {
				qr_color c = {0, 0, 0};
				double at, a0, len, w;
				int style;

				s = s * 1103515245u + 12345u;
				at = 10 * (double)((s >> 8) % 4) + (s >> 12 & 1 ?
				    0.00001 : 0);
				a0 = (double)((s >> 14) % 40) / 2;
				len = (s >> 20) % 3 == 0 ? 0.005 :
				    (double)((s >> 22) % 8);
				w = (s >> 25) % 5 == 0 ? 1 : 0.5;
				style = (s >> 27) % 7 == 0 ? QR_BORDER_DASHED :
				    QR_BORDER_SOLID;
				if ((s >> 29) % 5 == 0)
					c.r = 1;
				if ((s >> 10) % 2)
					qr_layout_rule_join(&lo, pg[way], at,
					    a0 + len, at, a0, w, style, c);
				else
					qr_layout_rule_join(&lo, pg[way], a0,
					    at, a0 + len + 0.001, at, w, style,
					    c);
			}
			qr_layout_rules_flush(&lo);
			ck_assert_uint_eq(lo.nrules, 0);
		}
		ck_assert_uint_eq(pg[0]->nareas, pg[1]->nareas);
		ck_assert_uint_le(pg[0]->nareas, n);
		for (i = 0; i < pg[0]->nareas; i++) {
			const qr_area *a = &pg[0]->areas[i], *b = &pg[1]->areas[i];

			ck_assert_msg(a->x == b->x && a->y == b->y &&
			    a->w == b->w && a->h == b->h &&
			    a->u.line.thickness == b->u.line.thickness &&
			    a->u.line.style == b->u.line.style &&
			    a->u.line.color.r == b->u.line.color.r,
			    "trial %d area %zu: %g %g %g %g vs %g %g %g %g",
			    trial, i, a->x, a->y, a->w, a->h, b->x, b->y, b->w,
			    b->h);
		}
		qr_layout_rules_free(&lo);
		qr_area_tree_free(lo.tree);
	}
	quire_free(q);
}
END_TEST

START_TEST(rules_extend_as_join)
{
	/* A painter giving lines piece after piece through tokens
	 * (qr_layout_rule_extend when the piece is of the kind of the one
	 * that set the token, else qr_layout_rule_join_tok) gets the areas,
	 * in the order, that qr_layout_rule_join gives: random runs of
	 * pieces down a few vertical lines, mostly touching, some apart,
	 * some going back up, of two widths, with a flush between some. */
	quire *q = quire_new();
	qr_layout lo;
	unsigned seed = 4242;
	int trial;

	for (trial = 0; trial < 300; trial++) {
		qr_page *pg[2];
		size_t n, k, i, nextended = 0;
		int way;

		memset(&lo, 0, sizeof lo);
		lo.q = q;
		lo.tree = qr_area_tree_new();
		seed = seed * 1103515245u + 12345u;
		n = 1 + (seed >> 16) % 300;
		for (way = 0; way < 2; way++) {
			unsigned s = seed;
			qr_rule_tok tok[4];
			double tw[4];
			double y = 0;

			memset(tok, 0, sizeof tok);
			memset(tw, 0, sizeof tw);
			pg[way] = qr_area_page_add(lo.tree, 100, 200);
			lo.paint_depth = 1;
			for (k = 0; k < n; k++) {
				qr_color c = {0, 0, 0};
				double x, len, w;
				int line;

				s = s * 1103515245u + 12345u;
				line = (int)((s >> 8) % 4);
				x = 10 * line;
				len = 1 + (double)((s >> 12) % 5);
				w = (s >> 16) % 7 == 0 ? 1 : 0.5;
				if ((s >> 20) % 11 == 0)
					y += 3; /* apart */
				else if ((s >> 20) % 13 == 0)
					y -= 4; /* back up */
				if ((s >> 24) % 61 == 0)
					qr_layout_rules_flush(&lo);
				if (way == 0) {
					qr_layout_rule_join(&lo, pg[0], x, y,
					    x, y + len, w, QR_BORDER_SOLID, c);
				} else if (tw[line] == w &&
				    qr_layout_rule_extend(&lo, pg[1],
				    &tok[line], y, y + len)) {
					nextended++;
				} else {
					qr_layout_rule_join_tok(&lo, pg[1], x,
					    y, x, y + len, w, QR_BORDER_SOLID,
					    c, &tok[line]);
					tw[line] = w;
				}
				if ((s >> 28) % 3)
					y += len;
			}
			qr_layout_rules_flush(&lo);
			ck_assert_uint_eq(lo.nrules, 0);
		}
		if (n > 20)
			ck_assert_uint_gt(nextended, 0);
		ck_assert_uint_eq(pg[0]->nareas, pg[1]->nareas);
		for (i = 0; i < pg[0]->nareas; i++) {
			const qr_area *a = &pg[0]->areas[i], *b = &pg[1]->areas[i];

			ck_assert_msg(a->x == b->x && a->y == b->y &&
			    a->w == b->w && a->h == b->h &&
			    a->u.line.thickness == b->u.line.thickness,
			    "trial %d area %zu: %g %g %g %g vs %g %g %g %g",
			    trial, i, a->x, a->y, a->w, a->h, b->x, b->y, b->w,
			    b->h);
		}
		qr_layout_rules_free(&lo);
		qr_area_tree_free(lo.tree);
	}
	quire_free(q);
}
END_TEST

/* ---- whole documents ------------------------------------------------------- */

#define FO_HEAD \
	"<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'>" \
	"<fo:layout-master-set>" \
	"<fo:simple-page-master master-name='p' page-width='200pt' " \
	"page-height='200pt' margin='20pt'>" \
	"<fo:region-body margin-top='20pt' margin-bottom='20pt'/>" \
	"<fo:region-before extent='20pt'/><fo:region-after extent='20pt'/>" \
	"</fo:simple-page-master></fo:layout-master-set>"
/* region-body: x 20..180, y 40..160 (120pt high) */

typedef struct doc {
	quire *q;
	qr_fo_doc *fo;
	qr_fonts *fonts;
	qr_area_tree *t;
} doc;

static void
render(doc *d, const char *fo)
{
	memset(d, 0, sizeof *d);
	ndiag = nkeep = noverflow = nlimit = nerror = 0;
	d->q = quire_new();
	ck_assert_ptr_nonnull(d->q);
	quire_set_diagnostic_handler(d->q, capture, NULL);
	d->fo = qr_fo_read_memory(d->q, fo, strlen(fo), "t.fo");
	ck_assert_ptr_nonnull(d->fo);
	d->fonts = qr_fonts_new(d->q);
	ck_assert_ptr_nonnull(d->fonts);
	d->t = qr_layout_run(d->q, d->fo, d->fonts);
}

static void
done(doc *d)
{
	qr_area_tree_free(d->t);
	qr_fonts_free(d->fonts);
	qr_fo_doc_free(d->fo);
	quire_free(d->q);
}

/* The page (0-based) holding a text area containing s, and its y; -1. */
static int
find_text(const qr_area_tree *t, const char *s, double *y)
{
	size_t p, k, n = strlen(s);

	for (p = 0; p < t->npages; p++)
		for (k = 0; k < t->pages[p]->nareas; k++) {
			const qr_area *a = &t->pages[p]->areas[k];
			size_t i;

			if (a->kind != QR_AREA_TEXT || a->u.text.len < n)
				continue;
			for (i = 0; i + n <= a->u.text.len; i++)
				if (memcmp(a->u.text.utf8 + i, s, n) == 0) {
					if (y != NULL)
						*y = a->y;
					return (int)p;
				}
		}
	return -1;
}

/* True when page p's text runs, joined with spaces, contain s. */
static int
page_has(const qr_area_tree *t, size_t p, const char *s)
{
	char buf[8192];
	size_t k, o = 0;

	buf[0] = '\0';
	for (k = 0; k < t->pages[p]->nareas; k++) {
		const qr_area *a = &t->pages[p]->areas[k];

		if (a->kind != QR_AREA_TEXT || o + a->u.text.len + 2 >= sizeof buf)
			continue;
		if (o > 0)
			buf[o++] = ' ';
		memcpy(buf + o, a->u.text.utf8, a->u.text.len);
		o += a->u.text.len;
		buf[o] = '\0';
	}
	return strstr(buf, s) != NULL;
}

static char *
many_paras(const char *prefix, int n, const char *attrs)
{
	size_t cap = 200 + (size_t)n * 160;
	char *b = malloc(cap);
	size_t o = 0;
	int i;

	for (i = 0; i < n; i++)
		o += (size_t)snprintf(b + o, cap - o,
		    "<fo:block %s>%s%d lorem ipsum dolor</fo:block>", attrs,
		    prefix, i);
	return b;
}

START_TEST(pages_flow_and_stay_in_body)
{
	char *paras = many_paras("P", 60, "");
	char *fo = malloc(strlen(paras) + 1000);
	doc d;
	size_t p, k;
	int p0, p59;

	sprintf(fo, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:flow flow-name='xsl-region-body' font-size='10pt'>%s"
	    "</fo:flow></fo:page-sequence></fo:root>", paras);
	render(&d, fo);
	ck_assert_ptr_nonnull(d.t);
	/* 60 lines of 12pt in 120pt pages: 10 a page */
	ck_assert_uint_eq(d.t->npages, 6);
	for (p = 0; p < d.t->npages; p++)
		for (k = 0; k < d.t->pages[p]->nareas; k++) {
			const qr_area *a = &d.t->pages[p]->areas[k];

			if (a->kind != QR_AREA_TEXT)
				continue;
			ck_assert(a->y > 40 && a->y < 160);
			ck_assert(a->x >= 20 && a->x + a->w <= 180.01);
		}
	p0 = find_text(d.t, "P0 ", NULL);
	p59 = find_text(d.t, "P59 ", NULL);
	ck_assert_int_eq(p0, 0);
	ck_assert_int_eq(p59, 5);
	ck_assert_str_eq(d.t->pages[2]->label, "3");
	done(&d);
	free(paras);
	free(fo);
}
END_TEST

START_TEST(breaks_and_blank_pages)
{
	doc d;

	render(&d, FO_HEAD "<fo:page-sequence master-reference='p' "
	    "initial-page-number='5' format='i'>"
	    "<fo:flow flow-name='xsl-region-body'>"
	    "<fo:block>One</fo:block>"
	    "<fo:block break-before='page'>Two</fo:block>"
	    "<fo:block break-before='odd-page'>Three</fo:block>"
	    "<fo:block break-after='page'>Four</fo:block>"
	    "</fo:flow></fo:page-sequence></fo:root>");
	ck_assert_ptr_nonnull(d.t);
	/* v: One, vi: Two, vii: Three+Four (odd already); no page after a
	 * trailing break-after */
	ck_assert_uint_eq(d.t->npages, 3);
	ck_assert_int_eq(find_text(d.t, "One", NULL), 0);
	ck_assert_int_eq(find_text(d.t, "Two", NULL), 1);
	ck_assert_int_eq(find_text(d.t, "Three", NULL), 2);
	ck_assert_str_eq(d.t->pages[0]->label, "v");
	ck_assert_str_eq(d.t->pages[2]->label, "vii");
	done(&d);

	render(&d, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:flow flow-name='xsl-region-body'>"
	    "<fo:block>One</fo:block>"
	    "<fo:block break-before='odd-page'>Three</fo:block>"
	    "</fo:flow></fo:page-sequence></fo:root>");
	ck_assert_ptr_nonnull(d.t);
	ck_assert_uint_eq(d.t->npages, 3); /* page 2 is blank */
	ck_assert_int_eq(find_text(d.t, "Three", NULL), 2);
	ck_assert_uint_eq(d.t->pages[1]->nareas, 0);
	done(&d);
}
END_TEST

START_TEST(force_page_count_and_auto_odd)
{
	doc d;

	render(&d, FO_HEAD "<fo:page-sequence master-reference='p' "
	    "force-page-count='even'><fo:flow flow-name='xsl-region-body'>"
	    "<fo:block>A</fo:block></fo:flow></fo:page-sequence>"
	    "<fo:page-sequence master-reference='p' initial-page-number="
	    "'auto-odd' force-page-count='no-force'>"
	    "<fo:flow flow-name='xsl-region-body'><fo:block>B</fo:block>"
	    "</fo:flow></fo:page-sequence>"
	    "<fo:page-sequence master-reference='p' initial-page-number="
	    "'auto-odd'><fo:flow flow-name='xsl-region-body'>"
	    "<fo:block>C</fo:block></fo:flow></fo:page-sequence></fo:root>");
	ck_assert_ptr_nonnull(d.t);
	/* A on 1, blank 2 (even count), B on 3, C must be odd: 5, and
	 * no-force keeps page 4 out... auto-odd numbers C as 5 with a gap */
	ck_assert_int_eq(find_text(d.t, "A", NULL), 0);
	ck_assert_int_eq(find_text(d.t, "B", NULL), 2);
	ck_assert_str_eq(d.t->pages[2]->label, "3");
	ck_assert_str_eq(d.t->pages[d.t->npages - 1]->label, "5");
	done(&d);
}
END_TEST

START_TEST(keep_with_next_moves_heading)
{
	char *paras = many_paras("P", 9, "");
	char *fo = malloc(strlen(paras) + 1000);
	doc d;

	/* 9 lines + a heading kept with its paragraph: the heading would
	 * be the 10th line of page 1; it goes to page 2 with it. */
	sprintf(fo, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:flow flow-name='xsl-region-body' font-size='10pt'>%s"
	    "<fo:block keep-with-next='always'>Heading</fo:block>"
	    "<fo:block>After heading</fo:block>"
	    "</fo:flow></fo:page-sequence></fo:root>", paras);
	render(&d, fo);
	ck_assert_ptr_nonnull(d.t);
	ck_assert_int_eq(find_text(d.t, "Heading", NULL), 1);
	ck_assert_int_eq(find_text(d.t, "After", NULL), 1);
	ck_assert_int_eq(find_text(d.t, "P8 ", NULL), 0);
	done(&d);
	free(paras);
	free(fo);
}
END_TEST

START_TEST(impossible_keep_is_broken_once)
{
	char *paras = many_paras("P", 30, "");
	char *fo = malloc(strlen(paras) + 1000);
	doc d;

	sprintf(fo, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:flow flow-name='xsl-region-body' font-size='10pt'>"
	    "<fo:block keep-together.within-page='always'>%s</fo:block>"
	    "</fo:flow></fo:page-sequence></fo:root>", paras);
	render(&d, fo);
	ck_assert_ptr_nonnull(d.t);
	ck_assert_uint_eq(d.t->npages, 3);
	ck_assert_int_ge(nkeep, 1);
	ck_assert_int_eq(find_text(d.t, "P29 ", NULL), 2);
	done(&d);
	free(paras);
	free(fo);
}
END_TEST

START_TEST(widows_and_orphans)
{
	char *paras = many_paras("P", 9, "");
	char *fo = malloc(strlen(paras) + 2000);
	doc d;
	double y;

	/* 9 lines, then a 3-line paragraph (narrow): only one line would
	 * fit on page 1; orphans=2 moves the whole paragraph. */
	sprintf(fo, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:flow flow-name='xsl-region-body' font-size='10pt'>%s"
	    "<fo:block end-indent='100pt'>Alpha beta gamma delta epsilon "
	    "zeta eta theta iota kappa</fo:block>"
	    "</fo:flow></fo:page-sequence></fo:root>", paras);
	render(&d, fo);
	ck_assert_ptr_nonnull(d.t);
	ck_assert_int_eq(find_text(d.t, "Alpha", &y), 1);
	done(&d);
	free(paras);
	free(fo);
}
END_TEST

START_TEST(footnote_on_citing_page)
{
	char *paras = many_paras("P", 8, "");
	char *fo = malloc(strlen(paras) + 2000);
	doc d;
	double yb, yf, yc;
	int pc, pf;

	/* The 9th line cites a 2-line footnote: 9 + 2 lines do not fit in
	 * 10, so the citing line moves to page 2 with its note. */
	sprintf(fo, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:static-content flow-name='xsl-footnote-separator'>"
	    "<fo:block><fo:leader leader-pattern='rule' leader-length='50pt'"
	    "/></fo:block></fo:static-content>"
	    "<fo:flow flow-name='xsl-region-body' font-size='10pt'>%s"
	    "<fo:block>Cites<fo:footnote><fo:inline>1</fo:inline>"
	    "<fo:footnote-body><fo:block>Noteone</fo:block><fo:block>Notetwo"
	    "</fo:block></fo:footnote-body></fo:footnote> here</fo:block>"
	    "<fo:block>Last</fo:block>"
	    "</fo:flow></fo:page-sequence></fo:root>", paras);
	render(&d, fo);
	ck_assert_ptr_nonnull(d.t);
	pc = find_text(d.t, "Cites", &yc);
	pf = find_text(d.t, "Noteone", &yf);
	ck_assert_int_ge(pc, 0);
	ck_assert_int_eq(pc, pf);
	ck_assert_int_eq(find_text(d.t, "Notetwo", NULL), pf);
	/* the note sits at the foot of the body, below the text */
	find_text(d.t, "Last", &yb);
	ck_assert(yf > yb);
	ck_assert(yf < 160);
	done(&d);
	free(paras);
	free(fo);
}
END_TEST

START_TEST(long_footnote_splits)
{
	char *notes = many_paras("N", 25, "");
	char *fo = malloc(strlen(notes) + 2000);
	doc d;
	int p0, plast;

	sprintf(fo, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:flow flow-name='xsl-region-body' font-size='10pt'>"
	    "<fo:block>Cites<fo:footnote><fo:inline>1</fo:inline>"
	    "<fo:footnote-body>%s</fo:footnote-body></fo:footnote></fo:block>"
	    "<fo:block>Next</fo:block>"
	    "</fo:flow></fo:page-sequence></fo:root>", notes);
	render(&d, fo);
	ck_assert_ptr_nonnull(d.t);
	p0 = find_text(d.t, "N0 ", NULL);
	plast = find_text(d.t, "N24 ", NULL);
	ck_assert_int_eq(find_text(d.t, "Cites", NULL), 0);
	ck_assert_int_eq(p0, 0);
	ck_assert_int_gt(plast, 0); /* continued, never lost */
	ck_assert_int_ge(find_text(d.t, "N12 ", NULL), 0);
	done(&d);
	free(notes);
	free(fo);
}
END_TEST

START_TEST(footnote_splits_to_keep_its_line)
{
	char *paras = many_paras("P", 6, "");
	char *notes = many_paras("N", 5, "");
	char *fo = malloc(strlen(paras) + strlen(notes) + 2000);
	doc d;

	/* 7 lines and a 5-line note do not fit in 10 lines: the citing line
	 * stays with the first lines of its note, which continues on page
	 * 2 above that page's own text. */
	sprintf(fo, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:flow flow-name='xsl-region-body' font-size='10pt'>%s"
	    "<fo:block>Cites<fo:footnote><fo:inline>1</fo:inline>"
	    "<fo:footnote-body>%s</fo:footnote-body></fo:footnote></fo:block>"
	    "<fo:block>Next</fo:block>"
	    "</fo:flow></fo:page-sequence></fo:root>", paras, notes);
	render(&d, fo);
	ck_assert_ptr_nonnull(d.t);
	ck_assert_int_eq(find_text(d.t, "Cites", NULL), 0);
	ck_assert_int_eq(find_text(d.t, "N0 ", NULL), 0);
	ck_assert_int_eq(find_text(d.t, "N4 ", NULL), 1);
	done(&d);
	free(paras);
	free(notes);
	free(fo);
}
END_TEST

START_TEST(citations_forward_and_links)
{
	char *paras = many_paras("P", 25, "");
	char *fo = malloc(strlen(paras) + 2000);
	doc d;
	size_t k;
	int links = 0;

	sprintf(fo, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:flow flow-name='xsl-region-body' font-size='10pt'>"
	    "<fo:block>See page <fo:page-number-citation ref-id='far'/> and "
	    "<fo:basic-link internal-destination='far'>link</fo:basic-link>"
	    "</fo:block>%s"
	    "<fo:block id='far'>Target</fo:block>"
	    "</fo:flow></fo:page-sequence></fo:root>", paras);
	render(&d, fo);
	ck_assert_ptr_nonnull(d.t);
	ck_assert_int_eq(find_text(d.t, "Target", NULL), 2);
	ck_assert_int_eq(find_text(d.t, "3", NULL), 0);
	for (k = 0; k < d.t->pages[0]->nareas; k++) {
		const qr_area *a = &d.t->pages[0]->areas[k];

		if (a->kind == QR_AREA_LINK && a->u.link.uri == NULL) {
			ck_assert_int_eq(a->u.link.dest_page, 2);
			ck_assert(a->u.link.dest_y >= 40);
			links++;
		}
	}
	ck_assert_int_eq(links, 1);
	done(&d);
	free(paras);
	free(fo);
}
END_TEST

/* The area dump of a document laid out with or without sparing the
 * second pass (struct quire's layout_full_passes); *passes gets the
 * number of passes it took. malloc'd. */
static char *
dump_of(const char *fo, int full, int *passes)
{
	doc d;
	char *buf = NULL;
	size_t n = 0;
	FILE *fp;

	memset(&d, 0, sizeof d);
	ndiag = nkeep = noverflow = nlimit = nerror = 0;
	d.q = quire_new();
	ck_assert_ptr_nonnull(d.q);
	quire_set_diagnostic_handler(d.q, capture, NULL);
	d.q->layout_full_passes = full;
	d.fo = qr_fo_read_memory(d.q, fo, strlen(fo), "t.fo");
	ck_assert_ptr_nonnull(d.fo);
	d.fonts = qr_fonts_new(d.q);
	ck_assert_ptr_nonnull(d.fonts);
	d.t = qr_layout_run(d.q, d.fo, d.fonts);
	ck_assert_ptr_nonnull(d.t);
	*passes = d.q->layout_passes;
	fp = open_memstream(&buf, &n);
	ck_assert_ptr_nonnull(fp);
	qr_area_dump(d.t, fp);
	fclose(fp);
	done(&d);
	return buf;
}

/* A frontsheet of forward citations whose numbers are wider than the
 * placeholders laid out in the first pass. Where the paragraphs break
 * into the same lines with the real numbers (right-aligned ranges, a
 * dot leader, a short cited line), only those paragraphs are laid out
 * again and painted: one pass, and the same areas as the two passes of
 * laying everything out again. Where the lines change (a narrow block
 * whose citation no longer fits beside its words), or a table was sized
 * with the guessed widths, the second pass is still run. */
START_TEST(citations_settled_without_second_pass)
{
	static const char *const front[] = {
		/* lines stay: one pass */
		"<fo:block text-align='end'>Report A, pages "
		"<fo:page-number-citation ref-id='a'/>-"
		"<fo:page-number-citation-last ref-id='a'/></fo:block>"
		"<fo:block text-align-last='justify'>Report B<fo:leader "
		"leader-pattern='dots'/><fo:page-number-citation ref-id='b'/>"
		"</fo:block>"
		"<fo:block text-align='justify'>The figures of the year and "
		"the forecast that goes with them are in report B, page "
		"<fo:page-number-citation ref-id='b'/>.</fo:block>",
		/* the citation moves to the next line: two passes */
		"<fo:block end-indent='118pt'>Pages "
		"<fo:page-number-citation ref-id='a'/></fo:block>",
		/* an automatic table measured the guess: two passes */
		"<fo:table><fo:table-body><fo:table-row><fo:table-cell>"
		"<fo:block>Page <fo:page-number-citation ref-id='b'/>"
		"</fo:block></fo:table-cell><fo:table-cell><fo:block>Report B"
		"</fo:block></fo:table-cell></fo:table-row></fo:table-body>"
		"</fo:table>",
	};
	static const int passes_expected[] = {1, 2, 2};
	char *paras = many_paras("P", 30, "");
	char *fo = malloc(strlen(paras) + 4000);
	size_t k;

	for (k = 0; k < sizeof front / sizeof front[0]; k++) {
		char *one, *two;
		int p1, p2;

		sprintf(fo, FO_HEAD "<fo:page-sequence master-reference='p'>"
		    "<fo:flow flow-name='xsl-region-body' font-size='10pt'>"
		    "%s</fo:flow></fo:page-sequence>"
		    "<fo:page-sequence master-reference='p' "
		    "initial-page-number='9997'>"
		    "<fo:flow flow-name='xsl-region-body' font-size='10pt'>"
		    "<fo:block id='a'>%s</fo:block>"
		    "<fo:block id='b'>Report B</fo:block>"
		    "</fo:flow></fo:page-sequence></fo:root>", front[k], paras);
		one = dump_of(fo, 0, &p1);
		ck_assert_int_eq(nerror, 0);
		two = dump_of(fo, 1, &p2);
		ck_assert_str_eq(one, two);
		ck_assert_int_eq(p1, passes_expected[k]);
		ck_assert_int_eq(p2, 2);
		if (k == 0) {
			/* the numbers are the real ones */
			ck_assert_ptr_nonnull(strstr(one, "9997"));
			ck_assert_ptr_nonnull(strstr(one, "10000"));
		}
		free(one);
		free(two);
	}
	free(paras);
	free(fo);
}
END_TEST

START_TEST(static_content_markers_and_page_numbers)
{
	char *fo = malloc(4000);
	doc d;
	double y;

	sprintf(fo, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:static-content flow-name='xsl-region-before'><fo:block>"
	    "Head <fo:retrieve-marker retrieve-class-name='s'/></fo:block>"
	    "</fo:static-content>"
	    "<fo:static-content flow-name='xsl-region-after'><fo:block>"
	    "Page <fo:page-number/> of <fo:page-number-citation-last "
	    "ref-id='seq'/></fo:block></fo:static-content>"
	    "<fo:flow flow-name='xsl-region-body' font-size='10pt'>"
	    "<fo:block id='seq'>"
	    "<fo:block><fo:marker marker-class-name='s'>Alpha</fo:marker>"
	    "First</fo:block>"
	    "<fo:block break-before='page'><fo:marker marker-class-name='s'>"
	    "Beta</fo:marker>Second</fo:block>"
	    "<fo:block break-before='page'>Third</fo:block>"
	    "</fo:block></fo:flow></fo:page-sequence></fo:root>");
	render(&d, fo);
	ck_assert_ptr_nonnull(d.t);
	ck_assert_uint_eq(d.t->npages, 3);
	ck_assert_int_eq(find_text(d.t, "Alpha", &y), 0);
	ck_assert(y < 40);
	ck_assert_int_eq(find_text(d.t, "Beta", NULL), 1);
	/* page 3 has no marker of its own: the last one before it */
	ck_assert(page_has(d.t, 2, "Head Beta"));
	/* citation-last of a block spanning pages: its last page, on every
	 * page (forward from pages 1 and 2) */
	ck_assert(page_has(d.t, 0, "Page 1 of 3"));
	ck_assert(page_has(d.t, 1, "Page 2 of 3"));
	ck_assert(page_has(d.t, 2, "Page 3 of 3"));
	done(&d);
	free(fo);
}
END_TEST

START_TEST(page_sequence_ids)
{
	doc d;

	render(&d, FO_HEAD "<fo:page-sequence master-reference='p' id='one'>"
	    "<fo:static-content flow-name='xsl-region-after'><fo:block>"
	    "Of <fo:page-number-citation-last ref-id='one'/> and "
	    "<fo:page-number-citation ref-id='two'/></fo:block>"
	    "</fo:static-content>"
	    "<fo:flow flow-name='xsl-region-body'><fo:block>A</fo:block>"
	    "<fo:block break-before='page'>B</fo:block></fo:flow>"
	    "</fo:page-sequence>"
	    "<fo:page-sequence master-reference='p' id='two'>"
	    "<fo:flow flow-name='xsl-region-body'><fo:block>C</fo:block>"
	    "</fo:flow></fo:page-sequence></fo:root>");
	ck_assert_ptr_nonnull(d.t);
	ck_assert_uint_eq(d.t->npages, 3);
	ck_assert(page_has(d.t, 0, "Of 2 and 3"));
	ck_assert(page_has(d.t, 1, "Of 2 and 3"));
	done(&d);
}
END_TEST

START_TEST(flow_skips_pages_of_other_regions)
{
	doc d;

	render(&d, "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'>"
	    "<fo:layout-master-set>"
	    "<fo:simple-page-master master-name='cover' page-width='200pt' "
	    "page-height='200pt'><fo:region-body region-name='art'/>"
	    "</fo:simple-page-master>"
	    "<fo:simple-page-master master-name='text' page-width='200pt' "
	    "page-height='200pt'><fo:region-body/></fo:simple-page-master>"
	    "<fo:page-sequence-master master-name='m'>"
	    "<fo:single-page-master-reference master-reference='cover'/>"
	    "<fo:repeatable-page-master-reference master-reference='text'/>"
	    "</fo:page-sequence-master></fo:layout-master-set>"
	    "<fo:page-sequence master-reference='m'>"
	    "<fo:static-content flow-name='art'><fo:block>Cover art"
	    "</fo:block></fo:static-content>"
	    "<fo:flow flow-name='xsl-region-body'><fo:block>Body text</fo:block>"
	    "</fo:flow></fo:page-sequence></fo:root>");
	ck_assert_ptr_nonnull(d.t);
	ck_assert_uint_eq(d.t->npages, 2);
	ck_assert_int_eq(find_text(d.t, "Body", NULL), 1);
	done(&d);
}
END_TEST

START_TEST(list_label_beside_body)
{
	doc d;
	double yl, yb;

	render(&d, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:flow flow-name='xsl-region-body' font-size='10pt'>"
	    "<fo:list-block provisional-distance-between-starts='30pt'>"
	    "<fo:list-item><fo:list-item-label end-indent='label-end()'>"
	    "<fo:block>L1</fo:block></fo:list-item-label>"
	    "<fo:list-item-body start-indent='body-start()'><fo:block>Body one"
	    "</fo:block></fo:list-item-body></fo:list-item>"
	    "</fo:list-block></fo:flow></fo:page-sequence></fo:root>");
	ck_assert_ptr_nonnull(d.t);
	ck_assert_int_eq(find_text(d.t, "L1", &yl), 0);
	ck_assert_int_eq(find_text(d.t, "Body", &yb), 0);
	ck_assert(yl == yb);
	{
		size_t k;

		for (k = 0; k < d.t->pages[0]->nareas; k++) {
			const qr_area *a = &d.t->pages[0]->areas[k];

			if (a->kind == QR_AREA_TEXT && a->u.text.len >= 4 &&
			    memcmp(a->u.text.utf8, "Body", 4) == 0)
				ck_assert(a->x >= 50 - 0.01);
		}
	}
	done(&d);
}
END_TEST

START_TEST(list_label_taller_than_first_line)
{
	/* A label taller than the body's first line (a raised footnote
	 * number) reaches down beside the next lines, which keep their
	 * spacing; the item is as tall as the taller of the two; no page
	 * break falls beside the label. Lines are 12pt apart. */
	doc d;
	double y1, y2, y3, yn, yl3;
	int p;

	render(&d, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:flow flow-name='xsl-region-body' font-size='10pt' "
	    "line-height='12pt'>"
	    "<fo:list-block provisional-distance-between-starts='20pt'>"
	    "<fo:list-item><fo:list-item-label end-indent='label-end()'>"
	    "<fo:block><fo:inline baseline-shift='super' font-size='7pt'>"
	    "9</fo:inline></fo:block></fo:list-item-label>"
	    "<fo:list-item-body start-indent='body-start()'>"
	    "<fo:block>Aa</fo:block><fo:block>Bb</fo:block>"
	    "<fo:block>Cc</fo:block></fo:list-item-body></fo:list-item>"
	    "<fo:list-item><fo:list-item-label end-indent='label-end()'>"
	    "<fo:block>L1</fo:block><fo:block>L2</fo:block>"
	    "<fo:block>L3</fo:block></fo:list-item-label>"
	    "<fo:list-item-body start-indent='body-start()'>"
	    "<fo:block>Dd</fo:block></fo:list-item-body></fo:list-item>"
	    "</fo:list-block><fo:block>Next</fo:block>"
	    "</fo:flow></fo:page-sequence></fo:root>");
	ck_assert_ptr_nonnull(d.t);
	ck_assert_int_eq(find_text(d.t, "Aa", &y1), 0);
	ck_assert_int_eq(find_text(d.t, "Bb", &y2), 0);
	ck_assert_int_eq(find_text(d.t, "Cc", &y3), 0);
	ck_assert_double_eq_tol(y2 - y1, 12, 0.01);
	ck_assert_double_eq_tol(y3 - y2, 12, 0.01);
	/* the second item: a 3-line label beside a 1-line body */
	ck_assert_int_eq(find_text(d.t, "Dd", &yn), 0);
	ck_assert_double_eq_tol(yn - y3, 12, 0.01);
	ck_assert_int_eq(find_text(d.t, "L3", &yl3), 0);
	ck_assert_int_eq(find_text(d.t, "Next", &yn), 0);
	ck_assert_double_eq_tol(yn - yl3, 12, 0.01);
	done(&d);
	/* Near the page foot (the body is 120pt, 10 lines): a 3-line label
	 * beside a 6-line body starting on the 9th line goes over whole
	 * with its first three body lines. */
	render(&d, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:flow flow-name='xsl-region-body' font-size='10pt' "
	    "line-height='12pt'>"
	    "<fo:block>1</fo:block><fo:block>2</fo:block><fo:block>3</fo:block>"
	    "<fo:block>4</fo:block><fo:block>5</fo:block><fo:block>6</fo:block>"
	    "<fo:block>7</fo:block><fo:block>8</fo:block>"
	    "<fo:list-block provisional-distance-between-starts='20pt'>"
	    "<fo:list-item><fo:list-item-label end-indent='label-end()'>"
	    "<fo:block>L1</fo:block><fo:block>L2</fo:block>"
	    "<fo:block>L3</fo:block></fo:list-item-label>"
	    "<fo:list-item-body start-indent='body-start()'>"
	    "<fo:block>Ee</fo:block><fo:block>Ff</fo:block>"
	    "<fo:block>Gg</fo:block><fo:block>Hh</fo:block>"
	    "<fo:block>Ii</fo:block><fo:block>Jj</fo:block>"
	    "</fo:list-item-body></fo:list-item></fo:list-block>"
	    "</fo:flow></fo:page-sequence></fo:root>");
	ck_assert_ptr_nonnull(d.t);
	p = find_text(d.t, "L1", NULL);
	ck_assert_int_eq(find_text(d.t, "L3", &yl3), p);
	ck_assert_int_eq(find_text(d.t, "Ee", NULL), p);
	ck_assert_int_eq(find_text(d.t, "Gg", NULL), p);
	ck_assert_double_le(yl3, 160);
	done(&d);
}
END_TEST

START_TEST(limits_stop_layout)
{
	char *paras = many_paras("P", 100, "");
	char *fo = malloc(strlen(paras) + 1000);
	doc d;

	sprintf(fo, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:flow flow-name='xsl-region-body' font-size='10pt'>%s"
	    "</fo:flow></fo:page-sequence></fo:root>", paras);
	memset(&d, 0, sizeof d);
	nlimit = 0;
	d.q = quire_new();
	quire_set_diagnostic_handler(d.q, capture, NULL);
	d.q->limits.max_pages = 3;
	d.fo = qr_fo_read_memory(d.q, fo, strlen(fo), "t.fo");
	d.fonts = qr_fonts_new(d.q);
	d.t = qr_layout_run(d.q, d.fo, d.fonts);
	ck_assert_ptr_null(d.t);
	ck_assert_int_eq(nlimit, 1);
	done(&d);

	/* the time bound likewise */
	memset(&d, 0, sizeof d);
	nlimit = 0;
	d.q = quire_new();
	quire_set_diagnostic_handler(d.q, capture, NULL);
	d.q->limits.max_seconds = 1e-9;
	d.fo = qr_fo_read_memory(d.q, fo, strlen(fo), "t.fo");
	d.fonts = qr_fonts_new(d.q);
	d.t = qr_layout_run(d.q, d.fo, d.fonts);
	ck_assert_ptr_null(d.t);
	ck_assert_int_eq(nlimit, 1);
	done(&d);
	free(paras);
	free(fo);
}
END_TEST

START_TEST(block_decorations_per_fragment)
{
	char *paras = many_paras("P", 15, "");
	char *fo = malloc(strlen(paras) + 1000);
	doc d;
	size_t p, k;
	int fills = 0;

	sprintf(fo, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:flow flow-name='xsl-region-body' font-size='10pt'>"
	    "<fo:block background-color='#ffff00' border='1pt solid black' "
	    "padding='3pt'>%s</fo:block>"
	    "</fo:flow></fo:page-sequence></fo:root>", paras);
	render(&d, fo);
	ck_assert_ptr_nonnull(d.t);
	ck_assert_uint_eq(d.t->npages, 2);
	for (p = 0; p < d.t->npages; p++)
		for (k = 0; k < d.t->pages[p]->nareas; k++) {
			const qr_area *a = &d.t->pages[p]->areas[k];

			if (a->kind == QR_AREA_FILL) {
				fills++;
				/* painted before the text of its page */
				ck_assert_uint_eq(k, 0);
				ck_assert(a->y >= 40 && a->y + a->h <= 160.01);
			}
		}
	ck_assert_int_eq(fills, 2);
	done(&d);
	free(paras);
	free(fo);
}
END_TEST

START_TEST(bookmarks_resolve)
{
	doc d;

	render(&d, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:flow flow-name='xsl-region-body'>"
	    "<fo:block>One</fo:block>"
	    "<fo:block id='two' break-before='page'>Two</fo:block>"
	    "</fo:flow></fo:page-sequence>"
	    "</fo:root>");
	ck_assert_ptr_nonnull(d.t);
	done(&d);
	render(&d, "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'>"
	    "<fo:layout-master-set><fo:simple-page-master master-name='p' "
	    "page-width='200pt' page-height='200pt' margin='20pt'>"
	    "<fo:region-body/></fo:simple-page-master></fo:layout-master-set>"
	    "<fo:bookmark-tree><fo:bookmark internal-destination='two'>"
	    "<fo:bookmark-title>Second  page</fo:bookmark-title></fo:bookmark>"
	    "</fo:bookmark-tree>"
	    "<fo:page-sequence master-reference='p'>"
	    "<fo:flow flow-name='xsl-region-body'>"
	    "<fo:block>One</fo:block>"
	    "<fo:block id='two' break-before='page'>Two</fo:block>"
	    "</fo:flow></fo:page-sequence></fo:root>");
	ck_assert_ptr_nonnull(d.t);
	ck_assert_ptr_nonnull(d.t->outline.first);
	ck_assert_str_eq(d.t->outline.first->title, "Second page");
	ck_assert_int_eq(d.t->outline.first->page, 1);
	done(&d);
}
END_TEST

START_TEST(tall_image_like_box_overflows_once)
{
	doc d;

	render(&d, FO_HEAD "<fo:page-sequence master-reference='p'>"
	    "<fo:flow flow-name='xsl-region-body'>"
	    "<fo:block>Before</fo:block>"
	    "<fo:block-container height='300pt'><fo:block>Tall</fo:block>"
	    "</fo:block-container>"
	    "<fo:block>After</fo:block>"
	    "</fo:flow></fo:page-sequence></fo:root>");
	ck_assert_ptr_nonnull(d.t);
	ck_assert_uint_eq(d.t->npages, 3);
	ck_assert_int_eq(find_text(d.t, "Tall", NULL), 1);
	ck_assert_int_eq(find_text(d.t, "After", NULL), 2);
	ck_assert_int_eq(noverflow, 1);
	done(&d);
}
END_TEST

static Suite *
layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *pure = tcase_create("pure");
	TCase *docs = tcase_create("documents");

	tcase_add_test(pure, folio_formats);
	tcase_add_test(pure, keep_penalties);
	tcase_add_test(pure, vlist_fragment);
	tcase_add_test(pure, rules_joined_per_fragment);
	tcase_add_test(pure, rules_grouped_join_as_sorted);
	tcase_add_test(pure, rules_extend_as_join);
	suite_add_tcase(s, pure);
	tcase_set_timeout(docs, 60);
	tcase_add_test(docs, pages_flow_and_stay_in_body);
	tcase_add_test(docs, breaks_and_blank_pages);
	tcase_add_test(docs, force_page_count_and_auto_odd);
	tcase_add_test(docs, keep_with_next_moves_heading);
	tcase_add_test(docs, impossible_keep_is_broken_once);
	tcase_add_test(docs, widows_and_orphans);
	tcase_add_test(docs, footnote_on_citing_page);
	tcase_add_test(docs, long_footnote_splits);
	tcase_add_test(docs, footnote_splits_to_keep_its_line);
	tcase_add_test(docs, citations_forward_and_links);
	tcase_add_test(docs, citations_settled_without_second_pass);
	tcase_add_test(docs, static_content_markers_and_page_numbers);
	tcase_add_test(docs, list_label_beside_body);
	tcase_add_test(docs, list_label_taller_than_first_line);
	tcase_add_test(docs, page_sequence_ids);
	tcase_add_test(docs, flow_skips_pages_of_other_regions);
	tcase_add_test(docs, limits_stop_layout);
	tcase_add_test(docs, block_decorations_per_fragment);
	tcase_add_test(docs, bookmarks_resolve);
	tcase_add_test(docs, tall_image_like_box_overflows_once);
	suite_add_tcase(s, docs);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(layout_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
