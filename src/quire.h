/* quire.h: the public interface of libquire, which publishes council
 * committee packs from XML documents to PDF.
 *
 * One handle (quire) carries the settings and the diagnostic sink for a run.
 * Every function that can fail returns one of the QUIRE_* status codes, the
 * same numbers the command line exits with. The library never prints and
 * never exits: diagnostics go to the handler set with
 * quire_set_diagnostic_handler(), or to stderr if none is set.
 * A NULL handle, or a required argument left NULL, is QUIRE_USAGE (said
 * through the handle when there is one), never a crash.
 *
 * Output paths: the output is written to a temporary file beside it and
 * renamed over it only on success, so a failure leaves no file and never
 * damages an earlier one; "-" is standard output, written directly (as
 * are devices and pipes).
 */
#ifndef QUIRE_H
#define QUIRE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define QUIRE_VERSION "0.1.0"

/* Status codes; also the program's exit codes. */
enum quire_status {
	QUIRE_OK = 0,      /* done */
	QUIRE_INVALID = 1, /* invalid input: the diagnostics say where */
	QUIRE_USAGE = 2,   /* bad command line or API misuse */
	QUIRE_IOERR = 3    /* input/output or system error */
};

typedef enum quire_severity {
	QUIRE_NOTE = 0,
	QUIRE_WARNING = 1,
	QUIRE_ERROR = 2
} quire_severity;

/* One diagnostic. All pointers are owned by the library and valid only
 * during the handler call. file may be NULL; line and column are 1-based,
 * 0 when unknown. code is the catalogue's short name ("xml-syntax"). */
typedef struct quire_diagnostic {
	quire_severity severity;
	const char *code;
	const char *file;
	int line;
	int column;
	const char *message;
} quire_diagnostic;

typedef void (*quire_diagnostic_fn)(const quire_diagnostic *d, void *user);

typedef struct quire quire;

/* A new handle with default settings. NULL only when out of memory.
 * Free it with quire_free(). */
quire *quire_new(void);
void quire_free(quire *q);

/* Where diagnostics go; fn NULL restores the default (stderr, in the
 * form "quire: FILE:LINE:COL: severity: message"). */
void quire_set_diagnostic_handler(quire *q, quire_diagnostic_fn fn, void *user);

/* The folder holding schemas/ and stylesheets/; by default the one the
 * library was built with, or $QUIRE_DATADIR. The string is copied. */
int quire_set_data_dir(quire *q, const char *dir);

/* A stylesheet parameter (a string value) for transform and build.
 * Setting a name again replaces its value. Strings are copied. */
int quire_set_param(quire *q, const char *name, const char *value);

/* Document information written into the PDF (any may be NULL). The
 * language is a tag such as "en-GB"; anything else is QUIRE_USAGE. */
int quire_set_info(quire *q, const char *title, const char *author,
    const char *subject, const char *keywords, const char *language);

/* Bounds a real pack never meets; hitting one is a clear error (exit 1)
 * rather than a hang or the machine's memory. */
typedef struct quire_limits {
	size_t max_input_bytes; /* any one input file (default 256 MiB) */
	int max_depth;          /* element nesting (default 256) */
	int max_pages;          /* pages in one document (default 100,000) */
	double max_seconds;     /* layout time of one document (default 600) */
} quire_limits;

/* The limits in force, and new ones (a zero field keeps its value). */
quire_limits quire_get_limits(const quire *q);
void quire_set_limits(quire *q, const quire_limits *l);

/* Print the time of each stage to stderr when on. */
void quire_set_timings(quire *q, int on);

/* Counts of diagnostics reported so far through this handle. */
unsigned quire_error_count(const quire *q);
unsigned quire_warning_count(const quire *q);

/* Parse a committee document safely and validate it against the schema
 * its root namespace names. */
int quire_validate(quire *q, const char *path);

/* Validate, then transform a document to XSL-FO with its stylesheet.
 * The FO is written to a temporary file beside out_fo and renamed only
 * on success. */
int quire_transform(quire *q, const char *path, const char *out_fo);

/* Typeset an XSL-FO file into a PDF (written safely as above). */
int quire_render(quire *q, const char *fo_path, const char *out_pdf);

/* Write the area tree of an XSL-FO file as text, for tests; out_txt
 * NULL or "-" is standard output. */
int quire_dump_areas(quire *q, const char *fo_path, const char *out_txt);

/* Typeset XSL-FO held in memory; base is the name used in diagnostics
 * and for relative image paths (may be NULL). On success *pdf is a
 * malloc'd buffer the caller frees with free(). */
int quire_render_memory(quire *q, const char *fo, size_t len,
    const char *base, unsigned char **pdf, size_t *pdf_len);

/* Validate and transform a document held in memory to FO (malloc'd,
 * the caller frees). For fuzzing and embedding. */
int quire_transform_memory(quire *q, const char *xml, size_t len,
    const char *base, char **fo, size_t *fo_len);

/* Build options for quire_build(). */
typedef struct quire_build_options {
	const char *edition;   /* "public" (default) or "members" */
	int draft;             /* DRAFT watermark on every page */
	int duplex;            /* every document starts on a right-hand page */
	const char *published; /* YYYY-MM-DD, NULL for today */
} quire_build_options;

/* Build the pack an agenda describes: validate the agenda and every
 * attachment, run the cross-document checks, transform and typeset into
 * one PDF. opts may be NULL for the defaults. */
int quire_build(quire *q, const char *agenda, const char *out_pdf,
    const quire_build_options *opts);

#ifdef __cplusplus
}
#endif

#endif
