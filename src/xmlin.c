/* xmlin.c: the safe XML reader every stage uses, and the process-wide
 * external entity loader that keeps libxml2 off the network and away from
 * external entities. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlIO.h>

#include "xmlin.h"

/* Parse options: never the network, keep big line numbers; NOENT is
 * deliberately absent (entities are not substituted), DTDLOAD and
 * DTDATTR absent (no DTD is read), HUGE absent (libxml2's own limits on
 * depth, text size and entity amplification stay on). */
#define S_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)

/* Stop reporting after this many messages from one parse: a binary file
 * fed as XML would otherwise produce a wall of noise. */
#define S_MAX_MESSAGES 20

/* The state of one parse, reachable from the parser context's _private. */
typedef struct S_parse {
	quire *q;
	const char *name;
	const char *src;   /* the text being parsed, for notes' columns */
	size_t srclen;
	int flags;
	int depth;
	int failed;   /* an error was reported or the parse was stopped */
	int nmsg;
	int doctype_line, doctype_col;
	char generic[512]; /* libxml2's unstructured messages, per line */
	size_t glen;
} S_parse;

static _Thread_local qr_load_scope S_scope; /* loader policy, per thread */
static _Thread_local S_parse *S_current;    /* the parse under way */
static xmlExternalEntityLoader S_default_loader;
static int S_inited;

int
qr_xml_url_is_local(const char *url)
{
	const char *p;

	if (url == NULL || *url == '\0')
		return 0;
	/* A scheme is letters, digits, + - . before a colon. */
	for (p = url; *p != '\0'; p++) {
		if (*p == ':')
			break;
		if (*p == '/' || *p == '\\' || *p == '?' || *p == '#')
			return 1; /* a relative or absolute path */
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (p > url && ((*p >= '0' && *p <= '9') || *p == '+' ||
		    *p == '-' || *p == '.'))))
			return 1;
	}
	if (*p != ':')
		return 1; /* no scheme at all */
	if (p - url != 4 || strncasecmp(url, "file", 4) != 0)
		return 0;
	/* file:/path, file:///path or file://localhost/path */
	p++;
	if (strncmp(p, "//", 2) != 0)
		return 1;
	p += 2;
	return *p == '/' || strncmp(p, "localhost/", 10) == 0;
}

static void
S_refuse(const char *url, const char *what)
{
	quire *q = S_current != NULL ? S_current->q : S_scope.q;
	const char *file = S_current != NULL ? S_current->name : S_scope.file;
	int line = 0, col = 0;

	if (S_current != NULL)
		S_current->failed = 1;
	if (q == NULL)
		return;
	qr_diag(q, QD_XML_ENTITY, file, line, col,
	    "refused to load '%s': %s", url != NULL ? url : "(no address)",
	    what);
}

/* The one loader libxml2 uses for every external resource. */
static xmlParserInputPtr
S_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	size_t n;

	/* Outside quire's own calls, a program that embeds the library
	 * still reads its own local files (a document, a stylesheet):
	 * only the top-level file, never a DTD, an external entity or the
	 * network, which stay refused for the whole process. A DTD or a
	 * parameter entity loads into a parse under way (inputs open); an
	 * external general entity into a new parser labelled as a
	 * sub-parser (input_id above the first). */
	if (S_current == NULL && S_scope.q == NULL &&
	    S_scope.policy == QR_LOAD_NOTHING && ctxt != NULL &&
	    ctxt->inputNr == 0 && ctxt->input_id <= 1 &&
	    qr_xml_url_is_local(url))
		return S_default_loader(url, id, ctxt);
	if (S_current != NULL || S_scope.policy == QR_LOAD_NOTHING) {
		S_refuse(url, "external entities, external DTDs and other "
		    "external resources are never loaded");
		return NULL;
	}
	if (!qr_xml_url_is_local(url)) {
		S_refuse(url, "only local files may be read, never the network");
		return NULL;
	}
	n = url != NULL ? strlen(url) : 0;
	if (n < 4 || strcasecmp(url + n - 4, ".xsd") != 0) {
		S_refuse(url, "only schema files (.xsd) are loaded here");
		return NULL;
	}
	/* A load while a parse is already under way is an external DTD
	 * subset or parameter entity; top-level loads (schema includes)
	 * start with no input yet. */
	if (ctxt != NULL && ctxt->inputNr > 0) {
		S_refuse(url, "external DTDs and entities are never loaded");
		return NULL;
	}
	return S_default_loader(url, id, ctxt);
}

int
qr_input_readable(quire *q, const char *path)
{
	struct stat sb;
	FILE *fp;

	if (path == NULL) {
		qr_diag(q, QD_USAGE, NULL, 0, 0, "no input file given");
		return QUIRE_USAGE;
	}
	if (stat(path, &sb) != 0) {
		qr_diag(q, QD_IO, path, 0, 0, "cannot read: %s",
		    strerror(errno));
		return QUIRE_IOERR;
	}
	if (S_ISDIR(sb.st_mode)) {
		qr_diag(q, QD_IO, path, 0, 0,
		    "is a folder, not a document: name the file in it");
		return QUIRE_IOERR;
	}
	fp = fopen(path, "rb");
	if (fp == NULL) {
		qr_diag(q, QD_IO, path, 0, 0, "cannot read: %s",
		    strerror(errno));
		return QUIRE_IOERR;
	}
	fclose(fp);
	return QUIRE_OK;
}

void
qr_xml_init(void)
{
	if (S_inited)
		return;
	S_inited = 1;
	xmlInitParser();
	S_default_loader = xmlGetExternalEntityLoader();
	/* Ours decides first; the default it falls back to (local schema
	 * files only) still honours XML_PARSE_NONET as a second wall. */
	xmlSetExternalEntityLoader(S_loader);
}

void
qr_xml_loader_push(quire *q, const char *file, qr_load_policy p,
    qr_load_scope *saved)
{
	qr_xml_init();
	*saved = S_scope;
	S_scope.policy = p;
	S_scope.q = q;
	S_scope.file = file;
}

void
qr_xml_loader_pop(const qr_load_scope *saved)
{
	S_scope = *saved;
}

static int
S_is_entity_error(int code)
{
	switch (code) {
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
	case XML_ERR_ENTITY_LOOP:
	case XML_ERR_ENTITY_BOUNDARY:
	case XML_ERR_ENTITY_IS_EXTERNAL:
	case XML_ERR_ENTITY_IS_PARAMETER:
	case XML_ERR_UNPARSED_ENTITY:
	case XML_ERR_EXT_ENTITY_STANDALONE:
	case XML_ERR_ENTITYREF_SEMICOL_MISSING:
	case XML_ERR_ENTITY_NOT_STARTED:
	case XML_ERR_ENTITY_NOT_FINISHED:
	case XML_IO_LOAD_ERROR:
		return 1;
	default:
		return 0;
	}
}

void
qr_xml_report(quire *q, const xmlError *e, qr_code code, qr_code warn_code,
    const char *file)
{
	int line = e->line, col = 0;
	char msg[1024];
	char *c;

	/* libxml2 messages can span lines ("...!\nBytes: 0xFF"); one
	 * diagnostic is one line. */
	snprintf(msg, sizeof msg, "%s",
	    e->message != NULL ? e->message : "(no message)");
	for (c = msg; *c != '\0'; c++)
		if (*c == '\n' && c[1] != '\0')
			*c = ' ';

	if (e->domain == XML_FROM_PARSER || e->domain == XML_FROM_NAMESPACE ||
	    e->domain == XML_FROM_IO || e->domain == XML_FROM_I18N)
		col = e->int2;
	if (line <= 0 && e->node != NULL &&
	    ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE)
		line = (int)xmlGetLineNo((xmlNodePtr)e->node);
	if (file == NULL)
		file = e->file;
	if (e->level == XML_ERR_WARNING) {
		qr_diag(q, warn_code != QD__COUNT ? warn_code : QD_XML_WARNING,
		    file, line, col, "%s", msg);
		return;
	}
	if (S_is_entity_error(e->code) && code == QD_XML_SYNTAX)
		code = QD_XML_ENTITY;
	qr_diag(q, code, file, line, col, "%s", msg);
}

static int
S_name_at(const char *p, const char *end, const char *name, size_t n)
{
	return (size_t)(end - p) > n && memcmp(p, name, n) == 0 &&
	    strchr(" \t\r\n/>=", p[n]) != NULL;
}

int
qr_xml_column_of(const char *src, const char *p)
{
	const char *ls = p;
	int c = 1;

	while (ls > src && ls[-1] != '\n')
		ls--;
	if (ls == src && p - src >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0)
		ls += 3; /* a byte order mark is not a column */
	for (; ls < p; ls++)
		if (((unsigned char)*ls & 0xC0) != 0x80)
			c++;
	return c;
}

const char *
qr_xml_attr_in_tag(const char *tag, const char *end, const char *attr)
{
	size_t n = strlen(attr);
	const char *p = tag + 1;
	char quote = 0;

	for (; p < end && (quote != 0 || *p != '>'); p++) {
		if (quote != 0) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if ((p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' ||
		    p[-1] == '\r') && S_name_at(p, end, attr, n)) {
			return p;
		}
	}
	return NULL;
}

int
qr_xml_tag_column(const char *src, size_t len, int line, const char *local,
    const char *attr)
{
	const char *p, *end = src + len, *eol;
	size_t n = strlen(local);
	int l = 1;

	if (src == NULL || line <= 0 || n == 0)
		return 0;
	for (p = src; p < end && l < line; p++)
		if (*p == '\n')
			l++;
	if (l != line)
		return 0;
	eol = memchr(p, '\n', (size_t)(end - p));
	if (eol == NULL)
		eol = end;
	for (; p < eol; p++) {
		const char *q = p + 1, *name = q;

		if (*p != '<')
			continue;
		while (q < eol && *q != ':' && strchr(" \t/>", *q) == NULL)
			q++;
		if (q < eol && *q == ':')
			name = q + 1; /* a prefixed name */
		if (S_name_at(name, end, local, n)) {
			const char *a = attr != NULL ?
			    qr_xml_attr_in_tag(p, end, attr) : NULL;

			return qr_xml_column_of(src, a != NULL ? a : p);
		}
	}
	return 0;
}

static void
S_structured(void *data, xmlErrorPtr e)
{
	S_parse *p = data;

	if (p == NULL || e == NULL)
		return;
	if (e->level != XML_ERR_WARNING)
		p->failed = 1;
	if (e->code == XML_ERR_USER_STOP)
		return; /* we stopped it and said why */
	if (++p->nmsg > S_MAX_MESSAGES) {
		if (p->nmsg == S_MAX_MESSAGES + 1)
			qr_diag(p->q, QD_NOTE, p->name, 0, 0,
			    "further messages about this file suppressed");
		return;
	}
	qr_xml_report(p->q, e, QD_XML_SYNTAX, QD__COUNT, p->name);
	/* An unclosed element is found where its parent closes, often far
	 * below; say where it was opened (once: later ones cascade). */
	if (p->nmsg == 1 && e->str1 != NULL && e->int1 > 0 &&
	    (e->code == XML_ERR_TAG_NAME_MISMATCH ||
	    e->code == XML_ERR_TAG_NOT_FINISHED))
		qr_diag(p->q, QD_NOTE, p->name, e->int1,
		    qr_xml_tag_column(p->src, p->srclen, e->int1, e->str1,
		    NULL), "<%s> was opened here and is not closed", e->str1);
}

/* libxml2 still prints a few messages through the generic channel;
 * collect them line by line into diagnostics instead. */
static void
S_generic(void *ctx, const char *fmt, ...)
{
	S_parse *p = ctx;
	va_list ap;
	char *nl;

	if (p == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(p->generic + p->glen, sizeof p->generic - p->glen, fmt, ap);
	va_end(ap);
	p->glen = strlen(p->generic);
	while ((nl = strchr(p->generic, '\n')) != NULL ||
	    p->glen >= sizeof p->generic - 1) {
		size_t n = nl != NULL ? (size_t)(nl - p->generic) : p->glen;

		p->generic[n] = '\0';
		if (n > 0 && ++p->nmsg <= S_MAX_MESSAGES)
			qr_diag(p->q, QD_XML_SYNTAX, p->name, 0, 0, "%s",
			    p->generic);
		p->failed = 1;
		if (nl == NULL) {
			p->glen = 0;
			p->generic[0] = '\0';
			break;
		}
		memmove(p->generic, nl + 1, p->glen - n);
		p->glen -= n + 1;
	}
}

static S_parse *
S_state(void *ctx)
{
	xmlParserCtxtPtr ctxt = ctx;

	return ctxt != NULL ? ctxt->_private : NULL;
}

static void
S_where(xmlParserCtxtPtr ctxt, int *line, int *col)
{
	*line = ctxt->input != NULL ? ctxt->input->line : 0;
	*col = ctxt->input != NULL ? ctxt->input->col : 0;
}

static void
S_stop(xmlParserCtxtPtr ctxt)
{
	S_state(ctxt)->failed = 1;
	xmlStopParser(ctxt);
}

/* Entity declarations are refused outright: committee documents, schemas,
 * stylesheets and FO have no use for them, and refusing the declaration
 * stops both entity bombs and external-entity file reads before any
 * expansion or load is attempted. */
static void
S_entity_decl(void *ctx, const xmlChar *name, int type,
    const xmlChar *public_id, const xmlChar *system_id, xmlChar *content)
{
	xmlParserCtxtPtr ctxt = ctx;
	S_parse *p = S_state(ctx);
	int line, col;

	(void)public_id;
	(void)content;
	S_where(ctxt, &line, &col);
	if (system_id != NULL)
		qr_diag(p->q, QD_XML_ENTITY, p->name, line, col,
		    "external entity '%s' (\"%s\") refused: documents may not "
		    "declare entities, and external entities are never loaded",
		    (const char *)name, (const char *)system_id);
	else
		qr_diag(p->q, QD_XML_ENTITY, p->name, line, col,
		    "entity declaration '%s'%s refused: documents may not "
		    "declare entities (write the text itself, or a character "
		    "reference such as &#160;)", (const char *)name,
		    type == XML_INTERNAL_PARAMETER_ENTITY ||
		    type == XML_EXTERNAL_PARAMETER_ENTITY ? " (parameter)" : "");
	S_stop(ctxt);
}

/* <!ENTITY x SYSTEM "..." NDATA n> arrives here, not in entityDecl. */
static void
S_unparsed_entity_decl(void *ctx, const xmlChar *name,
    const xmlChar *public_id, const xmlChar *system_id,
    const xmlChar *notation)
{
	(void)notation;
	S_entity_decl(ctx, name, XML_EXTERNAL_GENERAL_UNPARSED_ENTITY,
	    public_id, system_id, NULL);
}

static void
S_internal_subset(void *ctx, const xmlChar *name, const xmlChar *ext_id,
    const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	S_parse *p = S_state(ctx);

	S_where(ctxt, &p->doctype_line, &p->doctype_col);
	/* Build the (empty) DTD node even when the DOCTYPE will be refused:
	 * libxml2 hangs comments and PIs of the internal subset on it, and
	 * leaks them without it. It loads nothing. */
	xmlSAX2InternalSubset(ctx, name, ext_id, system_id);
}

/* Called once the DOCTYPE (with its internal subset) is complete, so an
 * entity declaration inside it is reported as such first. Never loads
 * the external subset. */
static void
S_external_subset(void *ctx, const xmlChar *name, const xmlChar *ext_id,
    const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	S_parse *p = S_state(ctx);

	(void)ext_id;
	if (p->flags & QR_XML_ALLOW_DOCTYPE)
		return;
	qr_diag(p->q, QD_XML_DTD, p->name, p->doctype_line, p->doctype_col,
	    "DOCTYPE declaration%s%s%s refused: DTDs are never loaded; "
	    "documents are checked by their XSD schema (remove the DOCTYPE)",
	    system_id != NULL ? " (\"" : "",
	    system_id != NULL ? (const char *)system_id : "",
	    system_id != NULL ? "\")" : "");
	(void)name;
	S_stop(ctxt);
}

static void
S_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	S_parse *p = S_state(ctx);

	if (++p->depth > p->q->limits.max_depth) {
		int line, col;

		S_where(ctxt, &line, &col);
		qr_diag(p->q, QD_LIMIT, p->name, line, col,
		    "elements nest more than %d deep (at <%s>); a committee "
		    "document never needs this, so the file is refused "
		    "(--max-depth raises the limit)",
		    p->q->limits.max_depth, (const char *)localname);
		S_stop(ctxt);
		return;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces,
	    namespaces, nb_attributes, nb_defaulted, attributes);
}

static void
S_end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	S_parse *p = S_state(ctx);

	p->depth--;
	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

/* What a file that is plainly not XML is, from its first bytes (a paper
 * given as its PDF, or as the word processor's file), or NULL. */
static const char *
S_not_xml(const char *buf, size_t len)
{
	static const struct {
		const char *magic;
		size_t n;
		const char *what;
	} kinds[] = {
		{"%PDF-", 5, "a PDF file"},
		{"PK\003\004", 4, "a zip file (a Word .docx or an OpenDocument "
		    "file is one)"},
		{"\320\317\021\340\241\261\032\341", 8,
		    "an old Word (.doc) or Excel file"},
		{"{\\rtf", 5, "an RTF file"},
		{"\211PNG", 4, "a PNG image"},
		{"\377\330\377", 3, "a JPEG image"},
	};
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (len >= kinds[i].n &&
		    memcmp(buf, kinds[i].magic, kinds[i].n) == 0)
			return kinds[i].what;
	return NULL;
}

static xmlDocPtr
S_parse_buffer(quire *q, const char *buf, size_t len, const char *name,
    int flags, xmlDictPtr dict)
{
	S_parse st;
	S_parse *outer = S_current;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc = NULL;
	xmlStructuredErrorFunc old_serror = xmlStructuredError;
	void *old_sctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc old_generic = xmlGenericError;
	void *old_gctx = xmlGenericErrorContext;
	int options = S_PARSE_OPTIONS;

	qr_xml_init();
	if (len > q->limits.max_input_bytes) {
		qr_diag(q, QD_LIMIT, name, 0, 0,
		    "the file is %zu bytes, more than the limit of %zu "
		    "(--max-input-mb raises it)",
		    len, q->limits.max_input_bytes);
		return NULL;
	}
	if (len > (size_t)0x7fffffff) {
		qr_diag(q, QD_LIMIT, name, 0, 0, "the file is too large");
		return NULL;
	}
	if (buf != NULL && S_not_xml(buf, len) != NULL) {
		qr_diag(q, QD_XML_SYNTAX, name, 1, 1, "this is %s, not an XML "
		    "document: give the document's .xml file (or, to render, "
		    "its .fo)", S_not_xml(buf, len));
		return NULL;
	}
	memset(&st, 0, sizeof st);
	st.q = q;
	st.name = name;
	st.flags = flags;
	st.src = buf;
	st.srclen = len;
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL) {
		qr_diag(q, QD_NOMEM, name, 0, 0, "out of memory");
		return NULL;
	}
	if (dict != NULL) {
		xmlDictFree(ctxt->dict);
		ctxt->dict = dict;
		xmlDictReference(dict);
	}
	ctxt->_private = &st;
	ctxt->sax->entityDecl = S_entity_decl;
	ctxt->sax->unparsedEntityDecl = S_unparsed_entity_decl;
	ctxt->sax->internalSubset = S_internal_subset;
	ctxt->sax->externalSubset = S_external_subset;
	ctxt->sax->startElementNs = S_start_element;
	ctxt->sax->endElementNs = S_end_element;
	ctxt->sax->serror = NULL;
	if (flags & QR_XML_NOBLANKS)
		options |= XML_PARSE_NOBLANKS;
	if (flags & QR_XML_NOCDATA)
		options |= XML_PARSE_NOCDATA;

	S_current = &st;
	xmlSetStructuredErrorFunc(&st, S_structured);
	xmlSetGenericErrorFunc(&st, S_generic);
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL, options);
	if (st.glen > 0)
		S_generic(&st, "\n");
	xmlSetStructuredErrorFunc(old_sctx, old_serror);
	xmlSetGenericErrorFunc(old_gctx, old_generic);
	S_current = outer;

	if (doc != NULL && (st.failed || !ctxt->wellFormed)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc == NULL && !st.failed)
		qr_diag(q, QD_XML_SYNTAX, name, 0, 0,
		    "the document could not be parsed");
	xmlFreeParserCtxt(ctxt);
	return doc;
}

xmlDocPtr
qr_xml_read_memory(quire *q, const char *buf, size_t len, const char *name,
    int flags)
{
	if (name == NULL)
		name = "(memory)";
	if (buf == NULL) {
		qr_diag(q, QD_USAGE, name, 0, 0, "no document given");
		return NULL;
	}
	return S_parse_buffer(q, buf, len, name, flags, NULL);
}

xmlDocPtr
qr_xml_read_file(quire *q, const char *path, int flags)
{
	return qr_xml_read_file_dict(q, path, flags, NULL);
}

xmlDocPtr
qr_xml_read_file_dict(quire *q, const char *path, int flags, xmlDictPtr dict)
{
	FILE *fp;
	struct stat sb;
	char *buf;
	size_t n;
	xmlDocPtr doc;

	if (path == NULL) {
		qr_diag(q, QD_USAGE, NULL, 0, 0, "no file given");
		return NULL;
	}
	fp = fopen(path, "rb");
	if (fp == NULL) {
		qr_diag(q, QD_IO, path, 0, 0, "cannot read: %s",
		    strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		qr_diag(q, QD_IO, path, 0, 0, "not a regular file");
		fclose(fp);
		return NULL;
	}
	if ((unsigned long long)sb.st_size > q->limits.max_input_bytes) {
		qr_diag(q, QD_LIMIT, path, 0, 0,
		    "the file is %lld bytes, more than the limit of %zu "
		    "(--max-input-mb raises it)",
		    (long long)sb.st_size, q->limits.max_input_bytes);
		fclose(fp);
		return NULL;
	}
	buf = malloc((size_t)sb.st_size + 1);
	if (buf == NULL) {
		qr_diag(q, QD_NOMEM, path, 0, 0, "out of memory");
		fclose(fp);
		return NULL;
	}
	n = fread(buf, 1, (size_t)sb.st_size, fp);
	if (ferror(fp)) {
		qr_diag(q, QD_IO, path, 0, 0, "read error: %s",
		    strerror(errno));
		free(buf);
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	buf[n] = '\0';
	doc = S_parse_buffer(q, buf, n, path, flags, dict);
	free(buf);
	return doc;
}
