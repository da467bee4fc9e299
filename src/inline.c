/* inline.c: paragraphs: the inline content of a block collected into one
 * text buffer after XSL white-space handling, cut into Knuth-Plass items
 * at libunibreak's break opportunities and libhyphen's hyphenation points,
 * broken into lines by linebreak.c, and set into per-line paint operations
 * that qr_line_paint() turns into areas. */
#define _POSIX_C_SOURCE 200809L
#include "inline.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyph.h"
#include "image.h"
#include "linebreak.h"

/* libunibreak's <linebreak.h> is shadowed by our own linebreak.h on the
 * include path, so its three declarations (libunibreak 1.1, linebreak
 * 2.2) are repeated here. */
void init_linebreak(void);
void set_linebreaks_utf8(const unsigned char *s, size_t len,
    const char *lang, char *brks);
#define LINEBREAK_MUSTBREAK 0
#define LINEBREAK_ALLOWBREAK 1

#define OBJ_CHAR "\xEF\xBF\xBC" /* U+FFFC stands for every object */
#define OBJ_LEN 3
#define MAX_POINTS 32
/* Ragged text's end-of-line stretch, in ems of the space's font: TeX's
 * \raggedright right skip (spaces and in-word breaks alike). */
#define RAGGED_STRETCH_EM 2.0
/* linebreak.c caps a line's badness where its stretch ratio passes 4.65
 * (TeX's inf_bad): centred lines get at least a 4.65th of the measure as
 * their end stretch, so that no line short of empty reaches the cap. */
#define CENTER_CAP_RATIO 4.65

/* ---- scratch vectors ------------------------------------------------- */

#define VEC(T) struct { T *v; size_t n, cap; }

static int
S_grow(void **v, size_t *cap, size_t need, size_t elem)
{
	size_t c;
	void *p;

	if (need <= *cap)
		return 0;
	c = *cap ? *cap : 64;
	while (c < need)
		c *= 2;
	p = realloc(*v, c * elem);
	if (p == NULL)
		return -1;
	*v = p;
	*cap = c;
	return 0;
}

#define VPUSH(vec, ...) \
	(S_grow((void **)&(vec).v, &(vec).cap, (vec).n + 1, sizeof *(vec).v) \
	    == 0 ? ((vec).v[(vec).n++] = (__VA_ARGS__), 0) : -1)

/* ---- data ------------------------------------------------------------- */

enum run_kind { RUN_TEXT, RUN_OBJ, RUN_BREAK };

/* A stretch of the paragraph text from one FO node. */
typedef struct run {
	size_t start, end;   /* bytes of the text buffer */
	const qr_fo *node;   /* the text/character/object node */
	int style;
	unsigned char kind;
} run;

/* A container (inline, basic-link, footnote anchor, anything with an id)
 * over a stretch of text. */
typedef struct span {
	size_t start, end;
	const qr_fo *node;
	int style;
	unsigned char opened, closed;
} span;

/* Everything that paints or measures alike for one node. */
typedef struct style {
	const qr_fo *node;
	qr_font *font;
	double size;
	double shift;         /* baseline shift, up positive */
	double above, below;  /* half-leading included, shift applied */
	double asc, desc;
	double space;         /* width of U+0020 */
	qr_color color;
	unsigned deco;
	int wrap;
	int ascii;            /* font maps all printable ASCII */
} style;

enum item_kind {
	K_WORD, K_SPACE, K_BREAK, K_HYPH, K_OBJ, K_LEADER, K_INDENT, K_PAD,
	K_FILL, K_END, K_NOBREAK
};

/* What an item stands for, parallel to the linebreak items. */
typedef struct info {
	unsigned char kind;
	unsigned char space_part; /* K_SPACE: 0 single, 1..3 ragged triple */
	int style;
	size_t tstart, tend;      /* bytes of the text buffer */
	qr_font *font;            /* K_WORD, K_HYPH: the face that draws it */
	const qr_fo *node;        /* K_OBJ, K_LEADER */
} info;

enum op_kind {
	OP_TEXT, OP_RULE, OP_FILL, OP_IMAGE, OP_LINK, OP_REF
};

struct qr_inl_op {
	unsigned char kind;
	unsigned char last;       /* OP_REF: citation-last */
	unsigned char internal;   /* OP_LINK: internal destination */
	unsigned char lstyle;     /* OP_RULE: qr_line_style */
	double x, y, w, h;        /* y relative to the baseline, down + */
	qr_font *font;
	double size;
	qr_color color;
	const char *s;            /* text, uri/id, image path, ref id */
	size_t len;
	double ws;                /* word spacing (OP_TEXT) */
	double thickness;         /* OP_RULE */
	const qr_fo *node;        /* OP_REF: page-number or citation */
};

/* An overfull line's warning, given when it is painted. */
struct qr_inl_over {
	const qr_fo *node;  /* the culprit's FO */
	double by;          /* how far it sticks out */
	int len;
	char text[];        /* the culprit (up to 60 bytes) */
};

struct qr_para {
	qr_line *lines;
	size_t nlines;
	const char **orphans;
	size_t norphans;
	/* set from a line other than the first: the kept inlines that
	 * ended before it (kends) and that are open at it (kopens) */
	const qr_fo **kends, **kopens;
	size_t nkends, nkopens;
	const qr_fo **ofootnotes;   /* footnotes of a paragraph with no lines */
	size_t nofootnotes;
	/* how it was laid out, for qr_line_relaid (kept when it has
	 * references) */
	const qr_fo *block, *first, *stop;
	double width;
	size_t from;              /* qr_para_layout_from's */
	const char *page_label;   /* the page-number guess (arena copy) */
	unsigned char is_first, is_last, has_res;
	signed char redo_state;   /* 0 not tried, 1 same lines, -1 not */
	const qr_para *redo;
};

typedef struct gcache {
	const qr_fo *node;
	const char *path;  /* NULL: left out (warned) */
	double iw, ih;     /* intrinsic size, points */
} gcache;

typedef struct fcache {
	const qr_fo_inherited *inh;
	const char *family;
	int weight, italic;
	qr_font *font;
} fcache;

struct qr_inline_env {
	quire *q;
	qr_fonts *fonts;
	qr_arena *arena;
	qr_resolver res;
	int has_res;
	qr_hyph *hyph;
	qr_linebreaker *lb;
	fcache fc[64];
	/* per-paragraph scratch, reused */
	VEC(char) raw;
	VEC(run) rawruns;
	VEC(span) spans;
	VEC(size_t) fnotes;       /* raw offsets of footnote anchors */
	VEC(const qr_fo *) fnodes;
	VEC(char) text;
	VEC(run) runs;
	VEC(size_t) map;          /* raw offsets of the bytes dropped */
	VEC(char) keep;
	VEC(char) brks;
	VEC(style) styles;
	VEC(qr_lb_item) items;
	VEC(info) infos;
	VEC(double) xs;           /* item x positions on a line */
	VEC(double) ws;           /* item adjusted widths on a line */
	VEC(struct qr_inl_op) ops;
	VEC(size_t) pads;         /* spans with inline border/padding */
	VEC(size_t) pspans;       /* spans that paint: links, boxes */
	/* nodes already warned about (once per document) */
	const qr_fo **once;
	size_t oncecap, onceused;
	/* external-graphic nodes already probed */
	struct gcache *gtab;
	size_t gcap, gused;
	int last_block_break;
	int depth;
	int too_deep;             /* S_collect left text out (and said so) */
	/* Paragraphs laid out in the current arena that depend on nothing
	 * but their FOs, width and place in the block (S_memo_ok), most
	 * recent first: static content is set again on every page. */
	struct memo {
		const qr_fo *block, *first, *stop;
		double width;
		size_t from;
		int is_first, is_last;
		qr_para *p;
	} memo[4];
	size_t nmemo;
	size_t measured_refs;     /* page references met by qr_para_measure */
	/* libunibreak's answers for printable ASCII (S_breaks), for the
	 * language in asc_lang */
	int asc_ready;
	char *asc_lang;
	unsigned char asc_pair[95][95];    /* [a][b]: after a in "ab" */
	unsigned char asc_space[95][95];   /* after the space in "a b" */
	unsigned char asc_lead[2][95];     /* after the last space in " b"
	                                      and in "  b" */
};

/* ---- environment ------------------------------------------------------ */

qr_inline_env *
qr_inline_env_new(quire *q, qr_fonts *fonts, qr_arena *arena)
{
	static int unibreak_ready;
	qr_inline_env *env;

	if (fonts == NULL)
		return NULL;
	env = calloc(1, sizeof *env);
	if (env == NULL)
		return NULL;
	env->q = q;
	env->fonts = fonts;
	env->arena = arena;
	env->hyph = qr_hyph_new(q, NULL);
	env->lb = qr_lb_new();
	if (env->hyph == NULL || env->lb == NULL) {
		qr_inline_env_free(env);
		return NULL;
	}
	if (!unibreak_ready) {
		/* Idempotent in libunibreak; done once per process. */
		init_linebreak();
		unibreak_ready = 1;
	}
	return env;
}

qr_inline_env *
qr_inline_env_new_helper(const qr_inline_env *main, qr_arena *arena)
{
	qr_inline_env *env = calloc(1, sizeof *env);

	if (env == NULL)
		return NULL;
	env->q = main->q;
	env->fonts = main->fonts;
	env->arena = arena;
	env->hyph = qr_hyph_new_borrowing(main->hyph);
	env->lb = qr_lb_new();
	if (env->hyph == NULL || env->lb == NULL) {
		qr_inline_env_free(env);
		return NULL;
	}
	/* the ASCII break tables main has made (S_ascii_tables), if any:
	 * asking libunibreak for them again costs what a short table's
	 * cells do */
	if (main->asc_ready && (main->asc_lang == NULL ||
	    (env->asc_lang = strdup(main->asc_lang)) != NULL)) {
		memcpy(env->asc_pair, main->asc_pair, sizeof env->asc_pair);
		memcpy(env->asc_space, main->asc_space, sizeof env->asc_space);
		memcpy(env->asc_lead, main->asc_lead, sizeof env->asc_lead);
		env->asc_ready = 1;
	}
	return env;
}

int
qr_inline_env_missed(qr_inline_env *env)
{
	int h = qr_hyph_missed(env->hyph);

	return qr_fonts_thread_missed() | h;
}

void
qr_inline_env_set_arena(qr_inline_env *env, qr_arena *arena)
{
	env->arena = arena;
	env->nmemo = 0; /* the paragraphs were in the old one */
}

void
qr_inline_env_set_resolver(qr_inline_env *env, const qr_resolver *r)
{
	if (r == NULL) {
		env->has_res = 0;
		return;
	}
	env->res = *r;
	env->has_res = 1;
}

size_t
qr_inline_env_measured_refs(const qr_inline_env *env)
{
	return env->measured_refs;
}

void
qr_inline_env_free(qr_inline_env *env)
{
	if (env == NULL)
		return;
	qr_hyph_free(env->hyph);
	qr_lb_free(env->lb);
	free(env->raw.v);
	free(env->rawruns.v);
	free(env->spans.v);
	free(env->fnotes.v);
	free(env->fnodes.v);
	free(env->text.v);
	free(env->runs.v);
	free(env->map.v);
	free(env->keep.v);
	free(env->brks.v);
	free(env->asc_lang);
	free(env->styles.v);
	free(env->items.v);
	free(env->infos.v);
	free(env->xs.v);
	free(env->ws.v);
	free(env->ops.v);
	free(env->pads.v);
	free(env->pspans.v);
	free(env->once);
	if (env->gtab != NULL) {
		size_t i;

		for (i = 0; i < env->gcap; i++)
			free((char *)env->gtab[i].path);
	}
	free(env->gtab);
	free(env);
}

size_t
qr_para_count(const qr_para *p)
{
	return p != NULL ? p->nlines : 0;
}

const qr_line *
qr_para_line(const qr_para *p, size_t i)
{
	return p != NULL && i < p->nlines ? &p->lines[i] : NULL;
}

size_t
qr_para_orphan_ids(const qr_para *p, const char *const **ids)
{
	*ids = p != NULL ? p->orphans : NULL;
	return p != NULL ? p->norphans : 0;
}

size_t
qr_para_orphan_footnotes(const qr_para *p, const qr_fo *const **fns)
{
	*fns = p != NULL ? p->ofootnotes : NULL;
	return p != NULL ? p->nofootnotes : 0;
}

size_t
qr_para_kept_before(const qr_para *p, const qr_fo *const **ends,
    const qr_fo *const **opens, size_t *nopens)
{
	*ends = p != NULL ? p->kends : NULL;
	*opens = p != NULL ? p->kopens : NULL;
	*nopens = p != NULL ? p->nkopens : 0;
	return p != NULL ? p->nkends : 0;
}

int
qr_inline_kept(const qr_fo *n)
{
	const qr_fo_keep *k = &n->inh->keep_together;

	/* (Inherited from an enclosing block too: then it changes nothing,
	 * the block keeps these lines already.) */
	return (n->type == FO_INLINE || n->type == FO_BASIC_LINK ||
	    n->type == FO_WRAPPER) && (k->within_page > 0 ||
	    k->within_column > 0);
}

/* ---- per-node memory: warnings once, images probed once --------------- */

static size_t
S_ptr_hash(const void *p)
{
	uintptr_t x = (uintptr_t)p;

	x ^= x >> 17;
	x *= 0x9E3779B97F4A7C15ull;
	return (size_t)(x ^ (x >> 29));
}

/* 1 the first time node is seen here, then 0 (and 1 if out of memory:
 * better a repeated message than a lost one). */
static int
S_once(qr_inline_env *env, const qr_fo *node)
{
	size_t j;

	if ((env->onceused + 1) * 2 > env->oncecap) {
		size_t cap = env->oncecap ? env->oncecap * 2 : 64, i;
		const qr_fo **t = calloc(cap, sizeof *t);

		if (t == NULL)
			return 1;
		for (i = 0; i < env->oncecap; i++) {
			if (env->once[i] == NULL)
				continue;
			for (j = S_ptr_hash(env->once[i]) & (cap - 1);
			    t[j] != NULL; j = (j + 1) & (cap - 1))
				;
			t[j] = env->once[i];
		}
		free(env->once);
		env->once = t;
		env->oncecap = cap;
	}
	for (j = S_ptr_hash(node) & (env->oncecap - 1); env->once[j] != NULL;
	    j = (j + 1) & (env->oncecap - 1))
		if (env->once[j] == node)
			return 0;
	env->once[j] = node;
	env->onceused++;
	return 1;
}

/* ---- measuring ------------------------------------------------------- */

/* The width of s in font at size: a sum of advances from the face's
 * table (cheaper than looking the word up in a cache, measured). */
static double
S_width(qr_inline_env *env, qr_font *f, double size, const char *s, size_t n)
{
	(void)env;
	if (n == 0 || f == NULL)
		return 0;
	return qr_font_width(f, s, n, size);
}

static qr_font *
S_font(qr_inline_env *env, const qr_fo *n)
{
	const qr_fo_inherited *inh = n->inh;
	size_t k = ((uintptr_t)inh >> 4) & 63;
	qr_font *f;

	if (env->fc[k].inh == inh && env->fc[k].font != NULL &&
	    env->fc[k].family == inh->font_family &&
	    env->fc[k].weight == inh->font_weight &&
	    env->fc[k].italic == inh->font_italic)
		return env->fc[k].font;
	f = qr_fonts_select(env->fonts, inh->font_family, inh->font_weight,
	    inh->font_italic, n->file, n->line);
	env->fc[k].inh = inh;
	env->fc[k].family = inh->font_family;
	env->fc[k].weight = inh->font_weight;
	env->fc[k].italic = inh->font_italic;
	env->fc[k].font = f;
	return f;
}

/* The cumulative baseline shift of n: baseline-shift is not inherited,
 * but a shifted inline carries its content with it. */
static double
S_shift(qr_inline_env *env, const qr_fo *n, const qr_fo *block)
{
	double s = 0;

	for (; n != NULL && n != block; n = n->parent) {
		const qr_fo_box *b = n->box;
		double ps = n->parent != NULL ? n->parent->inh->font_size :
		    n->inh->font_size;

		if (n->type == FO_TEXT)
			continue; /* shares its parent's groups */
		switch (b->baseline_shift_kind) {
		case QR_SHIFT_SUPER: {
			/* The parent face's x-height, as FOP places it. */
			qr_font *pf = n->parent != NULL ?
			    S_font(env, n->parent) : NULL;
			double xh = pf != NULL ? qr_font_x_height(pf, ps) : 0;

			s += xh > 0 ? xh : ps * 0.33;
			break;
		}
		case QR_SHIFT_SUB:
			s -= ps * 0.19;
			break;
		case QR_SHIFT_LEN:
			s += qr_fo_len_resolve(b->baseline_shift,
			    n->parent != NULL ? n->parent->inh->line_height_pt :
			    ps * 1.2, 0, 0);
			break;
		default:
			break;
		}
	}
	return s;
}

static int
S_style(qr_inline_env *env, const qr_fo *n, const qr_fo *block)
{
	style s;
	double half;

	/* Consecutive runs of one node share the style, and so do runs
	 * that look and hyphenate alike, so that a line's text is painted
	 * in as few runs as possible. */
	if (env->styles.n > 0) {
		const style *l = &env->styles.v[env->styles.n - 1];
		const qr_fo_inherited *a = l->node->inh, *c = n->inh;

		if (l->node == n)
			return (int)env->styles.n - 1;
		if (a == c || (S_font(env, n) == l->font &&
		    c->font_size == a->font_size &&
		    memcmp(&c->color, &a->color, sizeof c->color) == 0 &&
		    c->text_decoration == a->text_decoration &&
		    c->wrap == a->wrap && c->hyphenate == a->hyphenate &&
		    c->language == a->language && c->country == a->country &&
		    c->hyphenation_character == a->hyphenation_character &&
		    c->hyphenation_push == a->hyphenation_push &&
		    c->hyphenation_remain == a->hyphenation_remain &&
		    c->line_height_pt == a->line_height_pt &&
		    c->white_space_collapse == a->white_space_collapse &&
		    c->visibility_hidden == a->visibility_hidden &&
		    c->leader_pattern == a->leader_pattern)) {
			if (S_shift(env, n, block) == l->shift &&
			    (n->type == FO_TEXT || n->type == FO_CHARACTER) &&
			    (l->node->type == FO_TEXT ||
			    l->node->type == FO_CHARACTER))
				return (int)env->styles.n - 1;
		}
	}
	memset(&s, 0, sizeof s);
	s.node = n;
	s.font = S_font(env, n);
	s.size = n->inh->font_size;
	s.shift = S_shift(env, n, block);
	s.color = n->inh->color;
	s.deco = n->inh->text_decoration;
	s.wrap = n->inh->wrap;
	/* keep-together.within-line from an inline (not inherited from the
	 * block, where keep-together="always" means pages, not lines):
	 * no break inside. */
	if (n->inh->keep_together.within_line != 0 &&
	    n->inh->keep_together.within_line !=
	    block->inh->keep_together.within_line)
		s.wrap = 0;
	if (s.font != NULL) {
		s.asc = qr_font_ascent(s.font, s.size);
		s.desc = qr_font_descent(s.font, s.size);
		s.space = S_width(env, s.font, s.size, " ", 1);
		s.ascii = qr_font_has_ascii(s.font);
	}
	half = (n->inh->line_height_pt - (s.asc + s.desc)) / 2;
	if (n != block && block->inh->stack_font_height)
		half = 0;
	s.above = s.asc + half + s.shift;
	s.below = s.desc + half - s.shift;
	if (VPUSH(env->styles, s) < 0)
		return -1;
	return (int)env->styles.n - 1;
}

/* ---- collecting: FO children -> raw text, runs, spans ------------------ */

static int
S_raw_append(qr_inline_env *env, const char *s, size_t n, const qr_fo *node,
    int kind)
{
	size_t at = env->raw.n;

	if (S_grow((void **)&env->raw.v, &env->raw.cap, at + n + 1, 1) < 0)
		return -1;
	memcpy(env->raw.v + at, s, n);
	env->raw.n += n;
	if (env->rawruns.n > 0) {
		run *last = &env->rawruns.v[env->rawruns.n - 1];

		if (last->node == node && last->kind == kind &&
		    last->end == at && kind == RUN_TEXT) {
			last->end += n;
			return 0;
		}
	}
	env->last_block_break = kind == RUN_BREAK;
	return VPUSH(env->rawruns, (run){at, at + n, node, -1,
	    (unsigned char)kind});
}

/* The first tab, linefeed or carriage return in s[i, len), or len. */
static size_t
S_next_control(const char *s, size_t i, size_t len)
{
	const char *p = memchr(s + i, '\n', len - i);
	size_t e = p != NULL ? (size_t)(p - s) : len;

	if ((p = memchr(s + i, '\t', e - i)) != NULL)
		e = (size_t)(p - s);
	if ((p = memchr(s + i, '\r', e - i)) != NULL)
		e = (size_t)(p - s);
	return e;
}

/* Character data after linefeed-treatment: tabs and carriage returns are
 * white space like U+0020; a preserved linefeed stays '\n' (a forced
 * break), the others become a space, a zero-width space or nothing. */
static int
S_text(qr_inline_env *env, const qr_fo *n, const char *s, size_t len)
{
	size_t i = 0, from = 0;

	if (len == 0)
		return 0;
	env->last_block_break = 0;
	while (i < len) {
		const char *rep = NULL;
		size_t rl = 0;
		char c;

		/* nothing to do up to a tab, linefeed or return */
		i = S_next_control(s, i, len);
		if (i == len)
			break;
		c = s[i];
		if (c == '\t' || c == '\r') {
			rep = " ";
			rl = 1;
		} else if (c == '\n') {
			switch (n->inh->linefeed_treatment) {
			case QR_LF_IGNORE:
				rep = "";
				break;
			case QR_LF_PRESERVE:
				rep = "\n";
				rl = 1;
				break;
			case QR_LF_TREAT_AS_ZERO_WIDTH_SPACE:
				rep = "\xE2\x80\x8B";
				rl = 3;
				break;
			default:
				rep = " ";
				rl = 1;
				break;
			}
		}
		if (rep == NULL) {
			i++;
			continue;
		}
		if (i > from && S_raw_append(env, s + from, i - from, n,
		    RUN_TEXT) < 0)
			return -1;
		if (rl > 0 && S_raw_append(env, rep, rl, n, RUN_TEXT) < 0)
			return -1;
		from = ++i;
	}
	if (i > from && S_raw_append(env, s + from, i - from, n, RUN_TEXT) < 0)
		return -1;
	return 0;
}

static int S_collect(qr_inline_env *env, const qr_fo *first,
    const qr_fo *stop, const qr_fo *block);

/* Whether an inline-level object has a border, padding or background. */
static int
S_box_deco(const qr_fo_box *bx)
{
	int side;

	if (bx->has_background)
		return 1;
	for (side = 0; side < 4; side++)
		if (bx->border[side].width > 0 ||
		    !qr_fo_len_is_abs(bx->padding[side].len) ||
		    bx->padding[side].len.pt > 0)
			return 1;
	return 0;
}

/* Whether spans of n are painted like an fo:inline's (border, padding,
 * background). */
static int
S_inline_box(const qr_fo *n)
{
	return n->type == FO_INLINE || n->type == FO_LEADER;
}

static int
S_span_open(qr_inline_env *env, const qr_fo *n)
{
	return VPUSH(env->spans, (span){env->raw.n, env->raw.n, n, -1, 0, 0});
}

static int
S_node(qr_inline_env *env, const qr_fo *c, const qr_fo *block)
{
	size_t si;

	switch (c->type) {
	case FO_TEXT:
		return S_text(env, c, c->text, c->text_len);
	case FO_CHARACTER:
		if (c->id != NULL && S_span_open(env, c) < 0)
			return -1;
		si = env->spans.n;
		/* A linefeed character becomes a space or a zero-width space
		 * per linefeed-treatment, else nothing (preserve too, as in
		 * FOP); other control characters draw nothing. */
		if (c->obj->character != NULL &&
		    (unsigned char)c->obj->character[0] >= 0x20) {
			if (S_text(env, c, c->obj->character,
			    strlen(c->obj->character)) < 0)
				return -1;
		} else if (c->obj->character != NULL &&
		    c->obj->character[0] == '\n' &&
		    (c->inh->linefeed_treatment == QR_LF_TREAT_AS_SPACE ||
		    c->inh->linefeed_treatment ==
		    QR_LF_TREAT_AS_ZERO_WIDTH_SPACE)) {
			if (S_text(env, c, "\n", 1) < 0)
				return -1;
		}
		if (c->id != NULL)
			env->spans.v[si - 1].end = env->raw.n;
		return 0;
	case FO_LEADER:
	case FO_PAGE_NUMBER:
	case FO_PAGE_NUMBER_CITATION:
	case FO_PAGE_NUMBER_CITATION_LAST:
	case FO_EXTERNAL_GRAPHIC: {
		/* a leader's border, padding and background are painted as
		 * an inline's are: it needs a span */
		int sp = c->id != NULL ||
		    (c->type == FO_LEADER && S_box_deco(c->box));

		if (sp && S_span_open(env, c) < 0)
			return -1;
		si = env->spans.n;
		if (S_raw_append(env, OBJ_CHAR, OBJ_LEN, c, RUN_OBJ) < 0)
			return -1;
		env->last_block_break = 0;
		if (sp)
			env->spans.v[si - 1].end = env->raw.n;
		return 0;
	}
	case FO_FOOTNOTE: {
		const qr_fo *k;

		if (VPUSH(env->fnotes, env->raw.n) < 0 ||
		    VPUSH(env->fnodes, c) < 0)
			return -1;
		if (c->id != NULL && S_span_open(env, c) < 0)
			return -1;
		si = env->spans.n;
		for (k = c->first_child; k != NULL; k = k->next)
			if (k->type != FO_FOOTNOTE_BODY &&
			    S_node(env, k, block) < 0)
				return -1;
		if (c->id != NULL)
			env->spans.v[si - 1].end = env->raw.n;
		return 0;
	}
	case FO_FOOTNOTE_BODY:
	case FO_MARKER:
	case FO_RETRIEVE_MARKER:
		return 0;
	case FO_BLOCK:
	case FO_BLOCK_CONTAINER:
	case FO_LIST_BLOCK:
	case FO_TABLE:
	case FO_TABLE_AND_CAPTION:
		/* Block-level content inside inline content: lay its text
		 * out on lines of its own. */
		if (env->raw.n > 0 && !env->last_block_break &&
		    S_raw_append(env, "\n", 1, c, RUN_BREAK) < 0)
			return -1;
		if (c->id != NULL && S_span_open(env, c) < 0)
			return -1;
		si = env->spans.n;
		if (S_collect(env, c->first_child, NULL, block) < 0)
			return -1;
		if (c->id != NULL)
			env->spans.v[si - 1].end = env->raw.n;
		if (env->raw.n > 0 && !env->last_block_break &&
		    S_raw_append(env, "\n", 1, c, RUN_BREAK) < 0)
			return -1;
		return 0;
	default:
		/* inline, basic-link, wrapper, inline-container, unknown
		 * and the rest: a container over its children. */
		if (S_span_open(env, c) < 0)
			return -1;
		si = env->spans.n;
		if (S_collect(env, c->first_child, NULL, block) < 0)
			return -1;
		env->spans.v[si - 1].end = env->raw.n;
		return 0;
	}
}

static int
S_collect(qr_inline_env *env, const qr_fo *first, const qr_fo *stop,
    const qr_fo *block)
{
	const qr_fo *c;
	int rc = 0;

	if (++env->depth > 1000) {
		/* The reader bounds nesting far below this: a backstop. */
		env->depth--;
		env->too_deep = 1;
		if (first != NULL)
			qr_diag(env->q, QD_LAYOUT, first->file, first->line, 0,
			    "inline content nested too deeply; its text is "
			    "left out");
		return 0;
	}
	for (c = first; c != NULL && c != stop; c = c->next)
		if ((rc = S_node(env, c, block)) < 0)
			break;
	env->depth--;
	return rc;
}

/* ---- white space: raw -> text ------------------------------------------ */

static const qr_fo *
S_raw_node_at(const qr_inline_env *env, size_t *ri, size_t off)
{
	while (*ri < env->rawruns.n && env->rawruns.v[*ri].end <= off)
		(*ri)++;
	return *ri < env->rawruns.n ? env->rawruns.v[*ri].node : NULL;
}

/* The text offset of raw offset off: off less the bytes dropped before
 * it (env->map, ascending, holds their raw offsets; few). */
static size_t
S_text_off(const qr_inline_env *env, size_t off)
{
	size_t lo = 0, hi = env->map.n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (env->map.v[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return off - lo;
}

/* XSL 7.16.8 and 7.16.12 over the whole paragraph: spaces around
 * linefeeds (and at the paragraph's start and end, which act as
 * linefeeds) go per white-space-treatment; runs of spaces collapse per
 * white-space-collapse; "ignore" discards every space (as FOP does).
 * Then the text buffer is built and every raw offset mapped. */
static int
S_whitespace(qr_inline_env *env)
{
	size_t n = env->raw.n, i, ri = 0, o = 0;
	const char *s = env->raw.v;
	char *keep;

	if (S_grow((void **)&env->keep.v, &env->keep.cap, n + 1, 1) < 0 ||
	    S_grow((void **)&env->text.v, &env->text.cap, n + 1, 1) < 0)
		return -1;
	keep = env->keep.v;
	memset(keep, 1, n);
	/* Which raw bytes are collapsible spaces (from text runs). */
	for (i = 0; i < n; i++) {
		const qr_fo *node;
		int before = 0, after = 0;
		size_t j;

		if (s[i] != ' ') {
			const char *sp = memchr(s + i, ' ', n - i);

			if (sp == NULL)
				break;
			i = (size_t)(sp - s);
		}
		node = S_raw_node_at(env, &ri, i);
		if (env->rawruns.v[ri].kind != RUN_TEXT)
			continue;
		switch (node->inh->white_space_treatment) {
		case QR_WST_PRESERVE:
			break;
		case QR_WST_IGNORE_IF_BEFORE_LINEFEED:
			before = 1;
			break;
		case QR_WST_IGNORE_IF_AFTER_LINEFEED:
			after = 1;
			break;
		case QR_WST_IGNORE:
			keep[i] = 0; /* every space goes, as FOP does */
			continue;
		default:
			before = after = 1;
			break;
		}
		/* One space between two other characters (not linefeeds)
		 * stays whatever the treatment and collapse: the walks
		 * below stop at once. */
		if (i > 0 && i + 1 < n && s[i - 1] != ' ' && s[i - 1] != '\n' &&
		    s[i + 1] != ' ' && s[i + 1] != '\n')
			continue;
		if (before) {
			for (j = i; j < n && s[j] == ' '; j++)
				;
			if (j == n || s[j] == '\n')
				keep[i] = 0;
		}
		if (after && keep[i]) {
			for (j = i; j > 0 && s[j - 1] == ' '; j--)
				;
			if (j == 0 || s[j - 1] == '\n')
				keep[i] = 0;
		}
		if (keep[i] && node->inh->white_space_collapse ==
		    QR_WS_COLLAPSE_TRUE) {
			/* Drop a space that follows a kept space. */
			for (j = i; j > 0 && s[j - 1] == ' ' && !keep[j - 1]; j--)
				;
			if (j > 0 && s[j - 1] == ' ' && keep[j - 1])
				keep[i] = 0;
		}
	}
	/* The text: the kept bytes, copied a stretch at a time between
	 * the dropped ones, whose raw offsets (ascending) go to map. */
	env->map.n = 0;
	i = 0;
	while (i < n) {
		size_t j = i;

		while (j < n && keep[j])
			j++;
		memcpy(env->text.v + o, s + i, j - i);
		o += j - i;
		if (j < n && VPUSH(env->map, j) < 0)
			return -1;
		i = j + 1;
	}
	env->text.n = o;
	env->text.v[o] = '\0';
	/* Runs in text offsets; empty ones vanish. */
	env->runs.n = 0;
	for (i = 0; i < env->rawruns.n; i++) {
		run r = env->rawruns.v[i];

		r.start = S_text_off(env, r.start);
		r.end = S_text_off(env, r.end);
		if (r.end > r.start && VPUSH(env->runs, r) < 0)
			return -1;
	}
	for (i = 0; i < env->spans.n; i++) {
		env->spans.v[i].start = S_text_off(env, env->spans.v[i].start);
		env->spans.v[i].end = S_text_off(env, env->spans.v[i].end);
	}
	for (i = 0; i < env->fnotes.n; i++)
		env->fnotes.v[i] = S_text_off(env, env->fnotes.v[i]);
	return 0;
}

/* ---- items --------------------------------------------------------- */

typedef struct build {
	qr_inline_env *env;
	const qr_fo *block;
	double width;
	int justify;          /* text-align justify: spaces stretch/shrink */
	int center;           /* centred text, its last line too: a forced
	                         line end stretches like any other */
	int hyphens;          /* hyphenation points were added */
	int measuring;        /* for qr_para_measure */
	const char *tcopy;    /* the text in the arena, once per paragraph */
	size_t run_a, run_e;  /* the last run of non-spaces S_in_address saw */
	int run_addr;         /* and whether it is an address */
} build;

/* The end-of-line stretch R of ragged text in style st: 2em; in centred
 * text, where every line's length counts (its last one too, see
 * S_forced), at least a 4.65th of the measure, so that a line however
 * short stays below linebreak.c's badness cap: with the cap, one very
 * short line costs no more than a fairly short one, and total fit would
 * trade a one-word line ("REPORT" alone above a full title) for fuller
 * others. FOP's centred lines have a finite stretch and no cap. */
static double
S_rag(const build *b, int st)
{
	double r = RAGGED_STRETCH_EM * b->env->styles.v[st].size;

	if (b->center && b->width / CENTER_CAP_RATIO > r)
		r = b->width / CENTER_CAP_RATIO;
	return r;
}

/* Room for one more item and its info (the two arrays grow together). */
static int
S_item_grow(qr_inline_env *env)
{
	size_t need = env->items.n + 1;

	if (S_grow((void **)&env->items.v, &env->items.cap, need,
	    sizeof *env->items.v) < 0 || S_grow((void **)&env->infos.v,
	    &env->infos.cap, need, sizeof *env->infos.v) < 0)
		return -1;
	return 0;
}

static inline int
S_item(qr_inline_env *env, int type, double w, double st, double sh,
    double pen, int flags, int order, info in)
{
	qr_lb_item *it;

	if ((env->items.n >= env->items.cap ||
	    env->infos.n >= env->infos.cap) && S_item_grow(env) < 0)
		return -1;
	it = &env->items.v[env->items.n++];
	it->width = w;
	it->stretch = st;
	it->shrink = sh;
	it->penalty = pen;
	it->type = (unsigned char)type;
	it->flags = (unsigned char)flags;
	it->order = (unsigned char)order;
	it->tag = 0;
	env->infos.v[env->infos.n++] = in;
	return 0;
}

static inline info
S_info(int kind, int st, size_t a, size_t b)
{
	info in = {(unsigned char)kind, 0, st, a, b, NULL, NULL};

	return in;
}

static int
S_is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
S_is_gap(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* True when the run of non-spaces around t[a, e) is an e-mail address
 * (holds an '@' with something on both sides): never hyphenated, a
 * reader copying it must not meet a hyphen (S_address_breaks gives it
 * its break opportunities instead). The run's answer is kept for its
 * next pieces (a long run is scanned once). */
static int
S_in_address(build *b, const char *t, size_t n, size_t a, size_t e)
{
	size_t i, j, k;

	if (b->run_e > b->run_a && a >= b->run_a && e <= b->run_e)
		return b->run_addr;
	for (i = a; i > 0 && !S_is_gap(t[i - 1]); i--)
		;
	for (j = e; j < n && !S_is_gap(t[j]); j++)
		;
	b->run_a = i;
	b->run_e = j;
	b->run_addr = 0;
	for (k = i + 1; k + 1 < j; k++)
		if (t[k] == '@')
			b->run_addr = 1;
	return b->run_addr;
}

/* A break inside a word (after a hyphen, at a hyphenation point, a soft
 * hyphen or another break opportunity): the penalty alone when
 * justifying; in ragged text Knuth and Plass's penalty(inf) glue(0,R)
 * penalty glue(0,-R), R = 2em as at spaces, so that a line ending
 * there has the same end stretch as one ending at a space (without it
 * such a line had no stretch at all and could hardly ever be chosen). */
static int
S_inword_break(build *b, int st, double w, int pen, int flags, info hi)
{
	qr_inline_env *env = b->env;
	double r = S_rag(b, st);
	info nb = S_info(K_NOBREAK, st, hi.tstart, hi.tstart);

	if (b->justify)
		return S_item(env, QR_LB_PENALTY, w, 0, 0, pen, flags, 0, hi);
	if (S_item(env, QR_LB_PENALTY, 0, 0, 0, QR_LB_INF, 0, 0, nb) < 0 ||
	    S_item(env, QR_LB_GLUE, 0, r, 0, 0, 0, 0, nb) < 0 ||
	    S_item(env, QR_LB_PENALTY, w, 0, 0, pen, flags, 0, hi) < 0)
		return -1;
	return S_item(env, QR_LB_GLUE, 0, -r, 0, 0, 0, 0, nb);
}

/* One word piece (one face, no break inside but hyphenation points) as
 * boxes, with discretionary hyphens when the node asks for them. */
static int
S_word(build *b, int st, qr_font *f, size_t a, size_t e)
{
	qr_inline_env *env = b->env;
	const style *sy = &env->styles.v[st];
	const qr_fo_inherited *inh = sy->node->inh;
	const char *t = env->text.v;
	size_t pts[MAX_POINTS];
	int np = 0;
	info in = S_info(K_WORD, st, a, e);

	in.font = f;
	if (inh->hyphenate && sy->wrap && e - a >= 5 &&
	    !S_in_address(b, t, env->text.n, a, e)) {
		/* The longest run of letters inside the piece; words in
		 * capitals (acronyms) are left alone. */
		size_t i = a, la = 0, le = 0;

		while (i < e) {
			size_t j = i;

			while (j < e && S_is_letter(t[j]))
				j++;
			if (j - i > le - la) {
				la = i;
				le = j;
			}
			i = j + 1;
		}
		if (le - la >= 5) {
			int lower = 0;

			for (i = la; i < le; i++)
				if (t[i] >= 'a' && t[i] <= 'z')
					lower = 1;
			if (lower)
				np = qr_hyph_word(env->hyph, inh->language,
				    inh->country, t + la, le - la,
				    inh->hyphenation_remain,
				    inh->hyphenation_push, pts, MAX_POINTS,
				    sy->node->file, sy->node->line);
			for (i = 0; i < (size_t)np; i++)
				pts[i] += la;
		}
	}
	if (np > 0) {
		char hy[8];
		size_t hl, p = a;
		unsigned hc = inh->hyphenation_character;
		qr_font *hf = f;
		double hw;
		int k;

		if (hc == 0 || f == NULL || !qr_font_has_glyph(f, hc))
			hc = '-';
		hl = hc < 0x80 ? (hy[0] = (char)hc, 1) : hc < 0x800 ?
		    (hy[0] = (char)(0xC0 | hc >> 6),
		    hy[1] = (char)(0x80 | (hc & 0x3F)), 2) :
		    (hy[0] = (char)(0xE0 | hc >> 12),
		    hy[1] = (char)(0x80 | ((hc >> 6) & 0x3F)),
		    hy[2] = (char)(0x80 | (hc & 0x3F)), 3);
		hw = S_width(env, hf, sy->size, hy, hl);
		for (k = 0; k <= np; k++) {
			size_t q = k < np ? pts[k] : e;
			info wi = in;

			wi.tstart = p;
			wi.tend = q;
			if (S_item(env, QR_LB_BOX, S_width(env, f, sy->size,
			    t + p, q - p), 0, 0, 0, 0, 0, wi) < 0)
				return -1;
			if (k < np) {
				info hi = S_info(K_HYPH, st, q, q);

				hi.font = hf;
				if (S_inword_break(b, st, hw, 50,
				    QR_LB_FLAGGED | QR_LB_HYPHEN, hi) < 0)
					return -1;
			}
			p = q;
		}
		b->hyphens = 1;
		return 0;
	}
	return S_item(env, QR_LB_BOX, S_width(env, f, sy->size, t + a, e - a),
	    0, 0, 0, 0, 0, in);
}

/* An inter-word space: one glue when justifying (stretch 1/2, shrink 1/3
 * of the space, as TeX's fonts), else Knuth and Plass's ragged triple
 * glue(0,R) penalty(0) glue(w,-R), R = 2em (the stretch of TeX's
 * \raggedright right skip), so that each line's only stretch is at its
 * end. */
static int
S_space(build *b, int st, size_t at)
{
	qr_inline_env *env = b->env;
	const style *sy = &env->styles.v[st];
	double w = sy->space, r;
	info in = S_info(K_SPACE, st, at, at + 1);
	int keep;

	if (sy->node->inh->white_space_treatment == QR_WST_PRESERVE) {
		/* Preserved spaces that begin a line after a linefeed (or the
		 * paragraph) are indentation: boxes, never discarded. */
		size_t k = at;
		const char *t = env->text.v;

		while (k > 0 && t[k - 1] == ' ')
			k--;
		if (k == 0 || t[k - 1] == '\n')
			return S_item(env, QR_LB_BOX, w, 0, 0, 0, 0, 0, in);
	}
	if (!sy->wrap) {
		/* Not a break: a penalty forbids the glue's. */
		if (S_item(env, QR_LB_PENALTY, 0, 0, 0, QR_LB_INF, 0, 0,
		    S_info(K_NOBREAK, st, at, at)) < 0)
			return -1;
		return S_item(env, QR_LB_GLUE, w, b->justify ? w / 2 : 0,
		    b->justify ? w / 3 : 0, 0, 0, 0, in);
	}
	if (b->justify)
		return S_item(env, QR_LB_GLUE, w, w / 2, w / 3, 0, 0, 0, in);
	/* Preserved, uncollapsed spaces are not suppressed at an automatic
	 * break (XSL 1.1 7.17.3, suppress-at-line-break auto): the line may
	 * break before each one, and the space is a box after the triple,
	 * so those that do not fit begin the next line (as FOP). Ragged:
	 * glue(0,R) penalty(0) glue(0,-R) box(w); otherwise the space is
	 * the last glue's width, glue(0,R) penalty(0) glue(w,-R). */
	keep = sy->node->inh->white_space_treatment == QR_WST_PRESERVE &&
	    sy->node->inh->white_space_collapse == QR_WS_COLLAPSE_FALSE;
	r = S_rag(b, st);
	in.space_part = 1;
	if (S_item(env, QR_LB_GLUE, 0, r, 0, 0, 0, 0, in) < 0)
		return -1;
	in.space_part = 2;
	if (S_item(env, QR_LB_PENALTY, 0, 0, 0, 0, 0, 0, in) < 0)
		return -1;
	in.space_part = 3;
	if (S_item(env, QR_LB_GLUE, keep ? 0 : w, -r, 0, 0, 0, 0, in) < 0)
		return -1;
	if (!keep)
		return 0;
	in.space_part = 0;
	return S_item(env, QR_LB_BOX, w, 0, 0, 0, 0, 0, in);
}

/* The end of a line forced by a preserved linefeed, a nested block or
 * the paragraph's end: parfillskip then a forced break. The parfillskip
 * is fil, so a short last line costs nothing; in centred text it is the
 * ragged end stretch R of every other line instead (Knuth and Plass's
 * centred lines, as FOP sets them: its centred paragraph ends with the
 * same glue as a line broken at a space, no fil), so that the last line
 * is weighed like the others and a short one is balanced against them
 * ('Credit/ / Debit Card', not 'Credit/Debit / Card'). */
static int
S_forced(build *b, int st, size_t at, double end_indent)
{
	qr_inline_env *env = b->env;
	int fil = !b->center;

	if (S_item(env, QR_LB_PENALTY, 0, 0, 0, QR_LB_INF, 0, 0,
	    S_info(K_NOBREAK, st, at, at)) < 0 ||
	    S_item(env, QR_LB_GLUE, 0, fil ? 1 :
	    S_rag(b, st), 0, 0, 0, fil,
	    S_info(K_FILL, st, at, at)) < 0)
		return -1;
	if (end_indent != 0 && S_item(env, QR_LB_BOX, end_indent, 0, 0, 0, 0,
	    0, S_info(K_INDENT, st, at, at)) < 0)
		return -1;
	return S_item(env, QR_LB_PENALTY, 0, 0, 0, -QR_LB_INF, 0, 0,
	    S_info(K_END, st, at, at));
}

static const char *
S_guess_label(qr_inline_env *env, const qr_fo *n)
{
	const char *l = NULL;

	if (env->has_res) {
		if (n->type == FO_PAGE_NUMBER)
			l = env->res.page_label;
		else if (env->res.cite != NULL && n->obj->ref_id != NULL)
			l = env->res.cite(env->res.user, n->obj->ref_id,
			    n->type == FO_PAGE_NUMBER_CITATION_LAST);
	}
	return l != NULL ? l : "00";
}

/* Resolve an image's src against the FO file's folder; NULL (warned
 * once) for a URI on the network, which is never fetched. The string
 * lives in the env's current arena. */
static char *
S_image_path(qr_inline_env *env, const qr_fo *n)
{
	const char *src = n->obj->src, *slash, *c;
	char *p;

	if (src == NULL || *src == '\0')
		return NULL;
	if (strncmp(src, "file://", 7) == 0)
		src += 7;
	else if (strncmp(src, "file:", 5) == 0)
		src += 5;
	else {
		/* scheme ":" (RFC 3986): letters, digits, + - . */
		for (c = src; (*c >= 'a' && *c <= 'z') || (*c >= 'A' &&
		    *c <= 'Z') || (c > src && ((*c >= '0' && *c <= '9') ||
		    *c == '+' || *c == '-' || *c == '.')); c++)
			;
		if (c - src == 4 && *c == ':' && (src[0] | 0x20) == 'd' &&
		    (src[1] | 0x20) == 'a' && (src[2] | 0x20) == 't' &&
		    (src[3] | 0x20) == 'a') {
			/* RFC 2397: the payload (base64, line breaks) is
			 * no use in a message. */
			qr_diag(env->q, QD_IMAGE, n->file, n->line, 0,
			    "fo:external-graphic: data: URLs are not "
			    "supported; the image is left out");
			return NULL;
		}
		if (*c == ':' && c - src >= 2) {
			qr_diag(env->q, QD_IMAGE, n->file, n->line, 0,
			    "fo:external-graphic: image '%s' is on the network "
			    "and is never fetched; it is left out", n->obj->src);
			return NULL;
		}
	}
	if (src[0] == '/' || n->file == NULL ||
	    (slash = strrchr(n->file, '/')) == NULL)
		return qr_arena_strdup(env->arena, src);
	p = qr_arena_alloc(env->arena, (size_t)(slash - n->file) + strlen(src) + 2);
	if (p == NULL)
		return NULL;
	memcpy(p, n->file, (size_t)(slash - n->file) + 1);
	strcpy(p + (slash - n->file) + 1, src);
	return p;
}

/* Images larger than this many pixels are left out (image.h): decoding
 * them would cost the writer hundreds of megabytes. */
#ifdef QR_IMAGE_MAX_PIXELS
#define MAX_IMAGE_PIXELS QR_IMAGE_MAX_PIXELS
#else
#define MAX_IMAGE_PIXELS 50000000.0
#endif

/* The image of an external-graphic, probed once per node: its path and
 * intrinsic size, or NULL when it cannot be used (warned once, with the
 * FO's file and line). */
static const gcache *
S_image(qr_inline_env *env, const qr_fo *n)
{
	static const gcache none;
	size_t j;
	gcache g;
	int pw = 0, ph = 0;
	double dx = 0, dy = 0;
	const char *why = NULL;
	char *path;

	if (env->gcap > 0)
		for (j = S_ptr_hash(n) & (env->gcap - 1);
		    env->gtab[j].node != NULL; j = (j + 1) & (env->gcap - 1))
			if (env->gtab[j].node == n)
				return &env->gtab[j];
	memset(&g, 0, sizeof g);
	g.node = n;
	path = S_image_path(env, n);
	if (path != NULL) {
		if (qr_image_probe_quiet(path, &pw, &ph, &dx, &dy, &why) ==
		    QR_IMAGE_NONE) {
			qr_diag(env->q, QD_IMAGE, n->file, n->line, 0,
			    "fo:external-graphic: cannot use image '%s': %s; "
			    "it is left out", path, why != NULL ? why :
			    "unreadable");
		} else if ((double)pw * (double)ph > MAX_IMAGE_PIXELS) {
			qr_diag(env->q, QD_IMAGE, n->file, n->line, 0,
			    "fo:external-graphic: cannot use image '%s': %d x %d "
			    "pixels, more than quire's limit; it is left out",
			    path, pw, ph);
		} else {
			/* The path must outlive arenas switched per pass. */
			g.path = strdup(path);
			qr_image_size_pt(pw, ph, dx, dy, 96, &g.iw, &g.ih);
		}
	}
	if ((env->gused + 1) * 2 > env->gcap) {
		size_t cap = env->gcap ? env->gcap * 2 : 16, i;
		gcache *t = calloc(cap, sizeof *t);

		if (t == NULL) {
			free((char *)g.path);
			return &none;
		}
		for (i = 0; i < env->gcap; i++) {
			if (env->gtab[i].node == NULL)
				continue;
			for (j = S_ptr_hash(env->gtab[i].node) & (cap - 1);
			    t[j].node != NULL; j = (j + 1) & (cap - 1))
				;
			t[j] = env->gtab[i];
		}
		free(env->gtab);
		env->gtab = t;
		env->gcap = cap;
	}
	for (j = S_ptr_hash(n) & (env->gcap - 1); env->gtab[j].node != NULL;
	    j = (j + 1) & (env->gcap - 1))
		;
	env->gtab[j] = g;
	env->gused++;
	return &env->gtab[j];
}

/* The size of an external-graphic. The viewport: width and height, where
 * given; a percentage height refers to the height of the block holding
 * the line, which depends on its content, so it counts as auto (XSL 1.1
 * 7.15.3; FOP too). The content: the intrinsic size from the file, with
 * content-width/height (percentages of the intrinsic size, 7.15.4) or
 * scale-to-fit (the viewport's dimension, where given); under uniform
 * scaling each that is given is a scale, and the smaller one scales both
 * dimensions (as FOP: width="160pt" content-width="scale-to-fit"
 * content-height="100%" keeps the intrinsic size). An auto viewport
 * dimension is the content's. Negative results (of expressions the
 * property reader could not rule out) are taken as 0, with a warning. */
static void
S_graphic_size(qr_inline_env *env, const qr_fo *n, double width,
    double *w, double *h, double *cw, double *ch, const char **path)
{
	const gcache *g = S_image(env, n);
	double iw = g->iw, ih = g->ih, cwv = 0, chv = 0;
	const qr_fo_obj *o = n->obj;
	const qr_fo_box *bx = n->box;
	int have_w = bx->ipd.opt.kind == QR_SIZE_LEN;
	int have_h = bx->bpd.opt.kind == QR_SIZE_LEN &&
	    bx->bpd.opt.len.pct == 0;
	int have_cw = o->content_width.kind == QR_SIZE_LEN;
	int have_ch = o->content_height.kind == QR_SIZE_LEN;

	*path = g->path;
	*w = have_w ? qr_fo_len_resolve(bx->ipd.opt.len, width, 0, 0) : 0;
	*h = have_h ? qr_fo_len_resolve(bx->bpd.opt.len, 0, 0, 0) : 0;
	if (*w < 0 || *h < 0) {
		qr_diag(env->q, QD_IMAGE, n->file, n->line, 0,
		    "fo:external-graphic: %s resolves to %.1fpt, less than 0; "
		    "taken as 0", *w < 0 ? "width" : "height",
		    *w < 0 ? *w : *h);
		*w = *w < 0 ? 0 : *w;
		*h = *h < 0 ? 0 : *h;
	}
	if (have_cw)
		cwv = o->content_width.len.pt + o->content_width.len.pct * iw;
	if (have_ch)
		chv = o->content_height.len.pt + o->content_height.len.pct * ih;
	if (cwv < 0 || chv < 0) {
		qr_diag(env->q, QD_IMAGE, n->file, n->line, 0,
		    "fo:external-graphic: content-%s resolves to %.1fpt, less "
		    "than 0; taken as 0", cwv < 0 ? "width" : "height",
		    cwv < 0 ? cwv : chv);
		cwv = cwv < 0 ? 0 : cwv;
		chv = chv < 0 ? 0 : chv;
	}
	if (o->scale_to_fit_width && have_w) {
		have_cw = 1;
		cwv = *w;
	}
	if (o->scale_to_fit_height && have_h) {
		have_ch = 1;
		chv = *h;
	}
	*cw = iw;
	*ch = ih;
	if (!o->scaling_non_uniform && iw > 0 && ih > 0) {
		double k = -1;

		if (have_cw)
			k = cwv / iw;
		if (have_ch && (k < 0 || chv / ih < k))
			k = chv / ih;
		if (k >= 0) {
			*cw = iw * k;
			*ch = ih * k;
		}
	} else {
		if (have_cw)
			*cw = cwv;
		if (have_ch)
			*ch = chv;
	}
	if (!have_w)
		*w = *cw;
	if (!have_h)
		*h = *ch;
	if (*cw > width && width > 0 && !have_w) {
		/* Never wider than the line: scale down (FOP warns and
		 * overflows; shrinking keeps the picture whole). */
		*ch *= width / *cw;
		*cw = width;
		*w = *cw;
		if (!have_h)
			*h = *ch;
	}
}

static double
S_range_len(qr_fo_size s, double width, double dflt)
{
	return s.kind == QR_SIZE_LEN ? qr_fo_len_resolve(s.len, width, 0, 0) :
	    dflt;
}

static int
S_object(build *b, int st, const run *r)
{
	qr_inline_env *env = b->env;
	const qr_fo *n = r->node;
	const style *sy = &env->styles.v[st];
	info in = S_info(K_OBJ, st, r->start, r->end);

	in.node = n;
	switch (n->type) {
	case FO_LEADER: {
		const qr_fo_inherited *inh = n->inh;
		double mn = S_range_len(inh->leader_length.min, b->width, 0);
		double opt = S_range_len(inh->leader_length.opt, b->width, 12);
		double mx = S_range_len(inh->leader_length.max, b->width,
		    b->width);
		/* A leader grows only in justified lines (as in FOP and the
		 * Recommendation: elsewhere glue keeps its optimum), sharing
		 * the line's stretch with the spaces in proportion to their
		 * stretchability (as FOP: its leader has finite stretch). */
		/* The length includes the leader's start and end border and
		 * padding (as FOP), which S_pads sets as boxes. */
		double bp = n->box->border[QR_LEFT].width +
		    n->box->border[QR_RIGHT].width +
		    qr_fo_len_resolve(n->box->padding[QR_LEFT].len, b->width,
		    0, 0) + qr_fo_len_resolve(n->box->padding[QR_RIGHT].len,
		    b->width, 0, 0);

		mn = mn > bp ? mn - bp : 0;
		opt = opt > bp ? opt - bp : 0;
		mx = mx > bp ? mx - bp : 0;
		if (!b->justify)
			mx = opt;

		if (opt < mn)
			opt = mn;
		if (mx < opt)
			mx = opt;
		in.kind = K_LEADER;
		/* box(0) keeps the leader from being discarded at a line's
		 * start; the penalty keeps it from being a break. */
		if (S_item(env, QR_LB_BOX, 0, 0, 0, 0, 0, 0,
		    S_info(K_PAD, st, r->start, r->start)) < 0 ||
		    S_item(env, QR_LB_PENALTY, 0, 0, 0, QR_LB_INF, 0, 0,
		    S_info(K_NOBREAK, st, r->start, r->start)) < 0 ||
		    S_item(env, QR_LB_GLUE, opt, mx - opt, opt - mn,
		    0, 0, 0, in) < 0)
			return -1;
		return S_item(env, QR_LB_BOX, 0, 0, 0, 0, 0, 0,
		    S_info(K_PAD, st, r->end, r->end));
	}
	case FO_PAGE_NUMBER:
	case FO_PAGE_NUMBER_CITATION:
	case FO_PAGE_NUMBER_CITATION_LAST: {
		const char *l = S_guess_label(env, n);

		if (b->measuring)
			env->measured_refs++;
		return S_item(env, QR_LB_BOX, S_width(env, sy->font, sy->size, l,
		    strlen(l)), 0, 0, 0, 0, 0, in);
	}
	case FO_EXTERNAL_GRAPHIC: {
		double w, h, cw, ch;
		const char *path;

		S_graphic_size(env, n, b->width, &w, &h, &cw, &ch, &path);
		return S_item(env, QR_LB_BOX, w, 0, 0, 0, 0, 0, in);
	}
	default:
		return 0;
	}
}

/* Decode one code point (the font module's decoder). */
static uint32_t
S_cp(const char *s, size_t len, size_t *i)
{
	if ((unsigned char)s[*i] < 0x80)
		return (unsigned char)s[(*i)++];
	return qr_utf8_next(s, len, i);
}

static int
S_is_hyphen_cp(uint32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2013 || c == 0x2014;
}

/* Whether libunibreak allows a break after the character whose last byte
 * is at last_byte. */
static int
S_allow_after(const qr_inline_env *env, size_t last_byte)
{
	return env->brks.v[last_byte] == LINEBREAK_ALLOWBREAK;
}

static int
S_pad(build *b, int st, size_t at, const qr_fo *n, int start)
{
	const qr_fo_box *bx = n->box;
	int side = start ? QR_LEFT : QR_RIGHT;
	double w = bx->border[side].width +
	    qr_fo_len_resolve(bx->padding[side].len, b->width, 0, 0);

	if (w <= 0)
		return 0;
	return S_item(b->env, QR_LB_BOX, w, 0, 0, 0, 0, 0,
	    S_info(K_PAD, st, at, at));
}

/* Border and padding of bordered inlines as boxes at their start and
 * end (only the few spans that have any are looked at). */
static int
S_pads(build *b, size_t at, int st, int closing)
{
	qr_inline_env *env = b->env;
	size_t k;

	for (k = 0; k < env->pads.n; k++) {
		span *s = &env->spans.v[env->pads.v[k]];

		if (!closing && !s->opened && s->start <= at) {
			s->opened = 1;
			if (S_pad(b, st, s->start, s->node, 1) < 0)
				return -1;
		}
		if (closing && s->opened && !s->closed && s->end <= at) {
			s->closed = 1;
			if (S_pad(b, st, s->end, s->node, 0) < 0)
				return -1;
		}
	}
	return 0;
}

/* Items for the whole paragraph. */
static int
S_items(build *b, int is_first, int is_last)
{
	qr_inline_env *env = b->env;
	const char *t = env->text.v;
	size_t n = env->text.n, ri;
	const qr_fo_inherited *binh = b->block->inh;
	int bst;

	env->items.n = 0;
	env->infos.n = 0;
	bst = S_style(env, b->block, b->block);
	if (bst < 0)
		return -1;
	if (is_first) {
		double ti = qr_fo_len_resolve(binh->text_indent, b->width, 0, 0);

		if (ti != 0 && S_item(env, QR_LB_BOX, ti, 0, 0, 0, 0, 0,
		    S_info(K_INDENT, bst, 0, 0)) < 0)
			return -1;
	}
	for (ri = 0; ri < env->runs.n; ri++) {
		run *r = &env->runs.v[ri];
		int st = S_style(env, r->node, b->block);
		size_t i;

		if (st < 0)
			return -1;
		r->style = st;
		/* A character no face has is warned at this run's line. */
		qr_fonts_set_origin(env->fonts, r->node->file, r->node->line);
		if (S_pads(b, r->start, st, 1) < 0 ||
		    S_pads(b, r->start, st, 0) < 0)
			return -1;
		if (r->kind == RUN_BREAK) {
			if (r->end < n && S_forced(b, st, r->start, 0) < 0)
				return -1;
			continue;
		}
		if (r->kind == RUN_OBJ) {
			if (S_object(b, st, r) < 0)
				return -1;
			if (r->end < n && t[r->end] != ' ' && t[r->end] != '\n' &&
			    S_allow_after(env, r->end - 1) && env->styles.v[st].wrap &&
			    S_item(env, QR_LB_PENALTY, 0, 0, 0, 50, 0, 0,
			    S_info(K_BREAK, st, r->end, r->end)) < 0)
				return -1;
			continue;
		}
		/* Text: words, spaces, breaks, font changes. */
		i = r->start;
		while (i < r->end) {
			size_t ws = i, k;
			qr_font *base = env->styles.v[st].font, *cur = NULL;
			uint32_t c;

			if (t[i] == ' ') {
				if (S_space(b, st, i) < 0)
					return -1;
				i++;
				continue;
			}
			if (t[i] == '\n') {
				/* A linefeed that ends the paragraph adds no
				 * empty line: the end breaks anyway. */
				if (i + 1 < n && S_forced(b, st, i, 0) < 0)
					return -1;
				i++;
				continue;
			}
			k = i;
			c = S_cp(t, r->end, &k);
			if (c == 0x200B || c == 0x00AD || c == 0x2028 ||
			    c == 0x2029) {
				if (c == 0x2028 || c == 0x2029) {
					if (S_forced(b, st, i, 0) < 0)
						return -1;
				} else if (env->styles.v[st].wrap) {
					double hw = 0;
					int fl = 0;

					if (c == 0x00AD) {
						hw = S_width(env, base,
						    env->styles.v[st].size, "-", 1);
						fl = QR_LB_FLAGGED;
					}
					info hi = S_info(c == 0x00AD ? K_HYPH :
					    K_BREAK, st, i, i);
					hi.font = base;
					if (S_inword_break(b, st, hw,
					    c == 0x00AD ? 50 : 0, fl, hi) < 0)
						return -1;
				}
				i = k;
				continue;
			}
			/* A word piece: up to a space, a break
			 * opportunity, a control or a change of face. */
			cur = base == NULL || (c > 0x20 && c < 0x7F &&
			    env->styles.v[st].ascii) ||
			    qr_font_has_glyph(base, c) ? base :
			    qr_fonts_fallback(env->fonts, base, c);
			if (cur == NULL)
				cur = base;
			ws = i;
			i = k;
			if (cur == base && base != NULL &&
			    env->styles.v[st].ascii) {
				/* printable ASCII in a face that has it all:
				 * the checks below pass until a break
				 * opportunity, a space or another byte */
				const char *bk = env->brks.v;
				size_t e = r->end, i0 = i;

				while (i < e && bk[i - 1] != LINEBREAK_ALLOWBREAK &&
				    (unsigned char)t[i] - 0x21u < 0x5Eu)
					i++;
				if (i > i0)
					c = (unsigned char)t[i - 1];
			}
			for (;;) {
				size_t k2 = i;
				uint32_t c2;
				qr_font *f2;
				int brk = S_allow_after(env, i - 1);

				if (i >= r->end || brk || t[i] == ' ' ||
				    t[i] == '\n')
					break;
				c2 = S_cp(t, r->end, &k2);
				if (c2 == 0x200B || c2 == 0x00AD ||
				    c2 == 0x2028 || c2 == 0x2029)
					break;
				f2 = base == NULL || (c2 > 0x20 && c2 < 0x7F &&
				    env->styles.v[st].ascii) ||
				    qr_font_has_glyph(base, c2) ? base :
				    qr_fonts_fallback(env->fonts, base, c2);
				if (f2 == NULL)
					f2 = base;
				if (f2 != cur)
					break;
				c = c2;
				i = k2;
			}
			if (S_word(b, st, cur, ws, i) < 0)
				return -1;
			if (i < n && t[i] != ' ' && t[i] != '\n' &&
			    S_allow_after(env, i - 1) && env->styles.v[st].wrap) {
				int hy = S_is_hyphen_cp(c);

				if (S_inword_break(b, st, 0, 50,
				    hy ? QR_LB_FLAGGED : 0,
				    S_info(K_BREAK, st, i, i)) < 0)
					return -1;
			}
		}
	}
	{
		double lle = is_last ? qr_fo_len_resolve(binh->last_line_end_indent,
		    b->width, 0, 0) : 0;

		if (S_pads(b, n, bst, 1) < 0 || S_forced(b, bst, n, lle) < 0)
			return -1;
	}
	return 0;
}

/* ---- setting lines --------------------------------------------------- */

enum { AL_START, AL_CENTER, AL_END, AL_JUSTIFY };

static int
S_align(qr_fo_text_align a)
{
	switch (a) {
	case QR_ALIGN_CENTER:
		return AL_CENTER;
	case QR_ALIGN_END:
	case QR_ALIGN_RIGHT:
	case QR_ALIGN_OUTSIDE:
		return AL_END;
	case QR_ALIGN_JUSTIFY:
		return AL_JUSTIFY;
	default:
		return AL_START;
	}
}

static int
S_op(qr_inline_env *env, struct qr_inl_op op)
{
	return VPUSH(env->ops, op);
}

static struct qr_inl_op
S_op0(int kind, double x, double y, double w, double h)
{
	struct qr_inl_op op;

	memset(&op, 0, sizeof op);
	op.kind = (unsigned char)kind;
	op.x = x;
	op.y = y;
	op.w = w;
	op.h = h;
	return op;
}

static const char *
S_hyphen_text(qr_inline_env *env, const info *in, const style *sy,
    size_t *len)
{
	unsigned hc = sy->node->inh->hyphenation_character;
	char buf[4];
	size_t n;

	if (env->text.v[in->tstart] == '\xC2' || hc == 0 ||
	    in->font == NULL || !qr_font_has_glyph(in->font, hc))
		hc = '-'; /* soft hyphen, or a face without the character */
	if (hc < 0x80) {
		buf[0] = (char)hc;
		n = 1;
	} else if (hc < 0x800) {
		buf[0] = (char)(0xC0 | hc >> 6);
		buf[1] = (char)(0x80 | (hc & 0x3F));
		n = 2;
	} else {
		buf[0] = (char)(0xE0 | hc >> 12);
		buf[1] = (char)(0x80 | ((hc >> 6) & 0x3F));
		buf[2] = (char)(0x80 | (hc & 0x3F));
		n = 3;
	}
	*len = n;
	return qr_arena_strndup(env->arena, buf, n);
}

/* Decorations of a text stretch. */
static int
S_deco(qr_inline_env *env, const style *sy, qr_font *f, double x, double w)
{
	double th, y;

	if (sy->deco == 0 || w <= 0 || f == NULL)
		return 0;
	th = qr_font_underline_thickness(f, sy->size);
	if (th <= 0)
		th = sy->size / 20;
	if (sy->deco & QR_DECO_UNDERLINE) {
		struct qr_inl_op op;

		y = -sy->shift + qr_font_underline_pos(f, sy->size);
		op = S_op0(OP_RULE, x, y, w, 0);
		op.color = sy->color;
		op.thickness = th;
		if (S_op(env, op) < 0)
			return -1;
	}
	if (sy->deco & QR_DECO_LINE_THROUGH) {
		struct qr_inl_op op;
		double xh = qr_font_x_height(f, sy->size);

		y = -sy->shift - (xh > 0 ? xh / 2 : sy->size * 0.26);
		op = S_op0(OP_RULE, x, y, w, 0);
		op.color = sy->color;
		op.thickness = th;
		if (S_op(env, op) < 0)
			return -1;
	}
	if (sy->deco & QR_DECO_OVERLINE) {
		struct qr_inl_op op = S_op0(OP_RULE, x, -sy->shift - sy->asc,
		    w, 0);

		op.color = sy->color;
		op.thickness = th;
		if (S_op(env, op) < 0)
			return -1;
	}
	return 0;
}

/* The text of a use-content leader's content: its text and characters,
 * blanks collapsed to one space, trimmed; in the arena. */
static const char *
S_leader_content(qr_inline_env *env, const qr_fo *n, size_t *len)
{
	VEC(char) t = {0};
	const qr_fo *c = n->first_child;
	const char *out = NULL;
	int blank = 0;

	*len = 0;
	while (c != NULL) {
		const char *p = c->type == FO_TEXT ? c->text :
		    c->type == FO_CHARACTER ? c->obj->character : NULL;
		size_t k, m = c->type == FO_TEXT ? c->text_len :
		    p != NULL ? strlen(p) : 0;

		for (k = 0; k < m; k++) {
			if ((unsigned char)p[k] <= ' ') {
				blank = t.n > 0;
				continue;
			}
			if ((blank && VPUSH(t, ' ') < 0) || VPUSH(t, p[k]) < 0)
				goto done;
			blank = 0;
		}
		/* depth first, not into footnotes or markers */
		if (c->first_child != NULL && c->type != FO_FOOTNOTE &&
		    c->type != FO_MARKER) {
			c = c->first_child;
			continue;
		}
		while (c != n && c->next == NULL)
			c = c->parent;
		c = c == n ? NULL : c->next;
	}
	if (t.n > 0 && (out = qr_arena_alloc(env->arena, t.n)) != NULL) {
		memcpy((char *)out, t.v, t.n);
		*len = t.n;
	}
done:
	free(t.v);
	return out;
}

/* Ops for a leader of width w at x. ref: the width percentages of
 * leader-pattern-width refer to (the line's, XSL 1.1 7.22.5). */
static int
S_leader_ops(qr_inline_env *env, const info *in, const style *sy, double x,
    double w, double ref)
{
	const qr_fo_inherited *inh = in->node->inh;
	struct qr_inl_op op;

	if (w <= 0)
		return 0;
	if (inh->leader_pattern == QR_LEADER_USE_CONTENT) {
		/* The content repeated as often as it fits whole, each copy
		 * in a cell of leader-pattern-width (at least its own). */
		size_t len, k, n;
		const char *t = S_leader_content(env, in->node, &len);
		double cw = t != NULL ? S_width(env, sy->font, sy->size, t,
		    len) : 0;
		double pw = inh->leader_pattern_width.kind == QR_SIZE_LEN ?
		    qr_fo_len_resolve(inh->leader_pattern_width.len, ref, 0, 0) :
		    cw;

		if (cw <= 0)
			return 0;
		if (pw < cw)
			pw = cw;
		n = (size_t)floor(w / pw + 1e-9);
		if (n > 10000)
			n = 10000;
		for (k = 0; k < n; k++) {
			op = S_op0(OP_TEXT, x + (double)k * pw, -sy->shift, cw,
			    sy->size);
			op.font = sy->font;
			op.size = sy->size;
			op.color = sy->color;
			op.s = t;
			op.len = len;
			if (S_op(env, op) < 0)
				return -1;
		}
		return 0;
	}
	if (inh->leader_pattern == QR_LEADER_RULE) {
		double th = inh->rule_thickness > 0 ? inh->rule_thickness : 1;
		int ls = QR_LINE_SOLID;

		if (inh->rule_style == QR_BORDER_DASHED)
			ls = QR_LINE_DASHED;
		else if (inh->rule_style == QR_BORDER_DOTTED)
			ls = QR_LINE_DOTTED;
		else if (inh->rule_style == QR_BORDER_DOUBLE)
			ls = QR_LINE_DOUBLE;
		/* The rule sits on the baseline. */
		op = S_op0(OP_RULE, x, -sy->shift - th / 2, w, 0);
		op.color = sy->color;
		op.thickness = th;
		op.lstyle = (unsigned char)ls;
		return S_op(env, op);
	}
	if (inh->leader_pattern == QR_LEADER_DOTS) {
		double dw = S_width(env, sy->font, sy->size, ".", 1);
		double pw = inh->leader_pattern_width.kind == QR_SIZE_LEN ?
		    qr_fo_len_resolve(inh->leader_pattern_width.len, ref, 0, 0) :
		    dw;
		double sp = sy->space;
		long j0, j1, j;
		char *buf;
		size_t n = 0;

		if (pw < dw)
			pw = dw;
		if (pw <= 0)
			return 0;
		/* Dots on a grid of pw from the line's start edge, so the
		 * dots of successive lines line up. */
		j0 = (long)ceil(x / pw - 1e-9);
		j1 = (long)floor((x + w - dw) / pw + 1e-9);
		if (j1 < j0)
			return 0;
		if (j1 - j0 > 100000)
			j1 = j0 + 100000;
		buf = qr_arena_alloc(env->arena, (size_t)(j1 - j0 + 1) * 2);
		if (buf == NULL)
			return -1;
		for (j = j0; j <= j1; j++) {
			buf[n++] = '.';
			if (j < j1 && pw > dw + 1e-9)
				buf[n++] = ' ';
		}
		op = S_op0(OP_TEXT, (double)j0 * pw, -sy->shift,
		    (double)(j1 - j0) * pw + dw, sy->size);
		op.font = sy->font;
		op.size = sy->size;
		op.color = sy->color;
		op.s = buf;
		op.len = n;
		op.ws = pw > dw + 1e-9 ? pw - dw - sp : 0;
		return S_op(env, op);
	}
	return 0; /* space */
}

/* Ops for inline containers on this line: backgrounds, borders, links. */
static int
S_span_ops(qr_inline_env *env, const qr_lb_line *ll, size_t t0, size_t t1,
    double ascent, double height, int pass_fill)
{
	size_t k, i;

	for (k = 0; k < env->pspans.n; k++) {
		const span *s = &env->spans.v[env->pspans.v[k]];
		const qr_fo *n = s->node;
		double x0 = 1e300, x1 = -1e300;
		int bg = S_inline_box(n) && n->box->has_background;
		int bd = S_inline_box(n) &&
		    (n->box->border[QR_TOP].width > 0 ||
		    n->box->border[QR_BOTTOM].width > 0 ||
		    n->box->border[QR_LEFT].width > 0 ||
		    n->box->border[QR_RIGHT].width > 0);
		int link = n->type == FO_BASIC_LINK;

		if (s->end <= s->start || s->end <= t0 || s->start >= t1)
			continue;
		if (pass_fill ? !bg : !(bd || link))
			continue;
		for (i = ll->start; i < ll->end; i++) {
			const info *in = &env->infos.v[i];
			const qr_lb_item *it = &env->items.v[i];

			if (it->type == QR_LB_PENALTY)
				continue;
			if (in->tstart < s->start || in->tend > s->end ||
			    (in->tend == in->tstart && in->kind != K_PAD))
				continue;
			if (in->kind == K_PAD && (in->tstart == s->start ?
			    0 : in->tstart != s->end) )
				continue;
			if (env->xs.v[i] < x0)
				x0 = env->xs.v[i];
			if (env->xs.v[i] + env->ws.v[i] > x1)
				x1 = env->xs.v[i] + env->ws.v[i];
		}
		if (x1 < x0)
			continue;
		if (link) {
			struct qr_inl_op op = S_op0(OP_LINK, x0, -ascent,
			    x1 - x0, height);

			if (n->obj->internal_destination != NULL) {
				op.internal = 1;
				op.s = n->obj->internal_destination;
			} else {
				op.s = n->obj->external_destination;
			}
			if (op.s != NULL && S_op(env, op) < 0)
				return -1;
			continue;
		}
		{
			const style *sy = NULL;
			qr_font *f;
			double top, bot, pt, pb;
			size_t j;

			for (j = 0; j < env->styles.n; j++)
				if (env->styles.v[j].node == n ||
				    (env->styles.v[j].node->parent == n &&
				    env->styles.v[j].node->type == FO_TEXT)) {
					sy = &env->styles.v[j];
					break;
				}
			if (sy == NULL)
				sy = &env->styles.v[0];
			f = sy->font;
			(void)f;
			pt = qr_fo_len_resolve(n->box->padding[QR_TOP].len, 0, 0, 0);
			pb = qr_fo_len_resolve(n->box->padding[QR_BOTTOM].len, 0,
			    0, 0);
			top = -sy->shift - sy->asc - pt - n->box->border[QR_TOP].width;
			bot = -sy->shift + sy->desc + pb +
			    n->box->border[QR_BOTTOM].width;
			if (pass_fill) {
				struct qr_inl_op op = S_op0(OP_FILL, x0, top,
				    x1 - x0, bot - top);

				op.color = n->box->background_color;
				if (S_op(env, op) < 0)
					return -1;
				continue;
			}
			/* Borders: top and bottom on every fragment; the
			 * start edge on the first, the end on the last. */
			{
				static const int sides[4] = {QR_TOP, QR_BOTTOM,
				    QR_LEFT, QR_RIGHT};
				int si;

				for (si = 0; si < 4; si++) {
					const qr_fo_border *bo =
					    &n->box->border[sides[si]];
					struct qr_inl_op op;

					if (bo->width <= 0)
						continue;
					if (sides[si] == QR_LEFT && s->start < t0)
						continue;
					if (sides[si] == QR_RIGHT && s->end > t1)
						continue;
					if (sides[si] == QR_TOP)
						op = S_op0(OP_RULE, x0, top +
						    bo->width / 2, x1 - x0, 0);
					else if (sides[si] == QR_BOTTOM)
						op = S_op0(OP_RULE, x0, bot -
						    bo->width / 2, x1 - x0, 0);
					else if (sides[si] == QR_LEFT)
						op = S_op0(OP_RULE, x0 +
						    bo->width / 2, top, 0,
						    bot - top);
					else
						op = S_op0(OP_RULE, x1 -
						    bo->width / 2, top, 0,
						    bot - top);
					op.color = bo->color;
					op.thickness = bo->width;
					op.lstyle = bo->style == QR_BORDER_DASHED ?
					    QR_LINE_DASHED : bo->style ==
					    QR_BORDER_DOTTED ? QR_LINE_DOTTED :
					    bo->style == QR_BORDER_DOUBLE ?
					    QR_LINE_DOUBLE : QR_LINE_SOLID;
					if (S_op(env, op) < 0)
						return -1;
				}
			}
		}
	}
	return 0;
}

/* What item in (a box, a leader, a hyphen at the line's end; its width
 * w on the line) adds to the line's height above and below its
 * baseline. */
static void
S_item_height(build *b, const info *in, double w, double *above,
    double *below)
{
	qr_inline_env *env = b->env;
	const style *sy;

	if (in->kind == K_INDENT || (in->kind == K_PAD && in->node == NULL &&
	    w == 0))
		return;
	sy = &env->styles.v[in->style];
	if (in->kind == K_OBJ && in->node->type == FO_EXTERNAL_GRAPHIC) {
		double gw, h, cw, ch;
		const char *path;

		S_graphic_size(env, in->node, b->width, &gw, &h, &cw, &ch,
		    &path);
		if (h + sy->shift > *above)
			*above = h + sy->shift;
		if (-sy->shift > *below)
			*below = -sy->shift;
		return;
	}
	if (sy->above > *above)
		*above = sy->above;
	if (sy->below > *below)
		*below = sy->below;
}

/* Set line k: positions, height, ops, ids and footnotes. */
static int
S_set_line(build *b, const qr_lb_line *ll, qr_line *out, size_t t0,
    size_t t1, int warn_overfull)
{
	qr_inline_env *env = b->env;
	const qr_fo_inherited *binh = b->block->inh;
	size_t i, last, nitems = env->items.n;
	int is_last = ll->end < nitems &&
	    env->infos.v[ll->end].kind == K_END;
	int al, use_lb = 0;
	double ratio = 0, x, used, off = 0, above, below, *xs, *ws;
	const info *infos;
	int order = 0;

	if (is_last) {
		al = binh->text_align_last == QR_ALIGN_RELATIVE ?
		    (S_align(binh->text_align) == AL_JUSTIFY ? AL_START :
		    S_align(binh->text_align)) : S_align(binh->text_align_last);
	} else {
		al = S_align(binh->text_align);
	}
	if (al == AL_JUSTIFY && !is_last) {
		use_lb = 1;
		ratio = ll->ratio;
		order = ll->order;
	} else if (al == AL_JUSTIFY) {
		/* Last line justified: spread over its own glue, leaders
		 * (fill) first, not over the parfillskip. */
		double nat = 0, st[3] = {0, 0, 0}, sh = 0;

		for (i = ll->start; i < ll->end; i++) {
			const qr_lb_item *it = &env->items.v[i];

			if (it->type == QR_LB_PENALTY ||
			    env->infos.v[i].kind == K_FILL)
				continue;
			nat += it->width;
			if (it->type == QR_LB_GLUE) {
				st[it->order < 3 ? it->order : 2] += it->stretch;
				sh += it->shrink;
			}
		}
		if (nat < ll->width) {
			order = st[2] > 0 ? 2 : st[1] > 0 ? 1 : 0;
			if (st[order] > 0)
				ratio = (ll->width - nat) / st[order];
		} else if (nat > ll->width && sh > 0) {
			ratio = fmax(-1, (ll->width - nat) / sh);
		}
		use_lb = 1;
	} else if (ll->ratio < 0) {
		use_lb = 1; /* shrunk to fit: keep it */
		ratio = ll->ratio;
	}
	if (S_grow((void **)&env->xs.v, &env->xs.cap, nitems + 1,
	    sizeof(double)) < 0 || S_grow((void **)&env->ws.v, &env->ws.cap,
	    nitems + 1, sizeof(double)) < 0)
		return -1;
	/* Widths and positions; the height: the block's strut, then
	 * everything on the line. The items before the break first, then
	 * the break item (a glue there takes no room; a penalty's width is
	 * a hyphen's). */
	x = 0;
	above = env->styles.v[0].above;
	below = env->styles.v[0].below;
	xs = env->xs.v;
	ws = env->ws.v;
	last = ll->end < nitems ? ll->end : nitems - 1;
	for (i = ll->start; i <= last; i++) {
		const qr_lb_item *it = &env->items.v[i];
		const info *in = &env->infos.v[i];
		double w = 0;

		if (i < ll->end) {
			if (it->type == QR_LB_BOX) {
				w = it->width;
			} else if (it->type == QR_LB_GLUE) {
				w = it->width;
				if (use_lb && ratio > 0 && it->order == order &&
				    in->kind != K_FILL)
					w += ratio * it->stretch;
				else if (use_lb && ratio < 0)
					w += ratio * it->shrink;
			}
		} else if (it->type == QR_LB_PENALTY) {
			w = it->width;
		}
		xs[i] = x;
		ws[i] = w;
		x += w;
		if (it->type == QR_LB_BOX || in->kind == K_LEADER ||
		    (in->kind == K_HYPH && i == ll->end))
			S_item_height(b, in, w, &above, &below);
	}
	used = x;
	if (al != AL_JUSTIFY) {
		if (al == AL_CENTER)
			off = (ll->width - used) / 2;
		else if (al == AL_END)
			off = ll->width - used;
		if (al != AL_START && off < 0)
			off = 0;
	}
	if (off != 0)
		for (i = ll->start; i <= last; i++)
			xs[i] += off;
	memset(out, 0, sizeof *out);
	out->ascent = above;
	out->height = above + below;
	out->width = ll->width;
	out->used = used;
	out->overfull = ll->overfull;
	out->istart = (unsigned)ll->start;
	out->iend = (unsigned)ll->end;

	env->ops.n = 0;
	/* Backgrounds first, so text paints over them. */
	if (S_span_ops(env, ll, t0, t1, above, above + below, 1) < 0)
		return -1;
	/* Text runs and objects. */
	infos = env->infos.v;
	i = ll->start;
	while (i < ll->end) {
		const info *in = &env->infos.v[i];
		const qr_lb_item *it = &env->items.v[i];
		const style *sy = &env->styles.v[in->style];

		if (in->kind == K_WORD) {
			size_t j = i + 1, last_word = i, tend = in->tend;
			double extra = 0;
			int have_extra = 0;
			struct qr_inl_op op;

			/* Extend over spaces and words of the same face;
			 * cur is the end including trailing spaces. */
			size_t cur = tend;

			while (j < ll->end) {
				const info *nx = &infos[j];

				if (nx->kind == K_WORD && nx->style == in->style &&
				    nx->font == in->font && nx->tstart == cur) {
					tend = cur = nx->tend;
					last_word = j;
					j++;
					continue;
				}
				if (nx->kind == K_SPACE && nx->style == in->style &&
				    nx->tstart == cur) {
					/* the space's parts */
					size_t m = j;
					double w = 0, e;

					while (m < ll->end &&
					    infos[m].kind == K_SPACE &&
					    infos[m].tstart == nx->tstart) {
						w += ws[m];
						m++;
					}
					e = w - sy->space;
					if (have_extra && fabs(e - extra) > 1e-6)
						break;
					extra = e;
					have_extra = 1;
					cur = nx->tend;
					j = m;
					continue;
				}
				if ((nx->kind == K_NOBREAK || nx->kind == K_BREAK ||
				    nx->kind == K_HYPH) && j != ll->end &&
				    (env->items.v[j].type == QR_LB_PENALTY ||
				    (nx->kind == K_NOBREAK &&
				    env->items.v[j].width == 0))) {
					/* not broken here: nothing to draw */
					j++;
					continue;
				}
				break;
			}
			if (b->tcopy == NULL) {
				/* One copy for all the lines: the ops and
				 * the text areas painted from them point
				 * into it. */
				b->tcopy = qr_arena_strndup(env->arena,
				    env->text.v, env->text.n);
				if (b->tcopy == NULL)
					return -1;
			}
			op = S_op0(OP_TEXT, env->xs.v[i], -sy->shift,
			    env->xs.v[last_word] + env->ws.v[last_word] -
			    env->xs.v[i], sy->size);
			op.font = in->font;
			op.size = sy->size;
			op.color = sy->color;
			op.s = b->tcopy + in->tstart;
			op.len = tend - in->tstart;
			op.ws = extra;
			/* Text inside a run that is not drawn (soft hyphens,
			 * zero-width spaces) splits words apart, so a run is
			 * always contiguous text. */
			/* visibility="hidden": the words take their room
			 * but are not drawn. */
			if (!sy->node->inh->visibility_hidden &&
			    (S_op(env, op) < 0 ||
			    S_deco(env, sy, in->font, op.x, op.w) < 0))
				return -1;
			i = last_word + 1;
			continue;
		}
		if (in->kind == K_SPACE && sy->deco != 0 && env->ws.v[i] > 0) {
			/* Decoration continues under spaces between runs. */
			if (S_deco(env, sy, sy->font, env->xs.v[i],
			    env->ws.v[i]) < 0)
				return -1;
		}
		if (in->kind == K_LEADER) {
			if (S_leader_ops(env, in, sy, env->xs.v[i],
			    env->ws.v[i], b->width) < 0)
				return -1;
		} else if (in->kind == K_OBJ && it->type == QR_LB_BOX) {
			const qr_fo *n = in->node;
			struct qr_inl_op op;

			if (n->type == FO_EXTERNAL_GRAPHIC) {
				double w, h, cw, ch;
				const char *path;

				S_graphic_size(env, n, b->width, &w, &h, &cw,
				    &ch, &path);
				if (path != NULL) {
					/* The viewport's bottom on the
					 * baseline; the content placed in it
					 * by text-align and display-align
					 * (XSL 1.1 7.16.9, 7.14.4), as FOP:
					 * top left by default. */
					double fx = 0, fy = 0;

					switch (S_align(n->inh->text_align)) {
					case AL_CENTER:
						fx = 0.5;
						break;
					case AL_END:
						fx = 1;
						break;
					default:
						break;
					}
					if (n->inh->display_align ==
					    QR_DISPLAY_CENTER)
						fy = 0.5;
					else if (n->inh->display_align ==
					    QR_DISPLAY_AFTER)
						fy = 1;
					op = S_op0(OP_IMAGE, env->xs.v[i] +
					    (w - cw) * fx, -sy->shift - h +
					    (h - ch) * fy, cw, ch);
					op.s = path;
					if (S_op(env, op) < 0)
						return -1;
				}
			} else {
				op = S_op0(OP_REF, env->xs.v[i], -sy->shift,
				    env->ws.v[i], sy->size);
				op.font = sy->font;
				op.size = sy->size;
				op.color = sy->color;
				op.node = n;
				op.s = n->obj->ref_id;
				op.last = n->type == FO_PAGE_NUMBER_CITATION_LAST;
				out->has_refs = 1;
				if (S_op(env, op) < 0 ||
				    S_deco(env, sy, sy->font, op.x, op.w) < 0)
					return -1;
			}
		}
		i++;
	}
	if (ll->end < nitems && env->infos.v[ll->end].kind == K_HYPH) {
		const info *in = &env->infos.v[ll->end];
		const style *sy = &env->styles.v[in->style];
		struct qr_inl_op op = S_op0(OP_TEXT, env->xs.v[ll->end],
		    -sy->shift, env->ws.v[ll->end], sy->size);

		op.font = in->font;
		op.size = sy->size;
		op.color = sy->color;
		op.s = S_hyphen_text(env, in, sy, &op.len);
		if (op.s == NULL || S_op(env, op) < 0 ||
		    S_deco(env, sy, in->font, op.x, op.w) < 0)
			return -1;
	}
	if (S_span_ops(env, ll, t0, t1, above, above + below, 0) < 0)
		return -1;
	if (env->ops.n > 0) {
		struct qr_inl_op *ops = qr_arena_alloc(env->arena,
		    env->ops.n * sizeof *ops);

		if (ops == NULL)
			return -1;
		memcpy(ops, env->ops.v, env->ops.n * sizeof *ops);
		out->ops = ops;
		out->nops = env->ops.n;
	}
	if (ll->overfull && warn_overfull) {
		/* The first box of the line names the culprit; the warning
		 * is given when the line is painted. */
		for (i = ll->start; i < ll->end; i++) {
			const info *in = &env->infos.v[i];

			if (env->items.v[i].type == QR_LB_BOX &&
			    in->kind != K_INDENT && in->kind != K_PAD) {
				struct qr_inl_over *ov;
				size_t len = in->tend - in->tstart;

				if (!env->styles.v[in->style].wrap)
					break;
				if (len > 60)
					len = 60;
				ov = qr_arena_alloc(env->arena, sizeof *ov +
				    len + 1);
				if (ov == NULL)
					return -1;
				ov->node = env->styles.v[in->style].node;
				ov->by = ll->natural - ll->width;
				ov->len = (int)len;
				memcpy(ov->text, env->text.v + in->tstart, len);
				ov->text[len] = '\0';
				out->over = ov;
				break;
			}
		}
	}
	return 0;
}

/* ---- paragraphs -------------------------------------------------------- */

static int S_breaks(qr_inline_env *env, const char *s, size_t n,
    const char *lang, char *brks);
static void S_address_breaks(const char *s, size_t n, char *brks);

static int
S_prepare(qr_inline_env *env, const qr_fo *block, const qr_fo *first,
    const qr_fo *stop)
{
	env->raw.n = 0;
	env->rawruns.n = 0;
	env->spans.n = 0;
	env->fnotes.n = 0;
	env->fnodes.n = 0;
	env->styles.n = 0;
	env->pads.n = 0;
	env->pspans.n = 0;
	env->last_block_break = 1;
	env->depth = 0;
	env->too_deep = 0;
	if (S_collect(env, first, stop, block) < 0 || S_whitespace(env) < 0)
		return -1;
	if (S_grow((void **)&env->brks.v, &env->brks.cap, env->text.n + 1,
	    1) < 0)
		return -1;
	if (S_breaks(env, env->text.v, env->text.n, block->inh->language,
	    env->brks.v) < 0)
		return -1;
	if (memchr(env->text.v, '@', env->text.n) != NULL)
		S_address_breaks(env->text.v, env->text.n, env->brks.v);
	{
		size_t k;

		for (k = 0; k < env->spans.n; k++) {
			const span *s = &env->spans.v[k];
			const qr_fo_box *bx = s->node->box;

			if (S_inline_box(s->node) && s->end > s->start &&
			    (bx->border[QR_LEFT].width > 0 ||
			    bx->border[QR_RIGHT].width > 0 ||
			    !qr_fo_len_is_abs(bx->padding[QR_LEFT].len) ||
			    bx->padding[QR_LEFT].len.pt > 0 ||
			    !qr_fo_len_is_abs(bx->padding[QR_RIGHT].len) ||
			    bx->padding[QR_RIGHT].len.pt > 0) &&
			    VPUSH(env->pads, k) < 0)
				return -1;
			if (s->end > s->start &&
			    (s->node->type == FO_BASIC_LINK ||
			    (S_inline_box(s->node) && (bx->has_background ||
			    bx->border[QR_TOP].width > 0 ||
			    bx->border[QR_BOTTOM].width > 0 ||
			    bx->border[QR_LEFT].width > 0 ||
			    bx->border[QR_RIGHT].width > 0))) &&
			    VPUSH(env->pspans, k) < 0)
				return -1;
		}
	}
	return 0;
}

/* ---- break opportunities --------------------------------------------- */

/* Whether the ASCII tables below are those of lang. */
static int
S_ascii_ready(const qr_inline_env *env, const char *lang)
{
	return env->asc_ready && (lang == NULL ? env->asc_lang == NULL :
	    env->asc_lang != NULL && strcmp(lang, env->asc_lang) == 0);
}

/* libunibreak decides a break between two characters from their line
 * break classes and, across spaces, from the class before the spaces
 * (UAX #14's pair table); it looks each character up in its tables,
 * which costs some 300 instructions a byte. Text of printable ASCII
 * alone (nearly all of a pack) is answered from three tables asked of
 * libunibreak itself once per language: what it says after a in "ab",
 * after the space in "a b", " b" and "  b". tests/unit/test_inline.c holds
 * the two answers equal on random text. */
static int
S_ascii_tables(qr_inline_env *env, const char *lang)
{
	char in[3], out[3];
	int a, b;

	if (S_ascii_ready(env, lang))
		return 0;
	free(env->asc_lang);
	env->asc_lang = NULL;
	env->asc_ready = 0;
	if (lang != NULL && (env->asc_lang = strdup(lang)) == NULL)
		return -1;
	for (a = 0; a < 95; a++) {
		/* A text's first space is not like the others. */
		in[0] = ' ';
		in[1] = (char)(0x20 + a);
		set_linebreaks_utf8((const unsigned char *)in, 2, lang, out);
		env->asc_lead[0][a] = (unsigned char)out[0];
		in[1] = ' ';
		in[2] = (char)(0x20 + a);
		set_linebreaks_utf8((const unsigned char *)in, 3, lang, out);
		env->asc_lead[1][a] = (unsigned char)out[1];
		for (b = 0; b < 95; b++) {
			in[0] = (char)(0x20 + a);
			in[1] = (char)(0x20 + b);
			set_linebreaks_utf8((const unsigned char *)in, 2, lang,
			    out);
			env->asc_pair[a][b] = (unsigned char)out[0];
			in[1] = ' ';
			in[2] = (char)(0x20 + b);
			set_linebreaks_utf8((const unsigned char *)in, 3, lang,
			    out);
			env->asc_space[a][b] = (unsigned char)out[1];
		}
	}
	env->asc_ready = 1;
	return 0;
}

/* An e-mail address too wide for its line breaks after its '@' or before
 * a '.' inside it (Chicago 7.42; UAX #14 gives it no opportunity), with
 * no hyphen (S_in_address). */
static void
S_address_breaks(const char *s, size_t n, char *brks)
{
	size_t a = 0, e, k;

	while (a < n) {
		int at = 0;

		while (a < n && S_is_gap(s[a]))
			a++;
		for (e = a; e < n && !S_is_gap(s[e]); e++)
			if (s[e] == '@' && e > a && e + 1 < n &&
			    !S_is_gap(s[e + 1]))
				at = 1;
		for (k = a; at && k + 2 < e; k++)
			if (s[k] == '@' || (s[k + 1] == '.' && s[k] != '.'))
				brks[k] = LINEBREAK_ALLOWBREAK;
		a = e;
	}
}

/* libunibreak's set_linebreaks_utf8, from the tables when s is
 * printable ASCII (left for libunibreak at the first other byte). */
static int
S_breaks(qr_inline_env *env, const char *s, size_t n, const char *lang,
    char *brks)
{
	size_t i;
	int before = -1; /* the last character that is not a space */
	unsigned c;

	if (n == 0)
		return 0;
	if (!S_ascii_ready(env, lang)) {
		/* built for a text that needs them, once per language */
		for (i = 0; i < n; i++)
			if ((unsigned char)s[i] - 0x20u >= 95)
				break;
		if (i < n) {
			set_linebreaks_utf8((const unsigned char *)s, n, lang,
			    brks);
			return 0;
		}
		if (S_ascii_tables(env, lang) < 0)
			return -1;
	}
	c = (unsigned char)s[0] - 0x20u;
	for (i = 0; c < 95 && i + 1 < n; i++) {
		unsigned d = (unsigned char)s[i + 1] - 0x20u;

		if (d >= 95)
			break;
		if (c != 0) {
			brks[i] = (char)env->asc_pair[c][d];
			before = (int)c;
		} else if (d == 0) {
			brks[i] = (char)env->asc_pair[0][0];
		} else if (before < 0) {
			brks[i] = (char)env->asc_lead[i > 0][d];
		} else {
			brks[i] = (char)env->asc_space[before][d];
		}
		c = d;
	}
	if (i + 1 < n || c >= 95) {
		set_linebreaks_utf8((const unsigned char *)s, n, lang, brks);
		return 0;
	}
	brks[n - 1] = LINEBREAK_MUSTBREAK;
	return 0;
}

void
qr_inline_breaks(qr_inline_env *env, const char *s, size_t n,
    const char *lang, char *brks)
{
	if (S_breaks(env, s, n, lang, brks) < 0)
		set_linebreaks_utf8((const unsigned char *)s, n, lang, brks);
}

/* The line that holds text offset p. */
static size_t
S_line_of(const size_t *starts, size_t nlines, size_t p)
{
	size_t lo = 0, hi = nlines;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (starts[mid] <= p)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* True when span k's FO has fo:marker children (XSL 1.1 6.13.5: an
 * fo:inline may hold markers) or is kept (qr_inline_kept), or is the
 * first piece of a split inline that has or is (fo.h piece_of). */
static int
S_span_marked(const qr_inline_env *env, size_t k)
{
	const qr_fo *n = env->spans.v[k].node;

	if (n->type == FO_TEXT)
		return 0;
	if (n->piece_of != NULL)
		return n->piece_first && (qr_fo_first_marker(n->piece_of) !=
		    NULL || qr_inline_kept(n));
	return qr_fo_first_marker(n) != NULL || qr_inline_kept(n);
}

/* True when span k is the last piece of a split inline with markers, or
 * a kept inline or the last piece of one. */
static int
S_span_closes(const qr_inline_env *env, size_t k)
{
	const qr_fo *n = env->spans.v[k].node;

	if (n->type == FO_TEXT)
		return 0;
	if (n->piece_of != NULL)
		return n->piece_last && (qr_fo_first_marker(n->piece_of) !=
		    NULL || qr_inline_kept(n));
	return qr_inline_kept(n);
}

/* The text offset of span k's last character (its start when empty). */
static size_t
S_span_last(const qr_inline_env *env, size_t k)
{
	size_t a = env->spans.v[k].start, b = env->spans.v[k].end;

	return b > a ? b - 1 : a;
}

/* The line holding the last character of span k. */
static size_t
S_span_last_line(const qr_inline_env *env, const size_t *starts, size_t nl,
    size_t k)
{
	return S_line_of(starts, nl, S_span_last(env, k));
}

/* qr_para.kends and kopens for a setting resumed at text offset t0. */
static int
S_kept_before(qr_inline_env *env, qr_para *p, size_t t0)
{
	size_t k, ne = 0, no = 0;

	for (k = 0; k < env->spans.n; k++) {
		const qr_fo *n = env->spans.v[k].node;

		if (n->type == FO_TEXT || !qr_inline_kept(n) ||
		    env->spans.v[k].start >= t0)
			continue;
		if (S_span_last(env, k) < t0)
			ne += S_span_closes(env, k);
		else
			no += S_span_marked(env, k);
	}
	if (ne + no == 0)
		return 0;
	p->kends = qr_arena_alloc(env->arena, (ne + no) * sizeof *p->kends);
	if (p->kends == NULL)
		return -1;
	p->kopens = p->kends + ne;
	for (k = 0; k < env->spans.n; k++) {
		const qr_fo *n = env->spans.v[k].node;

		if (n->type == FO_TEXT || !qr_inline_kept(n) ||
		    env->spans.v[k].start >= t0)
			continue;
		if (S_span_last(env, k) < t0) {
			if (S_span_closes(env, k))
				p->kends[p->nkends++] = n;
		} else if (S_span_marked(env, k)) {
			p->kopens[p->nkopens++] = n;
		}
	}
	return 0;
}

/* Room in the arena for one of a line's lists, counted in *n entries of
 * sz bytes; *n is reset so that the caller fills the list again. NULL
 * when the list is empty, or (with *fail set) out of memory. */
static void *
S_line_room(qr_inline_env *env, size_t *n, size_t sz, int *fail)
{
	void *v;

	if (*n == 0)
		return NULL;
	v = qr_arena_alloc(env->arena, *n * sz);
	if (v == NULL)
		*fail = 1;
	else
		*n = 0;
	return v;
}

/* Whether the paragraph just laid out (refs: a line has a page
 * reference) would come out the same, with the same diagnostics, when
 * laid out again in this arena: its text alone decides it. Objects are
 * left out (page numbers and citations ask the resolver; a graphic may
 * warn each time it is sized), and so is text the nesting backstop left
 * out (it warns each time). A character no face has and hyphenation
 * patterns missing are said once per document anyway; fonts and
 * hyphenation points are the same every time. The result is shared:
 * paragraphs and lines are read-only to callers. */
static int
S_memo_ok(const qr_inline_env *env, int refs)
{
	size_t k;

	if (refs || env->too_deep)
		return 0;
	for (k = 0; k < env->runs.n; k++)
		if (env->runs.v[k].kind == RUN_OBJ)
			return 0;
	return 1;
}

qr_para *
qr_para_layout(qr_inline_env *env, const qr_fo *block, const qr_fo *first,
    const qr_fo *stop, double width, int is_first_para_of_block,
    int is_last_para_of_block)
{
	return qr_para_layout_from(env, block, first, stop, width,
	    is_first_para_of_block, is_last_para_of_block, 0);
}

qr_para *
qr_para_layout_from(qr_inline_env *env, const qr_fo *block,
    const qr_fo *first, const qr_fo *stop, double width,
    int is_first_para_of_block, int is_last_para_of_block, size_t from)
{
	qr_para *p;
	build b;
	const qr_lb_line *ll;
	size_t nl, k, *starts, shift = 0;
	qr_lb_params prm;
	int only_space = 1, refs = 0, fail = 0;

	for (k = 0; k < env->nmemo; k++) {
		const struct memo *m = &env->memo[k];

		if (m->block == block && m->first == first && m->stop == stop &&
		    m->width == width && m->from == from &&
		    m->is_first == (is_first_para_of_block != 0) &&
		    m->is_last == (is_last_para_of_block != 0))
			return m->p;
	}
	p = qr_arena_alloc(env->arena, sizeof *p);
	if (p == NULL)
		return NULL;
	if (S_prepare(env, block, first, stop) < 0)
		goto nomem;
	for (k = 0; k < env->runs.n && only_space; k++)
		if (env->runs.v[k].kind != RUN_BREAK)
			only_space = 0;
	if (env->text.n == 0 || only_space) {
		/* Nothing to set: ids go to the caller. */
		size_t n = 0;

		p->orphans = qr_arena_alloc(env->arena,
		    (env->spans.n + 1) * sizeof(char *));
		if (p->orphans == NULL)
			goto nomem;
		for (k = 0; k < env->spans.n; k++)
			if (env->spans.v[k].node->id != NULL)
				p->orphans[n++] = env->spans.v[k].node->id;
		p->norphans = n;
		/* and footnotes cited by nothing visible (an empty
		 * fo:inline): not lost, the caller places them */
		p->ofootnotes = NULL;
		p->nofootnotes = 0;
		if (env->fnodes.n > 0) {
			p->ofootnotes = qr_arena_alloc(env->arena,
			    env->fnodes.n * sizeof *p->ofootnotes);
			if (p->ofootnotes == NULL)
				goto nomem;
			memcpy(p->ofootnotes, env->fnodes.v,
			    env->fnodes.n * sizeof *p->ofootnotes);
			p->nofootnotes = env->fnodes.n;
		}
		return p;
	}
	memset(&b, 0, sizeof b);
	b.env = env;
	b.block = block;
	b.width = width;
	/* Spaces stretch when any line may be justified (a justified last
	 * line needs stretchable spaces too). */
	b.justify = S_align(block->inh->text_align) == AL_JUSTIFY ||
	    block->inh->text_align_last == QR_ALIGN_JUSTIFY;
	b.center = S_align(block->inh->text_align) == AL_CENTER && !b.justify;
	if (S_items(&b, is_first_para_of_block, is_last_para_of_block) < 0)
		goto nomem;
	if (from > 0 && from < env->items.n) {
		/* Resume at a line start of an earlier setting: the items are
		 * the same at any width (the text-indent, at 0, stays behind),
		 * so drop those before it and break the rest. */
		shift = from;
		memmove(env->items.v, env->items.v + shift,
		    (env->items.n - shift) * sizeof *env->items.v);
		memmove(env->infos.v, env->infos.v + shift,
		    (env->infos.n - shift) * sizeof *env->infos.v);
		env->items.n -= shift;
		env->infos.n -= shift;
	}
	qr_lb_params_default(&prm);
	/* TeX's adjacent-fitness demerits compare how far two neighbouring
	 * lines' spaces are stretched; in ragged text spaces do not stretch
	 * (a line's stretch is only its end), so the classes only say that
	 * one line is shorter than the next, which badness already prices.
	 * With them total fit took a more ragged paragraph to avoid a short
	 * line beside a full one (FOP's ragged breaks charge 50, next to
	 * nothing; markers_6b, list-item-body_break-before). */
	if (!b.justify)
		prm.adj_demerits = 0;
	if (qr_lb_break(env->lb, env->items.v, env->items.n, &width, 1, &prm,
	    &ll, &nl) != 0)
		goto nomem;
	p->lines = qr_arena_alloc(env->arena, (nl ? nl : 1) * sizeof(qr_line));
	starts = malloc((nl ? nl : 1) * sizeof(size_t));
	if (p->lines == NULL || starts == NULL) {
		free(starts);
		goto nomem;
	}
	p->nlines = nl;
	for (k = 0; k < nl; k++)
		starts[k] = k == 0 && shift == 0 ? 0 :
		    env->infos.v[ll[k].start].tstart;
	for (k = 0; k < nl; k++) {
		size_t t1 = k + 1 < nl ? starts[k + 1] : env->text.n + 1;

		if (S_set_line(&b, &ll[k], &p->lines[k], starts[k], t1, 1) < 0) {
			free(starts);
			goto nomem;
		}
		p->lines[k].pos = k == 0 ? shift : ll[k].start + shift;
		p->lines[k].run = first;
	}
	/* ids and footnotes to the lines that hold them: count, allocate,
	 * fill (linear in spans and lines). */
	{
		size_t sI;

		/* On a resumed setting, what starts before its first line
		 * was on a line already placed. An id spanning lines is also
		 * marked on the line where it ends, so page-number-citation-
		 * last finds its last page. */
		size_t t0 = shift > 0 && nl > 0 ? starts[0] : 0;

		for (sI = 0; sI < env->spans.n; sI++)
			if (env->spans.v[sI].node->id != NULL) {
				size_t l0 = S_line_of(starts, nl,
				    env->spans.v[sI].start);
				size_t l1 = S_span_last_line(env, starts, nl,
				    sI);
				int s_in = env->spans.v[sI].start >= t0;

				if (s_in)
					p->lines[l0].nids++;
				if (S_span_last(env, sI) >= t0 &&
				    (!s_in || l1 != l0))
					p->lines[l1].nids++;
			}
		for (sI = 0; sI < env->fnotes.n; sI++)
			if (env->fnotes.v[sI] >= t0)
				p->lines[S_line_of(starts, nl,
				    env->fnotes.v[sI])].nfootnotes++;
		for (sI = 0; sI < env->spans.n; sI++) {
			if (S_span_marked(env, sI) &&
			    env->spans.v[sI].start >= t0)
				p->lines[S_line_of(starts, nl,
				    env->spans.v[sI].start)].nmarked++;
			if (S_span_closes(env, sI) &&
			    S_span_last(env, sI) >= t0)
				p->lines[S_span_last_line(env, starts, nl,
				    sI)].nclosed++;
		}
		for (k = 0; k < nl && !fail; k++) {
			qr_line *l = &p->lines[k];

			l->ids = S_line_room(env, &l->nids, sizeof *l->ids,
			    &fail);
			l->footnotes = S_line_room(env, &l->nfootnotes,
			    sizeof *l->footnotes, &fail);
			l->marked = S_line_room(env, &l->nmarked,
			    sizeof *l->marked, &fail);
			l->closed = S_line_room(env, &l->nclosed,
			    sizeof *l->closed, &fail);
		}
		if (fail) {
			free(starts);
			goto nomem;
		}
		for (sI = 0; sI < env->spans.n; sI++)
			if (env->spans.v[sI].node->id != NULL) {
				size_t l0 = S_line_of(starts, nl,
				    env->spans.v[sI].start);
				size_t l1 = S_span_last_line(env, starts, nl,
				    sI);
				int s_in = env->spans.v[sI].start >= t0;
				qr_line *l = &p->lines[l0];

				if (s_in)
					((const char **)l->ids)[l->nids++] =
					    env->spans.v[sI].node->id;
				if (S_span_last(env, sI) >= t0 &&
				    (!s_in || l1 != l0)) {
					l = &p->lines[l1];
					((const char **)l->ids)[l->nids++] =
					    env->spans.v[sI].node->id;
				}
			}
		for (sI = 0; sI < env->fnotes.n; sI++) {
			qr_line *l;

			if (env->fnotes.v[sI] < t0)
				continue;
			l = &p->lines[S_line_of(starts, nl,
			    env->fnotes.v[sI])];

			((const qr_fo **)l->footnotes)[l->nfootnotes++] =
			    env->fnodes.v[sI];
		}
		for (sI = 0; sI < env->spans.n; sI++)
			if (S_span_marked(env, sI) &&
			    env->spans.v[sI].start >= t0) {
				qr_line *l = &p->lines[S_line_of(starts, nl,
				    env->spans.v[sI].start)];

				((const qr_fo **)l->marked)[l->nmarked++] =
				    env->spans.v[sI].node;
			}
		/* innermost first: inner spans come later */
		for (sI = env->spans.n; sI-- > 0;)
			if (S_span_closes(env, sI) &&
			    S_span_last(env, sI) >= t0) {
				qr_line *l = &p->lines[S_span_last_line(env,
				    starts, nl, sI)];

				((const qr_fo **)l->closed)[l->nclosed++] =
				    env->spans.v[sI].node;
			}
		/* Kept inlines on the lines already placed: those that end
		 * there, those still open at the first line set now. */
		if (t0 > 0 && S_kept_before(env, p, t0) < 0) {
			free(starts);
			goto nomem;
		}
	}
	free(starts);
	for (k = 0; k < nl; k++) {
		p->lines[k].para = p;
		refs |= p->lines[k].has_refs;
	}
	if (S_memo_ok(env, refs)) {
		memmove(env->memo + 1, env->memo, (sizeof env->memo /
		    sizeof env->memo[0] - 1) * sizeof env->memo[0]);
		env->memo[0].block = block;
		env->memo[0].first = first;
		env->memo[0].stop = stop;
		env->memo[0].width = width;
		env->memo[0].from = from;
		env->memo[0].is_first = is_first_para_of_block != 0;
		env->memo[0].is_last = is_last_para_of_block != 0;
		env->memo[0].p = p;
		if (env->nmemo < sizeof env->memo / sizeof env->memo[0])
			env->nmemo++;
	}
	if (refs) {
		/* Kept so that the paragraph can be laid out again once its
		 * references are known (qr_line_relaid). */
		p->block = block;
		p->first = first;
		p->stop = stop;
		p->width = width;
		p->from = from;
		p->is_first = (unsigned char)(is_first_para_of_block != 0);
		p->is_last = (unsigned char)(is_last_para_of_block != 0);
		p->has_res = (unsigned char)env->has_res;
		if (env->has_res && env->res.page_label != NULL &&
		    (p->page_label = qr_arena_strdup(env->arena,
		    env->res.page_label)) == NULL)
			goto nomem;
	}
	return p;
nomem:
	qr_diag(env->q, QD_NOMEM, block->file, block->line, 0,
	    "out of memory laying out a paragraph");
	return NULL;
}

void
qr_para_measure(qr_inline_env *env, const qr_fo *block, const qr_fo *first,
    const qr_fo *stop, double *min_width, double *max_width)
{
	build b;
	size_t i;
	double piece = 0, line = 0, mn = 0, mx = 0;

	*min_width = 0;
	*max_width = 0;
	if (S_prepare(env, block, first, stop) < 0 || env->text.n == 0)
		return;
	memset(&b, 0, sizeof b);
	b.env = env;
	b.block = block;
	b.width = 0;
	b.justify = 1;
	b.measuring = 1;
	if (S_items(&b, 1, 1) < 0)
		return;
	for (i = 0; i < env->items.n; i++) {
		const qr_lb_item *it = &env->items.v[i];

		if (it->type == QR_LB_BOX) {
			piece += it->width;
			line += it->width;
		} else if (it->type == QR_LB_GLUE) {
			if (i > 0 && env->items.v[i - 1].type == QR_LB_BOX)
				piece = 0;
			line += it->width;
		} else if (it->penalty < QR_LB_INF &&
		    !(it->flags & QR_LB_HYPHEN)) {
			piece = 0;
			if (it->penalty <= -QR_LB_INF)
				line = 0;
		}
		if (piece > mn)
			mn = piece;
		if (line > mx)
			mx = line;
	}
	*min_width = mn;
	*max_width = mx;
}

/* ---- painting ----------------------------------------------------------- */

int
qr_line_paint(qr_inline_env *env, const qr_line *l, qr_area_tree *t,
    qr_page *pg, double x, double y_top, const qr_resolver *r)
{
	double base = y_top + l->ascent;
	size_t i;
	int changed = 0;

	if (l->over != NULL)
		qr_diag(env->q, QD_OVERFULL, l->over->node->file,
		    l->over->node->line, 0, "line overfull by %.1fpt: '%.*s' is "
		    "wider than the %.1fpt measure", l->over->by, l->over->len,
		    l->over->text, l->width);
	for (i = 0; i < l->nops; i++) {
		const struct qr_inl_op *op = &l->ops[i];
		qr_area *a;

		switch (op->kind) {
		case OP_TEXT:
			if (op->len == 0 || op->font == NULL)
				break; /* no face at all: already an error */
			a = qr_area_add(t, pg, QR_AREA_TEXT);
			if (a == NULL)
				return changed;
			a->x = x + op->x;
			a->y = base + op->y;
			a->w = op->w;
			a->h = op->size;
			a->u.text.font = op->font;
			a->u.text.size = op->size;
			a->u.text.color = op->color;
			/* The paragraph's text lives in the tree's arena
			 * (or one the caller keeps longer): no copy. */
			a->u.text.utf8 = op->s;
			a->u.text.len = op->len;
			a->u.text.word_spacing = op->ws;
			break;
		case OP_REF: {
			const char *label = NULL;
			double w;

			if (r != NULL) {
				if (op->node->type == FO_PAGE_NUMBER)
					label = r->page_label;
				else if (r->cite != NULL && op->s != NULL)
					label = r->cite(r->user, op->s, op->last);
			}
			if (label == NULL || op->font == NULL) {
				if (label == NULL &&
				    op->node->type != FO_PAGE_NUMBER &&
				    r != NULL && r->cite != NULL &&
				    S_once(env, op->node))
					qr_diag(env->q, QD_CITATION,
					    op->node->file, op->node->line, 0,
					    "no page for ref-id '%s'",
					    op->s != NULL ? op->s : "");
				break;
			}
			w = S_width(env, op->font, op->size, label,
			    strlen(label));
			if (fabs(w - op->w) > 0.01)
				changed++;
			a = qr_area_add(t, pg, QR_AREA_TEXT);
			if (a == NULL)
				return changed;
			a->x = x + op->x;
			a->y = base + op->y;
			a->w = w;
			a->h = op->size;
			a->u.text.font = op->font;
			a->u.text.size = op->size;
			a->u.text.color = op->color;
			a->u.text.utf8 = qr_arena_strdup(t->arena, label);
			a->u.text.len = a->u.text.utf8 != NULL ? strlen(label) : 0;
			break;
		}
		case OP_RULE:
			a = qr_area_add(t, pg, QR_AREA_LINE);
			if (a == NULL)
				return changed;
			a->x = x + op->x;
			a->y = base + op->y;
			a->w = op->w;
			a->h = op->h;
			a->u.line.color = op->color;
			a->u.line.thickness = op->thickness;
			a->u.line.style = (qr_line_style)op->lstyle;
			break;
		case OP_FILL:
			a = qr_area_add(t, pg, QR_AREA_FILL);
			if (a == NULL)
				return changed;
			a->x = x + op->x;
			a->y = base + op->y;
			a->w = op->w;
			a->h = op->h;
			a->u.fill.color = op->color;
			break;
		case OP_IMAGE:
			a = qr_area_add(t, pg, QR_AREA_IMAGE);
			if (a == NULL)
				return changed;
			a->x = x + op->x;
			a->y = base + op->y;
			a->w = op->w;
			a->h = op->h;
			a->u.image.path = qr_arena_strdup(t->arena, op->s);
			break;
		case OP_LINK:
			a = qr_area_add(t, pg, QR_AREA_LINK);
			if (a == NULL)
				return changed;
			a->x = x + op->x;
			a->y = base + op->y;
			a->w = op->w;
			a->h = op->h;
			a->u.link.dest_page = -1;
			if (op->internal) {
				if (r != NULL && r->internal_link != NULL)
					r->internal_link(r->user, pg,
					    pg->nareas - 1, op->s);
			} else {
				a->u.link.uri = qr_arena_strdup(t->arena, op->s);
			}
			break;
		default:
			break;
		}
	}
	return changed;
}

int
qr_line_refs_changed(qr_inline_env *env, const qr_line *l,
    const qr_resolver *r)
{
	size_t i;
	int changed = 0;

	for (i = 0; i < l->nops; i++) {
		const struct qr_inl_op *op = &l->ops[i];
		const char *label = NULL;

		if (op->kind != OP_REF || r == NULL || op->font == NULL)
			continue;
		if (op->node->type == FO_PAGE_NUMBER)
			label = r->page_label;
		else if (r->cite != NULL && op->s != NULL)
			label = r->cite(r->user, op->s, op->last);
		if (label != NULL && fabs(S_width(env, op->font, op->size,
		    label, strlen(label)) - op->w) > 0.01)
			changed++;
	}
	return changed;
}

/* Whether b's lines are a's with only the references changed. */
static int
S_same_lines(const qr_para *a, const qr_para *b)
{
	size_t k, j;

	if (a->nlines != b->nlines)
		return 0;
	for (k = 0; k < a->nlines; k++) {
		const qr_line *x = &a->lines[k], *y = &b->lines[k];

		if (x->istart != y->istart || x->iend != y->iend ||
		    x->height != y->height || x->ascent != y->ascent ||
		    x->width != y->width || x->overfull != y->overfull ||
		    (x->overfull && x->has_refs) ||
		    x->has_refs != y->has_refs || x->nids != y->nids ||
		    x->nfootnotes != y->nfootnotes)
			return 0;
		for (j = 0; j < x->nids; j++)
			if (strcmp(x->ids[j], y->ids[j]) != 0)
				return 0;
		for (j = 0; j < x->nfootnotes; j++)
			if (x->footnotes[j] != y->footnotes[j])
				return 0;
	}
	return 1;
}

const qr_line *
qr_line_relaid(qr_inline_env *env, const qr_line *l, const qr_resolver *r)
{
	qr_para *p = (qr_para *)l->para;

	if (p == NULL || p->block == NULL || r == NULL)
		return NULL;
	if (p->redo_state == 0) {
		qr_resolver keep = env->res;
		int keep_has = env->has_res;
		const qr_para *np;

		env->res = *r;
		env->res.page_label = p->page_label;
		env->has_res = p->has_res;
		np = qr_para_layout_from(env, p->block, p->first, p->stop,
		    p->width, p->is_first, p->is_last, p->from);
		env->res = keep;
		env->has_res = keep_has;
		p->redo_state = -1;
		if (np != NULL && S_same_lines(p, np)) {
			p->redo = np;
			p->redo_state = 1;
		}
	}
	if (p->redo_state != 1)
		return NULL;
	return &p->redo->lines[l - p->lines];
}
