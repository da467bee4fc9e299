/* frontend.c: the public front-end calls (quire_validate, quire_transform,
 * quire_transform_memory): safe parse, XSD validation, XSLT to XSL-FO. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "outfile.h"
#include "xform.h"
#include "xmlin.h"

/* Parse and validate; on QUIRE_OK *docp and *kind are the caller's. */
static int
S_load(quire *q, const char *path, const char *buf, size_t len,
    xmlDocPtr *docp, qr_doc_kind *kind)
{
	double t0 = qr_now();
	xmlDocPtr doc;
	int rc;

	*docp = NULL;
	doc = buf != NULL ? qr_xml_read_memory(q, buf, len, path, 0) :
	    qr_xml_read_file(q, path, 0);
	qr_timing(q, "parse", qr_now() - t0);
	if (doc == NULL)
		return QUIRE_INVALID;
	t0 = qr_now();
	rc = qr_front_validate_src(q, doc, path, buf, len, kind);
	qr_timing(q, "validate", qr_now() - t0);
	if (rc != QUIRE_OK) {
		qr_doc_kind_clear(kind);
		xmlFreeDoc(doc);
		return rc;
	}
	*docp = doc;
	return QUIRE_OK;
}

int
quire_validate(quire *q, const char *path)
{
	xmlDocPtr doc;
	qr_doc_kind kind;
	int rc;

	if (q == NULL)
		return QUIRE_USAGE;
	if ((rc = qr_input_readable(q, path)) != QUIRE_OK)
		return rc;
	rc = S_load(q, path, NULL, 0, &doc, &kind);
	if (rc == QUIRE_OK) {
		qr_doc_kind_clear(&kind);
		xmlFreeDoc(doc);
	}
	return rc;
}

int
quire_transform(quire *q, const char *path, const char *out_fo)
{
	xmlDocPtr doc, res;
	xsltStylesheetPtr style = NULL;
	qr_doc_kind kind;
	qr_outfile out;
	double t0;
	int rc;

	if (q == NULL)
		return QUIRE_USAGE;
	if (out_fo == NULL || *out_fo == '\0') {
		qr_diag(q, QD_USAGE, path, 0, 0, "no output file given");
		return QUIRE_USAGE;
	}
	if ((rc = qr_input_readable(q, path)) != QUIRE_OK)
		return rc;
	/* "-o" naming the input would replace the document with its own
	 * FO: almost certainly a slip. */
	if (qr_outfile_is_input(q, out_fo, path))
		return QUIRE_USAGE;
	rc = S_load(q, path, NULL, 0, &doc, &kind);
	if (rc != QUIRE_OK)
		return rc;
	t0 = qr_now();
	res = qr_front_transform_style(q, doc, path, kind.stylesheet, &rc,
	    &style);
	qr_timing(q, "transform", qr_now() - t0);
	qr_doc_kind_clear(&kind);
	xmlFreeDoc(doc);
	if (res == NULL)
		return rc;
	/* Only a finished transformation opens the output, so a failure
	 * leaves any earlier file as it was. */
	rc = qr_outfile_open(q, &out, out_fo);
	if (rc == QUIRE_OK) {
		rc = qr_front_save(q, res, style, out.fp, out_fo);
		if (rc == QUIRE_OK)
			rc = qr_outfile_commit(q, &out);
		else
			qr_outfile_discard(&out);
	}
	xmlFreeDoc(res);
	return rc;
}

int
quire_transform_memory(quire *q, const char *xml, size_t len,
    const char *base, char **fo, size_t *fo_len)
{
	xmlDocPtr doc;
	qr_doc_kind kind;
	const char *name = base != NULL ? base : "(memory)";
	double t0;
	int rc;

	if (fo != NULL)
		*fo = NULL;
	if (fo_len != NULL)
		*fo_len = 0;
	if (q == NULL || xml == NULL || fo == NULL || fo_len == NULL) {
		if (q != NULL)
			qr_diag(q, QD_USAGE, name, 0, 0,
			    "quire_transform_memory: a required argument is "
			    "NULL");
		return QUIRE_USAGE;
	}
	rc = S_load(q, name, xml, len, &doc, &kind);
	if (rc != QUIRE_OK)
		return rc;
	t0 = qr_now();
	rc = qr_front_transform_buffer(q, doc, name, kind.stylesheet, NULL, 0,
	    fo, fo_len);
	qr_timing(q, "transform", qr_now() - t0);
	qr_doc_kind_clear(&kind);
	xmlFreeDoc(doc);
	return rc;
}
