/* linebreak.h: Knuth-Plass total-fit line breaking over a flat array of
 * boxes, glue and penalties (Knuth and Plass, "Breaking Paragraphs into
 * Lines", 1981; TeX's passes, demerits and fitness classes), independent
 * of fonts and FO so that it can be tested with hand-made item lists.
 *
 * The caller builds the items of one paragraph, ending with a forced break
 * (a penalty of -QR_LB_INF; one is assumed at the end when missing), and
 * usually a "parfillskip" glue of fil stretch before it. A glue item is a
 * legal break when the item before it is a box; a penalty when its value
 * is below QR_LB_INF. Breaking runs up to three passes:
 *   1. pretolerance (100), hyphenation points (QR_LB_HYPHEN) not used;
 *   2. tolerance (200), with hyphenation points;
 *   3. emergency: any line that is not overfull is acceptable, and when no
 *      legal line can end at a break (a single unbreakable piece is wider
 *      than the measure) that line is taken overfull and marked so.
 * Active nodes are kept in a bounded set (params.max_active), so a very
 * long paragraph costs time linear in its length. */
#ifndef QR_LINEBREAK_H
#define QR_LINEBREAK_H

#include <stddef.h>

/* Penalties at or above this forbid a break; at or below its negation
 * force one. Badness is capped at QR_LB_INF too (TeX's inf_bad). */
#define QR_LB_INF 10000.0

typedef enum qr_lb_type {
	QR_LB_BOX = 0,
	QR_LB_GLUE,
	QR_LB_PENALTY
} qr_lb_type;

enum {
	QR_LB_FLAGGED = 1, /* penalty: a hyphenated break (explicit or not) */
	QR_LB_HYPHEN = 2   /* penalty: a discretionary hyphenation point,
	                      considered only from the second pass on */
};

/* One item. width: natural width (a penalty's width is added only when the
 * line breaks there, e.g. a hyphen). stretch/shrink: glue only; a glue's
 * stretch has an order: 0 finite, 1 fil (parfillskip), 2 fill (leaders):
 * the highest order present in a line takes all of its stretch. tag is the
 * caller's (not read here). */
typedef struct qr_lb_item {
	double width, stretch, shrink, penalty;
	unsigned char type, flags, order;
	unsigned tag;
} qr_lb_item;

typedef struct qr_lb_params {
	double pretolerance;   /* 100; negative skips the first pass */
	double tolerance;      /* 200 */
	double line_penalty;   /* 10 */
	double hyphen_penalty; /* 50: for callers building items (not read) */
	double double_hyphen_demerits; /* 10000 */
	double final_hyphen_demerits;  /* 5000 */
	double adj_demerits;   /* 10000 */
	int looseness;         /* 0 */
	int max_active;        /* bound on active nodes, default 256 */
	int emergency;         /* 1: run the emergency pass (default) */
	int keep_dominated;    /* 0 (default): drop active nodes that can
	                          never be chosen and skip breaks that are
	                          never better than the next one; 1 keeps
	                          them (same result, more work; for tests) */
} qr_lb_params;

void qr_lb_params_default(qr_lb_params *p);

/* One chosen line: items [start, end) are its content (discardable glue
 * and penalties after the previous break already skipped); end is the
 * index of the break item (a glue, which is not part of the line, or a
 * penalty, whose width is), or n for the implicit final break. */
typedef struct qr_lb_line {
	size_t start, end;
	double width;    /* the measure for this line */
	double natural;  /* natural width incl. the break penalty's width */
	double ratio;    /* adjustment: > 0 stretch of order 'order',
	                    < 0 shrink (clamped to -1), 0 none */
	int order;       /* stretch order the ratio applies to */
	double badness;  /* 0..QR_LB_INF */
	int fitness;     /* 0 very loose, 1 loose, 2 decent, 3 tight */
	int hyphenated;  /* ends at a flagged penalty */
	int overfull;    /* wider than width even at full shrink */
} qr_lb_line;

/* Scratch state, reusable across paragraphs (no allocation per paragraph
 * once warmed up). */
typedef struct qr_linebreaker qr_linebreaker;

qr_linebreaker *qr_lb_new(void);
void qr_lb_free(qr_linebreaker *lb);

/* Break items[0..n) with line widths widths[0..nwidths) (line k, 1-based,
 * gets widths[k-1]; lines past the end get the last one; nwidths >= 1).
 * params NULL means TeX's defaults. On success returns 0 and sets *lines
 * (owned by lb, valid until its next use) and *nlines; 1 when no
 * breaking is feasible (only possible with params->emergency == 0); -1
 * when out of memory. n == 0 gives 0 lines. */
int qr_lb_break(qr_linebreaker *lb, const qr_lb_item *items, size_t n,
    const double *widths, size_t nwidths, const qr_lb_params *params,
    const qr_lb_line **lines, size_t *nlines);

/* The pass (1, 2 or 3) that produced the last result, and the most active
 * nodes seen at once during it (for tests and benchmarks). */
int qr_lb_last_pass(const qr_linebreaker *lb);
size_t qr_lb_peak_active(const qr_linebreaker *lb);

/* The width glue item g takes on line l (its natural width adjusted by the
 * line's ratio when the stretch or shrink applies to it). */
double qr_lb_glue_width(const qr_lb_item *g, const qr_lb_line *l);

#endif
