/* layout_table_grid.c: the pure parts of table layout: column widths,
 * placing cells with their spans into a grid, and resolving collapsed
 * borders per grid segment once before layout. */
#include <stdlib.h>
#include <string.h>

#include "layout_table.h"

/* ---- column widths ---------------------------------------------------- */

int qr_table_columns_place(const qr_tcol_spec *specs, size_t nspecs,
    qr_tcol_width *out, int ncols)
{
	int next = 1, maxcol = 0;

	for (int i = 0; i < ncols; i++)
		memset(&out[i], 0, sizeof out[i]);
	for (size_t s = 0; s < nspecs; s++) {
		int first = specs[s].column_number > 0 ?
		    specs[s].column_number : next;
		int rep = specs[s].repeated > 0 ? specs[s].repeated : 1;
		/* Bound the repeat so a hostile number cannot run for ages. */
		if (rep > 10000)
			rep = 10000;
		for (int k = 0; k < rep; k++) {
			int c = first + k;
			if (c >= 1 && c <= ncols)
				out[c - 1] = specs[s].width;
			if (c > maxcol)
				maxcol = c;
		}
		next = first + rep;
	}
	return maxcol;
}

double qr_table_widths_fixed(const qr_tcol_width *cols, int ncols,
    double avail, double *out)
{
	double fixed = 0, units = 0, total = 0;

	for (int i = 0; i < ncols; i++) {
		const qr_tcol_width *w = &cols[i];
		if (!w->is_set) {
			units += 1;
			continue;
		}
		double f = w->abs + w->pct / 100.0 * avail;
		if (f < 0)
			f = 0;
		fixed += f;
		units += w->prop > 0 ? w->prop : 0;
	}
	double left = avail - fixed;
	if (left < 0)
		left = 0;
	for (int i = 0; i < ncols; i++) {
		const qr_tcol_width *w = &cols[i];
		double f = 0, u = 1;
		if (w->is_set) {
			f = w->abs + w->pct / 100.0 * avail;
			if (f < 0)
				f = 0;
			u = w->prop > 0 ? w->prop : 0;
		}
		out[i] = f + (units > 0 ? left * u / units : 0);
		total += out[i];
	}
	return total;
}

double qr_table_widths_auto(const qr_tcol_width *cols, const double *minw,
    const double *maxw, int ncols, double avail, double *out)
{
	double fixed = 0, summin = 0, summax = 0, total = 0;
	int nfree = 0;

	/* Specified widths (absolute or percentage) are taken as they are,
	 * but never below the column's minimum content width. */
	for (int i = 0; i < ncols; i++) {
		const qr_tcol_width *w = &cols[i];
		if (w->is_set && w->prop <= 0) {
			double f = w->abs + w->pct / 100.0 * avail;
			if (f < minw[i])
				f = minw[i];
			out[i] = f;
			fixed += f;
		} else {
			out[i] = -1;
			summin += minw[i];
			summax += maxw[i] > minw[i] ? maxw[i] : minw[i];
			nfree++;
		}
	}
	double left = avail - fixed;
	if (nfree > 0) {
		if (left >= summax) {
			/* Everything fits unbroken: give the surplus out in
			 * proportion to max widths so the table fills avail,
			 * as fixed tables do. */
			double extra = left - summax;
			for (int i = 0; i < ncols; i++) {
				if (out[i] >= 0)
					continue;
				double mx = maxw[i] > minw[i] ? maxw[i] : minw[i];
				out[i] = mx + (summax > 0 ? extra * mx / summax :
				    extra / nfree);
			}
		} else if (left >= summin) {
			/* Between the minima and the maxima: each column gets
			 * its minimum plus a share of the rest in proportion
			 * to how much more it would like. */
			double want = summax - summin, give = left - summin;
			for (int i = 0; i < ncols; i++) {
				if (out[i] >= 0)
					continue;
				double mx = maxw[i] > minw[i] ? maxw[i] : minw[i];
				out[i] = minw[i] + (want > 0 ?
				    give * (mx - minw[i]) / want : 0);
			}
		} else {
			/* Not even the minima fit: scale them down to share
			 * whatever is left (content will overflow, with a
			 * warning from the line breaker). */
			double sh = left > 0 ? left : 0;
			for (int i = 0; i < ncols; i++) {
				if (out[i] >= 0)
					continue;
				out[i] = summin > 0 ? sh * minw[i] / summin :
				    sh / nfree;
			}
		}
	}
	for (int i = 0; i < ncols; i++)
		total += out[i];
	/* Fixed columns that overran avail are scaled back when the table
	 * would otherwise be wider than its space. */
	if (total > avail && fixed > 0 && avail > 0) {
		double scale = avail / total;
		total = 0;
		for (int i = 0; i < ncols; i++) {
			out[i] *= scale;
			total += out[i];
		}
	}
	return total;
}

/* ---- the cell grid ----------------------------------------------------- */

static int S_grid_grow(qr_tgrid *g, int ncols)
{
	int *slot = malloc(sizeof *slot * (size_t)g->nrows * (size_t)ncols);
	if (!slot)
		return -1;
	for (int r = 0; r < g->nrows; r++)
		for (int c = 0; c < ncols; c++)
			slot[r * ncols + c] = c < g->ncols ?
			    g->slot[r * g->ncols + c] : -1;
	free(g->slot);
	g->slot = slot;
	g->ncols = ncols;
	return 0;
}

static int S_free_run(const qr_tgrid *g, int row, int col, int rs, int cs)
{
	for (int r = row; r < row + rs; r++)
		for (int c = col; c < col + cs; c++)
			if (c < g->ncols && g->slot[r * g->ncols + c] >= 0)
				return 0;
	return 1;
}

int qr_tgrid_build(qr_tgrid *g, const qr_tcell_in *cells, size_t ncells,
    int nrows, int ncols)
{
	memset(g, 0, sizeof *g);
	if (nrows < 0)
		nrows = 0;
	if (ncols < 1)
		ncols = 1;
	g->nrows = nrows;
	g->ncols = ncols;
	g->slot = malloc(sizeof *g->slot * ((size_t)nrows * (size_t)ncols + 1));
	g->cells = calloc(ncells + 1, sizeof *g->cells);
	if (!g->slot || !g->cells) {
		qr_tgrid_free(g);
		return -1;
	}
	for (int i = 0; i < nrows * ncols; i++)
		g->slot[i] = -1;
	int cur_row = -1, next_col = 0;
	for (size_t i = 0; i < ncells; i++) {
		const qr_tcell_in *in = &cells[i];
		int row = in->row;
		if (row != cur_row) {
			cur_row = row;
			next_col = 0;
		}
		if (row < 0 || row >= nrows)
			continue;
		int cs = in->colspan > 0 ? in->colspan : 1;
		int rs = in->rowspan > 0 ? in->rowspan : 1;
		if (cs > 1000)
			cs = 1000;
		if (row + rs > nrows) {
			rs = nrows - row;
			g->clipped_rows++;
		}
		int col = -1;
		if (in->column_number > 0 && in->column_number <= 10000) {
			int want = in->column_number - 1;
			if (S_free_run(g, row, want, rs, cs))
				col = want;
			else
				g->moved++;
		}
		if (col < 0) {
			/* After the previous cell of the row, skipping columns
			 * taken by row spans from above (XSL 7.26.8, the
			 * initial value of column-number). */
			for (col = next_col;; col++)
				if (S_free_run(g, row, col, rs, cs))
					break;
		}
		if (col + cs > g->ncols && S_grid_grow(g, col + cs) < 0) {
			qr_tgrid_free(g);
			return -1;
		}
		next_col = col + cs;
		qr_tcell_pos *p = &g->cells[g->ncells];
		p->row = row;
		p->col = col;
		p->rowspan = rs;
		p->colspan = cs;
		p->user = in->user;
		p->line = in->line;
		for (int r = row; r < row + rs; r++)
			for (int c = col; c < col + cs; c++)
				g->slot[r * g->ncols + c] = (int)g->ncells;
		g->ncells++;
	}
	return 0;
}

void qr_tgrid_free(qr_tgrid *g)
{
	free(g->slot);
	free(g->cells);
	g->slot = NULL;
	g->cells = NULL;
	g->ncells = 0;
}

int qr_tgrid_at(const qr_tgrid *g, int row, int col)
{
	if (row < 0 || row >= g->nrows || col < 0 || col >= g->ncols)
		return -1;
	return g->slot[row * g->ncols + col];
}

/* ---- borders --------------------------------------------------------- */

static int S_style_rank(qr_bstyle s)
{
	/* qr_bstyle is declared in ascending priority from inset to double
	 * (XSL 1.1 / CSS 2.1 17.6.2.1). */
	return (int)s;
}

double qr_tborder_width(qr_tborder b)
{
	if (b.style == QR_B_NONE || b.style == QR_B_HIDDEN)
		return 0;
	return b.width > 0 ? b.width : 0;
}

qr_tborder qr_tborder_winner(qr_tborder a, qr_tborder b)
{
	if (a.style == QR_B_HIDDEN)
		return a;
	if (b.style == QR_B_HIDDEN)
		return b;
	double wa = qr_tborder_width(a), wb = qr_tborder_width(b);
	if (wa == 0 && wb == 0)
		return a.style != QR_B_NONE || b.style == QR_B_NONE ? a : b;
	if (wa != wb)
		return wa > wb ? a : b;
	if (a.style != b.style)
		return S_style_rank(a.style) >= S_style_rank(b.style) ? a : b;
	return a.src >= b.src ? a : b;
}

static qr_tborder S_none(void)
{
	qr_tborder n;
	memset(&n, 0, sizeof n);
	return n;
}

/* Fold a candidate into the running winner. */
static void S_take(qr_tborder *w, const qr_tborder *cand)
{
	if (cand)
		*w = qr_tborder_winner(*w, *cand);
}

int qr_table_collapse(const qr_tcollapse_in *in, qr_tcollapsed *out)
{
	const qr_tgrid *g = in->g;
	int R = g->nrows, C = g->ncols;

	memset(out, 0, sizeof *out);
	out->nrows = R;
	out->ncols = C;
	out->h = calloc((size_t)(R + 1) * (size_t)C + 1, sizeof *out->h);
	out->v = calloc((size_t)R * (size_t)(C + 1) + 1, sizeof *out->v);
	if (!out->h || !out->v) {
		qr_tcollapsed_free(out);
		return -1;
	}
	/* Horizontal segments: above row r (r == R: below the last). */
	for (int r = 0; r <= R; r++) {
		for (int c = 0; c < C; c++) {
			int up = r > 0 ? qr_tgrid_at(g, r - 1, c) : -1;
			int dn = r < R ? qr_tgrid_at(g, r, c) : -1;
			qr_tborder w = S_none();
			if (up >= 0 && up == dn) {
				out->h[r * C + c] = w; /* inside a row span */
				continue;
			}
			/* The earlier (before) side is folded first so that a
			 * full tie goes to it. */
			if (up >= 0 && in->cell)
				S_take(&w, &in->cell[up][QR_SIDE_AFTER]);
			if (r > 0 && in->row)
				S_take(&w, &in->row[r - 1][QR_SIDE_AFTER]);
			if (r > 0 && in->part && in->row_part &&
			    (r == R || in->row_part[r] != in->row_part[r - 1]))
				S_take(&w, &in->part[in->row_part[r - 1]]
				    [QR_SIDE_AFTER]);
			if (dn >= 0 && in->cell)
				S_take(&w, &in->cell[dn][QR_SIDE_BEFORE]);
			if (r < R && in->row)
				S_take(&w, &in->row[r][QR_SIDE_BEFORE]);
			if (r < R && in->part && in->row_part &&
			    (r == 0 || in->row_part[r] != in->row_part[r - 1]))
				S_take(&w, &in->part[in->row_part[r]]
				    [QR_SIDE_BEFORE]);
			if (in->col && r == 0)
				S_take(&w, &in->col[c][QR_SIDE_BEFORE]);
			if (in->col && r == R)
				S_take(&w, &in->col[c][QR_SIDE_AFTER]);
			if (in->table && r == 0)
				S_take(&w, &in->table[QR_SIDE_BEFORE]);
			if (in->table && r == R)
				S_take(&w, &in->table[QR_SIDE_AFTER]);
			out->h[r * C + c] = w;
		}
	}
	/* Vertical segments: left of column c on row r (c == C: right). */
	for (int r = 0; r < R; r++) {
		for (int c = 0; c <= C; c++) {
			int lt = c > 0 ? qr_tgrid_at(g, r, c - 1) : -1;
			int rt = c < C ? qr_tgrid_at(g, r, c) : -1;
			qr_tborder w = S_none();
			if (lt >= 0 && lt == rt) {
				out->v[r * (C + 1) + c] = w;
				continue;
			}
			if (lt >= 0 && in->cell)
				S_take(&w, &in->cell[lt][QR_SIDE_END]);
			if (c > 0 && in->col)
				S_take(&w, &in->col[c - 1][QR_SIDE_END]);
			if (rt >= 0 && in->cell)
				S_take(&w, &in->cell[rt][QR_SIDE_START]);
			if (c < C && in->col)
				S_take(&w, &in->col[c][QR_SIDE_START]);
			if (c == 0 || c == C) {
				int side = c == 0 ? QR_SIDE_START : QR_SIDE_END;
				if (in->row)
					S_take(&w, &in->row[r][side]);
				if (in->part && in->row_part)
					S_take(&w, &in->part[in->row_part[r]]
					    [side]);
				if (in->table)
					S_take(&w, &in->table[side]);
			}
			out->v[r * (C + 1) + c] = w;
		}
	}
	return 0;
}

void qr_tcollapsed_free(qr_tcollapsed *c)
{
	free(c->h);
	free(c->v);
	c->h = c->v = NULL;
}

double qr_tcollapsed_cell_side(const qr_tcollapsed *c, const qr_tcell_pos *p,
    int side)
{
	double m = 0;
	int C = c->ncols;

	switch (side) {
	case QR_SIDE_BEFORE:
	case QR_SIDE_AFTER: {
		int r = side == QR_SIDE_BEFORE ? p->row : p->row + p->rowspan;
		for (int k = p->col; k < p->col + p->colspan && k < C; k++) {
			double w = qr_tborder_width(c->h[r * C + k]);
			if (w > m)
				m = w;
		}
		break;
	}
	default: {
		int k = side == QR_SIDE_START ? p->col : p->col + p->colspan;
		if (k > C)
			k = C;
		for (int r = p->row; r < p->row + p->rowspan; r++) {
			double w = qr_tborder_width(c->v[r * (C + 1) + k]);
			if (w > m)
				m = w;
		}
		break;
	}
	}
	return m;
}
