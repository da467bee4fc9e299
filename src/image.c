/* image.c: PNG and JPEG header probes (pixel size, resolution) with
 * bounded reads; no image library is needed to lay an image out. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

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

/* Row layout of the decompressed PNG data: one pass, or Adam7's seven. */
typedef struct S_pass {
	uint32_t rows;
	size_t rowlen; /* filter byte included */
} S_pass;

static size_t
S_rowlen(uint32_t width, unsigned bits_per_pixel)
{
	return width == 0 ? 0 : 1 + ((size_t)width * bits_per_pixel + 7) / 8;
}

static int
S_passes(uint32_t w, uint32_t h, unsigned bpp, int interlace, S_pass *p)
{
	static const int x0[7] = {0, 4, 0, 2, 0, 1, 0}, dxs[7] = {8, 8, 4, 4, 2, 2, 1};
	static const int y0[7] = {0, 0, 4, 0, 2, 0, 1}, dys[7] = {8, 8, 8, 4, 4, 2, 2};
	int i;

	if (!interlace) {
		p[0].rows = h;
		p[0].rowlen = S_rowlen(w, bpp);
		return 1;
	}
	for (i = 0; i < 7; i++) {
		uint32_t pw = w > (uint32_t)x0[i] ?
		    (w - x0[i] + dxs[i] - 1) / dxs[i] : 0;
		uint32_t ph = h > (uint32_t)y0[i] ?
		    (h - y0[i] + dys[i] - 1) / dys[i] : 0;

		p[i].rows = pw > 0 ? ph : 0;
		p[i].rowlen = S_rowlen(pw, bpp);
	}
	return 7;
}

/* A chunk type is four ASCII letters (libpng refuses anything else). */
static int
S_chunk_name(const unsigned char *t)
{
	int i;

	for (i = 0; i < 4; i++)
		if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z')))
			return 0;
	return 1;
}

/* libpng, inside libharu 2.3.0, aborts the whole program on an error in
 * the pixel data (libharu installs no longjmp handler), so check here what
 * libpng would refuse: chunk lengths and CRCs, the header's fields, the
 * palette, and a zlib stream that inflates to every row, with valid row
 * filters (what follows the last row libharu never reads). fp is just
 * after the IHDR chunk. Returns NULL when
 * sound, else the reason. Bounded by the file: inflating streams 64 KB at
 * a time, nothing is kept. */
static const char *
S_png_data(FILE *fp, const unsigned char *ihdr)
{
	static const char corrupt[] = "the PNG data is truncated or corrupt";
	uint32_t w = S_be32(ihdr), h = S_be32(ihdr + 4);
	unsigned depth = ihdr[8], ct = ihdr[9], chans;
	unsigned long ok_depths;
	S_pass pass[7];
	int npass, pi = 0, seen_plte = 0, seen_idat = 0, done = 0, zend = 0;
	uint32_t row = 0;
	size_t col = 0; /* position in the current row */
	z_stream z;
	unsigned char in[16384], out[65536];
	const char *bad = NULL;

	/* Channels and allowed bit depths (as a bit mask) per colour type. */
	switch (ct) {
	case 0:
		chans = 1;
		ok_depths = 1 << 1 | 1 << 2 | 1 << 4 | 1 << 8 | 1 << 16;
		break;
	case 3:
		chans = 1;
		ok_depths = 1 << 1 | 1 << 2 | 1 << 4 | 1 << 8;
		break;
	case 2:
	case 4:
	case 6:
		chans = ct == 2 ? 3 : ct == 4 ? 2 : 4;
		ok_depths = 1 << 8 | 1 << 16;
		break;
	default:
		return "PNG with an invalid header";
	}
	if (depth > 16 || !(ok_depths >> depth & 1))
		return "PNG with an invalid header";
	if (ihdr[10] != 0 || ihdr[11] != 0 || ihdr[12] > 1)
		return "PNG with an invalid header";
	npass = S_passes(w, h, chans * depth, ihdr[12], pass);
	while (pi < npass && pass[pi].rows == 0)
		pi++;
	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK)
		return "out of memory checking a PNG";
	for (;;) {
		unsigned char c[8], crcb[4];
		uint32_t len, crc;
		int critical;

		if (fread(c, 1, 8, fp) != 8) {
			/* No IEND: libharu stops after the last row, so
			 * that is enough. */
			if (!seen_idat || !done)
				bad = corrupt;
			else if (ct == 3 && !seen_plte)
				bad = "PNG palette image without a palette";
			break;
		}
		len = S_be32(c);
		if (len > 0x7FFFFFFFu || !S_chunk_name(c + 4)) {
			bad = corrupt;
			break;
		}
		critical = !(c[4] & 0x20);
		crc = (uint32_t)crc32(0, c + 4, 4);
		if (memcmp(c + 4, "IEND", 4) == 0) {
			/* Its CRC is never read by libharu's decoder. */
			if (!seen_idat || !done)
				bad = corrupt;
			else if (ct == 3 && !seen_plte)
				bad = "PNG palette image without a palette";
			break;
		}
		if (memcmp(c + 4, "PLTE", 4) == 0) {
			if (len == 0 || len % 3 != 0 || len > 768 || seen_idat) {
				bad = "PNG with an invalid palette";
				break;
			}
			seen_plte = 1;
		}
		if (memcmp(c + 4, "IDAT", 4) == 0) {
			uint32_t left = len;

			seen_idat = 1;
			while (left > 0 && bad == NULL) {
				uInt n = left < sizeof in ? left : sizeof in;

				if (fread(in, 1, n, fp) != n) {
					bad = corrupt;
					break;
				}
				crc = (uint32_t)crc32(crc, in, n);
				left -= n;
				z.next_in = in;
				z.avail_in = n;
				while (z.avail_in > 0 && !zend && bad == NULL) {
					int r;
					size_t got, k;

					z.next_out = out;
					z.avail_out = sizeof out;
					r = inflate(&z, Z_NO_FLUSH);
					if (r != Z_OK && r != Z_STREAM_END) {
						bad = corrupt;
						break;
					}
					got = sizeof out - z.avail_out;
					/* Walk the rows: each starts with a filter
					 * type 0..4. */
					for (k = 0; k < got && !done; ) {
						size_t take;

						if (col == 0 && out[k] > 4) {
							bad = corrupt;
							break;
						}
						take = pass[pi].rowlen - col;
						if (take > got - k)
							take = got - k;
						col += take;
						k += take;
						if (col == pass[pi].rowlen) {
							col = 0;
							if (++row == pass[pi].rows) {
								row = 0;
								pi++;
								while (pi < npass &&
								    pass[pi].rows == 0)
									pi++;
								if (pi == npass)
									done = 1;
							}
						}
					}
					if (r == Z_STREAM_END)
						zend = 1;
				}
			}
			if (bad != NULL)
				break;
			if (fread(crcb, 1, 4, fp) != 4 || S_be32(crcb) != crc) {
				bad = corrupt;
				break;
			}
			continue;
		}
		/* Other chunks: critical ones are checked whole (libpng
		 * refuses a bad CRC there); ancillary ones are skipped, and
		 * the writer drops them anyway. */
		if (critical) {
			uint32_t left = len;

			while (left > 0) {
				uInt n = left < sizeof in ? left : sizeof in;

				if (fread(in, 1, n, fp) != n)
					break;
				crc = (uint32_t)crc32(crc, in, n);
				left -= n;
			}
			if (left > 0 || fread(crcb, 1, 4, fp) != 4 ||
			    S_be32(crcb) != crc) {
				bad = corrupt;
				break;
			}
		} else if (fseek(fp, (long)len + 4, SEEK_CUR) != 0) {
			bad = corrupt;
			break;
		}
	}
	inflateEnd(&z);
	return bad;
}

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
	if (S_be32(b + 21) != (uint32_t)crc32(0, b + 4, 17)) {
		*why = "the PNG data is truncated or corrupt";
		return QR_IMAGE_NONE;
	}
	/* Images beyond the pixel limit are refused by their size anyway;
	 * their data is not worth inflating. */
	if ((double)*w * *h <= QR_IMAGE_MAX_PIXELS) {
		const char *bad = S_png_data(fp, b + 8);

		if (bad != NULL) {
			*why = bad;
			return QR_IMAGE_NONE;
		}
		if (fseek(fp, 33, SEEK_SET) != 0) {
			*why = "unreadable PNG";
			return QR_IMAGE_NONE;
		}
	}
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
	struct stat sb;
	FILE *fp;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	/* Look before opening: a folder is no image, and opening a pipe or
	 * a device could wait for ever. */
	if (path != NULL && stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		*why = S_ISDIR(sb.st_mode) ? "it is a folder, not an image" :
		    "not a regular file";
		return QR_IMAGE_NONE;
	}
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
