/* fo_expr.c: XSL property expressions (5.9): numbers, lengths in every
 * unit, percentages, + - * / div mod, parentheses and the functions the
 * subset needs, evaluated to a linear length form; and colours. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fo_int.h"

typedef struct S_lex {
	const char *p, *end;
	qr_ev_ctx *c;
	int depth;
} S_lex;

static const struct {
	const char *name;
	unsigned rgb;
} S_colors[] = {
#include "fo_colors.inc"
};

static int
S_cmpname(const char *a, size_t an, const char *b)
{
	size_t bn = strlen(b);
	int r = strncmp(a, b, an < bn ? an : bn);
	if (r != 0)
		return r;
	return an < bn ? -1 : an > bn ? 1 : 0;
}

static int
S_hex(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

static qr_color
S_rgb(unsigned v)
{
	qr_color c;
	c.r = (float)((v >> 16) & 0xff) / 255.0f;
	c.g = (float)((v >> 8) & 0xff) / 255.0f;
	c.b = (float)(v & 0xff) / 255.0f;
	return c;
}

static void
S_ws(S_lex *l)
{
	while (l->p < l->end && (*l->p == ' ' || *l->p == '\t' ||
	    *l->p == '\n' || *l->p == '\r'))
		l->p++;
}

static int
S_isnamestart(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    ch == '_' || (unsigned char)ch >= 0x80;
}

static int
S_isnamechar(int ch)
{
	return S_isnamestart(ch) || (ch >= '0' && ch <= '9') || ch == '-' ||
	    ch == '.' || ch == ':';
}

static qr_ev
S_err(S_lex *l, const char *why)
{
	qr_ev v;
	memset(&v, 0, sizeof v);
	v.kind = EV_ERR;
	if (l->c->err == NULL)
		l->c->err = why;
	return v;
}

static qr_ev S_expr(S_lex *l);

/* A colour from a word or hex text; 1 on success. */
int
qr_fo_parse_color(const char *s, size_t n, qr_color *out)
{
	size_t lo = 0, hi = sizeof S_colors / sizeof S_colors[0];
	char low[32];
	size_t i;

	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n'))
		n--;
	if (n == 0)
		return 0;
	if (s[0] == '#') {
		unsigned v = 0;
		int h;
		if (n == 4) {
			for (i = 1; i < 4; i++) {
				if ((h = S_hex(s[i])) < 0)
					return 0;
				v = (v << 8) | (unsigned)(h * 17);
			}
		} else if (n == 7 || n == 9) {
			/* #rrggbbaa: the alpha is ignored (no transparency). */
			for (i = 1; i < 7; i++) {
				if ((h = S_hex(s[i])) < 0)
					return 0;
				v = (v << 4) | (unsigned)h;
			}
		} else
			return 0;
		*out = S_rgb(v);
		return 1;
	}
	if (n >= 4 && (strncmp(s, "rgb(", 4) == 0 ||
	    strncmp(s, "rgb-icc(", 8) == 0)) {
		qr_ev_ctx c;
		qr_ev v;
		memset(&c, 0, sizeof c);
		c.font_size = 12;
		c.pct_base = -1;
		v = qr_fo_eval(&c, s, s + n);
		if (v.kind != EV_COLOR)
			return 0;
		*out = v.color;
		return 1;
	}
	if (n >= sizeof low)
		return 0;
	for (i = 0; i < n; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = S_cmpname(low, n, S_colors[mid].name);
		if (r == 0) {
			*out = S_rgb(S_colors[mid].rgb);
			return 1;
		}
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

static double
S_unit(S_lex *l, const char *u, size_t n, int *ok)
{
	*ok = 1;
	if (n == 3 && memcmp(u, "mpt", 3) == 0)
		return 0.001;  /* FOP's millipoints */
	if (n == 2) {
		if (memcmp(u, "pt", 2) == 0) return 1;
		if (memcmp(u, "pc", 2) == 0) return 12;
		if (memcmp(u, "mm", 2) == 0) return 72.0 / 25.4;
		if (memcmp(u, "cm", 2) == 0) return 72.0 / 2.54;
		if (memcmp(u, "in", 2) == 0) return 72;
		if (memcmp(u, "px", 2) == 0) return 0.75;
		if (memcmp(u, "em", 2) == 0) return l->c->font_size;
		/* No x-height here: half an em, as most faces come close. */
		if (memcmp(u, "ex", 2) == 0) return l->c->font_size * 0.5;
	}
	*ok = 0;
	return 0;
}

static qr_ev
S_num(double x)
{
	qr_ev v;
	memset(&v, 0, sizeof v);
	v.kind = EV_NUM;
	v.num = x;
	return v;
}

static qr_ev
S_lenpt(double pt)
{
	qr_ev v;
	memset(&v, 0, sizeof v);
	v.kind = EV_LEN;
	v.len.pt = pt;
	return v;
}

/* Arguments of a function call: up to 8, after '(' was consumed. */
static int
S_args(S_lex *l, qr_ev *args, int max, const char **name_arg,
    size_t *name_len)
{
	int n = 0;
	S_ws(l);
	if (l->p < l->end && *l->p == ')') {
		l->p++;
		return 0;
	}
	for (;;) {
		qr_ev a;
		S_ws(l);
		/* Quoted strings (a property name in from-parent('x')). */
		if (l->p < l->end && (*l->p == '\'' || *l->p == '"')) {
			char qch = *l->p++;
			const char *s0 = l->p;
			while (l->p < l->end && *l->p != qch)
				l->p++;
			if (l->p >= l->end)
				return -1;
			memset(&a, 0, sizeof a);
			a.kind = EV_WORD;
			a.word = s0;
			a.wordlen = (size_t)(l->p - s0);
			l->p++;
		} else
			a = S_expr(l);
		if (a.kind == EV_ERR)
			return -1;
		if (n == 0 && a.kind == EV_WORD && name_arg != NULL) {
			*name_arg = a.word;
			*name_len = a.wordlen;
		}
		if (n < max)
			args[n] = a;
		n++;
		S_ws(l);
		if (l->p < l->end && *l->p == ',') {
			l->p++;
			continue;
		}
		if (l->p < l->end && *l->p == ')') {
			l->p++;
			return n;
		}
		return -1;
	}
}

static double
S_colcomp(const qr_ev *a)
{
	double x;
	if (a->kind == EV_NUM)
		x = a->num / 255.0;
	else if (a->kind == EV_LEN && a->had_pct && a->len.pt == 0)
		x = a->len.pct;
	else
		return -1;
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

static qr_ev
S_call(S_lex *l, const char *name, size_t n)
{
	qr_ev args[8], v;
	const char *narg = NULL;
	size_t nlen = 0;
	int na;
	double saved = l->c->pct_base;

#define IS(s) (S_cmpname(name, n, s) == 0)
	/* Inside rgb(), percentages are of the component range. */
	if (IS("rgb") || IS("rgb-icc"))
		l->c->pct_base = -1;
	na = S_args(l, args, 8, &narg, &nlen);
	l->c->pct_base = saved;
	if (na < 0)
		return S_err(l, "bad function arguments");
	memset(&v, 0, sizeof v);
	if (IS("proportional-column-width")) {
		/* A percentage argument (seen in FOP's tests) is read as its
		 * fraction: only the ratio between columns matters. */
		if (na == 1 && args[0].kind == EV_LEN && args[0].had_pct &&
		    args[0].len.pt == 0 && args[0].len.label_end == 0 &&
		    args[0].len.body_start == 0) {
			args[0].kind = EV_NUM;
			args[0].num = args[0].len.pct;
		}
		if (na != 1 || args[0].kind != EV_NUM || args[0].num < 0)
			return S_err(l, "proportional-column-width() needs a number");
		v.kind = EV_PROP;
		v.prop = args[0].num;
		return v;
	}
	if (IS("label-end") || IS("body-start")) {
		if (na != 0)
			return S_err(l, "label-end()/body-start() take no argument");
		v.kind = EV_LEN;
		if (IS("label-end"))
			v.len.label_end = 1;
		else
			v.len.body_start = 1;
		return v;
	}
	if (IS("from-parent") || IS("inherited-property-value") ||
	    IS("from-nearest-specified-value")) {
		qr_fo_len len;
		if (na == 0) {
			narg = l->c->prop_name;
			nlen = narg != NULL ? strlen(narg) : 0;
		}
		if (narg == NULL || na > 1)
			return S_err(l, "from-parent() needs a property name");
		if (l->c->parent == NULL)
			return S_err(l, "from-parent() on the root");
		if (!qr_fo_prop_len_of(l->c->parent, narg, nlen, &len))
			return S_err(l, "from-parent() of an unsupported property");
		v.kind = EV_LEN;
		v.len = len;
		return v;
	}
	if (IS("rgb") || IS("rgb-icc")) {
		double r, g, b;
		if (na < 3)
			return S_err(l, "rgb() needs three components");
		r = S_colcomp(&args[0]);
		g = S_colcomp(&args[1]);
		b = S_colcomp(&args[2]);
		if (r < 0 || g < 0 || b < 0)
			return S_err(l, "bad rgb() component");
		v.kind = EV_COLOR;
		v.color.r = (float)r;
		v.color.g = (float)g;
		v.color.b = (float)b;
		return v;
	}
	if (IS("abs") || IS("floor") || IS("ceiling") || IS("round")) {
		if (na != 1)
			return S_err(l, "one argument expected");
		v = args[0];
		if (v.kind == EV_NUM) {
			v.num = IS("abs") ? fabs(v.num) : IS("floor") ?
			    floor(v.num) : IS("ceiling") ? ceil(v.num) :
			    floor(v.num + 0.5);
			return v;
		}
		if (v.kind == EV_LEN && IS("abs") && qr_fo_len_is_abs(v.len)) {
			v.len.pt = fabs(v.len.pt);
			return v;
		}
		return S_err(l, "bad argument");
	}
	if (IS("min") || IS("max")) {
		int mx = IS("max");
		if (na != 2 || args[0].kind != args[1].kind)
			return S_err(l, "min()/max() need two like arguments");
		if (args[0].kind == EV_NUM)
			return S_num(mx ? fmax(args[0].num, args[1].num) :
			    fmin(args[0].num, args[1].num));
		if (args[0].kind == EV_LEN && qr_fo_len_is_abs(args[0].len) &&
		    qr_fo_len_is_abs(args[1].len))
			return S_lenpt(mx ? fmax(args[0].len.pt, args[1].len.pt) :
			    fmin(args[0].len.pt, args[1].len.pt));
		return S_err(l, "bad min()/max() arguments");
	}
#undef IS
	return S_err(l, "unknown function");
}

static qr_ev
S_primary(S_lex *l)
{
	qr_ev v;
	S_ws(l);
	if (l->p >= l->end)
		return S_err(l, "value expected");
	if (++l->depth > 64)
		return S_err(l, "expression too deep");
	if (*l->p == '(') {
		l->p++;
		v = S_expr(l);
		S_ws(l);
		if (v.kind == EV_ERR)
			return v;
		if (l->p >= l->end || *l->p != ')')
			return S_err(l, "missing )");
		l->p++;
		l->depth--;
		return v;
	}
	if (*l->p == '-' || *l->p == '+') {
		int neg = *l->p == '-';
		l->p++;
		v = S_primary(l);
		if (neg) {
			if (v.kind == EV_NUM)
				v.num = -v.num;
			else if (v.kind == EV_LEN) {
				v.len.pt = -v.len.pt;
				v.len.pct = -v.len.pct;
				v.len.label_end = -v.len.label_end;
				v.len.body_start = -v.len.body_start;
			} else if (v.kind != EV_ERR)
				return S_err(l, "cannot negate");
		}
		l->depth--;
		return v;
	}
	if ((*l->p >= '0' && *l->p <= '9') || *l->p == '.') {
		const char *u;
		double x = 0, scale = 1;
		int dots = 0, digits = 0;
		/* Decimal digits by hand: strtod was a tenth of reading time,
		 * and XSL numbers have no exponent or locale. */
		while (l->p < l->end && ((*l->p >= '0' && *l->p <= '9') ||
		    *l->p == '.')) {
			if (*l->p == '.') {
				if (++dots > 1)
					return S_err(l, "bad number");
			} else {
				x = x * 10 + (*l->p - '0');
				if (dots)
					scale *= 10;
				digits++;
			}
			l->p++;
		}
		if (digits == 0 || digits > 30)
			return S_err(l, "bad number");
		x /= scale;
		/* Exponents (1e3) are not XSL numbers; 'e' starts a unit (em). */
		if (l->p < l->end && *l->p == '%') {
			l->p++;
			memset(&v, 0, sizeof v);
			v.kind = EV_LEN;
			v.had_pct = 1;
			if (l->c->pct_base >= 0)
				v.len.pt = x / 100.0 * l->c->pct_base;
			else
				v.len.pct = x / 100.0;
			l->depth--;
			return v;
		}
		u = l->p;
		while (l->p < l->end && ((*l->p >= 'a' && *l->p <= 'z') ||
		    (*l->p >= 'A' && *l->p <= 'Z')))
			l->p++;
		if (l->p > u) {
			int ok;
			double f = S_unit(l, u, (size_t)(l->p - u), &ok);
			if (!ok)
				return S_err(l, "unknown unit");
			l->depth--;
			return S_lenpt(x * f);
		}
		l->depth--;
		return S_num(x);
	}
	if (*l->p == '#') {
		const char *s0 = l->p++;
		while (l->p < l->end && S_isnamechar((unsigned char)*l->p))
			l->p++;
		memset(&v, 0, sizeof v);
		/* #CMYK and other profile names in rgb-icc() are words. */
		if (l->p - s0 > 1 && !qr_fo_parse_color(s0,
		    (size_t)(l->p - s0), &v.color)) {
			v.kind = EV_WORD;
			v.word = s0;
			v.wordlen = (size_t)(l->p - s0);
			l->depth--;
			return v;
		}
		if (!qr_fo_parse_color(s0, (size_t)(l->p - s0), &v.color))
			return S_err(l, "bad colour");
		v.kind = EV_COLOR;
		l->depth--;
		return v;
	}
	if (S_isnamestart((unsigned char)*l->p)) {
		const char *s0 = l->p;
		size_t n;
		while (l->p < l->end && S_isnamechar((unsigned char)*l->p))
			l->p++;
		n = (size_t)(l->p - s0);
		S_ws(l);
		if (l->p < l->end && *l->p == '(') {
			l->p++;
			v = S_call(l, s0, n);
			l->depth--;
			return v;
		}
		memset(&v, 0, sizeof v);
		v.kind = EV_WORD;
		v.word = s0;
		v.wordlen = n;
		l->depth--;
		return v;
	}
	return S_err(l, "unexpected character");
}

static qr_ev
S_mul(qr_ev a, qr_ev b, int op, S_lex *l)
{
	/* op: '*', '/', 'm' (mod) */
	if (a.kind == EV_ERR || b.kind == EV_ERR)
		return a.kind == EV_ERR ? a : b;
	if (a.kind == EV_NUM && b.kind == EV_NUM) {
		if (op == '*')
			return S_num(a.num * b.num);
		if (b.num == 0)
			return S_err(l, "division by zero");
		return S_num(op == '/' ? a.num / b.num : fmod(a.num, b.num));
	}
	if (op == '*' && b.kind == EV_NUM && (a.kind == EV_LEN ||
	    a.kind == EV_PROP)) {
		qr_ev t = a;
		a = b;
		b = t;
	}
	if (op == '*' && a.kind == EV_NUM && (b.kind == EV_LEN ||
	    b.kind == EV_PROP)) {
		b.len.pt *= a.num;
		b.len.pct *= a.num;
		b.len.label_end *= a.num;
		b.len.body_start *= a.num;
		b.prop *= a.num;
		return b;
	}
	if (op == '/' && (a.kind == EV_LEN || a.kind == EV_PROP) &&
	    b.kind == EV_NUM) {
		if (b.num == 0)
			return S_err(l, "division by zero");
		a.len.pt /= b.num;
		a.len.pct /= b.num;
		a.len.label_end /= b.num;
		a.len.body_start /= b.num;
		a.prop /= b.num;
		return a;
	}
	if (op == '/' && a.kind == EV_LEN && b.kind == EV_LEN &&
	    qr_fo_len_is_abs(a.len) && qr_fo_len_is_abs(b.len)) {
		if (b.len.pt == 0)
			return S_err(l, "division by zero");
		return S_num(a.len.pt / b.len.pt);
	}
	return S_err(l, "bad operands");
}

static qr_ev
S_term(S_lex *l)
{
	qr_ev a = S_primary(l);
	for (;;) {
		int op;
		S_ws(l);
		if (a.kind == EV_ERR || l->p >= l->end)
			return a;
		if (*l->p == '*' || *l->p == '/') {
			op = *l->p;
			l->p++;
		} else if (l->end - l->p > 3 && memcmp(l->p, "div", 3) == 0 &&
		    !S_isnamechar((unsigned char)l->p[3])) {
			op = '/';
			l->p += 3;
		} else if (l->end - l->p > 3 && memcmp(l->p, "mod", 3) == 0 &&
		    !S_isnamechar((unsigned char)l->p[3])) {
			op = 'm';
			l->p += 3;
		} else
			return a;
		a = S_mul(a, S_primary(l), op, l);
	}
}

static qr_ev
S_add(qr_ev a, qr_ev b, int sub, S_lex *l)
{
	double s = sub ? -1 : 1;
	if (a.kind == EV_ERR || b.kind == EV_ERR)
		return a.kind == EV_ERR ? a : b;
	if (a.kind == EV_NUM && b.kind == EV_NUM)
		return S_num(a.num + s * b.num);
	/* 0 + a length: XSL allows a bare 0 where a length is expected. */
	if (a.kind == EV_NUM && a.num == 0 && (b.kind == EV_LEN ||
	    b.kind == EV_PROP))
		a = S_lenpt(0);
	if (b.kind == EV_NUM && b.num == 0 && (a.kind == EV_LEN ||
	    a.kind == EV_PROP))
		b = S_lenpt(0);
	if ((a.kind == EV_LEN || a.kind == EV_PROP) &&
	    (b.kind == EV_LEN || b.kind == EV_PROP)) {
		qr_ev r = a;
		r.kind = (a.kind == EV_PROP || b.kind == EV_PROP) ? EV_PROP :
		    EV_LEN;
		r.len.pt += s * b.len.pt;
		r.len.pct += s * b.len.pct;
		r.len.label_end += s * b.len.label_end;
		r.len.body_start += s * b.len.body_start;
		r.prop += s * b.prop;
		r.had_pct |= b.had_pct;
		return r;
	}
	return S_err(l, "cannot add these values");
}

static qr_ev
S_expr(S_lex *l)
{
	qr_ev a = S_term(l);
	for (;;) {
		int sub;
		S_ws(l);
		if (a.kind == EV_ERR || l->p >= l->end)
			return a;
		if (*l->p != '+' && *l->p != '-')
			return a;
		sub = *l->p == '-';
		l->p++;
		a = S_add(a, S_term(l), sub, l);
	}
}

qr_ev
qr_fo_eval(qr_ev_ctx *c, const char *s, const char *end)
{
	S_lex l;
	qr_ev v;

	l.p = s;
	l.end = end;
	l.c = c;
	l.depth = 0;
	v = S_expr(&l);
	S_ws(&l);
	if (v.kind != EV_ERR && l.p != l.end)
		return S_err(&l, "unexpected text after the value");
	return v;
}

double
qr_fo_len_resolve(qr_fo_len len, double ref_width, double label_end,
    double body_start)
{
	return len.pt + len.pct * ref_width + len.label_end * label_end +
	    len.body_start * body_start;
}

int
qr_fo_len_is_abs(qr_fo_len len)
{
	return len.pct == 0 && len.label_end == 0 && len.body_start == 0;
}
