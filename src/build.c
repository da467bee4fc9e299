/* build.c: quire build: the agenda as the pack's manifest. Validates the
 * agenda and every attachment, runs the cross-document checks, then
 * transforms the agenda with the pack stylesheet and typesets the result. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include <libxml/uri.h>

#include "outfile.h"
#include "packcheck.h"
#include "pipeline.h"
#include "prefetch.h"
#include "xform.h"
#include "xmlin.h"

/* Check one attachment: it exists, is a valid document of an attachable
 * kind (the type the agenda names, if it names one), and agrees with the
 * agenda. Returns the number of errors. */
static int
check_attachment(quire *q, const char *agenda_file, xmlNodePtr attach)
{
	xmlChar *href = xmlGetProp(attach, (const xmlChar *)"href");
	xmlChar *type = xmlGetProp(attach, (const xmlChar *)"type");
	xmlChar *path = NULL;
	xmlDocPtr doc = NULL;
	qr_doc_kind kind;
	int line = xmlGetLineNo(attach), errors = 0, rc;

	memset(&kind, 0, sizeof kind);
	if (href == NULL)
		goto out;
	path = xmlBuildURI(href, (const xmlChar *)agenda_file);
	if (path == NULL || !qr_xml_url_is_local((const char *)path)) {
		qr_diag(q, QD_PACK, agenda_file, line, 0,
		    "attachment '%s' is not a local file: attach documents by "
		    "a path relative to the agenda", (const char *)href);
		errors++;
		goto out;
	}
	if (access((const char *)path, R_OK) != 0) {
		qr_diag(q, QD_PACK, agenda_file, line, 0,
		    "attachment '%s' does not exist (looked for %s): check "
		    "the href, relative to the agenda", (const char *)href,
		    (const char *)path);
		errors++;
		goto out;
	}
	doc = qr_xml_read_file(q, (const char *)path, 0);
	if (doc == NULL) {
		errors++;
		goto out;
	}
	rc = qr_front_validate_doc(q, doc, (const char *)path, &kind);
	if (rc != QUIRE_OK) {
		errors++;
		goto out;
	}
	if (kind.pack_stylesheet != NULL) {
		qr_diag(q, QD_PACK, agenda_file, line, 0,
		    "attachment '%s' is itself an %s: attach minutes or "
		    "reports", (const char *)href, kind.name);
		errors++;
		goto out;
	}
	if (type != NULL && strcmp((const char *)type, kind.name) != 0) {
		qr_diag(q, QD_PACK, agenda_file, line, 0,
		    "attachment '%s' should be %s but is %s: attach the right "
		    "file or correct 'type'", (const char *)href,
		    (const char *)type, kind.name);
		errors++;
	}
	errors += qr_check_confirms(q, agenda_file, attach, doc);
	errors += qr_check_recommendation_order(q, doc);
	errors += qr_check_minute_order(q, doc);
out:
	qr_doc_kind_clear(&kind);
	xmlFreeDoc(doc);
	xmlFree(path);
	xmlFree(href);
	xmlFree(type);
	return errors;
}

static void
walk_attachments(quire *q, const char *file, xmlNodePtr n, int *errors)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "attach") == 0)
			*errors += check_attachment(q, file, n);
		else
			walk_attachments(q, file, n->children, errors);
	}
}

/* 1 if the output would overwrite the agenda or one of its attachments
 * (reported as a usage error). */
static int
output_is_an_input(quire *q, const char *file, xmlNodePtr n,
    const char *out_pdf)
{
	for (; n != NULL; n = n->next) {
		xmlChar *href, *path;
		int hit;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "attach") != 0) {
			if (output_is_an_input(q, file, n->children, out_pdf))
				return 1;
			continue;
		}
		href = xmlGetProp(n, (const xmlChar *)"href");
		path = href != NULL ? xmlBuildURI(href,
		    (const xmlChar *)file) : NULL;
		hit = path != NULL &&
		    qr_outfile_is_input(q, out_pdf, (const char *)path);
		xmlFree(path);
		xmlFree(href);
		if (hit)
			return 1;
	}
	return 0;
}

/* Warn when the pack is published fewer than five clear working days
 * before the meeting (Local Government Act 1972, s.100B). */
static void
check_deadline(quire *q, const char *file, xmlDocPtr agenda,
    const char *published)
{
	xmlNodePtr date = qr_xml_child(qr_xml_child(
	    xmlDocGetRootElement(agenda), "meeting"), "date");
	xmlChar *meeting = date != NULL ? xmlNodeGetContent(date) : NULL;
	xmlChar *stated = xmlGetProp(xmlDocGetRootElement(agenda),
	    (const xmlChar *)"published");
	char today[16];
	int days;

	if (meeting == NULL) {
		xmlFree(stated);
		return;
	}
	/* The command line wins, then the date the agenda states, then
	 * today. */
	if (published == NULL && stated != NULL) {
		snprintf(today, sizeof today, "%s", (const char *)stated);
		published = today;
	}
	if (published == NULL) {
		time_t now = time(NULL);
		struct tm tm;

		localtime_r(&now, &tm);
		strftime(today, sizeof today, "%Y-%m-%d", &tm);
		published = today;
	}
	days = qr_clear_working_days(published, (const char *)meeting);
	if (days < 0)
		qr_diag(q, QD_USAGE, NULL, 0, 0,
		    "--published wants a date as YYYY-MM-DD, not '%s'",
		    published);
	else if (strcmp(published, (const char *)meeting) > 0)
		qr_diag(q, QD_PACK_DEADLINE, file, xmlGetLineNo(date), 0,
		    "published %s, after the meeting on %s: if the pack was "
		    "published before, give that date (--published YYYY-MM-DD, "
		    "or published= on the agenda)", published,
		    (const char *)meeting);
	else if (days < 5)
		qr_diag(q, QD_PACK_DEADLINE, file, xmlGetLineNo(date), 0,
		    "published %s, only %d clear working day%s before the "
		    "meeting on %s: the agenda must be published five clear "
		    "working days before", published, days, days == 1 ? "" : "s",
		    (const char *)meeting);
	xmlFree(meeting);
	xmlFree(stated);
}

/* The FO of a pack exists only in memory, and libxslt gives each result
 * element the line of the stylesheet instruction that made it. So a
 * diagnostic about the FO is pointed at the stylesheet line holding that
 * FO element: the one whose line is that number and makes the formatting
 * object the message names. Files are read only when a diagnostic comes. */
typedef struct S_sheet {
	char *path;
	char **lines;
	size_t nlines;
} S_sheet;

typedef struct S_relocator {
	quire *q;
	S_sheet *sheets;
	size_t nsheets;
	int loaded;
} S_relocator;

static void
S_sheet_load(S_relocator *r, const char *path)
{
	FILE *fp = fopen(path, "rb");
	S_sheet *ns, *sh;
	char buf[4096];

	if (fp == NULL)
		return;
	ns = realloc(r->sheets, (r->nsheets + 1) * sizeof *ns);
	if (ns == NULL) {
		fclose(fp);
		return;
	}
	r->sheets = ns;
	sh = &ns[r->nsheets++];
	memset(sh, 0, sizeof *sh);
	sh->path = strdup(path);
	while (fgets(buf, sizeof buf, fp) != NULL) {
		char **nl = realloc(sh->lines, (sh->nlines + 1) * sizeof *nl);

		if (nl == NULL)
			break;
		sh->lines = nl;
		sh->lines[sh->nlines++] = strdup(buf);
	}
	fclose(fp);
}

static void
S_sheets_load(S_relocator *r)
{
	static const char *const dirs[] = {"stylesheets", "stylesheets/common"};
	size_t i;

	r->loaded = 1;
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		char *dir = qr_data_path(r->q, dirs[i]);
		DIR *d = dir != NULL ? opendir(dir) : NULL;
		struct dirent *e;

		while (d != NULL && (e = readdir(d)) != NULL) {
			size_t n = strlen(e->d_name);
			char *path;

			if (n < 5 || strcmp(e->d_name + n - 4, ".xsl") != 0)
				continue;
			path = malloc(strlen(dir) + n + 2);
			if (path == NULL)
				continue;
			sprintf(path, "%s/%s", dir, e->d_name);
			S_sheet_load(r, path);
			free(path);
		}
		if (d != NULL)
			closedir(d);
		free(dir);
	}
}

static const char *
S_relocate(void *user, int line, const char *message)
{
	S_relocator *r = user;
	const char *fo = strstr(message, "fo:"), *found = NULL;
	char want[64] = "<fo:";
	size_t i;
	int hits = 0;

	if (!r->loaded)
		S_sheets_load(r);
	/* "fo:external-graphic: ..." names the object: match its tag. */
	if (fo != NULL) {
		size_t n = strspn(fo + 3, "abcdefghijklmnopqrstuvwxyz-");

		if (n > 0 && n < sizeof want - 5)
			memcpy(want + 4, fo + 3, n), want[4 + n] = '\0';
	}
	for (i = 0; i < r->nsheets; i++) {
		const S_sheet *sh = &r->sheets[i];

		if ((size_t)line <= sh->nlines &&
		    strstr(sh->lines[line - 1], want) != NULL) {
			found = sh->path;
			hits++;
		}
	}
	return hits == 1 ? found : NULL;
}

static void
S_relocator_free(S_relocator *r)
{
	size_t i, j;

	for (i = 0; i < r->nsheets; i++) {
		for (j = 0; j < r->sheets[i].nlines; j++)
			free(r->sheets[i].lines[j]);
		free(r->sheets[i].lines);
		free(r->sheets[i].path);
	}
	free(r->sheets);
}

static int
set_build_params(quire *q, const quire_build_options *o)
{
	if (quire_set_param(q, "edition", o->edition != NULL ? o->edition :
	    "public") != QUIRE_OK ||
	    quire_set_param(q, "draft", o->draft ? "yes" : "no") != QUIRE_OK ||
	    quire_set_param(q, "duplex", o->duplex ? "yes" : "no") != QUIRE_OK)
		return QUIRE_IOERR;
	return QUIRE_OK;
}

int
quire_build(quire *q, const char *agenda, const char *out_pdf,
    const quire_build_options *opts)
{
	quire_build_options defaults;
	qr_doc_kind kind;
	xmlDocPtr doc = NULL, fo = NULL;
	int rc, errors = 0;
	unsigned before = quire_error_count(q);
	double t0 = qr_now();

	memset(&defaults, 0, sizeof defaults);
	memset(&kind, 0, sizeof kind);
	if (q == NULL)
		return QUIRE_USAGE;
	if (out_pdf == NULL || *out_pdf == '\0') {
		qr_diag(q, QD_USAGE, agenda, 0, 0, "no output file given");
		return QUIRE_USAGE;
	}
	if (opts == NULL)
		opts = &defaults;
	if (opts->edition != NULL && strcmp(opts->edition, "public") != 0 &&
	    strcmp(opts->edition, "members") != 0) {
		qr_diag(q, QD_USAGE, NULL, 0, 0,
		    "edition is 'public' or 'members', not '%s'", opts->edition);
		return QUIRE_USAGE;
	}
	if (opts->published != NULL &&
	    qr_clear_working_days(opts->published, opts->published) < 0) {
		qr_diag(q, QD_USAGE, NULL, 0, 0,
		    "the publication date is YYYY-MM-DD (e.g. 2024-03-11), "
		    "not '%s'", opts->published);
		return QUIRE_USAGE;
	}
	if ((rc = qr_input_readable(q, agenda)) != QUIRE_OK)
		return rc;
	if (qr_outfile_is_input(q, out_pdf, agenda))
		return QUIRE_USAGE;
	qr_prefetch_start(q);
	doc = qr_xml_read_file(q, agenda, 0);
	if (doc == NULL) {
		rc = QUIRE_INVALID;
		goto out;
	}
	rc = qr_front_validate_doc(q, doc, agenda, &kind);
	if (rc != QUIRE_OK)
		goto out;
	if (kind.pack_stylesheet == NULL) {
		qr_diag(q, QD_PACK, agenda, 1, 0,
		    "this is %s %s, not an agenda: build starts from the "
		    "agenda, which attaches the other documents",
		    strchr("aeiou", kind.name[0]) ? "an" : "a", kind.name);
		rc = QUIRE_INVALID;
		goto out;
	}
	if (output_is_an_input(q, agenda, xmlDocGetRootElement(doc),
	    out_pdf)) {
		rc = QUIRE_USAGE;
		goto out;
	}
	walk_attachments(q, agenda, xmlDocGetRootElement(doc), &errors);
	check_deadline(q, agenda, doc, opts->published);
	qr_timing(q, "validate", qr_now() - t0);
	if (errors > 0 || quire_error_count(q) > before) {
		rc = QUIRE_INVALID;
		goto out;
	}
	if ((rc = set_build_params(q, opts)) != QUIRE_OK)
		goto out;
	t0 = qr_now();
	fo = qr_front_pack(q, doc, agenda, NULL, 0, &rc);
	qr_timing(q, "transform", qr_now() - t0);
	if (fo == NULL) {
		if (rc == QUIRE_OK)
			rc = QUIRE_INVALID;
		goto out;
	}
	{
		S_relocator r;

		memset(&r, 0, sizeof r);
		r.q = q;
		q->relocate_file = agenda;
		q->relocate = S_relocate;
		q->relocate_user = &r;
		rc = qr_render_fo_doc(q, fo, agenda, out_pdf, NULL);
		fo = NULL; /* taken */
		q->relocate = NULL;
		q->relocate_file = NULL;
		q->relocate_user = NULL;
		S_relocator_free(&r);
	}
out:
	qr_prefetch_end(q);
	qr_doc_kind_clear(&kind);
	xmlFreeDoc(fo);
	xmlFreeDoc(doc);
	return rc;
}
