/* image.c: PNG and JPEG header probes (pixel size, resolution) with
 * bounded reads; no image library is needed to lay an image out. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "image.h"

static uint32_t
S_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static unsigned
S_be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* Pixel dimensions beyond this are refused: no real figure has them, and
 * a hostile header should not make layout compute absurd sizes. */
#define S_MAX_PX 100000

static qr_image_type
S_png(FILE *fp, int *w, int *h, double *dx, double *dy, const char **why)
{
	unsigned char b[25]; /* the IHDR chunk after the signature */
	int n;

	if (fread(b, 1, 25, fp) != 25) {
		*why = "truncated PNG header";
		return QR_IMAGE_NONE;
	}
	if (S_be32(b) != 13 || memcmp(b + 4, "IHDR", 4) != 0) {
		*why = "PNG without an IHDR chunk first";
		return QR_IMAGE_NONE;
	}
	if (S_be32(b + 8) == 0 || S_be32(b + 12) == 0 ||
	    S_be32(b + 8) > S_MAX_PX || S_be32(b + 12) > S_MAX_PX) {
		*why = "PNG with an impossible size";
		return QR_IMAGE_NONE;
	}
	*w = (int)S_be32(b + 8);
	*h = (int)S_be32(b + 12);
	/* pHYs, if any, comes before the first IDAT; walk at most 64
	 * chunks. */
	for (n = 0; n < 64; n++) {
		unsigned char c[8], p[9];
		uint32_t len;

		if (fread(c, 1, 8, fp) != 8)
			break;
		len = S_be32(c);
		if (memcmp(c + 4, "IDAT", 4) == 0 ||
		    memcmp(c + 4, "IEND", 4) == 0)
			break;
		if (memcmp(c + 4, "pHYs", 4) == 0 && len == 9) {
			if (fread(p, 1, 9, fp) != 9)
				break;
			if (p[8] == 1) { /* pixels per metre */
				*dx = S_be32(p) * 0.0254;
				*dy = S_be32(p + 4) * 0.0254;
			}
			break;
		}
		if (len > 0x7FFFFFFFu ||
		    fseek(fp, (long)len + 4, SEEK_CUR) != 0)
			break;
	}
	return QR_IMAGE_PNG;
}

static qr_image_type
S_jpeg(FILE *fp, int *w, int *h, double *dx, double *dy, const char **why)
{
	int n;

	/* Markers after SOI: walk segments up to the frame header. */
	for (n = 0; n < 1000; n++) {
		unsigned char m[4], s[16];
		unsigned len;
		int c;

		do {
			c = fgetc(fp);
		} while (c == 0xFF);
		if (c == EOF)
			break;
		m[1] = (unsigned char)c;
		if (m[1] == 0xD8 || (m[1] >= 0xD0 && m[1] <= 0xD7) ||
		    m[1] == 0x01)
			continue; /* standalone markers */
		if (m[1] == 0xD9 || m[1] == 0xDA)
			break; /* EOI or scan data before a frame header */
		if (fread(m + 2, 1, 2, fp) != 2)
			break;
		len = S_be16(m + 2);
		if (len < 2)
			break;
		if ((m[1] >= 0xC0 && m[1] <= 0xCF) && m[1] != 0xC4 &&
		    m[1] != 0xC8 && m[1] != 0xCC) {
			if (len < 8 || fread(s, 1, 6, fp) != 6)
				break;
			*h = (int)S_be16(s + 1);
			*w = (int)S_be16(s + 3);
			if (*w == 0 || *h == 0) {
				*why = "JPEG with an impossible size";
				return QR_IMAGE_NONE;
			}
			return QR_IMAGE_JPEG;
		}
		if (m[1] == 0xE0 && len >= 16) {
			if (fread(s, 1, 14, fp) != 14)
				break;
			if (memcmp(s, "JFIF\0", 5) == 0 &&
			    S_be16(s + 8) > 0 && S_be16(s + 10) > 0) {
				if (s[7] == 1) {
					*dx = S_be16(s + 8);
					*dy = S_be16(s + 10);
				} else if (s[7] == 2) {
					*dx = S_be16(s + 8) * 2.54;
					*dy = S_be16(s + 10) * 2.54;
				}
			}
			if (fseek(fp, (long)len - 16, SEEK_CUR) != 0)
				break;
			continue;
		}
		if (fseek(fp, (long)len - 2, SEEK_CUR) != 0)
			break;
	}
	*why = "JPEG without a readable frame header";
	return QR_IMAGE_NONE;
}

qr_image_type
qr_image_probe_quiet(const char *path, int *px_w, int *px_h, double *dpi_x,
    double *dpi_y, const char **why)
{
	static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1A, '\n'};
	unsigned char sig[8];
	int w = 0, h = 0;
	double dx = 0, dy = 0;
	const char *dummy;
	qr_image_type t = QR_IMAGE_NONE;
	FILE *fp;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if (path == NULL || (fp = fopen(path, "rb")) == NULL) {
		*why = path == NULL ? "no file name" : strerror(errno);
		return QR_IMAGE_NONE;
	}
	if (fread(sig, 1, 8, fp) != 8)
		*why = "file too short for an image";
	else if (memcmp(sig, png_sig, 8) == 0)
		t = S_png(fp, &w, &h, &dx, &dy, why);
	else if (sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF &&
	    fseek(fp, 2, SEEK_SET) == 0)
		t = S_jpeg(fp, &w, &h, &dx, &dy, why);
	else
		*why = "not a PNG or JPEG file";
	fclose(fp);
	if (t == QR_IMAGE_NONE)
		w = h = 0, dx = dy = 0;
	if (dx <= 0 || dy <= 0 || dx > 100000 || dy > 100000)
		dx = dy = 0;
	/* Out values are set either way: zero after a failure. */
	if (px_w != NULL)
		*px_w = w;
	if (px_h != NULL)
		*px_h = h;
	if (dpi_x != NULL)
		*dpi_x = dx;
	if (dpi_y != NULL)
		*dpi_y = dy;
	return t;
}

qr_image_type
qr_image_probe(quire *q, const char *path, int *px_w, int *px_h,
    double *dpi_x, double *dpi_y)
{
	const char *why = NULL;
	qr_image_type t = qr_image_probe_quiet(path, px_w, px_h, dpi_x, dpi_y,
	    &why);

	if (t == QR_IMAGE_NONE)
		qr_diag(q, QD_IMAGE, path, 0, 0, "cannot use image: %s",
		    why != NULL ? why : "unknown error");
	return t;
}

void
qr_image_size_pt(int px_w, int px_h, double dpi_x, double dpi_y,
    double default_dpi, double *w_pt, double *h_pt)
{
	if (dpi_x <= 0 || dpi_y <= 0)
		dpi_x = dpi_y = default_dpi > 0 ? default_dpi : 72.0;
	*w_pt = px_w * 72.0 / dpi_x;
	*h_pt = px_h * 72.0 / dpi_y;
}
