/* fo_dump.c: a text dump of the FO tree with the computed properties that
 * differ from the parent's (inherited) or the initial values (others),
 * for tests and debugging. Numbers never depend on the locale. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fo_int.h"

/* A number with up to 3 decimals, no locale. */
static void
S_num(FILE *fp, double x)
{
	long long v = llround(x * 1000.0);
	if (v < 0) {
		fputc('-', fp);
		v = -v;
	}
	fprintf(fp, "%lld", v / 1000);
	if (v % 1000) {
		int f = (int)(v % 1000);
		if (f % 100 == 0)
			fprintf(fp, ".%d", f / 100);
		else if (f % 10 == 0)
			fprintf(fp, ".%02d", f / 10);
		else
			fprintf(fp, ".%03d", f);
	}
}

static void
S_len(FILE *fp, qr_fo_len l)
{
	int any = 0;
	if (l.pt != 0 || qr_fo_len_is_abs(l)) {
		S_num(fp, l.pt);
		fputs("pt", fp);
		any = 1;
	}
	if (l.pct != 0) {
		if (any && l.pct > 0) fputc('+', fp);
		S_num(fp, l.pct * 100);
		fputc('%', fp);
		any = 1;
	}
	if (l.label_end != 0) {
		if (any && l.label_end > 0) fputc('+', fp);
		S_num(fp, l.label_end);
		fputs("*label-end", fp);
		any = 1;
	}
	if (l.body_start != 0) {
		if (any && l.body_start > 0) fputc('+', fp);
		S_num(fp, l.body_start);
		fputs("*body-start", fp);
	}
}

static int
S_leneq(qr_fo_len a, qr_fo_len b)
{
	return a.pt == b.pt && a.pct == b.pct && a.label_end == b.label_end &&
	    a.body_start == b.body_start;
}

static int
S_iszero(qr_fo_len a)
{
	return a.pt == 0 && a.pct == 0 && a.label_end == 0 && a.body_start == 0;
}

static void
S_color(FILE *fp, qr_color c)
{
	fprintf(fp, "#%02x%02x%02x", (int)lround(c.r * 255),
	    (int)lround(c.g * 255), (int)lround(c.b * 255));
}

static int
S_coleq(qr_color a, qr_color b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

static void
S_size(FILE *fp, qr_fo_size z)
{
	if (z.kind == QR_SIZE_AUTO)
		fputs("auto", fp);
	else if (z.kind == QR_SIZE_PROPORTIONAL) {
		S_num(fp, z.prop);
		fputs("*proportional", fp);
		if (!S_iszero(z.len)) {
			fputc('+', fp);
			S_len(fp, z.len);
		}
	} else
		S_len(fp, z.len);
}

static void
S_keep(FILE *fp, const char *name, qr_fo_keep k)
{
	int v[3] = {k.within_line, k.within_column, k.within_page};
	int i;
	if (!v[0] && !v[1] && !v[2])
		return;
	fprintf(fp, " %s=", name);
	for (i = 0; i < 3; i++) {
		if (i)
			fputc('/', fp);
		if (v[i] == INT_MAX)
			fputs("always", fp);
		else if (v[i] == 0)
			fputs("auto", fp);
		else
			fprintf(fp, "%d", v[i]);
	}
}

static void
S_space(FILE *fp, const char *name, const qr_fo_space *s)
{
	if (S_iszero(s->min) && S_iszero(s->opt) && S_iszero(s->max) &&
	    !s->retain && !s->precedence)
		return;
	fprintf(fp, " %s=", name);
	S_len(fp, s->min);
	fputc('/', fp);
	S_len(fp, s->opt);
	fputc('/', fp);
	S_len(fp, s->max);
	if (s->retain)
		fputs(",retain", fp);
	if (s->precedence == INT_MAX)
		fputs(",force", fp);
	else if (s->precedence)
		fprintf(fp, ",prec=%d", s->precedence);
}

static const char *const S_sides[4] = {"top", "bottom", "left", "right"};
static const char *const S_styles[] = {"none", "hidden", "solid", "dashed",
    "dotted", "double", "groove", "ridge", "inset", "outset"};
static const char *const S_aligns[] = {"start", "center", "end", "justify",
    "inside", "outside", "left", "right", "relative"};
static const char *const S_breaks[] = {"auto", "column", "page",
    "even-page", "odd-page"};

static void
S_inh(FILE *fp, const qr_fo_inherited *i, const qr_fo_inherited *p)
{
	if (i == p)
		return;
	if (strcmp(i->font_family, p->font_family) != 0)
		fprintf(fp, " font-family=\"%s\"", i->font_family);
	if (i->font_size != p->font_size) {
		fputs(" font-size=", fp);
		S_num(fp, i->font_size);
	}
	if (i->font_weight != p->font_weight)
		fprintf(fp, " font-weight=%d", i->font_weight);
	if (i->font_italic != p->font_italic)
		fprintf(fp, " italic=%d", i->font_italic);
	if (!S_coleq(i->color, p->color)) {
		fputs(" color=", fp);
		S_color(fp, i->color);
	}
	if (i->line_height_pt != p->line_height_pt) {
		fputs(" line-height=", fp);
		S_num(fp, i->line_height_pt);
	}
	if (i->text_align != p->text_align)
		fprintf(fp, " text-align=%s", S_aligns[i->text_align]);
	if (i->text_align_last != p->text_align_last)
		fprintf(fp, " text-align-last=%s", S_aligns[i->text_align_last]);
#define LEN(f, nm) if (!S_leneq(i->f, p->f)) { fputs(" " nm "=", fp); S_len(fp, i->f); }
	LEN(text_indent, "text-indent")
	LEN(last_line_end_indent, "last-line-end-indent")
	LEN(start_indent, "start-indent")
	LEN(end_indent, "end-indent")
	LEN(provisional_distance_between_starts, "pdbs")
	LEN(provisional_label_separation, "pls")
#undef LEN
	if (i->white_space_collapse != p->white_space_collapse)
		fprintf(fp, " ws-collapse=%d", (int)i->white_space_collapse);
	if (i->white_space_treatment != p->white_space_treatment)
		fprintf(fp, " ws-treatment=%d", (int)i->white_space_treatment);
	if (i->linefeed_treatment != p->linefeed_treatment)
		fprintf(fp, " linefeed=%d", (int)i->linefeed_treatment);
	if (i->wrap != p->wrap)
		fprintf(fp, " wrap=%d", i->wrap);
	if (i->hyphenate != p->hyphenate)
		fprintf(fp, " hyphenate=%d", i->hyphenate);
	if (i->language != p->language && i->language != NULL)
		fprintf(fp, " language=%s", i->language);
	if (i->country != p->country && i->country != NULL)
		fprintf(fp, " country=%s", i->country);
	if (i->hyphenation_character != p->hyphenation_character)
		fprintf(fp, " hyph-char=U+%04X", i->hyphenation_character);
	if (i->hyphenation_push != p->hyphenation_push ||
	    i->hyphenation_remain != p->hyphenation_remain)
		fprintf(fp, " hyph-push/remain=%d/%d", i->hyphenation_push,
		    i->hyphenation_remain);
	if (memcmp(&i->keep_together, &p->keep_together,
	    sizeof i->keep_together) != 0)
		S_keep(fp, "keep-together", i->keep_together);
	if (i->display_align != p->display_align)
		fprintf(fp, " display-align=%d", (int)i->display_align);
	if (i->widows != p->widows || i->orphans != p->orphans)
		fprintf(fp, " widows/orphans=%d/%d", i->widows, i->orphans);
	if (i->text_decoration != p->text_decoration)
		fprintf(fp, " decoration=%u", i->text_decoration);
	if (i->leader_pattern != p->leader_pattern)
		fprintf(fp, " leader-pattern=%d", (int)i->leader_pattern);
	if (memcmp(&i->leader_length, &p->leader_length,
	    sizeof i->leader_length) != 0) {
		fputs(" leader-length=", fp);
		S_size(fp, i->leader_length.min);
		fputc('/', fp);
		S_size(fp, i->leader_length.opt);
		fputc('/', fp);
		S_size(fp, i->leader_length.max);
	}
	if (i->rule_thickness != p->rule_thickness) {
		fputs(" rule-thickness=", fp);
		S_num(fp, i->rule_thickness);
	}
	if (i->border_collapse != p->border_collapse)
		fprintf(fp, " border-collapse=%d", i->border_collapse);
	if (i->border_separation_ipd != p->border_separation_ipd ||
	    i->border_separation_bpd != p->border_separation_bpd) {
		fputs(" border-separation=", fp);
		S_num(fp, i->border_separation_ipd);
		fputc('/', fp);
		S_num(fp, i->border_separation_bpd);
	}
}

static void
S_box(FILE *fp, const qr_fo_box *b, const qr_fo_box *def)
{
	int s;
	if (b == def)
		return;
	S_space(fp, "space-before", &b->space_before);
	S_space(fp, "space-after", &b->space_after);
	if (!S_iszero(b->space_start)) {
		fputs(" space-start=", fp);
		S_len(fp, b->space_start);
	}
	if (!S_iszero(b->space_end)) {
		fputs(" space-end=", fp);
		S_len(fp, b->space_end);
	}
	for (s = 0; s < 4; s++) {
		const qr_fo_border *x = &b->border[s];
		if (x->style != QR_BORDER_NONE) {
			fprintf(fp, " border-%s=", S_sides[s]);
			S_num(fp, x->width);
			fprintf(fp, ",%s,", S_styles[x->style]);
			S_color(fp, x->color);
			if (x->retain)
				fputs(",retain", fp);
		}
	}
	for (s = 0; s < 4; s++)
		if (!S_iszero(b->padding[s].len) || b->padding[s].retain) {
			fprintf(fp, " padding-%s=", S_sides[s]);
			S_len(fp, b->padding[s].len);
			if (b->padding[s].retain)
				fputs(",retain", fp);
		}
	for (s = 0; s < 4; s++)
		if (!S_iszero(b->margin[s])) {
			fprintf(fp, " margin-%s=", S_sides[s]);
			S_len(fp, b->margin[s]);
		}
	if (b->has_background) {
		fputs(" background=", fp);
		S_color(fp, b->background_color);
	}
	if (b->break_before)
		fprintf(fp, " break-before=%s", S_breaks[b->break_before]);
	if (b->break_after)
		fprintf(fp, " break-after=%s", S_breaks[b->break_after]);
	S_keep(fp, "keep-with-next", b->keep_with_next);
	S_keep(fp, "keep-with-previous", b->keep_with_previous);
	if (b->ipd.min.kind || b->ipd.opt.kind || b->ipd.max.kind) {
		fputs(" ipd=", fp);
		S_size(fp, b->ipd.min);
		fputc('/', fp);
		S_size(fp, b->ipd.opt);
		fputc('/', fp);
		S_size(fp, b->ipd.max);
	}
	if (b->bpd.min.kind || b->bpd.opt.kind || b->bpd.max.kind) {
		fputs(" bpd=", fp);
		S_size(fp, b->bpd.min);
		fputc('/', fp);
		S_size(fp, b->bpd.opt);
		fputc('/', fp);
		S_size(fp, b->bpd.max);
	}
	if (b->baseline_shift_kind == QR_SHIFT_SUPER)
		fputs(" baseline-shift=super", fp);
	else if (b->baseline_shift_kind == QR_SHIFT_SUB)
		fputs(" baseline-shift=sub", fp);
	else if (b->baseline_shift_kind == QR_SHIFT_LEN) {
		fputs(" baseline-shift=", fp);
		S_len(fp, b->baseline_shift);
	}
}

static void
S_str(FILE *fp, const char *name, const char *v)
{
	if (v != NULL)
		fprintf(fp, " %s=\"%s\"", name, v);
}

static void
S_obj(FILE *fp, const qr_fo *n)
{
	const qr_fo_obj *o = n->obj;
	S_str(fp, "name", o->unknown_name);
	S_str(fp, "master-name", o->master_name);
	S_str(fp, "master-reference", o->master_reference);
	S_str(fp, "region-name", o->region_name);
	S_str(fp, "flow-name", o->flow_name);
	S_str(fp, "internal-destination", o->internal_destination);
	S_str(fp, "external-destination", o->external_destination);
	S_str(fp, "ref-id", o->ref_id);
	S_str(fp, "src", o->src);
	S_str(fp, "character", o->character);
	S_str(fp, "marker-class-name", o->marker_class_name);
	S_str(fp, "retrieve-class-name", o->retrieve_class_name);
	switch (n->type) {
	case FO_SIMPLE_PAGE_MASTER:
		fputs(" page=", fp);
		S_num(fp, o->page_width);
		fputc('x', fp);
		S_num(fp, o->page_height);
		break;
	case FO_REGION_BEFORE: case FO_REGION_AFTER:
	case FO_REGION_START: case FO_REGION_END:
		fputs(" extent=", fp);
		S_num(fp, o->extent);
		if (o->precedence)
			fputs(" precedence", fp);
		break;
	case FO_REPEATABLE_PAGE_MASTER_REFERENCE:
	case FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES:
		fprintf(fp, " maximum-repeats=%d", o->maximum_repeats);
		break;
	case FO_CONDITIONAL_PAGE_MASTER_REFERENCE:
		fprintf(fp, " position=%d odd-even=%d blank=%d",
		    (int)o->page_position, (int)o->odd_or_even,
		    (int)o->blank_or_not_blank);
		break;
	case FO_PAGE_SEQUENCE:
		if (o->initial_page_kind == QR_INITIAL_NUMBER)
			fprintf(fp, " initial-page-number=%d",
			    o->initial_page_number);
		else if (o->initial_page_kind)
			fprintf(fp, " initial-page-number=auto%s",
			    o->initial_page_kind == QR_INITIAL_AUTO_ODD ?
			    "-odd" : "-even");
		if (o->force_page_count)
			fprintf(fp, " force-page-count=%d",
			    (int)o->force_page_count);
		if (strcmp(o->format, "1") != 0)
			S_str(fp, "format", o->format);
		break;
	case FO_TABLE:
		if (o->table_layout_fixed)
			fputs(" table-layout=fixed", fp);
		if (o->table_omit_header_at_break)
			fputs(" omit-header", fp);
		if (o->table_omit_footer_at_break)
			fputs(" omit-footer", fp);
		break;
	case FO_TABLE_COLUMN:
		fputs(" column-width=", fp);
		S_size(fp, o->column_width);
		if (o->number_columns_repeated != 1)
			fprintf(fp, " repeated=%d", o->number_columns_repeated);
		if (o->column_number)
			fprintf(fp, " column-number=%d", o->column_number);
		break;
	case FO_TABLE_CELL:
		if (o->number_columns_spanned != 1)
			fprintf(fp, " columns-spanned=%d",
			    o->number_columns_spanned);
		if (o->number_rows_spanned != 1)
			fprintf(fp, " rows-spanned=%d", o->number_rows_spanned);
		if (o->column_number)
			fprintf(fp, " column-number=%d", o->column_number);
		break;
	case FO_EXTERNAL_GRAPHIC:
		if (o->content_width.kind) {
			fputs(" content-width=", fp);
			S_size(fp, o->content_width);
		}
		if (o->content_height.kind) {
			fputs(" content-height=", fp);
			S_size(fp, o->content_height);
		}
		if (o->scale_to_fit_width || o->scale_to_fit_height)
			fputs(" scale-to-fit", fp);
		break;
	case FO_RETRIEVE_MARKER:
		fprintf(fp, " position=%d boundary=%d",
		    (int)o->retrieve_position, (int)o->retrieve_boundary);
		break;
	case FO_BOOKMARK:
		if (!o->starting_state_show)
			fputs(" starting-state=hide", fp);
		break;
	default:
		break;
	}
}

static void
S_dump(const qr_fo *n, FILE *fp, int depth, const qr_fo_inherited *pinh,
    const qr_fo_box *defbox)
{
	const qr_fo *k;
	int i;
	for (i = 0; i < depth; i++)
		fputs("  ", fp);
	if (n->type == FO_TEXT) {
		const char *s;
		fputc('"', fp);
		for (s = n->text; *s; s++) {
			if (*s == '\n')
				fputs("\\n", fp);
			else if (*s == '"' || *s == '\\')
				fprintf(fp, "\\%c", *s);
			else if (*s == '\t')
				fputs("\\t", fp);
			else
				fputc(*s, fp);
		}
		fputs("\"\n", fp);
		return;
	}
	fprintf(fp, "%s line=%d", qr_fo_type_name(n->type), n->line);
	if (n->id != NULL)
		fprintf(fp, " id=\"%s\"", n->id);
	if (n->blocklike)
		fputs(" blocklike", fp);
	if (n->piece_of != NULL)
		fprintf(fp, " piece-of=%d%s%s", n->piece_of->line,
		    n->piece_first ? " first" : "", n->piece_last ? " last" : "");
	S_inh(fp, n->inh, pinh);
	S_box(fp, n->box, defbox);
	S_obj(fp, n);
	fputc('\n', fp);
	for (k = n->first_child; k != NULL; k = k->next)
		S_dump(k, fp, depth + 1, n->inh, defbox);
}

void
qr_fo_dump(const qr_fo *n, FILE *fp)
{
	S_dump(n, fp, 0, n->parent != NULL ? n->parent->inh :
	    qr_fo_default_inherited(), qr_fo_default_box());
}
