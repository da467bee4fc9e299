/* test_fo.c: the FO tree reader: computed properties (inheritance,
 * shorthands, 5.3.2 indents, expressions, units, colours), structure
 * errors with their lines, master selection and page geometry. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fo.h"
#include "fo_int.h"

#define NS "xmlns:fo=\"http://www.w3.org/1999/XSL/Format\""
#define LMS \
	"<fo:layout-master-set>" \
	"<fo:simple-page-master master-name=\"p\" page-width=\"210mm\" " \
	"page-height=\"297mm\" margin=\"10mm 20mm 30mm 40mm\">" \
	"<fo:region-body margin-top=\"1in\" margin-bottom=\"36pt\"/>" \
	"<fo:region-before extent=\"50pt\"/><fo:region-after extent=\"20pt\"/>" \
	"<fo:region-start extent=\"30pt\"/>" \
	"</fo:simple-page-master></fo:layout-master-set>\n"

static char diags[8192];
static int nerr, nwarn;

static void
capture(const quire_diagnostic *d, void *user)
{
	size_t n = strlen(diags);
	(void)user;
	snprintf(diags + n, sizeof diags - n, "%d:%s:%s\n", d->line, d->code,
	    d->message);
	if (d->severity == QUIRE_ERROR)
		nerr++;
	else if (d->severity == QUIRE_WARNING)
		nwarn++;
}

static quire *q;

static void
setup(void)
{
	q = quire_new();
	quire_set_diagnostic_handler(q, capture, NULL);
	diags[0] = '\0';
	nerr = nwarn = 0;
}

static void
teardown(void)
{
	quire_free(q);
}

static qr_fo_doc *
read_fo(const char *s)
{
	return qr_fo_read_memory(q, s, strlen(s), "t.fo");
}

/* A document whose flow holds body. */
static qr_fo_doc *
read_flow(const char *body)
{
	static char buf[16384];
	snprintf(buf, sizeof buf, "<fo:root " NS ">" LMS
	    "<fo:page-sequence master-reference=\"p\">"
	    "<fo:flow flow-name=\"xsl-region-body\">\n%s\n</fo:flow>"
	    "</fo:page-sequence></fo:root>", body);
	return read_fo(buf);
}

static const qr_fo *
byid(qr_fo_doc *d, const char *id)
{
	const qr_fo *n = qr_fo_find_id(d, id);
	ck_assert_msg(n != NULL, "no node with id %s", id);
	return n;
}

#define near(a, b) ck_assert_msg(fabs((a) - (b)) < 1e-6, \
	"%s = %.6f, expected %.6f", #a, (double)(a), (double)(b))

START_TEST(inheritance)
{
	qr_fo_doc *d = read_flow(
	    "<fo:block id=\"a\" font-size=\"10pt\" color=\"red\" "
	    "space-before=\"5pt\" font-family=\"Times\" font-weight=\"bold\">"
	    "<fo:block id=\"b\" font-style=\"italic\">x<fo:inline id=\"c\" "
	    "font-size=\"200%\">y</fo:inline></fo:block></fo:block>");
	const qr_fo *a, *b, *c;
	ck_assert_ptr_nonnull(d);
	a = byid(d, "a");
	b = byid(d, "b");
	c = byid(d, "c");
	near(a->inh->font_size, 10);
	near(b->inh->font_size, 10);
	near(c->inh->font_size, 20);
	ck_assert_str_eq(b->inh->font_family, "Times");
	ck_assert_int_eq(b->inh->font_weight, 700);
	ck_assert_int_eq(b->inh->font_italic, 1);
	ck_assert_int_eq(a->inh->font_italic, 0);
	near(b->inh->color.r, 1);
	near(b->inh->color.g, 0);
	/* space-before is not inherited */
	near(a->box->space_before.opt.pt, 5);
	near(b->box->space_before.opt.pt, 0);
	/* text shares its parent's groups */
	ck_assert_int_eq(b->first_child->type, FO_TEXT);
	ck_assert_str_eq(b->first_child->text, "x");
	ck_assert_ptr_eq(b->first_child->inh, b->inh);
	/* an element with no inherited property shares its parent's group */
	ck_assert_ptr_eq(c->first_child->inh, c->inh);
	ck_assert_ptr_eq(c->parent, b);
	ck_assert_ptr_eq(b->last_child, c);
	ck_assert_ptr_eq(c->prev, b->first_child);
	ck_assert_int_eq(nerr + nwarn, 0);
	qr_fo_doc_free(d);
}
END_TEST

START_TEST(margins_to_indents)
{
	qr_fo_doc *d = read_flow(
	    "<fo:block id=\"o\" start-indent=\"10pt\" end-indent=\"4pt\">"
	    "<fo:block id=\"m\" margin-left=\"20pt\" margin-right=\"1cm\" "
	    "border-left=\"2pt solid\" padding-left=\"3pt\" margin-top=\"7pt\">"
	    "<fo:block id=\"i\">x</fo:block>"
	    "<fo:block id=\"s\" start-indent=\"1pt\" margin-left=\"50pt\"/>"
	    "<fo:block-container id=\"bc\" margin-left=\"6pt\">"
	    "<fo:block>y</fo:block></fo:block-container>"
	    "</fo:block></fo:block>");
	const qr_fo *m, *i, *s, *bc;
	ck_assert_ptr_nonnull(d);
	m = byid(d, "m");
	/* inherited 10 + margin 20 + border 2 + padding 3 */
	near(m->inh->start_indent.pt, 35);
	near(m->inh->end_indent.pt, 4 + 72 / 2.54);
	/* margin-top gives space-before, all three components */
	near(m->box->space_before.min.pt, 7);
	near(m->box->space_before.opt.pt, 7);
	near(m->box->space_before.max.pt, 7);
	/* and it is not conditional (5.3.2): kept at the top of a page */
	ck_assert_int_eq(m->box->space_before.retain, 1);
	ck_assert_int_eq(m->box->space_before.precedence, 0);
	ck_assert_int_eq(m->box->space_after.retain, 0);
	i = byid(d, "i");
	near(i->inh->start_indent.pt, 35);
	/* a specified margin wins over a specified start-indent (FOP) */
	s = byid(d, "s");
	near(s->inh->start_indent.pt, 85);
	/* a reference area: the margin alone, not the inherited indent */
	bc = byid(d, "bc");
	near(bc->inh->start_indent.pt, 6);
	qr_fo_doc_free(d);
}
END_TEST

START_TEST(shorthands)
{
	qr_fo_doc *d = read_flow(
	    "<fo:block id=\"a\" border=\"1pt solid blue\" "
	    "border-top-color=\"red\" border-before-width=\"3pt\" "
	    "border-top-width=\"9pt\" padding=\"1pt 2pt\" "
	    "padding-start=\"5pt\" padding-after.conditionality=\"retain\"/>"
	    "<fo:block id=\"b\" border-width=\"1pt 2pt 3pt 4pt\" "
	    "border-style=\"solid dashed\" border-color=\"#00ff00\" "
	    "margin=\"1pt 2pt 3pt\"/>"
	    "<fo:block id=\"c\" border-bottom-style=\"dotted\" color=\"red\" "
	    "space-after.optimum=\"4pt\" space-after.maximum=\"8pt\" "
	    "space-after.precedence=\"force\"/>"
	    "<fo:block id=\"e\" border-start-style=\"double\" "
	    "border-start-width.conditionality=\"retain\"/>"
	    "<fo:block border=\"2pt solid blue\" border-left-width=\"3pt\">"
	    "<fo:block id=\"f\" border=\"inherit\"/>"
	    "<fo:block id=\"g\" border-top=\"inherit\" "
	    "border-bottom=\"1pt dotted red\"/></fo:block>");
	const qr_fo *a, *b, *c, *e, *f, *g;
	ck_assert_ptr_nonnull(d);
	a = byid(d, "a");
	/* the absolute name wins over its relative twin (FOP) */
	near(a->box->border[QR_TOP].width, 9);
	near(a->box->border[QR_TOP].color.r, 1);
	near(a->box->border[QR_TOP].color.b, 0);
	near(a->box->border[QR_LEFT].color.b, 1);
	ck_assert_int_eq(a->box->border[QR_BOTTOM].style, QR_BORDER_SOLID);
	near(a->box->border[QR_BOTTOM].width, 1);
	near(a->box->padding[QR_TOP].len.pt, 1);
	near(a->box->padding[QR_RIGHT].len.pt, 2);
	near(a->box->padding[QR_LEFT].len.pt, 5);
	ck_assert_int_eq(a->box->padding[QR_BOTTOM].retain, 1);
	b = byid(d, "b");
	near(b->box->border[QR_TOP].width, 1);
	near(b->box->border[QR_RIGHT].width, 2);
	near(b->box->border[QR_BOTTOM].width, 3);
	near(b->box->border[QR_LEFT].width, 4);
	ck_assert_int_eq(b->box->border[QR_TOP].style, QR_BORDER_SOLID);
	ck_assert_int_eq(b->box->border[QR_LEFT].style, QR_BORDER_DASHED);
	ck_assert_int_eq(b->box->border[QR_RIGHT].style, QR_BORDER_DASHED);
	near(b->box->border[QR_LEFT].color.g, 1);
	near(b->box->margin[QR_LEFT].pt, 2);
	near(b->box->margin[QR_BOTTOM].pt, 3);
	near(b->box->space_after.opt.pt, 3);
	c = byid(d, "c");
	/* a style without a width is medium; colour follows color */
	near(c->box->border[QR_BOTTOM].width, 1);
	near(c->box->border[QR_BOTTOM].color.r, 1);
	near(c->box->border[QR_TOP].width, 0);
	near(c->box->space_after.opt.pt, 4);
	near(c->box->space_after.max.pt, 8);
	near(c->box->space_after.min.pt, 0);
	ck_assert_int_eq(c->box->space_after.precedence, INT_MAX);
	e = byid(d, "e");
	ck_assert_int_eq(e->box->border[QR_LEFT].style, QR_BORDER_DOUBLE);
	ck_assert_int_eq(e->box->border[QR_LEFT].retain, 1);
	/* border="inherit": each side the parent's computed border */
	f = byid(d, "f");
	near(f->box->border[QR_TOP].width, 2);
	near(f->box->border[QR_LEFT].width, 3);
	near(f->box->border[QR_BOTTOM].color.b, 1);
	ck_assert_int_eq(f->box->border[QR_RIGHT].style, QR_BORDER_SOLID);
	g = byid(d, "g");
	near(g->box->border[QR_TOP].width, 2);
	ck_assert_int_eq(g->box->border[QR_TOP].style, QR_BORDER_SOLID);
	ck_assert_int_eq(g->box->border[QR_BOTTOM].style, QR_BORDER_DOTTED);
	near(g->box->border[QR_LEFT].width, 0);
	ck_assert_int_eq(nerr + nwarn, 0);
	qr_fo_doc_free(d);
}
END_TEST

static qr_ev
ev(const char *s, double fs)
{
	qr_ev_ctx c;
	memset(&c, 0, sizeof c);
	c.font_size = fs;
	c.pct_base = -1;
	return qr_fo_eval(&c, s, s + strlen(s));
}

/* The edit distance behind "did you mean" for misspelt names. */
START_TEST(misspelt_names)
{
	ck_assert_int_eq(qr_fo_distance("font-weight", "font-weight", 2), 0);
	ck_assert_int_eq(qr_fo_distance("colour", "color", 2), 1);
	/* Two neighbours swapped count once. */
	ck_assert_int_eq(qr_fo_distance("font-wieght", "font-weight", 2), 1);
	ck_assert_int_eq(qr_fo_distance("fontsize", "font-size", 2), 1);
	ck_assert_int_eq(qr_fo_distance("wdth", "width", 2), 1);
	ck_assert_int_eq(qr_fo_distance("start-indnet", "start-indent", 2), 1);
	/* Beyond max: max + 1, whatever the real distance. */
	ck_assert_int_eq(qr_fo_distance("frobnicate", "font-size", 2), 3);
	ck_assert_int_eq(qr_fo_distance("x", "text-align", 2), 3);
	ck_assert_int_eq(qr_fo_distance("", "ab", 2), 2);
	ck_assert_int_eq(qr_fo_distance("abc", "", 1), 2);
}
END_TEST

START_TEST(units)
{
	struct { const char *s; double pt; } t[] = {
		{"12pt", 12}, {"1pc", 12}, {"25.4mm", 72}, {"2.54cm", 72},
		{"1in", 72}, {"96px", 72}, {"2em", 20}, {"0.5in", 36},
		{"-3pt", -3}, {"+4pt", 4}, {".5pt", 0.5}, {"1000mpt", 1},
	};
	size_t i;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		qr_ev v = ev(t[i].s, 10);
		ck_assert_msg(v.kind == EV_LEN, "%s not a length", t[i].s);
		ck_assert_msg(fabs(v.len.pt - t[i].pt) < 1e-9, "%s = %f",
		    t[i].s, v.len.pt);
	}
	ck_assert_int_eq(ev("12qq", 10).kind, EV_ERR);
	ck_assert_int_eq(ev("1.2.3pt", 10).kind, EV_ERR);
	ck_assert_int_eq(ev(".pt", 10).kind, EV_ERR);
	near(ev("0.125", 10).num, 0.125);
	near(ev("007.50mm", 10).len.pt, 7.5 * 72 / 25.4);
	ck_assert_int_eq(ev("12pt 3pt", 10).kind, EV_ERR);
	ck_assert_int_eq(ev("", 10).kind, EV_ERR);
	ck_assert_int_eq(ev("3", 10).kind, EV_NUM);
}
END_TEST

START_TEST(expressions)
{
	qr_ev v;
	v = ev("2pt + 3pt * 2", 12);
	ck_assert_int_eq(v.kind, EV_LEN);
	near(v.len.pt, 8);
	v = ev("(1in - 2pt) div 2", 12);
	near(v.len.pt, 35);
	v = ev("(1in - 2pt) / 2 + 1em", 12);
	near(v.len.pt, 47);
	v = ev("10% + 5pt", 12);
	near(v.len.pt, 5);
	near(v.len.pct, 0.1);
	v = ev("label-end() + 6pt", 12);
	near(v.len.label_end, 1);
	near(v.len.pt, 6);
	v = ev("body-start() - 2 * (3pt)", 12);
	near(v.len.body_start, 1);
	near(v.len.pt, -6);
	near(qr_fo_len_resolve(v.len, 100, 7, 50), 44);
	v = ev("proportional-column-width(3)", 12);
	ck_assert_int_eq(v.kind, EV_PROP);
	near(v.prop, 3);
	v = ev("7 mod 4 + 1", 12);
	ck_assert_int_eq(v.kind, EV_NUM);
	near(v.num, 4);
	ck_assert_int_eq(ev("2pt * 3pt", 12).kind, EV_ERR);
	ck_assert_int_eq(ev("(2pt", 12).kind, EV_ERR);
	ck_assert_int_eq(ev("1pt / 0", 12).kind, EV_ERR);
	ck_assert_int_eq(ev("nosuch(1)", 12).kind, EV_ERR);
	v = ev("max(3pt, 1pt) + abs(-2pt)", 12);
	near(v.len.pt, 5);
}
END_TEST

START_TEST(expressions_in_tree)
{
	qr_fo_doc *d = read_flow(
	    "<fo:block id=\"a\" font-size=\"10pt\">"
	    "<fo:block id=\"b\" font-size=\"from-parent(font-size) * 2\" "
	    "text-indent=\"1em\" space-before=\"0.5em\">"
	    "<fo:block id=\"c\" font-size=\"larger\" "
	    "start-indent=\"inherited-property-value(start-indent) + 3pt\"/>"
	    "</fo:block></fo:block>"
	    "<fo:list-block provisional-distance-between-starts=\"2cm\" "
	    "provisional-label-separation=\"5pt\"><fo:list-item>"
	    "<fo:list-item-label id=\"l\" end-indent=\"label-end()\">"
	    "<fo:block>1.</fo:block></fo:list-item-label>"
	    "<fo:list-item-body id=\"lb\" start-indent=\"body-start()\">"
	    "<fo:block>x</fo:block></fo:list-item-body></fo:list-item>"
	    "</fo:list-block>"
	    "<fo:table><fo:table-column id=\"tc\" "
	    "column-width=\"proportional-column-width(2)\"/>"
	    "<fo:table-column id=\"tc2\" column-width=\"25%\"/>"
	    "<fo:table-body><fo:table-row><fo:table-cell><fo:block/>"
	    "</fo:table-cell></fo:table-row></fo:table-body></fo:table>"
	    "<fo:block padding-left=\"7pt\" space-before=\"3pt\">"
	    "<fo:block id=\"pb\" padding-left=\"inherit\" "
	    "space-before=\"from-parent() * 3\"/></fo:block>");
	const qr_fo *b, *c, *l, *lb, *tc;
	ck_assert_ptr_nonnull(d);
	b = byid(d, "b");
	near(b->inh->font_size, 20);
	near(b->inh->text_indent.pt, 20);
	near(b->box->space_before.opt.pt, 10);
	c = byid(d, "c");
	/* larger: one step up FOP's 1.2 scale from the step nearest 20pt */
	near(c->inh->font_size, 12 * 1.2 * 1.2 * 1.2 * 1.2);
	near(c->inh->start_indent.pt, 3);
	l = byid(d, "l");
	near(l->inh->end_indent.label_end, 1);
	near(l->parent->parent->inh->provisional_distance_between_starts.pt,
	    72 * 2 / 2.54);
	lb = byid(d, "lb");
	near(lb->inh->start_indent.body_start, 1);
	/* children inherit the linear form */
	near(lb->first_child->inh->start_indent.body_start, 1);
	/* inherit on a non-inherited length, from-parent() of itself */
	near(byid(d, "pb")->box->padding[QR_LEFT].len.pt, 7);
	near(byid(d, "pb")->box->padding[QR_TOP].len.pt, 0);
	near(byid(d, "pb")->box->space_before.opt.pt, 9);
	tc = byid(d, "tc");
	ck_assert_int_eq(tc->obj->column_width.kind, QR_SIZE_PROPORTIONAL);
	near(tc->obj->column_width.prop, 2);
	tc = byid(d, "tc2");
	ck_assert_int_eq(tc->obj->column_width.kind, QR_SIZE_LEN);
	near(tc->obj->column_width.len.pct, 0.25);
	ck_assert_int_eq(nerr, 0);
	qr_fo_doc_free(d);
}
END_TEST

START_TEST(line_height)
{
	qr_fo_doc *d = read_flow(
	    "<fo:block id=\"n\" font-size=\"10pt\" line-height=\"1.5\">"
	    "<fo:block id=\"n2\" font-size=\"20pt\"/></fo:block>"
	    "<fo:block id=\"l\" font-size=\"10pt\" line-height=\"1.5em\">"
	    "<fo:block id=\"l2\" font-size=\"20pt\"/></fo:block>"
	    "<fo:block id=\"p\" font-size=\"10pt\" line-height=\"200%\">"
	    "<fo:block id=\"p2\" font-size=\"20pt\"/></fo:block>"
	    "<fo:block id=\"d\" font-size=\"10pt\"/>");
	ck_assert_ptr_nonnull(d);
	/* a number is inherited as a number */
	near(byid(d, "n")->inh->line_height_pt, 15);
	near(byid(d, "n2")->inh->line_height_pt, 30);
	/* a length (or percentage) is inherited as computed */
	near(byid(d, "l")->inh->line_height_pt, 15);
	near(byid(d, "l2")->inh->line_height_pt, 15);
	near(byid(d, "p2")->inh->line_height_pt, 20);
	/* normal is 1.2 */
	near(byid(d, "d")->inh->line_height_pt, 12);
	qr_fo_doc_free(d);
}
END_TEST

/* FOP 2.8's values (its area tree, millipoints) for keyword sizes. */
START_TEST(font_size_keywords)
{
	qr_fo_doc *d = read_flow(
	    "<fo:block font-size=\"36pt\"><fo:block id=\"s1\" "
	    "font-size=\"smaller\"><fo:block id=\"s2\" font-size=\"smaller\"/>"
	    "</fo:block></fo:block>"
	    "<fo:block font-size=\"6pt\"><fo:block id=\"l1\" "
	    "font-size=\"larger\"/></fo:block>"
	    "<fo:block id=\"xs\" font-size=\"xx-small\"/>"
	    "<fo:block id=\"xl\" font-size=\"x-large\"/>");
	ck_assert_ptr_nonnull(d);
	ck_assert_msg(fabs(byid(d, "s1")->inh->font_size - 29.860) < 0.001, "s1");
	ck_assert_msg(fabs(byid(d, "s2")->inh->font_size - 24.883) < 0.001, "s2");
	ck_assert_msg(fabs(byid(d, "l1")->inh->font_size - 6.944) < 0.001, "l1");
	ck_assert_msg(fabs(byid(d, "xs")->inh->font_size - 6.944) < 0.001, "xs");
	near(byid(d, "xl")->inh->font_size, 17.28);
	qr_fo_doc_free(d);
}
END_TEST

START_TEST(colours)
{
	qr_color c;
	ck_assert(qr_fo_parse_color("red", 3, &c));
	near(c.r, 1); near(c.g, 0); near(c.b, 0);
	ck_assert(qr_fo_parse_color("LightGrey", 9, &c));
	near(c.r, 211 / 255.0);
	ck_assert(qr_fo_parse_color("#0f0", 4, &c));
	near(c.g, 1); near(c.r, 0);
	ck_assert(qr_fo_parse_color("#336699", 7, &c));
	near(c.r, 0x33 / 255.0); near(c.b, 0x99 / 255.0);
	ck_assert(qr_fo_parse_color("rgb(255, 128, 0)", 16, &c));
	near(c.g, 128 / 255.0);
	ck_assert(qr_fo_parse_color("rgb(100%,50%,0%)", 16, &c));
	near(c.g, 0.5);
	ck_assert(qr_fo_parse_color("rgb-icc(0,161,222,#CMYK,0.85,0.19,0,0)",
	    38, &c));
	near(c.g, 161 / 255.0);
	ck_assert(qr_fo_parse_color("gray", 4, &c));
	near(c.r, 128 / 255.0);
	ck_assert(!qr_fo_parse_color("#12", 3, &c));
	ck_assert(!qr_fo_parse_color("notacolour", 10, &c));
	ck_assert(!qr_fo_parse_color("rgb(1,2)", 8, &c));
}
END_TEST

START_TEST(bad_colour_is_warning)
{
	qr_fo_doc *d = read_flow("<fo:block id=\"a\" color=\"blurple\" "
	    "background-color=\"#abc\">x</fo:block>");
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(nwarn, 1);
	ck_assert_ptr_nonnull(strstr(diags, "fo-value-ignored"));
	ck_assert_ptr_nonnull(strstr(diags, "blurple"));
	ck_assert_int_eq(byid(d, "a")->box->has_background, 1);
	near(byid(d, "a")->box->background_color.b, 0xcc / 255.0);
	qr_fo_doc_free(d);
}
END_TEST

START_TEST(keeps_breaks)
{
	qr_fo_doc *d = read_flow(
	    "<fo:block id=\"a\" keep-with-next=\"always\" keep-together."
	    "within-page=\"3\" widows=\"4\" orphans=\"1\" "
	    "break-before=\"odd-page\" page-break-after=\"always\">"
	    "<fo:block id=\"b\" keep-with-previous.within-column=\"always\" "
	    "page-break-inside=\"avoid\"/></fo:block>");
	const qr_fo *a, *b;
	ck_assert_ptr_nonnull(d);
	a = byid(d, "a");
	b = byid(d, "b");
	ck_assert_int_eq(a->box->keep_with_next.within_page, INT_MAX);
	ck_assert_int_eq(a->box->keep_with_next.within_line, INT_MAX);
	ck_assert_int_eq(a->inh->keep_together.within_page, 3);
	ck_assert_int_eq(a->inh->keep_together.within_column, 0);
	ck_assert_int_eq(a->inh->widows, 4);
	ck_assert_int_eq(a->inh->orphans, 1);
	ck_assert_int_eq(a->box->break_before, QR_BREAK_ODD_PAGE);
	ck_assert_int_eq(a->box->break_after, QR_BREAK_PAGE);
	/* keep-together is inherited; keep-with-* is not */
	ck_assert_int_eq(b->inh->keep_together.within_page, INT_MAX);
	ck_assert_int_eq(b->inh->widows, 4);
	ck_assert_int_eq(b->box->keep_with_next.within_page, 0);
	ck_assert_int_eq(b->box->keep_with_previous.within_column, INT_MAX);
	ck_assert_int_eq(b->box->keep_with_previous.within_page, 0);
	qr_fo_doc_free(d);
}
END_TEST

START_TEST(text_props)
{
	qr_fo_doc *d = read_flow(
	    "<fo:block id=\"a\" text-align=\"justify\" text-align-last=\"left\" "
	    "hyphenate=\"true\" language=\"en\" country=\"GB\" "
	    "hyphenation-character=\"-\" "
	    "hyphenation-remain-character-count=\"3\" "
	    "linefeed-treatment=\"preserve\" white-space-collapse=\"false\" "
	    "wrap-option=\"no-wrap\" text-decoration=\"underline\">"
	    "<fo:inline id=\"b\" text-decoration=\"line-through no-underline\" "
	    "baseline-shift=\"super\">x</fo:inline>"
	    "<fo:inline id=\"c\" baseline-shift=\"-2pt\" xml:lang=\"fr-CA\">"
	    "y</fo:inline>"
	    "<fo:leader id=\"l\" leader-pattern=\"dots\" leader-length=\"2in\" "
	    "rule-thickness=\"0.5pt\"/>"
	    "<fo:character id=\"ch\" character=\" \"/>"
	    "</fo:block>");
	const qr_fo *a, *b, *c, *l;
	ck_assert_ptr_nonnull(d);
	a = byid(d, "a");
	ck_assert_int_eq(a->inh->text_align, QR_ALIGN_JUSTIFY);
	ck_assert_int_eq(a->inh->text_align_last, QR_ALIGN_START);
	ck_assert_int_eq(a->inh->hyphenate, 1);
	ck_assert_str_eq(a->inh->language, "en");
	ck_assert_str_eq(a->inh->country, "GB");
	ck_assert_uint_eq(a->inh->hyphenation_character, '-');
	ck_assert_int_eq(a->inh->hyphenation_remain, 3);
	ck_assert_int_eq(a->inh->hyphenation_push, 2);
	ck_assert_int_eq(a->inh->linefeed_treatment, QR_LF_PRESERVE);
	ck_assert_int_eq(a->inh->white_space_collapse, QR_WS_COLLAPSE_FALSE);
	ck_assert_int_eq(a->inh->wrap, 0);
	ck_assert_uint_eq(a->inh->text_decoration, QR_DECO_UNDERLINE);
	b = byid(d, "b");
	ck_assert_uint_eq(b->inh->text_decoration, QR_DECO_LINE_THROUGH);
	ck_assert_int_eq(b->box->baseline_shift_kind, QR_SHIFT_SUPER);
	c = byid(d, "c");
	ck_assert_uint_eq(c->inh->text_decoration, QR_DECO_UNDERLINE);
	ck_assert_int_eq(c->box->baseline_shift_kind, QR_SHIFT_LEN);
	near(c->box->baseline_shift.pt, -2);
	ck_assert_str_eq(c->inh->language, "fr");
	ck_assert_str_eq(c->inh->country, "CA");
	l = byid(d, "l");
	ck_assert_int_eq(l->inh->leader_pattern, QR_LEADER_DOTS);
	near(l->inh->leader_length.min.len.pt, 144);
	near(l->inh->leader_length.max.len.pt, 144);
	near(l->inh->rule_thickness, 0.5);
	ck_assert_str_eq(byid(d, "ch")->obj->character, " ");
	ck_assert_int_eq(nerr + nwarn, 0);
	qr_fo_doc_free(d);
}
END_TEST

START_TEST(unknowns_warn_and_keep)
{
	qr_fo_doc *d = read_flow(
	    "<fo:block id=\"a\" frobnicate=\"3\" relative-align=\"baseline\" "
	    "xmlns:fox=\"http://xmlgraphics.apache.org/fop/extensions\" "
	    "fox:whatever=\"1\" font-selection-strategy=\"auto\">\n"
	    "<fo:wibble id=\"w\">kept text</fo:wibble>\n"
	    "<fox:destination internal-destination=\"a\"/>\n"
	    "</fo:block>");
	const qr_fo *w;
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(nerr, 0);
	ck_assert_int_eq(nwarn, 3);
	ck_assert_ptr_nonnull(strstr(diags,
	    "3:fo-unknown-property:fo:block: unknown property 'frobnicate'"));
	ck_assert_ptr_nonnull(strstr(diags, "4:fo-unknown-element:"));
	ck_assert_ptr_nonnull(strstr(diags, "fo:wibble"));
	ck_assert_ptr_nonnull(strstr(diags, "5:fo-unknown-element:"));
	w = byid(d, "w");
	ck_assert_int_eq(w->type, FO_UNKNOWN);
	ck_assert_str_eq(w->obj->unknown_name, "wibble");
	ck_assert_str_eq(w->first_child->text, "kept text");
	ck_assert_int_eq(w->blocklike, 0);
	qr_fo_doc_free(d);
}
END_TEST

/* An fo:inline mixing text with blocks is replaced by pieces (fo.h
 * piece_of): runs of its inline content and one piece per block, an
 * inline inside that mixes too split into them, white-space runs dropped,
 * the inline itself left out of the tree with its markers. */
START_TEST(inline_with_blocks_split)
{
	qr_fo_doc *d = read_flow(
	    "<fo:block id=\"b\">A <fo:inline id=\"i\" padding-start=\"3pt\" "
	    "border-end-width=\"1pt\" border-end-style=\"solid\">"
	    "<fo:marker marker-class-name=\"m\">M</fo:marker>x "
	    "<fo:block id=\"n1\">one</fo:block>\n <fo:block id=\"n2\">two"
	    "</fo:block> y <fo:inline id=\"j\">p <fo:block id=\"n3\">three"
	    "</fo:block> q</fo:inline> z</fo:inline> B</fo:block>");
	const qr_fo *b, *w, *j, *c, *k;

	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(nerr + nwarn, 0);
	b = byid(d, "b");
	w = byid(d, "i");
	j = byid(d, "j");
	/* the inline keeps its marker, nothing else */
	ck_assert_int_eq(w->first_child->type, FO_MARKER);
	ck_assert_ptr_null(w->first_child->next);
	c = b->first_child;
	ck_assert_str_eq(c->text, "A ");
	/* "x ": the first piece, with the start padding, no end border */
	c = c->next;
	ck_assert_int_eq(c->type, FO_INLINE);
	ck_assert_ptr_eq(c->piece_of, w);
	ck_assert_int_eq(c->piece_first, 1);
	ck_assert_int_eq(c->piece_last, 0);
	ck_assert_int_eq(c->blocklike, 0);
	ck_assert_str_eq(c->id, "i");
	ck_assert_str_eq(c->first_child->text, "x ");
	near(c->box->padding[QR_LEFT].len.pt, 3);
	near(c->box->border[QR_RIGHT].width, 0);
	/* one piece per block; the blank between them is dropped */
	c = c->next;
	ck_assert_int_eq(c->blocklike, 1);
	ck_assert_ptr_eq(c->first_child, byid(d, "n1"));
	ck_assert_ptr_eq(byid(d, "n1")->parent, c);
	ck_assert_ptr_null(c->first_child->next);
	near(c->box->border[QR_RIGHT].width, 1);
	c = c->next;
	ck_assert_int_eq(c->blocklike, 1);
	ck_assert_ptr_eq(c->first_child, byid(d, "n2"));
	/* " y " and the first piece of j: no start padding, no end border */
	c = c->next;
	ck_assert_int_eq(c->blocklike, 0);
	ck_assert_int_eq(c->piece_first + c->piece_last, 0);
	near(c->box->padding[QR_LEFT].len.pt, 0);
	near(c->box->border[QR_RIGHT].width, 0);
	ck_assert_str_eq(c->first_child->text, " y ");
	k = c->first_child->next;
	ck_assert_ptr_eq(k->piece_of, j);
	ck_assert_int_eq(k->piece_first, 1);
	ck_assert_str_eq(k->first_child->text, "p ");
	ck_assert_ptr_null(k->next);
	/* j's block inside a block piece of i */
	c = c->next;
	ck_assert_int_eq(c->blocklike, 1);
	ck_assert_ptr_eq(c->first_child->piece_of, j);
	ck_assert_int_eq(c->first_child->blocklike, 1);
	ck_assert_ptr_eq(c->first_child->first_child, byid(d, "n3"));
	/* the last piece: j's last, " z", the end border */
	c = c->next;
	ck_assert_int_eq(c->piece_last, 1);
	ck_assert_ptr_eq(c->parent, b);
	near(c->box->border[QR_RIGHT].width, 1);
	near(c->box->padding[QR_LEFT].len.pt, 0);
	ck_assert_ptr_eq(c->first_child->piece_of, j);
	ck_assert_int_eq(c->first_child->piece_last, 1);
	ck_assert_str_eq(c->first_child->first_child->text, " q");
	ck_assert_str_eq(c->first_child->next->text, " z");
	c = c->next;
	ck_assert_str_eq(c->text, " B");
	ck_assert_ptr_null(c->next);
	ck_assert_ptr_eq(b->last_child, c);
	{
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);

		qr_fo_dump(b, fp);
		fclose(fp);
		ck_assert_ptr_nonnull(strstr(buf, "inline line=3 id=\"i\" "
		    "piece-of=3 first"));
		ck_assert_ptr_nonnull(strstr(buf, "inline line=3 id=\"i\" "
		    "blocklike piece-of=3"));
		ck_assert_ptr_nonnull(strstr(buf, "piece-of=3 last"));
		free(buf);
	}
	qr_fo_doc_free(d);
}
END_TEST

/* An fo:wrapper in a block mixing text with a block is split too; one in
 * the flow (no text around it) stays a blocklike wrapper. */
START_TEST(wrapper_with_blocks_split)
{
	qr_fo_doc *d = read_flow(
	    "<fo:block id=\"b\">A <fo:wrapper id=\"w\">b <fo:block id=\"n\">"
	    "c</fo:block> d</fo:wrapper> e</fo:block>"
	    "<fo:wrapper id=\"fw\">t<fo:block>u</fo:block></fo:wrapper>");
	const qr_fo *b, *c, *fw;

	ck_assert_ptr_nonnull(d);
	b = byid(d, "b");
	c = b->first_child->next;
	ck_assert_int_eq(c->type, FO_WRAPPER);
	ck_assert_ptr_eq(c->piece_of, byid(d, "w"));
	ck_assert_int_eq(c->blocklike, 0);
	ck_assert_str_eq(c->first_child->text, "b ");
	c = c->next;
	ck_assert_int_eq(c->blocklike, 1);
	ck_assert_ptr_eq(c->first_child, byid(d, "n"));
	c = c->next;
	ck_assert_int_eq(c->piece_last, 1);
	ck_assert_str_eq(c->first_child->text, " d");
	ck_assert_str_eq(c->next->text, " e");
	fw = byid(d, "fw");
	ck_assert_ptr_eq(b->next, fw);
	ck_assert_int_eq(fw->blocklike, 1);
	ck_assert_ptr_null(fw->piece_of);
	ck_assert_str_eq(fw->first_child->text, "t");
	qr_fo_doc_free(d);
}
END_TEST

/* An fo:basic-link mixing text with a block is split like fo:inline, each
 * piece a link to the same destination; one holding only blocks is laid
 * out as a block (blocklike), not split. */
START_TEST(link_with_blocks_split)
{
	qr_fo_doc *d = read_flow(
	    "<fo:block id=\"b\">A <fo:basic-link id=\"l\" "
	    "internal-destination=\"b\">x <fo:block id=\"n\">c</fo:block>"
	    " y</fo:basic-link> B <fo:basic-link id=\"o\" "
	    "external-destination=\"url(http://e.org/)\"><fo:block>d"
	    "</fo:block></fo:basic-link></fo:block>");
	const qr_fo *b, *c, *l;
	int k;

	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(nerr + nwarn, 0);
	b = byid(d, "b");
	l = byid(d, "l");
	c = b->first_child->next;
	for (k = 0; k < 3; k++, c = c->next) {
		ck_assert_int_eq(c->type, FO_BASIC_LINK);
		ck_assert_ptr_eq(c->piece_of, l);
		ck_assert_ptr_eq(c->parent, b);
		ck_assert_int_eq(c->blocklike, k == 1);
		ck_assert_int_eq(c->piece_first, k == 0);
		ck_assert_int_eq(c->piece_last, k == 2);
		ck_assert_str_eq(c->obj->internal_destination, "b");
	}
	ck_assert_ptr_eq(b->first_child->next->next->first_child,
	    byid(d, "n"));
	ck_assert_str_eq(c->text, " B ");
	c = c->next;
	ck_assert_ptr_eq(c, byid(d, "o"));
	ck_assert_int_eq(c->blocklike, 1);
	ck_assert_ptr_null(c->piece_of);
	qr_fo_doc_free(d);
}
END_TEST

START_TEST(unknowns_reported_once)
{
	qr_fo_doc *d = read_flow(
	    "<fo:block frob=\"1\" letter-spacing=\"1pt\"/>\n"
	    "<fo:block frob=\"2\" letter-spacing=\"2pt\"><fo:wibble/>"
	    "<fo:wibble/><fo:wobble/></fo:block>");
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(nwarn, 4);
	ck_assert_ptr_nonnull(strstr(diags, "3:fo-unknown-property:fo:block: "
	    "unknown property 'frob'"));
	ck_assert_ptr_nonnull(strstr(diags, "3:fo-unknown-property:fo:block: "
	    "property 'letter-spacing' is not supported"));
	ck_assert_ptr_nonnull(strstr(diags, "4:fo-unknown-element:unknown "
	    "formatting object fo:wobble"));
	qr_fo_doc_free(d);
}
END_TEST

START_TEST(styles_shared)
{
	qr_fo_doc *d = read_flow(
	    "<fo:block id=\"x1\" space-before=\"1em\" color=\"red\">a</fo:block>"
	    "<fo:block id=\"x2\" space-before=\"1em\" color=\"red\">b</fo:block>"
	    "<fo:block font-size=\"20pt\">"
	    "<fo:block id=\"x3\" space-before=\"1em\" color=\"red\">c</fo:block>"
	    "</fo:block>");
	const qr_fo *a, *b, *c;
	ck_assert_ptr_nonnull(d);
	a = byid(d, "x1");
	b = byid(d, "x2");
	c = byid(d, "x3");
	/* alike: one group each, both ids found */
	ck_assert_ptr_eq(a->inh, b->inh);
	ck_assert_ptr_eq(a->box, b->box);
	ck_assert_str_eq(b->id, "x2");
	near(a->box->space_before.opt.pt, 12);
	/* the same attributes under a bigger font: another em */
	near(c->box->space_before.opt.pt, 20);
	ck_assert_ptr_ne(a->box, c->box);
	near(c->inh->color.r, 1);
	qr_fo_doc_free(d);
}
END_TEST

START_TEST(anonymous_block)
{
	qr_fo_doc *d = read_flow("stray <fo:inline id=\"i\">inline</fo:inline>"
	    "<fo:block id=\"b\">x</fo:block>");
	const qr_fo *flow, *k;
	ck_assert_ptr_nonnull(d);
	/* the text is dropped (as FOP drops it), the inline wrapped: the
	 * first child of the flow, whose anonymous block takes its place */
	ck_assert_int_eq(nwarn, 2);
	ck_assert_msg(strstr(diags, ":fo-structure-warning:fo:flow: "
	    "text outside a block ('stray') is ignored") != NULL, "%s",
	    diags);
	ck_assert_ptr_nonnull(strstr(diags, "inline content outside a block"));
	flow = qr_fo_first_page_sequence(d)->flow;
	k = flow->first_child;
	ck_assert_int_eq(k->type, FO_BLOCK);
	ck_assert_ptr_eq(k->first_child, byid(d, "i"));
	ck_assert_ptr_eq(k->last_child, byid(d, "i"));
	ck_assert_ptr_eq(byid(d, "i")->parent, k);
	ck_assert_ptr_eq(k->next, byid(d, "b"));
	ck_assert_ptr_null(k->next->next);
	qr_fo_doc_free(d);
}
END_TEST

/* ---- errors ---- */

static void
expect_error(const char *fo, const char *code, int line, const char *needle)
{
	char want[256];
	qr_fo_doc *d;
	diags[0] = '\0';
	nerr = 0;
	d = read_fo(fo);
	ck_assert_msg(d == NULL, "accepted: %s", fo);
	ck_assert_int_ge(nerr, 1);
	snprintf(want, sizeof want, "%d:%s:", line, code);
	ck_assert_msg(strstr(diags, want) != NULL, "wanted %s in:\n%s", want,
	    diags);
	ck_assert_msg(strstr(diags, needle) != NULL, "wanted '%s' in:\n%s",
	    needle, diags);
}

#define PS(body) "<fo:page-sequence master-reference=\"p\">" body \
	"</fo:page-sequence>"
#define FLOW "<fo:flow flow-name=\"xsl-region-body\"><fo:block/></fo:flow>"

START_TEST(structure_errors)
{
	expect_error("<root/>", "fo-structure", 1, "not fo:root");
	expect_error("<fo:block " NS "/>", "fo-structure", 1, "not fo:root");
	expect_error("<fo:root " NS ">\n" PS(FLOW) "</fo:root>",
	    "fo-structure", 1, "fo:layout-master-set");
	expect_error("<fo:root " NS ">" LMS
	    "<fo:page-sequence master-reference=\"nope\">\n" FLOW
	    "</fo:page-sequence></fo:root>", "fo-no-master", 2, "'nope'");
	expect_error("<fo:root " NS ">" LMS
	    "<fo:page-sequence>" FLOW "</fo:page-sequence></fo:root>",
	    "fo-no-master", 2, "no master-reference");
	expect_error("<fo:root " NS ">" LMS "\n\n" PS("") "</fo:root>",
	    "fo-structure", 4, "fo:flow");
	expect_error("<fo:root " NS ">" LMS PS(
	    "\n<fo:flow flow-name=\"xsl-region-before\"><fo:block/></fo:flow>")
	    "</fo:root>", "fo-structure", 3, "'xsl-region-before'");
	expect_error("<fo:root " NS ">" LMS PS(FLOW) PS(
	    "\n<fo:flow flow-name=\"xsl-region-body\"><fo:block "
	    "space-before=\"12qq\"/></fo:flow>") "</fo:root>",
	    "fo-bad-value", 3, "12qq");
	expect_error("<fo:root " NS ">" LMS PS(
	    "<fo:flow flow-name=\"xsl-region-body\">\n<fo:list-block>"
	    "<fo:list-item><fo:list-item-body><fo:block/></fo:list-item-body>"
	    "</fo:list-item></fo:list-block></fo:flow>") "</fo:root>",
	    "fo-structure", 3, "fo:list-item-label");
	expect_error("<fo:root " NS ">" LMS PS(
	    "<fo:flow flow-name=\"xsl-region-body\">\n<fo:table>"
	    "<fo:table-row/></fo:table></fo:flow>") "</fo:root>",
	    "fo-structure", 3, "fo:table-row is not allowed inside fo:table");
	expect_error("<fo:root " NS ">\n<fo:layout-master-set>"
	    "<fo:simple-page-master master-name=\"p\" page-width=\"wide\">"
	    "<fo:region-body/></fo:simple-page-master></fo:layout-master-set>"
	    PS(FLOW) "</fo:root>", "fo-bad-value", 2, "page-width");
	expect_error("<fo:root " NS ">\n<fo:layout-master-set>"
	    "<fo:simple-page-master master-name=\"p\"/>"
	    "</fo:layout-master-set>" PS(FLOW) "</fo:root>",
	    "fo-structure", 2, "fo:region-body");
	expect_error("<fo:root " NS ">" LMS PS(
	    "<fo:flow flow-name=\"xsl-region-body\"><fo:block>\n"
	    "<fo:page-number><fo:block/></fo:page-number></fo:block></fo:flow>")
	    "</fo:root>", "fo-structure", 3,
	    "fo:block is not allowed inside fo:page-number");
	/* not well-formed XML: the parser's diagnostic, and NULL */
	expect_error("<fo:root " NS ">\n<fo:layout-master-set>", "xml-syntax",
	    2, "");
}
END_TEST

START_TEST(duplicate_id_warns)
{
	qr_fo_doc *d = read_flow("<fo:block id=\"x\"/>\n<fo:block id=\"x\"/>");
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(nwarn, 1);
	ck_assert_ptr_nonnull(strstr(diags, "fo-duplicate-id"));
	ck_assert_int_eq(qr_fo_find_id(d, "x")->line, 3);
	ck_assert_ptr_null(qr_fo_find_id(d, "y"));
	qr_fo_doc_free(d);
}
END_TEST

/* ---- pages ---- */

START_TEST(geometry)
{
	qr_fo_doc *d = read_flow("<fo:block/>");
	const qr_fo *seq, *spm;
	qr_fo_rect r;
	ck_assert_ptr_nonnull(d);
	seq = qr_fo_first_page_sequence(d);
	spm = qr_fo_select_master(seq, 0, 1, 0, 1, 0);
	ck_assert_ptr_nonnull(spm);
	near(qr_fo_page_width(spm), 595.275590551);
	r = qr_fo_content_rect(spm);
	near(r.x, 40 * 72 / 25.4);
	near(r.y, 10 * 72 / 25.4);
	near(r.w, (210 - 60) * 72 / 25.4);
	near(r.h, (297 - 40) * 72 / 25.4);
	r = qr_fo_body_rect(spm);
	near(r.y, 10 * 72 / 25.4 + 72);
	near(r.h, (297 - 40) * 72 / 25.4 - 108);
	near(r.x, 40 * 72 / 25.4);
	r = qr_fo_region_rect(spm, QR_REGION_BEFORE);
	/* no precedence: start takes the corner */
	near(r.x, 40 * 72 / 25.4 + 30);
	near(r.h, 50);
	r = qr_fo_region_rect(spm, QR_REGION_AFTER);
	near(r.y, (297 - 30) * 72 / 25.4 - 20);
	near(r.h, 20);
	r = qr_fo_region_rect(spm, QR_REGION_START);
	near(r.w, 30);
	near(r.h, (297 - 40) * 72 / 25.4);
	r = qr_fo_region_rect(spm, QR_REGION_END);
	near(r.w, 0);
	ck_assert_ptr_eq(seq->flow, qr_fo_child(seq, FO_FLOW));
	qr_fo_doc_free(d);
}
END_TEST

/* Percentage margins of a page master and its region-body are of the
 * page box: left/right of its width, top/bottom of its height (7.10.1,
 * the page context; FOP reads the region-body's the same way). */
START_TEST(geometry_percent)
{
	qr_fo_doc *d = read_fo("<fo:root " NS "><fo:layout-master-set>"
	    "<fo:simple-page-master master-name=\"p\" page-width=\"3in\" "
	    "page-height=\"5in\" margin=\"5%\">"
	    "<fo:region-body margin=\"5%\" margin-top=\"10%\"/>"
	    "<fo:region-before extent=\"5%\"/><fo:region-start extent=\"5%\"/>"
	    "</fo:simple-page-master></fo:layout-master-set>"
	    "<fo:page-sequence master-reference=\"p\">"
	    "<fo:flow flow-name=\"xsl-region-body\"><fo:block/></fo:flow>"
	    "</fo:page-sequence></fo:root>");
	const qr_fo *spm;
	qr_fo_rect r;
	ck_assert_ptr_nonnull(d);
	spm = qr_fo_select_master(qr_fo_first_page_sequence(d), 0, 1, 0, 1,
	    0);
	ck_assert_ptr_nonnull(spm);
	r = qr_fo_content_rect(spm);
	near(r.x, 10.8);
	near(r.y, 18);
	near(r.w, 216 - 21.6);
	near(r.h, 360 - 36);
	r = qr_fo_body_rect(spm);
	near(r.x, 21.6);
	near(r.y, 18 + 36);
	near(r.w, 216 - 43.2);
	near(r.h, 360 - 36 - 36 - 18);
	r = qr_fo_region_rect(spm, QR_REGION_BEFORE);
	near(r.h, 18);
	r = qr_fo_region_rect(spm, QR_REGION_START);
	near(r.w, 10.8);
	ck_assert_int_eq(nerr + nwarn, 0);
	qr_fo_doc_free(d);
}
END_TEST

START_TEST(master_selection)
{
	const char *fo = "<fo:root " NS "><fo:layout-master-set>"
	    "<fo:simple-page-master master-name=\"first\">"
	    "<fo:region-body region-name=\"body\"/>"
	    "<fo:region-before region-name=\"head-first\" extent=\"1cm\"/>"
	    "</fo:simple-page-master>"
	    "<fo:simple-page-master master-name=\"odd\">"
	    "<fo:region-body region-name=\"body\"/>"
	    "<fo:region-before extent=\"1cm\"/></fo:simple-page-master>"
	    "<fo:simple-page-master master-name=\"even\">"
	    "<fo:region-body region-name=\"body\"/></fo:simple-page-master>"
	    "<fo:simple-page-master master-name=\"blank\">"
	    "<fo:region-body region-name=\"body\"/></fo:simple-page-master>"
	    "<fo:simple-page-master master-name=\"last\">"
	    "<fo:region-body region-name=\"body\"/></fo:simple-page-master>"
	    "<fo:page-sequence-master master-name=\"seq\">"
	    "<fo:single-page-master-reference master-reference=\"first\"/>"
	    "<fo:repeatable-page-master-reference master-reference=\"even\" "
	    "maximum-repeats=\"2\"/>"
	    "<fo:repeatable-page-master-alternatives>"
	    "<fo:conditional-page-master-reference master-reference=\"blank\" "
	    "blank-or-not-blank=\"blank\"/>"
	    "<fo:conditional-page-master-reference master-reference=\"last\" "
	    "page-position=\"last\"/>"
	    "<fo:conditional-page-master-reference master-reference=\"odd\" "
	    "odd-or-even=\"odd\"/>"
	    "<fo:conditional-page-master-reference master-reference=\"even\" "
	    "odd-or-even=\"even\"/>"
	    "</fo:repeatable-page-master-alternatives>"
	    "</fo:page-sequence-master></fo:layout-master-set>"
	    "<fo:page-sequence master-reference=\"seq\">"
	    "<fo:static-content flow-name=\"head-first\"><fo:block/>"
	    "</fo:static-content>"
	    "<fo:static-content flow-name=\"xsl-region-before\"><fo:block/>"
	    "</fo:static-content>"
	    "<fo:flow flow-name=\"body\"><fo:block/></fo:flow>"
	    "</fo:page-sequence></fo:root>";
	qr_fo_doc *d = read_fo(fo);
	const qr_fo *seq, *m;
#define PICK(i, f, l, o, b) qr_fo_select_master(seq, i, f, l, o, b)->obj->master_name
	ck_assert_ptr_nonnull(d);
	seq = qr_fo_first_page_sequence(d);
	ck_assert_str_eq(PICK(0, 1, 0, 1, 0), "first");
	ck_assert_str_eq(PICK(1, 0, 0, 0, 0), "even");
	ck_assert_str_eq(PICK(2, 0, 0, 1, 0), "even");
	ck_assert_str_eq(PICK(3, 0, 0, 0, 0), "even");
	ck_assert_str_eq(PICK(4, 0, 0, 1, 0), "odd");
	ck_assert_str_eq(PICK(5, 0, 0, 0, 1), "blank");
	ck_assert_str_eq(PICK(9, 0, 1, 1, 0), "last");
	ck_assert_int_eq(qr_fo_master_uses_last(seq), 1);
	ck_assert_int_eq(qr_fo_masters_exhausted(seq, 1000), 0);
	m = qr_fo_find_master(d, "first");
	ck_assert_ptr_eq(qr_fo_region_content(seq, m, QR_REGION_BEFORE),
	    qr_fo_static_content(seq, "head-first"));
	m = qr_fo_find_master(d, "odd");
	ck_assert_ptr_eq(qr_fo_region_content(seq, m, QR_REGION_BEFORE),
	    qr_fo_static_content(seq, "xsl-region-before"));
	ck_assert_ptr_null(qr_fo_region_content(seq, m, QR_REGION_AFTER));
	ck_assert_ptr_null(qr_fo_static_content(seq, "nothing"));
	ck_assert_int_eq(nerr + nwarn, 0);
	qr_fo_doc_free(d);
#undef PICK
}
END_TEST

START_TEST(exhausted_masters)
{
	const char *fo = "<fo:root " NS "><fo:layout-master-set>"
	    "<fo:simple-page-master master-name=\"a\"><fo:region-body/>"
	    "</fo:simple-page-master>"
	    "<fo:simple-page-master master-name=\"b\"><fo:region-body/>"
	    "</fo:simple-page-master>"
	    "<fo:page-sequence-master master-name=\"s\">"
	    "<fo:single-page-master-reference master-reference=\"a\"/>"
	    "<fo:repeatable-page-master-reference master-reference=\"b\" "
	    "maximum-repeats=\"1\"/>"
	    "</fo:page-sequence-master></fo:layout-master-set>"
	    "<fo:page-sequence master-reference=\"s\" initial-page-number="
	    "\"auto-odd\" force-page-count=\"end-on-even\">" FLOW
	    "</fo:page-sequence></fo:root>";
	qr_fo_doc *d = read_fo(fo);
	const qr_fo *seq;
	ck_assert_ptr_nonnull(d);
	seq = qr_fo_first_page_sequence(d);
	ck_assert_str_eq(qr_fo_select_master(seq, 1, 0, 0, 0, 0)->obj->master_name, "b");
	ck_assert_int_eq(qr_fo_masters_exhausted(seq, 1), 0);
	ck_assert_int_eq(qr_fo_masters_exhausted(seq, 2), 1);
	ck_assert_str_eq(qr_fo_select_master(seq, 5, 0, 0, 0, 0)->obj->master_name, "b");
	ck_assert_int_eq(seq->obj->initial_page_kind, QR_INITIAL_AUTO_ODD);
	ck_assert_int_eq(seq->obj->force_page_count, QR_FORCE_END_ON_EVEN);
	ck_assert_int_eq(qr_fo_master_uses_last(seq), 0);
	qr_fo_doc_free(d);
}
END_TEST

START_TEST(dump_and_iterate)
{
	qr_fo_doc *d = read_flow("<fo:block id=\"a\" font-size=\"9pt\">"
	    "<fo:marker marker-class-name=\"m\">t</fo:marker>x\"y</fo:block>");
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	const qr_fo *n, *root;
	int count = 0;
	ck_assert_ptr_nonnull(d);
	root = qr_fo_root(d);
	qr_fo_dump(root, fp);
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(buf, "block line=3 id=\"a\" font-size=9 "
	    "line-height=10.8\n"));
	ck_assert_ptr_nonnull(strstr(buf, "marker line=3 "
	    "marker-class-name=\"m\"\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\"x\\\"y\"\n"));
	free(buf);
	for (n = root; n != NULL; n = qr_fo_next_preorder(n, root, 0))
		count++;
	/* root lms spm body before after start ps flow block marker t x */
	ck_assert_int_eq(count, 13);
	ck_assert_int_eq(qr_fo_first_marker(byid(d, "a"))->first_child->text[0],
	    't');
	ck_assert_str_eq(qr_fo_type_name(FO_TABLE_CELL), "table-cell");
	ck_assert(qr_fo_type_is_block(FO_LIST_BLOCK));
	ck_assert(qr_fo_type_is_inline(FO_PAGE_NUMBER_CITATION));
	ck_assert(!qr_fo_type_is_inline(FO_BLOCK));
	qr_fo_doc_free(d);
}
END_TEST

START_TEST(marker_restyle)
{
	const char *fo = "<fo:root " NS ">" LMS
	    "<fo:page-sequence master-reference=\"p\">"
	    "<fo:static-content flow-name=\"xsl-region-before\">"
	    "<fo:block id=\"hdr\" font-size=\"8pt\" color=\"blue\">"
	    "<fo:retrieve-marker id=\"rm\" retrieve-class-name=\"c\"/>"
	    "</fo:block></fo:static-content>"
	    "<fo:flow flow-name=\"xsl-region-body\">"
	    "<fo:block font-size=\"20pt\" font-weight=\"bold\">"
	    "<fo:marker id=\"mk\" marker-class-name=\"c\">Sec "
	    "<fo:inline id=\"in\" font-size=\"150%\" space-start=\"1em\">"
	    "one</fo:inline></fo:marker>body</fo:block>"
	    "</fo:flow></fo:page-sequence></fo:root>";
	qr_fo_doc *d = read_fo(fo);
	const qr_fo *mk, *rm, *cp, *cp2, *in;
	ck_assert_ptr_nonnull(d);
	mk = byid(d, "mk");
	rm = byid(d, "rm");
	in = byid(d, "in");
	/* in the flow: 20pt bold */
	near(in->inh->font_size, 30);
	ck_assert_int_eq(in->inh->font_weight, 700);
	cp = qr_fo_marker_restyle(d, mk, rm);
	ck_assert_ptr_nonnull(cp);
	ck_assert_int_eq(cp->type, FO_MARKER);
	ck_assert_str_eq(cp->obj->marker_class_name, "c");
	ck_assert_ptr_eq(cp->parent, rm);
	ck_assert_int_eq(cp->first_child->type, FO_TEXT);
	ck_assert_str_eq(cp->first_child->text, "Sec ");
	near(cp->first_child->inh->font_size, 8);
	near(cp->first_child->inh->color.b, 1);
	ck_assert_int_eq(cp->last_child->type, FO_INLINE);
	/* restyled in the header: 150% of 8pt, not bold, em of 12pt */
	near(cp->last_child->inh->font_size, 12);
	ck_assert_int_eq(cp->last_child->inh->font_weight, 400);
	near(cp->last_child->box->space_start.pt, 12);
	ck_assert_str_eq(cp->last_child->id, "in");
	ck_assert_ptr_eq(cp->last_child->parent, cp);
	ck_assert_str_eq(cp->last_child->first_child->text, "one");
	/* made once per pair; ids still find the original */
	cp2 = qr_fo_marker_restyle(d, mk, rm);
	ck_assert_ptr_eq(cp, cp2);
	ck_assert_ptr_eq(qr_fo_find_id(d, "in"), in);
	ck_assert_int_eq(nerr + nwarn, 0);
	qr_fo_doc_free(d);
}
END_TEST

/* Marker content with an fo:inline mixing text with a block is split when
 * it is copied for a retrieve-marker, as the same inline in the flow is
 * when read; the marker itself keeps its content whole. */
START_TEST(marker_restyle_splits)
{
	const char *fo = "<fo:root " NS ">" LMS
	    "<fo:page-sequence master-reference=\"p\">"
	    "<fo:static-content flow-name=\"xsl-region-before\">"
	    "<fo:block><fo:retrieve-marker id=\"rm\" retrieve-class-name="
	    "\"c\"/></fo:block></fo:static-content>"
	    "<fo:flow flow-name=\"xsl-region-body\"><fo:block>"
	    "<fo:marker id=\"mk\" marker-class-name=\"c\">A "
	    "<fo:inline id=\"in\" font-style=\"italic\">x <fo:block "
	    "id=\"nb\">b</fo:block> y</fo:inline> Z</fo:marker>body"
	    "</fo:block></fo:flow></fo:page-sequence></fo:root>";
	qr_fo_doc *d = read_fo(fo);
	const qr_fo *mk, *cp, *c;
	int k;

	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(nerr + nwarn, 0);
	mk = byid(d, "mk");
	/* read: the marker's inline is whole */
	ck_assert_ptr_eq(mk->first_child->next, byid(d, "in"));
	ck_assert_ptr_null(byid(d, "in")->piece_of);
	cp = qr_fo_marker_restyle(d, mk, byid(d, "rm"));
	ck_assert_ptr_nonnull(cp);
	ck_assert_str_eq(cp->first_child->text, "A ");
	c = cp->first_child->next;
	for (k = 0; k < 3; k++, c = c->next) {
		ck_assert_int_eq(c->type, FO_INLINE);
		ck_assert_ptr_nonnull(c->piece_of);
		ck_assert_ptr_eq(c->parent, cp);
		ck_assert_int_eq(c->blocklike, k == 1);
		ck_assert_int_eq(c->inh->font_italic, 1);
	}
	ck_assert_int_eq(cp->first_child->next->next->first_child->type,
	    FO_BLOCK);
	ck_assert_str_eq(c->text, " Z");
	ck_assert_ptr_eq(mk->first_child->next, byid(d, "in"));
	qr_fo_doc_free(d);
}
END_TEST

/* Indents and spaces as FOP 2.8 computes them for the same FO (its area
 * tree's start-indent, end-indent and space-before, in millipoints):
 * margins win over specified indents and spaces, reference areas restart,
 * lists and tables inherit. */
START_TEST(indents_match_fop)
{
	static const char fo[] =
	    "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\">\n"
	    "  <fo:layout-master-set>\n"
	    "    <fo:simple-page-master master-name=\"A4\" page-width=\"210mm\" page-height=\"297mm\" margin=\"20mm\">\n"
	    "      <fo:region-body/>\n"
	    "    </fo:simple-page-master>\n"
	    "  </fo:layout-master-set>\n"
	    "  <fo:page-sequence master-reference=\"A4\">\n"
	    "    <fo:flow flow-name=\"xsl-region-body\">\n"
	    "      <fo:block id=\"a\" margin-left=\"1in\" margin-right=\"0.5in\">a\n"
	    "        <fo:block id=\"b\" font-size=\"10pt\" margin=\"1em 2em\" border=\"1pt solid\" padding=\"2pt\">b\n"
	    "          <fo:block id=\"c\" start-indent=\"5mm\" end-indent=\"from-parent(end-indent) + 3pt\">c</fo:block>\n"
	    "          <fo:block id=\"d\" margin-left=\"-5pt\" margin-right=\"1.5em\" border-start-width=\"3pt\" border-start-style=\"solid\" padding-end=\"4pt\">d</fo:block>\n"
	    "          <fo:block id=\"e\" padding-left=\"6pt\">e</fo:block>\n"
	    "        </fo:block>\n"
	    "        <fo:block-container id=\"f\" margin-left=\"15pt\" border-left=\"2pt solid\" padding-left=\"1pt\">\n"
	    "          <fo:block id=\"g\">g</fo:block>\n"
	    "          <fo:block id=\"h\" margin-left=\"4pt\">h</fo:block>\n"
	    "        </fo:block-container>\n"
	    "        <fo:table id=\"t\" margin-left=\"12pt\" table-layout=\"fixed\" width=\"300pt\">\n"
	    "          <fo:table-column column-width=\"150pt\" number-columns-repeated=\"2\"/>\n"
	    "          <fo:table-body>\n"
	    "            <fo:table-row>\n"
	    "              <fo:table-cell padding=\"3pt\" border=\"1pt solid\"><fo:block id=\"i\">i</fo:block></fo:table-cell>\n"
	    "              <fo:table-cell><fo:block id=\"j\" start-indent=\"0pt\" margin-right=\"2pt\">j</fo:block></fo:table-cell>\n"
	    "            </fo:table-row>\n"
	    "          </fo:table-body>\n"
	    "        </fo:table>\n"
	    "        <fo:list-block id=\"l\" margin-left=\"8pt\" provisional-distance-between-starts=\"30pt\">\n"
	    "          <fo:list-item>\n"
	    "            <fo:list-item-label end-indent=\"label-end()\"><fo:block id=\"k\">1</fo:block></fo:list-item-label>\n"
	    "            <fo:list-item-body start-indent=\"body-start()\"><fo:block id=\"m\" margin-left=\"2pt\">body</fo:block></fo:list-item-body>\n"
	    "          </fo:list-item>\n"
	    "        </fo:list-block>\n"
	    "        <fo:block id=\"n\" space-before=\"3pt\" margin-top=\"9pt\" margin-left=\"2cm\" start-indent=\"1cm\">n</fo:block>\n"
	    "      </fo:block>\n"
	    "    </fo:flow>\n"
	    "  </fo:page-sequence>\n"
	    "</fo:root>\n";
	static const struct { const char *id; double si, ei; } want[] = {
		{"a", 72000, 36000}, {"b", 95000, 59000}, {"c", 14173, 62000},
		{"d", 93000, 78000}, {"e", 95000, 59000}, {"g", 18000, 36000},
		{"h", 22000, 36000}, {"t", 84000, 36000}, {"i", 84000, 36000},
		{"j", 0, 38000}, {"l", 80000, 36000}, {"n", 128692, 36000},
	};
	qr_fo_doc *d = read_fo(fo);
	const qr_fo *m;
	size_t i;
	ck_assert_ptr_nonnull(d);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		const qr_fo *n = byid(d, want[i].id);
		ck_assert_msg(qr_fo_len_is_abs(n->inh->start_indent), "%s",
		    want[i].id);
		ck_assert_msg(fabs(n->inh->start_indent.pt * 1000 - want[i].si) < 2,
		    "%s: start-indent %.3f, FOP %.0f", want[i].id,
		    n->inh->start_indent.pt * 1000, want[i].si);
		ck_assert_msg(fabs(n->inh->end_indent.pt * 1000 - want[i].ei) < 2,
		    "%s: end-indent %.3f, FOP %.0f", want[i].id,
		    n->inh->end_indent.pt * 1000, want[i].ei);
	}
	/* FOP: k's end-indent 377891 = label-end() on a 481891 body:
	 * 481891 - (80000 + 30000 - 6000) */
	near(qr_fo_len_resolve(byid(d, "k")->inh->end_indent, 481.891,
	    481.891 - (80 + 30 - 6), 110), 377.891);
	/* m: body-start() + 2pt = 112000 */
	m = byid(d, "m");
	near(qr_fo_len_resolve(m->inh->start_indent, 481.891, 0, 80 + 30), 112);
	/* space-before: margin-top 9pt beats space-before 3pt; b's 1em */
	near(byid(d, "n")->box->space_before.opt.pt, 9);
	near(byid(d, "b")->box->space_before.opt.pt, 10);
	ck_assert_int_eq(nerr + nwarn, 0);
	qr_fo_doc_free(d);
}
END_TEST

/* A big flat document reads in linear time without trouble. */
START_TEST(many_blocks)
{
	size_t n = 20000, i, cap = n * 80 + 1024, len = 0;
	char *buf = malloc(cap);
	qr_fo_doc *d;
	const qr_fo *k;
	ck_assert_ptr_nonnull(buf);
	len += (size_t)snprintf(buf + len, cap - len, "<fo:root " NS ">" LMS
	    "<fo:page-sequence master-reference=\"p\">"
	    "<fo:flow flow-name=\"xsl-region-body\">");
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len,
		    "<fo:block id=\"b%zu\" space-after=\"3pt\">w %zu</fo:block>",
		    i, i);
	len += (size_t)snprintf(buf + len, cap - len,
	    "</fo:flow></fo:page-sequence></fo:root>");
	d = qr_fo_read_memory(q, buf, len, "big.fo");
	free(buf);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(byid(d, "b19999")->line, 2);
	for (i = 0, k = qr_fo_first_page_sequence(d)->flow->first_child;
	    k != NULL; k = k->next)
		i++;
	ck_assert_uint_eq(i, n);
	qr_fo_doc_free(d);
}
END_TEST

/* Many masters, static-contents and page-sequences: no quadratic work
 * (this took seconds when each check scanned its siblings). */
START_TEST(many_sequences)
{
	size_t n = 5000, i, cap = n * 400 + 4096, len = 0;
	char *buf = malloc(cap);
	qr_fo_doc *d;
	const qr_fo *s;
	double t0;
	ck_assert_ptr_nonnull(buf);
	len += (size_t)snprintf(buf + len, cap - len, "<fo:root " NS ">"
	    "<fo:layout-master-set>");
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len,
		    "<fo:simple-page-master master-name=\"m%zu\">"
		    "<fo:region-body/></fo:simple-page-master>", i);
	len += (size_t)snprintf(buf + len, cap - len,
	    "<fo:page-sequence-master master-name=\"s\">");
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len,
		    "<fo:single-page-master-reference master-reference=\"m%zu\"/>",
		    i);
	len += (size_t)snprintf(buf + len, cap - len,
	    "</fo:page-sequence-master></fo:layout-master-set>"
	    "<fo:page-sequence master-reference=\"s\">");
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len,
		    "<fo:static-content flow-name=\"f%zu\"/>", i);
	len += (size_t)snprintf(buf + len, cap - len, FLOW "</fo:page-sequence>");
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len,
		    "<fo:page-sequence master-reference=\"s\">" FLOW
		    "</fo:page-sequence>");
	len += (size_t)snprintf(buf + len, cap - len, "</fo:root>");
	t0 = qr_now();
	d = qr_fo_read_memory(q, buf, len, "many.fo");
	free(buf);
	ck_assert_ptr_nonnull(d);
	ck_assert_msg(qr_now() - t0 < 10, "took %.1f s", qr_now() - t0);
	for (i = 0, s = qr_fo_first_page_sequence(d); s != NULL;
	    s = qr_fo_next_page_sequence(s))
		i++;
	ck_assert_uint_eq(i, n + 1);
	s = qr_fo_first_page_sequence(d);
	ck_assert_str_eq(qr_fo_select_master(s, 4321, 0, 0, 0, 0)->obj->master_name,
	    "m4321");
	ck_assert_ptr_eq(qr_fo_find_master(d, "m77"),
	    qr_fo_select_master(s, 77, 0, 0, 0, 0));
	ck_assert_ptr_nonnull(qr_fo_static_content(s, "f4999"));
	qr_fo_doc_free(d);
}
END_TEST

static Suite *
fo_suite(void)
{
	Suite *s = suite_create("fo");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, inheritance);
	tcase_add_test(tc, margins_to_indents);
	tcase_add_test(tc, shorthands);
	tcase_add_test(tc, units);
	tcase_add_test(tc, expressions);
	tcase_add_test(tc, expressions_in_tree);
	tcase_add_test(tc, line_height);
	tcase_add_test(tc, font_size_keywords);
	tcase_add_test(tc, colours);
	tcase_add_test(tc, bad_colour_is_warning);
	tcase_add_test(tc, keeps_breaks);
	tcase_add_test(tc, text_props);
	tcase_add_test(tc, unknowns_warn_and_keep);
	tcase_add_test(tc, unknowns_reported_once);
	tcase_add_test(tc, styles_shared);
	tcase_add_test(tc, anonymous_block);
	tcase_add_test(tc, structure_errors);
	tcase_add_test(tc, duplicate_id_warns);
	tcase_add_test(tc, geometry);
	tcase_add_test(tc, geometry_percent);
	tcase_add_test(tc, master_selection);
	tcase_add_test(tc, exhausted_masters);
	tcase_add_test(tc, inline_with_blocks_split);
	tcase_add_test(tc, wrapper_with_blocks_split);
	tcase_add_test(tc, link_with_blocks_split);
	tcase_add_test(tc, dump_and_iterate);
	tcase_add_test(tc, marker_restyle);
	tcase_add_test(tc, marker_restyle_splits);
	tcase_add_test(tc, indents_match_fop);
	tcase_add_test(tc, many_blocks);
	tcase_add_test(tc, many_sequences);
	tcase_add_test(tc, misspelt_names);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(fo_suite());
	int failed;
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
