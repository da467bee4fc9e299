/* linebreak.c: Knuth-Plass total-fit line breaking with TeX's passes,
 * demerits and fitness classes over a flat item array (see linebreak.h). */
#include "linebreak.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define AWFUL_BAD 1e30
#define DEFAULT_MAX_ACTIVE 256

typedef struct totals {
	double w, st[3], sh;
} totals;

/* A feasible break: passive once created, active while in the active
 * array. Nodes live in one growing array reused across paragraphs. */
typedef struct lb_node {
	size_t pos;      /* index of the break item; SIZE_MAX for the start */
	size_t start;    /* first item of the next line */
	int line;        /* number of the line ending here (0 at the start) */
	int fitness;
	int hyphenated;
	int prev;        /* node index, -1 for the start */
	double demerits; /* total from the start */
	totals after;    /* sums of items [0, start) */
} lb_node;

struct qr_linebreaker {
	lb_node *nodes;
	size_t nnodes, capnodes;
	int *active, *next_active;
	size_t nactive, capactive;
	qr_lb_line *lines;
	size_t caplines;
	int pass;
	size_t peak;
};

void
qr_lb_params_default(qr_lb_params *p)
{
	p->pretolerance = 100;
	p->tolerance = 200;
	p->line_penalty = 10;
	p->hyphen_penalty = 50;
	p->double_hyphen_demerits = 10000;
	p->final_hyphen_demerits = 5000;
	p->adj_demerits = 10000;
	p->looseness = 0;
	p->max_active = DEFAULT_MAX_ACTIVE;
	p->emergency = 1;
	p->keep_dominated = 0;
}

qr_linebreaker *
qr_lb_new(void)
{
	return calloc(1, sizeof(qr_linebreaker));
}

void
qr_lb_free(qr_linebreaker *lb)
{
	if (lb == NULL)
		return;
	free(lb->nodes);
	free(lb->active);
	free(lb->next_active);
	free(lb->lines);
	free(lb);
}

int
qr_lb_last_pass(const qr_linebreaker *lb)
{
	return lb->pass;
}

size_t
qr_lb_peak_active(const qr_linebreaker *lb)
{
	return lb->peak;
}

double
qr_lb_glue_width(const qr_lb_item *g, const qr_lb_line *l)
{
	if (l->ratio > 0 && g->order == l->order)
		return g->width + l->ratio * g->stretch;
	if (l->ratio < 0)
		return g->width + l->ratio * g->shrink;
	return g->width;
}

static int
S_node_grow(qr_linebreaker *lb)
{
	size_t cap = lb->capnodes ? lb->capnodes * 2 : 256;
	lb_node *n = realloc(lb->nodes, cap * sizeof *n);

	if (n == NULL)
		return -1;
	lb->nodes = n;
	lb->capnodes = cap;
	return 0;
}

static inline int
S_node_add(qr_linebreaker *lb)
{
	if (lb->nnodes == lb->capnodes && S_node_grow(lb) < 0)
		return -1;
	memset(&lb->nodes[lb->nnodes], 0, sizeof(lb_node));
	return (int)lb->nnodes++;
}

static int
S_active_grow(qr_linebreaker *lb, size_t need)
{
	size_t cap = lb->capactive ? lb->capactive : 64;
	while (cap < need)
		cap *= 2;
	int *a = realloc(lb->active, cap * sizeof *a);
	if (a == NULL)
		return -1;
	lb->active = a;
	int *b = realloc(lb->next_active, cap * sizeof *b);
	if (b == NULL)
		return -1;
	lb->next_active = b;
	lb->capactive = cap;
	return 0;
}

static inline int
S_active_reserve(qr_linebreaker *lb, size_t need)
{
	return need <= lb->capactive ? 0 : S_active_grow(lb, need);
}

static double
S_line_width(const double *widths, size_t nwidths, int line)
{
	size_t k = (size_t)line - 1;
	return k < nwidths ? widths[k] : widths[nwidths - 1];
}

static int
S_is_forced(const qr_lb_item *it)
{
	return it->type == QR_LB_PENALTY && it->penalty <= -QR_LB_INF;
}

/* fmin(b, QR_LB_INF) for a b that is never NaN, without the call. */
static inline double
S_cap(double b)
{
	return b < QR_LB_INF ? b : QR_LB_INF;
}

/* The adjustment of a line of natural width L set to width W with the
 * given stretch and shrink: ratio, order and badness (TeX's, in doubles:
 * 100 r^3 capped at QR_LB_INF; QR_LB_INF + 1 for an overfull line). */
static inline double
S_badness(double L, double W, const double st[3], double sh,
    double *ratio, int *order)
{
	*order = 0;
	*ratio = 0;
	if (L < W - 1e-9) {
		double r;

		if (st[2] > 0) {
			*order = 2;
			*ratio = (W - L) / st[2];
			return 0;
		}
		if (st[1] > 0) {
			*order = 1;
			*ratio = (W - L) / st[1];
			return 0;
		}
		if (st[0] <= 0)
			return QR_LB_INF;
		r = (W - L) / st[0];
		*ratio = r;
		return r > 4.65 ? QR_LB_INF : S_cap(100.0 * r * r * r);
	}
	if (L > W + 1e-9) {
		double r;

		if (sh <= 0) {
			*ratio = -1;
			return QR_LB_INF + 1;
		}
		r = (L - W) / sh;
		*ratio = -r;
		if (r > 1 + 1e-9) {
			*ratio = -1;
			return QR_LB_INF + 1;
		}
		return S_cap(100.0 * r * r * r);
	}
	return 0;
}

static int
S_fitness(double b, double ratio)
{
	if (ratio < 0)
		return b > 12 ? 3 : 2;
	if (b > 99)
		return 0;
	if (b > 12)
		return 1;
	return 2;
}

/* Sums of items [0, b) plus the discardable items from b on: the totals
 * at the start of the line that follows a break at b, and its index. */
static size_t
S_after_break(const qr_lb_item *items, size_t n, size_t b, totals *t)
{
	size_t i;

	for (i = b; i < n; i++) {
		const qr_lb_item *it = &items[i];

		if (it->type == QR_LB_BOX)
			break;
		if (it->type == QR_LB_GLUE) {
			t->w += it->width;
			t->st[it->order < 3 ? it->order : 2] += it->stretch;
			t->sh += it->shrink;
		} else if (i > b && it->penalty <= -QR_LB_INF) {
			break;
		}
	}
	return i;
}

/* Drop the nodes that can never be chosen. Nodes that start their next
 * line at the same item (after the same break or at consecutive breaks
 * with only discardable items between, e.g. the glue and the penalty of
 * a ragged space) have the same totals, so any later line from them has
 * the same badness, penalty and fitness class; with the same hyphenation
 * flag and line width, their candidates differ only by their demerits
 * and the adjacency demerits (at most |adj_demerits|). A node whose
 * demerits exceed those of a node created at this break (first_new on,
 * the latest position, so also the emergency's choice among them) by
 * more than that loses every comparison strictly, so the result does not
 * change. This keeps the final pass's active set small: there every line
 * that is not overfull stays feasible. Returns the new count. */
static size_t
S_prune(qr_linebreaker *lb, size_t nnext, size_t first_new,
    const qr_lb_params *p, size_t easy_line)
{
	int *na = lb->next_active;
	double margin = fabs(p->adj_demerits) + 1;
	size_t j = first_new, k, out;

	if (p->keep_dominated || p->looseness != 0 || nnext == first_new)
		return nnext;
	while (j > 0 && lb->nodes[na[j - 1]].start ==
	    lb->nodes[na[first_new]].start)
		j--;
	if (nnext - j < 2)
		return nnext;
	out = j;
	for (k = j; k < nnext; k++) {
		const lb_node *x = &lb->nodes[na[k]];
		size_t m;
		int dominated = 0;

		for (m = first_new; m < nnext && !dominated; m++) {
			const lb_node *y = &lb->nodes[na[m]];

			if (m == k || y->hyphenated != x->hyphenated)
				continue;
			if (y->line != x->line && ((size_t)y->line + 1 <=
			    easy_line || (size_t)x->line + 1 <= easy_line))
				continue;
			dominated = x->demerits > y->demerits + margin +
			    1e-9 * fabs(x->demerits);
		}
		if (!dominated)
			na[out++] = na[k];
	}
	return out;
}

/* A break at the glue i is never better than one at the penalty right
 * after it when that glue has no width and no shrink and the penalty is
 * legal, not positive, without width and not flagged: that line is the
 * same with the glue's stretch added (badness no worse, penalty no
 * worse) and the next line starts at the same item. The space of ragged
 * text (glue with stretch, penalty 0, glue taking the stretch back)
 * is this, so half of its legal breaks need no trying. */
static int
S_glue_break_dominated(const qr_lb_item *items, size_t n, size_t i,
    int use_hyphens)
{
	const qr_lb_item *g = &items[i], *q;

	if (i + 1 >= n || g->width != 0 || g->shrink != 0 ||
	    g->stretch < 0)
		return 0;
	q = &items[i + 1];
	return q->type == QR_LB_PENALTY && q->penalty <= 0 &&
	    q->penalty > -QR_LB_INF && q->width == 0 &&
	    !(q->flags & QR_LB_FLAGGED) &&
	    (use_hyphens || !(q->flags & QR_LB_HYPHEN));
}

typedef struct cand {
	double demerits;
	int prev;
	int line;
} cand;

/* One pass; returns the index of the best final node, -1 when the pass
 * fails (no feasible breaks), -2 when out of memory. */
static int
S_pass(qr_linebreaker *lb, const qr_lb_item *items, size_t n,
    const double *widths, size_t nwidths, const qr_lb_params *p,
    double threshold, int use_hyphens, int final)
{
	totals cur;
	size_t i, easy_line, skipped = (size_t)-1;
	int start;
	size_t max_active = p->max_active > 0 ? (size_t)p->max_active :
	    DEFAULT_MAX_ACTIVE;

	lb->nnodes = 0;
	lb->nactive = 0;
	lb->peak = 0;
	start = S_node_add(lb);
	if (start < 0 || S_active_reserve(lb, 16) < 0)
		return -2;
	lb->nodes[start].pos = (size_t)-1;
	lb->nodes[start].prev = -1;
	lb->nodes[start].fitness = 2;
	lb->nodes[start].start = 0;
	lb->active[lb->nactive++] = start;
	/* TeX's easy_line: lines past the last special width are alike, so
	 * nodes starting them compete in one group. Line numbers here are
	 * TeX's: the number of the line that starts at a node. */
	easy_line = p->looseness == 0 ? nwidths - 1 : (size_t)-1;

	memset(&cur, 0, sizeof cur);
	for (i = 0; i <= n; i++) {
		const qr_lb_item *it = i < n ? &items[i] : NULL;
		int legal = 0, forced = 0, flagged = 0;
		double pen = 0, pw = 0;

		if (it == NULL) {
			/* Implicit final break unless the last item forced one. */
			legal = n == 0 || !S_is_forced(&items[n - 1]);
			forced = 1;
			pen = -QR_LB_INF;
		} else if (it->type == QR_LB_GLUE) {
			legal = i > 0 && items[i - 1].type == QR_LB_BOX;
			if (legal && !p->keep_dominated &&
			    S_glue_break_dominated(items, n, i, use_hyphens)) {
				legal = 0;
				skipped = i;
			}
		} else if (it->type == QR_LB_PENALTY) {
			legal = it->penalty < QR_LB_INF &&
			    (use_hyphens || !(it->flags & QR_LB_HYPHEN) ||
			    it->penalty <= -QR_LB_INF);
			pen = it->penalty;
			pw = it->width;
			forced = pen <= -QR_LB_INF;
			flagged = (it->flags & QR_LB_FLAGGED) != 0;
		}
		if (legal) {
			/* try_break: walk the active nodes (sorted by line
			 * number), deactivating the ones that cannot reach i
			 * and collecting the best candidate per fitness class
			 * for each group of line numbers. */
			cand best[4];
			double minimum = AWFUL_BAD;
			size_t k, nnext = 0, first_new;
			size_t old_l = 0;
			double lw = 0;
			totals after;
			size_t after_start = 0;
			int after_done = 0;
			int c, art = -1;

			for (c = 0; c < 4; c++)
				best[c].demerits = AWFUL_BAD;
			if (S_active_reserve(lb, lb->nactive + 8) < 0)
				return -2;
			for (k = 0; k <= lb->nactive; k++) {
				int r = k < lb->nactive ? lb->active[k] : -1;
				size_t l = r >= 0 ? (size_t)lb->nodes[r].line + 1 : 0;

				if (r < 0 || l > old_l) {
					/* New line-number group: create the
					 * nodes of the previous one first. */
					if (minimum < AWFUL_BAD &&
					    (old_l != easy_line || r < 0)) {
						if (!after_done) {
							after = cur;
							after_start = it == NULL ? n :
							    S_after_break(items, n, i, &after);
							after_done = 1;
						}
						if (minimum + p->adj_demerits < AWFUL_BAD)
							minimum += p->adj_demerits;
						first_new = nnext;
						for (c = 0; c < 4; c++) {
							int nn;

							if (best[c].demerits > minimum)
								continue;
							if (S_active_reserve(lb, nnext + lb->nactive + 8) < 0)
								return -2;
							nn = S_node_add(lb);
							if (nn < 0)
								return -2;
							lb->nodes[nn].pos = i;
							lb->nodes[nn].start = after_start;
							lb->nodes[nn].line = best[c].line + 1;
							lb->nodes[nn].fitness = c;
							lb->nodes[nn].hyphenated = flagged;
							lb->nodes[nn].prev = best[c].prev;
							lb->nodes[nn].demerits = best[c].demerits;
							lb->nodes[nn].after = after;
							lb->next_active[nnext++] = nn;
						}
						nnext = S_prune(lb, nnext, first_new,
						    p, easy_line);
						minimum = AWFUL_BAD;
						for (c = 0; c < 4; c++)
							best[c].demerits = AWFUL_BAD;
					}
					if (r < 0)
						break;
					lw = S_line_width(widths, nwidths, (int)l);
					old_l = l > easy_line ? (size_t)-2 : l;
				}

				{
					lb_node *a = &lb->nodes[r];
					double st[3], L, b, ratio, d;
					int order, fit, stay;

					if (i < a->start) {
						/* i lies among the discarded
						 * items after a's break: no line
						 * between them. */
						lb->next_active[nnext++] = r;
						continue;
					}

					L = cur.w - a->after.w + pw;
					st[0] = cur.st[0] - a->after.st[0];
					st[1] = cur.st[1] - a->after.st[1];
					st[2] = cur.st[2] - a->after.st[2];
					b = S_badness(L, lw, st, cur.sh - a->after.sh,
					    &ratio, &order);
					if (b > QR_LB_INF) {
						/* Overfull: deactivate; remember the
						 * latest such node for the emergency. */
						if (final && (art < 0 ||
						    a->pos + 1 > lb->nodes[art].pos + 1 ||
						    (a->pos == lb->nodes[art].pos &&
						    a->demerits < lb->nodes[art].demerits)))
							art = r;
						continue;
					}
					if (forced) {
						stay = 0;
						if (b > threshold)
							continue;
					} else {
						stay = 1;
						if (b > threshold) {
							lb->next_active[nnext++] = r;
							continue;
						}
					}
					d = p->line_penalty + b;
					d = fabs(d) >= 10000 ? 1e8 : d * d;
					if (pen > 0)
						d += pen * pen;
					else if (pen > -QR_LB_INF)
						d -= pen * pen;
					if (a->hyphenated) {
						if (it == NULL || (forced && i + 1 >= n))
							d += p->final_hyphen_demerits;
						else if (flagged)
							d += p->double_hyphen_demerits;
					}
					fit = S_fitness(b, ratio);
					if (abs(fit - a->fitness) > 1)
						d += p->adj_demerits;
					d += a->demerits;
					if (d <= best[fit].demerits) {
						best[fit].demerits = d;
						best[fit].prev = r;
						best[fit].line = a->line;
						if (d < minimum)
							minimum = d;
					}
					if (stay)
						lb->next_active[nnext++] = r;
				}
			}
			if (nnext == 0 && art >= 0) {
				/* Emergency: nothing can reach this break, and
				 * the line from the latest node is overfull: a
				 * single piece wider than the measure. Take it
				 * (TeX's artificial_demerits). */
				int nn = S_node_add(lb);

				if (nn < 0)
					return -2;
				if (!after_done) {
					after = cur;
					after_start = it == NULL ? n :
					    S_after_break(items, n, i, &after);
				}
				/* at the skipped glue before this penalty, where
				 * every node was as overfull as here */
				lb->nodes[nn].pos = i > 0 && skipped == i - 1 ?
				    i - 1 : i;
				lb->nodes[nn].start = after_start;
				lb->nodes[nn].line = lb->nodes[art].line + 1;
				lb->nodes[nn].fitness = 2;
				lb->nodes[nn].hyphenated = flagged;
				lb->nodes[nn].prev = art;
				lb->nodes[nn].demerits = lb->nodes[art].demerits;
				lb->nodes[nn].after = after;
				lb->next_active[nnext++] = nn;
			}
			/* Swap in the new active list. */
			{
				int *tmp = lb->active;

				lb->active = lb->next_active;
				lb->next_active = tmp;
				lb->nactive = nnext;
			}
			if (lb->nactive == 0)
				return -1;
			/* Bound the active set: drop the worst totals. */
			while (lb->nactive > max_active) {
				size_t worst = 0, j;

				for (j = 1; j < lb->nactive; j++)
					if (lb->nodes[lb->active[j]].demerits >
					    lb->nodes[lb->active[worst]].demerits)
						worst = j;
				memmove(&lb->active[worst], &lb->active[worst + 1],
				    (lb->nactive - worst - 1) * sizeof(int));
				lb->nactive--;
			}
			if (lb->nactive > lb->peak)
				lb->peak = lb->nactive;
		}
		if (it != NULL) {
			if (it->type == QR_LB_BOX) {
				cur.w += it->width;
			} else if (it->type == QR_LB_GLUE) {
				cur.w += it->width;
				cur.st[it->order < 3 ? it->order : 2] += it->stretch;
				cur.sh += it->shrink;
			}
		}
	}
	/* The best of the nodes at the final break. */
	{
		size_t k;
		int best = -1;

		for (k = 0; k < lb->nactive; k++) {
			int r = lb->active[k];

			if (best < 0 || lb->nodes[r].demerits <
			    lb->nodes[best].demerits)
				best = r;
		}
		if (best >= 0 && p->looseness != 0) {
			int target = lb->nodes[best].line + p->looseness;
			int bestl = best;

			for (k = 0; k < lb->nactive; k++) {
				int r = lb->active[k];
				int dl = abs(lb->nodes[r].line - target);
				int db = abs(lb->nodes[bestl].line - target);

				if (dl < db || (dl == db && lb->nodes[r].demerits <
				    lb->nodes[bestl].demerits))
					bestl = r;
			}
			best = bestl;
		}
		return best;
	}
}

/* Turn the chain of nodes ending at last into lines. */
static int
S_collect(qr_linebreaker *lb, const qr_lb_item *items, size_t n,
    const double *widths, size_t nwidths, int last, size_t *nlines)
{
	int r, count = 0;

	for (r = last; r >= 0 && lb->nodes[r].prev >= 0; r = lb->nodes[r].prev)
		count++;
	if ((size_t)count > lb->caplines) {
		qr_lb_line *l = realloc(lb->lines, (size_t)count * sizeof *l);

		if (l == NULL)
			return -1;
		lb->lines = l;
		lb->caplines = (size_t)count;
	}
	*nlines = (size_t)count;
	for (r = last; r >= 0 && lb->nodes[r].prev >= 0; r = lb->nodes[r].prev) {
		const lb_node *b = &lb->nodes[r], *a = &lb->nodes[b->prev];
		qr_lb_line *ln = &lb->lines[--count];
		double st[3] = {0, 0, 0}, sh = 0, L = 0, bad;
		size_t j;

		ln->start = a->start;
		ln->end = b->pos < n ? b->pos : n;
		for (j = ln->start; j < ln->end; j++) {
			const qr_lb_item *it = &items[j];

			if (it->type == QR_LB_BOX) {
				L += it->width;
			} else if (it->type == QR_LB_GLUE) {
				L += it->width;
				st[it->order < 3 ? it->order : 2] += it->stretch;
				sh += it->shrink;
			}
		}
		if (ln->end < n && items[ln->end].type == QR_LB_PENALTY)
			L += items[ln->end].width;
		ln->width = S_line_width(widths, nwidths, b->line);
		ln->natural = L;
		bad = S_badness(L, ln->width, st, sh, &ln->ratio, &ln->order);
		ln->overfull = bad > QR_LB_INF;
		ln->badness = bad > QR_LB_INF ? QR_LB_INF : bad;
		ln->fitness = b->fitness;
		ln->hyphenated = b->hyphenated;
		if (ln->ratio < -1)
			ln->ratio = -1;
	}
	return 0;
}

int
qr_lb_break(qr_linebreaker *lb, const qr_lb_item *items, size_t n,
    const double *widths, size_t nwidths, const qr_lb_params *params,
    const qr_lb_line **lines, size_t *nlines)
{
	qr_lb_params def;
	int pass, best = -1;
	double one = 0;

	if (params == NULL) {
		qr_lb_params_default(&def);
		params = &def;
	}
	*lines = lb->lines;
	*nlines = 0;
	lb->pass = 0;
	if (n == 0)
		return 0;
	if (widths == NULL || nwidths == 0) {
		widths = &one;
		nwidths = 1;
	}
	for (pass = 1; pass <= 3; pass++) {
		if (pass == 1 && params->pretolerance < 0)
			continue;
		if (pass == 3 && !params->emergency)
			break;
		best = S_pass(lb, items, n, widths, nwidths, params,
		    pass == 1 ? params->pretolerance : pass == 2 ?
		    params->tolerance : QR_LB_INF, pass > 1,
		    pass == 3);
		if (best == -2)
			return -1;
		if (best >= 0)
			break;
	}
	if (best < 0)
		return 1; /* only without the emergency pass */
	lb->pass = pass;
	if (S_collect(lb, items, n, widths, nwidths, best, nlines) < 0)
		return -1;
	*lines = lb->lines;
	return 0;
}
