/* inline.h: paragraphs: the inline content of one block (a run of
 * inline-level children) turned into items, broken into lines by
 * Knuth-Plass (linebreak.h) and painted as areas; used by layout (and by
 * tables through layout).
 *
 * Flow: layout keeps one qr_inline_env for the whole document (it holds
 * the word-width and hyphenation caches and the scratch item arrays, so
 * nothing is allocated per word). For each run of inline children of a
 * block it calls qr_para_layout() with the content width (the block's
 * width minus start-indent and end-indent: the caller resolves those) and
 * gets lines: each with its height, its baseline, the footnotes cited and
 * the ids defined on it. When a line's page and position are known, layout
 * calls qr_line_paint() with the x of the content box's left edge and the
 * y of the line's top; page numbers and citations are resolved then.
 *
 * Memory: qr_para and qr_line objects and everything they point to are
 * allocated from the env's current arena (see qr_inline_env_set_arena)
 * and are freed with it; callers never free them one by one.
 */
#ifndef QR_INLINE_H
#define QR_INLINE_H

#include <stddef.h>

#include "area.h"
#include "arena.h"
#include "context.h"
#include "fo.h"
#include "font.h"

typedef struct qr_inline_env qr_inline_env;
typedef struct qr_para qr_para;

/* Page references resolved at paint time (and guessed at layout time).
 * Every member may be NULL/0. */
typedef struct qr_resolver {
	/* The page label of the page holding the FO with this id (last: the
	 * last page it reaches, for page-number-citation-last), or NULL when
	 * unknown yet. The string must live until the area tree is freed. */
	const char *(*cite)(void *user, const char *ref_id, int last);
	/* The label of the page being painted (fo:page-number). At layout
	 * time (see qr_inline_env_set_resolver) the best guess, or NULL. */
	const char *page_label;
	/* Called once for every LINK area painted for an internal
	 * destination: the area is pg->areas[area_index]; its u.link.dest_page
	 * is -1 until the callee fills it (now or when the target is known). */
	void (*internal_link)(void *user, qr_page *pg, size_t area_index,
	    const char *id);
	void *user;
} qr_resolver;

/* One line of a paragraph. Public fields are read-only for callers. */
typedef struct qr_line {
	double height;   /* the line box height: top of line to bottom */
	double ascent;   /* the baseline's distance below the line's top */
	double width;    /* the measure it was set to (the para's width) */
	double used;     /* the width its content takes after adjustment */
	int overfull;    /* 1 when an unbreakable piece is wider than width
	                    (reported as QD_OVERFULL when painted) */
	int has_refs;    /* 1 when it holds page-number(-citation) */
	/* fo:footnote nodes whose anchors are on this line (the bodies are
	 * laid out by layout), in order. */
	const qr_fo *const *footnotes;
	size_t nfootnotes;
	/* ids of the FOs in this paragraph that start on this line (the
	 * block's own id is layout's business). */
	const char *const *ids;
	size_t nids;
	/* Where the line starts in the paragraph's content: an opaque
	 * position, the same at every width, for qr_para_layout_from. */
	size_t pos;
	const qr_fo *run; /* the paragraph's first inline FO (`first`) */
	/* inline FOs of this paragraph with fo:marker children, or kept
	 * (qr_inline_kept), that start on this line, in order (layout makes
	 * their markers' page events, and keeps the lines after this one
	 * with it); for a split inline (fo.h piece_of) its first piece */
	const qr_fo *const *marked;
	size_t nmarked;
	/* last pieces of split fo:inlines with markers or kept, and kept
	 * inlines, that end on this line, innermost first: where the
	 * inline's markers and keep stop (its start is in marked) */
	const qr_fo *const *closed;
	size_t nclosed;
	/* private to inline.c: what to paint, and where it came from */
	const struct qr_inl_op *ops;
	size_t nops;
	const struct qr_inl_over *over; /* the overfull warning, or NULL */
	const qr_para *para;
	unsigned istart, iend; /* its items in the paragraph */
} qr_line;

/* The environment for one document: q for diagnostics, fonts for metrics;
 * paragraphs are allocated from arena (owned by the caller, who must keep
 * it alive while lines are in use). NULL when out of memory. */
qr_inline_env *qr_inline_env_new(quire *q, qr_fonts *fonts, qr_arena *arena);
/* An environment for a helper thread laying out beside main's (see
 * layout_table.c): its own caches and scratch, main's fonts and the
 * hyphenation dictionaries main has loaded, no page-number resolver. That
 * thread calls qr_fonts_thread_lookup(1) first: what would load a face or
 * a dictionary is missed instead, and the work must be done again by
 * main (qr_inline_env_missed). main must outlive it. */
qr_inline_env *qr_inline_env_new_helper(const qr_inline_env *main,
    qr_arena *arena);
/* Whether env's thread missed a face or a dictionary since the last
 * call. */
int qr_inline_env_missed(qr_inline_env *env);
/* Switch the arena later paragraphs are allocated from (e.g. per layout
 * pass); the caches survive. */
void qr_inline_env_set_arena(qr_inline_env *env, qr_arena *arena);
/* The resolver consulted at layout time for placeholder widths of
 * page-number (r->page_label) and citations (r->cite); the struct is
 * copied. Without one (or when it answers NULL) the placeholder is
 * measured as "00". */
void qr_inline_env_set_resolver(qr_inline_env *env, const qr_resolver *r);
/* How many page references qr_para_measure() has met so far: their
 * widths were guesses, so a table sized by them is only exact once the
 * labels are known (see qr_line_relaid). */
size_t qr_inline_env_measured_refs(const qr_inline_env *env);
/* Frees the caches; paragraphs live in the caller's arena. */
void qr_inline_env_free(qr_inline_env *env);

/* Lay out the inline children of block from first up to (not including)
 * stop (stop NULL: to the last child). block supplies text-align,
 * text-align-last, text-indent (applied when is_first_para_of_block),
 * last-line-end-indent (when is_last_para_of_block), line-height and the
 * strut font. width is the content width in points (start-indent and
 * end-indent already taken off by the caller). Whitespace-only content
 * gives a paragraph with 0 lines. Never NULL except out of memory.
 * Overfull lines are reported (QD_OVERFULL with the FO's file:line) by
 * qr_line_paint, so that only lines that are printed warn (not those of
 * a setting laid out again at another width). */
qr_para *qr_para_layout(qr_inline_env *env, const qr_fo *block,
    const qr_fo *first, const qr_fo *stop, double width,
    int is_first_para_of_block, int is_last_para_of_block);
/* The same, resuming at a line start of an earlier setting of this
 * paragraph (from: that line's pos; 0 is the start): the lines from there
 * on, set at width. The text-indent stays with the first line (it is not
 * repeated), text-align-last with the real last line; ids and footnotes
 * cited before `from` are not given again. Used when a paragraph goes on
 * onto a page whose region-body has another width. */
qr_para *qr_para_layout_from(qr_inline_env *env, const qr_fo *block,
    const qr_fo *first, const qr_fo *stop, double width,
    int is_first_para_of_block, int is_last_para_of_block, size_t from);
size_t qr_para_count(const qr_para *p);
const qr_line *qr_para_line(const qr_para *p, size_t i);
/* ids of inline FOs in a paragraph with no lines (e.g. an empty
 * fo:inline with an id): layout should place them at the block. */
size_t qr_para_orphan_ids(const qr_para *p, const char *const **ids);
/* The same for the fo:footnote nodes cited in a paragraph with no lines
 * (an empty fo:inline as the citation). */
size_t qr_para_orphan_footnotes(const qr_para *p, const qr_fo *const **fns);
/* True for an fo:inline, fo:basic-link or fo:wrapper (or a piece of one,
 * fo.h piece_of) with a keep-together.within-page or .within-column
 * (XSL 1.1 7.20.3): the lines from the one where it starts to the one
 * where it ends (for a split inline, with the blocks between) are kept
 * on one page. */
int qr_inline_kept(const qr_fo *n);
/* For a paragraph set from a line other than its first (from > 0): the
 * kept inlines (or pieces) that end before that line, and (*opens) those
 * that start before it and end on or after it. Returns the number of
 * ends; *nopens the other. */
size_t qr_para_kept_before(const qr_para *p, const qr_fo *const **ends,
    const qr_fo *const **opens, size_t *nopens);

/* The narrowest width the content could be set in (its widest unbreakable
 * piece) and its width unbroken (widest forced line), for table column
 * sizing. Does not allocate from the arena. */
void qr_para_measure(qr_inline_env *env, const qr_fo *block,
    const qr_fo *first, const qr_fo *stop, double *min_width,
    double *max_width);

/* Paint line l on page pg with the left edge of the content box at x and
 * the line's top at y_top (page coordinates, y down): glyph runs, inline
 * backgrounds and borders, underline/line-through, leaders, images, link
 * rectangles. r resolves page-number and citations (NULL: placeholders
 * stay blank). Returns the number of references whose resolved label has
 * a different width from the placeholder laid out (> 0.01 pt): when
 * non-zero, layout should run again with a resolver that knows the labels. */
int qr_line_paint(qr_inline_env *env, const qr_line *l, qr_area_tree *t,
    qr_page *pg, double x, double y_top, const qr_resolver *r);

/* Break opportunities in s[0, n) as libunibreak's set_linebreaks_utf8
 * gives them (brks[i] for after byte i), faster for printable ASCII;
 * exposed for tests. */
void qr_inline_breaks(qr_inline_env *env, const char *s, size_t n,
    const char *lang, char *brks);

/* The number of references on l whose label as r resolves it has a
 * different width from the placeholder laid out (what qr_line_paint
 * would return), without painting. */
int qr_line_refs_changed(qr_inline_env *env, const qr_line *l,
    const qr_resolver *r);

/* Lay out l's paragraph again as it was first laid out (block, width,
 * the page-number guess), but with r->cite answering the citations (r's
 * page_label is not used), and return l's counterpart in the new
 * paragraph when every line of it breaks at the same items with the same
 * height, ascent, ids, footnotes and overfull state as before, and no
 * line with a reference is overfull: then the lines without references
 * are what they were, and only those with references need painting from
 * the new lines. NULL when the lines differ (the caller must lay out
 * again) or out of memory. The paragraph is laid out again at most once;
 * later calls for its other lines reuse the result. Diagnostics of the
 * new layout are the caller's to discard. */
const qr_line *qr_line_relaid(qr_inline_env *env, const qr_line *l,
    const qr_resolver *r);

#endif
