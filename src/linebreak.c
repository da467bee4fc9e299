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
	totals after;    /* sums of items [0, start) */
	double demerits; /* total from the start */
	size_t start;    /* first item of the next line */
	size_t pos;      /* index of the break item; SIZE_MAX for the start */
	int line;        /* number of the line ending here (0 at the start) */
	int prev;        /* node index, -1 for the start */
	unsigned char fitness;
	unsigned char hyphenated;
} lb_node;

/* A break that is legal in some pass, found once for the three passes:
 * the running sums there and after its discardable items are what each
 * pass summed item by item, in the same order, so they are the same
 * numbers. */
typedef struct lb_brk {
	totals cur;      /* sums of items [0, pos) */
	totals after;    /* sums of items [0, start) */
	double pen, pw;  /* penalty and its width (0 at a glue) */
	size_t pos;      /* the break item; n for the implicit final break */
	size_t start;    /* first item of the line after it: the next box, or
	                    a forced penalty after pos, or n */
	unsigned char legal;   /* BRK_PLAIN: legal without hyphenation
	                          points (pass 1); BRK_HYPH: with them */
	unsigned char skipped; /* the same bits: the glue before it was a
	                          legal break skipped as dominated */
	unsigned char forced, flagged;
	unsigned char fil;     /* a stretch of order fil or fill is in
	                          items [0, pos) */
} lb_brk;

enum { BRK_PLAIN = 1, BRK_HYPH = 2 };

struct qr_linebreaker {
	lb_node *nodes;
	size_t nnodes, capnodes;
	int *active, *next_active;
	size_t nactive, capactive;
	lb_brk *brks;
	size_t nbrks, capbrks;
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
	free(lb->brks);
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

/* The adjustment of a line of natural width L set to width W with
 * stretch st0, st1, st2 (finite, fil, fill) and shrink sh: ratio, order
 * and badness (TeX's, in doubles: 100 r^3 capped at QR_LB_INF;
 * QR_LB_INF + 1 for an overfull line). */
static inline double
S_badness(double L, double W, double st0, double st1, double st2,
    double sh, double *ratio, int *order)
{
	*order = 0;
	*ratio = 0;
	if (L < W - 1e-9) {
		double r;

		if (st2 > 0) {
			*order = 2;
			*ratio = (W - L) / st2;
			return 0;
		}
		if (st1 > 0) {
			*order = 1;
			*ratio = (W - L) / st1;
			return 0;
		}
		if (st0 <= 0)
			return QR_LB_INF;
		r = (W - L) / st0;
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

/* S_badness of a line short of its width by gap (> 1e-9) with finite
 * stretch st0 alone. */
static inline double
S_badness_loose(double gap, double st0, double *ratio)
{
	double r;

	*ratio = 0;
	if (st0 <= 0)
		return QR_LB_INF;
	r = gap / st0;
	*ratio = r;
	return r > 4.65 ? QR_LB_INF : S_cap(100.0 * r * r * r);
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

/* Break br at item pos: the running sums cur before it. */
static inline void
S_brk_set(lb_brk *br, size_t pos, const totals *cur, double pen, double pw,
    unsigned char legal, unsigned char skipped, int forced, int flagged,
    int fil)
{
	br->cur = *cur;
	br->pen = pen;
	br->pw = pw;
	br->pos = pos;
	br->legal = legal;
	br->skipped = skipped;
	br->forced = (unsigned char)forced;
	br->flagged = (unsigned char)flagged;
	br->fil = (unsigned char)fil;
}

/* The legal breaks of items[0, n) for every pass, in order, with the
 * sums of the items before each (what a pass adds up item by item) and
 * after its discardable items: the glue and penalties after a break up
 * to the next box or forced penalty start no line, so the next line's
 * sums are the running sums there (TeX's break_width, added in the same
 * order as the running sums, so the same numbers). -1 when out of
 * memory. */
static int
S_find_breaks(qr_linebreaker *lb, const qr_lb_item *items, size_t n,
    const qr_lb_params *p)
{
	totals cur;
	lb_brk *brks;
	size_t i, nb = 0, pending = 0; /* breaks from pending on want
	                                  their start */
	unsigned char skip = 0; /* the item before was a skipped glue */
	int fil = 0;

	/* at most one break per item, and the implicit final one */
	if (n + 1 > lb->capbrks) {
		lb_brk *v = realloc(lb->brks, (n + 1) * sizeof *v);

		if (v == NULL)
			return -1;
		lb->brks = v;
		lb->capbrks = n + 1;
	}
	brks = lb->brks;
	memset(&cur, 0, sizeof cur);
	for (i = 0; i < n; i++) {
		const qr_lb_item *it = &items[i];
		unsigned char was_skip = skip;

		skip = 0;
		if (it->type == QR_LB_BOX) {
			for (; pending < nb; pending++) {
				brks[pending].start = i;
				brks[pending].after = cur;
			}
			cur.w += it->width;
			continue;
		}
		if (it->type == QR_LB_GLUE) {
			if (i > 0 && items[i - 1].type == QR_LB_BOX) {
				unsigned char legal = BRK_PLAIN | BRK_HYPH;

				/* dominated when hyphenation points are
				 * breaks, and without them too unless the
				 * penalty after it is one */
				if (!p->keep_dominated &&
				    S_glue_break_dominated(items, n, i, 1))
					skip = items[i + 1].flags & QR_LB_HYPHEN ?
					    BRK_HYPH : BRK_PLAIN | BRK_HYPH;
				legal &= (unsigned char)~skip;
				if (legal != 0)
					S_brk_set(&brks[nb++], i, &cur, 0, 0, legal,
					    was_skip, 0, 0, fil);
			}
			cur.w += it->width;
			if (it->order == 0) {
				cur.st[0] += it->stretch;
			} else {
				cur.st[it->order < 3 ? it->order : 2] +=
				    it->stretch;
				if (it->stretch != 0)
					fil = 1;
			}
			cur.sh += it->shrink;
			continue;
		}
		if (it->penalty <= -QR_LB_INF) {
			for (; pending < nb; pending++) {
				brks[pending].start = i;
				brks[pending].after = cur;
			}
		} else if (it->penalty >= QR_LB_INF) {
			continue;
		}
		S_brk_set(&brks[nb++], i, &cur, it->penalty, it->width,
		    !(it->flags & QR_LB_HYPHEN) || it->penalty <= -QR_LB_INF ?
		    BRK_PLAIN | BRK_HYPH : BRK_HYPH, was_skip,
		    it->penalty <= -QR_LB_INF, (it->flags & QR_LB_FLAGGED) != 0,
		    fil);
	}
	/* The implicit final break unless the last item forced one. */
	if (n == 0 || !S_is_forced(&items[n - 1]))
		S_brk_set(&brks[nb++], n, &cur, -QR_LB_INF, 0,
		    BRK_PLAIN | BRK_HYPH, 0, 1, 0, fil);
	for (; pending < nb; pending++) {
		brks[pending].start = n;
		brks[pending].after = cur;
	}
	lb->nbrks = nb;
	return 0;
}

typedef struct cand {
	double demerits;
	int prev;
	int line;
} cand;

/* The nodes of one line-number group at break br: the best candidate of
 * each fitness class within adj_demerits of the group's best (TeX's),
 * then S_prune. Returns the new length of next_active, or (size_t)-1
 * when out of memory. */
static size_t
S_add_nodes(qr_linebreaker *lb, const lb_brk *br, const cand best[4],
    double minimum, size_t nnext, const qr_lb_params *p, size_t easy_line)
{
	size_t first_new = nnext;
	int c;

	if (minimum + p->adj_demerits < AWFUL_BAD)
		minimum += p->adj_demerits;
	for (c = 0; c < 4; c++) {
		lb_node *x;

		if (best[c].demerits > minimum)
			continue;
		if (S_active_reserve(lb, nnext + lb->nactive + 8) < 0 ||
		    (lb->nnodes == lb->capnodes && S_node_grow(lb) < 0))
			return (size_t)-1;
		x = &lb->nodes[lb->nnodes];
		x->after = br->after;
		x->demerits = best[c].demerits;
		x->start = br->start;
		x->pos = br->pos;
		x->line = best[c].line + 1;
		x->prev = best[c].prev;
		x->fitness = (unsigned char)c;
		x->hyphenated = br->flagged;
		lb->next_active[nnext++] = (int)lb->nnodes++;
	}
	/* S_prune's first test: one new node, and the node before it does
	 * not start its next line at the same item, so none to compare. */
	if (nnext - first_new == 1 && (first_new == 0 ||
	    lb->nodes[lb->next_active[first_new - 1]].start !=
	    lb->nodes[lb->next_active[first_new]].start))
		return nnext;
	return S_prune(lb, nnext, first_new, p, easy_line);
}

/* One pass over the breaks S_find_breaks found; returns the index of the
 * best final node, -1 when the pass fails (no feasible breaks), -2 when
 * out of memory. */
static int
S_pass(qr_linebreaker *lb, size_t n, const double *widths, size_t nwidths,
    const qr_lb_params *p, double threshold, int use_hyphens, int final)
{
	unsigned char bit = use_hyphens ? BRK_HYPH : BRK_PLAIN;
	double line_penalty = p->line_penalty, adj = p->adj_demerits;
	int use_adj = adj != 0;
	size_t bi, easy_line;
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

	for (bi = 0; bi < lb->nbrks; bi++) {
		/* try_break: walk the active nodes (sorted by line number),
		 * deactivating the ones that cannot reach this break and
		 * collecting the best candidate per fitness class for each
		 * group of line numbers. */
		const lb_brk *br = &lb->brks[bi];
		size_t i = br->pos;
		int forced = br->forced, fil = br->fil;
		double pen = br->pen, pen_d = 0;
		double cw = br->cur.w, cst0 = br->cur.st[0], csh = br->cur.sh;
		double pw = br->pw;
		cand best[4];
		double minimum = AWFUL_BAD, lw = 0, lw_lo = -1e-9;
		size_t k, nnext = 0, old_l = 0;
		int c, art = -1;

		if (!(br->legal & bit))
			continue;
		/* The penalty's demerits: + pen^2, or - pen^2 for a bonus
		 * (x - y is x + -y exactly), none (+ 0) for a forced break:
		 * adding 0 changes no d, which is never -0 (a square, plus
		 * terms). */
		if (pen > 0)
			pen_d = pen * pen;
		else if (pen > -QR_LB_INF)
			pen_d = -(pen * pen);
		for (c = 0; c < 4; c++)
			best[c].demerits = AWFUL_BAD;
		if (S_active_reserve(lb, lb->nactive + 8) < 0)
			return -2;
		if (easy_line == 0) {
			/* One width: every line is past the last special
			 * one, so all nodes form one group (what the first
			 * node's test below would find). */
			lw = widths[0];
			old_l = (size_t)-2;
			lw_lo = lw - 1e-9;
		}
		for (k = 0; k < lb->nactive; k++) {
			int r = lb->active[k];
			const lb_node *a = &lb->nodes[r];
			double L, b, ratio, d;
			int order, fit;

			if (old_l != (size_t)-2 && (size_t)a->line + 1 > old_l) {
				/* New line-number group: create the nodes of
				 * the previous one first. */
				size_t l = (size_t)a->line + 1;

				if (minimum < AWFUL_BAD && old_l != easy_line) {
					nnext = S_add_nodes(lb, br, best, minimum,
					    nnext, p, easy_line);
					if (nnext == (size_t)-1)
						return -2;
					a = &lb->nodes[r];
					minimum = AWFUL_BAD;
					for (c = 0; c < 4; c++)
						best[c].demerits = AWFUL_BAD;
				}
				lw = S_line_width(widths, nwidths, (int)l);
				lw_lo = lw - 1e-9;
				old_l = l > easy_line ? (size_t)-2 : l;
			}
			if (i < a->start) {
				/* i lies among the discarded items after a's
				 * break: no line between them. */
				lb->next_active[nnext++] = r;
				continue;
			}
			L = cw - a->after.w + pw;
			/* Without fil or fill stretch so far, the sums of
			 * their stretch are sums of zeros: 0 - 0 is 0; a line
			 * short of its measure is S_badness's first case. */
			if (fil)
				b = S_badness(L, lw, cst0 - a->after.st[0],
				    br->cur.st[1] - a->after.st[1],
				    br->cur.st[2] - a->after.st[2],
				    csh - a->after.sh, &ratio, &order);
			else if (L < lw_lo)
				b = S_badness_loose(lw - L, cst0 - a->after.st[0],
				    &ratio);
			else
				b = S_badness(L, lw, cst0 - a->after.st[0], 0, 0,
				    csh - a->after.sh, &ratio, &order);
			if (b > QR_LB_INF) {
				/* Overfull: deactivate; remember the latest
				 * such node for the emergency. */
				if (final && (art < 0 ||
				    a->pos + 1 > lb->nodes[art].pos + 1 ||
				    (a->pos == lb->nodes[art].pos &&
				    a->demerits < lb->nodes[art].demerits)))
					art = r;
				continue;
			}
			if (b > threshold) {
				if (!forced)
					lb->next_active[nnext++] = r;
				continue;
			}
			d = line_penalty + b;
			d = fabs(d) >= 10000 ? 1e8 : d * d;
			d += pen_d;
			if (a->hyphenated) {
				if (forced && i + 1 >= n)
					d += p->final_hyphen_demerits;
				else if (br->flagged)
					d += p->double_hyphen_demerits;
			}
			fit = S_fitness(b, ratio);
			/* Adding adj_demerits 0 changes nothing (d is never
			 * -0). */
			if (use_adj && abs(fit - a->fitness) > 1)
				d += adj;
			d += a->demerits;
			if (d <= best[fit].demerits) {
				best[fit].demerits = d;
				best[fit].prev = r;
				best[fit].line = a->line;
				if (d < minimum)
					minimum = d;
			}
			if (!forced)
				lb->next_active[nnext++] = r;
		}
		if (minimum < AWFUL_BAD) {
			nnext = S_add_nodes(lb, br, best, minimum, nnext, p,
			    easy_line);
			if (nnext == (size_t)-1)
				return -2;
		}
		if (nnext == 0 && art >= 0) {
			/* Emergency: nothing can reach this break, and the
			 * line from the latest node is overfull: a single
			 * piece wider than the measure. Take it (TeX's
			 * artificial_demerits). */
			int nn = S_node_add(lb);
			lb_node *x;

			if (nn < 0)
				return -2;
			x = &lb->nodes[nn];
			/* at the skipped glue before this penalty, where
			 * every node was as overfull as here */
			x->pos = i > 0 && (br->skipped & bit) ? i - 1 : i;
			x->start = br->start;
			x->line = lb->nodes[art].line + 1;
			x->fitness = 2;
			x->hyphenated = br->flagged;
			x->prev = art;
			x->demerits = lb->nodes[art].demerits;
			x->after = br->after;
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
		double st0 = 0, st1 = 0, st2 = 0, sh = 0, L = 0, bad;
		size_t j;

		ln->start = a->start;
		ln->end = b->pos < n ? b->pos : n;
		for (j = ln->start; j < ln->end; j++) {
			const qr_lb_item *it = &items[j];

			if (it->type == QR_LB_PENALTY)
				continue;
			L += it->width;
			if (it->type == QR_LB_GLUE) {
				if (it->order == 0)
					st0 += it->stretch;
				else if (it->order == 1)
					st1 += it->stretch;
				else
					st2 += it->stretch;
				sh += it->shrink;
			}
		}
		if (ln->end < n && items[ln->end].type == QR_LB_PENALTY)
			L += items[ln->end].width;
		ln->width = S_line_width(widths, nwidths, b->line);
		ln->natural = L;
		bad = S_badness(L, ln->width, st0, st1, st2, sh, &ln->ratio,
		    &ln->order);
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
	/* The breaks are the same for every pass. */
	if (S_find_breaks(lb, items, n, params) < 0)
		return -1;
	for (pass = 1; pass <= 3; pass++) {
		if (pass == 1 && params->pretolerance < 0)
			continue;
		if (pass == 3 && !params->emergency)
			break;
		best = S_pass(lb, n, widths, nwidths, params,
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
