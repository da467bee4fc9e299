/* layout_int.h: the layout's internal interface, shared by the block and
 * page layout (layout*.c) and the tables (layout_table*.c): the vertical
 * list (boxes, glue, penalties, marks), painters, and the layout context.
 *
 * The model (TeX's, as in engine.md). Block-level content laid out at a
 * known width becomes a flat array of qr_vitem. A greedy page builder
 * cuts the flow's list into pages:
 *   - a break may happen ONLY at a QR_V_PENALTY whose penalty is below
 *     QR_PEN_INF; glue is never a break point. Builders therefore put a
 *     penalty before the glue between two blocks (space-after of one,
 *     space-before of the next) and between the lines of a paragraph.
 *     When no such break fits, the builder breaks the keep (a penalty
 *     at QR_PEN_INF, warned with the FO in its data) or, when even the
 *     first box is taller than the page, cuts right after that box
 *     (warned as an overflow, naming the box's fo).
 *   - after a break, the glue and penalties that follow (up to the first
 *     box or mark) are discarded unless the glue is marked retain.
 *   - a penalty <= QR_PEN_FORCE forces a break; its sub says which page
 *     must come next (QR_VBRK_*), so the builder inserts a blank page when
 *     needed.
 *   - marks are zero-height events read by the page builder: a block's
 *     open/close (for borders and backgrounds painted per page fragment,
 *     and for markers), ids, footnote citations and tables' repeated
 *     headers/footers.
 *
 * Coordinates: a list is laid out relative to an origin, the top-left of
 * the content rectangle of its reference area (region-body, a table
 * cell's content, a block-container); a box's x is its offset from that
 * origin. Painting places the origin at an absolute page position.
 *
 * Memory: the items array of a qr_vlist is malloc'd (qr_vlist_free frees
 * it); everything items point to (painter data, decorations, strings) is
 * allocated from the layout context's arena lo->arena, freed with the
 * context at the end of a layout pass.
 */
#ifndef QR_LAYOUT_INT_H
#define QR_LAYOUT_INT_H

#include <stddef.h>

#include "area.h"
#include "arena.h"
#include "context.h"
#include "font.h"

typedef struct qr_fo qr_fo;                 /* fo.h */
typedef struct qr_fo_doc qr_fo_doc;         /* fo.h */
typedef struct qr_inline_env qr_inline_env; /* inline.h */
typedef struct qr_layout qr_layout;         /* below */

/* Penalties: at or above QR_PEN_INF a break is forbidden; at or below
 * QR_PEN_FORCE it is forced. Integer keep strengths give values in
 * between (qr_layout_keep_penalty). */
#define QR_PEN_INF 10000
#define QR_PEN_FORCE (-10000)

typedef enum qr_vkind {
	QR_V_BOX = 0,
	QR_V_GLUE,
	QR_V_PENALTY,
	QR_V_MARK
} qr_vkind;

/* sub of a forcing penalty: what the next page must be. */
enum { QR_VBRK_PAGE = 0, QR_VBRK_ODD, QR_VBRK_EVEN };
/* sub of a glue: discarded at a page break (default) or kept. */
enum { QR_VGLUE_DISCARD = 0, QR_VGLUE_RETAIN = 1 };

typedef enum qr_mark_kind {
	QR_MARK_BLOCK_OPEN = 0, /* data: qr_vblock *; starts a block */
	QR_MARK_BLOCK_CLOSE,    /* data: the same qr_vblock * */
	QR_MARK_ID,             /* data: const char *id, defined at the
	                           top of the box that follows */
	QR_MARK_FOOTNOTE,       /* data: const qr_fo * (fo:footnote) cited by
	                           the box that follows (same page) */
	QR_MARK_TABLE_OPEN,     /* data: qr_vtable * */
	QR_MARK_TABLE_CLOSE,    /* data: the same qr_vtable * */
	QR_MARK_MARKERS         /* data: qr_vblock * with markers, from a
	                           nested list (a cell, a label, a fixed
	                           block-container): that block starts and
	                           ends on the page of the box that follows */
} qr_mark_kind;

/* A painter: paints one box whose content rectangle's top-left is at
 * (x, y_top) in page coordinates, w wide and h high (the box's own). */
typedef void (*qr_paint_fn)(qr_layout *lo, const void *data, qr_page *pg,
    double x, double y_top, double w, double h);

typedef struct qr_vitem {
	unsigned char kind;  /* qr_vkind */
	unsigned char sub;   /* PENALTY: QR_VBRK_*; GLUE: QR_VGLUE_*;
	                        MARK: qr_mark_kind */
	int penalty;         /* PENALTY: cost, QR_PEN_FORCE..QR_PEN_INF */
	double h;            /* BOX: height; GLUE: natural size */
	double stretch;      /* GLUE */
	double shrink;       /* GLUE */
	double x, w;         /* BOX: offset from the list's origin, width */
	qr_paint_fn paint;   /* BOX: may be NULL (an empty box) */
	const void *data;    /* BOX: painter data; MARK: see qr_mark_kind;
	                        PENALTY: the qr_fo whose keep (or widows/
	                        orphans) set it, or NULL */
	const qr_fo *fo;     /* BOX: the formatting object it comes from, for
	                        diagnostics (an overflowing box is named by
	                        its line), or NULL; set it after pushing */
} qr_vitem;

typedef struct qr_vlist {
	qr_vitem *v;
	size_t n, cap;
} qr_vlist;

/* Decoration and identity of one block-level area (block, list-block,
 * list-item, block-container, table...) that may be split across pages:
 * the page builder (and qr_layout_paint_range) paint its background and
 * borders once per fragment, from where the fragment starts on a page to
 * where it ends. */
typedef struct qr_vblock {
	const qr_fo *fo;      /* the formatting object (markers, diagnostics) */
	double x, w;          /* border box: offset from origin, width */
	double border[4];     /* widths, indexed QR_TOP..QR_RIGHT (fo.h) */
	int border_style[4];  /* qr_fo_border_style */
	qr_color border_color[4];
	double padding[4];
	int retain_before;    /* border/padding-before .conditionality retain:
	                         repeated at the top of continuation pages */
	int retain_after;     /* ...-after retain: repeated at the foot of each
	                         fragment that is not the last */
	int has_background;
	qr_color background;
	int has_markers;      /* fo has fo:marker children */
	double min_h;         /* block-container fixed height, else 0 */
	const qr_fo *link;    /* an fo:basic-link laid out as a block (one
	                         holding only blocks, or a piece of one that
	                         mixes): each fragment's border box is a link
	                         area; else NULL */
} qr_vblock;

/* A table's repeated parts. The table appends its header rows as boxes
 * right after QR_MARK_TABLE_OPEN and its footer rows right before
 * QR_MARK_TABLE_CLOSE, so the first and last page of the table show them
 * as ordinary content. When the page builder breaks between the two
 * marks it paints footer (if any and not omit_footer) at the foot of the
 * fragment and reserves its height, and at the top of the continuation
 * page paints header (if any and not omit_header), reserving its height. */
typedef struct qr_vtable {
	const qr_fo *fo;
	double header_h;      /* 0 when there is no header */
	qr_paint_fn header_paint;
	const void *header_data;
	double footer_h;
	qr_paint_fn footer_paint;
	const void *footer_data;
	double x, w;          /* the table's offset and width */
	int omit_header_at_break, omit_footer_at_break;
	/* fo:footnotes cited in the header (footer) cells, arena-owned, in
	 * citation order. The first page of the table shows the header as
	 * ordinary content with its own QR_MARK_FOOTNOTE marks (the last page
	 * the footer); each repetition by the page builder places these
	 * notes on its page too, and reserves their room (FINDINGS F22). */
	const qr_fo *const *header_notes;
	size_t n_header_notes;
	const qr_fo *const *footer_notes;
	size_t n_footer_notes;
} qr_vtable;

/* The layout context of one pass over a document. Tables read q, fonts,
 * ienv, arena and file; the rest is the page builder's. */
struct qr_layout {
	quire *q;
	qr_fonts *fonts;
	qr_fo_doc *doc;
	qr_inline_env *ienv;   /* lines' environment (caches), whole document */
	qr_area_tree *tree;    /* the output */
	qr_arena *arena;       /* per pass: painter data, decorations */
	const char *file;      /* the FO file, for diagnostics */
	struct qr_layout_state *st; /* private to layout*.c */
	/* Rules given to qr_layout_rule_join while a fragment is painted,
	 * joined and added to rules_pg when the outermost fragment ends
	 * (layout_vlist.c). Empty between fragments; the arrays are kept for the
	 * next one and freed with the layout (qr_layout_rules_free). */
	struct qr_rule_pending *rules;
	size_t nrules, crules;
	qr_page *rules_pg;
	struct qr_rule_groups *rgroups; /* the held rules by line and kind */
	int rules_plain;       /* tests: hold every piece as given and join
	                          them by sorting all (the same areas) */
	int paint_depth;       /* nesting of qr_layout_paint_fragment */
	int par_busy;          /* a table's helper thread is at work (one at
	                          a time; layout_table.c) */
	/* The blocks standing for split fo:inlines with markers, from their
	 * first piece to their last (layout_block.c), in the arena: one per
	 * inline and pass. */
	struct qr_span *spans;
};

/* ---- vertical lists ---------------------------------------------------- */

void qr_vlist_init(qr_vlist *l);
void qr_vlist_free(qr_vlist *l);
/* Append one item (copied); 0, or -1 when out of memory (reported). */
int qr_vlist_push(qr_layout *lo, qr_vlist *l, const qr_vitem *it);
/* Convenience appenders; each returns 0 or -1 (out of memory). */
int qr_vlist_box(qr_layout *lo, qr_vlist *l, double h, double x, double w,
    qr_paint_fn paint, const void *data);
int qr_vlist_glue(qr_layout *lo, qr_vlist *l, double h, double stretch,
    double shrink, int retain);
int qr_vlist_penalty(qr_layout *lo, qr_vlist *l, int penalty, int brk);
int qr_vlist_mark(qr_layout *lo, qr_vlist *l, qr_mark_kind kind,
    const void *data);
/* Sum of box heights and glue natural sizes of items [from, to). */
double qr_vlist_height(const qr_vlist *l, size_t from, size_t to);

/* The penalty for a keep of this strength (fo.h: 0 auto, INT_MAX always,
 * else an integer): 0, QR_PEN_INF, or a discouraging value in between. */
int qr_layout_keep_penalty(int strength);

/* ---- what tables (and everything else) call ------------------------------ */

/* Lay out the block-level content of parent (its children: blocks, lists,
 * tables, and runs of inline children wrapped as anonymous paragraphs) at
 * content width `width` into out (appended). height is the parent's
 * fixed height when it is a reference area that has one (a region), which
 * its children's percentage heights refer to; < 0 when it has none (a
 * table cell, a footnote body: such percentages count as auto, XSL 1.1
 * 7.15.3). Children's start-indent and
 * end-indent are measured from the reference area; indent_start and
 * indent_end are the parts of them that are NOT inside this list (for a
 * table cell: the cell's own inherited start-indent, so the content
 * starts at x = 0 of the cell's content rectangle). Includes ids,
 * footnote and marker marks. Returns 0, or -1 on a fatal error (out of
 * memory, a limit): already reported. */
int qr_layout_block_content(qr_layout *lo, qr_vlist *out, const qr_fo *parent,
    double width, double height, double indent_start, double indent_end);

/* Paint items [from, to) of l with the list's origin at (x, y_top), as one
 * fragment: leading discardable glue/penalties are skipped, boxes painted
 * at their offsets, decorations of blocks open in the range painted for
 * the part inside it (conditional border/padding per qr_vblock). Marks of
 * kind ID/FOOTNOTE inside are NOT acted on: whoever places the fragment on
 * a page hoists them (see qr_vlist_hoist_marks). Returns the height used. */
double qr_layout_paint_range(qr_layout *lo, const qr_vlist *l, size_t from,
    size_t to, qr_page *pg, double x, double y_top);

/* Append to out the ID and FOOTNOTE marks found in l[from, to), in order,
 * so that a table row slice placed in the outer list carries its cells'
 * ids and footnote citations (push them before the slice's box); blocks
 * with markers become QR_MARK_MARKERS, so retrieve-marker sees them. */
int qr_vlist_hoist_marks(qr_layout *lo, qr_vlist *out, const qr_vlist *l,
    size_t from, size_t to);

/* What a mark of a nested list becomes in the outer list: 1 and *out set
 * for ID, FOOTNOTE and MARKERS marks (and BLOCK_OPEN of a block with
 * markers, as MARKERS), 0 for the rest (decorations stay inside). */
int qr_vitem_hoisted(const qr_vitem *it, qr_vitem *out);

/* Implemented by "tables" in layout_table.c: append table's items to out
 * (see qr_vtable) at content width `width` of the enclosing reference
 * area, with indent_start/indent_end as for qr_layout_block_content.
 * start_indent/end_indent are the table's own start-indent and
 * end-indent resolved by the caller as a block's are (percentages of the
 * reference area, body-start()/label-end() of the enclosing list, an
 * inherited indent keeping its resolved value); start_indent -
 * indent_start is the table's x offset in out (the block walker may pass
 * an indent_start that folds in an origin shift). The CALLER (the block
 * walker) has already appended
 * the penalty and glue before the table (its space-before, keep-with-
 * previous, break-before, its id mark) and appends those after it
 * (space-after, keep-with-next, break-after): the table appends only its
 * own items, starting with QR_MARK_TABLE_OPEN. Returns 0, or -1 on a
 * fatal error (already reported). */
int qr_layout_table(qr_layout *lo, qr_vlist *out, const qr_fo *table,
    double width, double indent_start, double indent_end,
    double start_indent, double end_indent);

/* A table split across pages whose unplaced part goes on at another
 * width (layout_table.c builds it; the block walker carries it from
 * qr_flowwalk_rewind to the table, which lays out that part again). */
typedef struct qr_tresume qr_tresume;
/* The resume point of the table vt (held open by the page builder),
 * whose first box not placed is out->v[box]: NULL when the table cannot
 * go on there at another width (say, a row span cut below its first
 * row, a cell broken inside a nested table). Arena-allocated. */
const qr_tresume *qr_table_resume_at(qr_layout *lo, const qr_vlist *out,
    size_t box, const qr_vtable *vt);
/* The table rs goes on with could not be laid out again at a new width
 * (qr_table_resume_at gave NULL): its next part keeps the width of the
 * part before (rs: where a budget stopped it). */
void qr_table_resume_keep_width(const qr_tresume *rs);
/* The fo:table it resumes, and the table the page builder holds open. */
const qr_fo *qr_table_resume_fo(const qr_tresume *rs);
const qr_vtable *qr_table_resume_vt(const qr_tresume *rs);
/* As qr_layout_table, in parts. rs (or NULL: from its start): the part
 * that qr_table_resume_at or an earlier call's *stop says is left; then
 * no open marks (the table and its decoration, held open, are reused),
 * only the rows not yet laid out (the rest of a row broken across the
 * page continued), then the table's end as usual. budget (> 0): stop
 * between two body rows once the rows laid out are that tall, the
 * table left open, *stop saying where to go on (else NULL); *used: how
 * tall they are. */
int qr_layout_table_part(qr_layout *lo, qr_vlist *out, const qr_fo *table,
    double width, double indent_start, double indent_end,
    double start_indent, double end_indent, const qr_tresume *rs,
    double budget, double *used, const qr_tresume **stop);

/* What identifies a box the block walker emitted (a line of a
 * paragraph, a block's border-and-padding before or after, a box
 * standing for a whole FO), so that the same content laid out at
 * another width can go on from it (layout_block.c). */
typedef struct qr_vkey {
	int kind;
	const qr_fo *fo, *run;
	size_t pos;
} qr_vkey;
/* The key of box it: 0, or -1 when it is none the walker can find again
 * (a table's slice). */
int qr_vkey_of(const qr_vitem *it, qr_vkey *key);
/* qr_layout_block_content from the box key on: what comes before it
 * (placed already) is left out; the blocks open at it are opened first,
 * before anything else (their open marks lead the list: a painter that
 * starts after them continues those blocks). Returns 0, 1 when the key
 * was not found (out then holds nothing of parent), -1 on a fatal
 * error. */
int qr_layout_block_content_from(qr_layout *lo, qr_vlist *out,
    const qr_fo *parent, double width, double height, double indent_start,
    double indent_end, const qr_vkey *key);

/* Paint a block fragment's decorations (background, then borders) for the
 * border box at (x, y_top), w x h; top/bottom say whether the fragment
 * includes the block's first/last part (else conditional borders are
 * left off unless retained). Used by paint_range and the page builder;
 * tables may use it for cells. */
void qr_layout_paint_deco(qr_layout *lo, const qr_vblock *b, qr_page *pg,
    double x, double y_top, double w, double h, int top, int bottom);

/* A link area for the fo:basic-link `link` over the rectangle (x, y_top)
 * w x h of page pg (a link laid out as a block, qr_vblock.link); an
 * internal destination is resolved once the ids are placed, as a line's
 * links are. */
void qr_layout_link_area(qr_layout *lo, qr_page *pg, double x, double y_top,
    double w, double h, const qr_fo *link);

/* Stroke one border side as an area (solid, dashed, dotted, double). */
void qr_layout_rule(qr_layout *lo, qr_page *pg, double x1, double y1,
    double x2, double y2, double width, int style, qr_color color);
/* The same, for rules that meet others of their kind end to end (table
 * cell borders, one per row slice and cell side, shared edges twice):
 * while a fragment is being painted the rule is held back, and when the
 * outermost fragment ends the held rules of the page that are collinear
 * and touch or overlap, of one width, style and colour, are added as one
 * area each, after everything else the fragment painted (outside a
 * fragment it is added at once). Same picture, far fewer areas. */
void qr_layout_rule_join(qr_layout *lo, qr_page *pg, double x1, double y1,
    double x2, double y2, double width, int style, qr_color color);
/* Where a piece given to the join went (the rule it is held in), for a
 * painter that gives the same line piece after piece. */
typedef struct qr_rule_tok {
	size_t idx, epoch;
} qr_rule_tok;
/* qr_layout_rule_join, setting *tok to where the piece went (none when
 * it was not held). */
void qr_layout_rule_join_tok(qr_layout *lo, qr_page *pg, double x1,
    double y1, double x2, double y2, double width, int style,
    qr_color color, qr_rule_tok *tok);
/* A piece from a0 to a1 along the line of the piece that set *tok, of its
 * width, style and colour (the caller knows): when the join would only
 * extend the rule *tok holds (still the latest of its line and kind, the
 * pieces in order, touching), do that, as qr_layout_rule_join would, and
 * return 1; else 0, nothing done (give the piece to the join). */
int qr_layout_rule_extend(qr_layout *lo, qr_page *pg, const qr_rule_tok *tok,
    double a0, double a1);
/* Join and add the rules held back now (as when the outermost fragment
 * ends); free what holds them (at the end of layout). */
void qr_layout_rules_flush(qr_layout *lo);
void qr_layout_rules_free(qr_layout *lo);

/* ---- fragments: painting a range of a list (private to layout*.c, usable
 * by tables) ------------------------------------------------------------- */

/* The blocks and tables open at a position of a list, outermost first. */
typedef struct qr_open {
	unsigned char kind; /* 0 block (qr_vblock), 1 table (qr_vtable) */
	const void *p;
} qr_open;
typedef struct qr_openstack {
	qr_open *v;
	size_t n, cap;
} qr_openstack;
int qr_openstack_push(qr_layout *lo, qr_openstack *s, int kind,
    const void *p);
/* Update s for one item (BLOCK/TABLE open and close marks). */
int qr_openstack_step(qr_layout *lo, qr_openstack *s, const qr_vitem *it);
void qr_openstack_free(qr_openstack *s);
/* Height the open entries reserve at the top of a continuation fragment
 * (retained border/padding-before, repeated table headers) and at the
 * foot of a fragment that breaks inside them (retained after, footers). */
double qr_openstack_top(const qr_openstack *s);
double qr_openstack_bottom(const qr_openstack *s);

/* Called for each mark painted, with the y where it falls. carried is 1
 * for the entries open at the start (hooks get them first, kind BLOCK_OPEN
 * with carried = 1), 0 otherwise. */
typedef struct qr_frag_hooks {
	void (*mark)(qr_layout *lo, void *user, const qr_vitem *it,
	    qr_page *pg, double y, int carried);
	void *user;
} qr_frag_hooks;

/* Paint l[from, to) as one fragment with the origin at (x0, y0): stack is
 * the open entries at `from` on entry and at `to` on return. Leading
 * discardable glue and penalties are skipped. Decorations (background,
 * borders) are painted first, then carried table headers, boxes, and
 * footers of tables still open at `to`. Returns the y of the fragment's
 * bottom (after retained borders/footers). hooks may be NULL. */
double qr_layout_paint_fragment(qr_layout *lo, const qr_vlist *l,
    size_t from, size_t to, qr_page *pg, double x0, double y0,
    qr_openstack *stack, const qr_frag_hooks *hooks);
/* The same with each glue shrunk by shrink_ratio (0..1) of its shrink:
 * what the page builder took to fit the page (TeX's glue set ratio). */
double qr_layout_paint_fragment_adj(qr_layout *lo, const qr_vlist *l,
    size_t from, size_t to, qr_page *pg, double x0, double y0,
    qr_openstack *stack, const qr_frag_hooks *hooks, double shrink_ratio);

/* ---- private to layout*.c (layout_page.c implements) -------------------- */

/* The painter of paragraph lines (data: a const qr_line *), resolving
 * page numbers and citations for the page being painted. */
void qr_layout_paint_line(qr_layout *lo, const void *line, qr_page *pg,
    double x, double y_top, double w, double h);
/* The fo:marker a fo:retrieve-marker retrieves on the page being painted,
 * or NULL (outside static content, or nothing qualifies). */
const qr_fo *qr_layout_find_marker(qr_layout *lo, const qr_fo *retrieve);

/* layout_folio.c: page number n formatted per format ("1", "01", "i",
 * "I", "a", "A", literal punctuation kept) into buf; returns buf. */
char *qr_layout_format_number(int n, const char *format, char *buf,
    size_t len);

/* layout_block.c: the flow's content laid out one unit (a block-level
 * child, or a run of inline children) at a time, each at the width of the
 * page it starts on. step returns 1 when more may follow, 0 when done,
 * -1 on a fatal error (reported). */
typedef struct qr_flowwalk qr_flowwalk;
qr_flowwalk *qr_flowwalk_new(qr_layout *lo, qr_vlist *out,
    const qr_fo *parent);
int qr_flowwalk_step(qr_flowwalk *fw, double width);
/* The height of the region-body the coming steps fill: what a percentage
 * height of a block-level child of the flow refers to (< 0, the
 * initial value: not known, such a percentage counts as auto). */
void qr_flowwalk_set_height(qr_flowwalk *fw, double height);
void qr_flowwalk_free(qr_flowwalk *fw);
/* Content goes on onto pages of different widths (or heights, where
 * percentage heights refer to them): keep the walker's state before each
 * step, so that what a page of one width did not take can be laid out
 * again at the width of the next page (a little memory and time per
 * step: call it only when the widths or heights may differ). */
void qr_flowwalk_keep_states(qr_flowwalk *fw);
/* With keep_states: a step stops once it has laid out `height` of boxes
 * (0: no limit), and the next goes on from there, so that content is
 * laid out about a page at a time when the next page's width may differ
 * (a long list or block is not laid out to its end at a width that the
 * next page throws away). */
void qr_flowwalk_set_budget(qr_flowwalk *fw, double height);
/* True when some item at or after index `from` of the list was laid
 * out at a width other than `width` (only with keep_states). */
int qr_flowwalk_width_differs(const qr_flowwalk *fw, size_t from,
    double width);
/* True when a step that laid out items at or after `from` resolved a
 * percentage height against a region-body height other than `height`
 * (only with keep_states); *at is then where the first such step's
 * items begin (at least `from`): what comes before it stays as it is. */
int qr_flowwalk_height_differs(const qr_flowwalk *fw, size_t from,
    double height, size_t *at);
/* The items before `placed` are on pages: drop the states no rewind can
 * need; then `shift` items were removed from the list's front. */
void qr_flowwalk_forget(qr_flowwalk *fw, size_t placed, size_t shift);
/* Take back the items from the step that laid out the box at index box
 * (the first box not placed; those before `placed` are on pages), so that
 * the next steps lay that content out again at their width, from that box
 * on: a paragraph is broken again from that line, blocks held open
 * (`open`, the page builder's stack at `placed`) keep their decorations.
 * The list is cut to at least `placed`. Returns 0, or -1 when the box is
 * not one the walker can resume at (inside a table): nothing changed. */
int qr_flowwalk_rewind(qr_flowwalk *fw, size_t box, size_t placed,
    const qr_openstack *open);

#endif
