/* test_hyph.c: hyphenation points from the en-GB patterns, the per-word
 * cache, the character-count limits and language selection. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "hyph.h"
#include "prefetch.h"

static int nnotes;
static char last_msg[512];

static void
capture(const quire_diagnostic *d, void *user)
{
	(void)user;
	if (d->severity == QUIRE_NOTE)
		nnotes++;
	snprintf(last_msg, sizeof last_msg, "%s", d->message);
}

/* The word with '-' at its points, for readable assertions. */
static const char *
show(qr_hyph *h, const char *w, int remain, int push)
{
	static char out[128];
	size_t pts[32], i, o = 0, len = strlen(w);
	int n = qr_hyph_word(h, "en", "GB", w, len, remain, push, pts, 32,
	    NULL, 0), k = 0;

	for (i = 0; i < len; i++) {
		if (k < n && pts[k] == i) {
			out[o++] = '-';
			k++;
		}
		out[o++] = w[i];
	}
	out[o] = '\0';
	return out;
}

START_TEST(known_words)
{
	quire *q = quire_new();
	qr_hyph *h = qr_hyph_new(q, NULL);

	ck_assert_str_eq(show(h, "hyphenation", 2, 2), "hy-phen-a-tion");
	ck_assert_str_eq(show(h, "recommendation", 2, 2), "re-com-mend-a-tion");
	ck_assert_str_eq(show(h, "committee", 2, 2), "com-mit-tee");
	ck_assert_str_eq(show(h, "safeguarding", 2, 2), "safe-guard-ing");
	/* Capitals are hyphenated like their lower case. */
	ck_assert_str_eq(show(h, "Recommendation", 2, 2), "Re-com-mend-a-tion");
	qr_hyph_free(h);
	quire_free(q);
}
END_TEST

START_TEST(limits_and_letters_only)
{
	quire *q = quire_new();
	qr_hyph *h = qr_hyph_new(q, NULL);
	size_t pts[8];

	/* remain 3: nothing before the third character; push 5: five
	 * characters at least after the hyphen. */
	ck_assert_str_eq(show(h, "recommendation", 3, 2), "recom-mend-a-tion");
	ck_assert_str_eq(show(h, "recommendation", 2, 5), "re-com-mend-ation");
	/* Right minimum of en-GB is 3 even when push asks for less:
	 * "children" is chil-dren, never child-ren or childr-en. */
	ck_assert_str_eq(show(h, "children", 1, 1), "chil-dren");
	/* Not letters: no points. */
	ck_assert_int_eq(qr_hyph_word(h, "en", "GB", "hyphen-ation", 12, 2, 2,
	    pts, 8, NULL, 0), 0);
	ck_assert_int_eq(qr_hyph_word(h, "en", "GB", "recommendation2", 15, 2,
	    2, pts, 8, NULL, 0), 0);
	/* max bounds the output. */
	ck_assert_int_eq(qr_hyph_word(h, "en", "GB", "recommendation", 14, 2, 2,
	    pts, 2, NULL, 0), 2);
	ck_assert_uint_eq(pts[0], 2);
	ck_assert_uint_eq(pts[1], 5);
	qr_hyph_free(h);
	quire_free(q);
}
END_TEST

START_TEST(cached_once)
{
	quire *q = quire_new();
	qr_hyph *h = qr_hyph_new(q, NULL);
	size_t pts[16], pts2[16];
	int i, n = 0, n2;
	char w[32];

	for (i = 0; i < 100; i++)
		n = qr_hyph_word(h, "en", "GB", "hyphenation", 11, 2, 2, pts, 16,
		    NULL, 0);
	ck_assert_int_eq(n, 3);
	ck_assert_uint_eq(qr_hyph_computed(h), 1);
	ck_assert_uint_eq(qr_hyph_hits(h), 99);
	/* Different limits reuse the cached answer. */
	n2 = qr_hyph_word(h, "en", "GB", "hyphenation", 11, 7, 2, pts2, 16,
	    NULL, 0);
	ck_assert_int_eq(n2, 1);
	ck_assert_uint_eq(pts2[0], 7);
	ck_assert_uint_eq(qr_hyph_computed(h), 1);
	/* Many distinct words: the table grows and keeps them all. */
	for (i = 0; i < 5000; i++) {
		snprintf(w, sizeof w, "considera%c%ction", 'a' + i % 26,
		    'a' + (i / 26) % 26);
		qr_hyph_word(h, NULL, NULL, w, strlen(w), 2, 2, pts, 16, NULL, 0);
	}
	ck_assert_uint_eq(qr_hyph_computed(h), 1 + 26 * 26);
	n = qr_hyph_word(h, "en", NULL, "hyphenation", 11, 2, 2, pts, 16, NULL, 0);
	ck_assert_int_eq(n, 3);
	ck_assert_uint_eq(qr_hyph_computed(h), 1 + 26 * 26);
	qr_hyph_free(h);
	quire_free(q);
}
END_TEST

START_TEST(languages)
{
	quire *q = quire_new();
	qr_hyph *h;
	size_t pts[16];
	int i;

	quire_set_diagnostic_handler(q, capture, NULL);
	h = qr_hyph_new(q, NULL);
	nnotes = 0;
	/* en-AU exists in hyphen-en-gb's folder too. */
	ck_assert_int_eq(qr_hyph_word(h, "en", "AU", "hyphenation", 11, 2, 2,
	    pts, 16, NULL, 0), 3);
	/* "en-GB" written in language alone works too. */
	ck_assert_int_eq(qr_hyph_word(h, "en-GB", NULL, "hyphenation", 11, 2, 2,
	    pts, 16, NULL, 0), 3);
	ck_assert_int_eq(nnotes, 0);
	/* Klingon: one note, then silence, never points. */
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(qr_hyph_word(h, "tlh", NULL, "hyphenation", 11,
		    2, 2, pts, 16, "x.fo", 7), 0);
	ck_assert_int_eq(nnotes, 1);
	ck_assert_ptr_nonnull(strstr(last_msg, "tlh"));
	/* Codes that could escape the folder are refused silently. */
	ck_assert_int_eq(qr_hyph_word(h, "../../etc", NULL, "hyphenation", 11,
	    2, 2, pts, 16, NULL, 0), 0);
	ck_assert_int_eq(qr_hyph_word(h, "none", NULL, "hyphenation", 11,
	    2, 2, pts, 16, NULL, 0), 0);
	ck_assert_int_eq(nnotes, 1);
	/* Switching back and forth: each word takes its own language's
	 * dictionary, not the one asked for last (the last one is
	 * remembered); an empty code is not English, NULL is. */
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(qr_hyph_word(h, "en", "GB", "hyphenation",
		    11, 2, 2, pts, 16, NULL, 0), 3);
		ck_assert_int_eq(qr_hyph_word(h, "tlh", NULL, "hyphenation",
		    11, 2, 2, pts, 16, NULL, 0), 0);
		ck_assert_int_eq(qr_hyph_word(h, NULL, NULL, "hyphenation",
		    11, 2, 2, pts, 16, NULL, 0), 3);
		ck_assert_int_eq(qr_hyph_word(h, "", NULL, "hyphenation",
		    11, 2, 2, pts, 16, NULL, 0), 0);
		ck_assert_int_eq(qr_hyph_word(h, "en", "none", "hyphenation",
		    11, 2, 2, pts, 16, NULL, 0), 3);
	}
	qr_hyph_free(h);
	/* A folder without dictionaries: no hyphenation, one note. */
	h = qr_hyph_new(q, "/nonexistent-folder");
	nnotes = 0;
	ck_assert_int_eq(qr_hyph_word(h, NULL, NULL, "hyphenation", 11, 2, 2,
	    pts, 16, NULL, 0), 0);
	ck_assert_int_eq(nnotes, 1);
	qr_hyph_free(h);
	quire_free(q);
}
END_TEST

/* The default patterns loaded on the prefetch thread are handed to the
 * hyphenator that asks for that file, once; any other file, or a second
 * ask, is loaded by the asker. A hyphenator given the prefetched patterns
 * hyphenates as one that loaded them itself, and what nobody took is
 * freed at the end (the ASan run checks for leaks). */
START_TEST(prefetched_patterns)
{
	quire *q = quire_new();
	char *path = qr_hyph_default_path();
	HyphenDict *d;
	qr_hyph *h;

	ck_assert_ptr_nonnull(path);
	qr_prefetch_start(q);
	ck_assert_ptr_nonnull(q->prefetch);
	qr_prefetch_start(q); /* running already: nothing new */
	qr_prefetch_fonts(q);
	ck_assert_ptr_null(qr_prefetch_take_hyph(q, "/nowhere/hyph_xx.dic"));
	d = qr_prefetch_take_hyph(q, path);
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_null(qr_prefetch_take_hyph(q, path));
	hnj_hyphen_free(d);
	qr_prefetch_end(q);
	ck_assert_ptr_null(q->prefetch);
	qr_prefetch_end(q);

	/* Taken by the hyphenator through S_dict. */
	qr_prefetch_start(q);
	h = qr_hyph_new(q, NULL);
	ck_assert_str_eq(show(h, "recommendation", 2, 2), "re-com-mend-a-tion");
	ck_assert_ptr_null(qr_prefetch_take_hyph(q, path));
	qr_hyph_free(h);
	qr_prefetch_end(q);

	/* Not taken: freed by quire_free. */
	qr_prefetch_start(q);
	free(path);
	quire_free(q);
}
END_TEST

static Suite *
hyph_suite(void)
{
	Suite *s = suite_create("hyph");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, known_words);
	tcase_add_test(tc, limits_and_letters_only);
	tcase_add_test(tc, cached_once);
	tcase_add_test(tc, languages);
	tcase_add_test(tc, prefetched_patterns);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(hyph_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
