/* xform.c: the schema catalogue, XSD validation and safe XSLT for the
 * front end; libxml2 and libxslt messages all become diagnostics. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <libexslt/exslt.h>
#include <libxml/uri.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlschemas.h>
#include <libxslt/documents.h>
#include <libxslt/imports.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "xform.h"
#include "xmlin.h"

#define S_CATALOG_NS "urn:quire:catalog:1"
/* A document with a thousand schema errors is one mistake repeated;
 * the first hundred say where. */
#define S_MAX_SCHEMA_MESSAGES 100

/* ------------------------------------------------------------------ */
/* Caches: compiled schemas and stylesheets, per process, keyed by path.
 * Compiling report.xsd or pack.xsl costs more than validating a
 * document, and quire validate/build use the same ones many times. An
 * entry whose top file changed (time or size) is compiled again, so a
 * long-lived embedding sees edits; files it includes are not watched. */

typedef struct S_cached {
	char *path;
	int is_style;
	void *obj;
	struct timespec mtime;
	off_t size;
} S_cached;

static void
S_cache_free_obj(S_cached *c)
{
	if (c->is_style)
		xsltFreeStylesheet(c->obj);
	else
		xmlSchemaFree(c->obj);
	free(c->path);
}

static S_cached *S_cache;
static size_t S_ncache;
static int S_atexit_done;

void
qr_front_cache_clear(void)
{
	size_t i;

	for (i = 0; i < S_ncache; i++)
		S_cache_free_obj(&S_cache[i]);
	free(S_cache);
	S_cache = NULL;
	S_ncache = 0;
}

static void *
S_cache_get(const char *path, int is_style)
{
	struct stat sb;
	size_t i;

	for (i = 0; i < S_ncache; i++) {
		S_cached *c = &S_cache[i];

		if (c->is_style != is_style || strcmp(c->path, path) != 0)
			continue;
		if (stat(path, &sb) == 0 && sb.st_size == c->size &&
		    sb.st_mtim.tv_sec == c->mtime.tv_sec &&
		    sb.st_mtim.tv_nsec == c->mtime.tv_nsec)
			return c->obj;
		/* Changed or gone: forget it. Results made from it keep
		 * their own reference to its dictionary. */
		S_cache_free_obj(c);
		*c = S_cache[--S_ncache];
		return NULL;
	}
	return NULL;
}

/* Takes obj; on failure (out of memory) frees it and returns 0. */
static int
S_cache_put(const char *path, int is_style, void *obj)
{
	struct stat sb;
	S_cached *c;
	char *p = strdup(path);

	if (!S_atexit_done) {
		S_atexit_done = 1;
		atexit(qr_front_cache_clear);
	}
	c = p != NULL ? realloc(S_cache, (S_ncache + 1) * sizeof *c) : NULL;
	if (c == NULL) {
		free(p);
		if (is_style)
			xsltFreeStylesheet(obj);
		else
			xmlSchemaFree(obj);
		return 0;
	}
	S_cache = c;
	memset(&c[S_ncache], 0, sizeof c[S_ncache]);
	c[S_ncache].path = p;
	c[S_ncache].is_style = is_style;
	c[S_ncache].obj = obj;
	if (stat(path, &sb) == 0) {
		c[S_ncache].mtime = sb.st_mtim;
		c[S_ncache].size = sb.st_size;
	}
	S_ncache++;
	return 1;
}

/* ------------------------------------------------------------------ */
/* The catalogue. */

void
qr_doc_kind_clear(qr_doc_kind *k)
{
	if (k == NULL)
		return;
	free(k->name);
	free(k->ns);
	free(k->schema);
	free(k->stylesheet);
	free(k->pack_stylesheet);
	memset(k, 0, sizeof *k);
}

/* dir + "/" + rel unless rel is absolute; malloc'd, NULL if rel is. */
static char *
S_join(const char *dir, const xmlChar *rel)
{
	size_t n;
	char *p;

	if (rel == NULL)
		return NULL;
	if (rel[0] == '/')
		return strdup((const char *)rel);
	n = strlen(dir) + strlen((const char *)rel) + 2;
	p = malloc(n);
	if (p != NULL) {
		snprintf(p, n, "%s/%s", dir, (const char *)rel);
		/* "schemas/../stylesheets/x.xsl" reads badly in messages. */
		xmlNormalizeURIPath(p);
	}
	return p;
}

static char *
S_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *d;

	if (slash == NULL)
		return strdup(".");
	d = malloc((size_t)(slash - path) + 2);
	if (d != NULL) {
		if (slash == path) {
			strcpy(d, "/");
		} else {
			memcpy(d, path, (size_t)(slash - path));
			d[slash - path] = '\0';
		}
	}
	return d;
}

static char *
S_prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = strdup((const char *)v);
	xmlFree(v);
	return s;
}

static int S_root_column(xmlDocPtr doc, const char *file, int *line);

int
qr_front_kind(quire *q, xmlDocPtr doc, const char *file, qr_doc_kind *out)
{
	char *catpath, *dir;
	xmlDocPtr cat;
	xmlNodePtr root, n;
	const char *ns;
	char known[1024];
	size_t klen = 0;
	int rc = QUIRE_INVALID, found = 0, line, col;

	memset(out, 0, sizeof *out);
	root = xmlDocGetRootElement(doc);
	if (root == NULL) {
		qr_diag(q, QD_NO_SCHEMA, file, 0, 0, "the document is empty");
		return QUIRE_INVALID;
	}
	ns = root->ns != NULL ? (const char *)root->ns->href : NULL;
	catpath = qr_data_path(q, "schemas/catalog.xml");
	if (catpath == NULL) {
		qr_diag(q, QD_NOMEM, file, 0, 0, "out of memory");
		return QUIRE_IOERR;
	}
	cat = qr_xml_read_file(q, catpath, 0);
	if (cat == NULL) {
		qr_diag(q, QD_SCHEMA_LOAD, catpath, 0, 0,
		    "cannot use the schema catalogue (is --data-dir or "
		    "QUIRE_DATADIR right?)");
		free(catpath);
		return QUIRE_IOERR;
	}
	dir = S_dirname(catpath);
	root = xmlDocGetRootElement(cat);
	if (root == NULL || root->ns == NULL || dir == NULL ||
	    strcmp((const char *)root->ns->href, S_CATALOG_NS) != 0 ||
	    strcmp((const char *)root->name, "catalog") != 0) {
		qr_diag(q, QD_SCHEMA_LOAD, catpath, 0, 0,
		    "not a schema catalogue: the root must be <catalog "
		    "xmlns=\"%s\">", S_CATALOG_NS);
		rc = QUIRE_IOERR;
		goto done;
	}
	known[0] = '\0';
	for (n = root->children; n != NULL && !found; n = n->next) {
		xmlChar *nsv, *name;

		if (n->type != XML_ELEMENT_NODE || n->ns == NULL ||
		    strcmp((const char *)n->ns->href, S_CATALOG_NS) != 0 ||
		    strcmp((const char *)n->name, "document") != 0)
			continue;
		nsv = xmlGetNoNsProp(n, (const xmlChar *)"namespace");
		name = xmlGetNoNsProp(n, (const xmlChar *)"name");
		if (nsv != NULL && ns != NULL &&
		    strcmp((const char *)nsv, ns) == 0) {
			found = 1;
			out->name = S_prop(n, "name");
			out->ns = strdup(ns);
		} else if (nsv != NULL && klen < sizeof known - 1) {
			int w = snprintf(known + klen, sizeof known - klen,
			    "%s%s (%s)", klen > 0 ? ", " : "",
			    (const char *)nsv,
			    name != NULL ? (const char *)name : "?");

			if (w > 0)
				klen += (size_t)w;
			if (klen >= sizeof known)
				klen = sizeof known - 1;
		}
		if (found) {
			xmlChar *v;

			if ((v = xmlGetNoNsProp(n, BAD_CAST "schema")) != NULL)
				out->schema = S_join(dir, v);
			xmlFree(v);
			if ((v = xmlGetNoNsProp(n, BAD_CAST "stylesheet")) != NULL)
				out->stylesheet = S_join(dir, v);
			xmlFree(v);
			if ((v = xmlGetNoNsProp(n,
			    BAD_CAST "pack-stylesheet")) != NULL)
				out->pack_stylesheet = S_join(dir, v);
			xmlFree(v);
		}
		xmlFree(nsv);
		xmlFree(name);
	}
	if (found) {
		rc = QUIRE_OK;
		if (out->name == NULL || out->ns == NULL) {
			qr_diag(q, QD_NOMEM, file, 0, 0, "out of memory");
			qr_doc_kind_clear(out);
			rc = QUIRE_IOERR;
		}
		goto done;
	}
	root = xmlDocGetRootElement(doc);
	line = (int)xmlGetLineNo(root);
	col = S_root_column(doc, file, &line);
	if (ns == NULL)
		qr_diag(q, QD_NO_SCHEMA, file, line, col,
		    "the root element <%s> has no namespace, so no schema "
		    "applies; known namespaces: %s", (const char *)root->name,
		    klen > 0 ? known : "(none)");
	else
		qr_diag(q, QD_NO_SCHEMA, file, line, col,
		    "no schema for the root element's namespace '%s'; known "
		    "namespaces: %s", ns, klen > 0 ? known : "(none)");
	rc = QUIRE_INVALID;
done:
	xmlFreeDoc(cat);
	free(dir);
	free(catpath);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Validation. */

typedef struct S_vstate {
	quire *q;
	const char *file;
	qr_code code;
	int nmsg;
	int errors;
	xmlDocPtr doc;          /* the document being validated */
	const char *src;        /* its source text, for columns (or NULL) */
	size_t srclen;
	char *owned_src;        /* src read lazily from file, freed after */
	int src_tried;
} S_vstate;

/* libxml2's schema errors carry a line but no column, and the tree keeps
 * no columns. Find the start tag in the source instead: the n-th start
 * tag with this qualified name (skipping comments, CDATA, PIs and the
 * DOCTYPE; '<' cannot occur in attribute values or text) is the n-th
 * such element in document order. Columns count characters, as
 * libxml2's parser columns do. */
static int
S_same_name(xmlNodePtr a, xmlNodePtr b)
{
	const xmlChar *pa = a->ns != NULL ? a->ns->prefix : NULL;
	const xmlChar *pb = b->ns != NULL ? b->ns->prefix : NULL;

	return xmlStrEqual(a->name, b->name) && xmlStrEqual(pa, pb);
}

static long
S_index_of(xmlDocPtr doc, xmlNodePtr elem)
{
	xmlNodePtr n = xmlDocGetRootElement(doc);
	long k = 0;

	while (n != NULL) {
		if (n == elem)
			return k;
		if (n->type == XML_ELEMENT_NODE && S_same_name(n, elem))
			k++;
		if (n->children != NULL && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL)
			n = n->parent != NULL &&
			    n->parent->type == XML_ELEMENT_NODE ? n->parent :
			    NULL;
		if (n != NULL)
			n = n->next;
	}
	return -1;
}

static const char *
S_skip_to(const char *p, const char *end, const char *close)
{
	size_t n = strlen(close);

	for (; p + n <= end; p++)
		if (memcmp(p, close, n) == 0)
			return p + n;
	return end;
}

static int
S_name_at(const char *p, const char *end, const char *name, size_t n)
{
	return (size_t)(end - p) > n && memcmp(p, name, n) == 0 &&
	    strchr(" \t\r\n/>=", p[n]) != NULL;
}

/* The source text, read from the file the first time it is wanted. */
static int
S_load_src(S_vstate *v)
{
	if (v->src == NULL && !v->src_tried) {
		FILE *fp = fopen(v->file, "rb");
		long sz;

		v->src_tried = 1;
		if (fp != NULL && fseek(fp, 0, SEEK_END) == 0 &&
		    (sz = ftell(fp)) > 0 && fseek(fp, 0, SEEK_SET) == 0 &&
		    (v->owned_src = malloc((size_t)sz)) != NULL) {
			v->srclen = fread(v->owned_src, 1, (size_t)sz, fp);
			v->src = v->owned_src;
		}
		if (fp != NULL)
			fclose(fp);
	}
	return v->src != NULL;
}

static void
S_locate(S_vstate *v, xmlNodePtr node, const char *attr, int *line,
    int *col)
{
	xmlNodePtr elem = node;
	const char *p, *end, *at = NULL;
	char qname[512];
	size_t n;
	long want, k = 0;
	int l = 1, c;

	if (node == NULL || v->doc == NULL)
		return;
	if (node->type == XML_ATTRIBUTE_NODE)
		elem = node->parent;
	if (elem == NULL || elem->type != XML_ELEMENT_NODE ||
	    elem->doc != v->doc)
		return;
	if (!S_load_src(v))
		return;
	if (elem->ns != NULL && elem->ns->prefix != NULL)
		snprintf(qname, sizeof qname, "%s:%s",
		    (const char *)elem->ns->prefix, (const char *)elem->name);
	else
		snprintf(qname, sizeof qname, "%s", (const char *)elem->name);
	n = strlen(qname);
	want = S_index_of(v->doc, elem);
	if (want < 0)
		return;
	end = v->src + v->srclen;
	for (p = v->src; p < end && at == NULL; p++) {
		if (*p != '<')
			continue;
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
			p = S_skip_to(p + 4, end, "-->") - 1;
		else if (end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
			p = S_skip_to(p + 9, end, "]]>") - 1;
		else if (end - p >= 2 && p[1] == '?')
			p = S_skip_to(p + 2, end, "?>") - 1;
		else if (end - p >= 2 && (p[1] == '!' || p[1] == '/'))
			p = S_skip_to(p + 2, end, ">") - 1;
		else if (S_name_at(p + 1, end, qname, n) && k++ == want)
			at = p;
	}
	if (at == NULL)
		return;
	if (node->type == XML_ATTRIBUTE_NODE || attr != NULL) {
		char aname[512];
		const char *a;

		if (attr != NULL)
			snprintf(aname, sizeof aname, "%s", attr);
		else if (node->ns != NULL && node->ns->prefix != NULL)
			snprintf(aname, sizeof aname, "%s:%s",
			    (const char *)node->ns->prefix,
			    (const char *)node->name);
		else
			snprintf(aname, sizeof aname, "%s",
			    (const char *)node->name);
		if ((a = qr_xml_attr_in_tag(at, end, aname)) != NULL)
			at = a;
	}
	for (p = v->src; p < at; p++)
		if (*p == '\n')
			l++;
	c = qr_xml_column_of(v->src, at);
	/* Trust the search only if it lands where libxml2 put the node
	 * (its line is where the start tag ends). */
	if (*line > 0 && (l > *line || *line - l > 100))
		return;
	*line = l;
	*col = c;
}

/* The column of the root element's start tag, from the file's text. */
static int
S_root_column(xmlDocPtr doc, const char *file, int *line)
{
	S_vstate v;
	int col = 0;

	memset(&v, 0, sizeof v);
	v.doc = doc;
	v.file = file;
	S_locate(&v, xmlDocGetRootElement(doc), NULL, line, &col);
	free(v.owned_src);
	return col;
}

/* libxml2 names elements "{urn:quire:report:1}update"; in the document's
 * own namespace the bare name reads better ("update"). Other namespaces
 * stay qualified, so a stray element still says where it is from. */
static void
S_unqualify(xmlDocPtr doc, const char *in, char *out, size_t size)
{
	xmlNodePtr root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	char ns[512];
	size_t n, o = 0;

	if (root == NULL || root->ns == NULL || root->ns->href == NULL ||
	    (size_t)snprintf(ns, sizeof ns, "{%s}",
	    (const char *)root->ns->href) >= sizeof ns) {
		snprintf(out, size, "%s", in);
		return;
	}
	n = strlen(ns);
	while (*in != '\0' && o + 1 < size) {
		if (strncmp(in, ns, n) == 0) {
			in += n;
			continue;
		}
		out[o++] = *in++;
	}
	out[o] = '\0';
}

static void
S_schema_error(void *data, xmlErrorPtr e)
{
	S_vstate *v = data;

	if (e == NULL)
		return;
	if (e->level != XML_ERR_WARNING)
		v->errors++;
	if (++v->nmsg > S_MAX_SCHEMA_MESSAGES) {
		if (v->nmsg == S_MAX_SCHEMA_MESSAGES + 1)
			qr_diag(v->q, QD_NOTE, v->file, 0, 0,
			    "further schema messages suppressed");
		return;
	}
	/* While compiling a schema the file is the schema's own (xs:include
	 * targets differ from the top one); while validating, ours. */
	if (v->code == QD_SCHEMA) {
		int line = e->line, col = 0;
		char attr[256], msg[1024];
		const char *a = e->message != NULL ?
		    strstr(e->message, ", attribute '") : NULL;

		/* Attribute errors name the element's node; the message
		 * names the attribute ("{ns}name" when qualified, which
		 * the search cannot match: then the tag's column stays). */
		attr[0] = '\0';
		if (a != NULL) {
			size_t n;

			a += strlen(", attribute '");
			n = strcspn(a, "'");
			if (n < sizeof attr && a[0] != '{') {
				memcpy(attr, a, n);
				attr[n] = '\0';
			}
		}
		if (e->node != NULL)
			S_locate(v, e->node, attr[0] != '\0' ? attr : NULL,
			    &line, &col);
		a = e->message != NULL ? strstr(e->message, "Element '") :
		    NULL;
		if (col == 0 && a != NULL) {
			char local[256];
			size_t n;

			a += strlen("Element '");
			if (*a == '{' && strchr(a, '}') != NULL)
				a = strchr(a, '}') + 1;
			n = strcspn(a, "'");
			if (n < sizeof local) {
				memcpy(local, a, n);
				local[n] = '\0';
				if (S_load_src(v))
					col = qr_xml_tag_column(v->src,
					    v->srclen, line, local,
					    attr[0] != '\0' ? attr : NULL);
			}
		}
		S_unqualify(v->doc, e->message != NULL ? e->message :
		    "invalid", msg, sizeof msg);
		qr_diag(v->q, e->level == XML_ERR_WARNING ? QD_XML_WARNING :
		    QD_SCHEMA, v->file, line, col, "%s", msg);
		return;
	}
	qr_xml_report(v->q, e, v->code, QD__COUNT,
	    v->code == QD_SCHEMA_LOAD ? NULL : v->file);
}

static void
S_schema_generic(void *data, const char *fmt, ...)
{
	S_vstate *v = data;
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (buf[0] != '\0' && strcmp(buf, "\n") != 0) {
		v->errors++;
		qr_diag(v->q, v->code, v->file, 0, 0, "%s", buf);
	}
}

static xmlSchemaPtr
S_schema(quire *q, const char *path)
{
	xmlSchemaPtr schema = S_cache_get(path, 0);
	xmlSchemaParserCtxtPtr pctxt;
	S_vstate v;
	qr_load_scope saved;
	xmlStructuredErrorFunc old_serror = xmlStructuredError;
	void *old_sctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc old_generic = xmlGenericError;
	void *old_gctx = xmlGenericErrorContext;
	FILE *fp;

	if (schema != NULL)
		return schema;
	fp = fopen(path, "rb");
	if (fp == NULL) {
		qr_diag(q, QD_SCHEMA_LOAD, path, 0, 0,
		    "cannot read the schema named by the catalogue");
		return NULL;
	}
	fclose(fp);
	memset(&v, 0, sizeof v);
	v.q = q;
	v.file = path;
	v.code = QD_SCHEMA_LOAD;
	qr_xml_loader_push(q, path, QR_LOAD_LOCAL_SCHEMAS, &saved);
	xmlSetStructuredErrorFunc(&v, S_schema_error);
	xmlSetGenericErrorFunc(&v, S_schema_generic);
	pctxt = xmlSchemaNewParserCtxt(path);
	if (pctxt != NULL) {
		xmlSchemaSetParserStructuredErrors(pctxt, S_schema_error, &v);
		schema = xmlSchemaParse(pctxt);
		xmlSchemaFreeParserCtxt(pctxt);
	}
	xmlSetStructuredErrorFunc(old_sctx, old_serror);
	xmlSetGenericErrorFunc(old_gctx, old_generic);
	qr_xml_loader_pop(&saved);
	if (schema != NULL && v.errors > 0) {
		xmlSchemaFree(schema);
		schema = NULL;
	}
	if (schema == NULL) {
		qr_diag(q, QD_SCHEMA_LOAD, path, 0, 0,
		    "the schema could not be compiled");
		return NULL;
	}
	if (!S_cache_put(path, 0, schema)) {
		qr_diag(q, QD_NOMEM, path, 0, 0, "out of memory");
		return NULL;
	}
	return schema;
}

int
qr_front_validate_doc(quire *q, xmlDocPtr doc, const char *file,
    qr_doc_kind *kind)
{
	return qr_front_validate_src(q, doc, file, NULL, 0, kind);
}

int
qr_front_validate_src(quire *q, xmlDocPtr doc, const char *file,
    const char *src, size_t srclen, qr_doc_kind *kind)
{
	qr_doc_kind k;
	xmlSchemaPtr schema;
	xmlSchemaValidCtxtPtr vctxt;
	S_vstate v;
	qr_load_scope saved;
	int rc, r;
	xmlStructuredErrorFunc old_serror = xmlStructuredError;
	void *old_sctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc old_generic = xmlGenericError;
	void *old_gctx = xmlGenericErrorContext;

	if (kind != NULL)
		memset(kind, 0, sizeof *kind);
	qr_xml_init();
	rc = qr_front_kind(q, doc, file, &k);
	if (rc != QUIRE_OK)
		return rc;
	if (k.schema == NULL) {
		qr_diag(q, QD_SCHEMA_LOAD, file, 0, 0,
		    "the catalogue names no schema for '%s' documents",
		    k.name);
		qr_doc_kind_clear(&k);
		return QUIRE_IOERR;
	}
	schema = S_schema(q, k.schema);
	if (schema == NULL) {
		qr_doc_kind_clear(&k);
		return QUIRE_IOERR;
	}
	vctxt = xmlSchemaNewValidCtxt(schema);
	if (vctxt == NULL) {
		qr_diag(q, QD_NOMEM, file, 0, 0, "out of memory");
		qr_doc_kind_clear(&k);
		return QUIRE_IOERR;
	}
	memset(&v, 0, sizeof v);
	v.q = q;
	v.file = file;
	v.code = QD_SCHEMA;
	v.doc = doc;
	v.src = src;
	v.srclen = srclen;
	xmlSchemaSetValidStructuredErrors(vctxt, S_schema_error, &v);
	xmlSetStructuredErrorFunc(&v, S_schema_error);
	xmlSetGenericErrorFunc(&v, S_schema_generic);
	qr_xml_loader_push(q, file, QR_LOAD_NOTHING, &saved);
	r = xmlSchemaValidateDoc(vctxt, doc);
	qr_xml_loader_pop(&saved);
	xmlSetStructuredErrorFunc(old_sctx, old_serror);
	xmlSetGenericErrorFunc(old_gctx, old_generic);
	xmlSchemaFreeValidCtxt(vctxt);
	free(v.owned_src);
	if (r < 0) {
		qr_diag(q, QD_INTERNAL, file, 0, 0,
		    "the schema validator failed internally");
		rc = QUIRE_IOERR;
	} else if (r > 0 || v.errors > 0) {
		rc = QUIRE_INVALID;
	} else {
		rc = QUIRE_OK;
	}
	if (kind != NULL && rc != QUIRE_IOERR)
		*kind = k;
	else
		qr_doc_kind_clear(&k);
	return rc;
}

/* ------------------------------------------------------------------ */
/* XSLT. */

/* The state of one stylesheet compilation or transformation. libxslt
 * reports an error as two printf-style calls, a context line ("runtime
 * error: file F line N element E") then the message; xsl:message text
 * arrives through the same channel with no context line. */
typedef struct S_xstate {
	quire *q;
	const char *file;       /* the document (or stylesheet) in hand */
	xsltTransformContextPtr tctxt;
	char buf[2048];
	size_t len;
	char loc_file[1024];
	int loc_line;
	int have_loc;
	int errors;
	int security;           /* a security check refused something */
	char xpath[1024];       /* an XPath error waiting for its context */
	/* While compiling, libxslt reports warnings and errors alike; the
	 * messages wait here until style->errors says which they were. */
	int holding;
	struct S_held {
		qr_code code;
		int line;
		char *file, *msg;
	} *held;
	size_t nheld;
	int terminated;
} S_xstate;

static _Thread_local S_xstate *S_xcur;
static int S_xslt_inited;
static xsltDocLoaderFunc S_prev_xslt_loader; /* libxslt's, for others */

static int
S_is_xsl(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href,
	    (const char *)XSLT_NAMESPACE) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

/* Report, or hold while compiling (see S_xstate.holding). */
static void
S_say(S_xstate *x, qr_code code, const char *file, int line, const char *msg)
{
	struct S_held *h;

	if (!x->holding) {
		qr_diag(x->q, code, file, line, 0, "%s", msg);
		return;
	}
	h = realloc(x->held, (x->nheld + 1) * sizeof *h);
	if (h == NULL) {
		qr_diag(x->q, code, file, line, 0, "%s", msg);
		return;
	}
	x->held = h;
	h += x->nheld;
	h->code = code;
	h->line = line;
	h->file = strdup(file != NULL ? file : "");
	h->msg = strdup(msg);
	if (h->file == NULL || h->msg == NULL) {
		free(h->file);
		free(h->msg);
		qr_diag(x->q, code, file, line, 0, "%s", msg);
		return;
	}
	x->nheld++;
}

/* Emit held messages: as errors if the compilation failed, else as the
 * warnings libxslt counted them. */
static void
S_release(S_xstate *x, int failed)
{
	size_t i;

	for (i = 0; i < x->nheld; i++) {
		struct S_held *h = &x->held[i];
		qr_code code = h->code;

		if (!failed && code == QD_XSLT)
			code = QD_XSLT_WARNING;
		qr_diag(x->q, code, h->file[0] != '\0' ? h->file : NULL,
		    h->line, 0, "%s", h->msg);
		free(h->file);
		free(h->msg);
	}
	free(x->held);
	x->held = NULL;
	x->nheld = 0;
	x->holding = 0;
}

/* Where the transformation is: the current stylesheet instruction. */
static void
S_inst_where(S_xstate *x, const char **file, int *line)
{
	xmlNodePtr inst = x->tctxt != NULL ? x->tctxt->inst : NULL;

	*file = x->file;
	*line = 0;
	if (inst != NULL && inst->doc != NULL && inst->doc->URL != NULL) {
		*file = (const char *)inst->doc->URL;
		*line = (int)xmlGetLineNo(inst);
	}
}

/* xsl:message conventions: "pack.xsl: error: text" is an error reading
 * "text" (the diagnostic names the stylesheet file and line anyway);
 * "warning: " and "note: " likewise; anything else is a note, kept
 * whole. A terminating message is always QD_XSLT_TERMINATE. */
static qr_code
S_message_code(const char **text, int terminate)
{
	static const struct {
		const char *word;
		qr_code code;
	} sev[] = {
		{"error: ", QD_XSLT},
		{"warning: ", QD_XSLT_WARNING},
		{"note: ", QD_XSLT_MESSAGE}
	};
	const char *t = *text, *c = strstr(t, ": ");
	size_t i;

	if (c != NULL && c - t > 4 && memchr(t, ' ', (size_t)(c - t)) == NULL &&
	    strncmp(c - 4, ".xsl", 4) == 0)
		t = c + 2;
	for (i = 0; i < sizeof sev / sizeof sev[0]; i++) {
		size_t n = strlen(sev[i].word);

		if (strncmp(t, sev[i].word, n) == 0) {
			*text = t + n;
			return terminate ? QD_XSLT_TERMINATE : sev[i].code;
		}
	}
	if (terminate) {
		*text = t;
		return QD_XSLT_TERMINATE;
	}
	return QD_XSLT_MESSAGE;
}

static void
S_xsl_message(S_xstate *x, const char *text)
{
	xmlNodePtr inst = x->tctxt->inst;
	xmlChar *term = xmlGetNoNsProp(inst, BAD_CAST "terminate");
	int terminate = term != NULL &&
	    strcmp((const char *)term, "yes") == 0;
	char msg[2048];
	char *c;
	const char *t;
	const char *f;
	int line;
	qr_code code;

	xmlFree(term);
	snprintf(msg, sizeof msg, "%s", text);
	for (c = msg; *c != '\0'; c++)
		if (*c == '\n' || *c == '\r' || *c == '\t')
			*c = ' ';
	t = msg;
	while (*t == ' ')
		t++;
	code = S_message_code(&t, terminate);
	S_inst_where(x, &f, &line);
	if (terminate) {
		x->terminated = 1;
		x->errors++;
	} else if (qr_code_severity(code) == QUIRE_ERROR) {
		x->errors++;
	}
	qr_diag(x->q, code, f, line, 0, "%s%s", t,
	    terminate ? " (the stylesheet stopped)" : "");
}

/* One complete line from libxslt's error channel. */
static void
S_xslt_line(S_xstate *x, char *line)
{
	static const char *const kinds[] = {
		"runtime error", "compilation error", "error", NULL
	};
	const char *f;
	int ln, i;
	qr_code code = QD_XSLT;

	for (i = 0; kinds[i] != NULL; i++) {
		size_t n = strlen(kinds[i]);

		if (strncmp(line, kinds[i], n) == 0 &&
		    (line[n] == '\0' || line[n] == ':')) {
			char *p = line + n, *lp;

			x->have_loc = 1;
			x->loc_line = 0;
			snprintf(x->loc_file, sizeof x->loc_file, "%s",
			    x->file != NULL ? x->file : "");
			if (strncmp(p, ": file ", 7) == 0) {
				p += 7;
				lp = strstr(p, " line ");
				if (lp == NULL)
					lp = strstr(p, " element ");
				if (lp != NULL)
					*lp = '\0';
				snprintf(x->loc_file, sizeof x->loc_file,
				    "%s", p);
				if (lp != NULL &&
				    strncmp(lp + 1, "line ", 5) == 0)
					x->loc_line = atoi(lp + 6);
			}
			return;
		}
	}
	if (line[0] == '\0')
		return;
	/* libxslt follows a recursion error with its template and
	 * variable stacks, thousands of lines of no use to an officer. */
	if (line[0] == '#' || strncmp(line, "Templates:", 10) == 0 ||
	    strncmp(line, "Variables:", 10) == 0 ||
	    strncmp(line, "You can adjust", 14) == 0 ||
	    strncmp(line, "        ", 8) == 0)
		return;
	if (x->security && (strstr(line, "refused") != NULL ||
	    strstr(line, "denied") != NULL ||
	    strstr(line, "forbidden") != NULL ||
	    strstr(line, "failed to create") != NULL)) {
		/* Our security check already said what and where. */
		x->have_loc = 0;
		x->errors++;
		return;
	}
	if (strncasecmp(line, "warning", 7) == 0 ||
	    strstr(line, " warning") != NULL)
		code = QD_XSLT_WARNING;
	if (x->have_loc) {
		f = x->loc_file;
		ln = x->loc_line;
	} else {
		S_inst_where(x, &f, &ln);
	}
	if (code == QD_XSLT)
		x->errors++;
	if (x->xpath[0] != '\0') {
		char both[3072];

		snprintf(both, sizeof both, "%s (%s)", line, x->xpath);
		S_say(x, code, f, ln, both);
		x->xpath[0] = '\0';
	} else {
		S_say(x, code, f, ln, line);
	}
	x->have_loc = 0;
}

static void
S_xslt_error(void *ctx, const char *fmt, ...)
{
	S_xstate *x = ctx;
	char piece[2048];
	va_list ap;
	char *nl;

	if (x == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(piece, sizeof piece, fmt, ap);
	va_end(ap);
	/* xsl:message: one call carries the whole text (and maybe a second
	 * call a lone newline). */
	if (x->len == 0 && !x->have_loc && x->tctxt != NULL &&
	    S_is_xsl(x->tctxt->inst, "message") &&
	    strncmp(piece, "runtime error", 13) != 0) {
		if (strcmp(piece, "\n") != 0)
			S_xsl_message(x, piece);
		return;
	}
	snprintf(x->buf + x->len, sizeof x->buf - x->len, "%s", piece);
	x->len = strlen(x->buf);
	while ((nl = strchr(x->buf, '\n')) != NULL ||
	    x->len >= sizeof x->buf - 1) {
		size_t n = nl != NULL ? (size_t)(nl - x->buf) : x->len;

		x->buf[n] = '\0';
		S_xslt_line(x, x->buf);
		if (nl == NULL) {
			x->len = 0;
			x->buf[0] = '\0';
			break;
		}
		memmove(x->buf, nl + 1, x->len - n);
		x->len -= n + 1;
	}
}

static void
S_xpath_flush(S_xstate *x)
{
	const char *f;
	int line;

	if (x->xpath[0] == '\0')
		return;
	S_inst_where(x, &f, &line);
	S_say(x, QD_XSLT, f, line, x->xpath);
	x->xpath[0] = '\0';
}

static void
S_xslt_flush(S_xstate *x)
{
	if (x->len > 0) {
		x->buf[x->len] = '\0';
		S_xslt_line(x, x->buf);
		x->len = 0;
		x->buf[0] = '\0';
	}
	S_xpath_flush(x);
}

/* libxml2 errors during XSLT (XPath syntax, serialisation). */
static void
S_xslt_structured(void *ctx, xmlErrorPtr e)
{
	S_xstate *x = ctx;
	const char *f;
	int line;

	if (x == NULL || e == NULL)
		return;
	S_inst_where(x, &f, &line);
	if (e->domain == XML_FROM_XPATH && e->level != XML_ERR_WARNING) {
		char msg[512];

		/* libxslt follows with its own message naming the
		 * instruction and line; keep this to add to it. */
		S_xpath_flush(x);
		snprintf(msg, sizeof msg, "%s", e->message != NULL ?
		    e->message : "XPath error");
		msg[strcspn(msg, "\n")] = '\0';
		x->errors++;
		if (e->str1 != NULL)
			snprintf(x->xpath, sizeof x->xpath,
			    "XPath: %s in \"%s\"", msg, e->str1);
		else
			snprintf(x->xpath, sizeof x->xpath, "XPath: %s", msg);
		return;
	}
	if (e->level != XML_ERR_WARNING)
		x->errors++;
	qr_xml_report(x->q, e, QD_XSLT, QD_XSLT_WARNING,
	    e->file != NULL ? NULL : f);
}

/* Security: what a stylesheet may do. */
static int
S_sec_report(xsltTransformContextPtr ctxt, const char *what,
    const char *value)
{
	S_xstate *x = S_xcur;
	const char *f = NULL;
	int line = 0;

	if (x == NULL)
		return 0;
	x->security = 1;
	x->errors++;
	if (ctxt != NULL && ctxt->inst != NULL && ctxt->inst->doc != NULL) {
		f = (const char *)ctxt->inst->doc->URL;
		line = (int)xmlGetLineNo(ctxt->inst);
	} else {
		f = x->file;
	}
	qr_diag(x->q, QD_XSLT_SECURITY, f, line, 0,
	    "the stylesheet tried to %s '%s': stylesheets may not write "
	    "files, create folders or use the network, and may read only "
	    "local files", what, value != NULL ? value : "");
	return 0;
}

static int
S_sec_write_file(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	(void)sec;
	return S_sec_report(ctxt, "write the file", value);
}

static int
S_sec_create_dir(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	(void)sec;
	return S_sec_report(ctxt, "create the folder", value);
}

static int
S_sec_write_net(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	(void)sec;
	return S_sec_report(ctxt, "write to the network address", value);
}

static int
S_sec_read_net(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	(void)sec;
	return S_sec_report(ctxt, "read the network address", value);
}

static int
S_sec_read_file(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	(void)sec;
	if (qr_xml_url_is_local(value))
		return 1;
	return S_sec_report(ctxt, "read", value);
}

static xsltSecurityPrefsPtr
S_sec_prefs(void)
{
	xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();

	if (sec == NULL)
		return NULL;
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, S_sec_write_file);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY,
	    S_sec_create_dir);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, S_sec_write_net);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, S_sec_read_net);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, S_sec_read_file);
	return sec;
}

/* The loader libxslt uses for xsl:import, xsl:include and document():
 * local files only, through the safe reader. */
static xmlDocPtr
S_xslt_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
    xsltLoadType type)
{
	S_xstate *x = S_xcur;
	quire *q = x != NULL ? x->q : NULL;
	xmlURIPtr u;
	char *path = NULL;
	xmlDocPtr doc = NULL;

	(void)ctxt;
	(void)type;
	if (q == NULL)
		/* Not one of ours: the embedding program's own stylesheet,
		 * loaded as libxslt would. */
		return S_prev_xslt_loader(uri, dict, options, ctxt, type);
	if (uri == NULL || !qr_xml_url_is_local((const char *)uri)) {
		S_sec_report(x->tctxt, "read", (const char *)uri);
		return NULL;
	}
	u = xmlParseURI((const char *)uri);
	if (u != NULL && u->path != NULL && (u->scheme == NULL ||
	    strcasecmp(u->scheme, "file") == 0))
		path = strdup(u->path);
	else if (u == NULL)
		path = strdup((const char *)uri); /* a plain path */
	xmlFreeURI(u);
	if (path == NULL) {
		S_sec_report(x->tctxt, "read", (const char *)uri);
		return NULL;
	}
	doc = qr_xml_read_file_dict(q, path,
	    options & XML_PARSE_NOCDATA ? QR_XML_NOCDATA : 0, dict);
	if (doc == NULL)
		x->errors++;
	free(path);
	return doc;
}

static void
S_xslt_init(void)
{
	if (S_xslt_inited)
		return;
	S_xslt_inited = 1;
	qr_xml_init();
	exsltRegisterAll();
	S_prev_xslt_loader = xsltDocDefaultLoader;
	xsltSetLoaderFunc(S_xslt_loader);
}

/* Route every libxml2/libxslt channel to x while it is the current
 * state; restores the previous routing on end. */
typedef struct S_route {
	xmlStructuredErrorFunc serror;
	void *sctx;
	xmlGenericErrorFunc generic;
	void *gctx;
	xmlGenericErrorFunc xgeneric;
	void *xgctx;
	S_xstate *prev;
	qr_load_scope scope;
} S_route;

static void
S_route_begin(S_xstate *x, S_route *r)
{
	r->serror = xmlStructuredError;
	r->sctx = xmlStructuredErrorContext;
	r->generic = xmlGenericError;
	r->gctx = xmlGenericErrorContext;
	r->xgeneric = xsltGenericError;
	r->xgctx = xsltGenericErrorContext;
	r->prev = S_xcur;
	S_xcur = x;
	/* Nothing is loaded but through the readers, which refuse. */
	qr_xml_loader_push(x->q, x->file, QR_LOAD_NOTHING, &r->scope);
	xmlSetStructuredErrorFunc(x, S_xslt_structured);
	xmlSetGenericErrorFunc(x, S_xslt_error);
	xsltSetGenericErrorFunc(x, S_xslt_error);
}

static void
S_route_end(S_xstate *x, S_route *r)
{
	S_xslt_flush(x);
	xmlSetStructuredErrorFunc(r->sctx, r->serror);
	xmlSetGenericErrorFunc(r->gctx, r->generic);
	xsltSetGenericErrorFunc(r->xgctx, r->xgeneric);
	qr_xml_loader_pop(&r->scope);
	S_xcur = r->prev;
}

static xsltStylesheetPtr
S_stylesheet(quire *q, const char *path)
{
	xsltStylesheetPtr style = S_cache_get(path, 1);
	xmlDocPtr doc;
	S_xstate x;
	S_route r;

	if (style != NULL)
		return style;
	S_xslt_init();
	memset(&x, 0, sizeof x);
	x.q = q;
	x.file = path;
	x.holding = 1;
	S_route_begin(&x, &r);
	doc = qr_xml_read_file(q, path, QR_XML_NOCDATA);
	if (doc != NULL) {
		style = xsltParseStylesheetDoc(doc);
		if (style == NULL)
			xmlFreeDoc(doc); /* libxslt leaves it to us on failure */
	}
	S_route_end(&x, &r);
	/* libxslt's own count decides: its warnings read like errors. */
	S_release(&x, style == NULL || style->errors > 0 || x.security);
	if (style != NULL && (style->errors > 0 || x.security)) {
		xsltFreeStylesheet(style);
		style = NULL;
	}
	if (style == NULL) {
		qr_diag(q, QD_XSLT, path, 0, 0,
		    "the stylesheet could not be compiled");
		return NULL;
	}
	if (!S_cache_put(path, 1, style)) {
		qr_diag(q, QD_NOMEM, path, 0, 0, "out of memory");
		return NULL;
	}
	return style;
}

static int
S_param_in(const char *name, const qr_param *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i].name, name) == 0)
			return 1;
	return 0;
}

/* Whether the stylesheet or one it imports declares a global xsl:param
 * of that name (includes are compiled into the including sheet). */
static int
S_param_declared(xsltStylesheetPtr style, const char *name)
{
	xsltStylesheetPtr s;
	xsltStackElemPtr e;

	for (s = style; s != NULL; s = xsltNextImport(s))
		for (e = s->variables; e != NULL; e = e->next)
			if (e->comp != NULL && e->comp->type == XSLT_FUNC_PARAM &&
			    e->nameURI == NULL && e->name != NULL &&
			    strcmp((const char *)e->name, name) == 0)
				return 1;
	return 0;
}

static xmlDocPtr
S_transform(quire *q, xmlDocPtr doc, const char *file, const char *xsl_path,
    const qr_param *extra, size_t nextra, int *status,
    xsltStylesheetPtr *style_out)
{
	xsltStylesheetPtr style;
	xsltTransformContextPtr tctxt;
	xsltSecurityPrefsPtr sec;
	xmlDocPtr res = NULL;
	S_xstate x;
	S_route r;
	size_t i;
	int bad = 0;

	*status = QUIRE_IOERR;
	if (xsl_path == NULL) {
		qr_diag(q, QD_XSLT, file, 0, 0,
		    "the catalogue names no stylesheet for this document");
		return NULL;
	}
	style = S_stylesheet(q, xsl_path);
	if (style == NULL)
		return NULL;
	if (style_out != NULL)
		*style_out = style;
	/* A parameter no stylesheet declares changes nothing: most likely a
	 * misspelt name, which would otherwise pass in silence. */
	for (i = 0; i < q->nparams; i++)
		if (!S_param_in(q->params[i].name, extra, nextra) &&
		    !S_param_declared(style, q->params[i].name))
			qr_diag(q, QD_XSLT_WARNING, NULL, 0, 0,
			    "no stylesheet parameter is named '%s', so it "
			    "changes nothing: check the name in %s",
			    q->params[i].name, "stylesheets/common/params.xsl");
	tctxt = xsltNewTransformContext(style, doc);
	sec = S_sec_prefs();
	if (tctxt == NULL || sec == NULL ||
	    xsltSetCtxtSecurityPrefs(sec, tctxt) != 0) {
		qr_diag(q, QD_NOMEM, file, 0, 0, "out of memory");
		if (tctxt != NULL)
			xsltFreeTransformContext(tctxt);
		if (sec != NULL)
			xsltFreeSecurityPrefs(sec);
		return NULL;
	}
	memset(&x, 0, sizeof x);
	x.q = q;
	x.file = file;
	x.tctxt = tctxt;
	S_route_begin(&x, &r);
	xsltSetTransformErrorFunc(tctxt, &x, S_xslt_error);
	/* Values go in as XPath string literals, never as expressions:
	 * a value holding quotes cannot inject XPath. */
	for (i = 0; i < q->nparams && !bad; i++)
		if (!S_param_in(q->params[i].name, extra, nextra) &&
		    xsltQuoteOneUserParam(tctxt,
		    BAD_CAST q->params[i].name,
		    BAD_CAST q->params[i].value) != 0)
			bad = 1;
	for (i = 0; i < nextra && !bad; i++)
		if (xsltQuoteOneUserParam(tctxt, BAD_CAST extra[i].name,
		    BAD_CAST extra[i].value) != 0)
			bad = 1;
	if (!bad)
		res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL,
		    tctxt);
	S_route_end(&x, &r);
	if (bad || res == NULL || tctxt->state != XSLT_STATE_OK ||
	    x.errors > 0) {
		if (res != NULL)
			xmlFreeDoc(res);
		res = NULL;
		if (x.errors == 0)
			qr_diag(q, QD_XSLT, file, 0, 0,
			    "the transformation failed");
		*status = QUIRE_INVALID;
	} else {
		*status = QUIRE_OK;
	}
	xsltFreeTransformContext(tctxt);
	xsltFreeSecurityPrefs(sec);
	return res;
}

xmlDocPtr
qr_front_transform_doc(quire *q, xmlDocPtr doc, const char *file,
    const char *xsl_path, const qr_param *extra, size_t nextra, int *status)
{
	int st;
	xmlDocPtr res = S_transform(q, doc, file, xsl_path, extra, nextra,
	    &st, NULL);

	if (status != NULL)
		*status = st;
	return res;
}

int
qr_front_transform_buffer(quire *q, xmlDocPtr doc, const char *file,
    const char *xsl_path, const qr_param *extra, size_t nextra,
    char **out, size_t *out_len)
{
	xsltStylesheetPtr style = NULL;
	xmlDocPtr res;
	xmlChar *buf = NULL;
	int len = 0, st;

	*out = NULL;
	*out_len = 0;
	res = S_transform(q, doc, file, xsl_path, extra, nextra, &st, &style);
	if (res == NULL)
		return st;
	if (xsltSaveResultToString(&buf, &len, res, style) != 0 ||
	    len < 0) {
		xmlFreeDoc(res);
		xmlFree(buf);
		qr_diag(q, QD_XSLT, file, 0, 0,
		    "the transformation result could not be serialised");
		return QUIRE_IOERR;
	}
	xmlFreeDoc(res);
	/* The caller frees with free(), which xmlFree need not be. */
	*out = malloc((size_t)len + 1);
	if (*out == NULL) {
		xmlFree(buf);
		qr_diag(q, QD_NOMEM, file, 0, 0, "out of memory");
		return QUIRE_IOERR;
	}
	if (len > 0)
		memcpy(*out, buf, (size_t)len);
	(*out)[len] = '\0';
	*out_len = (size_t)len;
	xmlFree(buf);
	return QUIRE_OK;
}

int
qr_front_save(quire *q, xmlDocPtr res, xsltStylesheetPtr style, FILE *fp,
    const char *out_name)
{
	const xmlChar *encoding = NULL;
	xmlCharEncodingHandlerPtr enc = NULL;
	xmlOutputBufferPtr ob;
	int w;

	XSLT_GET_IMPORT_PTR(encoding, style, encoding)
	if (encoding != NULL) {
		enc = xmlFindCharEncodingHandler((const char *)encoding);
		if (enc != NULL && xmlStrcasecmp(BAD_CAST enc->name,
		    BAD_CAST "UTF-8") == 0)
			enc = NULL;
	}
	ob = xmlOutputBufferCreateFile(fp, enc);
	if (ob == NULL) {
		qr_diag(q, QD_NOMEM, out_name, 0, 0, "out of memory");
		return QUIRE_IOERR;
	}
	w = xsltSaveResultTo(ob, res, style);
	if (xmlOutputBufferClose(ob) < 0 || w < 0) {
		qr_diag(q, QD_IO, out_name, 0, 0, "writing the FO failed");
		return QUIRE_IOERR;
	}
	return QUIRE_OK;
}

xmlDocPtr
qr_front_transform_style(quire *q, xmlDocPtr doc, const char *file,
    const char *xsl_path, int *status, xsltStylesheetPtr *style)
{
	return S_transform(q, doc, file, xsl_path, NULL, 0, status, style);
}

xmlDocPtr
qr_front_pack(quire *q, xmlDocPtr agenda, const char *file,
    const qr_param *extra, size_t nextra, int *status)
{
	qr_doc_kind k;
	int st;
	xmlDocPtr res = NULL;

	st = qr_front_kind(q, agenda, file, &k);
	if (st == QUIRE_OK) {
		if (k.pack_stylesheet == NULL) {
			qr_diag(q, QD_XSLT, file, 0, 0,
			    "'%s' documents have no pack-stylesheet in the "
			    "catalogue: a pack is built from an agenda",
			    k.name);
			st = QUIRE_INVALID;
		} else {
			res = S_transform(q, agenda, file, k.pack_stylesheet,
			    extra, nextra, &st, NULL);
		}
		qr_doc_kind_clear(&k);
	}
	if (status != NULL)
		*status = st;
	return res;
}
