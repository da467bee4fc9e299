/* test_frontend.c: the safe XML reader (xmlin), the catalogue, XSD
 * validation and safe XSLT (xform), and the public front-end calls. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "context.h"
#include "xform.h"
#include "xmlin.h"

#ifndef QUIRE_SRC
#define QUIRE_SRC "."
#endif
#define DATA QUIRE_SRC "/tests/data/front"
#define DOCS DATA "/docs"

/* Every diagnostic of the current test, in order. */
typedef struct seen {
	char code[32];
	char file[512];
	int line, col;
	quire_severity sev;
	char msg[1024];
} seen;

static seen diags[64];
static int ndiags;

static void
capture(const quire_diagnostic *d, void *user)
{
	seen *s;

	(void)user;
	if (ndiags >= (int)(sizeof diags / sizeof diags[0]))
		return;
	s = &diags[ndiags++];
	snprintf(s->code, sizeof s->code, "%s", d->code);
	snprintf(s->file, sizeof s->file, "%s", d->file ? d->file : "");
	s->line = d->line;
	s->col = d->column;
	s->sev = d->severity;
	snprintf(s->msg, sizeof s->msg, "%s", d->message);
}

static quire *
new_q(void)
{
	quire *q = quire_new();

	ck_assert_ptr_nonnull(q);
	quire_set_diagnostic_handler(q, capture, NULL);
	ck_assert_int_eq(quire_set_data_dir(q, DATA), QUIRE_OK);
	ndiags = 0;
	return q;
}

/* The first diagnostic with this code, or NULL. */
static const seen *
find(const char *code)
{
	int i;

	for (i = 0; i < ndiags; i++)
		if (strcmp(diags[i].code, code) == 0)
			return &diags[i];
	return NULL;
}

static xmlDocPtr
mem(quire *q, const char *s, int flags)
{
	return qr_xml_read_memory(q, s, strlen(s), "t.xml", flags);
}

/* Redirect stderr to a file for the rest of this (forked) test. */
static char errpath[64];

static void
grab_stderr(void)
{
	int fd;

	snprintf(errpath, sizeof errpath, "/tmp/qr-front-err.XXXXXX");
	fd = mkstemp(errpath);
	ck_assert_int_ge(fd, 0);
	fflush(stderr);
	ck_assert_int_ge(dup2(fd, 2), 0);
	close(fd);
}

static long
stderr_bytes(void)
{
	struct stat sb;

	fflush(stderr);
	ck_assert_int_eq(stat(errpath, &sb), 0);
	unlink(errpath);
	return (long)sb.st_size;
}

/* ---------------------------------------------------------------- */
/* xmlin */

START_TEST(read_keeps_lines)
{
	quire *q = new_q();
	xmlDocPtr d = mem(q, "<?xml version='1.0'?>\n<r>\n  <a>x</a>\n  <b/>\n</r>\n", 0);
	xmlNodePtr r, b;

	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(ndiags, 0);
	r = xmlDocGetRootElement(d);
	b = xmlLastElementChild(r);
	ck_assert_str_eq((const char *)b->name, "b");
	ck_assert_int_eq(xmlGetLineNo(b), 4);
	/* Blank text is kept by default (mixed content matters). */
	ck_assert_int_eq(r->children->type, XML_TEXT_NODE);
	ck_assert_str_eq((const char *)d->URL, "t.xml");
	xmlFreeDoc(d);
	d = mem(q, "<r>\n  <a>x</a>\n</r>", QR_XML_NOBLANKS);
	ck_assert_int_eq(xmlDocGetRootElement(d)->children->type,
	    XML_ELEMENT_NODE);
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

START_TEST(read_syntax_error_has_line_col)
{
	quire *q = new_q();
	xmlDocPtr d = mem(q, "<r>\n  <a>x</b>\n</r>\n", 0);

	ck_assert_ptr_null(d);
	ck_assert_int_ge(ndiags, 1);
	ck_assert_str_eq(diags[0].code, "xml-syntax");
	ck_assert_str_eq(diags[0].file, "t.xml");
	ck_assert_int_eq(diags[0].line, 2);
	ck_assert_int_eq(diags[0].col, 11);
	ck_assert_int_eq(diags[0].sev, QUIRE_ERROR);
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "mismatch"));
	ck_assert_uint_ge(quire_error_count(q), 1);
	quire_free(q);
}
END_TEST

START_TEST(read_refuses_external_entity)
{
	quire *q = new_q();
	xmlDocPtr d;

	grab_stderr();
	d = mem(q, "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
	    "<r>&x;</r>", 0);
	ck_assert_ptr_null(d);
	ck_assert_int_eq(ndiags, 1);
	ck_assert_str_eq(diags[0].code, "xml-entity");
	ck_assert_int_eq(diags[0].line, 1);
	ck_assert_int_gt(diags[0].col, 0);
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "/etc/passwd"));
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "never loaded"));
	ck_assert_int_eq(stderr_bytes(), 0);
	quire_free(q);
}
END_TEST

START_TEST(read_refuses_entity_bomb)
{
	quire *q = new_q();
	xmlDocPtr d = mem(q, "<!DOCTYPE r [\n<!ENTITY a \"aaaaaaaaaa\">\n"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n<r>&b;</r>",
	    QR_XML_ALLOW_DOCTYPE);

	/* Refused at the first declaration, even with a DOCTYPE allowed. */
	ck_assert_ptr_null(d);
	ck_assert_int_eq(ndiags, 1);
	ck_assert_str_eq(diags[0].code, "xml-entity");
	ck_assert_int_eq(diags[0].line, 2);
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "'a'"));
	quire_free(q);
}
END_TEST

START_TEST(read_doctype_policy)
{
	quire *q = new_q();
	xmlDocPtr d = mem(q, "<!DOCTYPE r SYSTEM \"http://x/r.dtd\">\n<r/>", 0);

	ck_assert_ptr_null(d);
	ck_assert_str_eq(diags[0].code, "xml-dtd");
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "http://x/r.dtd"));
	ndiags = 0;
	/* Allowed, it is still never loaded (the loader would say so). */
	d = mem(q, "<!DOCTYPE r SYSTEM \"http://x/r.dtd\">\n<r/>",
	    QR_XML_ALLOW_DOCTYPE);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(ndiags, 0);
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

START_TEST(read_depth_limit)
{
	quire *q = new_q();
	xmlDocPtr d;

	q->limits.max_depth = 5;
	d = mem(q, "<a><b><c><d><e/></d></c></b></a>", 0);
	ck_assert_ptr_nonnull(d);
	xmlFreeDoc(d);
	d = mem(q, "<a><b><c><d><e><f/></e></d></c></b></a>", 0);
	ck_assert_ptr_null(d);
	ck_assert_int_eq(ndiags, 1);
	ck_assert_str_eq(diags[0].code, "limit");
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "more than 5 deep"));
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "<f>"));
	quire_free(q);
}
END_TEST

START_TEST(read_deep_default_limit)
{
	quire *q = new_q();
	size_t n = 20000, i;
	char *buf = malloc(n * 7 + 1), *p = buf;
	xmlDocPtr d;

	for (i = 0; i < n; i++, p += 3)
		memcpy(p, "<a>", 3);
	for (i = 0; i < n; i++, p += 4)
		memcpy(p, "</a>", 4);
	*p = '\0';
	d = qr_xml_read_memory(q, buf, (size_t)(p - buf), "deep.xml", 0);
	ck_assert_ptr_null(d);
	ck_assert_int_eq(ndiags, 1);
	ck_assert_str_eq(diags[0].code, "limit");
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "more than 256 deep"));
	free(buf);
	quire_free(q);
}
END_TEST

START_TEST(read_size_limit)
{
	quire *q = new_q();
	xmlDocPtr d;

	q->limits.max_input_bytes = 10;
	d = mem(q, "<r>0123456789</r>", 0);
	ck_assert_ptr_null(d);
	ck_assert_str_eq(diags[0].code, "limit");
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "limit of 10"));
	ndiags = 0;
	d = qr_xml_read_file(q, DOCS "/note.xml", 0);
	ck_assert_ptr_null(d);
	ck_assert_str_eq(diags[0].code, "limit");
	quire_free(q);
}
END_TEST

START_TEST(read_bad_bytes)
{
	quire *q = new_q();
	xmlDocPtr d;

	d = mem(q, "<r>\nab\xff</r>", 0);
	ck_assert_ptr_null(d);
	ck_assert_str_eq(diags[0].code, "xml-syntax");
	ck_assert_int_eq(diags[0].line, 2);
	ck_assert_int_gt(diags[0].col, 0);
	/* One diagnostic is one line, even when libxml2's spans two. */
	ck_assert_ptr_null(strchr(diags[0].msg, '\n'));
	ndiags = 0;
	d = mem(q, "<r>\n\x01</r>", 0);
	ck_assert_ptr_null(d);
	ck_assert_int_eq(diags[0].line, 2);
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "Char"));
	quire_free(q);
}
END_TEST

START_TEST(read_message_cap)
{
	quire *q = new_q();
	char buf[4096];
	size_t n = 0;
	int i;
	xmlDocPtr d;

	/* Undeclared prefixes are errors the parser goes on after. */
	n += (size_t)snprintf(buf + n, sizeof buf - n, "<r>");
	for (i = 0; i < 40; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "<x%d:a/>", i);
	snprintf(buf + n, sizeof buf - n, "</r>");
	d = mem(q, buf, 0);
	ck_assert_ptr_null(d);
	ck_assert_int_eq(ndiags, 21);
	ck_assert_str_eq(diags[20].code, "note");
	ck_assert_ptr_nonnull(strstr(diags[20].msg, "suppressed"));
	quire_free(q);
}
END_TEST

START_TEST(read_file_errors)
{
	quire *q = new_q();

	ck_assert_ptr_null(qr_xml_read_file(q, DATA "/nope.xml", 0));
	ck_assert_str_eq(diags[0].code, "io");
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "No such file"));
	ndiags = 0;
	ck_assert_ptr_null(qr_xml_read_file(q, DATA, 0));
	ck_assert_str_eq(diags[0].code, "io");
	ck_assert_ptr_null(qr_xml_read_memory(q, "", 0, NULL, 0));
	ck_assert_str_eq(diags[ndiags - 1].file, "(memory)");
	quire_free(q);
}
END_TEST

START_TEST(loader_refuses_for_plain_libxml2)
{
	char path[] = "/tmp/qr-front-ent.XXXXXX";
	char doc[256];
	int fd = mkstemp(path);
	xmlDocPtr d;
	xmlChar *text;

	/* Even code that calls libxml2 directly with entity substitution
	 * cannot load an external entity once the loader is installed. */
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "SECRET", 6), 6);
	close(fd);
	qr_xml_init();
	grab_stderr();
	snprintf(doc, sizeof doc,
	    "<!DOCTYPE r [<!ENTITY x SYSTEM \"%s\">]><r>&x;</r>", path);
	d = xmlReadMemory(doc, (int)strlen(doc), "plain.xml", NULL,
	    XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	if (d != NULL) {
		text = xmlNodeGetContent(xmlDocGetRootElement(d));
		ck_assert_ptr_null(strstr((const char *)text, "SECRET"));
		xmlFree(text);
		xmlFreeDoc(d);
	}
	stderr_bytes();
	unlink(path);
}
END_TEST

START_TEST(loader_schema_policy)
{
	quire *q = new_q();
	qr_load_scope saved;
	xmlParserInputPtr in;
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();

	qr_xml_loader_push(q, "s.xsd", QR_LOAD_LOCAL_SCHEMAS, &saved);
	in = xmlLoadExternalEntity("http://127.0.0.1:9/a.xsd", NULL, ctxt);
	ck_assert_ptr_null(in);
	ck_assert_str_eq(diags[0].code, "xml-entity");
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "never the network"));
	ndiags = 0;
	in = xmlLoadExternalEntity("/etc/passwd", NULL, ctxt);
	ck_assert_ptr_null(in);
	ck_assert_ptr_nonnull(strstr(diags[0].msg, ".xsd"));
	ndiags = 0;
	in = xmlLoadExternalEntity(DATA "/schemas/note.xsd", NULL, ctxt);
	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(ndiags, 0);
	xmlFreeInputStream(in);
	qr_xml_loader_pop(&saved);
	/* Outside quire's calls, the program embedding the library reads its
	 * own top-level local files as libxml2 would (an xmlReadFile), but
	 * never the network. */
	xmlFreeParserCtxt(ctxt);
	ndiags = 0;
	ctxt = xmlNewParserCtxt();
	in = xmlLoadExternalEntity(DATA "/schemas/note.xsd", NULL, ctxt);
	ck_assert_ptr_nonnull(in);
	xmlFreeInputStream(in);
	xmlFreeParserCtxt(ctxt);
	ctxt = xmlNewParserCtxt();
	in = xmlLoadExternalEntity("http://127.0.0.1:9/a.xsd", NULL, ctxt);
	ck_assert_ptr_null(in);
	ck_assert_int_eq(ndiags, 0);
	xmlFreeParserCtxt(ctxt);
	quire_free(q);
}
END_TEST

START_TEST(unclosed_tag_note)
{
	quire *q = new_q();
	xmlDocPtr d = mem(q, "<r>\n  <a>\n    <x:b xmlns:x='u'>text\n  </a>\n</r>\n", 0);

	ck_assert_ptr_null(d);
	ck_assert_str_eq(diags[0].code, "xml-syntax");
	ck_assert_int_eq(diags[0].line, 4);
	ck_assert_str_eq(diags[1].code, "note");
	ck_assert_int_eq(diags[1].line, 3);
	ck_assert_int_eq(diags[1].col, 5);
	ck_assert_ptr_nonnull(strstr(diags[1].msg, "<b> was opened here"));
	quire_free(q);
}
END_TEST

START_TEST(tag_columns)
{
	const char *src = "<r>\n  <p:a  x='>' y=\"1\">\u00e9<a z='2'/></p:a>\n</r>";
	size_t n = strlen(src);

	ck_assert_int_eq(qr_xml_tag_column(src, n, 2, "a", NULL), 3);
	/* '>' inside a quoted value does not end the tag. */
	ck_assert_int_eq(qr_xml_tag_column(src, n, 2, "a", "y"), 15);
	ck_assert_int_eq(qr_xml_tag_column(src, n, 2, "a", "nope"), 3);
	ck_assert_int_eq(qr_xml_tag_column(src, n, 2, "b", NULL), 0);
	ck_assert_int_eq(qr_xml_tag_column(src, n, 9, "a", NULL), 0);
	ck_assert_int_eq(qr_xml_tag_column(src, n, 1, "r", NULL), 1);
	/* A byte order mark is not a column. */
	ck_assert_int_eq(qr_xml_tag_column("\xef\xbb\xbf<r/>", 7, 1, "r",
	    NULL), 1);
	/* Columns count characters: the e-acute is one. */
	ck_assert_int_eq(qr_xml_column_of(src, strstr(src, "<a z")), 22);
}
END_TEST

START_TEST(url_is_local)
{
	ck_assert_int_eq(qr_xml_url_is_local("a.xml"), 1);
	ck_assert_int_eq(qr_xml_url_is_local("../x/a.xml"), 1);
	ck_assert_int_eq(qr_xml_url_is_local("/abs/a.xml"), 1);
	ck_assert_int_eq(qr_xml_url_is_local("file:///abs/a.xml"), 1);
	ck_assert_int_eq(qr_xml_url_is_local("FILE:/abs/a.xml"), 1);
	ck_assert_int_eq(qr_xml_url_is_local("file://localhost/a.xml"), 1);
	ck_assert_int_eq(qr_xml_url_is_local("dir:with/colon.xml"), 0);
	ck_assert_int_eq(qr_xml_url_is_local("file://evil.example/a.xml"), 0);
	ck_assert_int_eq(qr_xml_url_is_local("http://x/a.xml"), 0);
	ck_assert_int_eq(qr_xml_url_is_local("ftp://x/a.xml"), 0);
	ck_assert_int_eq(qr_xml_url_is_local("HTTPS://x/a.xml"), 0);
	ck_assert_int_eq(qr_xml_url_is_local(""), 0);
	ck_assert_int_eq(qr_xml_url_is_local(NULL), 0);
}
END_TEST

/* ---------------------------------------------------------------- */
/* catalogue and validation */

static xmlDocPtr
doc_of(quire *q, const char *path)
{
	xmlDocPtr d = qr_xml_read_file(q, path, 0);

	ck_assert_ptr_nonnull(d);
	return d;
}

static int
ends_with(const char *s, const char *tail)
{
	size_t a = s != NULL ? strlen(s) : 0, b = strlen(tail);

	return a >= b && strcmp(s + a - b, tail) == 0;
}

START_TEST(catalogue_lookup)
{
	quire *q = new_q();
	xmlDocPtr d = doc_of(q, DOCS "/note.xml");
	qr_doc_kind k;

	ck_assert_int_eq(qr_front_kind(q, d, "note.xml", &k), QUIRE_OK);
	ck_assert_str_eq(k.name, "note");
	ck_assert_str_eq(k.ns, "urn:test:note");
	ck_assert(ends_with(k.schema, "/tests/data/front/schemas/note.xsd"));
	/* Paths are normalised: no "schemas/../" in messages. */
	ck_assert(ends_with(k.stylesheet,
	    "/tests/data/front/stylesheets/note.xsl"));
	ck_assert_ptr_null(strstr(k.stylesheet, ".."));
	ck_assert(ends_with(k.pack_stylesheet, "/stylesheets/note-pack.xsl"));
	qr_doc_kind_clear(&k);
	ck_assert_ptr_null(k.name);
	xmlFreeDoc(d);
	d = doc_of(q, DOCS "/writer.xml");
	ck_assert_int_eq(qr_front_kind(q, d, "writer.xml", &k), QUIRE_OK);
	ck_assert_ptr_null(k.pack_stylesheet);
	qr_doc_kind_clear(&k);
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

START_TEST(catalogue_unknown_namespace)
{
	quire *q = new_q();
	xmlDocPtr d = doc_of(q, DOCS "/unknown-ns.xml");
	qr_doc_kind k;

	ck_assert_int_eq(qr_front_kind(q, d, DOCS "/unknown-ns.xml", &k),
	    QUIRE_INVALID);
	ck_assert_int_eq(ndiags, 1);
	ck_assert_str_eq(diags[0].code, "no-schema");
	ck_assert_int_eq(diags[0].line, 2);
	ck_assert_int_eq(diags[0].col, 1);
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "'urn:test:unknown'"));
	ck_assert_ptr_nonnull(strstr(diags[0].msg,
	    "urn:test:note (note), urn:test:writer (writer)"));
	ck_assert_ptr_null(k.name);
	xmlFreeDoc(d);
	/* A missing catalogue is a setup problem. */
	quire_set_data_dir(q, DATA "/nowhere");
	d = doc_of(q, DOCS "/note.xml");
	ck_assert_int_eq(qr_front_kind(q, d, "note.xml", &k), QUIRE_IOERR);
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

START_TEST(validate_valid_and_invalid)
{
	quire *q = new_q();
	xmlDocPtr d = doc_of(q, DOCS "/note.xml");
	qr_doc_kind k;

	ck_assert_int_eq(qr_front_validate_doc(q, d, "note.xml", &k), QUIRE_OK);
	ck_assert_str_eq(k.name, "note");
	ck_assert_int_eq(ndiags, 0);
	qr_doc_kind_clear(&k);
	/* Again: the cached schema gives the same answer. */
	ck_assert_int_eq(qr_front_validate_doc(q, d, "note.xml", NULL),
	    QUIRE_OK);
	xmlFreeDoc(d);
	d = doc_of(q, DOCS "/note-invalid.xml");
	ck_assert_int_eq(qr_front_validate_doc(q, d, DOCS "/note-invalid.xml",
	    NULL), QUIRE_INVALID);
	ck_assert_int_eq(ndiags, 2);
	ck_assert_str_eq(diags[0].code, "schema");
	ck_assert_int_eq(diags[0].line, 2);
	ck_assert_int_eq(diags[0].col, 29); /* the priority attribute */
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "'urgent'"));
	ck_assert_int_eq(diags[1].line, 3);
	ck_assert_int_eq(diags[1].col, 3);
	xmlFreeDoc(d);
	qr_front_cache_clear();
	d = doc_of(q, DOCS "/note.xml");
	ck_assert_int_eq(qr_front_validate_doc(q, d, "note.xml", NULL),
	    QUIRE_OK);
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

START_TEST(validate_columns_from_memory)
{
	quire *q = new_q();
	const char *src =
	    "<note xmlns='urn:test:note' priority='low'>"
	    "<title>t</title><p>a</p><!-- <p> --><p>b</p><q/></note>";
	xmlDocPtr d = mem(q, src, 0);

	ck_assert_int_eq(qr_front_validate_src(q, d, "(memory)", src,
	    strlen(src), NULL), QUIRE_INVALID);
	ck_assert_int_eq(ndiags, 1);
	ck_assert_int_eq(diags[0].line, 1);
	/* <q/> after the comment that mentions <p>. */
	ck_assert_int_eq(diags[0].col, (int)(strstr(src, "<q/>") - src) + 1);
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

START_TEST(validate_missing_schema)
{
	quire *q = new_q();
	xmlDocPtr d = doc_of(q, DOCS "/noschema.xml");

	ck_assert_int_eq(qr_front_validate_doc(q, d, "noschema.xml", NULL),
	    QUIRE_IOERR);
	ck_assert_str_eq(diags[0].code, "schema-load");
	ck_assert(ends_with(diags[0].file, "missing.xsd"));
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

/* ---------------------------------------------------------------- */
/* transformation */

START_TEST(transform_params_are_strings)
{
	quire *q = new_q();
	xmlDocPtr d = doc_of(q, DOCS "/note.xml"), r;
	qr_param extra[] = {{"greeting", "x') or ('1"}};
	xmlNodePtr n;
	xmlChar *s;
	int st;
	int found = 0;

	quire_set_param(q, "greeting", "overridden");
	r = qr_front_transform_doc(q, d, "note.xml", DATA
	    "/stylesheets/note.xsl", extra, 1, &st);
	ck_assert_int_eq(st, QUIRE_OK);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq((const char *)xmlDocGetRootElement(r)->name, "root");
	for (n = xmlDocGetRootElement(r); n != NULL; ) {
		xmlChar *id = n->type == XML_ELEMENT_NODE ?
		    xmlGetProp(n, BAD_CAST "id") : NULL;

		if (id != NULL && xmlStrEqual(id, BAD_CAST "greeting")) {
			s = xmlNodeGetContent(n);
			ck_assert_str_eq((const char *)s, "x') or ('1");
			xmlFree(s);
			found = 1;
		}
		xmlFree(id);
		if (n->children != NULL)
			n = n->children;
		else {
			while (n != NULL && n->next == NULL)
				n = n->parent;
			if (n != NULL)
				n = n->next;
		}
		if (n != NULL && n->type == XML_DOCUMENT_NODE)
			break;
	}
	ck_assert_int_eq(found, 1);
	/* xsl:message: the warning prefix sets the severity. */
	ck_assert_ptr_nonnull(find("xslt-warning"));
	ck_assert_int_eq(find("xslt-warning")->line, 16);
	ck_assert(ends_with(find("xslt-warning")->file, "note.xsl"));
	ck_assert_str_eq(find("xslt-warning")->msg,
	    "this note is high priority");
	ck_assert_str_eq(find("xslt-message")->msg, "a plain message");
	xmlFreeDoc(r);
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

START_TEST(transform_buffer_and_pack)
{
	quire *q = new_q();
	xmlDocPtr d = doc_of(q, DOCS "/note.xml"), r;
	qr_param ed[] = {{"edition", "members"}};
	char *out = NULL;
	size_t len = 0;
	int st;
	xmlChar *e;

	ck_assert_int_eq(qr_front_transform_buffer(q, d, "note.xml", DATA
	    "/stylesheets/note.xsl", NULL, 0, &out, &len), QUIRE_OK);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(strlen(out), len);
	ck_assert_ptr_nonnull(strstr(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
	ck_assert_ptr_nonnull(strstr(out, ">hello</fo:block>"));
	free(out);
	r = qr_front_pack(q, d, "note.xml", ed, 1, &st);
	ck_assert_int_eq(st, QUIRE_OK);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq((const char *)xmlDocGetRootElement(r)->name, "pack");
	e = xmlGetProp(xmlDocGetRootElement(r), BAD_CAST "edition");
	ck_assert_str_eq((const char *)e, "members");
	xmlFree(e);
	/* The imported note.xsl ran inside it. */
	ck_assert_str_eq((const char *)
	    xmlFirstElementChild(xmlDocGetRootElement(r))->name, "root");
	xmlFreeDoc(r);
	xmlFreeDoc(d);
	d = doc_of(q, DOCS "/writer.xml");
	ndiags = 0;
	ck_assert_ptr_null(qr_front_pack(q, d, "writer.xml", NULL, 0, &st));
	ck_assert_int_eq(st, QUIRE_INVALID);
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "pack-stylesheet"));
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

START_TEST(transform_refuses_writes)
{
	quire *q = new_q();
	xmlDocPtr d = doc_of(q, DOCS "/writer.xml");
	char dir[] = "/tmp/qr-front-w.XXXXXX";
	char old[4096];
	int st;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_ptr_nonnull(getcwd(old, sizeof old));
	ck_assert_int_eq(chdir(dir), 0);
	ck_assert_ptr_null(qr_front_transform_doc(q, d, "writer.xml", DATA
	    "/stylesheets/writer.xsl", NULL, 0, &st));
	ck_assert_int_eq(st, QUIRE_INVALID);
	ck_assert_ptr_nonnull(find("xslt-security"));
	ck_assert_int_eq(find("xslt-security")->line, 10);
	ck_assert_ptr_nonnull(strstr(find("xslt-security")->msg,
	    "write the file 'pwned.txt'"));
	ck_assert_int_eq(access("pwned.txt", F_OK), -1);
	ck_assert_int_eq(access(DATA "/stylesheets/pwned.txt", F_OK), -1);
	ck_assert_int_eq(chdir(old), 0);
	ck_assert_int_eq(rmdir(dir), 0); /* empty: nothing was written */
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

START_TEST(transform_refuses_network)
{
	quire *q = new_q();
	xmlDocPtr d = doc_of(q, DOCS "/netreader.xml");
	int st;

	grab_stderr();
	ck_assert_ptr_null(qr_front_transform_doc(q, d, "netreader.xml", DATA
	    "/stylesheets/netreader.xsl", NULL, 0, &st));
	ck_assert_int_eq(st, QUIRE_INVALID);
	ck_assert_ptr_nonnull(find("xslt-security"));
	ck_assert_ptr_nonnull(strstr(find("xslt-security")->msg,
	    "http://127.0.0.1:9/secret.xml"));
	ck_assert_int_eq(stderr_bytes(), 0);
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

START_TEST(transform_terminate)
{
	quire *q = new_q();
	xmlDocPtr d = doc_of(q, DOCS "/stopper.xml");
	int st;

	ck_assert_ptr_null(qr_front_transform_doc(q, d, "stopper.xml", DATA
	    "/stylesheets/stopper.xsl", NULL, 0, &st));
	ck_assert_int_eq(st, QUIRE_INVALID);
	ck_assert_int_eq(ndiags, 1);
	ck_assert_str_eq(diags[0].code, "xslt-terminate");
	ck_assert_int_eq(diags[0].sev, QUIRE_ERROR);
	ck_assert_int_eq(diags[0].line, 9);
	ck_assert_str_eq(diags[0].msg,
	    "the note \"Budget\" has no paragraph (the stylesheet stopped)");
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

START_TEST(transform_broken_stylesheet)
{
	quire *q = new_q();
	xmlDocPtr d = doc_of(q, DOCS "/broken.xml");
	int st;

	grab_stderr();
	ck_assert_ptr_null(qr_front_transform_doc(q, d, "broken.xml", DATA
	    "/stylesheets/broken.xsl", NULL, 0, &st));
	ck_assert_int_eq(st, QUIRE_IOERR);
	ck_assert_str_eq(diags[0].code, "xslt");
	ck_assert_int_eq(diags[0].line, 6);
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "count(("));
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "Invalid expression"));
	ck_assert_int_eq(stderr_bytes(), 0);
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

START_TEST(transform_recursion_is_one_error)
{
	quire *q = new_q();
	xmlDocPtr d = doc_of(q, DOCS "/note.xml");
	int st;

	grab_stderr();
	ck_assert_ptr_null(qr_front_transform_doc(q, d, "note.xml", DATA
	    "/stylesheets/recursive.xsl", NULL, 0, &st));
	ck_assert_int_eq(st, QUIRE_INVALID);
	ck_assert_int_eq(ndiags, 1);
	ck_assert_str_eq(diags[0].code, "xslt");
	ck_assert_int_eq(diags[0].line, 6);
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "infinite template recursion"));
	ck_assert_int_eq(stderr_bytes(), 0);
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

START_TEST(transform_refuses_network_import)
{
	quire *q = new_q();
	xmlDocPtr d = doc_of(q, DOCS "/note.xml");
	int st;

	ck_assert_ptr_null(qr_front_transform_doc(q, d, "note.xml", DATA
	    "/stylesheets/netimport.xsl", NULL, 0, &st));
	ck_assert_int_eq(st, QUIRE_IOERR);
	ck_assert_str_eq(diags[0].code, "xslt-security");
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "http://127.0.0.1:9/evil.xsl"));
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

START_TEST(transform_compile_warnings)
{
	quire *q = new_q();
	xmlDocPtr d = doc_of(q, DOCS "/note.xml"), r;
	int st;

	r = qr_front_transform_doc(q, d, "note.xml", DATA
	    "/stylesheets/warnings.xsl", NULL, 0, &st);
	ck_assert_int_eq(st, QUIRE_OK);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(ndiags, 2);
	ck_assert_str_eq(diags[0].code, "xslt-warning");
	/* libxml2 gives an element the line its start tag ends on. */
	ck_assert_int_eq(diags[0].line, 5);
	ck_assert_ptr_nonnull(strstr(diags[0].msg, "nosuch"));
	ck_assert_str_eq(diags[1].code, "xslt-warning");
	ck_assert_int_eq(diags[1].line, 6);
	ck_assert_uint_eq(quire_error_count(q), 0);
	xmlFreeDoc(r);
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
}

START_TEST(transform_cache_sees_edits)
{
	quire *q = new_q();
	xmlDocPtr d = doc_of(q, DOCS "/note.xml"), r;
	char dir[] = "/tmp/qr-front-c.XXXXXX", xsl[64];
	int st;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(xsl, sizeof xsl, "%s/s.xsl", dir);
	write_file(xsl, "<xsl:stylesheet version='1.0' xmlns:xsl="
	    "'http://www.w3.org/1999/XSL/Transform'><xsl:template "
	    "match='/'><first/></xsl:template></xsl:stylesheet>");
	r = qr_front_transform_doc(q, d, "note.xml", xsl, NULL, 0, &st);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq((const char *)xmlDocGetRootElement(r)->name, "first");
	xmlFreeDoc(r);
	write_file(xsl, "<xsl:stylesheet version='1.0' xmlns:xsl="
	    "'http://www.w3.org/1999/XSL/Transform'><xsl:template "
	    "match='/'><second-one/></xsl:template></xsl:stylesheet>");
	r = qr_front_transform_doc(q, d, "note.xml", xsl, NULL, 0, &st);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq((const char *)xmlDocGetRootElement(r)->name,
	    "second-one");
	xmlFreeDoc(r);
	unlink(xsl);
	ck_assert_int_eq(rmdir(dir), 0);
	xmlFreeDoc(d);
	quire_free(q);
}
END_TEST

/* ---------------------------------------------------------------- */
/* the public calls */

START_TEST(public_validate)
{
	quire *q = new_q();

	ck_assert_int_eq(quire_validate(q, DOCS "/note.xml"), QUIRE_OK);
	ck_assert_int_eq(quire_validate(q, DOCS "/note-invalid.xml"),
	    QUIRE_INVALID);
	ck_assert_int_eq(quire_validate(q, DOCS "/none.xml"), QUIRE_IOERR);
	ck_assert_int_eq(quire_validate(q, DOCS "/noschema.xml"),
	    QUIRE_IOERR);
	/* The project's own samples against the real schemas. */
	quire_set_data_dir(q, QUIRE_SRC);
	ck_assert_int_eq(quire_validate(q, QUIRE_SRC
	    "/samples/cyp-scrutiny-2017-09-12/agenda.xml"), QUIRE_OK);
	quire_free(q);
}
END_TEST

START_TEST(public_transform_keeps_old_output)
{
	quire *q = new_q();
	char path[] = "/tmp/qr-front-out.XXXXXX";
	int fd = mkstemp(path);
	char buf[64];
	FILE *fp;
	size_t n;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "previous", 8), 8);
	close(fd);
	ck_assert_int_eq(quire_transform(q, DOCS "/stopper.xml", path),
	    QUIRE_INVALID);
	fp = fopen(path, "rb");
	n = fread(buf, 1, sizeof buf, fp);
	fclose(fp);
	ck_assert_uint_eq(n, 8);
	ck_assert(memcmp(buf, "previous", 8) == 0);
	ck_assert_int_eq(quire_transform(q, DOCS "/note.xml", path), QUIRE_OK);
	fp = fopen(path, "rb");
	n = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	ck_assert_ptr_nonnull(strstr(buf, "<?xml"));
	unlink(path);
	quire_free(q);
}
END_TEST

START_TEST(public_transform_memory)
{
	quire *q = new_q();
	const char *ok = "<note xmlns='urn:test:note' priority='low'>"
	    "<title>Mem</title></note>";
	char *fo = (char *)1;
	size_t len = 99;

	ck_assert_int_eq(quire_transform_memory(q, ok, strlen(ok), "m.xml",
	    &fo, &len), QUIRE_OK);
	ck_assert_ptr_nonnull(fo);
	ck_assert_ptr_nonnull(strstr(fo, ">Mem</fo:block>"));
	ck_assert_uint_eq(strlen(fo), len);
	free(fo);
	ck_assert_int_eq(quire_transform_memory(q, "<note", 5, NULL, &fo, &len),
	    QUIRE_INVALID);
	ck_assert_ptr_null(fo);
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(diags[ndiags - 1].file, "(memory)");
	ck_assert_int_eq(quire_transform_memory(q, NULL, 0, NULL, &fo, &len),
	    QUIRE_USAGE);
	quire_free(q);
}
END_TEST

static Suite *
frontend_suite(void)
{
	Suite *s = suite_create("frontend");
	TCase *t = tcase_create("xmlin");

	tcase_add_test(t, read_keeps_lines);
	tcase_add_test(t, read_syntax_error_has_line_col);
	tcase_add_test(t, read_refuses_external_entity);
	tcase_add_test(t, read_refuses_entity_bomb);
	tcase_add_test(t, read_doctype_policy);
	tcase_add_test(t, read_depth_limit);
	tcase_add_test(t, read_deep_default_limit);
	tcase_add_test(t, read_size_limit);
	tcase_add_test(t, read_bad_bytes);
	tcase_add_test(t, read_message_cap);
	tcase_add_test(t, read_file_errors);
	tcase_add_test(t, loader_refuses_for_plain_libxml2);
	tcase_add_test(t, loader_schema_policy);
	tcase_add_test(t, url_is_local);
	tcase_add_test(t, unclosed_tag_note);
	tcase_add_test(t, tag_columns);
	suite_add_tcase(s, t);
	t = tcase_create("validate");
	tcase_add_test(t, catalogue_lookup);
	tcase_add_test(t, catalogue_unknown_namespace);
	tcase_add_test(t, validate_valid_and_invalid);
	tcase_add_test(t, validate_columns_from_memory);
	tcase_add_test(t, validate_missing_schema);
	suite_add_tcase(s, t);
	t = tcase_create("transform");
	tcase_add_test(t, transform_params_are_strings);
	tcase_add_test(t, transform_buffer_and_pack);
	tcase_add_test(t, transform_refuses_writes);
	tcase_add_test(t, transform_refuses_network);
	tcase_add_test(t, transform_terminate);
	tcase_add_test(t, transform_broken_stylesheet);
	tcase_add_test(t, transform_recursion_is_one_error);
	tcase_add_test(t, transform_refuses_network_import);
	tcase_add_test(t, transform_cache_sees_edits);
	tcase_add_test(t, transform_compile_warnings);
	suite_add_tcase(s, t);
	t = tcase_create("public");
	tcase_add_test(t, public_validate);
	tcase_add_test(t, public_transform_keeps_old_output);
	tcase_add_test(t, public_transform_memory);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(frontend_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
