/* xmlin.h: safe XML parsing shared by every stage (documents, schemas,
 * stylesheets, XSL-FO): no network, no external entities, no DTD loading,
 * no entity declarations, bounded nesting depth and input size, and every
 * libxml2 message routed into the diagnostic catalogue as FILE:LINE:COL. */
#ifndef QR_XMLIN_H
#define QR_XMLIN_H

#include <stddef.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "context.h"

/* Flags for qr_xml_read_file() and qr_xml_read_memory(). */
enum {
	/* Drop whitespace-only text nodes libxml2 considers ignorable
	 * (never use it for mixed content or XSL-FO). */
	QR_XML_NOBLANKS = 1 << 0,
	/* Allow a DOCTYPE declaration. It is never loaded, and entity
	 * declarations stay refused; by default a DOCTYPE is refused too. */
	QR_XML_ALLOW_DOCTYPE = 1 << 1,
	/* Merge CDATA sections into text (as libxslt wants stylesheets). */
	QR_XML_NOCDATA = 1 << 2
};

/* Parse the file at path safely. Errors are reported through q as
 * QD_XML_* (or QD_LIMIT, QD_IO) diagnostics naming path:line:col, and
 * nothing is printed. Returns NULL if the file cannot be read, is larger
 * than q->limits.max_input_bytes, is not well-formed, declares entities,
 * or nests deeper than q->limits.max_depth. The caller frees the result
 * with xmlFreeDoc(). Line numbers are kept (xmlGetLineNo works beyond
 * 65535), and doc->URL is path. */
xmlDocPtr qr_xml_read_file(quire *q, const char *path, int flags);

/* The same, with the parser's names interned in dict (not NULL): for
 * libxslt's loader, which wants documents built on its dictionary. */
xmlDocPtr qr_xml_read_file_dict(quire *q, const char *path, int flags,
    xmlDictPtr dict);

/* The same for a document held in memory; name is used in diagnostics and
 * as the document's URL (base for relative references); it may be NULL
 * ("(memory)"). */
xmlDocPtr qr_xml_read_memory(quire *q, const char *buf, size_t len,
    const char *name, int flags);

/* Report one libxml2/libxslt structured error as a diagnostic: level
 * warning -> QD_XML_WARNING (or warn_code if not QD__COUNT), otherwise
 * code (entity problems -> QD_XML_ENTITY). file overrides e->file when
 * not NULL. Line and column come from e (e->int2 is the column for
 * parser errors), falling back to e->node's line. */
void qr_xml_report(quire *q, const xmlError *e, qr_code code,
    qr_code warn_code, const char *file);

/* What the process-wide external entity loader allows. libxml2 has one
 * loader per process; quire installs its own the first time any function
 * here runs. QR_LOAD_NOTHING (the default) refuses every load and reports
 * it; QR_LOAD_LOCAL_SCHEMAS allows only local files (plain paths or
 * file: URLs, never a network scheme) whose names end in ".xsd" and that
 * are top-level documents (schema xs:include/xs:import targets), and
 * still refuses external DTDs and entities. The read functions above
 * always refuse everything, whatever the policy. Per thread. Outside
 * any quire call (no scope pushed with a handle, no read under way), the
 * loader lets the program that embeds the library read a top-level local
 * file, as libxml2 would, and refuses the rest. */
typedef enum qr_load_policy {
	QR_LOAD_NOTHING = 0,
	QR_LOAD_LOCAL_SCHEMAS = 1
} qr_load_policy;

/* Set the policy and the handle refusals are reported to (q may be NULL:
 * refusals are then silent apart from libxml2's own error), saving the
 * previous setting in *saved for qr_xml_loader_pop(). */
typedef struct qr_load_scope {
	qr_load_policy policy;
	quire *q;
	const char *file;
} qr_load_scope;
void qr_xml_loader_push(quire *q, const char *file, qr_load_policy p,
    qr_load_scope *saved);
void qr_xml_loader_pop(const qr_load_scope *saved);

/* Whether the input at path can be read, before parsing it: a missing or
 * unreadable file or a folder is reported (QD_IO) and is QUIRE_IOERR
 * (exit 3), not an invalid document (exit 1). QUIRE_OK otherwise. */
int qr_input_readable(quire *q, const char *path);

/* Install the refusing loader (idempotent); the read functions call it. */
void qr_xml_init(void);

/* 1 if url names a local file (a path without a scheme, or a file: URL
 * with an empty or "localhost" host), 0 for any other scheme. */
int qr_xml_url_is_local(const char *url);

/* Source-text helpers for diagnostics (libxml2 trees keep lines, not
 * columns). Columns count characters, as libxml2's parser does. */
/* The column of the first start tag <local> or <prefix:local> on the
 * given 1-based line of src, or of its attribute attr (may be NULL) when
 * the tag has it; 0 when not found. */
int qr_xml_tag_column(const char *src, size_t len, int line,
    const char *local, const char *attr);
/* The attribute name attr inside the start tag beginning at tag (the
 * '<'), quotes respected; NULL if absent. */
const char *qr_xml_attr_in_tag(const char *tag, const char *end,
    const char *attr);
/* The column of p within src. */
int qr_xml_column_of(const char *src, const char *p);

#endif
