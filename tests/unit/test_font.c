/* test_font.c: family lists through fontconfig, metrics from the libharu
 * font objects, glyph coverage and fallback, and their diagnostics. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <fontconfig/fontconfig.h>
#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "context.h"
#include "font.h"

static int nwarn, nerr;
static char last_code[64], last_msg[512];

static void
capture(const quire_diagnostic *d, void *user)
{
	(void)user;
	if (d->severity == QUIRE_ERROR)
		nerr++;
	else if (d->severity == QUIRE_WARNING)
		nwarn++;
	snprintf(last_code, sizeof last_code, "%s", d->code);
	snprintf(last_msg, sizeof last_msg, "%s", d->message);
}

static quire *q;
static qr_fonts *fonts;

static void
setup(void)
{
	q = quire_new();
	ck_assert_ptr_nonnull(q);
	quire_set_diagnostic_handler(q, capture, NULL);
	nwarn = nerr = 0;
	last_code[0] = '\0';
	fonts = qr_fonts_new(q);
	ck_assert_ptr_nonnull(fonts);
}

static void
teardown(void)
{
	qr_fonts_free(fonts);
	quire_free(q);
}

START_TEST(select_metric_aliases)
{
	qr_font *a = qr_fonts_select(fonts, "Arial", 400, 0, "t.fo", 3);
	qr_font *b = qr_fonts_select(fonts, "Arial, sans-serif", 700, 0, NULL, 0);
	qr_font *i = qr_fonts_select(fonts, "'Liberation Sans'", 400, 1, NULL, 0);
	qr_font *bi = qr_fonts_select(fonts, "Helvetica", 700, 1, NULL, 0);
	qr_font *t = qr_fonts_select(fonts, "\"Times New Roman\", serif", 400, 0, NULL, 0);
	qr_font *c = qr_fonts_select(fonts, "Courier New", 400, 0, NULL, 0);

	ck_assert_str_eq(qr_font_name(a), "LiberationSans");
	ck_assert_str_eq(qr_font_name(b), "LiberationSans-Bold");
	ck_assert_str_eq(qr_font_name(i), "LiberationSans-Italic");
	ck_assert_str_eq(qr_font_name(bi), "LiberationSans-BoldItalic");
	ck_assert_str_eq(qr_font_name(t), "LiberationSerif");
	ck_assert_str_eq(qr_font_name(c), "LiberationMono");
	ck_assert_ptr_nonnull(strstr(qr_font_file(a), "LiberationSans-Regular.ttf"));
	ck_assert_int_eq(nwarn + nerr, 0);
}
END_TEST

START_TEST(select_generic_and_cache)
{
	qr_font *s = qr_fonts_select(fonts, "sans-serif", 400, 0, NULL, 0);
	qr_font *s2 = qr_fonts_select(fonts, "sans-serif", 400, 0, NULL, 0);
	qr_font *se = qr_fonts_select(fonts, "serif", 400, 0, NULL, 0);
	qr_font *m = qr_fonts_select(fonts, "monospace", 700, 0, NULL, 0);
	qr_font *a = qr_fonts_select(fonts, "Arial", 400, 0, NULL, 0);

	/* Generic families take the base-14 metric clones, as FOP does. */
	ck_assert_str_eq(qr_font_name(s), "LiberationSans");
	ck_assert_ptr_eq(s, s2);
	ck_assert_ptr_eq(s, a); /* one face object per file */
	ck_assert_str_eq(qr_font_name(se), "LiberationSerif");
	ck_assert_str_eq(qr_font_name(m), "LiberationMono-Bold");
	ck_assert_int_eq(nwarn, 0);
}
END_TEST

START_TEST(select_unknown_warns_once)
{
	qr_font *u = qr_fonts_select(fonts, "NoSuchFamilyQuire", 400, 0, "pack.fo", 17);

	ck_assert_ptr_nonnull(u);
	ck_assert_str_eq(qr_font_name(u), "LiberationSans");
	ck_assert_int_eq(nwarn, 1);
	ck_assert_str_eq(last_code, "font-missing");
	ck_assert_ptr_nonnull(strstr(last_msg, "NoSuchFamilyQuire"));
	/* The same family again, in another request: no second warning. */
	u = qr_fonts_select(fonts, "NoSuchFamilyQuire", 700, 0, "pack.fo", 20);
	ck_assert_str_eq(qr_font_name(u), "LiberationSans-Bold");
	ck_assert_int_eq(nwarn, 1);
	/* A later name in the list stands in: no warning at all. */
	u = qr_fonts_select(fonts, "OtherMissingFamily, 'Courier New'", 400, 0, NULL, 0);
	ck_assert_str_eq(qr_font_name(u), "LiberationMono");
	ck_assert_int_eq(nwarn, 1);
	/* Empty and odd lists still give a face. */
	u = qr_fonts_select(fonts, " , '' ,", 400, 0, NULL, 0);
	ck_assert_ptr_nonnull(u);
	ck_assert_int_eq(nerr, 0);
	ck_assert_int_eq(qr_fonts_unusable(fonts), 0);
}
END_TEST

START_TEST(widths_rounded)
{
	qr_font *a = qr_fonts_select(fonts, "Arial", 400, 0, NULL, 0);
	qr_font *b = qr_fonts_select(fonts, "Arial", 700, 0, NULL, 0);
	const char *s = "Hello \xc2\xa3" "5 \xe2\x80\x93 \xe2\x80\x99quoted\xe2\x80\x9d caf\xc3\xa9 m\xc2\xb2";
	HPDF_TextWidth tw;

	/* Arial's (and Liberation Sans') advances: H 722, e 556, l 222,
	 * o 556, per 1000 em. */
	ck_assert_double_eq_tol(qr_font_width(a, "Hello", 5, 10.0), 22.78, 1e-9);
	ck_assert_double_eq_tol(qr_font_char_width(a, 'H'), 722, 1e-9);
	ck_assert_double_eq_tol(qr_font_char_width(b, 'H'), 722, 1e-9);
	ck_assert_double_eq_tol(qr_font_char_width(b, 'e'), 556, 1e-9);
	/* Liberation Sans Bold's 'i' is 569/2048 em = 277.8/1000: rounded
	 * to 278, Helvetica-Bold's (and Arial Bold's) width, where libharu
	 * truncates to 277. */
	ck_assert_double_eq_tol(qr_font_char_width(b, 'i'), 278, 1e-9);
	ck_assert_double_eq_tol(qr_font_char_width(a, 'i'), 222, 1e-9);
	/* libharu measures the same font object with each advance
	 * truncated: ours is never less, and at most a thousandth more per
	 * character (non-ASCII included). */
	tw = HPDF_Font_TextWidth(qr_font_pdf_handle(a), (const HPDF_BYTE *)s,
	    (HPDF_UINT)strlen(s));
	ck_assert(qr_font_width(a, s, strlen(s), 1000.0) >= tw.width - 1e-6);
	ck_assert(qr_font_width(a, s, strlen(s), 1000.0) <=
	    tw.width + tw.numchars + 1e-6);
	tw = HPDF_Font_TextWidth(qr_font_pdf_handle(b), (const HPDF_BYTE *)s,
	    (HPDF_UINT)strlen(s));
	ck_assert(qr_font_width(b, s, strlen(s), 1000.0) >= tw.width - 1e-6);
	ck_assert(qr_font_width(b, s, strlen(s), 1000.0) <=
	    tw.width + tw.numchars + 1e-6);
	ck_assert(qr_font_width(b, s, strlen(s), 1000.0) > tw.width + 0.5);
	/* len bounds the text; a cut sequence and stray bytes count zero. */
	ck_assert_double_eq_tol(qr_font_width(a, "Hello world", 5, 10.0), 22.78, 1e-9);
	ck_assert_double_eq_tol(qr_font_width(a, "H\xe2\x80", 3, 10.0), 7.22, 1e-9);
	ck_assert_double_eq_tol(qr_font_width(a, "H\xff\xfe" "e", 4, 10.0), 12.78, 1e-9);
	ck_assert_double_eq_tol(qr_font_width(a, "", 0, 10.0), 0, 1e-9);
}
END_TEST

START_TEST(vertical_metrics)
{
	qr_font *a = qr_fonts_select(fonts, "Arial", 400, 0, NULL, 0);
	qr_font *t = qr_fonts_select(fonts, "Times New Roman", 400, 0, NULL, 0);

	/* Liberation Sans: hhea ascender 1854, descender -434 per 2048. */
	ck_assert_double_eq_tol(qr_font_ascent(a, 10), 9.05, 1e-9);
	ck_assert_double_eq_tol(qr_font_descent(a, 10), 2.11, 1e-9);
	ck_assert(qr_font_cap_height(a, 10) > 6.5 && qr_font_cap_height(a, 10) < 7.5);
	ck_assert(qr_font_x_height(a, 10) > 5.0 && qr_font_x_height(a, 10) < 5.5);
	/* post table: underline position below the baseline, thin. */
	ck_assert(qr_font_underline_pos(a, 10) > 0.5 && qr_font_underline_pos(a, 10) < 2.0);
	ck_assert(qr_font_underline_thickness(a, 10) > 0.3 &&
	    qr_font_underline_thickness(a, 10) < 1.2);
	ck_assert(qr_font_ascent(t, 10) != qr_font_ascent(a, 10) ||
	    qr_font_cap_height(t, 10) != qr_font_cap_height(a, 10));
}
END_TEST

START_TEST(glyph_coverage_and_fallback)
{
	qr_font *a = qr_fonts_select(fonts, "Arial", 400, 0, NULL, 0);
	qr_font *fb;

	ck_assert(qr_font_has_glyph(a, 'A'));
	ck_assert(qr_font_has_glyph(a, 0x00A3)); /* pound */
	ck_assert(qr_font_has_glyph(a, 0x2013)); /* en dash */
	ck_assert(!qr_font_has_glyph(a, 0x2713)); /* check mark */
	ck_assert(!qr_font_has_glyph(a, 0x4E00));
	ck_assert(!qr_font_has_glyph(a, 0x1F600)); /* outside the BMP */
	ck_assert(!qr_font_has_glyph(a, 0x0007));
	/* A face the base has already: itself. */
	ck_assert_ptr_eq(qr_fonts_fallback(fonts, a, 'A'), a);
	fb = qr_fonts_fallback(fonts, a, 0x2713);
	ck_assert_ptr_nonnull(fb);
	ck_assert(qr_font_has_glyph(fb, 0x2713));
	ck_assert_ptr_ne(fb, a);
	ck_assert_ptr_eq(qr_fonts_fallback(fonts, a, 0x2713), fb);
	ck_assert_int_eq(nwarn, 0);
	/* No installed face has a CJK ideograph here: NULL, warned once. */
	ck_assert_ptr_null(qr_fonts_fallback(fonts, a, 0x4E00));
	ck_assert_int_eq(nwarn, 1);
	ck_assert_str_eq(last_code, "font-no-glyph");
	ck_assert_ptr_nonnull(strstr(last_msg, "U+4E00"));
	ck_assert_ptr_null(qr_fonts_fallback(fonts, a, 0x4E00));
	ck_assert_ptr_null(qr_fonts_fallback(fonts,
	    qr_fonts_select(fonts, "Arial", 700, 0, NULL, 0), 0x4E00));
	ck_assert_int_eq(nwarn, 1);
	ck_assert_ptr_null(qr_fonts_fallback(fonts, a, 0x1F600));
	ck_assert_int_eq(nwarn, 2);
}
END_TEST

START_TEST(utf8_decoder)
{
	const char *s = "a\xc3\xa9\xe2\x80\x93\xf0\x9f\x98\x80\xc0\xaf\xed\xa0\x80z";
	size_t i = 0, n = strlen(s);
	uint32_t want[] = {'a', 0xE9, 0x2013, 0x1F600, 0xFFFFFFFFu,
	    0xFFFFFFFFu, 0xFFFFFFFFu, 'z'};
	size_t k = 0;

	/* Overlong C0 AF: two bad bytes; ED A0 80 is a surrogate: decoded
	 * but not encodable, so check it separately. */
	while (i < n && k < 5) {
		uint32_t c = qr_utf8_next(s, n, &i);

		ck_assert_uint_eq(c, want[k]);
		k++;
	}
	ck_assert_uint_eq(qr_utf8_next(s, n, &i), 0xFFFFFFFFu); /* AF */
	ck_assert_uint_eq(qr_utf8_next(s, n, &i), 0xD800);
	ck_assert_uint_eq(qr_utf8_next(s, n, &i), 'z');
	ck_assert_uint_eq(i, n);
}
END_TEST

/* No fonts at all (a server without fonts-liberation2): an error with the
 * file and line, NULL, and the registry says so. Run in a child process
 * with an empty fontconfig configuration, so the rest of the suite keeps
 * its fonts whatever Check's fork mode. */
START_TEST(no_fonts_at_all)
{
	char dir[] = "/tmp/quire-test-font-XXXXXX", conf[128];
	pid_t pid;
	int st;
	FILE *fp;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(conf, sizeof conf, "%s/fonts.conf", dir);
	fp = fopen(conf, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n", fp);
	fclose(fp);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		quire *cq;
		qr_fonts *cf;
		qr_font *font;

		setenv("FONTCONFIG_FILE", conf, 1);
		FcInitReinitialize();
		cq = quire_new();
		quire_set_diagnostic_handler(cq, capture, NULL);
		nerr = nwarn = 0;
		cf = qr_fonts_new(cq);
		if (cf == NULL)
			_exit(10);
		font = qr_fonts_select(cf, "Arial", 400, 0, "x.fo", 8);
		if (font != NULL)
			_exit(11);
		if (!qr_fonts_unusable(cf) || nerr != 1 ||
		    strcmp(last_code, "font-load") != 0)
			_exit(12);
		qr_fonts_free(cf);
		quire_free(cq);
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	remove(conf);
	rmdir(dir);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 0);
}
END_TEST

static Suite *
font_suite(void)
{
	Suite *s = suite_create("font");
	TCase *tc = tcase_create("font");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, select_metric_aliases);
	tcase_add_test(tc, select_generic_and_cache);
	tcase_add_test(tc, select_unknown_warns_once);
	tcase_add_test(tc, widths_rounded);
	tcase_add_test(tc, vertical_metrics);
	tcase_add_test(tc, glyph_coverage_and_fallback);
	tcase_add_test(tc, utf8_decoder);
	tcase_add_test(tc, no_fonts_at_all);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(font_suite());
	int nf;

	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
