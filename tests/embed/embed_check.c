/* embed_check.c: what a program embedding libquire relies on, checked
 * through the public header only (tests/integration/embed.sh compiles it
 * with the flags README.md documents):
 *   - errors come back as status values and through the handler, never
 *     printed, never an exit;
 *   - handles are independent: the same work twice, in one handle and in
 *     a second one, gives the same bytes;
 *   - the process's libxml2 is left usable: the program still reads its
 *     own local XML files afterwards, and external entities stay refused.
 * Usage: embed_check SCRATCH-DIR; prints "ok" and exits 0, or says what
 * failed and exits 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <quire.h>

static int failed;

#define CHECK(cond) do { if (!(cond)) { \
	fprintf(stdout, "FAIL line %d: %s\n", __LINE__, #cond); \
	failed = 1; } } while (0)

typedef struct seen {
	unsigned errors;
	int line; /* of the first error */
	char code[32];
} seen;

static void
on_diagnostic(const quire_diagnostic *d, void *user)
{
	seen *s = user;

	if (d->severity == QUIRE_ERROR && s->errors++ == 0) {
		s->line = d->line;
		snprintf(s->code, sizeof s->code, "%s", d->code);
	}
}

static const char fo[] =
    "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'>\n"
    "<fo:layout-master-set><fo:simple-page-master master-name='a5'"
    " page-width='148mm' page-height='210mm' margin='15mm'>"
    "<fo:region-body/></fo:simple-page-master></fo:layout-master-set>\n"
    "<fo:page-sequence master-reference='a5'>"
    "<fo:flow flow-name='xsl-region-body'>\n"
    "<fo:block>Agenda item 5 is deferred.</fo:block>\n"
    "</fo:flow></fo:page-sequence></fo:root>\n";

static const char minutes[] =
    "<minutes xmlns='urn:quire:minutes:1' prefix='AGC'>"
    "<committee>Audit Committee</committee>"
    "<meeting><date>2024-01-23</date><time>14:00:00</time>"
    "<venue>Civic Centre</venue></meeting>"
    "<present><member role='chair'>P Okafor</member></present>"
    "<minute number='1'><title>Apologies</title><p>None.</p></minute>"
    "</minutes>";

/* Render fo in a fresh handle; the PDF is the caller's. */
static unsigned char *
render_once(quire *q, size_t *len)
{
	unsigned char *pdf = NULL;
	seen s = {0, 0, ""};
	int rc;

	quire_set_diagnostic_handler(q, on_diagnostic, &s);
	rc = quire_render_memory(q, fo, strlen(fo), "notice.fo", &pdf, len);
	CHECK(rc == QUIRE_OK);
	CHECK(s.errors == 0);
	CHECK(pdf != NULL && *len > 4 && memcmp(pdf, "%PDF", 4) == 0);
	return pdf;
}

int
main(int argc, char **argv)
{
	char path[4096], xml[2048], ent[4096];
	unsigned char *a, *b, *c, *pdf = NULL;
	size_t alen = 0, blen = 0, clen = 0, len = 0;
	char *out = NULL;
	size_t outlen = 0;
	quire *q, *q2;
	seen s = {0, 0, ""};
	xmlDocPtr d;
	FILE *fp;
	int rc;

	if (argc != 2) {
		fputs("usage: embed_check SCRATCH-DIR\n", stderr);
		return 2;
	}
	q = quire_new();
	CHECK(q != NULL);
	if (q == NULL)
		return 1;

	/* The same FO twice in one handle, then in a second handle. */
	a = render_once(q, &alen);
	b = render_once(q, &blen);
	q2 = quire_new();
	c = render_once(q2, &clen);
	CHECK(alen == blen && alen == clen);
	CHECK(a != NULL && b != NULL && c != NULL &&
	    memcmp(a, b, alen) == 0 && memcmp(a, c, alen) == 0);
	free(a);
	free(b);
	free(c);
	quire_free(q2);

	/* A broken FO: status 1 and an error with its line, no PDF. */
	quire_set_diagnostic_handler(q, on_diagnostic, &s);
	rc = quire_render_memory(q, fo, 200, "cut.fo", &pdf, &len);
	CHECK(rc == QUIRE_INVALID);
	CHECK(pdf == NULL && len == 0);
	CHECK(s.errors >= 1 && s.line >= 1);
	CHECK(strcmp(s.code, "xml-syntax") == 0);

	/* An output in a folder that does not exist: status 3, no file. */
	memset(&s, 0, sizeof s);
	snprintf(path, sizeof path, "%s/no-such-folder/x.pdf", argv[1]);
	snprintf(xml, sizeof xml, "%s/notice.fo", argv[1]);
	fp = fopen(xml, "w");
	CHECK(fp != NULL);
	if (fp != NULL) {
		fputs(fo, fp);
		fclose(fp);
	}
	rc = quire_render(q, xml, path);
	CHECK(rc == QUIRE_IOERR);
	CHECK(s.errors == 1 && strcmp(s.code, "io") == 0);
	fp = fopen(path, "r");
	CHECK(fp == NULL);
	if (fp != NULL)
		fclose(fp);

	/* API misuse is a status too, never a crash. */
	CHECK(quire_render(q, xml, NULL) == QUIRE_USAGE);
	CHECK(quire_render_memory(q, NULL, 0, NULL, &pdf, &len) ==
	    QUIRE_USAGE);
	CHECK(quire_build(q, xml, NULL, NULL) == QUIRE_USAGE);
	CHECK(quire_build(q, NULL, path, NULL) == QUIRE_USAGE);
	CHECK(quire_validate(q, NULL) == QUIRE_USAGE);
	CHECK(quire_render(NULL, xml, path) == QUIRE_USAGE);
	CHECK(quire_build(NULL, xml, path, NULL) == QUIRE_USAGE);
	CHECK(quire_set_param(NULL, "a", "b") == QUIRE_USAGE);
	quire_set_limits(q, NULL);
	CHECK(quire_error_count(NULL) == 0);

	/* A document in memory to FO in memory. */
	memset(&s, 0, sizeof s);
	rc = quire_transform_memory(q, minutes, strlen(minutes),
	    "minutes.xml", &out, &outlen);
	CHECK(rc == QUIRE_OK && s.errors == 0);
	CHECK(out != NULL && strstr(out, "AGC-01") != NULL);
	free(out);
	quire_free(q);

	/* The program's own libxml2 use afterwards: a local file reads... */
	d = xmlReadFile(xml, NULL, XML_PARSE_NONET);
	CHECK(d != NULL);
	xmlFreeDoc(d);
	/* ...and an external entity is still never loaded. */
	snprintf(ent, sizeof ent,
	    "<!DOCTYPE r [<!ENTITY x SYSTEM '%s'>]><r>&x;</r>", xml);
	d = xmlReadMemory(ent, (int)strlen(ent), "ent.xml", NULL,
	    XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	if (d != NULL) {
		xmlChar *text = xmlNodeGetContent(xmlDocGetRootElement(d));

		CHECK(text == NULL ||
		    strstr((const char *)text, "deferred") == NULL);
		xmlFree(text);
		xmlFreeDoc(d);
	}
	if (!failed)
		puts("ok");
	return failed;
}
