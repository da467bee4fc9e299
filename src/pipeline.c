/* pipeline.c: quire render: FO tree, fonts, layout, then the PDF writer,
 * each stage timed for --timings; the output goes through a temporary
 * file so a failed run leaves nothing behind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fo.h"
#include "font.h"
#include "layout.h"
#include "outfile.h"
#include "pdf.h"
#include "pipeline.h"
#include "xmlin.h"

/* The stages after the FO tree. Exactly one of out_pdf, dump and
 * (mem, mem_len) is the destination. */
static int
typeset(quire *q, qr_fo_doc *fo, const char *out_pdf, FILE *dump,
    unsigned char **mem, size_t *mem_len)
{
	qr_fonts *fonts;
	qr_area_tree *tree;
	qr_pdf_info info;
	qr_outfile out;
	unsigned before = quire_error_count(q);
	int rc;
	double t0;

	if ((fonts = qr_fonts_new(q)) == NULL)
		return QUIRE_IOERR;
	t0 = qr_now();
	tree = qr_layout_run(q, fo, fonts);
	qr_timing(q, "layout", qr_now() - t0);
	if (tree == NULL || quire_error_count(q) > before) {
		qr_area_tree_free(tree);
		qr_fonts_free(fonts);
		return QUIRE_INVALID;
	}
	t0 = qr_now();
	info = qr_pdf_info_from(q);
	if (dump != NULL) {
		qr_area_dump(tree, dump);
		rc = ferror(dump) ? QUIRE_IOERR : QUIRE_OK;
	} else if (mem != NULL) {
		rc = qr_pdf_write_memory(q, fonts, tree, &info, mem, mem_len);
	} else if ((rc = qr_outfile_open(q, &out, out_pdf)) == QUIRE_OK) {
		if (out.direct) {
			/* A device or pipe: write the bytes through. */
			unsigned char *buf = NULL;
			size_t len = 0;

			rc = qr_pdf_write_memory(q, fonts, tree, &info, &buf,
			    &len);
			if (rc == QUIRE_OK && fwrite(buf, 1, len, out.fp) != len)
				rc = QUIRE_IOERR;
			free(buf);
			if (qr_outfile_commit(q, &out) != QUIRE_OK)
				rc = QUIRE_IOERR;
		} else {
			/* libharu writes by path; the stream is closed
			 * first. */
			fclose(out.fp);
			out.fp = NULL;
			rc = qr_pdf_write(q, fonts, tree, out.tmp_path, &info);
			if (rc == QUIRE_OK)
				rc = qr_outfile_commit(q, &out);
			else
				qr_outfile_discard(&out);
		}
	}
	qr_timing(q, dump != NULL ? "dump" : "pdf", qr_now() - t0);
	qr_area_tree_free(tree);
	qr_fonts_free(fonts);
	return rc;
}

static int
finish(quire *q, qr_fo_doc *fo, double t0, const char *out_pdf, FILE *dump,
    unsigned char **mem, size_t *mem_len)
{
	int rc;

	qr_timing(q, "fo-tree", qr_now() - t0);
	if (fo == NULL)
		return QUIRE_INVALID;
	rc = typeset(q, fo, out_pdf, dump, mem, mem_len);
	qr_fo_doc_free(fo);
	return rc;
}

int
qr_render_fo_doc(quire *q, xmlDocPtr doc, const char *name,
    const char *out_pdf, FILE *dump)
{
	double t0 = qr_now();

	return finish(q, qr_fo_read(q, doc, name), t0, out_pdf, dump, NULL,
	    NULL);
}

static int
render_file(quire *q, const char *fo_path, const char *out, FILE *dump)
{
	double t0 = qr_now();
	qr_fo_doc *fo;

	if (fo_path == NULL)
		return QUIRE_USAGE;
	if (qr_outfile_is_input(q, out, fo_path))
		return QUIRE_USAGE;
	fo = qr_fo_read_file(q, fo_path);
	/* A file that cannot be opened is an I/O error, not bad input. */
	if (fo == NULL && quire_error_count(q) > 0) {
		FILE *fp = fopen(fo_path, "rb");

		if (fp == NULL)
			return QUIRE_IOERR;
		fclose(fp);
	}
	return finish(q, fo, t0, out, dump, NULL, NULL);
}

int
quire_render(quire *q, const char *fo_path, const char *out_pdf)
{
	if (out_pdf == NULL)
		return QUIRE_USAGE;
	return render_file(q, fo_path, out_pdf, NULL);
}

int
quire_dump_areas(quire *q, const char *fo_path, const char *out_txt)
{
	qr_outfile out;
	int rc;

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

	if (fo == NULL || pdf == NULL || pdf_len == NULL)
		return QUIRE_USAGE;
	*pdf = NULL;
	*pdf_len = 0;
	return finish(q, qr_fo_read_memory(q, fo, len, base), t0, NULL, NULL,
	    pdf, pdf_len);
}
