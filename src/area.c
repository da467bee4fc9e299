/* area.c: building the area tree and dumping it as text. */
#include <stdlib.h>
#include <string.h>

#include "area.h"
#include "font.h"

qr_area_tree *
qr_area_tree_new(void)
{
	qr_area_tree *t = calloc(1, sizeof *t);

	if (t == NULL)
		return NULL;
	t->arena = qr_arena_new();
	if (t->arena == NULL) {
		free(t);
		return NULL;
	}
	t->outline.page = -1;
	return t;
}

void
qr_area_tree_free(qr_area_tree *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->npages; i++)
		free(t->pages[i]->areas);
	free(t->pages);
	qr_arena_free(t->arena);
	free(t);
}

qr_page *
qr_area_page_add(qr_area_tree *t, double width, double height)
{
	qr_page *p;

	if (t->npages == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		qr_page **np = realloc(t->pages, cap * sizeof *np);

		if (np == NULL)
			return NULL;
		t->pages = np;
		t->cap = cap;
	}
	p = qr_arena_alloc(t->arena, sizeof *p);
	if (p == NULL)
		return NULL;
	p->width = width;
	p->height = height;
	p->number = (int)t->npages + 1;
	t->pages[t->npages++] = p;
	return p;
}

qr_area *
qr_area_add(qr_area_tree *t, qr_page *p, qr_area_kind kind)
{
	qr_area *a;

	/* Areas live in a growable array per page, not the arena: a page
	 * holds thousands of glyph runs and the array is walked in order. */
	if (p->nareas == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		qr_area *na = realloc(p->areas, cap * sizeof *na);

		if (na == NULL)
			return NULL;
		p->areas = na;
		p->cap = cap;
	}
	a = &p->areas[p->nareas++];
	memset(a, 0, sizeof *a);
	a->kind = kind;
	a->region = t->region;
	return a;
}

void
qr_area_page_region(qr_page *p, qr_area_region region, double x, double y,
    double w, double h)
{
	qr_page_region *r;

	if (region <= QR_AREA_IN_NONE || region >= QR_AREA_IN_COUNT)
		return;
	r = &p->regions[region];
	r->present = 1;
	r->x = x;
	r->y = y;
	r->w = w;
	r->h = h;
}

qr_outline *
qr_area_outline_add(qr_area_tree *t, qr_outline *parent, const char *title,
    int page, double x, double y, int open)
{
	qr_outline *o = qr_arena_alloc(t->arena, sizeof *o);

	if (o == NULL)
		return NULL;
	if (parent == NULL)
		parent = &t->outline;
	o->title = qr_arena_strdup(t->arena, title != NULL ? title : "");
	o->page = page;
	o->x = x;
	o->y = y;
	o->open = open;
	if (parent->last != NULL)
		parent->last->next = o;
	else
		parent->first = o;
	parent->last = o;
	return o;
}

/* Numbers with two decimals without the C locale: "12.30", "-0.50". */
static void
put_num(FILE *fp, double v)
{
	long long c = (long long)(v * 100.0 + (v < 0 ? -0.5 : 0.5));

	if (c < 0) {
		fputc('-', fp);
		c = -c;
	}
	fprintf(fp, "%lld.%02lld", c / 100, c % 100);
}

/* " x X y Y w W h H", the box every dump line gives. */
static void
put_box(FILE *fp, double x, double y, double w, double h)
{
	fputs(" x ", fp);
	put_num(fp, x);
	fputs(" y ", fp);
	put_num(fp, y);
	fputs(" w ", fp);
	put_num(fp, w);
	fputs(" h ", fp);
	put_num(fp, h);
}

static void
put_color(FILE *fp, qr_color c)
{
	fprintf(fp, "#%02x%02x%02x", (int)(c.r * 255 + 0.5),
	    (int)(c.g * 255 + 0.5), (int)(c.b * 255 + 0.5));
}

static void
put_text(FILE *fp, const char *s, size_t n)
{
	size_t i;

	fputc('"', fp);
	for (i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			fputc('\\', fp);
		fputc(s[i], fp);
	}
	fputc('"', fp);
}

static void
dump_outline(FILE *fp, const qr_outline *o, int depth)
{
	for (; o != NULL; o = o->next) {
		fprintf(fp, "bookmark %d page %d y ", depth, o->page + 1);
		put_num(fp, o->y);
		fputc(' ', fp);
		put_text(fp, o->title, strlen(o->title));
		fputc('\n', fp);
		dump_outline(fp, o->first, depth + 1);
	}
}

static const char *const kindname[] = {"text", "fill", "line", "image", "link",
    "clip", "unclip"};
static const char *const stylename[] = {"solid", "dashed", "dotted", "double"};
static const char *const regionname[] = {"none", "body", "before", "after",
    "start", "end"};

void
qr_area_dump(const qr_area_tree *t, FILE *fp)
{
	size_t i, j;
	int k;

	for (i = 0; i < t->npages; i++) {
		const qr_page *p = t->pages[i];
		qr_area_region in = QR_AREA_IN_COUNT;

		fprintf(fp, "page %zu folio %s w ", i + 1,
		    p->label != NULL ? p->label : "?");
		put_num(fp, p->width);
		fputs(" h ", fp);
		put_num(fp, p->height);
		fputc('\n', fp);
		for (k = QR_AREA_IN_BODY; k < QR_AREA_IN_COUNT; k++) {
			const qr_page_region *r = &p->regions[k];

			if (!r->present)
				continue;
			fprintf(fp, " region %s", regionname[k]);
			put_box(fp, r->x, r->y, r->w, r->h);
			fputc('\n', fp);
		}
		for (j = 0; j < p->nareas; j++) {
			const qr_area *a = &p->areas[j];

			if (a->region != in) {
				in = a->region;
				fprintf(fp, " in %s\n", regionname[in]);
			}
			fprintf(fp, "  %s", kindname[a->kind]);
			put_box(fp, a->x, a->y, a->w, a->h);
			switch (a->kind) {
			case QR_AREA_TEXT:
				fprintf(fp, " font %s size ",
				    qr_font_name(a->u.text.font));
				put_num(fp, a->u.text.size);
				fputc(' ', fp);
				put_color(fp, a->u.text.color);
				if (a->u.text.word_spacing != 0) {
					fputs(" ws ", fp);
					put_num(fp, a->u.text.word_spacing);
				}
				fputc(' ', fp);
				put_text(fp, a->u.text.utf8, a->u.text.len);
				break;
			case QR_AREA_FILL:
				fputc(' ', fp);
				put_color(fp, a->u.fill.color);
				break;
			case QR_AREA_LINE:
				fprintf(fp, " %s ", stylename[a->u.line.style]);
				put_num(fp, a->u.line.thickness);
				fputc(' ', fp);
				put_color(fp, a->u.line.color);
				break;
			case QR_AREA_IMAGE:
				fputc(' ', fp);
				put_text(fp, a->u.image.path,
				    strlen(a->u.image.path));
				break;
			case QR_AREA_LINK:
				if (a->u.link.uri != NULL) {
					fputs(" uri ", fp);
					put_text(fp, a->u.link.uri,
					    strlen(a->u.link.uri));
				} else {
					fprintf(fp, " to page %d y ",
					    a->u.link.dest_page + 1);
					put_num(fp, a->u.link.dest_y);
				}
				break;
			case QR_AREA_CLIP:
			case QR_AREA_UNCLIP:
				break;
			}
			fputc('\n', fp);
		}
	}
	dump_outline(fp, t->outline.first, 0);
}
