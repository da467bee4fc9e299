/* fo_props.c: computed properties of one formatting object from its
 * parent's and its attributes (XSL 1.1 section 5 and 7): inheritance,
 * shorthands, writing-mode-relative names, margins to indents and spaces
 * (5.3.2), lengths, keeps, colours. */
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlstring.h>

#include "fo_int.h"

typedef enum S_pid {
#include "fo_propids.inc"
	P__COUNT
} S_pid;

static const struct S_propname {
	const char *name;
	S_pid id;
	int rank;
} S_names[] = {
#include "fo_propnames.inc"
};

/* The known property nearest to a misspelt name (without its
 * ".component"), or NULL when none is near. */
static const char *
S_nearest_prop(const char *name)
{
	return qr_fo_nearest(name, S_names, sizeof S_names / sizeof S_names[0],
	    sizeof S_names[0]);
}

typedef enum S_comp {
	C_NONE = 0, C_MIN, C_OPT, C_MAX, C_COND, C_PREC, C_LENGTH,
	C_WLINE, C_WCOLUMN, C_WPAGE, C_IPDIR, C_BPDIR
} S_comp;

static const char *const S_compnames[] = {
	"", "minimum", "optimum", "maximum", "conditionality", "precedence",
	"length", "within-line", "within-column", "within-page",
	"inline-progression-direction", "block-progression-direction"
};

/* One attribute waiting to be applied. */
typedef struct S_attr {
	S_pid id;
	S_comp comp;
	int key;                 /* application order */
	const char *name;        /* attribute name as written */
	const char *val, *end;   /* trimmed value */
	const char *raw;         /* the whole value, untrimmed */
} S_attr;

/* The state of one element's computation. */
typedef struct S_st {
	qr_fo_doc *d;
	qr_fo *n;
	const qr_fo *par;
	qr_fo_inherited inh;
	qr_fo_box box;
	qr_fo_obj obj;
	int inh_set, box_set, obj_set;
	int margin_set[4];
	int start_set, end_set, sb_set, sa_set, sst_set, sen_set;
	int bw_set[4], bc_set[4];
	unsigned deco_on, deco_off;
	int deco_set;
	const S_attr *cur;
	qr_ev_ctx ctx;
	char prop_buf[64];       /* the current property's base name */
} S_st;

/* Relative sides in lr-tb. */
static const int S_rel[4] = {QR_TOP, QR_BOTTOM, QR_LEFT, QR_RIGHT};
/* before, after, start, end -> the same order as absolute top, bottom,
 * left, right, so the index is shared. */

static const struct S_propname *
S_entry(const char *s, size_t n)
{
	size_t lo = 0, hi = sizeof S_names / sizeof S_names[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *m = S_names[mid].name;
		size_t mn = strlen(m);
		int r = strncmp(s, m, n < mn ? n : mn);
		if (r == 0)
			r = n < mn ? -1 : n > mn ? 1 : 0;
		if (r == 0)
			return &S_names[mid];
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static S_pid
S_lookup(const char *s, size_t n)
{
	const struct S_propname *p = S_entry(s, n);
	return p != NULL ? p->id : P_NONE;
}

/* ---- diagnostics ---- */

/* A value that cannot be used: an error (malformed FO, no PDF). */
static void
S_bad(S_st *st, const char *why)
{
	if (st->d->quiet)
		return;
	qr_diag(st->d->q, QD_FO_BAD_VALUE, st->d->file, st->n->line, 0,
	    "fo:%s: bad value '%.*s' for %s: %s", qr_fo_type_name(st->n->type),
	    (int)(st->cur->end - st->cur->val), st->cur->val, st->cur->name,
	    why);
	st->d->errors++;
}

/* A value we cannot use but can do without: a warning. */
static void
S_ignored(S_st *st, const char *why)
{
	if (st->d->quiet)
		return;
	qr_diag(st->d->q, QD_FO_BAD_VALUE_WARNING, st->d->file, st->n->line, 0,
	    "fo:%s: value '%.*s' of %s ignored: %s",
	    qr_fo_type_name(st->n->type), (int)(st->cur->end - st->cur->val),
	    st->cur->val, st->cur->name, why);
}

/* ---- small parsers ---- */

static int
S_is(const char *s, const char *e, const char *w)
{
	size_t n = strlen(w);
	return (size_t)(e - s) == n && memcmp(s, w, n) == 0;
}

/* Index of the keyword the value equals among a NULL-terminated list,
 * or -1. */
static int
S_kw(const char *s, const char *e, const char *const *words)
{
	int i;
	for (i = 0; words[i] != NULL; i++)
		if (S_is(s, e, words[i]))
			return i;
	return -1;
}

/* Split [s,e) into whitespace-separated tokens, parentheses kept whole.
 * Returns the count (at most max are stored). */
static int
S_tokens(const char *s, const char *e, const char **ts, const char **te,
    int max)
{
	int n = 0;
	while (s < e) {
		const char *t0;
		int depth = 0;
		while (s < e && (*s == ' ' || *s == '\t' || *s == '\n' ||
		    *s == '\r'))
			s++;
		if (s >= e)
			break;
		t0 = s;
		while (s < e && (depth > 0 || !(*s == ' ' || *s == '\t' ||
		    *s == '\n' || *s == '\r'))) {
			if (*s == '(')
				depth++;
			else if (*s == ')' && depth > 0)
				depth--;
			s++;
		}
		if (n < max) {
			ts[n] = t0;
			te[n] = s;
		}
		n++;
	}
	return n;
}

/* Evaluate [s,e) as a length. flags: 1 allow "auto" (returns 2). Returns
 * 1 and sets *out; 0 after reporting a bad value. */
static int
S_len(S_st *st, const char *s, const char *e, qr_fo_len *out)
{
	qr_ev v;
	st->ctx.err = NULL;
	v = qr_fo_eval(&st->ctx, s, e);
	if (v.kind == EV_LEN) {
		*out = v.len;
		return 1;
	}
	if (v.kind == EV_NUM) {
		memset(out, 0, sizeof *out);
		if (v.num != 0) {
			/* XSL wants a unit; FOP-era files sometimes omit it. */
			S_ignored(st, "a length needs a unit; taken as points");
			out->pt = v.num;
		}
		return 1;
	}
	S_bad(st, st->ctx.err != NULL ? st->ctx.err : "a length is expected");
	return 0;
}

static int
S_num(S_st *st, const char *s, const char *e, double *out)
{
	qr_ev v;
	st->ctx.err = NULL;
	v = qr_fo_eval(&st->ctx, s, e);
	if (v.kind == EV_NUM) {
		*out = v.num;
		return 1;
	}
	S_bad(st, "a number is expected");
	return 0;
}

static int
S_int(S_st *st, const char *s, const char *e, int lo, int *out)
{
	double x;
	if (!S_num(st, s, e, &x))
		return 0;
	if (x < lo || x > 1e9) {
		S_bad(st, "out of range");
		return 0;
	}
	*out = (int)floor(x + 0.5);
	return 1;
}

static int
S_color(S_st *st, const char *s, const char *e, qr_color *out)
{
	if (qr_fo_parse_color(s, (size_t)(e - s), out))
		return 1;
	S_ignored(st, "not a colour");
	return 0;
}

static const char *
S_str(S_st *st, const char *s, const char *e)
{
	return qr_fo_intern_str(st->d, s, (size_t)(e - s));
}

/* url(...) or url('...') unwrapped; a bare URI as is. */
static const char *
S_uri(S_st *st, const char *s, const char *e)
{
	if (e - s >= 5 && memcmp(s, "url(", 4) == 0 && e[-1] == ')') {
		s += 4;
		e--;
		while (s < e && *s == ' ')
			s++;
		while (e > s && e[-1] == ' ')
			e--;
		if (e - s >= 2 && (*s == '\'' || *s == '"') && e[-1] == *s) {
			s++;
			e--;
		}
	}
	return S_str(st, s, e);
}

static int
S_keep(S_st *st, const char *s, const char *e, int *out)
{
	if (S_is(s, e, "auto")) {
		*out = 0;
		return 1;
	}
	if (S_is(s, e, "always")) {
		*out = INT_MAX;
		return 1;
	}
	return S_int(st, s, e, INT_MIN / 2, out);
}

static void
S_setkeep(S_st *st, qr_fo_keep *k, S_comp c, const char *s, const char *e)
{
	int v;
	if (!S_keep(st, s, e, &v))
		return;
	if (c == C_NONE) {
		k->within_line = k->within_column = k->within_page = v;
	} else if (c == C_WLINE)
		k->within_line = v;
	else if (c == C_WCOLUMN)
		k->within_column = v;
	else if (c == C_WPAGE)
		k->within_page = v;
}

static const char *const S_border_styles[] = {
	"none", "hidden", "solid", "dashed", "dotted", "double", "groove",
	"ridge", "inset", "outset", NULL
};

/* Border width keywords as FOP reads them. */
static int
S_bwidth(S_st *st, const char *s, const char *e, double *out, int quiet)
{
	static const char *const kw[] = {"thin", "medium", "thick", NULL};
	static const double w[] = {0.5, 1.0, 2.0};
	qr_fo_len l;
	int k = S_kw(s, e, kw);
	if (k >= 0) {
		*out = w[k];
		return 1;
	}
	if (quiet) {
		qr_ev v;
		st->ctx.err = NULL;
		v = qr_fo_eval(&st->ctx, s, e);
		if (v.kind == EV_LEN && qr_fo_len_is_abs(v.len)) {
			*out = v.len.pt;
			return 1;
		}
		if (v.kind == EV_NUM && v.num == 0) {
			*out = 0;
			return 1;
		}
		return 0;
	}
	if (!S_len(st, s, e, &l))
		return 0;
	*out = l.pt;
	return 1;
}

static void
S_set_bwidth(S_st *st, int side, double w)
{
	st->box.border[side].width = w < 0 ? 0 : w;
	st->bw_set[side] = 1;
	st->box_set = 1;
}

static void
S_set_bstyle(S_st *st, int side, int style)
{
	st->box.border[side].style = (qr_fo_border_style)style;
	st->box_set = 1;
}

static void
S_set_bcolor(S_st *st, int side, qr_color c)
{
	st->box.border[side].color = c;
	st->bc_set[side] = 1;
	st->box_set = 1;
}

/* "border" and "border-top" etc.: width, style and colour in any order. */
static void
S_border_short(S_st *st, const int *sides, int nsides, const char *s,
    const char *e)
{
	const char *ts[8], *te[8];
	int n = S_tokens(s, e, ts, te, 8), i, k;
	if (n > 3) {
		S_bad(st, "at most a width, a style and a colour");
		return;
	}
	for (i = 0; i < n; i++) {
		double w;
		qr_color c;
		if ((k = S_kw(ts[i], te[i], S_border_styles)) >= 0) {
			for (int j = 0; j < nsides; j++)
				S_set_bstyle(st, sides[j], k);
		} else if (S_bwidth(st, ts[i], te[i], &w, 1)) {
			for (int j = 0; j < nsides; j++)
				S_set_bwidth(st, sides[j], w);
		} else if (qr_fo_parse_color(ts[i], (size_t)(te[i] - ts[i]),
		    &c)) {
			for (int j = 0; j < nsides; j++)
				S_set_bcolor(st, sides[j], c);
		} else if (S_is(ts[i], te[i], "transparent")) {
			/* nothing visible: leave colour */
		} else {
			S_bad(st, "not a border width, style or colour");
			return;
		}
	}
}

/* 1 to 4 values for top, right, bottom, left (CSS order). */
static int
S_four(S_st *st, const char *s, const char *e, const char **ts,
    const char **te)
{
	const char *vs[4], *ve[4];
	int n = S_tokens(s, e, vs, ve, 4);
	if (n < 1 || n > 4) {
		S_bad(st, "one to four values expected");
		return 0;
	}
	/* -> top, bottom, left, right */
	ts[QR_TOP] = vs[0]; te[QR_TOP] = ve[0];
	ts[QR_RIGHT] = vs[n > 1 ? 1 : 0]; te[QR_RIGHT] = ve[n > 1 ? 1 : 0];
	ts[QR_BOTTOM] = vs[n > 2 ? 2 : 0]; te[QR_BOTTOM] = ve[n > 2 ? 2 : 0];
	ts[QR_LEFT] = vs[n > 3 ? 3 : n > 1 ? 1 : 0];
	te[QR_LEFT] = ve[n > 3 ? 3 : n > 1 ? 1 : 0];
	return 1;
}

static void
S_margin(S_st *st, int side, const char *s, const char *e)
{
	qr_fo_len l;
	if (S_is(s, e, "auto"))
		memset(&l, 0, sizeof l);
	else if (!S_len(st, s, e, &l))
		return;
	st->box.margin[side] = l;
	st->margin_set[side] = 1;
	st->box_set = 1;
}

static void
S_padding(S_st *st, int side, S_comp c, const char *s, const char *e)
{
	qr_fo_len l;
	if (c == C_COND) {
		int k = S_kw(s, e, (const char *const[]){"discard", "retain",
		    NULL});
		if (k < 0)
			S_ignored(st, "discard or retain expected");
		else {
			st->box.padding[side].retain = k;
			st->box_set = 1;
		}
		return;
	}
	if (!S_len(st, s, e, &l))
		return;
	if (l.pt < 0 && qr_fo_len_is_abs(l)) {
		S_ignored(st, "padding cannot be negative");
		return;
	}
	st->box.padding[side].len = l;
	st->box_set = 1;
}

static void
S_space(S_st *st, qr_fo_space *sp, S_comp c, const char *s, const char *e)
{
	qr_fo_len l;
	if (c == C_COND) {
		int k = S_kw(s, e, (const char *const[]){"discard", "retain",
		    NULL});
		if (k < 0)
			S_ignored(st, "discard or retain expected");
		else
			sp->retain = k;
		return;
	}
	if (c == C_PREC) {
		if (S_is(s, e, "force"))
			sp->precedence = INT_MAX;
		else
			(void)S_int(st, s, e, INT_MIN / 2, &sp->precedence);
		return;
	}
	if (S_is(s, e, "auto"))
		memset(&l, 0, sizeof l);
	else if (!S_len(st, s, e, &l))
		return;
	if (c == C_NONE || c == C_LENGTH) {
		sp->min = sp->opt = sp->max = l;
		if (c == C_NONE) {
			sp->retain = 0;
			sp->precedence = 0;
		}
	} else if (c == C_MIN)
		sp->min = l;
	else if (c == C_OPT)
		sp->opt = l;
	else if (c == C_MAX)
		sp->max = l;
}

/* A size: auto, a length or proportional-column-width(). */
static int
S_size(S_st *st, const char *s, const char *e, qr_fo_size *out, int prop_ok)
{
	qr_ev v;
	memset(out, 0, sizeof *out);
	if (S_is(s, e, "auto"))
		return 1;
	st->ctx.err = NULL;
	v = qr_fo_eval(&st->ctx, s, e);
	if (v.kind == EV_LEN || (v.kind == EV_NUM && v.num == 0)) {
		out->kind = QR_SIZE_LEN;
		if (v.kind == EV_LEN)
			out->len = v.len;
		return 1;
	}
	if (v.kind == EV_PROP && prop_ok) {
		out->kind = QR_SIZE_PROPORTIONAL;
		out->len = v.len;
		out->prop = v.prop;
		return 1;
	}
	if (v.kind == EV_NUM) {
		S_ignored(st, "a length needs a unit; taken as points");
		out->kind = QR_SIZE_LEN;
		out->len.pt = v.num;
		return 1;
	}
	S_bad(st, st->ctx.err != NULL ? st->ctx.err :
	    v.kind == EV_PROP ? "proportional-column-width() only in column-width" :
	    "a length is expected");
	return 0;
}

/* True when a size is a length that is negative wherever it is resolved
 * (no part of it positive, some part negative). */
static int
S_size_negative(const qr_fo_size *z)
{
	const qr_fo_len *l = &z->len;

	return z->kind == QR_SIZE_LEN && l->pt <= 0 && l->pct <= 0 &&
	    l->label_end <= 0 && l->body_start <= 0 && (l->pt < 0 ||
	    l->pct < 0 || l->label_end < 0 || l->body_start < 0);
}

/* A size that cannot be negative (a dimension, a content size, a leader's
 * length): 1 and *out set, or 0 (a negative one is ignored with a
 * warning, the property keeps its value; what layout resolves to less
 * than 0 it takes as 0). */
static int
S_size_nonneg(S_st *st, const char *s, const char *e, qr_fo_size *out)
{
	qr_fo_size z;

	if (!S_size(st, s, e, &z, 0))
		return 0;
	if (S_size_negative(&z)) {
		S_ignored(st, "a size cannot be negative");
		return 0;
	}
	*out = z;
	return 1;
}

static void
S_range(S_st *st, qr_fo_range *r, S_comp c, const char *s, const char *e)
{
	qr_fo_size z;
	if (!S_size_nonneg(st, s, e, &z))
		return;
	if (c == C_NONE)
		r->min = r->opt = r->max = z;
	else if (c == C_MIN)
		r->min = z;
	else if (c == C_OPT)
		r->opt = z;
	else if (c == C_MAX)
		r->max = z;
}

/* A single Unicode character from UTF-8. */
static unsigned
S_utf8_one(const char *s, const char *e, int *len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c;
	int n, i;
	*len = 0;
	if (s >= e)
		return 0;
	if (p[0] < 0x80)
		n = 1, c = p[0];
	else if ((p[0] & 0xe0) == 0xc0)
		n = 2, c = p[0] & 0x1f;
	else if ((p[0] & 0xf0) == 0xe0)
		n = 3, c = p[0] & 0x0f;
	else if ((p[0] & 0xf8) == 0xf0)
		n = 4, c = p[0] & 0x07;
	else
		return 0;
	if (e - s < n)
		return 0;
	for (i = 1; i < n; i++)
		c = (c << 6) | (p[i] & 0x3f);
	*len = n;
	return c;
}

static double
S_font_size_kw(S_st *st, int k)
{
	/* FOP's scale: medium 12pt, factor 1.2 per step. */
	static const double sz[] = {6.944, 8.333, 10, 12, 14.4, 17.28, 20.736};
	double parent = st->par != NULL ? st->par->inh->font_size : 12;
	double step;
	if (k <= 6)
		return sz[k];
	/* larger/smaller move one step on that scale from the step nearest
	 * the parent's size (so 36pt -> smaller is 12 x 1.2^5), as FOP. */
	if (parent <= 0)
		return parent;
	step = floor(log(parent / 12) / log(1.2) + 0.5) + (k == 7 ? 1 : -1);
	return 12 * pow(1.2, step);
}

static void
S_font_size(S_st *st, const char *s, const char *e)
{
	static const char *const kw[] = {"xx-small", "x-small", "small",
	    "medium", "large", "x-large", "xx-large", "larger", "smaller", NULL};
	double parent = st->par != NULL ? st->par->inh->font_size : 12;
	int k = S_kw(s, e, kw);
	qr_fo_len l;
	double save_fs = st->ctx.font_size, save_pb = st->ctx.pct_base;
	if (k >= 0) {
		st->inh.font_size = S_font_size_kw(st, k);
		st->inh_set = 1;
		return;
	}
	/* em and % in font-size are of the parent's font-size. */
	st->ctx.font_size = parent;
	st->ctx.pct_base = parent;
	k = S_len(st, s, e, &l);
	st->ctx.font_size = save_fs;
	st->ctx.pct_base = save_pb;
	if (!k)
		return;
	if (!qr_fo_len_is_abs(l) || l.pt < 0) {
		S_bad(st, "font-size must be a non-negative length");
		return;
	}
	st->inh.font_size = l.pt;
	st->inh_set = 1;
}

static void
S_font_weight(S_st *st, const char *s, const char *e)
{
	double x;
	int par = st->par != NULL ? st->par->inh->font_weight : 400;
	qr_ev v;
	if (S_is(s, e, "normal"))
		st->inh.font_weight = 400;
	else if (S_is(s, e, "bold"))
		st->inh.font_weight = 700;
	else if (S_is(s, e, "bolder"))
		st->inh.font_weight = par >= 600 ? 900 : 700;
	else if (S_is(s, e, "lighter"))
		st->inh.font_weight = par <= 500 ? 100 : 400;
	else {
		st->ctx.err = NULL;
		v = qr_fo_eval(&st->ctx, s, e);
		x = v.num;
		if (v.kind != EV_NUM || x < 100 || x > 900) {
			S_ignored(st, "normal, bold, bolder, lighter or 100-900");
			return;
		}
		st->inh.font_weight = ((int)x + 50) / 100 * 100;
	}
	st->inh_set = 1;
}

static void
S_line_height(S_st *st, const char *s, const char *e)
{
	qr_ev v;
	if (S_is(s, e, "normal")) {
		st->inh.line_height_kind = QR_LH_NORMAL;
		st->inh_set = 1;
		return;
	}
	st->ctx.err = NULL;
	st->ctx.pct_base = st->inh.font_size;
	v = qr_fo_eval(&st->ctx, s, e);
	st->ctx.pct_base = -1;
	if (v.kind == EV_NUM && v.num >= 0) {
		st->inh.line_height_kind = QR_LH_NUMBER;
		st->inh.line_height = v.num;
	} else if (v.kind == EV_LEN && qr_fo_len_is_abs(v.len) &&
	    v.len.pt >= 0) {
		/* A length (or a percentage, computed here) is inherited as
		 * that absolute length. */
		st->inh.line_height_kind = QR_LH_LENGTH;
		st->inh.line_height = v.len.pt;
	} else {
		S_bad(st, "normal, a number or a length expected");
		return;
	}
	st->inh_set = 1;
}

static void
S_decoration(S_st *st, const char *s, const char *e)
{
	const char *ts[8], *te[8];
	int n = S_tokens(s, e, ts, te, 8), i;
	static const char *const kw[] = {"none", "underline", "no-underline",
	    "overline", "no-overline", "line-through", "no-line-through",
	    "blink", "no-blink", NULL};
	for (i = 0; i < n && i < 8; i++) {
		switch (S_kw(ts[i], te[i], kw)) {
		case 0: break;
		case 1: st->deco_on |= QR_DECO_UNDERLINE; break;
		case 2: st->deco_off |= QR_DECO_UNDERLINE; break;
		case 3: st->deco_on |= QR_DECO_OVERLINE; break;
		case 4: st->deco_off |= QR_DECO_OVERLINE; break;
		case 5: st->deco_on |= QR_DECO_LINE_THROUGH; break;
		case 6: st->deco_off |= QR_DECO_LINE_THROUGH; break;
		case 7: case 8: break;
		default:
			S_ignored(st, "not a text-decoration keyword");
			return;
		}
	}
	st->deco_set = 1;
}

static void
S_baseline_shift(S_st *st, const char *s, const char *e, int from_va)
{
	qr_fo_len l;
	if (S_is(s, e, "baseline")) {
		st->box.baseline_shift_kind = QR_SHIFT_BASELINE;
	} else if (S_is(s, e, "super")) {
		st->box.baseline_shift_kind = QR_SHIFT_SUPER;
	} else if (S_is(s, e, "sub")) {
		st->box.baseline_shift_kind = QR_SHIFT_SUB;
	} else if (from_va && (S_is(s, e, "top") || S_is(s, e, "middle") ||
	    S_is(s, e, "bottom") || S_is(s, e, "text-top") ||
	    S_is(s, e, "text-bottom"))) {
		/* vertical-align keywords other than shifts: alignment we do
		 * not model; harmless. */
		return;
	} else {
		/* % of line-height, resolved here. */
		st->ctx.pct_base = st->inh.line_height_kind == QR_LH_LENGTH ?
		    st->inh.line_height : st->inh.line_height_kind ==
		    QR_LH_NUMBER ? st->inh.line_height * st->inh.font_size :
		    1.2 * st->inh.font_size;
		if (!S_len(st, s, e, &l)) {
			st->ctx.pct_base = -1;
			return;
		}
		st->ctx.pct_base = -1;
		st->box.baseline_shift_kind = QR_SHIFT_LEN;
		st->box.baseline_shift = l;
	}
	st->box_set = 1;
}

static void
S_break(S_st *st, qr_fo_break *b, const char *s, const char *e)
{
	static const char *const kw[] = {"auto", "column", "page",
	    "even-page", "odd-page", NULL};
	int k = S_kw(s, e, kw);
	if (k < 0) {
		S_ignored(st, "auto, column, page, even-page or odd-page");
		return;
	}
	*b = (qr_fo_break)k;
	st->box_set = 1;
}

static void
S_page_break(S_st *st, int which, const char *s, const char *e)
{
	/* which: 0 before, 1 after, 2 inside */
	if (S_is(s, e, "auto"))
		return;
	if (S_is(s, e, "avoid")) {
		if (which == 0)
			st->box.keep_with_previous.within_page = INT_MAX,
			st->box.keep_with_previous.within_column = INT_MAX;
		else if (which == 1)
			st->box.keep_with_next.within_page = INT_MAX,
			st->box.keep_with_next.within_column = INT_MAX;
		else {
			st->inh.keep_together.within_page = INT_MAX;
			st->inh.keep_together.within_column = INT_MAX;
			st->inh_set = 1;
		}
		st->box_set = 1;
		return;
	}
	if (which != 2) {
		qr_fo_break b;
		if (S_is(s, e, "always"))
			b = QR_BREAK_PAGE;
		else if (S_is(s, e, "left"))
			b = QR_BREAK_EVEN_PAGE;
		else if (S_is(s, e, "right"))
			b = QR_BREAK_ODD_PAGE;
		else {
			S_ignored(st, "auto, always, avoid, left or right");
			return;
		}
		if (which == 0)
			st->box.break_before = b;
		else
			st->box.break_after = b;
		st->box_set = 1;
		return;
	}
	S_ignored(st, "auto or avoid");
}

static void
S_white_space(S_st *st, const char *s, const char *e)
{
	/* The CSS shorthand, as XSL 7.31.? maps it. */
	if (S_is(s, e, "normal")) {
		st->inh.linefeed_treatment = QR_LF_TREAT_AS_SPACE;
		st->inh.white_space_collapse = QR_WS_COLLAPSE_TRUE;
		st->inh.white_space_treatment =
		    QR_WST_IGNORE_IF_SURROUNDING_LINEFEED;
		st->inh.wrap = 1;
	} else if (S_is(s, e, "pre")) {
		st->inh.linefeed_treatment = QR_LF_PRESERVE;
		st->inh.white_space_collapse = QR_WS_COLLAPSE_FALSE;
		st->inh.white_space_treatment = QR_WST_PRESERVE;
		st->inh.wrap = 0;
	} else if (S_is(s, e, "nowrap")) {
		st->inh.linefeed_treatment = QR_LF_TREAT_AS_SPACE;
		st->inh.white_space_collapse = QR_WS_COLLAPSE_TRUE;
		st->inh.white_space_treatment =
		    QR_WST_IGNORE_IF_SURROUNDING_LINEFEED;
		st->inh.wrap = 0;
	} else {
		S_ignored(st, "normal, pre or nowrap");
		return;
	}
	st->inh_set = 1;
}

static void
S_font_short(S_st *st, const char *s, const char *e)
{
	/* [style] [variant] [weight] size[/line-height] family: enough of
	 * the CSS shorthand for hand-written FO. */
	const char *ts[16], *te[16];
	int n = S_tokens(s, e, ts, te, 16), i;
	for (i = 0; i < n && i < 16; i++) {
		const char *slash;
		if (S_is(ts[i], te[i], "italic") || S_is(ts[i], te[i],
		    "oblique")) {
			st->inh.font_italic = 1;
			continue;
		}
		if (S_is(ts[i], te[i], "normal") || S_is(ts[i], te[i],
		    "small-caps"))
			continue;
		if (S_is(ts[i], te[i], "bold") || S_is(ts[i], te[i], "bolder") ||
		    S_is(ts[i], te[i], "lighter") || (te[i] - ts[i] == 3 &&
		    ts[i][0] >= '1' && ts[i][0] <= '9' && ts[i][1] == '0')) {
			S_font_weight(st, ts[i], te[i]);
			continue;
		}
		slash = memchr(ts[i], '/', (size_t)(te[i] - ts[i]));
		S_font_size(st, ts[i], slash != NULL ? slash : te[i]);
		st->ctx.font_size = st->inh.font_size;
		if (slash != NULL)
			S_line_height(st, slash + 1, te[i]);
		if (i + 1 < n)
			st->inh.font_family = S_str(st, ts[i + 1], e);
		st->inh_set = 1;
		return;
	}
	S_bad(st, "the font shorthand needs a size and a family");
}

/* ---- the dispatcher ---- */

static const int S_all4[4] = {QR_TOP, QR_BOTTOM, QR_LEFT, QR_RIGHT};

/* Side index of a border/padding id relative to the first id of its
 * group of four (top, bottom, left, right or before, after, start, end). */
#define SIDE(first) S_rel[a->id - (first)]

/* "inherit" on a border shorthand (border, border-top, border-before...):
 * the parent's computed width, style and colour of each side it sets
 * (XSL 1.1 5.9.x; FOP's tests give table rows and cells border="inherit"
 * to take the table-body's). 1 if a was such a shorthand. */
static int
S_border_inherit(S_st *st, const S_attr *a)
{
	int sides[4], n = 0, k;
	if (a->id == P_BORDER) {
		for (k = 0; k < 4; k++)
			sides[n++] = S_all4[k];
	} else if (a->id >= P_BORDER_TOP && a->id <= P_BORDER_RIGHT) {
		sides[n++] = SIDE(P_BORDER_TOP);
	} else if (a->id >= P_BORDER_BEFORE && a->id <= P_BORDER_END) {
		sides[n++] = SIDE(P_BORDER_BEFORE);
	} else {
		return 0;
	}
	if (st->par == NULL || st->par->box == NULL)
		return 1;
	for (k = 0; k < n; k++) {
		const qr_fo_border *pb = &st->par->box->border[sides[k]];
		S_set_bwidth(st, sides[k], pb->width);
		S_set_bstyle(st, sides[k], pb->style);
		S_set_bcolor(st, sides[k], pb->color);
	}
	return 1;
}

/* Properties whose value is one keyword of a list, stored as its index in
 * an int or enum member of the inherited, box or object group (the
 * enums list their values in the keywords' order). */
enum { S_INH, S_BOX, S_OBJ };

typedef struct S_kwprop {
	S_pid id;
	unsigned char group;
	size_t off;
	const char *expected;     /* for the warning */
	const char *const *kw;
} S_kwprop;

static const char *const S_false_true[] = {"false", "true", NULL};

static const S_kwprop S_kwprops[] = {
	{P_WHITE_SPACE_COLLAPSE, S_INH,
	    offsetof(qr_fo_inherited, white_space_collapse),
	    "true or false", (const char *const[]){"true", "false", NULL}},
	{P_WHITE_SPACE_TREATMENT, S_INH,
	    offsetof(qr_fo_inherited, white_space_treatment),
	    "not a white-space-treatment", (const char *const[]){
	    "ignore-if-surrounding-linefeed", "ignore", "preserve",
	    "ignore-if-before-linefeed", "ignore-if-after-linefeed", NULL}},
	{P_LINEFEED_TREATMENT, S_INH, offsetof(qr_fo_inherited, linefeed_treatment),
	    "not a linefeed-treatment", (const char *const[]){"treat-as-space",
	    "ignore", "preserve", "treat-as-zero-width-space", NULL}},
	{P_WRAP_OPTION, S_INH, offsetof(qr_fo_inherited, wrap),
	    "wrap or no-wrap", (const char *const[]){"no-wrap", "wrap", NULL}},
	{P_HYPHENATE, S_INH, offsetof(qr_fo_inherited, hyphenate),
	    "true or false", S_false_true},
	{P_LEADER_PATTERN, S_INH, offsetof(qr_fo_inherited, leader_pattern),
	    "space, rule, dots or use-content", (const char *const[]){"space",
	    "rule", "dots", "use-content", NULL}},
	{P_RULE_STYLE, S_INH, offsetof(qr_fo_inherited, rule_style),
	    "not a rule style", S_border_styles},
	{P_DISPLAY_ALIGN, S_INH, offsetof(qr_fo_inherited, display_align),
	    "auto, before, center or after", (const char *const[]){"auto",
	    "before", "center", "after", NULL}},
	{P_PRECEDENCE, S_OBJ, offsetof(qr_fo_obj, precedence),
	    "true or false", S_false_true},
	{P_PAGE_POSITION, S_OBJ, offsetof(qr_fo_obj, page_position),
	    "first, last, rest, only or any", (const char *const[]){"any",
	    "first", "last", "rest", "only", NULL}},
	{P_ODD_OR_EVEN, S_OBJ, offsetof(qr_fo_obj, odd_or_even),
	    "odd, even or any", (const char *const[]){"any", "odd", "even",
	    NULL}},
	{P_BLANK_OR_NOT_BLANK, S_OBJ, offsetof(qr_fo_obj, blank_or_not_blank),
	    "blank, not-blank or any", (const char *const[]){"any", "blank",
	    "not-blank", NULL}},
	{P_FORCE_PAGE_COUNT, S_OBJ, offsetof(qr_fo_obj, force_page_count),
	    "not a force-page-count value", (const char *const[]){"auto",
	    "even", "odd", "end-on-even", "end-on-odd", "no-force", NULL}},
	{P_STARTING_STATE, S_OBJ, offsetof(qr_fo_obj, starting_state_show),
	    "show or hide", (const char *const[]){"hide", "show", NULL}},
	{P_SCALING, S_OBJ, offsetof(qr_fo_obj, scaling_non_uniform),
	    "uniform or non-uniform", (const char *const[]){"uniform",
	    "non-uniform", NULL}},
	{P_TABLE_LAYOUT, S_OBJ, offsetof(qr_fo_obj, table_layout_fixed),
	    "auto or fixed", (const char *const[]){"auto", "fixed", NULL}},
	{P_EMPTY_CELLS, S_OBJ, offsetof(qr_fo_obj, empty_cells_hide),
	    "show or hide", (const char *const[]){"show", "hide", NULL}},
	{P_ENDS_ROW, S_OBJ, offsetof(qr_fo_obj, ends_row),
	    "true or false", S_false_true},
	{P_STARTS_ROW, S_OBJ, offsetof(qr_fo_obj, starts_row),
	    "true or false", S_false_true},
	{P_OMIT_HEADER, S_OBJ, offsetof(qr_fo_obj, table_omit_header_at_break),
	    "true or false", S_false_true},
	{P_OMIT_FOOTER, S_OBJ, offsetof(qr_fo_obj, table_omit_footer_at_break),
	    "true or false", S_false_true},
};

/* Set a keyword property; 0 if id is not one. */
static int
S_kwprop_set(S_st *st, S_pid id, const char *s, const char *e)
{
	size_t i;

	for (i = 0; i < sizeof S_kwprops / sizeof S_kwprops[0]; i++) {
		const S_kwprop *p = &S_kwprops[i];
		char *base;
		int *set, k;

		if (p->id != id)
			continue;
		k = S_kw(s, e, p->kw);
		if (k < 0) {
			S_ignored(st, p->expected);
			return 1;
		}
		switch (p->group) {
		case S_INH:
			base = (char *)&st->inh;
			set = &st->inh_set;
			break;
		case S_BOX:
			base = (char *)&st->box;
			set = &st->box_set;
			break;
		default:
			base = (char *)&st->obj;
			set = &st->obj_set;
			break;
		}
		/* int and the enums have one size (checked below) */
		memcpy(base + p->off, &k, sizeof k);
		*set = 1;
		return 1;
	}
	return 0;
}

/* S_kwprop_set stores an int into these enum members. */
_Static_assert(sizeof(qr_fo_ws_collapse) == sizeof(int) &&
    sizeof(qr_fo_ws_treatment) == sizeof(int) &&
    sizeof(qr_fo_lf_treatment) == sizeof(int) &&
    sizeof(qr_fo_leader_pattern) == sizeof(int) &&
    sizeof(qr_fo_border_style) == sizeof(int) &&
    sizeof(qr_fo_display_align) == sizeof(int) &&
    sizeof(qr_fo_page_position) == sizeof(int) &&
    sizeof(qr_fo_odd_even) == sizeof(int) &&
    sizeof(qr_fo_blank) == sizeof(int) &&
    sizeof(qr_fo_force_count) == sizeof(int), "enum members are ints");

static void
S_apply1(S_st *st, const S_attr *a)
{
	const char *s = a->val, *e = a->end;
	qr_fo_len l;
	qr_color c;
	int k;
	double x;

	const char *dot = strchr(a->name, '.');
	size_t bl = dot != NULL ? (size_t)(dot - a->name) : strlen(a->name);

	st->cur = a;
	/* from-parent() without an argument names this property. */
	if (bl < sizeof st->prop_buf) {
		memcpy(st->prop_buf, a->name, bl);
		st->prop_buf[bl] = '\0';
		st->ctx.prop_name = st->prop_buf;
	} else
		st->ctx.prop_name = NULL;
	switch (a->id) {
	case P_NONE:
	case P_SILENT:
	case P_UNSUPPORTED:
	case P__COUNT:
		break;
	case P_WHITE_SPACE_COLLAPSE: case P_WHITE_SPACE_TREATMENT:
	case P_LINEFEED_TREATMENT: case P_WRAP_OPTION: case P_HYPHENATE:
	case P_LEADER_PATTERN: case P_RULE_STYLE: case P_DISPLAY_ALIGN:
	case P_PRECEDENCE: case P_PAGE_POSITION: case P_ODD_OR_EVEN:
	case P_BLANK_OR_NOT_BLANK: case P_FORCE_PAGE_COUNT:
	case P_STARTING_STATE: case P_SCALING: case P_TABLE_LAYOUT:
	case P_EMPTY_CELLS: case P_ENDS_ROW: case P_STARTS_ROW:
	case P_OMIT_HEADER: case P_OMIT_FOOTER:
		/* one keyword of a list (S_kwprops) */
		(void)S_kwprop_set(st, a->id, s, e);
		break;
	case P_FONT_SIZE:
		S_font_size(st, s, e);
		st->ctx.font_size = st->inh.font_size;
		break;
	case P_FONT:
		S_font_short(st, s, e);
		st->ctx.font_size = st->inh.font_size;
		break;
	case P_COLOR:
		if (S_color(st, s, e, &c)) {
			st->inh.color = c;
			st->inh_set = 1;
		}
		break;
	case P_FONT_FAMILY:
		st->inh.font_family = S_str(st, s, e);
		st->inh_set = 1;
		break;
	case P_FONT_WEIGHT:
		S_font_weight(st, s, e);
		break;
	case P_FONT_STYLE:
		k = S_kw(s, e, (const char *const[]){"normal", "italic",
		    "oblique", "backslant", "inherit", NULL});
		if (k < 0)
			S_ignored(st, "normal, italic or oblique");
		else if (k < 4) {
			st->inh.font_italic = k > 0;
			st->inh_set = 1;
		}
		break;
	case P_LINE_HEIGHT:
		if (a->comp == C_NONE || a->comp == C_OPT)
			S_line_height(st, s, e);
		break;
	case P_TEXT_ALIGN:
	case P_TEXT_ALIGN_LAST: {
		static const char *const kw[] = {"start", "center", "end",
		    "justify", "inside", "outside", "left", "right",
		    "relative", NULL};
		static const qr_fo_text_align map[] = {QR_ALIGN_START,
		    QR_ALIGN_CENTER, QR_ALIGN_END, QR_ALIGN_JUSTIFY,
		    QR_ALIGN_INSIDE, QR_ALIGN_OUTSIDE, QR_ALIGN_START,
		    QR_ALIGN_END, QR_ALIGN_RELATIVE};
		k = S_kw(s, e, kw);
		if (k < 0 || (k == 8 && a->id == P_TEXT_ALIGN)) {
			/* text-align="." (a string, for tables) is not supported */
			S_ignored(st, "start, center, end, justify, left or right");
			break;
		}
		if (a->id == P_TEXT_ALIGN)
			st->inh.text_align = map[k];
		else
			st->inh.text_align_last = map[k];
		st->inh_set = 1;
		break;
	}
	case P_TEXT_INDENT:
		if (S_len(st, s, e, &l)) {
			st->inh.text_indent = l;
			st->inh_set = 1;
		}
		break;
	case P_LAST_LINE_END_INDENT:
		if (S_len(st, s, e, &l)) {
			st->inh.last_line_end_indent = l;
			st->inh_set = 1;
		}
		break;
	case P_START_INDENT:
	case P_END_INDENT:
		if (S_is(s, e, "auto"))
			break;
		if (S_len(st, s, e, &l)) {
			if (a->id == P_START_INDENT) {
				st->inh.start_indent = l;
				st->start_set = 1;
			} else {
				st->inh.end_indent = l;
				st->end_set = 1;
			}
			st->inh_set = 1;
		}
		break;
	case P_WHITE_SPACE:
		S_white_space(st, s, e);
		break;
	case P_LANGUAGE:
		st->inh.language = S_is(s, e, "none") ? NULL : S_str(st, s, e);
		st->inh_set = 1;
		break;
	case P_COUNTRY:
		st->inh.country = S_is(s, e, "none") ? NULL : S_str(st, s, e);
		st->inh_set = 1;
		break;
	case P_HYPHENATION_CHARACTER: {
		unsigned ch = S_utf8_one(s, e, &k);
		if (k == 0 || s + k != e)
			S_ignored(st, "one character expected");
		else {
			st->inh.hyphenation_character = ch;
			st->inh_set = 1;
		}
		break;
	}
	case P_HYPH_PUSH:
		if (S_int(st, s, e, 1, &k)) {
			st->inh.hyphenation_push = k;
			st->inh_set = 1;
		}
		break;
	case P_HYPH_REMAIN:
		if (S_int(st, s, e, 1, &k)) {
			st->inh.hyphenation_remain = k;
			st->inh_set = 1;
		}
		break;
	case P_KEEP_TOGETHER:
		S_setkeep(st, &st->inh.keep_together, a->comp, s, e);
		st->inh_set = 1;
		break;
	case P_WIDOWS:
		if (S_int(st, s, e, 0, &k)) {
			st->inh.widows = k;
			st->inh_set = 1;
		}
		break;
	case P_ORPHANS:
		if (S_int(st, s, e, 0, &k)) {
			st->inh.orphans = k;
			st->inh_set = 1;
		}
		break;
	case P_TEXT_DECORATION:
		S_decoration(st, s, e);
		break;
	case P_LEADER_LENGTH:
		S_range(st, &st->inh.leader_length, a->comp, s, e);
		st->inh_set = 1;
		break;
	case P_LEADER_PATTERN_WIDTH:
		if (S_is(s, e, "use-font-metrics"))
			memset(&st->inh.leader_pattern_width, 0,
			    sizeof st->inh.leader_pattern_width);
		else
			(void)S_size(st, s, e, &st->inh.leader_pattern_width, 0);
		st->inh_set = 1;
		break;
	case P_LEADER_ALIGNMENT:
		k = S_kw(s, e, (const char *const[]){"none", "reference-area",
		    "page", NULL});
		if (k < 0)
			S_ignored(st, "none, reference-area or page");
		else {
			st->inh.leader_alignment_page = k == 2;
			st->inh_set = 1;
		}
		break;
	case P_RULE_THICKNESS:
		if (S_len(st, s, e, &l)) {
			st->inh.rule_thickness = l.pt;
			st->inh_set = 1;
		}
		break;
	case P_PDBS:
		if (S_len(st, s, e, &l)) {
			st->inh.provisional_distance_between_starts = l;
			st->inh_set = 1;
		}
		break;
	case P_PLS:
		if (S_len(st, s, e, &l)) {
			st->inh.provisional_label_separation = l;
			st->inh_set = 1;
		}
		break;
	case P_BORDER_COLLAPSE:
		k = S_kw(s, e, (const char *const[]){"separate", "collapse",
		    "collapse-with-precedence", NULL});
		if (k < 0)
			S_ignored(st, "separate or collapse");
		else {
			st->inh.border_collapse = k > 0;
			st->inh_set = 1;
		}
		break;
	case P_BORDER_SEPARATION:
	case P_BORDER_SPACING: {
		const char *ts[2], *te[2];
		int n = S_tokens(s, e, ts, te, 2);
		qr_fo_len l2;
		if (n < 1 || n > 2) {
			S_bad(st, "one or two lengths expected");
			break;
		}
		if (!S_len(st, ts[0], te[0], &l))
			break;
		l2 = l;
		if (n == 2 && !S_len(st, ts[1], te[1], &l2))
			break;
		if (a->comp != C_BPDIR)
			st->inh.border_separation_ipd = l.pt;
		if (a->comp != C_IPDIR)
			st->inh.border_separation_bpd = l2.pt;
		st->inh_set = 1;
		break;
	}
	case P_VISIBILITY:
		k = S_kw(s, e, (const char *const[]){"visible", "hidden",
		    "collapse", NULL});
		if (k < 0)
			S_ignored(st, "visible, hidden or collapse");
		else {
			st->inh.visibility_hidden = k > 0;
			st->inh_set = 1;
		}
		break;

	/* box */
	case P_SPACE_BEFORE:
		S_space(st, &st->box.space_before, a->comp, s, e);
		st->sb_set = st->box_set = 1;
		break;
	case P_SPACE_AFTER:
		S_space(st, &st->box.space_after, a->comp, s, e);
		st->sa_set = st->box_set = 1;
		break;
	case P_SPACE_START:
	case P_SPACE_END: {
		qr_fo_space sp;
		memset(&sp, 0, sizeof sp);
		sp.min = sp.opt = sp.max = a->id == P_SPACE_START ?
		    st->box.space_start : st->box.space_end;
		S_space(st, &sp, a->comp, s, e);
		if (a->comp == C_NONE || a->comp == C_OPT ||
		    a->comp == C_LENGTH) {
			if (a->id == P_SPACE_START) {
				st->box.space_start = sp.opt;
				st->sst_set = 1;
			} else {
				st->box.space_end = sp.opt;
				st->sen_set = 1;
			}
		}
		st->box_set = 1;
		break;
	}
	case P_MARGIN: {
		const char *ts[4], *te[4];
		if (!S_four(st, s, e, ts, te))
			break;
		for (k = 0; k < 4; k++)
			S_margin(st, k, ts[k], te[k]);
		break;
	}
	case P_MARGIN_TOP: case P_MARGIN_BOTTOM:
	case P_MARGIN_LEFT: case P_MARGIN_RIGHT:
		S_margin(st, SIDE(P_MARGIN_TOP), s, e);
		break;
	case P_PADDING: {
		const char *ts[4], *te[4];
		if (!S_four(st, s, e, ts, te))
			break;
		for (k = 0; k < 4; k++)
			S_padding(st, k, C_NONE, ts[k], te[k]);
		break;
	}
	case P_PADDING_TOP: case P_PADDING_BOTTOM:
	case P_PADDING_LEFT: case P_PADDING_RIGHT:
		S_padding(st, SIDE(P_PADDING_TOP), a->comp, s, e);
		break;
	case P_PADDING_BEFORE: case P_PADDING_AFTER:
	case P_PADDING_START: case P_PADDING_END:
		S_padding(st, SIDE(P_PADDING_BEFORE), a->comp, s, e);
		break;
	case P_BORDER:
		S_border_short(st, S_all4, 4, s, e);
		break;
	case P_BORDER_TOP: case P_BORDER_BOTTOM:
	case P_BORDER_LEFT: case P_BORDER_RIGHT: {
		int side = SIDE(P_BORDER_TOP);
		S_border_short(st, &side, 1, s, e);
		break;
	}
	case P_BORDER_BEFORE: case P_BORDER_AFTER:
	case P_BORDER_START: case P_BORDER_END: {
		int side = SIDE(P_BORDER_BEFORE);
		S_border_short(st, &side, 1, s, e);
		break;
	}
	case P_BORDER_WIDTH: {
		const char *ts[4], *te[4];
		double w[4];
		if (!S_four(st, s, e, ts, te))
			break;
		for (k = 0; k < 4; k++)
			if (!S_bwidth(st, ts[k], te[k], &w[k], 0))
				return;
		for (k = 0; k < 4; k++)
			S_set_bwidth(st, k, w[k]);
		break;
	}
	case P_BORDER_STYLE: {
		const char *ts[4], *te[4];
		int sty[4];
		if (!S_four(st, s, e, ts, te))
			break;
		for (k = 0; k < 4; k++)
			if ((sty[k] = S_kw(ts[k], te[k], S_border_styles)) < 0) {
				S_ignored(st, "not a border style");
				return;
			}
		for (k = 0; k < 4; k++)
			S_set_bstyle(st, k, sty[k]);
		break;
	}
	case P_BORDER_COLOR: {
		const char *ts[4], *te[4];
		qr_color cs[4];
		if (!S_four(st, s, e, ts, te))
			break;
		for (k = 0; k < 4; k++)
			if (!S_color(st, ts[k], te[k], &cs[k]))
				return;
		for (k = 0; k < 4; k++)
			S_set_bcolor(st, k, cs[k]);
		break;
	}
	case P_BORDER_TOP_WIDTH: case P_BORDER_BOTTOM_WIDTH:
	case P_BORDER_LEFT_WIDTH: case P_BORDER_RIGHT_WIDTH:
	case P_BORDER_BEFORE_WIDTH: case P_BORDER_AFTER_WIDTH:
	case P_BORDER_START_WIDTH: case P_BORDER_END_WIDTH: {
		int side = a->id >= P_BORDER_BEFORE_WIDTH ?
		    SIDE(P_BORDER_BEFORE_WIDTH) : SIDE(P_BORDER_TOP_WIDTH);
		if (a->comp == C_COND) {
			k = S_kw(s, e, (const char *const[]){"discard",
			    "retain", NULL});
			if (k < 0)
				S_ignored(st, "discard or retain expected");
			else {
				st->box.border[side].retain = k;
				st->box_set = 1;
			}
		} else if (S_bwidth(st, s, e, &x, 0))
			S_set_bwidth(st, side, x);
		break;
	}
	case P_BORDER_TOP_STYLE: case P_BORDER_BOTTOM_STYLE:
	case P_BORDER_LEFT_STYLE: case P_BORDER_RIGHT_STYLE:
	case P_BORDER_BEFORE_STYLE: case P_BORDER_AFTER_STYLE:
	case P_BORDER_START_STYLE: case P_BORDER_END_STYLE: {
		int side = a->id >= P_BORDER_BEFORE_STYLE ?
		    SIDE(P_BORDER_BEFORE_STYLE) : SIDE(P_BORDER_TOP_STYLE);
		k = S_kw(s, e, S_border_styles);
		if (k < 0)
			S_ignored(st, "not a border style");
		else
			S_set_bstyle(st, side, k);
		break;
	}
	case P_BORDER_TOP_COLOR: case P_BORDER_BOTTOM_COLOR:
	case P_BORDER_LEFT_COLOR: case P_BORDER_RIGHT_COLOR:
	case P_BORDER_BEFORE_COLOR: case P_BORDER_AFTER_COLOR:
	case P_BORDER_START_COLOR: case P_BORDER_END_COLOR: {
		int side = a->id >= P_BORDER_BEFORE_COLOR ?
		    SIDE(P_BORDER_BEFORE_COLOR) : SIDE(P_BORDER_TOP_COLOR);
		if (S_color(st, s, e, &c))
			S_set_bcolor(st, side, c);
		break;
	}
	case P_BACKGROUND_COLOR:
		if (S_is(s, e, "transparent")) {
			st->box.has_background = 0;
			st->box_set = 1;
		} else if (S_color(st, s, e, &c)) {
			st->box.background_color = c;
			st->box.has_background = 1;
			st->box_set = 1;
		}
		break;
	case P_BACKGROUND: {
		const char *ts[8], *te[8];
		int n = S_tokens(s, e, ts, te, 8);
		for (k = 0; k < n && k < 8; k++)
			if (qr_fo_parse_color(ts[k], (size_t)(te[k] - ts[k]),
			    &c)) {
				st->box.background_color = c;
				st->box.has_background = 1;
				st->box_set = 1;
			}
		break;
	}
	case P_BREAK_BEFORE:
		S_break(st, &st->box.break_before, s, e);
		break;
	case P_BREAK_AFTER:
		S_break(st, &st->box.break_after, s, e);
		break;
	case P_PAGE_BREAK_BEFORE:
		S_page_break(st, 0, s, e);
		break;
	case P_PAGE_BREAK_AFTER:
		S_page_break(st, 1, s, e);
		break;
	case P_PAGE_BREAK_INSIDE:
		S_page_break(st, 2, s, e);
		break;
	case P_KEEP_WITH_NEXT:
		S_setkeep(st, &st->box.keep_with_next, a->comp, s, e);
		st->box_set = 1;
		break;
	case P_KEEP_WITH_PREVIOUS:
		S_setkeep(st, &st->box.keep_with_previous, a->comp, s, e);
		st->box_set = 1;
		break;
	case P_WIDTH:
	case P_IPD:
		S_range(st, &st->box.ipd, a->comp, s, e);
		st->box_set = 1;
		break;
	case P_HEIGHT:
	case P_BPD:
		S_range(st, &st->box.bpd, a->comp, s, e);
		st->box_set = 1;
		break;
	case P_MIN_HEIGHT:
		S_range(st, &st->box.bpd, C_MIN, s, e);
		st->box_set = 1;
		break;
	case P_MAX_HEIGHT:
		if (!S_is(s, e, "none"))
			S_range(st, &st->box.bpd, C_MAX, s, e);
		st->box_set = 1;
		break;
	case P_MIN_WIDTH:
		S_range(st, &st->box.ipd, C_MIN, s, e);
		st->box_set = 1;
		break;
	case P_MAX_WIDTH:
		if (!S_is(s, e, "none"))
			S_range(st, &st->box.ipd, C_MAX, s, e);
		st->box_set = 1;
		break;
	case P_BASELINE_SHIFT:
		S_baseline_shift(st, s, e, 0);
		break;
	case P_VERTICAL_ALIGN:
		S_baseline_shift(st, s, e, 1);
		break;
	case P_OVERFLOW:
		k = S_kw(s, e, (const char *const[]){"visible", "auto",
		    "scroll", "hidden", "error-if-overflow", "repeat", NULL});
		if (k < 0)
			S_ignored(st, "not an overflow value");
		else {
			st->box.overflow_hidden = k >= 3;
			st->box_set = 1;
		}
		break;

	/* object */
	case P_ID:
		/* Restyled marker copies keep the original's id, unregistered. */
		if (s < e && !st->d->quiet)
			qr_fo_id_add(st->d, st->n, S_str(st, s, e));
		break;
	case P_MASTER_NAME:
		st->obj.master_name = S_str(st, s, e);
		st->obj_set = 1;
		break;
	case P_PAGE_WIDTH:
	case P_PAGE_HEIGHT:
		if (S_is(s, e, "auto") || S_is(s, e, "indefinite"))
			break;
		if (S_len(st, s, e, &l)) {
			if (!qr_fo_len_is_abs(l) || l.pt <= 0) {
				S_bad(st, "a positive absolute length expected");
				break;
			}
			if (a->id == P_PAGE_WIDTH)
				st->obj.page_width = l.pt;
			else
				st->obj.page_height = l.pt;
			st->obj_set = 1;
		}
		break;
	case P_EXTENT:
		/* % of the page's height (before/after) or width (start/end). */
		if (st->par != NULL)
			st->ctx.pct_base = st->n->type == FO_REGION_START ||
			    st->n->type == FO_REGION_END ?
			    st->par->obj->page_width : st->par->obj->page_height;
		k = S_len(st, s, e, &l);
		st->ctx.pct_base = -1;
		if (k) {
			if (!qr_fo_len_is_abs(l) || l.pt < 0) {
				S_bad(st, "a non-negative absolute length expected");
				break;
			}
			st->obj.extent = l.pt;
			st->obj_set = 1;
		}
		break;
	case P_REGION_NAME:
		st->obj.region_name = S_str(st, s, e);
		st->obj_set = 1;
		break;
	case P_COLUMN_COUNT:
		if (S_int(st, s, e, 1, &k)) {
			if (k > 1)
				S_ignored(st, "multiple columns are not "
				    "supported; one column is used");
			st->obj.column_count = 1;
			st->obj_set = 1;
		}
		break;
	case P_COLUMN_GAP:
		if (S_len(st, s, e, &l)) {
			st->obj.column_gap = l.pt;
			st->obj_set = 1;
		}
		break;
	case P_MASTER_REFERENCE:
		st->obj.master_reference = S_str(st, s, e);
		st->obj_set = 1;
		break;
	case P_MAXIMUM_REPEATS:
		if (S_is(s, e, "no-limit"))
			st->obj.maximum_repeats = -1;
		else if (!S_int(st, s, e, 0, &st->obj.maximum_repeats))
			break;
		st->obj_set = 1;
		break;
	case P_INITIAL_PAGE_NUMBER:
		k = S_kw(s, e, (const char *const[]){"auto", "auto-odd",
		    "auto-even", NULL});
		if (k >= 0)
			st->obj.initial_page_kind = (qr_fo_initial_page)k;
		else if (S_int(st, s, e, INT_MIN / 2,
		    &st->obj.initial_page_number))
			st->obj.initial_page_kind = QR_INITIAL_NUMBER;
		st->obj_set = 1;
		break;
	case P_FORMAT:
		st->obj.format = S_str(st, s, e);
		st->obj_set = 1;
		break;
	case P_GROUPING_SEPARATOR:
		st->obj.grouping_separator = S_str(st, s, e);
		st->obj_set = 1;
		break;
	case P_GROUPING_SIZE:
		if (S_int(st, s, e, 0, &st->obj.grouping_size))
			st->obj_set = 1;
		break;
	case P_FLOW_NAME:
		st->obj.flow_name = S_str(st, s, e);
		st->obj_set = 1;
		break;
	case P_INTERNAL_DESTINATION:
		st->obj.internal_destination = S_str(st, s, e);
		st->obj_set = 1;
		break;
	case P_EXTERNAL_DESTINATION:
		st->obj.external_destination = S_uri(st, s, e);
		st->obj_set = 1;
		break;
	case P_REF_ID:
		st->obj.ref_id = S_str(st, s, e);
		st->obj_set = 1;
		break;
	case P_SRC:
		st->obj.src = S_uri(st, s, e);
		st->obj_set = 1;
		break;
	case P_CONTENT_WIDTH:
	case P_CONTENT_HEIGHT: {
		qr_fo_size *z = a->id == P_CONTENT_WIDTH ?
		    &st->obj.content_width : &st->obj.content_height;
		int *fit = a->id == P_CONTENT_WIDTH ?
		    &st->obj.scale_to_fit_width : &st->obj.scale_to_fit_height;
		if (S_is(s, e, "scale-to-fit") || S_is(s, e,
		    "scale-down-to-fit") || S_is(s, e, "scale-up-to-fit")) {
			memset(z, 0, sizeof *z);
			*fit = 1;
		} else
			(void)S_size_nonneg(st, s, e, z);
		st->obj_set = 1;
		break;
	}
	case P_CHARACTER:
		/* Not trimmed: character=" " is a space. */
		s = a->raw;
		e = a->raw + strlen(a->raw);
		if (S_utf8_one(s, e, &k) == 0 || s + k != e)
			S_bad(st, "exactly one character expected");
		else {
			st->obj.character = S_str(st, s, e);
			st->obj_set = 1;
		}
		break;
	case P_COLUMN_WIDTH:
		(void)S_size(st, s, e, &st->obj.column_width, 1);
		st->obj_set = 1;
		break;
	case P_NUMBER_COLUMNS_REPEATED:
		if (S_int(st, s, e, 1, &st->obj.number_columns_repeated))
			st->obj_set = 1;
		break;
	case P_COLUMN_NUMBER:
		if (S_int(st, s, e, 1, &st->obj.column_number))
			st->obj_set = 1;
		break;
	case P_NUMBER_COLUMNS_SPANNED:
		if (S_int(st, s, e, 1, &st->obj.number_columns_spanned))
			st->obj_set = 1;
		break;
	case P_NUMBER_ROWS_SPANNED:
		if (S_int(st, s, e, 1, &st->obj.number_rows_spanned))
			st->obj_set = 1;
		break;
	case P_MARKER_CLASS_NAME:
		st->obj.marker_class_name = S_str(st, s, e);
		st->obj_set = 1;
		break;
	case P_RETRIEVE_CLASS_NAME:
		st->obj.retrieve_class_name = S_str(st, s, e);
		st->obj_set = 1;
		break;
	case P_RETRIEVE_POSITION:
		k = S_kw(s, e, (const char *const[]){"first-starting-within-page",
		    "first-including-carryover", "last-starting-within-page",
		    "last-ending-within-page", NULL});
		if (k < 0)
			S_ignored(st, "not a retrieve-position");
		else {
			st->obj.retrieve_position = (qr_fo_retrieve_position)k;
			st->obj_set = 1;
		}
		break;
	case P_RETRIEVE_BOUNDARY:
		k = S_kw(s, e, (const char *const[]){"page-sequence", "page",
		    "document", NULL});
		if (k < 0)
			S_ignored(st, "page-sequence, page or document");
		else {
			st->obj.retrieve_boundary = (qr_fo_retrieve_boundary)k;
			st->obj_set = 1;
		}
		break;
	case P_WRITING_MODE:
		if (!S_is(s, e, "lr-tb") && !S_is(s, e, "lr") &&
		    !S_is(s, e, "inherit"))
			S_ignored(st, "only lr-tb is supported");
		break;
	case P_REFERENCE_ORIENTATION:
		if (!S_is(s, e, "0") && !S_is(s, e, "0deg") &&
		    !S_is(s, e, "inherit"))
			S_ignored(st, "only 0 is supported");
		break;
	case P_DIRECTION:
		if (!S_is(s, e, "ltr") && !S_is(s, e, "inherit"))
			S_ignored(st, "only ltr is supported");
		break;
	case P_SPAN:
		/* One column: span="all" changes nothing. */
		break;
	case P_LINE_STACKING_STRATEGY:
		/* max-height: lines stack by their tallest content with its
		 * half-leading; font-height: the block's strut with
		 * half-leading and the inline content without (XSL 1.1 4.5,
		 * the nominal-requested-line-rectangle). */
		if (S_is(s, e, "font-height"))
			st->inh.stack_font_height = 1;
		else if (S_is(s, e, "max-height"))
			st->inh.stack_font_height = 0;
		else if (!S_is(s, e, "inherit"))
			S_ignored(st, "only max-height and font-height are "
			    "supported");
		break;
	}
}

/* ---- the public entry points ---- */

/* The initial values (XSL section 7), shared by every document. */
static const qr_fo_inherited S_def_inh = {
	.font_family = "sans-serif",
	.font_size = 12,
	.font_weight = 400,
	.line_height_kind = QR_LH_NORMAL,
	.line_height = 1.2,
	.line_height_pt = 1.2 * 12,
	.text_align_last = QR_ALIGN_RELATIVE,
	.wrap = 1,
	.hyphenation_character = 0x2010,
	.hyphenation_push = 2,
	.hyphenation_remain = 2,
	.widows = 2,
	.orphans = 2,
	.leader_length = {
		.min = {.kind = QR_SIZE_LEN},
		.opt = {.kind = QR_SIZE_LEN, .len = {.pt = 12}},
		.max = {.kind = QR_SIZE_LEN, .len = {.pct = 1}},
	},
	.rule_thickness = 1,
	.rule_style = QR_BORDER_SOLID,
	.provisional_distance_between_starts = {.pt = 24},
	.provisional_label_separation = {.pt = 6},
	.border_collapse = 1,
};
static const qr_fo_box S_def_box;
static const qr_fo_obj S_def_obj = {
	.page_width = 8.26 * 72,
	.page_height = 11.69 * 72,
	.column_count = 1,
	.maximum_repeats = -1,
	.format = "1",
	.starting_state_show = 1,
	.number_columns_repeated = 1,
	.number_columns_spanned = 1,
	.number_rows_spanned = 1,
};

const qr_fo_inherited *qr_fo_default_inherited(void) { return &S_def_inh; }
const qr_fo_box *qr_fo_default_box(void) { return &S_def_box; }
const qr_fo_obj *qr_fo_default_obj(void) { return &S_def_obj; }

static int
S_refarea(qr_fo_type t)
{
	return t == FO_BLOCK_CONTAINER || t == FO_TABLE_CELL ||
	    t == FO_INLINE_CONTAINER;
}

/* Objects whose margins become indents and spaces: those in flows, not
 * page masters and regions (whose margins the geometry uses as such). */
static int
S_flowish(qr_fo_type t)
{
	return t >= FO_BLOCK || t == FO_UNKNOWN || t == FO_TITLE;
}

/* Split "name.component", look the name up. */
static int
S_attr_of(S_st *st, const char *name, S_attr *out)
{
	const char *dot;
	const struct S_propname *pe;
	size_t n;
	int k;

	dot = strchr(name, '.');
	n = dot != NULL ? (size_t)(dot - name) : strlen(name);
	out->name = name;
	pe = S_entry(name, n);
	out->id = pe != NULL ? pe->id : P_NONE;
	out->comp = C_NONE;
	if (dot != NULL) {
		for (k = 1; k < (int)(sizeof S_compnames / sizeof S_compnames[0]);
		    k++)
			if (strcmp(dot + 1, S_compnames[k]) == 0)
				break;
		if (k == (int)(sizeof S_compnames / sizeof S_compnames[0]))
			out->id = P_NONE;
		else
			out->comp = (S_comp)k;
	}
	if (out->id == P_NONE) {
		if (!st->d->quiet && qr_fo_once(st->d, "property", name)) {
			const char *near = S_nearest_prop(name);

			qr_diag(st->d->q, QD_FO_UNKNOWN_PROPERTY, st->d->file,
			    st->n->line, 0, "fo:%s: unknown property '%s' "
			    "ignored%s%s%s", qr_fo_type_name(st->n->type), name,
			    near != NULL ? " (did you mean '" : "",
			    near != NULL ? near : "", near != NULL ? "'?)" : "");
		}
		return 0;
	}
	if (out->id == P_UNSUPPORTED) {
		if (!st->d->quiet && qr_fo_once(st->d, "property", name))
			qr_diag(st->d->q, QD_FO_UNKNOWN_PROPERTY, st->d->file,
			    st->n->line, 0,
			    "fo:%s: property '%s' is not supported; ignored",
			    qr_fo_type_name(st->n->type), name);
		return 0;
	}
	if (out->id == P_SILENT)
		return 0;
	out->key = pe->rank * 2 + (dot != NULL);
	return 1;
}

/* Compute n's groups from its parent's and the specified attributes,
 * given as name/value pairs ("xml:lang" for the XML namespace's lang). */
void
qr_fo_props_apply_list(qr_fo_doc *d, qr_fo *n, const char *const *pairs,
    size_t npairs)
{
	S_st st;
	S_attr stack[48], *attrs = stack;
	size_t na = 0, cap = sizeof stack / sizeof stack[0], i, j;
	int side;

	memset(&st, 0, sizeof st);
	st.d = d;
	st.n = n;
	st.par = n->parent;
	st.inh = st.par != NULL ? *st.par->inh : S_def_inh;
	st.box = S_def_box;
	st.obj = S_def_obj;
	st.ctx.font_size = st.inh.font_size;
	st.ctx.pct_base = -1;
	st.ctx.parent = st.par;

	for (i = 0; i < npairs; i++) {
		const char *name = pairs[2 * i], *v = pairs[2 * i + 1];
		const char *s, *e;
		S_attr a;
		if (strcmp(name, "xml:lang") == 0) {
			/* The XSL 1.1 shorthand for language and country. */
			const char *dash = strpbrk(v, "-_");
			st.inh.language = qr_fo_intern_str(d, v,
			    dash != NULL ? (size_t)(dash - v) : strlen(v));
			st.inh.country = dash != NULL ?
			    qr_fo_intern_str(d, dash + 1, strlen(dash + 1)) : NULL;
			st.inh_set = 1;
			continue;
		}
		if (!S_attr_of(&st, name, &a))
			continue;
		s = v;
		e = s + strlen(s);
		while (s < e && (*s == ' ' || *s == '\t' || *s == '\n' ||
		    *s == '\r'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' ||
		    e[-1] == '\n' || e[-1] == '\r'))
			e--;
		a.raw = v;
		a.val = s;
		a.end = e;
		if (na == cap) {
			S_attr *bigger = malloc(cap * 2 * sizeof *bigger);
			if (bigger == NULL)
				break;
			memcpy(bigger, attrs, na * sizeof *attrs);
			if (attrs != stack)
				free(attrs);
			attrs = bigger;
			cap *= 2;
		}
		attrs[na++] = a;
	}
	/* Stable insertion sort by key: shorthands before the specific
	 * properties that refine them, font-size before em lengths. */
	for (i = 1; i < na; i++) {
		S_attr t = attrs[i];
		for (j = i; j > 0 && attrs[j - 1].key > t.key; j--)
			attrs[j] = attrs[j - 1];
		attrs[j] = t;
	}
	for (i = 0; i < na; i++) {
		/* "inherit": the parent's computed value, which for inherited
		 * properties is already there; lengths take from-parent();
		 * other non-inherited properties keep their initial value. */
		if (S_is(attrs[i].val, attrs[i].end, "inherit")) {
			static const char fp[] = "from-parent()";
			if (attrs[i].comp == C_NONE &&
			    S_border_inherit(&st, &attrs[i]))
				continue;
			const char *nm = attrs[i].name, *dot = strchr(nm, '.');
			qr_fo_len tmp;
			if (st.par == NULL || !qr_fo_prop_len_of(st.par, nm,
			    dot != NULL ? (size_t)(dot - nm) : strlen(nm), &tmp))
				continue;
			attrs[i].val = fp;
			attrs[i].end = fp + sizeof fp - 1;
		}
		S_apply1(&st, &attrs[i]);
	}
	if (attrs != stack)
		free(attrs);

	/* Borders: a style of none/hidden computes the width to 0; a style
	 * without a width is medium; colour defaults to the color. */
	if (st.box_set)
		for (side = 0; side < 4; side++) {
			qr_fo_border *b = &st.box.border[side];
			if (b->style == QR_BORDER_NONE ||
			    b->style == QR_BORDER_HIDDEN)
				b->width = 0;
			else if (!st.bw_set[side])
				b->width = 1.0;
			if (!st.bc_set[side])
				b->color = st.inh.color;
		}
	/* Text decoration propagates to descendants (7.17.4). */
	if (st.deco_set) {
		st.inh.text_decoration = (st.inh.text_decoration | st.deco_on) &
		    ~st.deco_off;
		st.inh_set = 1;
	}
	/* 5.3.2: a specified margin gives the indent and the space, even
	 * over a specified start-indent or space-before (as FOP reads it).
	 * The indent includes border and padding, and outside a reference
	 * area it adds to the inherited indent. */
	if (S_flowish(n->type) && (st.margin_set[QR_LEFT] ||
	    st.margin_set[QR_RIGHT])) {
		for (side = QR_LEFT; side <= QR_RIGHT; side++) {
			qr_fo_len *ind = side == QR_LEFT ? &st.inh.start_indent :
			    &st.inh.end_indent;
			if (!st.margin_set[side])
				continue;
			if (S_refarea(n->type) || st.par == NULL)
				memset(ind, 0, sizeof *ind);
			else
				*ind = side == QR_LEFT ? st.par->inh->start_indent :
				    st.par->inh->end_indent;
			ind->pt += st.box.margin[side].pt +
			    st.box.border[side].width +
			    st.box.padding[side].len.pt;
			ind->pct += st.box.margin[side].pct +
			    st.box.padding[side].len.pct;
			ind->label_end += st.box.margin[side].label_end;
			ind->body_start += st.box.margin[side].body_start;
		}
		st.inh_set = 1;
	}
	if (qr_fo_type_is_inline(n->type)) {
		if (st.margin_set[QR_LEFT])
			st.box.space_start = st.box.margin[QR_LEFT];
		if (st.margin_set[QR_RIGHT])
			st.box.space_end = st.box.margin[QR_RIGHT];
	} else if (S_flowish(n->type)) {
		for (side = QR_TOP; side <= QR_BOTTOM; side++) {
			qr_fo_space *sp = side == QR_TOP ? &st.box.space_before :
			    &st.box.space_after;
			if (!st.margin_set[side])
				continue;
			sp->min = sp->opt = sp->max = st.box.margin[side];
			/* 5.3.2: the space a margin gives is not conditional
			 * (CSS keeps a margin at the top of a page). */
			sp->retain = 1;
			sp->precedence = 0;
		}
	}
	if (st.inh_set) {
		const qr_fo_inherited *p;
		switch (st.inh.line_height_kind) {
		case QR_LH_NORMAL:
			st.inh.line_height_pt = 1.2 * st.inh.font_size;
			break;
		case QR_LH_NUMBER:
			st.inh.line_height_pt = st.inh.line_height *
			    st.inh.font_size;
			break;
		case QR_LH_LENGTH:
			st.inh.line_height_pt = st.inh.line_height;
			break;
		}
		p = qr_fo_intern(d, &d->inh_tab, &st.inh, sizeof st.inh);
		if (p != NULL)
			n->inh = p;
	}
	if (n->inh == NULL)
		n->inh = st.par != NULL ? st.par->inh : &S_def_inh;
	if (st.box_set)
		n->box = qr_fo_intern(d, &d->box_tab, &st.box, sizeof st.box);
	if (n->box == NULL)
		n->box = &S_def_box;
	if (st.obj_set)
		n->obj = qr_fo_intern(d, &d->obj_tab, &st.obj, sizeof st.obj);
	if (n->obj == NULL)
		n->obj = &S_def_obj;
}

/* Push a pair, growing the (malloc'd once past the stack) array. */
static int
S_push(const char ***pairs, size_t *np, size_t *cap, const char **stack,
    const char *name, const char *value)
{
	if (*np == *cap) {
		const char **bigger = malloc(*cap * 4 * sizeof *bigger);
		if (bigger == NULL)
			return 0;
		memcpy(bigger, *pairs, *np * 2 * sizeof *bigger);
		if (*pairs != stack)
			free(*pairs);
		*pairs = bigger;
		*cap *= 2;
	}
	(*pairs)[2 * *np] = name;
	(*pairs)[2 * *np + 1] = value;
	(*np)++;
	return 1;
}

static unsigned long long
S_keyhash(const unsigned char *k, size_t n)
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	size_t i;
	for (i = 0; i < n; i++)
		h = (h ^ k[i]) * 0x100000001b3ULL;
	return h;
}

/* Register the ids among the pairs (the cache leaves them out). */
static void
S_ids(qr_fo_doc *d, qr_fo *n, const char *const *pairs, size_t np)
{
	size_t i;
	for (i = 0; i < np; i++)
		if (strcmp(pairs[2 * i], "id") == 0) {
			const char *s = pairs[2 * i + 1], *e = s + strlen(s);
			while (s < e && (*s == ' ' || *s == '\t' || *s == '\n' ||
			    *s == '\r'))
				s++;
			while (e > s && (e[-1] == ' ' || e[-1] == '\t' ||
			    e[-1] == '\n' || e[-1] == '\r'))
				e--;
			if (s < e)
				qr_fo_id_add(d, n, qr_fo_intern_str(d, s,
				    (size_t)(e - s)));
		}
}

/* The groups of n from the cache, computing and storing them on a miss.
 * The key holds everything the computation reads: the type, the parent's
 * groups (interned, so pointers compare) and the attributes but id (the
 * names are the parser's dictionary strings). 0 if the key is too big to
 * cache (then the caller computes). */
static int
S_cached_apply(qr_fo_doc *d, qr_fo *n, const char *const *pairs, size_t np)
{
	unsigned char kb[2048];
	size_t kl = 0, i, j;
	unsigned long long h;
	const void *pp[3];
	int t = (int)n->type;
	unsigned char *key;

	pp[0] = n->parent != NULL ? (const void *)n->parent->inh : NULL;
	pp[1] = n->parent != NULL ? (const void *)n->parent->box : NULL;
	pp[2] = n->parent != NULL ? (const void *)n->parent->obj : NULL;
	memcpy(kb, &t, sizeof t);
	kl = sizeof t;
	memcpy(kb + kl, pp, sizeof pp);
	kl += sizeof pp;
	for (i = 0; i < np; i++) {
		const char *nm = pairs[2 * i], *v = pairs[2 * i + 1];
		size_t vl;
		if (strcmp(nm, "id") == 0)
			continue;
		vl = strlen(v) + 1;
		if (kl + sizeof nm + vl > sizeof kb)
			return 0;
		memcpy(kb + kl, &nm, sizeof nm);
		kl += sizeof nm;
		memcpy(kb + kl, v, vl);
		kl += vl;
	}
	h = S_keyhash(kb, kl);
	if (d->pccap > 0)
		for (j = h & (d->pccap - 1); d->pc[j].key != NULL;
		    j = (j + 1) & (d->pccap - 1))
			if (d->pc[j].h == h && d->pc[j].klen == kl &&
			    memcmp(d->pc[j].key, kb, kl) == 0) {
				n->inh = d->pc[j].inh;
				n->box = d->pc[j].box;
				n->obj = d->pc[j].obj;
				S_ids(d, n, pairs, np);
				return 1;
			}
	qr_fo_props_apply_list(d, n, pairs, np);
	if ((d->npc + 1) * 2 > d->pccap) {
		size_t cap = d->pccap ? d->pccap * 2 : 256;
		struct qr_fo_pcache *tb = calloc(cap, sizeof *tb);
		if (tb == NULL)
			return 1;
		for (i = 0; i < d->pccap; i++) {
			if (d->pc[i].key == NULL)
				continue;
			for (j = d->pc[i].h & (cap - 1); tb[j].key != NULL;
			    j = (j + 1) & (cap - 1))
				;
			tb[j] = d->pc[i];
		}
		free(d->pc);
		d->pc = tb;
		d->pccap = cap;
	}
	if ((key = qr_arena_alloc(d->arena, kl)) == NULL)
		return 1;
	memcpy(key, kb, kl);
	for (j = h & (d->pccap - 1); d->pc[j].key != NULL;
	    j = (j + 1) & (d->pccap - 1))
		;
	d->pc[j].key = key;
	d->pc[j].klen = kl;
	d->pc[j].h = h;
	d->pc[j].inh = n->inh;
	d->pc[j].box = n->box;
	d->pc[j].obj = n->obj;
	d->npc++;
	return 1;
}

void
qr_fo_props_apply(qr_fo_doc *d, qr_fo *n, xmlNodePtr el)
{
	const char *stack[64] = {0}, **pairs = stack;
	size_t np = 0, cap = sizeof stack / sizeof stack[0] / 2, i;
	xmlChar *owned[16];
	size_t nowned = 0;
	xmlAttrPtr at;

	for (at = el->properties; at != NULL; at = at->next) {
		const char *name = (const char *)at->name, *v;
		if (at->ns != NULL) {
			/* Other namespaces' attributes are ignored silently. */
			if (at->ns->prefix == NULL || !xmlStrEqual(at->ns->prefix,
			    BAD_CAST "xml") || strcmp(name, "lang") != 0)
				continue;
			name = "xml:lang";
		}
		if (at->children != NULL && at->children->next == NULL &&
		    at->children->type == XML_TEXT_NODE)
			v = (const char *)at->children->content;
		else {
			xmlChar *o = xmlNodeListGetString(el->doc, at->children, 1);
			if (o == NULL || nowned == sizeof owned / sizeof owned[0]) {
				xmlFree(o);
				continue;
			}
			owned[nowned++] = o;
			v = (const char *)o;
		}
		if (v == NULL || !S_push(&pairs, &np, &cap, stack, name, v))
			continue;
	}
	/* Marker content is restyled where it is retrieved: keep what was
	 * specified (interned, in the arena). */
	if (d->in_marker > 0 && np > 0) {
		const char **spec = qr_arena_alloc(d->arena,
		    (2 * np + 1) * sizeof *spec);
		if (spec != NULL) {
			for (i = 0; i < 2 * np; i++)
				spec[i] = qr_fo_intern_str(d, pairs[i],
				    strlen(pairs[i]));
			n->spec = spec;
		}
	}
	if (d->quiet || !S_cached_apply(d, n, pairs, np))
		qr_fo_props_apply_list(d, n, pairs, np);
	if (pairs != stack)
		free(pairs);
	for (i = 0; i < nowned; i++)
		xmlFree(owned[i]);
}

/* The computed length of a property on n, for from-parent(). */
int
qr_fo_prop_len_of(const qr_fo *n, const char *name, size_t namelen,
    qr_fo_len *out)
{
	S_pid id = S_lookup(name, namelen);
	const qr_fo_inherited *i = n->inh;
	const qr_fo_box *b = n->box;
	memset(out, 0, sizeof *out);
	switch (id) {
	case P_FONT_SIZE: out->pt = i->font_size; return 1;
	case P_LINE_HEIGHT: out->pt = i->line_height_pt; return 1;
	case P_START_INDENT: *out = i->start_indent; return 1;
	case P_END_INDENT: *out = i->end_indent; return 1;
	case P_TEXT_INDENT: *out = i->text_indent; return 1;
	case P_LAST_LINE_END_INDENT: *out = i->last_line_end_indent; return 1;
	case P_PDBS: *out = i->provisional_distance_between_starts; return 1;
	case P_PLS: *out = i->provisional_label_separation; return 1;
	case P_RULE_THICKNESS: out->pt = i->rule_thickness; return 1;
	case P_SPACE_BEFORE: *out = b->space_before.opt; return 1;
	case P_SPACE_AFTER: *out = b->space_after.opt; return 1;
	case P_MARGIN_TOP: case P_MARGIN_BOTTOM:
	case P_MARGIN_LEFT: case P_MARGIN_RIGHT:
		*out = b->margin[S_rel[id - P_MARGIN_TOP]]; return 1;
	case P_PADDING_TOP: case P_PADDING_BOTTOM:
	case P_PADDING_LEFT: case P_PADDING_RIGHT:
		*out = b->padding[S_rel[id - P_PADDING_TOP]].len; return 1;
	case P_PADDING_BEFORE: case P_PADDING_AFTER:
	case P_PADDING_START: case P_PADDING_END:
		*out = b->padding[S_rel[id - P_PADDING_BEFORE]].len; return 1;
	case P_BORDER_TOP_WIDTH: case P_BORDER_BOTTOM_WIDTH:
	case P_BORDER_LEFT_WIDTH: case P_BORDER_RIGHT_WIDTH:
		out->pt = b->border[S_rel[id - P_BORDER_TOP_WIDTH]].width;
		return 1;
	case P_BORDER_BEFORE_WIDTH: case P_BORDER_AFTER_WIDTH:
	case P_BORDER_START_WIDTH: case P_BORDER_END_WIDTH:
		out->pt = b->border[S_rel[id - P_BORDER_BEFORE_WIDTH]].width;
		return 1;
	case P_WIDTH: case P_IPD:
		if (b->ipd.opt.kind != QR_SIZE_LEN)
			return 0;
		*out = b->ipd.opt.len;
		return 1;
	case P_HEIGHT: case P_BPD:
		if (b->bpd.opt.kind != QR_SIZE_LEN)
			return 0;
		*out = b->bpd.opt.len;
		return 1;
	default:
		return 0;
	}
}
