/* pdf.c: the PDF writer: area tree -> libharu document -> file or memory.
 * libharu owns the document: pages, fonts and their embedding, images,
 * annotations, outlines, labels, compression and saving. The page content
 * operators themselves are written straight into each page's stream: a
 * glyph run as one Tj of 2-byte codes, or one TJ carrying the word spacing
 * of a justified line (Tw does not apply to 2-byte codes), and colours,
 * rules and fills as plain operators, because libharu's ShowText looks
 * every character up again and its path calls clear a buffer bytewise
 * each time. Text objects and font selection still go through libharu,
 * which registers the page resources. Numbers are formatted here, without
 * the C locale. */
#define _POSIX_C_SOURCE 200809L
#include <hpdf.h>
#include <hpdf_catalog.h>
#include <hpdf_objects.h>
#include <hpdf_page_label.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "image.h"
#include "pdf.h"

/* One image file, loaded once however often it is drawn. */
typedef struct S_img {
	const char *path;
	HPDF_Image img; /* NULL: could not be loaded (warned once) */
} S_img;

typedef struct S_writer {
	quire *q;
	qr_fonts *fonts;
	HPDF_Doc doc;
	const qr_area_tree *t;
	HPDF_Page *pages;
	S_img *imgs;
	size_t nimgs, capimgs;
	/* Per page drawing state, to avoid redundant operators. */
	HPDF_Page page;
	HPDF_Stream st;
	double ph;          /* page height: y flips */
	int in_text;
	qr_font *font;
	double size;
	int have_fill, have_stroke;
	qr_color fill, stroke;
	double lw;
	int dash;           /* qr_line_style last set */
	double dash_t;
	char *buf;          /* scratch for one text operator */
	size_t bufcap;
	int failed;
	int warned_nan;
	unsigned char seen[16]; /* ASCII already passed to qr_font_use() */
} S_writer;

/* ---- numbers, locale-free ------------------------------------------- */

/* v rounded to 1/100 (positions: 0.0035 mm; TJ adjustments: 1/100,000
 * em) or, for colours, 1/1000, without trailing zeros: "12.5", "-0.12",
 * "3". */
static char *
S_numd(char *p, double v, int dec)
{
	long long m;
	char tmp[32];
	int n = 0, frac;

	/* Out of PDF's range (or NaN from a layout bug): a clamped number
	 * keeps the file valid and the conversion defined. */
	if (!(v > -1e9))
		v = v != v ? 0 : -1e9;
	else if (v > 1e9)
		v = 1e9;
	m = (long long)(v * (dec == 2 ? 100.0 : 1000.0) + (v < 0 ? -0.5 : 0.5));
	if (dec == 2)
		m *= 10;

	if (m < 0) {
		*p++ = '-';
		m = -m;
	}
	frac = (int)(m % 1000);
	m /= 1000;
	do {
		tmp[n++] = (char)('0' + m % 10);
		m /= 10;
	} while (m > 0);
	while (n > 0)
		*p++ = tmp[--n];
	if (frac != 0) {
		*p++ = '.';
		*p++ = (char)('0' + frac / 100);
		frac %= 100;
		if (frac != 0) {
			*p++ = (char)('0' + frac / 10);
			frac %= 10;
			if (frac != 0)
				*p++ = (char)('0' + frac);
		}
	}
	*p = '\0';
	return p;
}

static char *
S_num(char *p, double v)
{
	return S_numd(p, v, 2);
}

/* ---- errors ----------------------------------------------------------- */

static int
S_check(S_writer *w, HPDF_STATUS st, const char *what)
{
	unsigned long code = 0, detail = 0;

	if (st == HPDF_OK)
		return 0;
	qr_fonts_last_error(w->fonts, &code, &detail);
	if (!w->failed)
		qr_diag(w->q, QD_PDF, NULL, 0, 0,
		    "libharu failed %s (error 0x%04lX, detail %lu)", what,
		    code != 0 ? code : (unsigned long)st, detail);
	w->failed = 1;
	return -1;
}

static void
S_put(S_writer *w, const char *s, size_t n)
{
	if (HPDF_Stream_Write(w->st, (const HPDF_BYTE *)s, (HPDF_UINT)n) !=
	    HPDF_OK)
		S_check(w, HPDF_FAILD_TO_ALLOC_MEM, "writing a content stream");
}

static int
S_reserve(S_writer *w, size_t n)
{
	if (n <= w->bufcap)
		return 0;
	n = n < 4096 ? 4096 : n * 2;
	free(w->buf);
	w->buf = malloc(n);
	w->bufcap = w->buf != NULL ? n : 0;
	if (w->buf == NULL) {
		qr_diag(w->q, QD_NOMEM, NULL, 0, 0, "out of memory");
		w->failed = 1;
		return -1;
	}
	return 0;
}

/* ---- graphics state --------------------------------------------------- */

static int
S_same_color(qr_color a, qr_color b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* Path and colour operators are written straight into the content
 * stream: libharu's HPDF_Page_MoveTo and friends clear a 512-byte buffer
 * a byte at a time on every call, which cost more than everything else in
 * a table-heavy pack. libharu's own state is not needed for these: only
 * its text object and font calls, made between them, consult it. */
static void
S_color_op(S_writer *w, qr_color c, const char *op)
{
	char b[96], *p = b;
	double v[3];
	int i;

	v[0] = c.r;
	v[1] = c.g;
	v[2] = c.b;
	for (i = 0; i < 3; i++) {
		p = S_numd(p, v[i] < 0 ? 0 : v[i] > 1 ? 1 : v[i], 3);
		*p++ = ' ';
	}
	p += sprintf(p, "%s", op);
	S_put(w, b, (size_t)(p - b));
}

static void
S_fill_color(S_writer *w, qr_color c)
{
	if (w->have_fill && S_same_color(w->fill, c))
		return;
	S_color_op(w, c, "rg\n");
	w->fill = c;
	w->have_fill = 1;
}

static void
S_stroke_color(S_writer *w, qr_color c)
{
	if (w->have_stroke && S_same_color(w->stroke, c))
		return;
	S_color_op(w, c, "RG\n");
	w->stroke = c;
	w->have_stroke = 1;
}

static void
S_end_text(S_writer *w)
{
	if (w->in_text) {
		S_check(w, HPDF_Page_EndText(w->page), "ending text");
		w->in_text = 0;
	}
}

/* ---- text ------------------------------------------------------------- */

static void
S_text(S_writer *w, const qr_area *a)
{
	const char *s = a->u.text.utf8;
	size_t len = a->u.text.len, i = 0;
	qr_font *font = a->u.text.font;
	double size = a->u.text.size;
	/* TJ adjustments are in thousandths of the em, negative to move
	 * right. */
	double adj = size > 0 ? -a->u.text.word_spacing * 1000.0 / size : 0;
	/* TJ only when there is a space to widen. */
	int tj = a->u.text.word_spacing != 0 && memchr(s, ' ', len) != NULL;
	double scale;
	char *p;

	if (font == NULL || len == 0 || size <= 0)
		return;
	if (!w->in_text) {
		if (S_check(w, HPDF_Page_BeginText(w->page), "starting text"))
			return;
		w->in_text = 1;
	}
	S_fill_color(w, a->u.text.color);
	/* libharu refuses sizes above HPDF_MAX_FONTSIZE (600): select such
	 * a font at size 1 and scale with the text matrix instead; TJ
	 * adjustments, in thousandths of the scaled em, are unchanged. */
	scale = size > HPDF_MAX_FONTSIZE ? size : 1;
	if (font != w->font || size != w->size) {
		if (S_check(w, HPDF_Page_SetFontAndSize(w->page,
		    qr_font_pdf_handle(font), (HPDF_REAL)(size / scale)),
		    "setting a font"))
			return;
		if (font != w->font)
			memset(w->seen, 0, sizeof w->seen);
		w->font = font;
		w->size = size;
	}
	/* The 2-byte codes go into a literal string as raw bytes, half the
	 * size of hex before compression; only ( ) \ and the two end-of-line
	 * bytes need escaping. Worst case per byte of UTF-8: 4 bytes, plus
	 * per space the adjustment and two parentheses. */
	if (S_reserve(w, len * 40 + 128))
		return;
	p = w->buf;
	if (scale == 1) {
		memcpy(p, "1 0 0 1 ", 8);
		p += 8;
	} else {
		p = S_num(p, scale);
		memcpy(p, " 0 0 ", 5);
		p = S_num(p + 5, scale);
		*p++ = ' ';
	}
	p = S_num(p, a->x);
	*p++ = ' ';
	p = S_num(p, w->ph - a->y);
	memcpy(p, " Tm\n", 4);
	p += 4;
	if (tj)
		*p++ = '[';
	*p++ = '(';
	while (i < len) {
		uint32_t cp = (unsigned char)s[i];
		int code, k;

		/* Printable ASCII already drawn with this face: no decoding,
		 * no call (the common case, by far). */
		if (cp >= 0x20 && cp < 0x80 && (w->seen[cp >> 3] >> (cp & 7) & 1)) {
			code = (int)cp;
			i++;
		} else {
			cp = qr_utf8_next(s, len, &i);
			code = qr_font_use(font, cp);
			if (code < 0)
				continue;
			if (cp < 0x80)
				w->seen[cp >> 3] |= (unsigned char)(1u << (cp & 7));
		}
		for (k = 0; k < 2; k++) {
			unsigned char c = (unsigned char)(k == 0 ? code >> 8 :
			    code & 0xFF);

			if (c == '(' || c == ')' || c == '\\') {
				*p++ = '\\';
				*p++ = (char)c;
			} else if (c == '\r') {
				*p++ = '\\';
				*p++ = 'r';
			} else if (c == '\n') {
				*p++ = '\\';
				*p++ = 'n';
			} else
				*p++ = (char)c;
		}
		if (tj && cp == 0x20 && i < len) {
			*p++ = ')';
			p = S_num(p, adj);
			*p++ = '(';
		}
	}
	*p++ = ')';
	if (tj) {
		memcpy(p, "]TJ\n", 4);
		p += 4;
	} else {
		memcpy(p, "Tj\n", 3);
		p += 3;
	}
	S_put(w, w->buf, (size_t)(p - w->buf));
}

/* ---- rules and fills ------------------------------------------------ */

static void
S_fill(S_writer *w, const qr_area *a)
{
	if (a->w <= 0 || a->h <= 0)
		return;
	S_end_text(w);
	S_fill_color(w, a->u.fill.color);
	{
		char b[160], *p = b;

		p = S_num(p, a->x);
		*p++ = ' ';
		p = S_num(p, w->ph - a->y - a->h);
		*p++ = ' ';
		p = S_num(p, a->w);
		*p++ = ' ';
		p = S_num(p, a->h);
		memcpy(p, " re f\n", 6);
		p += 6;
		S_put(w, b, (size_t)(p - b));
	}
}

#define S_MAX_CLIPS 20

/* Clipping: the graphics state is saved and clipped to the rectangle,
 * and restored at the matching UNCLIP, which brings back the colours,
 * font and line state of before: the cached ones are forgotten. */
static void
S_clip(S_writer *w, const qr_area *a)
{
	char b[160], *p = b;

	S_end_text(w);
	memcpy(p, "q ", 2);
	p += 2;
	p = S_num(p, a->x);
	*p++ = ' ';
	p = S_num(p, w->ph - a->y - a->h);
	*p++ = ' ';
	p = S_num(p, a->w > 0 ? a->w : 0);
	*p++ = ' ';
	p = S_num(p, a->h > 0 ? a->h : 0);
	memcpy(p, " re W n\n", 8);
	p += 8;
	S_put(w, b, (size_t)(p - b));
}

static void
S_unclip(S_writer *w)
{
	S_end_text(w);
	S_put(w, "Q\n", 2);
	w->font = NULL;
	w->size = 0;
	w->have_fill = w->have_stroke = 0;
	w->lw = 1.0;
	w->dash = QR_LINE_SOLID;
	w->dash_t = 0;
}

/* Dash patterns scale with the rule's thickness: dashes three times as
 * long as thick with equal gaps; dots as round caps on zero-length dashes
 * one thickness apart (twice the thickness from centre to centre). */
static void
S_line_style(S_writer *w, qr_line_style style, double t)
{
	char b[96], *p = b;

	if (w->dash == (int)style && w->dash_t == t)
		return;
	switch (style) {
	case QR_LINE_DASHED:
		p += sprintf(p, "[");
		p = S_num(p, 3 * t);
		*p++ = ' ';
		p = S_num(p, 3 * t);
		p += sprintf(p, "] 0 d 0 J\n");
		break;
	case QR_LINE_DOTTED:
		p += sprintf(p, "[0 ");
		p = S_num(p, 2 * t);
		p += sprintf(p, "] 0 d 1 J\n");
		break;
	default:
		p += sprintf(p, "[] 0 d 0 J\n");
		break;
	}
	S_put(w, b, (size_t)(p - b));
	w->dash = (int)style;
	w->dash_t = t;
}

static void
S_stroke_segment(S_writer *w, double x0, double y0, double x1, double y1,
    double t)
{
	char b[200], *p = b;

	if (w->lw != t) {
		p = S_num(p, t);
		memcpy(p, " w\n", 3);
		p += 3;
		w->lw = t;
	}
	p = S_num(p, x0);
	*p++ = ' ';
	p = S_num(p, w->ph - y0);
	memcpy(p, " m ", 3);
	p += 3;
	p = S_num(p, x1);
	*p++ = ' ';
	p = S_num(p, w->ph - y1);
	memcpy(p, " l S\n", 5);
	p += 5;
	S_put(w, b, (size_t)(p - b));
}

static void
S_line(S_writer *w, const qr_area *a)
{
	double t = a->u.line.thickness;

	if (t <= 0 || (a->w == 0 && a->h == 0))
		return;
	S_end_text(w);
	S_stroke_color(w, a->u.line.color);
	if (a->u.line.style == QR_LINE_DOUBLE) {
		/* Two rules of a third of the thickness each, at the outer
		 * thirds of the band. */
		double o = t / 3.0, dx = 0, dy = 0;

		if (a->h == 0)
			dy = o;
		else
			dx = o;
		S_line_style(w, QR_LINE_SOLID, o);
		S_stroke_segment(w, a->x - dx, a->y - dy, a->x + a->w - dx,
		    a->y + a->h - dy, o);
		S_stroke_segment(w, a->x + dx, a->y + dy, a->x + a->w + dx,
		    a->y + a->h + dy, o);
		return;
	}
	S_line_style(w, a->u.line.style, t);
	S_stroke_segment(w, a->x, a->y, a->x + a->w, a->y + a->h, t);
}

/* ---- images --------------------------------------------------------- */

/* The PNG at path with only the chunks that carry pixels (IHDR, PLTE,
 * tRNS, IDAT, IEND): libharu 2.3.0 treats every libpng warning as an
 * error, and common ancillary chunks warn (an iCCP sRGB profile that
 * libpng knows to be incorrect, for one), while libharu would not use
 * colour profiles, gamma or text anyway. NULL when the file is not a
 * well-formed chunk sequence; *why then says what. Malloc'd. */
static unsigned char *
S_png_clean(const char *path, size_t *outlen, const char **why)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *in = NULL, *out = NULL;
	long n;
	size_t i = 8, o = 8;

	*why = "unreadable PNG";
	if (fp == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 8 ||
	    n > 256L * 1024 * 1024 || fseek(fp, 0, SEEK_SET) != 0)
		goto out;
	in = malloc((size_t)n);
	out = malloc((size_t)n);
	if (in == NULL || out == NULL ||
	    fread(in, 1, (size_t)n, fp) != (size_t)n)
		goto fail;
	memcpy(out, in, 8);
	*why = "malformed PNG chunks";
	while (i + 12 <= (size_t)n) {
		size_t len = (size_t)in[i] << 24 | (size_t)in[i + 1] << 16 |
		    (size_t)in[i + 2] << 8 | in[i + 3];
		const unsigned char *type = in + i + 4;

		if (len > (size_t)n - i - 12)
			goto fail;
		if (memcmp(type, "IHDR", 4) == 0 ||
		    memcmp(type, "PLTE", 4) == 0 ||
		    memcmp(type, "tRNS", 4) == 0 ||
		    memcmp(type, "IDAT", 4) == 0 ||
		    memcmp(type, "IEND", 4) == 0) {
			memcpy(out + o, in + i, len + 12);
			o += len + 12;
		}
		i += len + 12;
		if (memcmp(type, "IEND", 4) == 0) {
			*outlen = o;
			free(in);
			fclose(fp);
			return out;
		}
	}
fail:
	free(out);
	out = NULL;
out:
	free(in);
	fclose(fp);
	return out;
}

static HPDF_Image
S_image_load(S_writer *w, const char *path)
{
	size_t i;
	HPDF_Image img = NULL;
	const char *why = NULL;
	qr_image_type type;
	int pw = 0, ph = 0;

	for (i = 0; i < w->nimgs; i++)
		if (strcmp(w->imgs[i].path, path) == 0)
			return w->imgs[i].img;
	if (w->nimgs == w->capimgs) {
		size_t cap = w->capimgs ? w->capimgs * 2 : 16;
		S_img *ni = realloc(w->imgs, cap * sizeof *ni);

		if (ni == NULL)
			return NULL;
		w->imgs = ni;
		w->capimgs = cap;
	}
	/* Probe first: libharu would report a missing or foreign file only
	 * as an error code. */
	type = qr_image_probe_quiet(path, &pw, &ph, NULL, NULL, &why);
	if (type != QR_IMAGE_NONE &&
	    (double)pw * (double)ph > QR_IMAGE_MAX_PIXELS) {
		/* Layout refuses these first; this is the writer's guard. */
		qr_diag(w->q, QD_IMAGE, path, 0, 0, "cannot use image: %d x %d "
		    "pixels, more than quire's limit; it is left out", pw, ph);
		type = QR_IMAGE_NONE;
		why = NULL;
		pw = -1;
	}
	if (type == QR_IMAGE_PNG) {
		size_t n = 0;
		unsigned char *png = S_png_clean(path, &n, &why);

		if (png != NULL)
			img = HPDF_LoadPngImageFromMem(w->doc, png,
			    (HPDF_UINT)n);
		else
			type = QR_IMAGE_NONE;
		free(png);
	} else if (type == QR_IMAGE_JPEG)
		img = HPDF_LoadJpegImageFromFile(w->doc, path);
	if (img == NULL) {
		unsigned long code = 0;

		if (type != QR_IMAGE_NONE) {
			qr_fonts_last_error(w->fonts, &code, NULL);
			qr_diag(w->q, QD_IMAGE, path, 0, 0,
			    "libharu cannot load this image (error 0x%04lX); "
			    "it is left out", code);
		} else if (pw != -1) {
			qr_diag(w->q, QD_IMAGE, path, 0, 0,
			    "cannot use image: %s; it is left out",
			    why != NULL ? why : "unknown error");
		}
		HPDF_ResetError(w->doc);
	}
	w->imgs[w->nimgs].path = path;
	w->imgs[w->nimgs].img = img;
	w->nimgs++;
	return img;
}

static void
S_image(S_writer *w, const qr_area *a)
{
	HPDF_Image img;

	if (a->u.image.path == NULL || a->w <= 0 || a->h <= 0)
		return;
	img = S_image_load(w, a->u.image.path);
	if (img == NULL)
		return;
	S_end_text(w);
	S_check(w, HPDF_Page_DrawImage(w->page, img, (HPDF_REAL)a->x,
	    (HPDF_REAL)(w->ph - a->y - a->h), (HPDF_REAL)a->w,
	    (HPDF_REAL)a->h), "drawing an image");
}

/* ---- links and destinations ------------------------------------------ */

/* [page /XYZ left top null]: "null" keeps the reader's zoom, which
 * HPDF_Destination_SetXYZ refuses (it wants a zoom of 0.08 to 32). */
static HPDF_Destination
S_dest(S_writer *w, int page, double x, double y)
{
	HPDF_Destination d;
	const qr_page *pg;
	double top;

	if (page < 0 || (size_t)page >= w->t->npages)
		return NULL;
	pg = w->t->pages[page];
	top = pg->height - y;
	if (top < 0)
		top = 0;
	if (top > pg->height)
		top = pg->height;
	d = HPDF_Page_CreateDestination(w->pages[page]);
	if (d == NULL)
		return NULL;
	HPDF_Array_Clear(d);
	if (HPDF_Array_Add(d, w->pages[page]) != HPDF_OK ||
	    HPDF_Array_AddName(d, "XYZ") != HPDF_OK ||
	    HPDF_Array_AddReal(d, (HPDF_REAL)(x > 0 ? x : 0)) != HPDF_OK ||
	    HPDF_Array_AddReal(d, (HPDF_REAL)top) != HPDF_OK ||
	    HPDF_Array_Add(d, HPDF_Null_New(w->doc->mmgr)) != HPDF_OK)
		return NULL;
	return d;
}

static void
S_link(S_writer *w, const qr_area *a, size_t pageno)
{
	HPDF_Rect r;
	HPDF_Annotation an;

	if (a->w <= 0 || a->h <= 0)
		return;
	/* An internal link layout could not resolve (dest_page -1) was
	 * reported there, with its FO line: leave it out quietly. */
	if (a->u.link.uri == NULL && a->u.link.dest_page < 0)
		return;
	r.left = (HPDF_REAL)a->x;
	r.right = (HPDF_REAL)(a->x + a->w);
	r.top = (HPDF_REAL)(w->ph - a->y);
	r.bottom = (HPDF_REAL)(w->ph - a->y - a->h);
	if (a->u.link.uri != NULL) {
		an = HPDF_Page_CreateURILinkAnnot(w->page, r, a->u.link.uri);
	} else {
		HPDF_Destination d = S_dest(w, a->u.link.dest_page,
		    a->u.link.dest_x, a->u.link.dest_y);

		if (d == NULL) {
			qr_diag(w->q, QD_PDF_WARNING, NULL, 0, 0,
			    "page %zu: a link to page %d, which does not "
			    "exist, is left out", pageno + 1,
			    a->u.link.dest_page + 1);
			HPDF_ResetError(w->doc);
			return;
		}
		an = HPDF_Page_CreateLinkAnnot(w->page, r, d);
	}
	if (an == NULL) {
		S_check(w, HPDF_Error_GetCode(&w->doc->error) ?
		    HPDF_Error_GetCode(&w->doc->error) : HPDF_INVALID_OBJECT,
		    "creating a link");
		return;
	}
	S_check(w, HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0),
	    "hiding a link border");
}

/* ---- outline ------------------------------------------------------------ */

static void
S_outline(S_writer *w, HPDF_Outline parent, const qr_outline *o,
    HPDF_Encoder enc, int depth)
{
	for (; o != NULL && !w->failed; o = o->next) {
		HPDF_Outline ho = HPDF_CreateOutline(w->doc, parent, o->title,
		    enc);
		HPDF_Destination d;

		if (ho == NULL) {
			S_check(w, HPDF_INVALID_OUTLINE, "adding a bookmark");
			return;
		}
		/* An outline with no children must not claim to be open; a
		 * parent's /Count sign carries its state. */
		S_check(w, HPDF_Outline_SetOpened(ho,
		    o->open && o->first != NULL ? HPDF_TRUE : HPDF_FALSE),
		    "adding a bookmark");
		d = S_dest(w, o->page, o->x, o->y);
		if (d != NULL)
			S_check(w, HPDF_Outline_SetDestination(ho, d),
			    "adding a bookmark");
		else {
			HPDF_ResetError(w->doc);
			if (o->page >= 0)
				qr_diag(w->q, QD_PDF_WARNING, NULL, 0, 0,
				    "bookmark '%s' points at page %d, which "
				    "does not exist", o->title, o->page + 1);
		}
		if (depth < 64)
			S_outline(w, ho, o->first, enc, depth + 1);
	}
}

/* ---- page labels ---------------------------------------------------------- */

/* A label as a PDF page-label style and number: decimal, lower or upper
 * roman; 0 when it is none of these (then it is written as a prefix). */
static int
S_label_kind(const char *s, int *num)
{
	static const char lr[] = "ivxlcdm", ur[] = "IVXLCDM";
	static const int val[] = {1, 5, 10, 50, 100, 500, 1000};
	int n = 0, i, upper, prev = 0;
	const char *set;

	if (s == NULL || *s == '\0')
		return 0;
	if (strspn(s, "0123456789") == strlen(s) && strlen(s) < 9) {
		if (s[0] == '0')
			return 0;
		*num = atoi(s);
		return HPDF_PAGE_NUM_STYLE_DECIMAL + 1;
	}
	upper = strchr(ur, s[0]) != NULL;
	set = upper ? ur : lr;
	if (strspn(s, set) != strlen(s) || strlen(s) > 15)
		return 0;
	/* Evaluate right to left, then check by formatting back. */
	for (i = (int)strlen(s) - 1; i >= 0; i--) {
		int v = val[strchr(set, s[i]) - set];

		n += v < prev ? -v : v;
		if (v > prev)
			prev = v;
	}
	{
		static const char *const r[] = {"m", "cm", "d", "cd", "c",
		    "xc", "l", "xl", "x", "ix", "v", "iv", "i"};
		static const int rv[] = {1000, 900, 500, 400, 100, 90, 50, 40,
		    10, 9, 5, 4, 1};
		char b[32] = "";
		int k = n, j;
		size_t bl = 0;

		for (j = 0; j < 13 && bl < 24; j++)
			while (k >= rv[j] && bl < 24) {
				strcpy(b + bl, r[j]);
				bl += strlen(r[j]);
				k -= rv[j];
			}
		for (j = 0; b[j]; j++)
			if ((upper ? b[j] - 'a' + 'A' : b[j]) != s[j])
				return 0;
		if ((size_t)j != strlen(s))
			return 0;
	}
	*num = n;
	return (upper ? HPDF_PAGE_NUM_STYLE_UPPER_ROMAN :
	    HPDF_PAGE_NUM_STYLE_LOWER_ROMAN) + 1;
}

/* A page's label kind; a page without a label reads as its number. */
static int
S_page_kind(const qr_page *pg, int *num)
{
	if (pg->label == NULL) {
		*num = pg->number;
		return pg->number > 0 ? HPDF_PAGE_NUM_STYLE_DECIMAL + 1 : 0;
	}
	return S_label_kind(pg->label, num);
}

static void
S_page_labels(S_writer *w)
{
	size_t i;
	int prev_kind = -1, prev_num = 0, plain = 1;

	/* Labels 1, 2, 3... are what readers show anyway: write none. */
	for (i = 0; i < w->t->npages; i++) {
		int num = 0, k = S_page_kind(w->t->pages[i], &num);

		if (k != HPDF_PAGE_NUM_STYLE_DECIMAL + 1 ||
		    num != (int)i + 1) {
			plain = 0;
			break;
		}
	}
	if (plain)
		return;
	for (i = 0; i < w->t->npages && !w->failed; i++) {
		const char *l = w->t->pages[i]->label;
		int num = 0, k = S_page_kind(w->t->pages[i], &num);
		HPDF_Dict d;

		if (k != 0 && k == prev_kind && num == prev_num + 1) {
			prev_num = num;
			continue;
		}
		d = HPDF_PageLabel_New(w->doc, k != 0 ?
		    (HPDF_PageNumStyle)(k - 1) : HPDF_PAGE_NUM_STYLE_DECIMAL,
		    k != 0 ? num : 1, k != 0 ? NULL : (l != NULL ? l : ""));
		if (d == NULL) {
			S_check(w, HPDF_INVALID_PARAMETER, "adding page labels");
			return;
		}
		if (k == 0)
			HPDF_Dict_RemoveElement(d, "S"); /* prefix only */
		/* HPDF_PageLabel_New writes /St even for style-less labels;
		 * harmless, and readers ignore it without /S. */
		HPDF_ResetError(w->doc);
		S_check(w, HPDF_Catalog_AddPageLabel(w->doc->catalog,
		    (HPDF_UINT)i, d), "adding page labels");
		prev_kind = k;
		prev_num = num;
	}
}

/* ---- document ----------------------------------------------------------- */

qr_pdf_info
qr_pdf_info_from(const quire *q)
{
	qr_pdf_info i;

	memset(&i, 0, sizeof i);
	i.title = q->title;
	i.author = q->author;
	i.subject = q->subject;
	i.keywords = q->keywords;
	i.language = q->language;
	return i;
}

static void
S_info(S_writer *w, const qr_pdf_info *info)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	qr_pdf_info none;

	if (info == NULL) {
		memset(&none, 0, sizeof none);
		info = &none;
	}
	if (info->title != NULL) {
		HPDF_Dict vp = HPDF_Dict_New(w->doc->mmgr);

		S_check(w, HPDF_SetInfoAttr(w->doc, HPDF_INFO_TITLE,
		    info->title), "setting the title");
		/* Readers then show the title, not the file name, in their
		 * window bar (an accessibility checkers' requirement too). */
		if (vp == NULL || HPDF_Dict_AddBoolean(vp, "DisplayDocTitle",
		    HPDF_TRUE) != HPDF_OK || HPDF_Dict_Add(w->doc->catalog,
		    "ViewerPreferences", vp) != HPDF_OK)
			S_check(w, HPDF_INVALID_PARAMETER, "setting the title");
	}
	if (info->author != NULL)
		S_check(w, HPDF_SetInfoAttr(w->doc, HPDF_INFO_AUTHOR,
		    info->author), "setting the author");
	if (info->subject != NULL)
		S_check(w, HPDF_SetInfoAttr(w->doc, HPDF_INFO_SUBJECT,
		    info->subject), "setting the subject");
	if (info->keywords != NULL)
		S_check(w, HPDF_SetInfoAttr(w->doc, HPDF_INFO_KEYWORDS,
		    info->keywords), "setting the keywords");
	S_check(w, HPDF_SetInfoAttr(w->doc, HPDF_INFO_CREATOR,
	    info->creator != NULL ? info->creator : "quire"),
	    "setting the creator");
	if (info->language != NULL && info->language[0] != '\0') {
		/* /Lang is PDF 1.4; libharu's header would say 1.3. */
		if (w->doc->pdf_version < HPDF_VER_14)
			w->doc->pdf_version = HPDF_VER_14;
		HPDF_String s = HPDF_String_New(w->doc->mmgr, info->language,
		    NULL);

		if (s == NULL || HPDF_Dict_Add(w->doc->catalog, "Lang", s) !=
		    HPDF_OK)
			S_check(w, HPDF_INVALID_PARAMETER, "setting /Lang");
	}
	/* No clock: a date only when the build asks for one. */
	if (epoch != NULL && *epoch != '\0') {
		char *end;
		long long e = strtoll(epoch, &end, 10);
		time_t tt = (time_t)e;
		struct tm tm;

		if (*end == '\0' && e >= 0 && gmtime_r(&tt, &tm) != NULL) {
			HPDF_Date d;

			memset(&d, 0, sizeof d);
			d.year = tm.tm_year + 1900;
			d.month = tm.tm_mon + 1;
			d.day = tm.tm_mday;
			d.hour = tm.tm_hour;
			d.minutes = tm.tm_min;
			d.seconds = tm.tm_sec;
			d.ind = 'Z';
			S_check(w, HPDF_SetInfoDateAttr(w->doc,
			    HPDF_INFO_CREATION_DATE, d), "dating the document");
			S_check(w, HPDF_SetInfoDateAttr(w->doc,
			    HPDF_INFO_MOD_DATE, d), "dating the document");
		} else {
			qr_diag(w->q, QD_PDF_WARNING, NULL, 0, 0,
			    "SOURCE_DATE_EPOCH='%s' is not a number of "
			    "seconds; the PDF is left undated", epoch);
		}
	}
}

/* A NaN or infinite number would reach libharu's number formatting,
 * which prints garbage for them: such an area is a layout bug, left out
 * with one warning per document. */
static int
S_area_ok(S_writer *w, const qr_area *a, size_t pageno)
{
	double v[3] = {0, 0, 0};
	int i, ok = isfinite(a->x) && isfinite(a->y) && isfinite(a->w) &&
	    isfinite(a->h);

	if (a->kind == QR_AREA_TEXT) {
		v[0] = a->u.text.size;
		v[1] = a->u.text.word_spacing;
	} else if (a->kind == QR_AREA_LINE)
		v[0] = a->u.line.thickness;
	else if (a->kind == QR_AREA_LINK)
		v[0] = a->u.link.dest_x, v[1] = a->u.link.dest_y;
	for (i = 0; i < 3; i++)
		ok = ok && isfinite(v[i]);
	if (!ok && !w->warned_nan) {
		qr_diag(w->q, QD_PDF_WARNING, NULL, 0, 0,
		    "page %zu: an area with an invalid position or size is "
		    "left out", pageno + 1);
		w->warned_nan = 1;
	}
	return ok;
}

static int
S_render(S_writer *w, const qr_pdf_info *info)
{
	const qr_area_tree *t = w->t;
	size_t i, j, depth, skipped;
	double t0 = qr_now();

	if (t->npages == 0) {
		qr_diag(w->q, QD_PDF, NULL, 0, 0, "no pages to write");
		return -1;
	}
	w->pages = calloc(t->npages, sizeof *w->pages);
	if (w->pages == NULL) {
		qr_diag(w->q, QD_NOMEM, NULL, 0, 0, "out of memory");
		return -1;
	}
	/* All pages first: links and bookmarks may point forward. */
	for (i = 0; i < t->npages && !w->failed; i++) {
		w->pages[i] = HPDF_AddPage(w->doc);
		if (w->pages[i] == NULL) {
			S_check(w, HPDF_INVALID_PAGE, "adding a page");
			break;
		}
		S_check(w, HPDF_Page_SetWidth(w->pages[i],
		    (HPDF_REAL)t->pages[i]->width), "sizing a page");
		S_check(w, HPDF_Page_SetHeight(w->pages[i],
		    (HPDF_REAL)t->pages[i]->height), "sizing a page");
	}
	for (i = 0; i < t->npages && !w->failed; i++) {
		const qr_page *pg = t->pages[i];

		w->page = w->pages[i];
		w->st = ((HPDF_PageAttr)w->page->attr)->stream;
		w->ph = pg->height;
		w->in_text = 0;
		w->font = NULL;
		w->size = 0;
		w->have_fill = w->have_stroke = 0;
		w->lw = 1.0; /* the PDF default */
		w->dash = QR_LINE_SOLID;
		w->dash_t = 0;
		depth = skipped = 0;
		for (j = 0; j < pg->nareas && !w->failed; j++) {
			const qr_area *a = &pg->areas[j];

			if (!S_area_ok(w, a, i))
				continue;
			switch (a->kind) {
			case QR_AREA_TEXT:
				S_text(w, a);
				break;
			case QR_AREA_FILL:
				S_fill(w, a);
				break;
			case QR_AREA_LINE:
				S_line(w, a);
				break;
			case QR_AREA_IMAGE:
				S_image(w, a);
				break;
			case QR_AREA_LINK:
				S_link(w, a, i);
				break;
			case QR_AREA_CLIP:
				/* PDF readers allow 28 levels of q: deeper
				 * clips are left out (whole, with their
				 * UNCLIP). */
				if (depth < S_MAX_CLIPS) {
					S_clip(w, a);
					depth++;
				} else
					skipped++;
				break;
			case QR_AREA_UNCLIP:
				if (skipped > 0)
					skipped--;
				else if (depth > 0) {
					S_unclip(w);
					depth--;
				}
				break;
			}
		}
		/* a page's q and Q balance, whatever the area list says */
		for (; depth > 0; depth--)
			S_unclip(w);
		S_end_text(w);
	}
	if (!w->failed && t->outline.first != NULL) {
		S_outline(w, NULL, t->outline.first,
		    HPDF_GetEncoder(w->doc, "UTF-8"), 0);
		S_check(w, HPDF_SetPageMode(w->doc, HPDF_PAGE_MODE_USE_OUTLINE),
		    "showing bookmarks");
	}
	if (!w->failed)
		S_page_labels(w);
	if (!w->failed)
		S_info(w, info);
	if (!w->failed && qr_fonts_finish(w->fonts) != 0)
		S_check(w, HPDF_INVALID_FONT, "writing ToUnicode maps");
	qr_timing(w->q, "pdf-pages", qr_now() - t0);
	return w->failed ? -1 : 0;
}

/* ---- page contents compressed in parallel ------------------------------
 *
 * Deflating the page content streams is most of the PDF's cost, and
 * libharu does it one stream after another while saving. Each page's
 * stream is deflated here instead, on as many threads as the machine has
 * cores (at most 4), with the level and window libharu uses, so the bytes
 * are the same; the stream is then written as it is, and its dictionary
 * names the filter itself (libharu drops /Filter from a stream it does not
 * compress, so write_fn adds it). */

typedef struct S_zjob {
	unsigned char *in, *out;
	size_t nin, nout;
	int ok;
} S_zjob;

typedef struct S_zpool {
	S_zjob *jobs;
	size_t n, next;
	pthread_mutex_t mu;
} S_zpool;

static void
S_zrun(S_zjob *j)
{
	uLongf cap = compressBound((uLong)j->nin);

	j->out = malloc(cap > 0 ? cap : 1);
	if (j->out != NULL && compress2(j->out, &cap, j->in, (uLong)j->nin,
	    Z_DEFAULT_COMPRESSION) == Z_OK) {
		j->nout = cap;
		j->ok = 1;
	}
}

static void *
S_zworker(void *arg)
{
	S_zpool *pl = arg;

	for (;;) {
		size_t k;

		pthread_mutex_lock(&pl->mu);
		k = pl->next++;
		pthread_mutex_unlock(&pl->mu);
		if (k >= pl->n)
			return NULL;
		if (pl->jobs[k].in != NULL) /* else left to libharu */
			S_zrun(&pl->jobs[k]);
	}
}

static HPDF_STATUS
S_flate_name(HPDF_Dict d, HPDF_Stream out)
{
	(void)d;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Copy a stream dictionary's data into j->in, to be deflated away from
 * libharu; leaves j->in NULL (the stream left to libharu) when the stream
 * is not to be deflated or cannot be read. */
static void
S_zjob_take(HPDF_Dict d, S_zjob *j)
{
	HPDF_UINT len;

	if (d == NULL || !(d->filter & HPDF_STREAM_FILTER_FLATE_DECODE) ||
	    d->write_fn != NULL)
		return;
	len = HPDF_Stream_Size(d->stream);
	j->in = malloc(len > 0 ? len : 1);
	if (j->in == NULL || HPDF_Stream_Seek(d->stream, 0, HPDF_SEEK_SET) !=
	    HPDF_OK || HPDF_Stream_Read(d->stream, j->in, &len) != HPDF_OK) {
		free(j->in);
		j->in = NULL;
		return;
	}
	j->nin = len;
}

/* Put a deflated job back as d's data, written as it is with /Filter
 * named by write_fn, and free the job's buffers. */
static void
S_zjob_put(S_writer *w, HPDF_Dict d, S_zjob *j, const char *what)
{
	if (j->in != NULL && j->ok) {
		HPDF_MemStream_FreeData(d->stream);
		if (HPDF_Stream_Write(d->stream, j->out, (HPDF_UINT)j->nout) !=
		    HPDF_OK) {
			S_check(w, HPDF_FAILD_TO_ALLOC_MEM, what);
		} else {
			d->filter = HPDF_STREAM_FILTER_NONE;
			d->write_fn = S_flate_name;
		}
	}
	free(j->in);
	free(j->out);
}

/* Page i's content stream dictionary, NULL if it has none. */
static HPDF_Dict
S_page_contents(const S_writer *w, size_t i)
{
	HPDF_PageAttr a = w->pages[i] != NULL ?
	    (HPDF_PageAttr)w->pages[i]->attr : NULL;

	return a != NULL ? a->contents : NULL;
}

/* Deflate a font program's stream in place, now (qr_fonts_embed calls
 * this with the writer and each stream it makes). */
static void
S_deflate_font(void *user, void *stream)
{
	S_zjob j;

	memset(&j, 0, sizeof j);
	S_zjob_take(stream, &j);
	if (j.in != NULL)
		S_zrun(&j);
	S_zjob_put(user, stream, &j, "compressing a font");
}

/* Deflate every page's content stream now (see above). A page whose
 * stream cannot be read or compressed is left to libharu. */
static void
S_deflate_pages(S_writer *w)
{
	size_t n = w->t->npages, i;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int nthreads = cores > 4 ? 4 : cores < 1 ? 1 : (int)cores;
	pthread_t th[4];
	int started = 0, k;
	S_zpool pl;

	if (w->failed || n == 0 || w->pages == NULL)
		return;
	memset(&pl, 0, sizeof pl);
	pl.jobs = calloc(n, sizeof *pl.jobs);
	if (pl.jobs == NULL)
		return;
	pl.n = n;
	for (i = 0; i < n; i++)
		S_zjob_take(S_page_contents(w, i), &pl.jobs[i]);
	if (pthread_mutex_init(&pl.mu, NULL) == 0) {
		for (k = 1; k < nthreads; k++)
			if (pthread_create(&th[started], NULL, S_zworker,
			    &pl) == 0)
				started++;
		/* Meanwhile this thread makes the embedded font programs and
		 * deflates them (libharu would do both, one after another,
		 * while saving), then helps with the pages left. */
		if (qr_fonts_embed(w->fonts, S_deflate_font, w) != 0)
			S_check(w, HPDF_INVALID_FONT, "embedding a font");
		S_zworker(&pl);
		for (k = 0; k < started; k++)
			pthread_join(th[k], NULL);
		pthread_mutex_destroy(&pl.mu);
	}
	for (i = 0; i < n; i++)
		S_zjob_put(w, S_page_contents(w, i), &pl.jobs[i],
		    "compressing a page");
	free(pl.jobs);
}

static void
S_writer_init(S_writer *w, quire *q, qr_fonts *fonts, const qr_area_tree *t)
{
	memset(w, 0, sizeof *w);
	w->q = q;
	w->fonts = fonts;
	w->doc = qr_fonts_pdf_doc(fonts);
	w->t = t;
}

static void
S_writer_free(S_writer *w)
{
	free(w->pages);
	free(w->imgs);
	free(w->buf);
}

int
qr_pdf_write(quire *q, qr_fonts *fonts, const qr_area_tree *t,
    const char *path, const qr_pdf_info *info)
{
	S_writer w;
	int rc = QUIRE_OK;
	double t0;

	S_writer_init(&w, q, fonts, t);
	if (S_render(&w, info) != 0)
		rc = QUIRE_IOERR;
	if (rc == QUIRE_OK) {
		t0 = qr_now();
		S_deflate_pages(&w);
		if (w.failed ||
		    S_check(&w, HPDF_SaveToFile(w.doc, path), "saving the PDF"))
			rc = QUIRE_IOERR;
		qr_timing(q, "pdf-save", qr_now() - t0);
	}
	S_writer_free(&w);
	return rc;
}

int
qr_pdf_write_memory(quire *q, qr_fonts *fonts, const qr_area_tree *t,
    const qr_pdf_info *info, unsigned char **buf, size_t *len)
{
	S_writer w;
	int rc = QUIRE_OK;

	*buf = NULL;
	*len = 0;
	S_writer_init(&w, q, fonts, t);
	if (S_render(&w, info) != 0)
		rc = QUIRE_IOERR;
	if (rc == QUIRE_OK)
		S_deflate_pages(&w);
	if (rc == QUIRE_OK && (w.failed ||
	    S_check(&w, HPDF_SaveToStream(w.doc), "saving the PDF")))
		rc = QUIRE_IOERR;
	if (rc == QUIRE_OK) {
		HPDF_UINT32 size = HPDF_GetStreamSize(w.doc), got = 0;
		unsigned char *b = malloc(size > 0 ? size : 1);

		if (b == NULL) {
			qr_diag(q, QD_NOMEM, NULL, 0, 0, "out of memory");
			rc = QUIRE_IOERR;
		}
		HPDF_ResetStream(w.doc);
		while (rc == QUIRE_OK && got < size) {
			HPDF_UINT32 n = size - got;
			HPDF_STATUS st = HPDF_ReadFromStream(w.doc, b + got, &n);

			got += n;
			if (st == HPDF_STREAM_EOF || n == 0)
				break;
			if (S_check(&w, st, "reading the PDF back"))
				rc = QUIRE_IOERR;
		}
		if (rc == QUIRE_OK && got != size) {
			qr_diag(q, QD_PDF, NULL, 0, 0,
			    "libharu gave %lu of %lu bytes",
			    (unsigned long)got, (unsigned long)size);
			rc = QUIRE_IOERR;
		}
		if (rc == QUIRE_OK) {
			*buf = b;
			*len = size;
		} else
			free(b);
	}
	S_writer_free(&w);
	return rc;
}
