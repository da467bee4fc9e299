/* diag.c: the diagnostic catalogue and the run handle's settings. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlstring.h>
#include <libxml/dict.h>

#include "context.h"
#include "prefetch.h"

/* fontconfig 2.14.1 (Debian 12) loses 288 bytes while parsing its
 * configuration, before any call of ours returns (a bare FcFontMatch
 * shows it), on whichever thread initialises it (prefetch.c, font.c).
 * LeakSanitizer reads this hook from any program linking the run handle
 * (every one: quire_new is here), so sanitizer runs stay meaningful for
 * our own leaks. */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

/* ...and not report that it did so on stderr at every exit, which tests
 * of the program's diagnostics would read as output (LSAN_OPTIONS in the
 * environment still overrides this). */
const char *__lsan_default_options(void);
const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}

#ifndef QUIRE_DATADIR
#define QUIRE_DATADIR "."
#endif

static const struct {
	quire_severity sev;
	const char *name;
} catalogue[] = {
#define X(name, sev, str) {sev, str},
#include "diag_codes.def"
#undef X
};

const char *
qr_code_name(qr_code code)
{
	return code < QD__COUNT ? catalogue[code].name : "unknown";
}

quire_severity
qr_code_severity(qr_code code)
{
	return code < QD__COUNT ? catalogue[code].sev : QUIRE_ERROR;
}

/* ---- repeated diagnostics ---------------------------------------------- */

/* The diagnostics reported since qr_diag_once_begin/clear are kept as
 * keys (code, severity, file, line, column, message) in a libxml2
 * dictionary, which is a string set; clearing it means a fresh one. */

void
qr_diag_once_clear(quire *q)
{
	if (q->seen == NULL)
		return;
	xmlDictFree(q->seen);
	/* Without memory the set stays off: repeats are reported. */
	q->seen = xmlDictCreate();
}

void
qr_diag_once_begin(quire *q)
{
	if (q->seen == NULL)
		q->seen = xmlDictCreate();
	else
		qr_diag_once_clear(q);
}

void
qr_diag_once_end(quire *q)
{
	if (q->seen == NULL)
		return;
	xmlDictFree(q->seen);
	q->seen = NULL;
}

static const char *const sevname[] = {"note", "warning", "error"};

static void
default_handler(const quire_diagnostic *d, void *user)
{
	(void)user;
	fputs("quire: ", stderr);
	if (d->file != NULL) {
		fputs(d->file, stderr);
		if (d->line > 0) {
			fprintf(stderr, ":%d", d->line);
			if (d->column > 0)
				fprintf(stderr, ":%d", d->column);
		}
		fputs(": ", stderr);
	}
	fprintf(stderr, "%s: %s\n", sevname[d->severity], d->message);
}

/* ---- captured diagnostics --------------------------------------------- */

static _Thread_local qr_diag_log *S_capture;

void
qr_diag_capture(qr_diag_log *log)
{
	S_capture = log;
}

static void
S_keep(qr_diag_log *log, qr_code code, quire_severity sev, const char *file,
    int line, int col, const char *msg)
{
	qr_diag_rec *r;

	if (log->n == log->cap) {
		size_t cap = log->cap ? log->cap * 2 : 16;
		qr_diag_rec *v = realloc(log->v, cap * sizeof *v);

		if (v == NULL) {
			log->lost = 1;
			return;
		}
		log->v = v;
		log->cap = cap;
	}
	r = &log->v[log->n];
	r->msg = strdup(msg);
	if (r->msg == NULL) {
		log->lost = 1;
		return;
	}
	r->code = code;
	r->sev = sev;
	r->file = file;
	r->line = line;
	r->col = col;
	log->n++;
}

void
qr_diag_replay(quire *q, const qr_diag_log *log)
{
	size_t k;

	for (k = 0; k < log->n; k++)
		qr_diag_sev(q, log->v[k].code, log->v[k].sev, log->v[k].file,
		    log->v[k].line, log->v[k].col, "%s", log->v[k].msg);
}

void
qr_diag_log_clear(qr_diag_log *log)
{
	while (log->n > 0)
		free(log->v[--log->n].msg);
	free(log->v);
	log->v = NULL;
	log->cap = 0;
	log->lost = 0;
}

static void
emit(quire *q, qr_code code, quire_severity sev, const char *file, int line,
    int col, const char *fmt, va_list ap)
{
	char buf[1024];
	quire_diagnostic d;
	size_t n;

	vsnprintf(buf, sizeof buf, fmt, ap);
	/* libxml2 messages end in a newline; ours never do. */
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	if (S_capture != NULL) {
		S_keep(S_capture, code, sev, file, line, col, buf);
		return;
	}
	if (q != NULL && q->relocate != NULL && file != NULL && line > 0 &&
	    q->relocate_file != NULL && strcmp(file, q->relocate_file) == 0) {
		const char *moved = q->relocate(q->relocate_user, line, buf);

		/* Not found: the line is some stylesheet's, not the file's,
		 * so none is given rather than a wrong one. */
		if (moved != NULL)
			file = moved;
		else
			line = 0;
		col = 0;
	}
	if (q != NULL && q->seen != NULL) {
		size_t kn = (file != NULL ? strlen(file) : 0) + n + 64;
		char *key = malloc(kn);

		if (key != NULL) {
			int kl = snprintf(key, kn, "%d %d %d %d %s\n%s",
			    (int)code, (int)sev, line, col,
			    file != NULL ? file : "", buf);
			int seen = xmlDictExists(q->seen, (const xmlChar *)key,
			    kl) != NULL;

			/* A key that cannot be stored is reported again
			 * next time, as without the set. */
			if (!seen)
				(void)xmlDictLookup(q->seen,
				    (const xmlChar *)key, kl);
			free(key);
			if (seen)
				return;
		}
	}
	d.severity = sev;
	d.code = qr_code_name(code);
	d.file = file;
	d.line = line < 0 ? 0 : line;
	d.column = col < 0 ? 0 : col;
	d.message = buf;
	if (q == NULL) {
		default_handler(&d, NULL);
		return;
	}
	q->counts[sev]++;
	if (q->diag_fn != NULL)
		q->diag_fn(&d, q->diag_user);
	else
		default_handler(&d, NULL);
}

void
qr_vdiag(quire *q, qr_code code, const char *file, int line, int col,
    const char *fmt, va_list ap)
{
	emit(q, code, qr_code_severity(code), file, line, col, fmt, ap);
}

void
qr_diag(quire *q, qr_code code, const char *file, int line, int col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(q, code, qr_code_severity(code), file, line, col, fmt, ap);
	va_end(ap);
}

void
qr_diag_sev(quire *q, qr_code code, quire_severity sev, const char *file,
    int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(q, code, sev, file, line, col, fmt, ap);
	va_end(ap);
}

quire *
quire_new(void)
{
	quire *q = calloc(1, sizeof *q);
	const char *env;

	if (q == NULL)
		return NULL;
	env = getenv("QUIRE_DATADIR");
	q->data_dir = strdup(env != NULL && *env != '\0' ? env : QUIRE_DATADIR);
	if (q->data_dir == NULL) {
		free(q);
		return NULL;
	}
	env = getenv("QUIRE_TABLE_HELPER");
	if (env != NULL)
		q->table_helper = strcmp(env, "off") == 0 ? -1 :
		    strcmp(env, "always") == 0 ? 1 :
		    strcmp(env, "inline") == 0 ? 2 : 0;
	q->limits.max_input_bytes = (size_t)256 << 20;
	q->limits.max_depth = 256;
	q->limits.max_pages = 100000;
	q->limits.max_seconds = 600;
	return q;
}

void
quire_free(quire *q)
{
	size_t i;

	if (q == NULL)
		return;
	qr_prefetch_end(q);
	qr_diag_once_end(q);
	for (i = 0; i < q->nparams; i++) {
		free(q->params[i].name);
		free(q->params[i].value);
	}
	free(q->params);
	free(q->data_dir);
	free(q->title);
	free(q->author);
	free(q->subject);
	free(q->keywords);
	free(q->language);
	free(q);
}

void
quire_set_diagnostic_handler(quire *q, quire_diagnostic_fn fn, void *user)
{
	if (q == NULL)
		return;
	q->diag_fn = fn;
	q->diag_user = user;
}

static int
replace(char **slot, const char *s)
{
	char *copy = NULL;

	if (s != NULL && (copy = strdup(s)) == NULL)
		return QUIRE_IOERR;
	free(*slot);
	*slot = copy;
	return QUIRE_OK;
}

int
quire_set_data_dir(quire *q, const char *dir)
{
	if (q == NULL || dir == NULL)
		return QUIRE_USAGE;
	return replace(&q->data_dir, dir);
}

int
quire_set_param(quire *q, const char *name, const char *value)
{
	qr_param *p;
	size_t i;

	if (q == NULL || name == NULL || value == NULL || *name == '\0')
		return QUIRE_USAGE;
	for (i = 0; i < q->nparams; i++)
		if (strcmp(q->params[i].name, name) == 0)
			return replace(&q->params[i].value, value);
	p = realloc(q->params, (q->nparams + 1) * sizeof *p);
	if (p == NULL)
		return QUIRE_IOERR;
	q->params = p;
	p[q->nparams].name = strdup(name);
	p[q->nparams].value = strdup(value);
	if (p[q->nparams].name == NULL || p[q->nparams].value == NULL) {
		free(p[q->nparams].name);
		free(p[q->nparams].value);
		return QUIRE_IOERR;
	}
	q->nparams++;
	return QUIRE_OK;
}

/* A language tag as BCP 47 shapes it: letters, then subtags of letters
 * and digits, each 1-8 long, joined by hyphens ("en-GB", "cy"). */
static int
S_lang_ok(const char *s)
{
	size_t n = 0;
	int first = 1;

	for (;; s++) {
		if (*s == '-' || *s == '\0') {
			if (n == 0 || n > 8)
				return 0;
			if (*s == '\0')
				return 1;
			n = 0;
			first = 0;
		} else if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (!first && *s >= '0' && *s <= '9'))
			n++;
		else
			return 0;
	}
}

int
quire_set_info(quire *q, const char *title, const char *author,
    const char *subject, const char *keywords, const char *language)
{
	if (q == NULL)
		return QUIRE_USAGE;
	if (language != NULL && !S_lang_ok(language)) {
		qr_diag(q, QD_USAGE, NULL, 0, 0, "the language is a tag such as "
		    "en-GB or cy, not '%s'", language);
		return QUIRE_USAGE;
	}
	if (replace(&q->title, title) || replace(&q->author, author) ||
	    replace(&q->subject, subject) || replace(&q->keywords, keywords) ||
	    replace(&q->language, language))
		return QUIRE_IOERR;
	return QUIRE_OK;
}

quire_limits
quire_get_limits(const quire *q)
{
	quire_limits l;

	l.max_input_bytes = q->limits.max_input_bytes;
	l.max_depth = q->limits.max_depth;
	l.max_pages = q->limits.max_pages;
	l.max_seconds = q->limits.max_seconds;
	return l;
}

void
quire_set_limits(quire *q, const quire_limits *l)
{
	if (q == NULL || l == NULL)
		return;
	if (l->max_input_bytes > 0)
		q->limits.max_input_bytes = l->max_input_bytes;
	if (l->max_depth > 0)
		q->limits.max_depth = l->max_depth;
	if (l->max_pages > 0)
		q->limits.max_pages = l->max_pages;
	if (l->max_seconds > 0)
		q->limits.max_seconds = l->max_seconds;
}

void
quire_set_timings(quire *q, int on)
{
	if (q == NULL)
		return;
	q->timings = on;
}

unsigned
quire_error_count(const quire *q)
{
	return q != NULL ? q->counts[QUIRE_ERROR] : 0;
}

unsigned
quire_warning_count(const quire *q)
{
	return q != NULL ? q->counts[QUIRE_WARNING] : 0;
}

char *
qr_data_path(const quire *q, const char *rel)
{
	size_t n = strlen(q->data_dir) + strlen(rel) + 2;
	char *p = malloc(n);

	if (p != NULL)
		snprintf(p, n, "%s/%s", q->data_dir, rel);
	return p;
}

double
qr_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double
qr_cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
qr_timing(quire *q, const char *stage, double seconds)
{
	if (q != NULL && q->timings)
		fprintf(stderr, "quire: timing: %-10s %9.3f ms\n", stage,
		    seconds * 1000.0);
}
