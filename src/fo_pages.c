/* fo_pages.c: page masters for layout: which simple-page-master a page of
 * a page-sequence uses (XSL 6.4.7-6.4.13), page and region geometry, and
 * the static-content that fills each region. */
#include <string.h>

#include "fo_int.h"

static int
S_cond_ok(const qr_fo *c, int is_first, int is_last, int is_odd,
    int is_blank)
{
	const qr_fo_obj *o = c->obj;
	switch (o->page_position) {
	case QR_POS_ANY: break;
	case QR_POS_FIRST: if (!is_first) return 0; break;
	/* "rest" as FOP reads it: any page but the first. */
	case QR_POS_REST: if (is_first) return 0; break;
	case QR_POS_LAST: if (!is_last) return 0; break;
	case QR_POS_ONLY: if (!is_first || !is_last) return 0; break;
	}
	if (o->odd_or_even == QR_OE_ODD && !is_odd)
		return 0;
	if (o->odd_or_even == QR_OE_EVEN && is_odd)
		return 0;
	if (o->blank_or_not_blank == QR_BLANK_BLANK && !is_blank)
		return 0;
	if (o->blank_or_not_blank == QR_BLANK_NOT_BLANK && is_blank)
		return 0;
	return 1;
}

/* The sub-sequence specifier page_index falls in, or NULL when the
 * page-sequence-master is exhausted. */
static const qr_fo *
S_subseq(const qr_fo *psm, int page_index, const qr_fo **last)
{
	const qr_fo *k;
	long left = page_index;
	*last = NULL;
	for (k = psm->first_child; k != NULL; k = k->next) {
		long n;
		if (k->type != FO_SINGLE_PAGE_MASTER_REFERENCE &&
		    k->type != FO_REPEATABLE_PAGE_MASTER_REFERENCE &&
		    k->type != FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES)
			continue;
		*last = k;
		n = k->type == FO_SINGLE_PAGE_MASTER_REFERENCE ? 1 :
		    k->obj->maximum_repeats;
		if (n < 0 || left < n)
			return k;
		left -= n;
	}
	return NULL;
}

static const qr_fo *
S_from_subseq(const qr_fo *k, int is_first, int is_last, int is_odd,
    int is_blank)
{
	const qr_fo *c, *fallback = NULL;
	if (k == NULL)
		return NULL;
	if (k->type != FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES)
		return k->master;
	for (c = k->first_child; c != NULL; c = c->next) {
		if (c->type != FO_CONDITIONAL_PAGE_MASTER_REFERENCE)
			continue;
		if (fallback == NULL)
			fallback = c->master;
		if (S_cond_ok(c, is_first, is_last, is_odd, is_blank))
			return c->master;
	}
	/* No alternative qualifies: XSL leaves it to us; use the first
	 * rather than fail the page. */
	return fallback;
}

static const qr_fo *
S_any_spm(const qr_fo *m)
{
	const qr_fo *k, *c;
	for (k = m->first_child; k != NULL; k = k->next) {
		if (k->master != NULL)
			return k->master;
		for (c = k->first_child; c != NULL; c = c->next)
			if (c->master != NULL)
				return c->master;
	}
	return NULL;
}

const qr_fo *
qr_fo_select_master(const qr_fo *seq, int page_index, int is_first,
    int is_last, int is_odd, int is_blank)
{
	const qr_fo *m, *k, *last, *r;
	if (seq == NULL || (m = seq->master) == NULL)
		return NULL;
	if (m->type == FO_SIMPLE_PAGE_MASTER)
		return m;
	k = S_subseq(m, page_index < 0 ? 0 : page_index, &last);
	if (k == NULL)
		k = last;  /* exhausted: the last sub-sequence repeats */
	r = S_from_subseq(k, is_first, is_last, is_odd, is_blank);
	return r != NULL ? r : S_any_spm(m);
}

int
qr_fo_masters_exhausted(const qr_fo *seq, int page_index)
{
	const qr_fo *last;
	if (seq == NULL || seq->master == NULL ||
	    seq->master->type == FO_SIMPLE_PAGE_MASTER)
		return 0;
	return S_subseq(seq->master, page_index, &last) == NULL;
}

int
qr_fo_master_uses_last(const qr_fo *seq)
{
	const qr_fo *k, *c;
	if (seq == NULL || seq->master == NULL ||
	    seq->master->type == FO_SIMPLE_PAGE_MASTER)
		return 0;
	for (k = seq->master->first_child; k != NULL; k = k->next)
		for (c = k->first_child; c != NULL; c = c->next)
			if (c->type == FO_CONDITIONAL_PAGE_MASTER_REFERENCE &&
			    (c->obj->page_position == QR_POS_LAST ||
			    c->obj->page_position == QR_POS_ONLY))
				return 1;
	return 0;
}

double
qr_fo_page_width(const qr_fo *spm)
{
	return spm->obj->page_width;
}

double
qr_fo_page_height(const qr_fo *spm)
{
	return spm->obj->page_height;
}

/* Margins of a page master or region-body. Percentages are of the page
 * box (XSL 1.1 7.10.1, the CSS page context): left and right of the page
 * width, top and bottom of its height; a region-body's too, as FOP reads
 * "page context". */
static qr_fo_rect
S_inset(qr_fo_rect r, const qr_fo *n, const qr_fo *spm)
{
	const qr_fo_len *m = n->box->margin;
	double pw = spm->obj->page_width, ph = spm->obj->page_height;
	double t = qr_fo_len_resolve(m[QR_TOP], ph, 0, 0);
	double b = qr_fo_len_resolve(m[QR_BOTTOM], ph, 0, 0);
	double l = qr_fo_len_resolve(m[QR_LEFT], pw, 0, 0);
	double rt = qr_fo_len_resolve(m[QR_RIGHT], pw, 0, 0);
	r.x += l;
	r.y += t;
	r.w -= l + rt;
	r.h -= t + b;
	if (r.w < 0)
		r.w = 0;
	if (r.h < 0)
		r.h = 0;
	return r;
}

qr_fo_rect
qr_fo_content_rect(const qr_fo *spm)
{
	qr_fo_rect r;
	r.x = 0;
	r.y = 0;
	r.w = spm->obj->page_width;
	r.h = spm->obj->page_height;
	return S_inset(r, spm, spm);
}

qr_fo_rect
qr_fo_body_rect(const qr_fo *spm)
{
	qr_fo_rect r = qr_fo_content_rect(spm);
	if (spm->region[QR_REGION_BODY] != NULL)
		r = S_inset(r, spm->region[QR_REGION_BODY], spm);
	return r;
}

static double
S_extent(const qr_fo *spm, qr_fo_region r)
{
	return spm->region[r] != NULL ? spm->region[r]->obj->extent : 0;
}

static int
S_prec(const qr_fo *spm, qr_fo_region r)
{
	return spm->region[r] != NULL && spm->region[r]->obj->precedence;
}

qr_fo_rect
qr_fo_region_rect(const qr_fo *spm, qr_fo_region reg)
{
	qr_fo_rect c = qr_fo_content_rect(spm), r;
	double be = S_extent(spm, QR_REGION_BEFORE);
	double ae = S_extent(spm, QR_REGION_AFTER);
	double se = S_extent(spm, QR_REGION_START);
	double ee = S_extent(spm, QR_REGION_END);

	memset(&r, 0, sizeof r);
	if (reg == QR_REGION_BODY)
		return qr_fo_body_rect(spm);
	if (spm->region[reg] == NULL)
		return r;
	switch (reg) {
	case QR_REGION_BEFORE:
	case QR_REGION_AFTER:
		r.x = c.x;
		r.w = c.w;
		/* Without precedence, start and end take the corners. */
		if (!S_prec(spm, reg)) {
			r.x += se;
			r.w -= se + ee;
		}
		r.h = reg == QR_REGION_BEFORE ? be : ae;
		r.y = reg == QR_REGION_BEFORE ? c.y : c.y + c.h - ae;
		break;
	case QR_REGION_START:
	case QR_REGION_END:
		r.y = c.y;
		r.h = c.h;
		if (S_prec(spm, QR_REGION_BEFORE)) {
			r.y += be;
			r.h -= be;
		}
		if (S_prec(spm, QR_REGION_AFTER))
			r.h -= ae;
		r.w = reg == QR_REGION_START ? se : ee;
		r.x = reg == QR_REGION_START ? c.x : c.x + c.w - ee;
		break;
	default:
		break;
	}
	if (r.w < 0)
		r.w = 0;
	if (r.h < 0)
		r.h = 0;
	return r;
}

const qr_fo *
qr_fo_static_content(const qr_fo *seq, const char *flow_name)
{
	const qr_fo *k;
	if (seq == NULL || flow_name == NULL)
		return NULL;
	for (k = seq->first_child; k != NULL; k = k->next)
		if (k->type == FO_STATIC_CONTENT && k->obj->flow_name != NULL &&
		    strcmp(k->obj->flow_name, flow_name) == 0)
			return k;
	return NULL;
}

const qr_fo *
qr_fo_region_content(const qr_fo *seq, const qr_fo *spm, qr_fo_region r)
{
	static const char *const def[5] = {
		"xsl-region-body", "xsl-region-before", "xsl-region-after",
		"xsl-region-start", "xsl-region-end"
	};
	const qr_fo *reg;
	if (spm == NULL || (unsigned)r > QR_REGION_END ||
	    (reg = spm->region[r]) == NULL)
		return NULL;
	return qr_fo_static_content(seq, reg->obj->region_name != NULL ?
	    reg->obj->region_name : def[r]);
}
