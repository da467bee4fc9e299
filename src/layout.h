/* layout.h: block and page layout: an FO tree with its fonts in, an area
 * tree (pages, areas, links, bookmarks) out. */
#ifndef QR_LAYOUT_H
#define QR_LAYOUT_H

#include "area.h"
#include "context.h"
#include "font.h"

typedef struct qr_fo_doc qr_fo_doc; /* fo.h */

/* Lay out every page-sequence of doc with faces from fonts. Forward
 * page-number citations are resolved by running layout again (at most 3
 * passes) when a resolved number changes a line's width, unless laying
 * out that line's paragraph again with the numbers gives the same lines
 * (then only those lines are painted anew). Diagnostics go
 * to q; hitting q->limits (pages, time) is a QD_LIMIT error.
 * Returns a new area tree owned by the caller (qr_area_tree_free), or
 * NULL on a fatal error (out of memory, a limit), already reported. The
 * tree's text areas point at fonts, so fonts must outlive it. */
qr_area_tree *qr_layout_run(quire *q, qr_fo_doc *doc, qr_fonts *fonts);

#endif
