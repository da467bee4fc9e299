/* area.h: the area tree, layout's output and the PDF writer's input:
 * pages of absolutely positioned glyph runs, lines, rectangles, images,
 * link rectangles and named destinations, plus the outline (bookmarks).
 * Plain data: the writer walks it and decides nothing. All memory belongs
 * to the tree's arena and is freed by qr_area_tree_free().
 *
 * Coordinates are in points with the origin at the TOP-LEFT corner of the
 * page and y growing downwards (the writer flips them for PDF). */
#ifndef QR_AREA_H
#define QR_AREA_H

#include <stdio.h>

#include "arena.h"

typedef struct qr_font qr_font; /* font.h */

typedef struct qr_color {
	float r, g, b; /* 0..1 */
} qr_color;

typedef enum qr_area_kind {
	QR_AREA_TEXT,  /* a run of glyphs in one font, size and colour */
	QR_AREA_FILL,  /* a filled rectangle (backgrounds, solid rules) */
	QR_AREA_LINE,  /* a stroked line (borders, leaders, decorations) */
	QR_AREA_IMAGE, /* a raster image scaled into its rectangle */
	QR_AREA_LINK,  /* a link annotation rectangle, drawn invisibly */
	QR_AREA_CLIP,  /* what follows is clipped to the rectangle ... */
	QR_AREA_UNCLIP /* ... up to here (pairs nest) */
} qr_area_kind;

typedef enum qr_line_style {
	QR_LINE_SOLID, QR_LINE_DASHED, QR_LINE_DOTTED, QR_LINE_DOUBLE
} qr_line_style;

/* The page region an area was painted in, for the dump and checks: the
 * region-body (flow, footnotes) or one of the four outer regions (static
 * content). NONE only for areas painted outside any region. */
typedef enum qr_area_region {
	QR_AREA_IN_NONE = 0, QR_AREA_IN_BODY, QR_AREA_IN_BEFORE,
	QR_AREA_IN_AFTER, QR_AREA_IN_START, QR_AREA_IN_END,
	QR_AREA_IN_COUNT
} qr_area_region;

typedef struct qr_area {
	qr_area_kind kind;
	qr_area_region region; /* set by qr_area_add() from the tree's */
	/* TEXT: x is the start of the baseline, y the baseline, w the
	 * advance width of the run as layout measured it, h the font size.
	 * FILL, IMAGE, LINK, CLIP: the rectangle's top-left corner and
	 * size (UNCLIP: zero).
	 * LINE: from (x, y) to (x + w, y + h), h == 0 or w == 0. */
	double x, y, w, h;
	union {
		struct {
			qr_font *font;
			double size;
			qr_color color;
			const char *utf8; /* not NUL-terminated; len bytes */
			size_t len;
			/* Extra space added after each U+0020 in the run, in
			 * points, for justified lines. */
			double word_spacing;
		} text;
		struct {
			qr_color color;
		} fill;
		struct {
			qr_color color;
			double thickness;
			qr_line_style style;
		} line;
		struct {
			const char *path; /* resolved file path */
		} image;
		struct {
			const char *uri;   /* external, or NULL */
			int dest_page;     /* internal: 0-based page index */
			double dest_x, dest_y;
		} link;
	} u;
} qr_area;

/* A region's rectangle on a page (top-left origin, as areas); the
 * content rectangle its content is set in. */
typedef struct qr_page_region {
	int present; /* the page master has this region */
	double x, y, w, h;
} qr_page_region;

typedef struct qr_page {
	double width, height;
	int number;        /* the folio as numbered by page-sequence */
	const char *label; /* the folio as formatted ("iv", "12") */
	qr_page_region regions[QR_AREA_IN_COUNT]; /* [QR_AREA_IN_NONE] unused */
	qr_area *areas;
	size_t nareas, cap;
} qr_page;

typedef struct qr_outline {
	const char *title; /* UTF-8 */
	int page;          /* 0-based page index, -1 when unresolved */
	double x, y;       /* destination on that page */
	int open;          /* starting-state show */
	struct qr_outline *first, *last, *next;
} qr_outline;

typedef struct qr_area_tree {
	qr_arena *arena;
	qr_page **pages;
	size_t npages, cap;
	qr_outline outline; /* a root whose children are the bookmarks */
	qr_area_region region; /* where qr_area_add() says areas go now */
} qr_area_tree;

/* A new empty tree with its own arena; NULL when out of memory. */
qr_area_tree *qr_area_tree_new(void);
void qr_area_tree_free(qr_area_tree *t);
/* Append a page; NULL when out of memory. */
qr_page *qr_area_page_add(qr_area_tree *t, double width, double height);
/* Append an area to a page, zeroed but for kind and region (the tree's
 * current one); the pointer is valid until the next qr_area_add() on the
 * same page. */
qr_area *qr_area_add(qr_area_tree *t, qr_page *p, qr_area_kind kind);
/* Append a bookmark under parent (NULL for the top level). */
qr_outline *qr_area_outline_add(qr_area_tree *t, qr_outline *parent,
    const char *title, int page, double x, double y, int open);
/* Set a page's region rectangle (region is not QR_AREA_IN_NONE). */
void qr_area_page_region(qr_page *p, qr_area_region region, double x,
    double y, double w, double h);
/* The text dump behind `quire render --dump-areas`: one line per page,
 * area and bookmark, numbers in points with two decimals, locale-free.
 * After each page's line, one " region NAME x y w h" line per region of
 * its master; before a page's areas and wherever the region they were
 * painted in changes, a " in NAME" line (NAME: body, before, after,
 * start, end, or none). */
void qr_area_dump(const qr_area_tree *t, FILE *fp);

#endif
