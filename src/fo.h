/* fo.h: the XSL-FO tree with computed properties, read from an FO document
 * (the subset in fo-subset.md, semantics of XSL 1.1), for layout to walk.
 *
 * Ownership: everything reachable from a qr_fo_doc (nodes, strings,
 * property groups) lives in the document's arena and is freed together by
 * qr_fo_doc_free(). Nothing returned by this module is freed by callers.
 *
 * Properties. Every node carries its COMPUTED properties in three groups,
 * never NULL:
 *   n->inh : inherited properties (fonts, text, indents, keeps-together,
 *            widows/orphans, hyphenation, leader and list properties, ...).
 *            Shared by pointer with the parent when the node specifies none
 *            of them, so read it, never write it.
 *   n->box : non-inherited box properties (spaces, borders, padding,
 *            background, breaks, keep-with-*, sizes, display-align,
 *            baseline-shift); points to a shared all-defaults group when
 *            the node specifies none.
 *   n->obj : object-specific properties (page masters, regions, tables,
 *            graphics, links, markers, bookmarks, page sequences).
 * FO_TEXT nodes share all three groups with their parent element. Equal
 * groups are stored once per document (hash-consed), so any two nodes
 * may share one: compare groups by pointer only as a shortcut for
 * equality, never to find a node.
 *
 * White space: FO_TEXT holds the raw character data (UTF-8) exactly as in
 * the document; this module does NOT apply white-space-collapse,
 * white-space-treatment or linefeed-treatment: "lines" does, since it sees
 * the whole inline context of a block. Whitespace-only text is dropped
 * where only blocks (or only specific children) may appear (flow,
 * table-row, list-item, ...) and kept in mixed content (fo:block,
 * fo:inline), where lines/layout handle it per XSL 7.16.
 * fo:character is kept as an FO_CHARACTER node with obj->character (UTF-8).
 *
 * Lengths that depend on layout context stay linear (qr_fo_len): the
 * absolute part in points plus multiples of the reference width (for
 * percentages), label-end() and body-start(); layout resolves them with
 * qr_fo_len_resolve(). Percentages of inherited lengths (start-indent,
 * text-indent) are inherited in that linear form and resolved against the
 * reference area where they are used (an approximation: XSL resolves a
 * percentage where it is specified; the two differ only inside a
 * descendant reference area of another width).
 * Margins are already mapped to start-indent/end-indent (XSL 5.3.2) and to
 * space-before/space-after; writing-mode-relative names are mapped to
 * absolute sides for lr-tb (before=top, after=bottom, start=left,
 * end=right). Where both are given, a margin wins over start-indent /
 * space-before, and border-top-width over border-before-width (and so
 * on), as FOP 2.8 computes them (checked against its area tree).
 * em is relative to the element's computed font-size.
 * "inherit" on a non-inherited length property takes the parent's
 * computed value; on other non-inherited properties it keeps the initial
 * value.
 *
 * Diagnostics: unknown elements and properties are warnings reported once
 * per document (at the first use) and their content is kept; structural
 * errors and unusable lengths are errors, and the reader then returns
 * NULL. Inline content directly in a flow, static-content, table-cell,
 * list-item-label/body, block-container or footnote-body is wrapped in an
 * anonymous fo:block (with a warning), so layout sees blocks there only.
 */
#ifndef QR_FO_H
#define QR_FO_H

#include <limits.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "arena.h"
#include "area.h"
#include "context.h"

/* Every formatting object of fo-subset.md, plus text and unknown. */
typedef enum qr_fo_type {
	FO_UNKNOWN = 0,   /* an unknown element (warned): obj->unknown_name */
	FO_TEXT,          /* character data: text, text_len */
	FO_ROOT,
	FO_LAYOUT_MASTER_SET,
	FO_DECLARATIONS,  /* ignored: children not kept */
	FO_SIMPLE_PAGE_MASTER,
	FO_REGION_BODY,
	FO_REGION_BEFORE,
	FO_REGION_AFTER,
	FO_REGION_START,
	FO_REGION_END,
	FO_PAGE_SEQUENCE_MASTER,
	FO_SINGLE_PAGE_MASTER_REFERENCE,
	FO_REPEATABLE_PAGE_MASTER_REFERENCE,
	FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES,
	FO_CONDITIONAL_PAGE_MASTER_REFERENCE,
	FO_PAGE_SEQUENCE,
	FO_TITLE,
	FO_STATIC_CONTENT,
	FO_FLOW,
	FO_BLOCK,
	FO_BLOCK_CONTAINER,
	FO_WRAPPER,
	FO_INLINE,
	FO_CHARACTER,
	FO_BASIC_LINK,
	FO_LEADER,
	FO_PAGE_NUMBER,
	FO_PAGE_NUMBER_CITATION,
	FO_PAGE_NUMBER_CITATION_LAST,
	FO_EXTERNAL_GRAPHIC,
	FO_LIST_BLOCK,
	FO_LIST_ITEM,
	FO_LIST_ITEM_LABEL,
	FO_LIST_ITEM_BODY,
	FO_TABLE,
	FO_TABLE_COLUMN,
	FO_TABLE_HEADER,
	FO_TABLE_FOOTER,
	FO_TABLE_BODY,
	FO_TABLE_ROW,
	FO_TABLE_CELL,
	FO_FOOTNOTE,
	FO_FOOTNOTE_BODY,
	FO_MARKER,
	FO_RETRIEVE_MARKER,
	FO_BOOKMARK_TREE,
	FO_BOOKMARK,
	FO_BOOKMARK_TITLE,
	/* Outside the subset but common in FO from other tools: read with a
	 * warning and treated as the nearest subset object (table-and-caption
	 * as a wrapper of its table, inline-container as an inline). */
	FO_TABLE_AND_CAPTION,
	FO_TABLE_CAPTION,
	FO_INLINE_CONTAINER,
	FO__COUNT
} qr_fo_type;

/* The element's local name ("block"), or "#text" / "#unknown". */
const char *qr_fo_type_name(qr_fo_type t);
/* True for objects that are block-level in a flow (block, block-container,
 * table, table-and-caption, list-block); for wrapper/unknown nodes see
 * their blocklike field. */
int qr_fo_type_is_block(qr_fo_type t);
/* True for inline-level objects (text, inline, character, basic-link,
 * leader, page-number*, external-graphic, footnote, inline-container). */
int qr_fo_type_is_inline(qr_fo_type t);

/* A length in linear form: pt + pct * ref + label_end * L + body_start * B
 * where ref is the reference width (block-progression reference for
 * vertical properties), L and B the list's label-end() / body-start(). */
typedef struct qr_fo_len {
	double pt;         /* absolute part, points */
	double pct;        /* fraction of the reference dimension (50% = 0.5) */
	double label_end;  /* multiple of label-end() */
	double body_start; /* multiple of body-start() */
} qr_fo_len;

double qr_fo_len_resolve(qr_fo_len len, double ref_width, double label_end,
    double body_start);
/* True if the length needs no context (no pct/label-end/body-start). */
int qr_fo_len_is_abs(qr_fo_len len);

/* A length that may be "auto" or (column-width only) proportional. */
typedef enum qr_fo_size_kind {
	QR_SIZE_AUTO = 0,
	QR_SIZE_LEN,          /* len */
	QR_SIZE_PROPORTIONAL  /* proportional-column-width(prop) + len */
} qr_fo_size_kind;
typedef struct qr_fo_size {
	qr_fo_size_kind kind;
	qr_fo_len len;
	double prop;          /* proportional-column-width() factor */
} qr_fo_size;

/* A length-range (min/opt/max), e.g. block-progression-dimension,
 * leader-length. Each component may be auto (kind QR_SIZE_AUTO). */
typedef struct qr_fo_range {
	qr_fo_size min, opt, max;
} qr_fo_range;

/* space-before/space-after, space-start/end, after 5.3.2 mapping. */
typedef struct qr_fo_space {
	qr_fo_len min, opt, max;
	int retain;        /* conditionality: 0 discard (default), 1 retain */
	int precedence;    /* INT_MAX for "force", else the integer (0 default) */
} qr_fo_space;

/* Keep strengths: 0 = auto, INT_MAX = always, else the integer. */
typedef struct qr_fo_keep {
	int within_line, within_column, within_page;
} qr_fo_keep;

typedef enum qr_fo_break {
	QR_BREAK_AUTO = 0, QR_BREAK_COLUMN, QR_BREAK_PAGE,
	QR_BREAK_EVEN_PAGE, QR_BREAK_ODD_PAGE
} qr_fo_break;

typedef enum qr_fo_border_style {
	QR_BORDER_NONE = 0, QR_BORDER_HIDDEN, QR_BORDER_SOLID, QR_BORDER_DASHED,
	QR_BORDER_DOTTED, QR_BORDER_DOUBLE, QR_BORDER_GROOVE, QR_BORDER_RIDGE,
	QR_BORDER_INSET, QR_BORDER_OUTSET
} qr_fo_border_style;

/* Sides, absolute (lr-tb: before=TOP, after=BOTTOM, start=LEFT, end=RIGHT). */
enum { QR_TOP = 0, QR_BOTTOM = 1, QR_LEFT = 2, QR_RIGHT = 3 };

typedef struct qr_fo_border {
	double width;      /* points; 0 when style is none/hidden */
	qr_fo_border_style style;
	qr_color color;    /* default: the element's color */
	int retain;        /* .conditionality retain (default discard) */
} qr_fo_border;

typedef struct qr_fo_padding {
	qr_fo_len len;     /* percentages of the containing width */
	int retain;        /* .conditionality retain (default discard) */
} qr_fo_padding;

typedef enum qr_fo_text_align {
	/* left and right are read as start and end (lr-tb), so
	 * QR_ALIGN_LEFT/RIGHT never occur in a computed value. */
	QR_ALIGN_START = 0, QR_ALIGN_CENTER, QR_ALIGN_END, QR_ALIGN_JUSTIFY,
	QR_ALIGN_INSIDE, QR_ALIGN_OUTSIDE, QR_ALIGN_LEFT, QR_ALIGN_RIGHT,
	QR_ALIGN_RELATIVE  /* text-align-last="relative" (its default) */
} qr_fo_text_align;

typedef enum qr_fo_display_align {
	QR_DISPLAY_AUTO = 0, QR_DISPLAY_BEFORE, QR_DISPLAY_CENTER, QR_DISPLAY_AFTER
} qr_fo_display_align;

typedef enum qr_fo_ws_collapse { QR_WS_COLLAPSE_TRUE = 0, QR_WS_COLLAPSE_FALSE } qr_fo_ws_collapse;
typedef enum qr_fo_ws_treatment {
	QR_WST_IGNORE_IF_SURROUNDING_LINEFEED = 0, QR_WST_IGNORE,
	QR_WST_PRESERVE, QR_WST_IGNORE_IF_BEFORE_LINEFEED,
	QR_WST_IGNORE_IF_AFTER_LINEFEED
} qr_fo_ws_treatment;
typedef enum qr_fo_lf_treatment {
	QR_LF_TREAT_AS_SPACE = 0, QR_LF_IGNORE, QR_LF_PRESERVE,
	QR_LF_TREAT_AS_ZERO_WIDTH_SPACE
} qr_fo_lf_treatment;

typedef enum qr_fo_leader_pattern {
	QR_LEADER_SPACE = 0, QR_LEADER_RULE, QR_LEADER_DOTS, QR_LEADER_USE_CONTENT
} qr_fo_leader_pattern;

enum { /* text-decoration bits */
	QR_DECO_UNDERLINE = 1, QR_DECO_OVERLINE = 2, QR_DECO_LINE_THROUGH = 4
};

typedef enum qr_fo_baseline_shift {
	QR_SHIFT_BASELINE = 0, QR_SHIFT_SUPER, QR_SHIFT_SUB, QR_SHIFT_LEN
} qr_fo_baseline_shift;

/* line-height: normal (1.2 x font-size), a number (inherited as a number,
 * multiplied by each descendant's font-size), or a length. */
typedef enum qr_fo_lh_kind { QR_LH_NORMAL = 0, QR_LH_NUMBER, QR_LH_LENGTH } qr_fo_lh_kind;

/* Inherited properties (computed). */
typedef struct qr_fo_inherited {
	const char *font_family;   /* as written: "Arial, sans-serif" */
	double font_size;          /* points (default 12) */
	int font_weight;           /* 100..900 (normal 400, bold 700) */
	int font_italic;           /* font-style italic or oblique */
	qr_color color;            /* default black */

	qr_fo_lh_kind line_height_kind;
	double line_height;        /* NUMBER: the factor; LENGTH: points */
	double line_height_pt;     /* resolved for THIS node's font-size */

	qr_fo_text_align text_align;       /* default start */
	qr_fo_text_align text_align_last;  /* default relative */
	qr_fo_len text_indent;
	qr_fo_len last_line_end_indent;
	/* Computed per 5.3.2: the distance from the containing reference
	 * area's content edge to THIS area's content edge, so the border and
	 * padding lie inside it (they sit before start_indent). */
	qr_fo_len start_indent;
	qr_fo_len end_indent;

	qr_fo_ws_collapse white_space_collapse;
	qr_fo_ws_treatment white_space_treatment;
	qr_fo_lf_treatment linefeed_treatment;
	int wrap;                  /* wrap-option: 1 wrap (default), 0 no-wrap */
	int stack_font_height;     /* line-stacking-strategy="font-height":
	                              inline content counts without its
	                              half-leading (0: max-height) */

	int hyphenate;             /* default 0 */
	const char *language;      /* "en" or NULL (none) */
	const char *country;       /* "GB" or NULL */
	unsigned hyphenation_character;   /* code point, default U+2010 */
	int hyphenation_push;      /* hyphenation-push-character-count, 2 */
	int hyphenation_remain;    /* hyphenation-remain-character-count, 2 */

	qr_fo_keep keep_together;  /* inherited per XSL 7.20.3 */
	/* inherited per XSL 7.14.4: a row's (or a column's, a body's)
	 * reaches its cells */
	qr_fo_display_align display_align;
	int widows, orphans;       /* default 2 */

	/* Text decoration is not inherited but applies to all descendant
	 * text: this is the effective set (this node's plus ancestors'). */
	unsigned text_decoration;

	qr_fo_leader_pattern leader_pattern;
	qr_fo_range leader_length;      /* default 0pt / 12pt / 100% */
	qr_fo_size leader_pattern_width;/* auto = the pattern's own width */
	int leader_alignment_page;      /* 1 when leader-alignment="page" */
	double rule_thickness;          /* default 1pt */
	qr_fo_border_style rule_style;  /* default solid */

	qr_fo_len provisional_distance_between_starts; /* 24pt */
	qr_fo_len provisional_label_separation;        /* 6pt */

	int border_collapse;            /* 1 collapse (default), 0 separate */
	double border_separation_ipd, border_separation_bpd;

	int visibility_hidden;
} qr_fo_inherited;

/* Non-inherited box properties (computed). */
typedef struct qr_fo_box {
	qr_fo_space space_before, space_after;   /* margins mapped per 5.3.2 */
	qr_fo_len space_start, space_end;        /* inline objects only */
	qr_fo_border border[4];                  /* QR_TOP..QR_RIGHT */
	qr_fo_padding padding[4];
	int has_background;
	qr_color background_color;
	qr_fo_break break_before, break_after;
	qr_fo_keep keep_with_next, keep_with_previous;
	/* width/height and the dimensions they set (lr-tb: width =
	 * inline-progression-dimension, height = block-progression-dimension) */
	qr_fo_range ipd, bpd;
	qr_fo_baseline_shift baseline_shift_kind;
	qr_fo_len baseline_shift;                /* QR_SHIFT_LEN: + raises */
	int overflow_hidden;                     /* overflow hidden/error-if.. */
	/* The absolute margins as specified (used for regions/page masters
	 * and by layout for block-containers/inline objects). */
	qr_fo_len margin[4];
} qr_fo_box;

typedef enum qr_fo_page_position {
	QR_POS_ANY = 0, QR_POS_FIRST, QR_POS_LAST, QR_POS_REST, QR_POS_ONLY
} qr_fo_page_position;
typedef enum qr_fo_odd_even { QR_OE_ANY = 0, QR_OE_ODD, QR_OE_EVEN } qr_fo_odd_even;
typedef enum qr_fo_blank { QR_BLANK_ANY = 0, QR_BLANK_BLANK, QR_BLANK_NOT_BLANK } qr_fo_blank;

typedef enum qr_fo_initial_page {
	QR_INITIAL_AUTO = 0, QR_INITIAL_AUTO_ODD, QR_INITIAL_AUTO_EVEN,
	QR_INITIAL_NUMBER
} qr_fo_initial_page;
typedef enum qr_fo_force_count {
	QR_FORCE_AUTO = 0, QR_FORCE_EVEN, QR_FORCE_ODD, QR_FORCE_END_ON_EVEN,
	QR_FORCE_END_ON_ODD, QR_FORCE_NO_FORCE
} qr_fo_force_count;

typedef enum qr_fo_retrieve_position {
	QR_RETRIEVE_FIRST_STARTING = 0, QR_RETRIEVE_FIRST_INCLUDING_CARRYOVER,
	QR_RETRIEVE_LAST_STARTING, QR_RETRIEVE_LAST_ENDING
} qr_fo_retrieve_position;
typedef enum qr_fo_retrieve_boundary {
	QR_BOUNDARY_PAGE_SEQUENCE = 0, QR_BOUNDARY_PAGE, QR_BOUNDARY_DOCUMENT
} qr_fo_retrieve_boundary;

typedef struct qr_fo qr_fo;

/* Object-specific properties: only the fields of the node's type mean
 * anything; the rest keep their defaults. */
typedef struct qr_fo_obj {
	/* any object */
	const char *unknown_name;  /* FO_UNKNOWN: "ns-prefix:local" as written */

	/* simple-page-master, regions */
	const char *master_name;   /* simple-page-master, page-sequence-master */
	double page_width, page_height;  /* points; "auto"/"indefinite" give
	                                    FOP's default 8.26in x 11.69in */
	double extent;             /* region-before/after/start/end */
	int precedence;            /* region-before/after: 1 = true */
	const char *region_name;   /* region-*: xsl-region-body etc. */
	int column_count;          /* region-body, default 1 */
	double column_gap;

	/* page-sequence-master children */
	const char *master_reference;  /* also page-sequence */
	int maximum_repeats;           /* -1 = no-limit */
	qr_fo_page_position page_position;
	qr_fo_odd_even odd_or_even;
	qr_fo_blank blank_or_not_blank;

	/* page-sequence */
	qr_fo_initial_page initial_page_kind;
	int initial_page_number;
	qr_fo_force_count force_page_count;
	const char *format;        /* default "1" */
	const char *grouping_separator;
	int grouping_size;

	/* static-content, flow */
	const char *flow_name;

	/* links, citations, bookmarks */
	const char *internal_destination;
	const char *external_destination;  /* url(...) unwrapped */
	const char *ref_id;
	int starting_state_show;           /* bookmark: 1 show (default) */

	/* external-graphic */
	const char *src;                   /* url(...) unwrapped, as written */
	qr_fo_size content_width, content_height; /* auto / len (pct of
	                                             intrinsic: pct field) */
	int scale_to_fit_width, scale_to_fit_height; /* content-*="scale-to-fit" */
	int scaling_non_uniform;

	/* character */
	const char *character;             /* UTF-8 of the one character */

	/* table, columns, cells */
	int table_layout_fixed;
	qr_fo_size column_width;           /* table-column */
	int number_columns_repeated;       /* default 1 */
	int column_number;                 /* 0 = not specified */
	int number_columns_spanned;        /* default 1 */
	int number_rows_spanned;           /* default 1 */
	int ends_row, starts_row;
	int table_omit_header_at_break;
	int table_omit_footer_at_break;
	int empty_cells_hide;

	/* marker, retrieve-marker */
	const char *marker_class_name;
	const char *retrieve_class_name;
	qr_fo_retrieve_position retrieve_position;
	qr_fo_retrieve_boundary retrieve_boundary;
} qr_fo_obj;

struct qr_fo {
	qr_fo_type type;
	qr_fo *parent, *first_child, *last_child, *next, *prev;
	const char *file;          /* source file (shared string) */
	int line;                  /* source line, 1-based (0 unknown) */
	const char *id;            /* the id property or NULL */
	const char *text;          /* FO_TEXT: raw UTF-8, NUL-terminated */
	size_t text_len;
	const qr_fo_inherited *inh;
	const qr_fo_box *box;
	const qr_fo_obj *obj;
	/* FO_UNKNOWN and FO_WRAPPER: 1 when its content is block-level
	 * (it sits in a block context and has block children), else inline.
	 * FO_INLINE and FO_BASIC_LINK: 1 when it holds blocks and nothing
	 * inline (laid out as a block). */
	int blocklike;
	/* A piece of an fo:inline (or fo:basic-link, or fo:wrapper) that
	 * mixes inline content with block-level objects in a block:
	 * fo_read.c replaces such an inline by pieces, copies of it
	 * holding in turn a run of its inline content (set as lines with the
	 * text around) and one of its blocks (blocklike), so the blocks are
	 * stacked between lines (XSL 1.1 6.6.7; FOP does the same). piece_of
	 * is the inline itself, out of the tree, holding only its fo:marker
	 * children; piece_first/piece_last mark its first and last piece
	 * (their markers' page events, and its keep-together, start and end
	 * there). Every piece carries the inline's id (a link's pieces its
	 * destination). Retrieved marker content is split the same way when
	 * it is copied (qr_fo_marker_restyle). NULL/0 elsewhere. */
	const qr_fo *piece_of;
	unsigned char piece_first, piece_last;
	/* resolved links (filled by the reader after the whole tree is read):
	 * page-sequence: its page master (simple-page-master or
	 * page-sequence-master) and its flow; simple-page-master: its regions;
	 * page-sequence-master children: their master. */
	const qr_fo *master;
	const qr_fo *flow;
	const qr_fo *region[5];    /* simple-page-master: indexed by qr_fo_region */
	/* Inside fo:marker: the specified attributes as name/value pairs
	 * (internal, for qr_fo_marker_restyle); NULL elsewhere. */
	const char *const *spec;
};

typedef enum qr_fo_region {
	QR_REGION_BODY = 0, QR_REGION_BEFORE, QR_REGION_AFTER,
	QR_REGION_START, QR_REGION_END
} qr_fo_region;

typedef struct qr_fo_doc qr_fo_doc;

/* Read a parsed FO document. file names the source in diagnostics (it is
 * copied). Structural errors and bad essential values are reported as
 * QD_FO_* errors and the result is NULL; warnings leave a usable tree.
 * Free with qr_fo_doc_free(). doc is not kept: the caller may free it. */
qr_fo_doc *qr_fo_read(quire *q, xmlDocPtr doc, const char *file);
/* Parse (safely) and read an FO file; NULL on any parse or FO error. */
qr_fo_doc *qr_fo_read_file(quire *q, const char *path);
/* The same for FO in memory; name is used in diagnostics and as the base
 * for relative image paths (may be NULL). */
qr_fo_doc *qr_fo_read_memory(quire *q, const char *buf, size_t len,
    const char *name);
void qr_fo_doc_free(qr_fo_doc *d);

/* The fo:root node. */
const qr_fo *qr_fo_root(const qr_fo_doc *d);
/* The source file name given to the reader (base for relative src). */
const char *qr_fo_file(const qr_fo_doc *d);
/* The arena owning the tree (layout may allocate alongside it). */
qr_arena *qr_fo_arena(qr_fo_doc *d);
/* The node with this id, or NULL; a hash lookup. */
const qr_fo *qr_fo_find_id(const qr_fo_doc *d, const char *id);
/* The simple-page-master or page-sequence-master with this name, or NULL. */
const qr_fo *qr_fo_find_master(const qr_fo_doc *d, const char *name);

/* Iteration over page-sequences (in document order): first then next. */
const qr_fo *qr_fo_first_page_sequence(const qr_fo_doc *d);
const qr_fo *qr_fo_next_page_sequence(const qr_fo *seq);
/* The first child of n with type t (or NULL); next sibling of type t. */
const qr_fo *qr_fo_child(const qr_fo *n, qr_fo_type t);
const qr_fo *qr_fo_next_of(const qr_fo *n, qr_fo_type t);
/* Depth-first pre-order successor of n within the subtree of top
 * (NULL at the end); skip_children to jump over n's subtree. */
const qr_fo *qr_fo_next_preorder(const qr_fo *n, const qr_fo *top,
    int skip_children);
/* fo:bookmark-tree of the root, or NULL. */
const qr_fo *qr_fo_bookmark_tree(const qr_fo_doc *d);

/* Page master selection for page index (0-based within the sequence),
 * per XSL 6.4.7-6.4.13: the simple-page-master to use. is_first/is_last/
 * is_odd/is_blank describe the page (is_odd from the page NUMBER).
 * Repeatable references count pages consumed from page 0; when the
 * sequence master is exhausted the last sub-sequence repeats (layout may
 * warn: see qr_fo_masters_exhausted). page-position="rest" means "not the
 * first page" (as FOP reads it); when no conditional alternative
 * qualifies, the first alternative is used. Never NULL for a tree the
 * reader accepted. */
const qr_fo *qr_fo_select_master(const qr_fo *seq, int page_index,
    int is_first, int is_last, int is_odd, int is_blank);
/* 1 if page_index lies beyond what the page-sequence-master provides. */
int qr_fo_masters_exhausted(const qr_fo *seq, int page_index);
/* 1 if the page-sequence's choice can depend on is_last (so layout must
 * re-check the last page); 0 if not. */
int qr_fo_master_uses_last(const qr_fo *seq);

/* Page geometry of a simple-page-master in page coordinates (points,
 * origin top-left, y down). */
typedef struct qr_fo_rect { double x, y, w, h; } qr_fo_rect;
double qr_fo_page_width(const qr_fo *spm);
double qr_fo_page_height(const qr_fo *spm);
/* The content rectangle (page minus the page master's margins). */
qr_fo_rect qr_fo_content_rect(const qr_fo *spm);
/* The region-body rectangle: content rectangle minus region-body margins
 * (region extents do NOT shrink the body, as in XSL). */
qr_fo_rect qr_fo_body_rect(const qr_fo *spm);
/* The rectangle of region r (before/after/start/end) per extent and
 * precedence; w or h 0 when the master has no such region. */
qr_fo_rect qr_fo_region_rect(const qr_fo *spm, qr_fo_region r);

/* The static-content of seq with this flow-name (e.g. "xsl-region-before"
 * or a region's region-name), or NULL. */
const qr_fo *qr_fo_static_content(const qr_fo *seq, const char *flow_name);
/* The static-content that paints region r of spm (by its region-name,
 * defaulting to xsl-region-*), or NULL. */
const qr_fo *qr_fo_region_content(const qr_fo *seq, const qr_fo *spm,
    qr_fo_region r);

/* Markers: the fo:marker children of a node (they are its first
 * children, per XSL), iterate with qr_fo_next_of(m, FO_MARKER). */
const qr_fo *qr_fo_first_marker(const qr_fo *n);

/* The content of marker as retrieved by the fo:retrieve-marker rm: a copy
 * of the marker (type FO_MARKER, parent rm, not linked into rm's
 * children) whose descendants' properties are recomputed as if they were
 * children of rm, as XSL 6.11.4 says (the font and colour of a running
 * header come from the header, not from the flow the marker sat in).
 * Made once per (marker, rm) pair and kept in the document's arena; ids
 * are the originals' (not registered again). NULL when out of memory.
 * It allocates in the document, so call it from one thread at a time;
 * everything else here only reads the tree. */
const qr_fo *qr_fo_marker_restyle(qr_fo_doc *d, const qr_fo *marker,
    const qr_fo *rm);

/* n is layout's copy (in arena a) of an inline-level FO whose children
 * are copies too (retrieved marker content spliced into an fo:inline of
 * static content): when it now mixes text with block-level objects, it is
 * split into its pieces as the reader splits such an inline (fo.h
 * piece_of, allocated in a, its children moved into them) and the first
 * piece is returned, the others chained by next, parent unset. NULL when
 * it does not mix (n unchanged), or out of memory (*failed set). */
qr_fo *qr_fo_split_copy(qr_arena *a, qr_fo *n, int *failed);

/* Write a debug text dump of the subtree at n (type, line, id and the
 * properties that differ from their defaults, text quoted) to fp. */
void qr_fo_dump(const qr_fo *n, FILE *fp);

#endif
