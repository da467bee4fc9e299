/* test_core.c: the diagnostic catalogue, the arena and safe output. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "context.h"
#include "outfile.h"

static char last_msg[1024];
static char last_code[64];
static int last_line, last_col, ndiag;
static quire_severity last_sev;

static void
capture(const quire_diagnostic *d, void *user)
{
	(void)user;
	snprintf(last_msg, sizeof last_msg, "%s", d->message);
	snprintf(last_code, sizeof last_code, "%s", d->code);
	last_line = d->line;
	last_col = d->column;
	last_sev = d->severity;
	ndiag++;
}

START_TEST(diag_routes_through_handler)
{
	quire *q = quire_new();

	ck_assert_ptr_nonnull(q);
	quire_set_diagnostic_handler(q, capture, NULL);
	ndiag = 0;
	qr_diag(q, QD_FO_UNKNOWN_PROPERTY, "a.fo", 12, 3, "unknown property '%s'\n", "foo");
	ck_assert_int_eq(ndiag, 1);
	ck_assert_str_eq(last_msg, "unknown property 'foo'");
	ck_assert_str_eq(last_code, "fo-unknown-property");
	ck_assert_int_eq(last_line, 12);
	ck_assert_int_eq(last_col, 3);
	ck_assert_int_eq(last_sev, QUIRE_WARNING);
	ck_assert_uint_eq(quire_warning_count(q), 1);
	ck_assert_uint_eq(quire_error_count(q), 0);
	qr_diag(q, QD_XML_SYNTAX, "a.xml", 1, 1, "bad");
	ck_assert_int_eq(last_sev, QUIRE_ERROR);
	ck_assert_uint_eq(quire_error_count(q), 1);
	quire_free(q);
}
END_TEST

START_TEST(diag_once_drops_exact_repeats)
{
	quire *q = quire_new();
	int i;

	ck_assert_ptr_nonnull(q);
	quire_set_diagnostic_handler(q, capture, NULL);
	ndiag = 0;
	/* Off: every repeat is reported. */
	qr_diag(q, QD_OVERFULL, "a.fo", 7, 0, "line overfull by %dpt", 3);
	qr_diag(q, QD_OVERFULL, "a.fo", 7, 0, "line overfull by %dpt", 3);
	ck_assert_int_eq(ndiag, 2);
	qr_diag_once_begin(q);
	ndiag = 0;
	/* On: the same code, file, line, column and message once (many
	 * times over, so the set grows); any field that differs is new. */
	for (i = 0; i < 500; i++)
		qr_diag(q, QD_OVERFULL, "a.fo", 7, 0, "line overfull by %dpt",
		    3);
	ck_assert_int_eq(ndiag, 1);
	qr_diag(q, QD_OVERFULL, "a.fo", 8, 0, "line overfull by 3pt");
	qr_diag(q, QD_OVERFULL, "a.fo", 7, 1, "line overfull by 3pt");
	qr_diag(q, QD_OVERFULL, "b.fo", 7, 0, "line overfull by 3pt");
	qr_diag(q, QD_OVERFULL, "a.fo", 7, 0, "line overfull by 4pt");
	qr_diag(q, QD_LAYOUT, "a.fo", 7, 0, "line overfull by 3pt");
	qr_diag(q, QD_OVERFULL, NULL, 0, 0, "line overfull by 3pt");
	ck_assert_int_eq(ndiag, 7);
	for (i = 0; i < 300; i++)
		qr_diag(q, QD_OVERFULL, "c.fo", i, 0, "x");
	ck_assert_int_eq(ndiag, 307);
	qr_diag(q, QD_OVERFULL, "c.fo", 299, 0, "x");
	qr_diag(q, QD_OVERFULL, NULL, 0, 0, "line overfull by 3pt");
	ck_assert_int_eq(ndiag, 307);
	ck_assert_uint_eq(quire_warning_count(q), 2 + 307);
	/* Cleared: reported again, once. */
	qr_diag_once_clear(q);
	qr_diag(q, QD_OVERFULL, "a.fo", 7, 0, "line overfull by 3pt");
	qr_diag(q, QD_OVERFULL, "a.fo", 7, 0, "line overfull by 3pt");
	ck_assert_int_eq(ndiag, 308);
	/* Ended: repeats are reported again. */
	qr_diag_once_end(q);
	qr_diag(q, QD_OVERFULL, "a.fo", 7, 0, "line overfull by 3pt");
	ck_assert_int_eq(ndiag, 309);
	/* Left on: quire_free frees the set. */
	qr_diag_once_begin(q);
	qr_diag(q, QD_OVERFULL, "a.fo", 7, 0, "line overfull by 3pt");
	quire_free(q);
}
END_TEST

START_TEST(params_replace)
{
	quire *q = quire_new();

	ck_assert_int_eq(quire_set_param(q, "edition", "public"), QUIRE_OK);
	ck_assert_int_eq(quire_set_param(q, "edition", "members"), QUIRE_OK);
	ck_assert_uint_eq(q->nparams, 1);
	ck_assert_str_eq(q->params[0].value, "members");
	ck_assert_int_eq(quire_set_param(q, "", "x"), QUIRE_USAGE);
	quire_free(q);
}
END_TEST

START_TEST(info_language_tags)
{
	quire *q = quire_new();
	static const char *const good[] = {"en", "en-GB", "cy", "zh-Hant-TW",
	    "de-CH-1996"};
	static const char *const bad[] = {"", "English (UK)", "en_GB", "1en",
	    "en-", "-en", "en--GB", "abcdefghi"};
	size_t i;

	/* Diagnostics from bad tags go to a handler-less handle's stderr. */
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		ck_assert_msg(quire_set_info(q, NULL, NULL, NULL, NULL,
		    good[i]) == QUIRE_OK, "%s refused", good[i]);
	ck_assert_str_eq(q->language, "de-CH-1996");
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(quire_set_info(q, "T", NULL, NULL, NULL,
		    bad[i]) == QUIRE_USAGE, "'%s' accepted", bad[i]);
	/* A refused call changes nothing. */
	ck_assert_str_eq(q->language, "de-CH-1996");
	ck_assert_ptr_null(q->title);
	ck_assert_int_eq(quire_set_info(q, "T", NULL, NULL, NULL, NULL),
	    QUIRE_OK);
	ck_assert_ptr_null(q->language);
	quire_free(q);
}
END_TEST

START_TEST(arena_aligns_and_zeroes)
{
	qr_arena *a = qr_arena_new();
	size_t i;

	for (i = 1; i < 5000; i += 37) {
		unsigned char *p = qr_arena_alloc(a, i);
		size_t j;

		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % 16, 0);
		for (j = 0; j < i; j++)
			ck_assert_uint_eq(p[j], 0);
		memset(p, 0xab, i);
	}
	/* A request larger than a block gets a block of its own. */
	ck_assert_ptr_nonnull(qr_arena_alloc(a, 1 << 20));
	ck_assert_str_eq(qr_arena_strndup(a, "hello world", 5), "hello");
	qr_arena_free(a);
}
END_TEST

START_TEST(outfile_commit_and_discard)
{
	char dir[] = "/tmp/quire-test-XXXXXX";
	char path[256], bad[300];
	qr_outfile o;
	quire *q = quire_new();
	FILE *fp;
	char buf[16] = {0};

	quire_set_diagnostic_handler(q, capture, NULL);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	fp = fopen(path, "w");
	fputs("old", fp);
	fclose(fp);
	/* A discarded write leaves the earlier file untouched. */
	ck_assert_int_eq(qr_outfile_open(q, &o, path), QUIRE_OK);
	fputs("new", o.fp);
	qr_outfile_discard(&o);
	fp = fopen(path, "r");
	ck_assert_ptr_nonnull(fgets(buf, sizeof buf, fp));
	fclose(fp);
	ck_assert_str_eq(buf, "old");
	/* A committed one replaces it. */
	ck_assert_int_eq(qr_outfile_open(q, &o, path), QUIRE_OK);
	fputs("new", o.fp);
	ck_assert_int_eq(qr_outfile_commit(q, &o), QUIRE_OK);
	fp = fopen(path, "r");
	ck_assert_ptr_nonnull(fgets(buf, sizeof buf, fp));
	fclose(fp);
	ck_assert_str_eq(buf, "new");
	/* A missing folder is an I/O error with a message. */
	snprintf(bad, sizeof bad, "%s/missing/out.pdf", dir);
	ck_assert_int_eq(qr_outfile_open(q, &o, bad), QUIRE_IOERR);
	ck_assert_ptr_nonnull(strstr(last_msg, "folder"));
	unlink(path);
	rmdir(dir);
	quire_free(q);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("core");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, diag_routes_through_handler);
	tcase_add_test(tc, diag_once_drops_exact_repeats);
	tcase_add_test(tc, params_replace);
	tcase_add_test(tc, info_language_tags);
	tcase_add_test(tc, arena_aligns_and_zeroes);
	tcase_add_test(tc, outfile_commit_and_discard);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
