/* test_pdf.c: the PDF writer, checked from the outside: an area tree built
 * by hand (text in Liberation Sans regular, bold and italic with non-ASCII,
 * a justified line, rules, fills, images, links, bookmarks, page labels)
 * is written, then read back with pdftotext, pdffonts, pdfimages, pdfinfo
 * and qpdf. Also the image probes. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "area.h"
#include "context.h"
#include "font.h"
#include "image.h"
#include "pdf.h"

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

static char tmpdir[256];

static void
mk_tmpdir(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/quire-test-pdf-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
rm_tmpdir(void)
{
	char cmd[512];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

static char *
path_in(const char *name)
{
	static char b[8][512];
	static int k;

	k = (k + 1) % 8;
	snprintf(b[k], sizeof b[k], "%s/%s", tmpdir, name);
	return b[k];
}

/* Whole file as a NUL-terminated malloc'd string; *len its size. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *b;
	long n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	b = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(fread(b, 1, (size_t)n, fp), (size_t)n);
	b[n] = '\0';
	fclose(fp);
	if (len != NULL)
		*len = (size_t)n;
	return b;
}

/* Run a shell command; its stdout into *out (malloc'd), stderr into
 * *err; returns the exit status. */
static int
run(const char *cmd, char **out, char **err)
{
	char full[2048], o[512], e[512];
	int st;

	snprintf(o, sizeof o, "%s/run.out", tmpdir);
	snprintf(e, sizeof e, "%s/run.err", tmpdir);
	snprintf(full, sizeof full, "( %s ) >'%s' 2>'%s'", cmd, o, e);
	st = system(full);
	*out = slurp(o, NULL);
	*err = slurp(e, NULL);
	ck_assert_ptr_nonnull(*out);
	ck_assert_ptr_nonnull(*err);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* needle in the n bytes at s, which may hold NULs (font streams). */
static int
has(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if (s[i] == needle[0] && memcmp(s + i, needle, k) == 0)
			return 1;
	return 0;
}

/* ---- fixtures: a PNG made here, a small JPEG (from pdftoppm, JFIF
 * density set to 150 dpi) --------------------------------------------- */

static void
put32(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void
chunk(FILE *fp, const char *type, const unsigned char *data, unsigned long n)
{
	unsigned char h[8], c[4];
	uLong crc = crc32(0, (const Bytef *)type, 4);

	put32(h, n);
	memcpy(h + 4, type, 4);
	fwrite(h, 1, 8, fp);
	if (n > 0)
		fwrite(data, 1, n, fp);
	crc = crc32(crc, n > 0 ? data : (const unsigned char *)"", (uInt)n);
	put32(c, crc);
	fwrite(c, 1, 4, fp);
}

/* How write_png_ex() spoils its PNG. */
enum { PNG_OK, PNG_BAD_TEXT, PNG_BAD_DEPTH, PNG_BAD_FILTER, PNG_SHORT,
    PNG_BAD_CRC };

/* A w x h RGB PNG at 300 dpi: a red and blue chequer. PNG_BAD_TEXT adds a
 * tEXt chunk with a wrong CRC after IHDR, which libpng reports as a
 * warning (and libharu 2.3.0, on its own, as a failure); the others are
 * what libpng treats as errors, which abort inside libharu: a bit depth
 * RGB does not have, a row filter 7, pixel data for half the rows, an
 * IDAT whose CRC is wrong. */
static void
write_png_ex(const char *path, int w, int h, int how)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1A, '\n'};
	unsigned char ihdr[13], phys[9];
	size_t rawn = (size_t)h * (1 + 3 * (size_t)w);
	unsigned char *raw = calloc(rawn, 1);
	uLongf zn = compressBound((uLong)rawn);
	unsigned char *z = malloc(zn);
	FILE *fp = fopen(path, "wb");
	int x, y;

	ck_assert(raw != NULL && z != NULL && fp != NULL);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			unsigned char *px = raw + (size_t)y * (1 + 3 * w) + 1 + 3 * x;

			px[(x + y) % 2 ? 2 : 0] = 255;
		}
	if (how == PNG_BAD_FILTER)
		raw[0] = 7;
	ck_assert_int_eq(compress(z, &zn, raw,
	    (uLong)(how == PNG_SHORT ? rawn / 2 : rawn)), Z_OK);
	put32(ihdr, (unsigned long)w);
	put32(ihdr + 4, (unsigned long)h);
	ihdr[8] = how == PNG_BAD_DEPTH ? 4 : 8;
	ihdr[9] = 2;
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	put32(phys, 11811);
	put32(phys + 4, 11811);
	phys[8] = 1;
	fwrite(sig, 1, 8, fp);
	chunk(fp, "IHDR", ihdr, 13);
	if (how == PNG_BAD_TEXT) {
		static const unsigned char t[] = {0, 0, 0, 7, 't', 'E', 'X', 't',
		    'C', 'o', 'm', 0, 'x', 'y', 'z', 1, 2, 3, 4};

		fwrite(t, 1, sizeof t, fp);
	}
	chunk(fp, "pHYs", phys, 9);
	if (how == PNG_BAD_CRC) {
		unsigned char zero[4] = {0, 0, 0, 0};

		put32(zero, zn);
		fwrite(zero, 1, 4, fp);
		fwrite("IDAT", 1, 4, fp);
		fwrite(z, 1, zn, fp);
		memset(zero, 0, 4);
		fwrite(zero, 1, 4, fp);
	} else
		chunk(fp, "IDAT", z, zn);
	chunk(fp, "IEND", NULL, 0);
	fclose(fp);
	free(raw);
	free(z);
}

static void
write_png(const char *path, int w, int h)
{
	write_png_ex(path, w, h, PNG_OK);
}

static const unsigned char tiny_jpg[] = {
	0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01,
	0x01, 0x01, 0x00, 0x96, 0x00, 0x96, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43,
	0x00, 0x08, 0x06, 0x06, 0x07, 0x06, 0x05, 0x08, 0x07, 0x07, 0x07, 0x09,
	0x09, 0x08, 0x0a, 0x0c, 0x14, 0x0d, 0x0c, 0x0b, 0x0b, 0x0c, 0x19, 0x12,
	0x13, 0x0f, 0x14, 0x1d, 0x1a, 0x1f, 0x1e, 0x1d, 0x1a, 0x1c, 0x1c, 0x20,
	0x24, 0x2e, 0x27, 0x20, 0x22, 0x2c, 0x23, 0x1c, 0x1c, 0x28, 0x37, 0x29,
	0x2c, 0x30, 0x31, 0x34, 0x34, 0x34, 0x1f, 0x27, 0x39, 0x3d, 0x38, 0x32,
	0x3c, 0x2e, 0x33, 0x34, 0x32, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x09, 0x09,
	0x09, 0x0c, 0x0b, 0x0c, 0x18, 0x0d, 0x0d, 0x18, 0x32, 0x21, 0x1c, 0x21,
	0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32,
	0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32,
	0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32,
	0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32,
	0x32, 0x32, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x0c, 0x00, 0x10, 0x03,
	0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xc4, 0x00,
	0x1f, 0x00, 0x00, 0x01, 0x05, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05,
	0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0xff, 0xc4, 0x00, 0xb5, 0x10, 0x00,
	0x02, 0x01, 0x03, 0x03, 0x02, 0x04, 0x03, 0x05, 0x05, 0x04, 0x04, 0x00,
	0x00, 0x01, 0x7d, 0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21,
	0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32, 0x81,
	0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24,
	0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25,
	0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a,
	0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56,
	0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a,
	0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86,
	0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99,
	0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3,
	0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6,
	0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9,
	0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1,
	0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xff, 0xc4, 0x00,
	0x1f, 0x01, 0x00, 0x03, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
	0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05,
	0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0xff, 0xc4, 0x00, 0xb5, 0x11, 0x00,
	0x02, 0x01, 0x02, 0x04, 0x04, 0x03, 0x04, 0x07, 0x05, 0x04, 0x04, 0x00,
	0x01, 0x02, 0x77, 0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31,
	0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22, 0x32, 0x81, 0x08,
	0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15,
	0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18,
	0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39,
	0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55,
	0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
	0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84,
	0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97,
	0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa,
	0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4,
	0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7,
	0xd8, 0xd9, 0xda, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea,
	0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xff, 0xda, 0x00,
	0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00, 0xf7,
	0xfa, 0x28, 0xa2, 0x80, 0x3f, 0xff, 0xd9,
};

static void
write_bytes(const char *path, const void *b, size_t n)
{
	FILE *fp = fopen(path, "wb");

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fwrite(b, 1, n, fp), n);
	fclose(fp);
}

/* ---- the tree ------------------------------------------------------------ */

static const qr_color black = {0, 0, 0}, navy = {0.1f, 0.2f, 0.5f},
    grey = {0.85f, 0.85f, 0.85f};

static void
text(qr_area_tree *t, qr_page *p, qr_font *f, double size, double x,
    double y, const char *s, double ws)
{
	qr_area *a = qr_area_add(t, p, QR_AREA_TEXT);

	a->x = x;
	a->y = y;
	a->h = size;
	a->u.text.font = f;
	a->u.text.size = size;
	a->u.text.color = black;
	a->u.text.utf8 = qr_arena_strdup(t->arena, s);
	a->u.text.len = strlen(s);
	a->u.text.word_spacing = ws;
	a->w = qr_font_width(f, s, strlen(s), size);
}

static void
line(qr_area_tree *t, qr_page *p, double x, double y, double w, double h,
    double th, qr_line_style st)
{
	qr_area *a = qr_area_add(t, p, QR_AREA_LINE);

	a->x = x;
	a->y = y;
	a->w = w;
	a->h = h;
	a->u.line.thickness = th;
	a->u.line.style = st;
	a->u.line.color = navy;
}

#define A4W 595.276
#define A4H 841.89
#define JUST "Justified words spread across"
#define ESCAPES "(a\\b) \xc4\x8d \xc4\x8a \xc4\xa8\xc4\xa9 \xc5\x9c)("
#define JUST_WS 7.5

static qr_area_tree *
build_tree(qr_fonts *fonts, const char *png, const char *jpg,
    const char *missing)
{
	qr_area_tree *t = qr_area_tree_new();
	qr_font *reg = qr_fonts_select(fonts, "Arial", 400, 0, NULL, 0);
	qr_font *bold = qr_fonts_select(fonts, "Arial", 700, 0, NULL, 0);
	qr_font *it = qr_fonts_select(fonts, "Arial", 400, 1, NULL, 0);
	qr_page *p1, *p2, *p3;

	/* Selected (measured) but never drawn: must not be embedded. */
	ck_assert(qr_font_width(qr_fonts_select(fonts, "Times New Roman", 400,
	    0, NULL, 0), "unused", 6, 10) > 0);
	qr_area *a;
	qr_outline *o;

	ck_assert_ptr_nonnull(t);
	p1 = qr_area_page_add(t, A4W, A4H);
	p2 = qr_area_page_add(t, A4W, A4H);
	p3 = qr_area_page_add(t, A4H, A4W); /* landscape */
	p1->label = "i";
	p2->label = "1";
	p3->label = "2";

	a = qr_area_add(t, p1, QR_AREA_FILL);
	a->x = 50;
	a->y = 60;
	a->w = 495;
	a->h = 30;
	a->u.fill.color = grey;
	text(t, p1, bold, 16, 56, 80, "Children \xe2\x80\x93 Scrutiny Committee", 0);
	text(t, p1, reg, 12, 56, 120,
	    "Budget \xc2\xa3" "2.5m, the officers\xe2\x80\x99 \xe2\x80\x9c" "best\xe2\x80\x9d caf\xc3\xa9 area 10m\xc2\xb2", 0);
	text(t, p1, it, 12, 56, 150, "Recommendations in italics", 0);
	text(t, p1, reg, 12, 56, 180, JUST, JUST_WS);
	line(t, p1, 56, 200, 480, 0, 1, QR_LINE_SOLID);
	line(t, p1, 56, 210, 480, 0, 0.5, QR_LINE_DASHED);
	line(t, p1, 56, 220, 480, 0, 1, QR_LINE_DOTTED);
	line(t, p1, 56, 232, 480, 0, 3, QR_LINE_DOUBLE);
	line(t, p1, 40, 60, 0, 180, 0.75, QR_LINE_SOLID);
	a = qr_area_add(t, p1, QR_AREA_IMAGE);
	a->x = 56;
	a->y = 260;
	a->w = 96;
	a->h = 72;
	a->u.image.path = qr_arena_strdup(t->arena, png);
	a = qr_area_add(t, p1, QR_AREA_IMAGE);
	a->x = 200;
	a->y = 260;
	a->w = 64;
	a->h = 48;
	a->u.image.path = qr_arena_strdup(t->arena, jpg);
	a = qr_area_add(t, p1, QR_AREA_IMAGE);
	a->x = 300;
	a->y = 260;
	a->w = 64;
	a->h = 48;
	a->u.image.path = qr_arena_strdup(t->arena, missing);
	a = qr_area_add(t, p1, QR_AREA_IMAGE); /* libpng warns on it */
	a->x = 400;
	a->y = 260;
	a->w = 40;
	a->h = 40;
	a->u.image.path = qr_arena_strdup(t->arena, path_in("warns.png"));
	a = qr_area_add(t, p1, QR_AREA_IMAGE); /* the same again: one warning */
	a->x = 300;
	a->y = 320;
	a->w = 64;
	a->h = 48;
	a->u.image.path = qr_arena_strdup(t->arena, missing);
	text(t, p1, reg, 12, 56, 400, "See the minutes", 0);
	a = qr_area_add(t, p1, QR_AREA_LINK);
	a->x = 56;
	a->y = 389;
	a->w = qr_font_width(reg, "See the minutes", 15, 12);
	a->h = 14;
	a->u.link.dest_page = 1;
	a->u.link.dest_y = 100;
	text(t, p1, reg, 12, 56, 430, "Council website", 0);
	a = qr_area_add(t, p1, QR_AREA_LINK);
	a->x = 56;
	a->y = 419;
	a->w = 90;
	a->h = 14;
	a->u.link.uri = "https://www.example.gov.uk/committees?id=12&x=1";

	text(t, p2, bold, 14, 56, 100, "Minutes of 3 July 2017", 0);
	text(t, p2, reg, 11, 56, 130, "Present: Councillor \xc3\x89lodie Smith (Chair)", 0);
	/* Code bytes a literal string must escape: ( ) \\ as themselves and
	 * as low bytes (U+0128, U+0129, U+015C), CR and LF as low bytes
	 * (U+010D, U+010A). */
	text(t, p2, reg, 11, 56, 150, ESCAPES, 2.0);
	text(t, p3, reg, 11, 56, 100, "Appendix A \xe2\x80\x93 landscape", 0);

	o = qr_area_outline_add(t, NULL, "Agenda \xe2\x80\x93 12 September", 0, 0, 0, 1);
	/* Minutes has a child and starts closed; Agenda starts open. */
	qr_area_outline_add(t, qr_area_outline_add(t, o, "Minutes", 1, 0, 100, 0),
	    "Present", 1, 0, 130, 1);
	qr_area_outline_add(t, o, "Appendix A \xc2\xa3", 2, 0, 0, 0);
	qr_area_outline_add(t, NULL, "Back matter", 2, 0, 50, 0);
	return t;
}

/* pdftotext's reading of the fixture: lines 30 pt apart are one block,
 * the gap before the link lines starts another; \f ends each page. */
static const char expect_text[] =
    "Children \xe2\x80\x93 Scrutiny Committee\n"
    "Budget \xc2\xa3" "2.5m, the officers\xe2\x80\x99 \xe2\x80\x9c" "best\xe2\x80\x9d caf\xc3\xa9 area 10m\xc2\xb2\n"
    "Recommendations in italics\n"
    JUST "\n\n"
    "See the minutes\n"
    "Council website\n\n\f"
    "Minutes of 3 July 2017\n"
    "Present: Councillor \xc3\x89lodie Smith (Chair)\n"
    ESCAPES "\n\n\f"
    "Appendix A \xe2\x80\x93 landscape\n\n\f";

/* Write the fixture tree to path; returns the writer's status. */
static int
write_fixture(const char *path, unsigned char **mem, size_t *memlen)
{
	quire *q = quire_new();
	qr_fonts *fonts;
	qr_area_tree *t;
	qr_pdf_info info;
	int rc;

	quire_set_diagnostic_handler(q, capture, NULL);
	fonts = qr_fonts_new(q);
	ck_assert_ptr_nonnull(fonts);
	t = build_tree(fonts, path_in("chequer.png"), path_in("tiny.jpg"),
	    path_in("no-such-image.png"));
	memset(&info, 0, sizeof info);
	info.title = "Children \xe2\x80\x93 Scrutiny pack";
	info.author = "Democratic Services";
	info.subject = "Agenda";
	info.keywords = "scrutiny, children";
	info.language = "en-GB";
	if (mem != NULL)
		rc = qr_pdf_write_memory(q, fonts, t, &info, mem, memlen);
	else
		rc = qr_pdf_write(q, fonts, t, path, &info);
	qr_area_tree_free(t);
	qr_fonts_free(fonts);
	quire_free(q);
	return rc;
}

static void
setup(void)
{
	mk_tmpdir();
	write_png(path_in("chequer.png"), 8, 6);
	write_png_ex(path_in("warns.png"), 4, 4, PNG_BAD_TEXT);
	write_bytes(path_in("tiny.jpg"), tiny_jpg, sizeof tiny_jpg);
	nwarn = nerr = 0;
}

static void
teardown(void)
{
	/* QUIRE_TEST_KEEP=1 keeps the files for a look. */
	if (getenv("QUIRE_TEST_KEEP") != NULL)
		fprintf(stderr, "test_pdf: kept %s\n", tmpdir);
	else
		rm_tmpdir();
}

/* ---- tests ------------------------------------------------------------ */

START_TEST(text_extracts_exactly)
{
	const char *pdf = path_in("pack.pdf");
	char cmd[1024], *out, *err;

	ck_assert_int_eq(write_fixture(pdf, NULL, NULL), QUIRE_OK);
	ck_assert_int_eq(nerr, 0);
	/* The missing image: one warning naming the file. */
	ck_assert_int_eq(nwarn, 1);
	ck_assert_str_eq(last_code, "image");
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", pdf);
	ck_assert_int_eq(run(cmd, &out, &err), 0);
	ck_assert_str_eq(err, ""); /* no "Invalid 'begincidrange'", nothing */
	ck_assert_str_eq(out, expect_text);
	free(out);
	free(err);
}
END_TEST

START_TEST(qpdf_check_clean)
{
	const char *pdf = path_in("pack.pdf");
	char cmd[1024], *out, *err;

	ck_assert_int_eq(write_fixture(pdf, NULL, NULL), QUIRE_OK);
	snprintf(cmd, sizeof cmd, "qpdf --check '%s'", pdf);
	ck_assert_int_eq(run(cmd, &out, &err), 0);
	ck_assert_ptr_nonnull(strstr(out, "No syntax or stream encoding errors found"));
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
}
END_TEST

START_TEST(fonts_embedded_subset)
{
	const char *pdf = path_in("pack.pdf");
	char cmd[1024], *out, *err, *l;
	int rows = 0;
	struct stat sb;

	ck_assert_int_eq(write_fixture(pdf, NULL, NULL), QUIRE_OK);
	snprintf(cmd, sizeof cmd, "pdffonts '%s'", pdf);
	ck_assert_int_eq(run(cmd, &out, &err), 0);
	ck_assert_str_eq(err, "");
	/* name type(2 words) encoding emb sub uni object ID */
	for (l = strtok(out, "\n"); l != NULL; l = strtok(NULL, "\n")) {
		char name[128], t1[32], t2[32], enc[32], emb[8], sub[8], uni[8];

		if (strncmp(l, "name", 4) == 0 || l[0] == '-')
			continue;
		ck_assert_int_eq(sscanf(l, "%127s %31s %31s %31s %7s %7s %7s",
		    name, t1, t2, enc, emb, sub, uni), 7);
		ck_assert_msg(strchr(name, '+') != NULL, "subset tag: %s", name);
		ck_assert_str_eq(t1, "CID");
		ck_assert_str_eq(t2, "TrueType");
		ck_assert_str_eq(emb, "yes");
		ck_assert_str_eq(sub, "yes");
		ck_assert_str_eq(uni, "yes");
		rows++;
	}
	ck_assert_int_eq(rows, 3);
	free(out);
	free(err);
	/* Three full Liberation Sans faces are 1.2 MB; the subsets of the
	 * few glyphs used, compressed, are a small fraction of it. */
	ck_assert_int_eq(stat(pdf, &sb), 0);
	ck_assert_msg(sb.st_size < 200000, "PDF is %ld bytes", (long)sb.st_size);
}
END_TEST

START_TEST(measured_equals_drawn)
{
	const char *pdf = path_in("pack.pdf");
	char cmd[1024], *out, *err, *p;
	quire *q = quire_new();
	qr_fonts *fonts = qr_fonts_new(q);
	qr_font *reg = qr_fonts_select(fonts, "Arial", 400, 0, NULL, 0);
	double x_spread, x_words, xmin, xmax;

	ck_assert_int_eq(write_fixture(pdf, NULL, NULL), QUIRE_OK);
	snprintf(cmd, sizeof cmd, "pdftotext -bbox -f 1 -l 1 '%s' -", pdf);
	ck_assert_int_eq(run(cmd, &out, &err), 0);
	/* "spread" in the justified line: two spaces, each widened by
	 * JUST_WS, before it. */
	x_spread = 56 + qr_font_width(reg, "Justified words ", 16, 12) +
	    2 * JUST_WS;
	p = strstr(out, ">spread<");
	ck_assert_ptr_nonnull(p);
	while (p > out && strncmp(p, "<word", 5) != 0)
		p--;
	ck_assert_int_eq(sscanf(p, "<word xMin=\"%lf\"", &xmin), 1);
	ck_assert_double_eq_tol(xmin, x_spread, 0.01);
	/* The end of "minutes" on the link line is where layout measured. */
	x_words = 56 + qr_font_width(reg, "See the minutes", 15, 12);
	p = strstr(out, ">minutes<");
	ck_assert_ptr_nonnull(p);
	while (p > out && strncmp(p, "<word", 5) != 0)
		p--;
	ck_assert_int_eq(sscanf(p, "<word xMin=\"%*f\" yMin=\"%*f\" xMax=\"%lf\"", &xmax), 1);
	ck_assert_double_eq_tol(xmax, x_words, 0.01);
	free(out);
	free(err);
	qr_fonts_free(fonts);
	quire_free(q);
}
END_TEST

START_TEST(links_outline_labels_info)
{
	const char *pdf = path_in("pack.pdf"), *qdf = path_in("pack.qdf");
	char cmd[1024], *out, *err, *s;
	size_t n;

	ck_assert_int_eq(write_fixture(pdf, NULL, NULL), QUIRE_OK);
	snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable '%s' '%s'", pdf, qdf);
	ck_assert_int_eq(run(cmd, &out, &err), 0);
	free(out);
	free(err);
	s = slurp(qdf, &n);
	ck_assert_ptr_nonnull(s);
	/* External link, internal XYZ link at the exact y (841.89 - 100),
	 * invisible borders. */
	ck_assert(has(s, n, "/URI (https://www.example.gov.uk/committees?id=12&x=1)"));
	ck_assert(has(s, n, "/XYZ\n"));
	ck_assert(has(s, n, "741.89"));
	ck_assert(!has(s, n, "/Fit"));
	ck_assert(has(s, n, "/Border [\n    0\n    0\n    0\n  ]"));
	ck_assert(has(s, n, "/Lang (en-GB)"));
	ck_assert(has(s, n, "/DisplayDocTitle true"));
	ck_assert(has(s, n, "/PageLabels"));
	ck_assert(has(s, n, "/PageMode /UseOutlines"));
	/* No clock unless asked. */
	ck_assert(!has(s, n, "/CreationDate"));
	ck_assert(!has(s, n, "/ModDate"));
	free(s);

	snprintf(cmd, sizeof cmd, "qpdf --json --json-key=outlines --json-key=pagelabels '%s'", pdf);
	ck_assert_int_eq(run(cmd, &out, &err), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"title\": \"Agenda \xe2\x80\x93 12 September\""));
	ck_assert_ptr_nonnull(strstr(out, "\"title\": \"Appendix A \xc2\xa3\""));
	ck_assert_ptr_nonnull(strstr(out, "\"title\": \"Back matter\""));
	ck_assert_ptr_nonnull(strstr(out, "\"title\": \"Present\""));
	/* Only Minutes is closed (leaves count as open). */
	s = strstr(out, "\"open\": false");
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_null(strstr(s + 1, "\"open\": false"));
	/* qpdf sorts keys: "open" comes just before the item's "title". */
	s = strstr(s, "\"title\": ");
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(strncmp(s, "\"title\": \"Minutes\"", 18), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"/S\": \"/r\""));
	ck_assert_ptr_nonnull(strstr(out, "\"/S\": \"/D\""));
	free(out);
	free(err);

	snprintf(cmd, sizeof cmd, "pdfinfo '%s'", pdf);
	ck_assert_int_eq(run(cmd, &out, &err), 0);
	ck_assert_ptr_nonnull(strstr(out, "Title:           Children \xe2\x80\x93 Scrutiny pack\n"));
	ck_assert_ptr_nonnull(strstr(out, "Author:          Democratic Services\n"));
	ck_assert_ptr_nonnull(strstr(out, "Creator:         quire\n"));
	ck_assert_ptr_nonnull(strstr(out, "Pages:           3\n"));
	ck_assert_str_eq(err, "");
	free(out);
	free(err);

	snprintf(cmd, sizeof cmd, "pdfimages -list '%s'", pdf);
	ck_assert_int_eq(run(cmd, &out, &err), 0);
	ck_assert_ptr_nonnull(strstr(out, "image       8     6  rgb     3   8  image"));
	ck_assert_ptr_nonnull(strstr(out, "image       4     4  rgb     3   8  image"));
	ck_assert_ptr_nonnull(strstr(out, "jpeg"));
	free(out);
	free(err);
}
END_TEST

START_TEST(reproducible_and_memory)
{
	unsigned char *mem = NULL;
	size_t memlen = 0, n1, n2;
	char *a, *b;

	ck_assert_int_eq(write_fixture(path_in("a.pdf"), NULL, NULL), QUIRE_OK);
	ck_assert_int_eq(write_fixture(path_in("b.pdf"), NULL, NULL), QUIRE_OK);
	ck_assert_int_eq(write_fixture(NULL, &mem, &memlen), QUIRE_OK);
	a = slurp(path_in("a.pdf"), &n1);
	b = slurp(path_in("b.pdf"), &n2);
	ck_assert_uint_eq(n1, n2);
	ck_assert(memcmp(a, b, n1) == 0);
	ck_assert_uint_eq(memlen, n1);
	ck_assert(memcmp(mem, a, n1) == 0);
	free(a);
	free(b);
	free(mem);
}
END_TEST

START_TEST(source_date_epoch)
{
	const char *pdf = path_in("dated.pdf");
	char cmd[1024], *out, *err;

	setenv("SOURCE_DATE_EPOCH", "1505217600", 1); /* 2017-09-12 12:00 UTC */
	ck_assert_int_eq(write_fixture(pdf, NULL, NULL), QUIRE_OK);
	unsetenv("SOURCE_DATE_EPOCH");
	snprintf(cmd, sizeof cmd, "TZ=UTC pdfinfo -isodates '%s'", pdf);
	ck_assert_int_eq(run(cmd, &out, &err), 0);
	ck_assert_ptr_nonnull(strstr(out, "CreationDate:    2017-09-12T12:00:00Z"));
	free(out);
	free(err);
}
END_TEST

/* A locale whose decimal separator is a comma: an installed one, or one
 * compiled for this test with localedef into the temporary folder. */
static int
comma_locale(void)
{
	static const char *const names[] = {"fr_FR.UTF-8", "de_DE.UTF-8",
	    "fr_FR.utf8", "de_DE.utf8"};
	char cmd[512];
	size_t i;

	for (i = 0; i < 4; i++)
		if (setlocale(LC_ALL, names[i]) != NULL)
			return 1;
	snprintf(cmd, sizeof cmd, "localedef -i fr_FR -f UTF-8 '%s/fr_FR.UTF-8' "
	    ">/dev/null 2>&1", tmpdir);
	if (system(cmd) != 0)
		return 0;
	setenv("LOCPATH", tmpdir, 1);
	return setlocale(LC_ALL, "fr_FR.UTF-8") != NULL;
}

START_TEST(locale_independent)
{
	char *a, *b, *out, *err;
	size_t n1, n2;
	char cmd[1024];

	ck_assert_int_eq(write_fixture(path_in("c.pdf"), NULL, NULL), QUIRE_OK);
	ck_assert_msg(comma_locale(), "no comma-decimal locale available "
	    "(install the 'locales' package)");
	ck_assert_str_eq(localeconv()->decimal_point, ",");
	ck_assert_int_eq(write_fixture(path_in("fr.pdf"), NULL, NULL), QUIRE_OK);
	setlocale(LC_ALL, "C");
	unsetenv("LOCPATH");
	a = slurp(path_in("c.pdf"), &n1);
	b = slurp(path_in("fr.pdf"), &n2);
	ck_assert_uint_eq(n1, n2);
	ck_assert(memcmp(a, b, n1) == 0);
	free(a);
	free(b);
	snprintf(cmd, sizeof cmd, "qpdf --check '%s'", path_in("fr.pdf"));
	ck_assert_int_eq(run(cmd, &out, &err), 0);
	free(out);
	free(err);
}
END_TEST

START_TEST(writer_errors_reported)
{
	quire *q = quire_new();
	qr_fonts *fonts;
	qr_area_tree *t = qr_area_tree_new();
	qr_page *p;
	qr_area *a;

	quire_set_diagnostic_handler(q, capture, NULL);
	fonts = qr_fonts_new(q);
	/* No pages: an error, not an empty file. */
	ck_assert_int_eq(qr_pdf_write(q, fonts, t, path_in("empty.pdf"), NULL),
	    QUIRE_IOERR);
	ck_assert_int_eq(nerr, 1);
	ck_assert_str_eq(last_code, "pdf");
	qr_fonts_free(fonts);
	/* A link to a page that does not exist: warned, left out. A folder
	 * that does not exist: an error. */
	fonts = qr_fonts_new(q);
	p = qr_area_page_add(t, 200, 200);
	a = qr_area_add(t, p, QR_AREA_LINK);
	a->x = a->y = 10;
	a->w = a->h = 10;
	a->u.link.dest_page = 7;
	ck_assert_int_eq(qr_pdf_write(q, fonts, t, "/nonexistent-dir/x.pdf", NULL),
	    QUIRE_IOERR);
	ck_assert_int_eq(nwarn, 1);
	ck_assert_int_eq(nerr, 2);
	ck_assert_str_eq(last_code, "pdf");
	qr_fonts_free(fonts);
	qr_area_tree_free(t);
	quire_free(q);
}
END_TEST

/* What layout should never send still gives a valid file: characters the
 * 2-byte encoding cannot carry are dropped (and measured as zero), odd
 * numbers are clamped, empty shapes skipped. */
START_TEST(odd_input_survives)
{
	quire *q = quire_new();
	qr_fonts *fonts;
	qr_area_tree *t = qr_area_tree_new();
	qr_font *reg;
	qr_page *p;
	qr_area *a;
	char cmd[1024], *out, *err;
	const char *odd = "A\tB\xf0\x9f\x98\x80" "C\xff";

	quire_set_diagnostic_handler(q, capture, NULL);
	fonts = qr_fonts_new(q);
	reg = qr_fonts_select(fonts, "Arial", 400, 0, NULL, 0);
	ck_assert_double_eq_tol(qr_font_width(reg, odd, strlen(odd), 10),
	    qr_font_width(reg, "ABC", 3, 10), 1e-9);
	p = qr_area_page_add(t, 300, 300);
	text(t, p, reg, 10, 20, 50, odd, 0);
	text(t, p, reg, 10, 20, 80, "x y", NAN);
	a = qr_area_add(t, p, QR_AREA_TEXT); /* no font */
	a->u.text.utf8 = "lost";
	a->u.text.len = 4;
	a->u.text.size = 10;
	line(t, p, NAN, 10, 100, 0, 1, QR_LINE_DASHED);
	line(t, p, 10, 10, 1e12, 0, 1, QR_LINE_SOLID);
	line(t, p, 10, 10, 0, 0, 1, QR_LINE_SOLID);
	a = qr_area_add(t, p, QR_AREA_FILL);
	a->w = 0;
	a->h = 10;
	/* Beyond libharu's 600 pt font size cap: scaled by the matrix. */
	text(t, p, reg, 2000, 20, 290, "W", 0);
	/* Unresolved internal link: layout reported it; no second word. */
	a = qr_area_add(t, p, QR_AREA_LINK);
	a->x = a->y = 10;
	a->w = a->h = 10;
	a->u.link.dest_page = -1;
	/* Pixel data libpng would abort on: left out with a warning. */
	write_png_ex(path_in("short.png"), 8, 6, PNG_SHORT);
	a = qr_area_add(t, p, QR_AREA_IMAGE);
	a->x = a->y = 100;
	a->w = a->h = 50;
	a->u.image.path = qr_arena_strdup(t->arena, path_in("short.png"));
	ck_assert_int_eq(qr_pdf_write(q, fonts, t, path_in("odd.pdf"), NULL), QUIRE_OK);
	ck_assert_int_eq(nerr, 0);
	ck_assert_int_eq(nwarn, 2); /* the NaNs, once; the image */
	ck_assert_str_eq(last_code, "image");
	ck_assert_ptr_nonnull(strstr(last_msg, "truncated or corrupt"));
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - && qpdf --check '%s'",
	    path_in("odd.pdf"), path_in("odd.pdf"));
	ck_assert_int_eq(run(cmd, &out, &err), 0);
	ck_assert_str_eq(err, "");
	ck_assert_ptr_nonnull(strstr(out, "ABC\n"));
	ck_assert_ptr_nonnull(strstr(out, "W\n")); /* the 2000 pt glyph */
	ck_assert_ptr_null(strstr(out, "xy")); /* the NaN word spacing run */
	ck_assert_ptr_nonnull(strstr(out, "No syntax or stream encoding errors found"));
	free(out);
	free(err);
	/* A page without a label reads as its number: no /PageLabels. */
	{
		size_t n;
		char *pdf = slurp(path_in("odd.pdf"), &n);

		ck_assert(has(pdf, n, "/Catalog"));
		ck_assert(!has(pdf, n, "/PageLabels"));
		free(pdf);
	}
	qr_area_tree_free(t);
	qr_fonts_free(fonts);
	quire_free(q);
}
END_TEST

START_TEST(image_probe)
{
	int w = 0, h = 0;
	double dx = 0, dy = 0, wpt, hpt;
	quire *q = quire_new();
	static const unsigned char notimg[] = "GIF89a nonsense here";
	static const unsigned char cut_png[] = {0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1A, '\n', 0, 0, 0, 13, 'I', 'H'};

	quire_set_diagnostic_handler(q, capture, NULL);
	ck_assert_int_eq(qr_image_probe(q, path_in("chequer.png"), &w, &h, &dx, &dy),
	    QR_IMAGE_PNG);
	ck_assert_int_eq(w, 8);
	ck_assert_int_eq(h, 6);
	ck_assert_double_eq_tol(dx, 300, 0.01);
	ck_assert_double_eq_tol(dy, 300, 0.01);
	qr_image_size_pt(w, h, dx, dy, 96, &wpt, &hpt);
	ck_assert_double_eq_tol(wpt, 8 * 72.0 / 300, 0.001);
	ck_assert_int_eq(qr_image_probe(q, path_in("tiny.jpg"), &w, &h, &dx, &dy),
	    QR_IMAGE_JPEG);
	ck_assert_int_eq(w, 16);
	ck_assert_int_eq(h, 12);
	ck_assert_double_eq_tol(dx, 150, 1e-9);
	qr_image_size_pt(w, h, 0, 0, 96, &wpt, &hpt);
	ck_assert_double_eq_tol(wpt, 12, 1e-9);
	ck_assert_int_eq(nwarn, 0);
	ck_assert_int_eq(qr_image_probe(q, path_in("none.png"), &w, &h, &dx, &dy),
	    QR_IMAGE_NONE);
	ck_assert_int_eq(nwarn, 1);
	ck_assert_str_eq(last_code, "image");
	write_bytes(path_in("x.gif"), notimg, sizeof notimg);
	ck_assert_int_eq(qr_image_probe(q, path_in("x.gif"), NULL, NULL, NULL, NULL),
	    QR_IMAGE_NONE);
	ck_assert_ptr_nonnull(strstr(last_msg, "not a PNG or JPEG"));
	write_bytes(path_in("cut.png"), cut_png, sizeof cut_png);
	ck_assert_int_eq(qr_image_probe(q, path_in("cut.png"), NULL, NULL, NULL, NULL),
	    QR_IMAGE_NONE);
	/* What libpng would refuse (and abort on, inside libharu). */
	{
		static const struct {
			int how;
			const char *why;
		} spoilt[] = {
			{PNG_BAD_DEPTH, "PNG with an invalid header"},
			{PNG_BAD_FILTER, "the PNG data is truncated or corrupt"},
			{PNG_SHORT, "the PNG data is truncated or corrupt"},
			{PNG_BAD_CRC, "the PNG data is truncated or corrupt"},
		};
		size_t k;
		const char *why;

		for (k = 0; k < sizeof spoilt / sizeof spoilt[0]; k++) {
			write_png_ex(path_in("spoilt.png"), 8, 6, spoilt[k].how);
			w = h = 7;
			ck_assert_int_eq(qr_image_probe_quiet(path_in("spoilt.png"),
			    &w, &h, NULL, NULL, &why), QR_IMAGE_NONE);
			ck_assert_str_eq(why, spoilt[k].why);
			ck_assert_int_eq(w, 0);
			ck_assert_int_eq(h, 0);
		}
		write_png_ex(path_in("spoilt.png"), 8, 6, PNG_BAD_TEXT);
		ck_assert_int_eq(qr_image_probe_quiet(path_in("spoilt.png"),
		    &w, &h, NULL, NULL, &why), QR_IMAGE_PNG);
	}
	/* A JPEG cut before its frame header. */
	write_bytes(path_in("cut.jpg"), tiny_jpg, 40);
	ck_assert_int_eq(qr_image_probe(q, path_in("cut.jpg"), NULL, NULL, NULL, NULL),
	    QR_IMAGE_NONE);
	ck_assert_int_eq(nwarn, 4);
	quire_free(q);
}
END_TEST

/* Not a timed test: writes a synthetic 1000-page tree (44 lines of about
 * 80 characters a page, every third line justified) and reports the
 * time on stderr, for the record; asserts only that the result is sound. */
START_TEST(thousand_pages)
{
	quire *q = quire_new();
	qr_fonts *fonts = qr_fonts_new(q);
	qr_area_tree *t = qr_area_tree_new();
	qr_font *reg = qr_fonts_select(fonts, "Arial", 400, 0, NULL, 0);
	qr_font *bold = qr_fonts_select(fonts, "Arial", 700, 0, NULL, 0);
	static const char *const words[] = {"the", "committee", "resolved",
	    "that", "officers", "report", "on", "progress", "with", "each",
	    "recommendation", "\xe2\x80\x93", "including", "costs", ("\xc2\xa3" "4,500"),
	    "and", "timescales", "for", "delivery", "by", "partners"};
	char line_buf[200], cmd[512], *out, *err;
	int pg, ln, k = 0;
	struct timespec t0, t1;
	double secs;
	size_t size;

	for (pg = 0; pg < 1000; pg++) {
		qr_page *p = qr_area_page_add(t, A4W, A4H);

		text(t, p, bold, 14, 56, 60, "Appendix A \xe2\x80\x93 progress", 0);
		for (ln = 0; ln < 44; ln++) {
			size_t n = 0;

			while (n < 75) {
				const char *wd = words[k++ % 21];

				n += (size_t)snprintf(line_buf + n, sizeof line_buf - n,
				    "%s%s", n ? " " : "", wd);
			}
			text(t, p, reg, 11, 56, 90 + ln * 16, line_buf,
			    ln % 3 == 0 ? 0.8 : 0);
		}
		line(t, p, 56, 800, 480, 0, 0.5, QR_LINE_SOLID);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(qr_pdf_write(q, fonts, t, path_in("big.pdf"), NULL), QUIRE_OK);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	free(slurp(path_in("big.pdf"), &size));
	fprintf(stderr, "test_pdf: 1000 pages, 44000 lines: written in %.3f s, "
	    "%zu bytes\n", secs, size);
	snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path_in("big.pdf"));
	ck_assert_int_eq(run(cmd, &out, &err), 0);
	ck_assert_ptr_nonnull(strstr(out, "Pages:           1000\n"));
	free(out);
	free(err);
	qr_area_tree_free(t);
	qr_fonts_free(fonts);
	quire_free(q);
}
END_TEST

static Suite *
pdf_suite(void)
{
	Suite *s = suite_create("pdf");
	TCase *tc = tcase_create("pdf");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, text_extracts_exactly);
	tcase_add_test(tc, qpdf_check_clean);
	tcase_add_test(tc, fonts_embedded_subset);
	tcase_add_test(tc, measured_equals_drawn);
	tcase_add_test(tc, links_outline_labels_info);
	tcase_add_test(tc, reproducible_and_memory);
	tcase_add_test(tc, source_date_epoch);
	tcase_add_test(tc, locale_independent);
	tcase_add_test(tc, writer_errors_reported);
	tcase_add_test(tc, odd_input_survives);
	tcase_add_test(tc, image_probe);
	tcase_add_test(tc, thousand_pages);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(pdf_suite());
	int nf;

	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
