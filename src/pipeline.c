/* pipeline.c: quire render: FO tree, fonts, layout, then the PDF writer,
 * each stage timed for --timings; the output goes through a temporary
 * file so a failed run leaves nothing behind. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fo.h"
#include "font.h"
#include "layout.h"
#include "outfile.h"
#include "pdf.h"
#include "pipeline.h"
#include "prefetch.h"
#include "xmlin.h"

/* Document information the FO states in fo:declarations as XMP
 * (dc:title, dc:language, dc:subject, dc:creator), as FOP reads it; the
 * command line's settings win. Strings are xmlStrdup'd into *x. */
typedef struct S_xmp {
	xmlChar *title, *language, *subject, *author;
} S_xmp;

static int
S_is(xmlNodePtr n, const char *ns, const char *local)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0 &&
	    strcmp((const char *)n->name, local) == 0;
}

static void
S_xmp_walk(xmlNodePtr n, S_xmp *x, int depth)
{
	static const char dc[] = "http://purl.org/dc/elements/1.1/";

	/* XMP nests values a few levels deep (rdf:Alt/rdf:li); no deeper. */
	for (; n != NULL && depth < 8; n = n->next) {
		xmlChar **slot = NULL;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (S_is(n, dc, "title"))
			slot = &x->title;
		else if (S_is(n, dc, "language"))
			slot = &x->language;
		else if (S_is(n, dc, "description"))
			slot = &x->subject;
		else if (S_is(n, dc, "creator"))
			slot = &x->author;
		if (slot != NULL && *slot == NULL) {
			xmlChar *v = xmlNodeGetContent(n);
			xmlChar *t = v;

			/* Trim the white space around nested values. */
			while (t != NULL && (*t == ' ' || *t == '\n' ||
			    *t == '\t' || *t == '\r'))
				t++;
			if (t != NULL && *t != '\0') {
				size_t len = strlen((const char *)t);

				while (len > 0 && strchr(" \n\t\r", t[len - 1]))
					len--;
				*slot = xmlStrndup(t, (int)len);
			}
			xmlFree(v);
		} else
			S_xmp_walk(n->children, x, depth + 1);
	}
}

static void
S_xmp_read(xmlDocPtr doc, S_xmp *x)
{
	static const char fo[] = "http://www.w3.org/1999/XSL/Format";
	xmlNodePtr n, root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;

	memset(x, 0, sizeof *x);
	for (n = root != NULL ? root->children : NULL; n != NULL; n = n->next)
		if (S_is(n, fo, "declarations"))
			S_xmp_walk(n->children, x, 0);
}

static void
S_xmp_free(S_xmp *x)
{
	xmlFree(x->title);
	xmlFree(x->language);
	xmlFree(x->subject);
	xmlFree(x->author);
}

/* The stages after the FO tree. Exactly one of out_pdf, dump and
 * (mem, mem_len) is the destination. */
static int
typeset(quire *q, qr_fo_doc *fo, const S_xmp *xmp, const char *out_pdf,
    FILE *dump, unsigned char **mem, size_t *mem_len)
{
	qr_fonts *fonts;
	qr_area_tree *tree;
	qr_pdf_info info;
	qr_outfile out;
	unsigned before = quire_error_count(q);
	int rc;
	double t0, c0;

	/* The set-up begun on other threads (prefetch.c) is finished before
	 * layout starts: on a short render the input is read before the
	 * patterns are loaded, and the wait is not line or page breaking. */
	t0 = qr_now();
	fonts = qr_fonts_new(q);
	qr_prefetch_wait(q);
	qr_timing(q, "set-up", qr_now() - t0);
	if (fonts == NULL)
		return QUIRE_IOERR;
	/* Layout runs on this thread, the PDF's compression on every core:
	 * their CPU times (all threads) say what each costs in work, their
	 * wall times what each costs in waiting. */
	t0 = qr_now();
	c0 = qr_cpu_now();
	tree = qr_layout_run(q, fo, fonts);
	qr_timing(q, "layout", qr_now() - t0);
	qr_timing(q, "layout cpu", qr_cpu_now() - c0);
	if (tree == NULL || quire_error_count(q) > before) {
		/* No usable font at all is the installation's fault, not the
		 * document's. */
		rc = qr_fonts_unusable(fonts) ? QUIRE_IOERR : QUIRE_INVALID;
		qr_area_tree_free(tree);
		qr_fonts_free(fonts);
		return rc;
	}
	t0 = qr_now();
	c0 = qr_cpu_now();
	info = qr_pdf_info_from(q);
	if (info.title == NULL)
		info.title = (const char *)xmp->title;
	if (info.language == NULL)
		info.language = (const char *)xmp->language;
	if (info.subject == NULL)
		info.subject = (const char *)xmp->subject;
	if (info.author == NULL)
		info.author = (const char *)xmp->author;
	if (dump != NULL) {
		qr_area_dump(tree, dump);
		rc = ferror(dump) ? QUIRE_IOERR : QUIRE_OK;
	} else if (mem != NULL) {
		rc = qr_pdf_write_memory(q, fonts, tree, &info, mem, mem_len);
	} else if ((rc = qr_outfile_open(q, &out, out_pdf)) == QUIRE_OK) {
		/* The PDF is made in memory and written through the output
		 * file, so a write failure (a full disk) is reported against
		 * the output's name and the temporary is removed. */
		unsigned char *buf = NULL;
		size_t len = 0;

		rc = qr_pdf_write_memory(q, fonts, tree, &info, &buf, &len);
		if (rc == QUIRE_OK) {
			/* A short write leaves the stream's error set: the
			 * commit reports it and removes the temporary. */
			(void)fwrite(buf, 1, len, out.fp);
			rc = qr_outfile_commit(q, &out);
		} else
			qr_outfile_discard(&out);
		free(buf);
	}
	qr_timing(q, dump != NULL ? "dump" : "pdf", qr_now() - t0);
	qr_timing(q, dump != NULL ? "dump cpu" : "pdf cpu", qr_cpu_now() - c0);
	qr_area_tree_free(tree);
	qr_fonts_free(fonts);
	return rc;
}

/* glibc keeps small freed chunks apart and merges them all at the next
 * request of 1 KiB or more: after the FO document is freed (millions of
 * nodes for a long pack) that merge costs as much as the free, and would
 * land in whatever allocates next (the fonts' set-up). One such request
 * here makes it part of the document's release, where --timings counts
 * it. Elsewhere it is an allocation and a free. */
static void
S_settle_heap(void)
{
	static void *volatile sink;

	sink = malloc(64 * 1024);
	free(sink);
	sink = NULL;
}

/* Read the FO tree from a parsed document and typeset it. Takes the
 * document: it is freed as soon as the FO tree and the metadata are read
 * from it (they copy what they keep), so that layout's allocations reuse
 * its memory instead of touching fresh pages (a thousand-page pack's
 * document is tens of megabytes). */
static int
finish(quire *q, xmlDocPtr doc, const char *name, double t0,
    const char *out_pdf, FILE *dump, unsigned char **mem, size_t *mem_len)
{
	qr_fo_doc *fo;
	S_xmp xmp;
	int rc;

	if (doc == NULL)
		return QUIRE_INVALID;
	fo = qr_fo_read(q, doc, name);
	if (fo == NULL) {
		qr_timing(q, "fo-tree", qr_now() - t0);
		xmlFreeDoc(doc);
		return QUIRE_INVALID;
	}
	S_xmp_read(doc, &xmp);
	xmlFreeDoc(doc);
	S_settle_heap();
	qr_timing(q, "fo-tree", qr_now() - t0);
	rc = typeset(q, fo, &xmp, out_pdf, dump, mem, mem_len);
	S_xmp_free(&xmp);
	qr_fo_doc_free(fo);
	return rc;
}

int
qr_render_fo_doc(quire *q, xmlDocPtr doc, const char *name,
    const char *out_pdf, FILE *dump)
{
	return finish(q, doc, name, qr_now(), out_pdf, dump, NULL, NULL);
}

static int
render_file(quire *q, const char *fo_path, const char *out, FILE *dump)
{
	double t0 = qr_now();
	xmlDocPtr doc;
	int rc;

	/* A file that cannot be opened is an I/O error, not bad input. */
	if ((rc = qr_input_readable(q, fo_path)) != QUIRE_OK)
		return rc;
	if (qr_outfile_is_input(q, out, fo_path))
		return QUIRE_USAGE;
	qr_prefetch_start(q);
	doc = qr_xml_read_file(q, fo_path, 0);
	rc = finish(q, doc, fo_path, t0, out, dump, NULL, NULL);
	qr_prefetch_end(q);
	return rc;
}

int
quire_render(quire *q, const char *fo_path, const char *out_pdf)
{
	if (q == NULL)
		return QUIRE_USAGE;
	if (out_pdf == NULL || *out_pdf == '\0') {
		qr_diag(q, QD_USAGE, fo_path, 0, 0, "no output file given");
		return QUIRE_USAGE;
	}
	return render_file(q, fo_path, out_pdf, NULL);
}

int
quire_dump_areas(quire *q, const char *fo_path, const char *out_txt)
{
	qr_outfile out;
	int rc;

	if (q == NULL)
		return QUIRE_USAGE;
	if (out_txt == NULL || strcmp(out_txt, "-") == 0)
		return render_file(q, fo_path, NULL, stdout);
	if (qr_outfile_is_input(q, out_txt, fo_path))
		return QUIRE_USAGE;
	if ((rc = qr_outfile_open(q, &out, out_txt)) != QUIRE_OK)
		return rc;
	rc = render_file(q, fo_path, NULL, out.fp);
	if (rc == QUIRE_OK)
		return qr_outfile_commit(q, &out);
	qr_outfile_discard(&out);
	return rc;
}

int
quire_render_memory(quire *q, const char *fo, size_t len, const char *base,
    unsigned char **pdf, size_t *pdf_len)
{
	double t0 = qr_now();
	xmlDocPtr doc;
	int rc;

	if (q == NULL || fo == NULL || pdf == NULL || pdf_len == NULL)
		return QUIRE_USAGE;
	*pdf = NULL;
	*pdf_len = 0;
	qr_prefetch_start(q);
	doc = qr_xml_read_memory(q, fo, len, base, 0);
	rc = finish(q, doc, base != NULL ? base : "(memory)", t0, NULL, NULL,
	    pdf, pdf_len);
	qr_prefetch_end(q);
	return rc;
}
