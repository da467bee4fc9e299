/* image.h: reading what layout needs to know of a PNG or JPEG file (its
 * pixel size and recorded resolution) from its header, without decoding
 * it, so a missing or corrupt image is a warning, never a crash. */
#ifndef QR_IMAGE_H
#define QR_IMAGE_H

#include "context.h"

typedef enum qr_image_type {
	QR_IMAGE_NONE = 0, /* missing, unreadable or not a PNG/JPEG */
	QR_IMAGE_PNG,
	QR_IMAGE_JPEG
} qr_image_type;

/* Images with more pixels than this are not worth decoding: a 20000 x
 * 20000 PNG of 390 KB would cost the writer 400 MB. Callers refuse them. */
#define QR_IMAGE_MAX_PIXELS 50000000.0

/* Probe path: on success returns the type and sets the size in pixels and
 * the resolution in dots per inch (0 when the file does not record one:
 * the caller applies its default). On failure reports a QD_IMAGE warning
 * naming the file and returns QR_IMAGE_NONE. Any out pointer may be NULL;
 * they are zero after a failure. A JPEG is read up to its frame header; a
 * PNG within QR_IMAGE_MAX_PIXELS is checked whole (chunk CRCs, header
 * fields, palette, a pixel stream that inflates to every row with valid
 * row filters), since libharu's PNG decoder aborts the program on
 * corrupt data; larger PNGs are read up to their header only. */
qr_image_type qr_image_probe(quire *q, const char *path, int *px_w,
    int *px_h, double *dpi_x, double *dpi_y);

/* The same, silent: for callers that report themselves. */
qr_image_type qr_image_probe_quiet(const char *path, int *px_w, int *px_h,
    double *dpi_x, double *dpi_y, const char **why);

/* Intrinsic size in points of a probed image: pixels at its recorded
 * resolution, or at default_dpi when it records none. */
void qr_image_size_pt(int px_w, int px_h, double dpi_x, double dpi_y,
    double default_dpi, double *w_pt, double *h_pt);

#endif
