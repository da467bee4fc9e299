/* pipeline.h: the typesetting half of the pipeline (FO tree, fonts,
 * layout, PDF), shared by quire render and quire build. */
#ifndef QR_PIPELINE_H
#define QR_PIPELINE_H

#include <libxml/tree.h>

#include "context.h"

/* Typeset an already-parsed FO document (name is used in diagnostics and
 * as the base for relative image paths) into a PDF at out_pdf, written
 * through a temporary file. If dump is not NULL, the area tree is written
 * there as text instead of a PDF. Takes fo: it is freed (before layout). */
int qr_render_fo_doc(quire *q, xmlDocPtr fo, const char *name,
    const char *out_pdf, FILE *dump);

#endif
