/* xform.h: the front end's internal interface: the schema catalogue,
 * XSD validation of parsed documents, and safe XSLT transformation, for
 * quire validate/transform and for the build pipeline. */
#ifndef QR_XFORM_H
#define QR_XFORM_H

#include <stddef.h>
#include <stdio.h>

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "context.h"

/* One line of schemas/catalog.xml, with every path made absolute-ish
 * (joined to the catalogue's folder). Absent attributes are NULL. */
typedef struct qr_doc_kind {
	char *name;            /* "agenda" */
	char *ns;              /* "urn:quire:agenda:1" */
	char *schema;          /* .../schemas/agenda.xsd */
	char *stylesheet;      /* .../stylesheets/agenda.xsl */
	char *pack_stylesheet; /* .../stylesheets/pack.xsl, or NULL */
} qr_doc_kind;

/* Free the strings of k (not k itself) and zero it. */
void qr_doc_kind_clear(qr_doc_kind *k);

/* Find the catalogue entry for the namespace of doc's root element.
 * file names the document in diagnostics. On success fills *out (the
 * caller clears it with qr_doc_kind_clear()) and returns QUIRE_OK. An
 * unknown namespace (or none) is reported as QD_NO_SCHEMA, listing the
 * known ones, and returns QUIRE_INVALID; an unreadable or broken
 * catalogue returns QUIRE_IOERR. */
int qr_front_kind(quire *q, xmlDocPtr doc, const char *file,
    qr_doc_kind *out);

/* Validate an already-parsed document against its catalogue schema.
 * Schemas are parsed once per process and cached (safely: only local
 * .xsd files are loaded for xs:include/xs:import). Each violation is
 * reported as QD_SCHEMA at file:line:col (the column of the element's
 * start tag or of the attribute, found in the source text), naming
 * elements of the document's own namespace without "{urn:...}".
 * Returns QUIRE_OK when valid, QUIRE_INVALID when not (or the namespace
 * is unknown), QUIRE_IOERR when the schema cannot be loaded. kind may be NULL; if not, it is filled on
 * QUIRE_OK and QUIRE_INVALID-by-schema (the caller clears it) and left
 * zeroed otherwise. */
int qr_front_validate_doc(quire *q, xmlDocPtr doc, const char *file,
    qr_doc_kind *kind);

/* The same, with the document's source text (for columns in messages:
 * libxml2's schema errors give only a line). With src NULL the source is
 * re-read from file when that names a readable file. */
int qr_front_validate_src(quire *q, xmlDocPtr doc, const char *file,
    const char *src, size_t srclen, qr_doc_kind *kind);

/* Run the stylesheet at xsl_path over doc (already validated) and return
 * the result document, which the caller frees with xmlFreeDoc(); NULL on
 * failure, with diagnostics. *status (may be NULL) receives QUIRE_OK,
 * QUIRE_INVALID (the stylesheet stopped: xsl:message terminate="yes",
 * a security refusal, a runtime error) or QUIRE_IOERR (the stylesheet
 * cannot be read or compiled).
 *
 * Parameters: q->params, then extra[0..nextra) (extra wins on a clash),
 * all passed as XPath string literals, whatever quotes they hold.
 * Safety: the stylesheet and everything it imports or reads with
 * document() are parsed by the safe reader; only local files may be
 * read; writing files (exsl:document, xsl:document), creating folders
 * and any network access are refused as QD_XSLT_SECURITY.
 * Diagnostics: xsl:message text is reported at the stylesheet's
 * file:line; a message that starts "NAME.xsl: error: ", "error: ",
 * "warning: " or "note: " takes that severity (the prefix is dropped),
 * any other is a note (QD_XSLT_MESSAGE); terminate="yes" is always
 * QD_XSLT_TERMINATE. libxslt's own errors name the instruction's
 * file:line. Stylesheets are compiled once per process and cached
 * (compiled again when the file changes). */
xmlDocPtr qr_front_transform_doc(quire *q, xmlDocPtr doc, const char *file,
    const char *xsl_path, const qr_param *extra, size_t nextra,
    int *status);

/* The same, serialised per the stylesheet's xsl:output into a malloc'd
 * buffer the caller frees with free(). Returns a QUIRE_* status. */
int qr_front_transform_buffer(quire *q, xmlDocPtr doc, const char *file,
    const char *xsl_path, const qr_param *extra, size_t nextra,
    char **out, size_t *out_len);

/* The transformation behind the two above, also handing back the
 * compiled stylesheet for qr_front_save(): it belongs to the cache, is
 * not to be freed, and stays valid until the next front-end call. */
xmlDocPtr qr_front_transform_style(quire *q, xmlDocPtr doc,
    const char *file, const char *xsl_path, int *status,
    xsltStylesheetPtr *style);

/* Serialise a result document per style's xsl:output (method, encoding)
 * to fp, which stays open. Returns a QUIRE_* status; out_name names the
 * output in diagnostics. */
int qr_front_save(quire *q, xmlDocPtr res, xsltStylesheetPtr style,
    FILE *fp, const char *out_name);

/* For quire build: transform an already-validated agenda with its
 * catalogue entry's pack-stylesheet (attachments are pulled in by the
 * stylesheet through document(), under the same safety rules). Returns
 * the FO result document (caller frees with xmlFreeDoc()) or NULL. */
xmlDocPtr qr_front_pack(quire *q, xmlDocPtr agenda, const char *file,
    const qr_param *extra, size_t nextra, int *status);

/* Drop the cached schemas and stylesheets (also done at exit). The
 * caches, like libxml2's loader settings, are per process: use the front
 * end from one thread at a time. */
void qr_front_cache_clear(void);

#endif
