/* context.h: the run handle shared by every stage, and the internal
 * diagnostic, timing and limit interfaces. */
#ifndef QR_CONTEXT_H
#define QR_CONTEXT_H

#include <stdarg.h>
#include <stddef.h>

#include "quire.h"

typedef enum qr_code {
#define X(name, sev, str) name,
#include "diag_codes.def"
#undef X
	QD__COUNT
} qr_code;

/* Bounds a real pack never meets; hitting one is a clear error. */
typedef struct qr_limits {
	size_t max_input_bytes;  /* any one input file */
	int max_depth;           /* element nesting */
	int max_pages;           /* pages in one document */
	double max_seconds;      /* wall time for layout of one document */
} qr_limits;

typedef struct qr_param {
	char *name;
	char *value;
} qr_param;

struct quire {
	quire_diagnostic_fn diag_fn;
	void *diag_user;
	unsigned counts[3];
	char *data_dir;
	qr_param *params;
	size_t nparams;
	char *title, *author, *subject, *keywords, *language;
	int timings;
	qr_limits limits;
	/* While set, diagnostics naming relocate_file are passed through
	 * relocate, which may point them at the file and line that really
	 * hold the cause (FO made by a stylesheet: the stylesheet); when it
	 * cannot (NULL), the diagnostic keeps the file but loses the line,
	 * which is no line of that file. */
	const char *relocate_file;
	const char *(*relocate)(void *user, int line, const char *message);
	void *relocate_user;
	/* Layout (layout_page.c): the passes the last qr_layout_run took;
	 * for tests, layout_full_passes makes every changed citation width
	 * cost a whole pass again, as if no paragraph could be laid out
	 * again on its own (S_settle). */
	int layout_passes, layout_full_passes;
	/* Tables' helper thread (layout_table.c): 0 for long tables, -1
	 * never, 1 for every table, 2 for every table but without a thread
	 * (its work done in place, on the main thread). Set from
	 * QUIRE_TABLE_HELPER (off, always, inline): the tests compare the
	 * four ways. */
	int table_helper;
	/* While set (qr_diag_once_begin), a diagnostic equal to one already
	 * reported (code, severity, file, line, column and message) is
	 * dropped: content laid out again (static content on every page, a
	 * table cell measured then laid out) warns once. */
	struct _xmlDict *seen; /* libxml2's xmlDict */
	/* The set-up running on threads of its own during one run
	 * (prefetch.c); NULL between runs. */
	struct qr_prefetch *prefetch;
};

/* Report a diagnostic. file may be NULL; line/col 0 when unknown. The
 * severity comes from the catalogue. */
void qr_diag(quire *q, qr_code code, const char *file, int line, int col,
    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
void qr_vdiag(quire *q, qr_code code, const char *file, int line, int col,
    const char *fmt, va_list ap);
/* The same, with an explicit severity (for routing libxml2's levels). */
void qr_diag_sev(quire *q, qr_code code, quire_severity sev,
    const char *file, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
const char *qr_code_name(qr_code code);

/* Start dropping repeated diagnostics (see quire.seen), forget those seen
 * so far, stop (and free the set). Without memory, repeats are reported. */
void qr_diag_once_begin(quire *q);
void qr_diag_once_clear(quire *q);
void qr_diag_once_end(quire *q);
quire_severity qr_code_severity(qr_code code);

/* Diagnostics kept for later instead of reported: a helper thread laying
 * out ahead (layout_table.c) captures its own, and the main thread
 * replays the ones of the work it takes, in the order the work would
 * have been done. */
typedef struct qr_diag_rec {
	qr_code code;
	quire_severity sev;
	const char *file;  /* not copied: the document's file names outlive it */
	int line, col;
	char *msg;
} qr_diag_rec;
typedef struct qr_diag_log {
	qr_diag_rec *v;
	size_t n, cap;
	int lost;          /* one could not be kept (out of memory) */
} qr_diag_log;
/* From now on, this thread's diagnostics go to log (NULL: reported again
 * as usual). */
void qr_diag_capture(qr_diag_log *log);
/* Report log's records as if they were reported now. */
void qr_diag_replay(quire *q, const qr_diag_log *log);
/* Forget log's records and free them; it can be used again. */
void qr_diag_log_clear(qr_diag_log *log);

/* Path of a file under the data folder (schemas/..., stylesheets/...),
 * malloc'd; the caller frees it. */
char *qr_data_path(const quire *q, const char *rel);

/* Monotonic seconds, and the stage timer behind --timings. */
double qr_now(void);
/* CPU time of the whole process (every thread), in seconds. */
double qr_cpu_now(void);
void qr_timing(quire *q, const char *stage, double seconds);

#endif
