/* test_linebreak.c: Knuth-Plass line breaking over hand-made item lists:
 * chosen breaks and ratios, total fit against first fit, optimality
 * against brute force, passes, emergency overfull lines, forced breaks,
 * per-line widths, fill glue, and the cost of a very long paragraph. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "linebreak.h"

#define MAXI 4096

static qr_lb_item items[MAXI];
static size_t nitems;

static void
box(double w)
{
	qr_lb_item *it = &items[nitems++];

	memset(it, 0, sizeof *it);
	it->type = QR_LB_BOX;
	it->width = w;
}

static void
glue(double w, double st, double sh, int order)
{
	qr_lb_item *it = &items[nitems++];

	memset(it, 0, sizeof *it);
	it->type = QR_LB_GLUE;
	it->width = w;
	it->stretch = st;
	it->shrink = sh;
	it->order = (unsigned char)order;
}

static void
penalty(double w, double p, int flags)
{
	qr_lb_item *it = &items[nitems++];

	memset(it, 0, sizeof *it);
	it->type = QR_LB_PENALTY;
	it->width = w;
	it->penalty = p;
	it->flags = (unsigned char)flags;
}

/* Words of the given widths separated by glue (space, stretch, shrink),
 * then parfillskip and the final forced break. Word k is items[2k]. */
static void
para(const double *w, size_t n, double sp, double st, double sh)
{
	size_t i;

	nitems = 0;
	for (i = 0; i < n; i++) {
		if (i > 0)
			glue(sp, st, sh, 0);
		box(w[i]);
	}
	penalty(0, QR_LB_INF, 0);
	glue(0, 1, 0, 1);
	penalty(0, -QR_LB_INF, 0);
}

/* Number of words (boxes) in a line. */
static int
words_in(const qr_lb_line *l)
{
	int c = 0;
	size_t i;

	for (i = l->start; i < l->end; i++)
		if (items[i].type == QR_LB_BOX)
			c++;
	return c;
}

/* The width a line takes once its glue is adjusted. */
static double
set_width(const qr_lb_line *l)
{
	double w = 0;
	size_t i;

	for (i = l->start; i < l->end; i++) {
		if (items[i].type == QR_LB_BOX)
			w += items[i].width;
		else if (items[i].type == QR_LB_GLUE)
			w += qr_lb_glue_width(&items[i], l);
	}
	if (l->end < nitems && items[l->end].type == QR_LB_PENALTY)
		w += items[l->end].width;
	return w;
}

START_TEST(total_fit_beats_first_fit)
{
	/* Measure 20, spaces 2 wide stretching by 1. First fit puts five
	 * words on line 1 (exactly 20) and leaves "9 5" alone on line 2
	 * (16 wide, ratio 4, badness 6400: far beyond tolerance). Total fit
	 * moves the fifth word down: line 1 "2 5 2 2" (17, ratio 1, badness
	 * 100: within pretolerance), line 2 "1 9 5" (19, ratio 0.5), line 3
	 * "7". */
	static const double w[] = {2, 5, 2, 2, 1, 9, 5, 7};
	double width = 20;
	qr_linebreaker *lb = qr_lb_new();
	const qr_lb_line *l;
	size_t n, i;
	double first = 0;
	int fit = 0;

	para(w, 8, 2, 1, 0);
	/* First fit, for the record: how many words fit on line 1. */
	for (i = 0; i < 8; i++) {
		double next = first + (i ? 2 : 0) + w[i];

		if (next > width)
			break;
		first = next;
		fit++;
	}
	ck_assert_int_eq(fit, 5);

	ck_assert_int_eq(qr_lb_break(lb, items, nitems, &width, 1, NULL, &l, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(qr_lb_last_pass(lb), 1);
	ck_assert_int_eq(words_in(&l[0]), 4);
	ck_assert_int_eq(words_in(&l[1]), 3);
	ck_assert_int_eq(words_in(&l[2]), 1);
	ck_assert_double_eq_tol(l[0].ratio, 1.0, 1e-9);
	ck_assert_double_eq_tol(l[0].badness, 100.0, 1e-6);
	ck_assert_int_eq(l[0].fitness, 0);
	ck_assert_double_eq_tol(l[1].ratio, 0.5, 1e-9);
	ck_assert_int_eq(l[1].fitness, 1);
	/* Justified lines fill the measure exactly. */
	ck_assert_double_eq_tol(set_width(&l[0]), 20, 1e-9);
	ck_assert_double_eq_tol(set_width(&l[1]), 20, 1e-9);
	/* The last line is set by parfillskip (fil), words at natural. */
	ck_assert_int_eq(l[2].order, 1);
	ck_assert_double_eq_tol(set_width(&l[2]), 20, 1e-9);
	ck_assert(!l[0].overfull && !l[1].overfull && !l[2].overfull);
	/* Lines start at the word after the break, not at the space. */
	ck_assert_int_eq(items[l[1].start].type, QR_LB_BOX);
	ck_assert_uint_eq(l[0].end, 7);
	qr_lb_free(lb);
}
END_TEST

/* TeX's demerits of one line, as in linebreak.c, for the brute force. */
static double
badness(double L, double W, double st, double sh, double *r)
{
	*r = 0;
	if (L < W) {
		if (st <= 0)
			return QR_LB_INF;
		*r = (W - L) / st;
		return fmin(100 * pow(*r, 3), QR_LB_INF);
	}
	if (L > W) {
		if (sh <= 0 || (L - W) / sh > 1)
			return QR_LB_INF + 1;
		*r = -(L - W) / sh;
		return fmin(100 * pow(-*r, 3), QR_LB_INF);
	}
	return 0;
}

static int
fitness(double b, double r)
{
	if (r < 0)
		return b > 12 ? 3 : 2;
	return b > 99 ? 0 : b > 12 ? 1 : 2;
}

static double best_cost;

/* All ways of breaking words [s, n) after a line of fitness prevfit. */
static void
brute(const double *w, int n, int s, double W, int prevfit, double acc)
{
	int e;

	for (e = s + 1; e <= n; e++) {
		double L = 0, r, b, d;
		int k, f, sp = e - s - 1;

		for (k = s; k < e; k++)
			L += w[k];
		L += 2.0 * sp;
		if (e == n) {
			if (L > W && (sp == 0 || L - sp * 0.5 > W))
				return;
			b = L > W ? badness(L, W, 0, sp * 0.5, &r) : 0;
			r = L > W ? r : 0;
		} else {
			b = badness(L, W, sp * 1.0, sp * 0.5, &r);
		}
		if (b > 200)
			continue;
		f = fitness(b, r);
		d = (10 + b) * (10 + b);
		if (abs(f - prevfit) > 1)
			d += 10000;
		if (e == n) {
			if (acc + d < best_cost)
				best_cost = acc + d;
		} else {
			brute(w, n, e, W, f, acc + d);
		}
	}
}

START_TEST(optimal_against_brute_force)
{
	qr_linebreaker *lb = qr_lb_new();
	qr_lb_params p;
	unsigned seed = 12345;
	int trial, compared = 0;

	qr_lb_params_default(&p);
	p.pretolerance = -1; /* one pass at tolerance 200 */
	p.emergency = 0;
	for (trial = 0; trial < 300; trial++) {
		double w[10], W, cost = 0;
		int n, i, prevfit = 2;
		const qr_lb_line *l;
		size_t nl, k;

		seed = seed * 1103515245u + 12345u;
		n = 5 + (int)((seed >> 16) % 6);
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			w[i] = 1 + (double)((seed >> 16) % 10);
		}
		seed = seed * 1103515245u + 12345u;
		W = 18 + (double)((seed >> 16) % 16);
		para(w, (size_t)n, 2, 1, 0.5);
		best_cost = 1e300;
		brute(w, n, 0, W, 2, 0);
		if (qr_lb_break(lb, items, nitems, &W, 1, &p, &l, &nl) == 1) {
			/* No feasible breaking: brute force agrees. */
			ck_assert(best_cost > 1e299);
			continue;
		}
		ck_assert(best_cost < 1e299);
		for (k = 0; k < nl; k++) {
			double d = (10 + l[k].badness) * (10 + l[k].badness);

			if (abs(l[k].fitness - prevfit) > 1)
				d += 10000;
			prevfit = l[k].fitness;
			cost += d;
		}
		ck_assert_msg(fabs(cost - best_cost) < 1e-6 * best_cost,
		    "trial %d: %g vs brute force %g", trial, cost, best_cost);
		compared++;
	}
	ck_assert_int_gt(compared, 100);
	qr_lb_free(lb);
}
END_TEST

START_TEST(emergency_overfull_only_around_wide_box)
{
	/* A 30-wide word in a 20 measure: it must sit alone, overfull; the
	 * words around it break normally. */
	static const double w[] = {4, 4, 4, 30, 4, 4, 4};
	double W = 20;
	qr_linebreaker *lb = qr_lb_new();
	const qr_lb_line *l;
	size_t n, k;
	int over = 0;

	para(w, 7, 2, 1, 0.5);
	ck_assert_int_eq(qr_lb_break(lb, items, nitems, &W, 1, NULL, &l, &n), 0);
	ck_assert_int_eq(qr_lb_last_pass(lb), 3);
	for (k = 0; k < n; k++) {
		if (l[k].overfull) {
			over++;
			ck_assert_int_eq(words_in(&l[k]), 1);
			ck_assert_double_eq(items[l[k].start].width, 30);
		} else {
			ck_assert(set_width(&l[k]) <= W + 1e-9);
		}
	}
	ck_assert_int_eq(over, 1);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(words_in(&l[0]), 3);
	ck_assert_int_eq(words_in(&l[2]), 3);
	qr_lb_free(lb);
}
END_TEST

START_TEST(rigid_text_is_underfull_not_overfull)
{
	/* Spaces that cannot stretch: no line is acceptable before the
	 * emergency pass, which then takes underfull lines, never overfull. */
	static const double w[] = {5, 5, 5, 5, 5, 5, 5};
	double W = 13;
	qr_linebreaker *lb = qr_lb_new();
	const qr_lb_line *l;
	size_t n, k;

	para(w, 7, 1, 0, 0);
	ck_assert_int_eq(qr_lb_break(lb, items, nitems, &W, 1, NULL, &l, &n), 0);
	ck_assert_int_eq(qr_lb_last_pass(lb), 3);
	ck_assert_uint_eq(n, 4);
	for (k = 0; k < n; k++) {
		ck_assert(!l[k].overfull);
		ck_assert(l[k].natural <= W);
	}
	qr_lb_free(lb);
}
END_TEST

START_TEST(hyphenation_only_in_second_pass)
{
	/* "aaaa bbbbbbbb..." in a measure where the long word must be split.
	 * Word 2 is 6+8 with a hyphenation point (hyphen 1 wide). */
	double W = 12;
	qr_linebreaker *lb = qr_lb_new();
	const qr_lb_line *l;
	size_t n;

	nitems = 0;
	box(4);
	glue(1, 0.5, 0.3, 0);
	box(6);
	penalty(1, 50, QR_LB_FLAGGED | QR_LB_HYPHEN);
	box(8);
	glue(1, 0.5, 0.3, 0);
	box(3);
	penalty(0, QR_LB_INF, 0);
	glue(0, 1, 0, 1);
	penalty(0, -QR_LB_INF, 0);
	ck_assert_int_eq(qr_lb_break(lb, items, nitems, &W, 1, NULL, &l, &n), 0);
	/* Line 1 "aaaa bbbbbb-" = 4+1+6+1 = 12 exactly. */
	ck_assert_int_eq(qr_lb_last_pass(lb), 2);
	ck_assert_uint_eq(n, 2);
	ck_assert(l[0].hyphenated);
	ck_assert_uint_eq(l[0].end, 3);
	ck_assert_double_eq_tol(l[0].natural, 12, 1e-9);
	ck_assert_double_eq_tol(set_width(&l[0]), 12, 1e-9);
	ck_assert_uint_eq(l[1].start, 4);

	/* Without hyphenation points (pass 1 semantics) the same text in a
	 * wide measure never breaks at the point. */
	W = 40;
	ck_assert_int_eq(qr_lb_break(lb, items, nitems, &W, 1, NULL, &l, &n), 0);
	ck_assert_int_eq(qr_lb_last_pass(lb), 1);
	ck_assert_uint_eq(n, 1);
	ck_assert(!l[0].hyphenated);
	qr_lb_free(lb);
}
END_TEST

START_TEST(forced_breaks_and_widths_per_line)
{
	/* Line 1 is narrower (a hanging first line); a forced break ends the
	 * second line early. */
	double W[2] = {10, 20};
	qr_linebreaker *lb = qr_lb_new();
	const qr_lb_line *l;
	size_t n;

	nitems = 0;
	box(4); glue(1, 1, 0.5, 0); box(4); glue(1, 1, 0.5, 0);  /* 0..3 */
	box(4); glue(1, 1, 0.5, 0); box(4);                      /* 4..6 */
	penalty(0, QR_LB_INF, 0); glue(0, 1, 0, 1);              /* 7, 8 */
	penalty(0, -QR_LB_INF, 0);                               /* 9 */
	box(5); glue(1, 1, 0.5, 0); box(5);                      /* 10..12 */
	penalty(0, QR_LB_INF, 0); glue(0, 1, 0, 1);
	penalty(0, -QR_LB_INF, 0);
	ck_assert_int_eq(qr_lb_break(lb, items, nitems, W, 2, NULL, &l, &n), 0);
	ck_assert_uint_eq(n, 3);
	/* "4 4" = 9 in 10, then "4 4" + fill in 20 up to the forced break. */
	ck_assert_int_eq(words_in(&l[0]), 2);
	ck_assert_double_eq(l[0].width, 10);
	ck_assert_double_eq(l[1].width, 20);
	ck_assert_uint_eq(l[1].end, 9);
	ck_assert_int_eq(words_in(&l[2]), 2);
	ck_assert_uint_eq(l[2].start, 10);
	ck_assert_double_eq_tol(set_width(&l[0]), 10, 1e-9);
	qr_lb_free(lb);
}
END_TEST

START_TEST(fill_glue_takes_all_stretch)
{
	/* A leader (fill) between a title and a page number, in a line that
	 * also ends with parfillskip (fil): the leader fills. */
	double W = 100;
	qr_linebreaker *lb = qr_lb_new();
	const qr_lb_line *l;
	size_t n;

	nitems = 0;
	box(30);
	penalty(0, QR_LB_INF, 0);
	glue(12, 88, 12, 2);
	box(8);
	penalty(0, QR_LB_INF, 0);
	glue(0, 1, 0, 1);
	penalty(0, -QR_LB_INF, 0);
	ck_assert_int_eq(qr_lb_break(lb, items, nitems, &W, 1, NULL, &l, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(l[0].order, 2);
	ck_assert_double_eq_tol(qr_lb_glue_width(&items[2], &l[0]), 62, 1e-9);
	ck_assert_double_eq_tol(qr_lb_glue_width(&items[5], &l[0]), 0, 1e-9);
	ck_assert_double_eq_tol(set_width(&l[0]), 100, 1e-9);
	qr_lb_free(lb);
}
END_TEST

START_TEST(long_paragraph_is_linear)
{
	/* 2000 words many times over: the active set stays bounded and the
	 * time grows linearly (a quadratic breaker would take minutes). */
	static qr_lb_item big[200000];
	qr_linebreaker *lb = qr_lb_new();
	qr_lb_params p;
	const qr_lb_line *l;
	size_t n = 0, nl, k;
	double W = 300;
	unsigned seed = 99;
	clock_t t0;
	double secs;

	while (n + 3 < sizeof big / sizeof big[0] - 3) {
		seed = seed * 1103515245u + 12345u;
		memset(&big[n], 0, 2 * sizeof big[0]);
		big[n].type = QR_LB_BOX;
		big[n].width = 8 + (double)((seed >> 16) % 40);
		big[n + 1].type = QR_LB_GLUE;
		big[n + 1].width = 3.3;
		big[n + 1].stretch = 1.7;
		big[n + 1].shrink = 1.1;
		n += 2;
	}
	n--; /* drop the last glue */
	memset(&big[n], 0, 3 * sizeof big[0]);
	big[n].type = QR_LB_PENALTY;
	big[n].penalty = QR_LB_INF;
	big[n + 1].type = QR_LB_GLUE;
	big[n + 1].stretch = 1;
	big[n + 1].order = 1;
	big[n + 2].type = QR_LB_PENALTY;
	big[n + 2].penalty = -QR_LB_INF;
	n += 3;
	qr_lb_params_default(&p);
	p.max_active = 64;
	t0 = clock();
	ck_assert_int_eq(qr_lb_break(lb, big, n, &W, 1, &p, &l, &nl), 0);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	ck_assert_uint_le(qr_lb_peak_active(lb), 64);
	ck_assert_uint_gt(nl, 5000);
	for (k = 0; k + 1 < nl; k++) {
		ck_assert(!l[k].overfull);
		ck_assert_uint_eq(l[k + 1].start, l[k].end + 1);
	}
	/* bounded active set (above): linear work; the time is printed,
	 * not asserted (speed is measured by bench/) */
	fprintf(stderr, "linebreak: 100000 words in %.2f s\n", secs);
	qr_lb_free(lb);
}
END_TEST

START_TEST(empty_and_single)
{
	qr_linebreaker *lb = qr_lb_new();
	const qr_lb_line *l;
	size_t n;
	double W = 10;

	ck_assert_int_eq(qr_lb_break(lb, items, 0, &W, 1, NULL, &l, &n), 0);
	ck_assert_uint_eq(n, 0);
	/* No final forced break given: one is assumed. */
	nitems = 0;
	box(3);
	glue(1, 1, 1, 0);
	box(3);
	ck_assert_int_eq(qr_lb_break(lb, items, nitems, &W, 1, NULL, &l, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(l[0].end, 3);
	qr_lb_free(lb);
}
END_TEST

START_TEST(random_items_always_break)
{
	/* Hostile item lists (random widths, zero or negative stretch,
	 * random penalties, forced breaks anywhere, no final break): the
	 * emergency pass always returns lines in order that cover the
	 * paragraph, and never loops. */
	qr_linebreaker *lb = qr_lb_new();
	unsigned seed = 7;
	int trial;

	for (trial = 0; trial < 3000; trial++) {
		const qr_lb_line *l;
		size_t n, k, m;
		double W[2];

		seed = seed * 1103515245u + 12345u;
		m = 1 + (seed >> 16) % 60;
		nitems = 0;
		for (k = 0; k < m; k++) {
			unsigned r;

			seed = seed * 1103515245u + 12345u;
			r = (seed >> 16) % 10;
			if (r < 5) {
				box((double)((seed >> 8) % 50) - 2);
			} else if (r < 8) {
				glue((double)((seed >> 9) % 6), (double)((seed >> 12) % 3)
				    - 0.5, (double)((seed >> 14) % 2), (seed >> 20) % 3);
			} else {
				double pv = r == 9 && (seed >> 10) % 4 == 0 ?
				    -QR_LB_INF : (double)((seed >> 11) % 200) - 100;

				penalty((double)((seed >> 13) % 4), pv,
				    (int)((seed >> 15) % 4));
			}
		}
		W[0] = 1 + (double)((seed >> 5) % 40);
		W[1] = 1 + (double)((seed >> 7) % 40);
		ck_assert_int_eq(qr_lb_break(lb, items, nitems, W, 2, NULL, &l,
		    &n), 0);
		ck_assert_uint_ge(n, 1);
		for (k = 0; k < n; k++) {
			ck_assert_uint_le(l[k].start, l[k].end);
			ck_assert_uint_le(l[k].end, nitems);
			if (k + 1 < n)
				ck_assert_uint_ge(l[k + 1].start, l[k].end);
		}
		if (!(l[n - 1].end >= nitems - 1)) {
			for (k = 0; k < nitems; k++)
				fprintf(stderr, "%zu: t%d w%g st%g sh%g p%g f%d o%d\n", k,
				    items[k].type, items[k].width, items[k].stretch,
				    items[k].shrink, items[k].penalty, items[k].flags,
				    items[k].order);
			for (k = 0; k < n; k++)
				fprintf(stderr, "line %zu..%zu\n", l[k].start, l[k].end);
			fprintf(stderr, "W %g %g pass %d\n", W[0], W[1], qr_lb_last_pass(lb));
		}
		ck_assert(l[n - 1].end >= nitems - 1);
	}
	qr_lb_free(lb);
}
END_TEST

/* Ragged text as inline.c builds it (Knuth and Plass's triple at each
 * space, penalty(inf) glue(R) penalty glue(-R) at a hyphenation point),
 * words of random widths, a few wider than the measure. */
static void
ragged_para(unsigned *seed, size_t words, double R)
{
	size_t i;

	nitems = 0;
	for (i = 0; i < words && nitems + 12 < MAXI; i++) {
		double w;

		*seed = *seed * 1103515245u + 12345u;
		w = 5 + (double)((*seed >> 16) % 60);
		if (i > 0) {
			glue(0, R, 0, 0);
			penalty(0, 0, 0);
			glue(4, -R, 0, 0);
		}
		if ((*seed >> 8) % 4 == 0) {
			/* a word with a hyphenation point */
			box(w / 2);
			penalty(0, QR_LB_INF, 0);
			glue(0, R, 0, 0);
			penalty(3, 50, QR_LB_FLAGGED | QR_LB_HYPHEN);
			glue(0, -R, 0, 0);
			box(w / 2);
		} else {
			box(w);
		}
	}
	penalty(0, QR_LB_INF, 0);
	glue(0, 1, 0, 1);
	penalty(0, -QR_LB_INF, 0);
}

/* Break the current items twice, dropping dominated active nodes and
 * keeping them, and check that the lines are the same. Returns the peak
 * active counts through *kept and *dropped. */
static void
same_without_dominated(qr_linebreaker *lb, const double *W, size_t nw,
    const char *what, int trial, size_t *dropped, size_t *kept)
{
	static qr_lb_line first[MAXI];
	qr_lb_params p;
	const qr_lb_line *l;
	size_t n1, n2, k;
	int pass1;

	qr_lb_params_default(&p);
	ck_assert_int_eq(qr_lb_break(lb, items, nitems, W, nw, &p, &l, &n1),
	    0);
	memcpy(first, l, n1 * sizeof *l);
	pass1 = qr_lb_last_pass(lb);
	*dropped = qr_lb_peak_active(lb);
	p.keep_dominated = 1;
	ck_assert_int_eq(qr_lb_break(lb, items, nitems, W, nw, &p, &l, &n2),
	    0);
	*kept = qr_lb_peak_active(lb);
	ck_assert_int_eq(qr_lb_last_pass(lb), pass1);
	ck_assert_msg(n1 == n2, "%s %d: %zu lines vs %zu", what, trial, n1,
	    n2);
	for (k = 0; k < n1; k++) {
		ck_assert_msg(first[k].start == l[k].start &&
		    first[k].end == l[k].end, "%s %d line %zu: %zu..%zu vs "
		    "%zu..%zu", what, trial, k, first[k].start, first[k].end,
		    l[k].start, l[k].end);
		ck_assert(first[k].ratio == l[k].ratio);
		ck_assert(first[k].fitness == l[k].fitness);
		ck_assert(first[k].overfull == l[k].overfull);
	}
	ck_assert_uint_le(*dropped, *kept);
}

START_TEST(dominated_nodes_dropped_same_lines)
{
	/* Dropping active nodes that can never win (same next line as a
	 * node made at a later or the same break, with demerits worse by
	 * more than adj_demerits), and not trying the break at a ragged
	 * space's first glue (the penalty after it gives the same line with
	 * more stretch), changes no line, not even an overfull one, and
	 * keeps the final pass of narrow ragged text small. */
	qr_linebreaker *lb = qr_lb_new();
	unsigned seed = 2024;
	size_t sum_dropped = 0, sum_kept = 0, dropped, kept;
	int trial, finals = 0;

	for (trial = 0; trial < 400; trial++) {
		double W;

		seed = seed * 1103515245u + 12345u;
		W = 40 + (double)((seed >> 16) % 160);
		ragged_para(&seed, 10 + (seed >> 8) % 120, 27);
		same_without_dominated(lb, &W, 1, "ragged", trial, &dropped,
		    &kept);
		if (qr_lb_last_pass(lb) == 3) {
			finals++;
			sum_dropped += dropped;
			sum_kept += kept;
		}
	}
	ck_assert_int_gt(finals, 50);
	ck_assert_msg(4 * sum_dropped < 3 * sum_kept, "peak active %zu vs %zu",
	    sum_dropped, sum_kept);
	for (trial = 0; trial < 2000; trial++) {
		/* justified words, two line widths, random penalties */
		double W[2];
		size_t m, k;

		seed = seed * 1103515245u + 12345u;
		m = 2 + (seed >> 16) % 50;
		nitems = 0;
		for (k = 0; k < m; k++) {
			seed = seed * 1103515245u + 12345u;
			if (k > 0 && (seed >> 20) % 5 == 0)
				penalty((double)((seed >> 13) % 4),
				    (double)((seed >> 11) % 200) - 100,
				    (int)((seed >> 15) % 4));
			if (k > 0)
				glue(3, 1.5, 1, 0);
			box(2 + (double)((seed >> 8) % 40));
		}
		penalty(0, QR_LB_INF, 0);
		glue(0, 1, 0, 1);
		penalty(0, -QR_LB_INF, 0);
		W[0] = 20 + (double)((seed >> 5) % 60);
		W[1] = 20 + (double)((seed >> 7) % 60);
		same_without_dominated(lb, W, 2, "justified", trial, &dropped,
		    &kept);
	}
	qr_lb_free(lb);
}
END_TEST

static Suite *
linebreak_suite(void)
{
	Suite *s = suite_create("linebreak");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, total_fit_beats_first_fit);
	tcase_add_test(tc, optimal_against_brute_force);
	tcase_add_test(tc, emergency_overfull_only_around_wide_box);
	tcase_add_test(tc, rigid_text_is_underfull_not_overfull);
	tcase_add_test(tc, hyphenation_only_in_second_pass);
	tcase_add_test(tc, forced_breaks_and_widths_per_line);
	tcase_add_test(tc, fill_glue_takes_all_stretch);
	tcase_add_test(tc, long_paragraph_is_linear);
	tcase_add_test(tc, empty_and_single);
	tcase_add_test(tc, random_items_always_break);
	tcase_add_test(tc, dominated_nodes_dropped_same_lines);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(linebreak_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
