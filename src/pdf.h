/* pdf.h: the PDF writer: walks an area tree and emits it with libharu into
 * the document that the font registry owns (fonts embedded and subset,
 * outlines, links, page labels, document information). It decides
 * nothing about layout. */
#ifndef QR_PDF_H
#define QR_PDF_H

#include <stddef.h>

#include "area.h"
#include "context.h"
#include "font.h"

/* Document information; any field may be NULL. Strings are UTF-8. */
typedef struct qr_pdf_info {
	const char *title, *author, *subject, *keywords;
	const char *language; /* BCP 47 tag for /Lang in the catalog ("en-GB") */
	const char *creator;  /* NULL: "quire" */
} qr_pdf_info;

/* The information from the run's settings (quire_set_info()). */
qr_pdf_info qr_pdf_info_from(const quire *q);

/* Write the tree to path (normally the temporary path of a qr_outfile;
 * the file is created or truncated). The fonts' libharu document receives
 * the pages, so call this once per qr_fonts. Returns QUIRE_OK, or
 * QUIRE_IOERR after reporting QD_PDF errors. Images that cannot be loaded
 * are skipped with a QD_IMAGE warning; internal links with dest_page < 0
 * (unresolved, reported by layout) are skipped silently. No clock is read: the output is the
 * same bytes for the same tree, unless SOURCE_DATE_EPOCH is set, which
 * then dates the document. */
int qr_pdf_write(quire *q, qr_fonts *fonts, const qr_area_tree *t,
    const char *path, const qr_pdf_info *info);

/* The same into memory: on success *buf is a malloc'd buffer of *len
 * bytes that the caller frees. */
int qr_pdf_write_memory(quire *q, qr_fonts *fonts, const qr_area_tree *t,
    const qr_pdf_info *info, unsigned char **buf, size_t *len);

#endif
