/* example.c: typeset XSL-FO held in memory into a PDF, then build a pack,
 * with the diagnostics handed to the program instead of printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <quire.h>

static const char fo[] =
    "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'>"
    "<fo:layout-master-set><fo:simple-page-master master-name='a5'"
    " page-width='148mm' page-height='210mm' margin='15mm'>"
    "<fo:region-body/></fo:simple-page-master></fo:layout-master-set>"
    "<fo:page-sequence master-reference='a5'>"
    "<fo:flow flow-name='xsl-region-body'>"
    "<fo:block>Agenda item 5 is deferred.</fo:block>"
    "</fo:flow></fo:page-sequence></fo:root>";

/* Called once per diagnostic; the strings are valid during the call. */
static void
on_diagnostic(const quire_diagnostic *d, void *user)
{
	FILE *log = user;

	fprintf(log, "%s:%d: %s [%s]\n", d->file != NULL ? d->file : "-",
	    d->line, d->message, d->code);
}

int
main(int argc, char **argv)
{
	quire *q = quire_new();
	unsigned char *pdf = NULL;
	size_t len = 0;
	int rc;

	if (q == NULL)
		return QUIRE_IOERR;
	quire_set_diagnostic_handler(q, on_diagnostic, stderr);

	/* 1. FO in memory to a PDF in memory (free() it). */
	rc = quire_render_memory(q, fo, strlen(fo), "notice.fo", &pdf, &len);
	if (rc == QUIRE_OK) {
		FILE *fp = fopen("notice.pdf", "wb");

		if (fp == NULL || fwrite(pdf, 1, len, fp) != len)
			rc = QUIRE_IOERR;
		if (fp != NULL && fclose(fp) != 0)
			rc = QUIRE_IOERR;
		printf("notice.pdf: %s\n", rc == QUIRE_OK ? "written" :
		    "cannot write");
	}
	free(pdf);

	/* 2. The pack an agenda describes, written to a file. */
	if (rc == QUIRE_OK && argc == 3) {
		quire_build_options opts = { .edition = "members" };

		rc = quire_build(q, argv[1], argv[2], &opts);
		printf("pack: status %d, %u error(s), %u warning(s)\n", rc,
		    quire_error_count(q), quire_warning_count(q));
	}
	quire_free(q);
	return rc; /* 0 done, 1 invalid input, 2 usage, 3 I/O */
}
