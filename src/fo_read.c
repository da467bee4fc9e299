/* fo_read.c: builds the FO tree from a parsed XSL-FO document: namespace
 * checks, content models (what it repairs it reports), ids, and the links
 * from page-sequences to their masters, flows and regions. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "fo_int.h"
#include "xmlin.h"

static const char *const S_typenames[FO__COUNT] = {
	"#unknown", "#text", "root", "layout-master-set", "declarations",
	"simple-page-master", "region-body", "region-before", "region-after",
	"region-start", "region-end", "page-sequence-master",
	"single-page-master-reference", "repeatable-page-master-reference",
	"repeatable-page-master-alternatives",
	"conditional-page-master-reference", "page-sequence", "title",
	"static-content", "flow", "block", "block-container", "wrapper",
	"inline", "character", "basic-link", "leader", "page-number",
	"page-number-citation", "page-number-citation-last",
	"external-graphic", "list-block", "list-item", "list-item-label",
	"list-item-body", "table", "table-column", "table-header",
	"table-footer", "table-body", "table-row", "table-cell", "footnote",
	"footnote-body", "marker", "retrieve-marker", "bookmark-tree",
	"bookmark", "bookmark-title", "table-and-caption", "table-caption",
	"inline-container"
};

/* Element names sorted for binary search. */
static const struct {
	const char *name;
	qr_fo_type type;
} S_elems[] = {
	{"basic-link", FO_BASIC_LINK},
	{"block", FO_BLOCK},
	{"block-container", FO_BLOCK_CONTAINER},
	{"bookmark", FO_BOOKMARK},
	{"bookmark-title", FO_BOOKMARK_TITLE},
	{"bookmark-tree", FO_BOOKMARK_TREE},
	{"character", FO_CHARACTER},
	{"conditional-page-master-reference", FO_CONDITIONAL_PAGE_MASTER_REFERENCE},
	{"declarations", FO_DECLARATIONS},
	{"external-graphic", FO_EXTERNAL_GRAPHIC},
	{"flow", FO_FLOW},
	{"footnote", FO_FOOTNOTE},
	{"footnote-body", FO_FOOTNOTE_BODY},
	{"inline", FO_INLINE},
	{"inline-container", FO_INLINE_CONTAINER},
	{"layout-master-set", FO_LAYOUT_MASTER_SET},
	{"leader", FO_LEADER},
	{"list-block", FO_LIST_BLOCK},
	{"list-item", FO_LIST_ITEM},
	{"list-item-body", FO_LIST_ITEM_BODY},
	{"list-item-label", FO_LIST_ITEM_LABEL},
	{"marker", FO_MARKER},
	{"page-number", FO_PAGE_NUMBER},
	{"page-number-citation", FO_PAGE_NUMBER_CITATION},
	{"page-number-citation-last", FO_PAGE_NUMBER_CITATION_LAST},
	{"page-sequence", FO_PAGE_SEQUENCE},
	{"page-sequence-master", FO_PAGE_SEQUENCE_MASTER},
	{"region-after", FO_REGION_AFTER},
	{"region-before", FO_REGION_BEFORE},
	{"region-body", FO_REGION_BODY},
	{"region-end", FO_REGION_END},
	{"region-start", FO_REGION_START},
	{"repeatable-page-master-alternatives", FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES},
	{"repeatable-page-master-reference", FO_REPEATABLE_PAGE_MASTER_REFERENCE},
	{"retrieve-marker", FO_RETRIEVE_MARKER},
	{"root", FO_ROOT},
	{"simple-page-master", FO_SIMPLE_PAGE_MASTER},
	{"single-page-master-reference", FO_SINGLE_PAGE_MASTER_REFERENCE},
	{"static-content", FO_STATIC_CONTENT},
	{"table", FO_TABLE},
	{"table-and-caption", FO_TABLE_AND_CAPTION},
	{"table-body", FO_TABLE_BODY},
	{"table-caption", FO_TABLE_CAPTION},
	{"table-cell", FO_TABLE_CELL},
	{"table-column", FO_TABLE_COLUMN},
	{"table-footer", FO_TABLE_FOOTER},
	{"table-header", FO_TABLE_HEADER},
	{"table-row", FO_TABLE_ROW},
	{"title", FO_TITLE},
	{"wrapper", FO_WRAPPER},
};

int
qr_fo_distance(const char *a, const char *b, int max)
{
	/* Three rows of the Damerau-Levenshtein table; names are short. */
	int rows[3][64], *pp = rows[0], *p = rows[1], *c = rows[2];
	size_t la = strlen(a), lb = strlen(b), i, j;

	if (la >= 64 || lb >= 64 || (la > lb ? la - lb : lb - la) > (size_t)max)
		return max + 1;
	for (j = 0; j <= lb; j++)
		p[j] = (int)j;
	for (i = 1; i <= la; i++) {
		int *t, best;

		c[0] = (int)i;
		best = c[0];
		for (j = 1; j <= lb; j++) {
			int v = p[j - 1] + (a[i - 1] != b[j - 1]);

			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (c[j - 1] + 1 < v)
				v = c[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
		t = pp, pp = p, p = c, c = t;
	}
	return p[lb] <= max ? p[lb] : max + 1;
}

const char *
qr_fo_nearest(const char *name, const void *table, size_t n, size_t size)
{
	const char *best = NULL;
	int max = strlen(name) <= 4 ? 1 : 2, bd = max + 1;
	size_t i;

	for (i = 0; i < n; i++) {
		const char *cand = *(const char *const *)(const void *)
		    ((const char *)table + i * size);
		int d = qr_fo_distance(name, cand, max);

		if (d < bd)
			bd = d, best = cand;
	}
	return best;
}

/* The known formatting object nearest to a misspelt name, or NULL. */
static const char *
S_nearest_elem(const char *name)
{
	return qr_fo_nearest(name, S_elems, sizeof S_elems / sizeof S_elems[0],
	    sizeof S_elems[0]);
}

const char *
qr_fo_type_name(qr_fo_type t)
{
	return (unsigned)t < FO__COUNT ? S_typenames[t] : "#invalid";
}

int
qr_fo_type_is_block(qr_fo_type t)
{
	return t == FO_BLOCK || t == FO_BLOCK_CONTAINER || t == FO_TABLE ||
	    t == FO_TABLE_AND_CAPTION || t == FO_LIST_BLOCK;
}

int
qr_fo_type_is_inline(qr_fo_type t)
{
	switch (t) {
	case FO_TEXT: case FO_INLINE: case FO_CHARACTER: case FO_BASIC_LINK:
	case FO_LEADER: case FO_PAGE_NUMBER: case FO_PAGE_NUMBER_CITATION:
	case FO_PAGE_NUMBER_CITATION_LAST: case FO_EXTERNAL_GRAPHIC:
	case FO_FOOTNOTE: case FO_INLINE_CONTAINER:
		return 1;
	default:
		return 0;
	}
}

static qr_fo_type
S_elem_type(const char *name, int *known)
{
	size_t lo = 0, hi = sizeof S_elems / sizeof S_elems[0];
	*known = 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = strcmp(name, S_elems[mid].name);
		if (r == 0) {
			*known = 1;
			return S_elems[mid].type;
		}
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return FO_UNKNOWN;
}

/* ---- ids ---- */

static uint64_t
S_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static int
S_id_grow(qr_fo_doc *d)
{
	size_t cap = d->idcap ? d->idcap * 2 : 256, i;
	qr_fo_idslot *t = calloc(cap, sizeof *t);
	if (t == NULL)
		return 0;
	for (i = 0; i < d->idcap; i++) {
		size_t j;
		if (d->ids[i].id == NULL)
			continue;
		for (j = S_hash(d->ids[i].id) & (cap - 1); t[j].id != NULL;
		    j = (j + 1) & (cap - 1))
			;
		t[j] = d->ids[i];
	}
	free(d->ids);
	d->ids = t;
	d->idcap = cap;
	return 1;
}

void
qr_fo_id_add(qr_fo_doc *d, qr_fo *n, const char *id)
{
	size_t j;
	if (id == NULL)
		return;
	if ((d->nids + 1) * 2 > d->idcap && !S_id_grow(d))
		return;
	for (j = S_hash(id) & (d->idcap - 1); d->ids[j].id != NULL;
	    j = (j + 1) & (d->idcap - 1)) {
		if (strcmp(d->ids[j].id, id) == 0) {
			qr_diag(d->q, QD_FO_DUP_ID, d->file, n->line, 0,
			    "fo:%s: id '%s' already used at line %d; the "
			    "first one is kept", qr_fo_type_name(n->type), id,
			    d->ids[j].node->line);
			n->id = id;
			return;
		}
	}
	d->ids[j].id = id;
	d->ids[j].node = n;
	d->nids++;
	n->id = id;
}

const qr_fo *
qr_fo_find_id(const qr_fo_doc *d, const char *id)
{
	size_t j;
	if (d == NULL || id == NULL || d->idcap == 0)
		return NULL;
	for (j = S_hash(id) & (d->idcap - 1); d->ids[j].id != NULL;
	    j = (j + 1) & (d->idcap - 1))
		if (strcmp(d->ids[j].id, id) == 0)
			return d->ids[j].node;
	return NULL;
}

/* A string-keyed table of nodes (keys are not copied). */
static const qr_fo *
S_tab_get(const qr_fo_idslot *t, size_t cap, const char *key)
{
	size_t j;
	if (cap == 0 || key == NULL)
		return NULL;
	for (j = S_hash(key) & (cap - 1); t[j].id != NULL; j = (j + 1) & (cap - 1))
		if (strcmp(t[j].id, key) == 0)
			return t[j].node;
	return NULL;
}

/* Insert key unless present; 0 when out of memory. */
static int
S_tab_put(qr_fo_idslot **t, size_t *n, size_t *cap, const char *key,
    const qr_fo *node)
{
	size_t j;
	if ((*n + 1) * 2 > *cap) {
		size_t nc = *cap ? *cap * 2 : 64, i;
		qr_fo_idslot *nt = calloc(nc, sizeof *nt);
		if (nt == NULL)
			return 0;
		for (i = 0; i < *cap; i++) {
			if ((*t)[i].id == NULL)
				continue;
			for (j = S_hash((*t)[i].id) & (nc - 1); nt[j].id != NULL;
			    j = (j + 1) & (nc - 1))
				;
			nt[j] = (*t)[i];
		}
		free(*t);
		*t = nt;
		*cap = nc;
	}
	for (j = S_hash(key) & (*cap - 1); (*t)[j].id != NULL;
	    j = (j + 1) & (*cap - 1))
		if (strcmp((*t)[j].id, key) == 0)
			return 1;
	(*t)[j].id = key;
	(*t)[j].node = node;
	(*n)++;
	return 1;
}

/* ---- interning ---- */

static uint64_t
S_hash_bytes(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
	size_t i;
	/* Word at a time: groups are several hundred bytes. */
	for (i = 0; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, b + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h ^ (h >> 32);
}

/* Entries store a pointer to the object; for strings the size is the
 * string's length, so the comparison needs it: strings keep their own
 * table where the stored object is the NUL-terminated string. */
static int
S_itab_grow(qr_fo_itab *t, size_t size, int is_str)
{
	size_t cap = t->cap ? t->cap * 2 : 64, i;
	const void **ns = calloc(cap, sizeof *ns);
	if (ns == NULL)
		return 0;
	for (i = 0; i < t->cap; i++) {
		const void *o = t->slots[i];
		size_t j;
		if (o == NULL)
			continue;
		j = S_hash_bytes(o, is_str ? strlen(o) : size) & (cap - 1);
		while (ns[j] != NULL)
			j = (j + 1) & (cap - 1);
		ns[j] = o;
	}
	free(t->slots);
	t->slots = ns;
	t->cap = cap;
	return 1;
}

static const void *
S_intern(qr_fo_doc *d, qr_fo_itab *t, const void *p, size_t size,
    int is_str)
{
	uint64_t h;
	size_t j;
	void *copy;
	if ((t->n + 1) * 2 > t->cap && !S_itab_grow(t, size, is_str))
		return NULL;
	h = S_hash_bytes(p, size);
	for (j = h & (t->cap - 1); t->slots[j] != NULL;
	    j = (j + 1) & (t->cap - 1)) {
		const void *o = t->slots[j];
		if (is_str ? (strlen(o) == size && memcmp(o, p, size) == 0) :
		    memcmp(o, p, size) == 0)
			return o;
	}
	if (is_str)
		copy = qr_arena_strndup(d->arena, p, size);
	else if ((copy = qr_arena_alloc(d->arena, size)) != NULL)
		memcpy(copy, p, size);
	if (copy == NULL)
		return NULL;
	t->slots[j] = copy;
	t->n++;
	return copy;
}

const void *
qr_fo_intern(qr_fo_doc *d, qr_fo_itab *t, const void *p, size_t size)
{
	return S_intern(d, t, p, size, 0);
}

const char *
qr_fo_intern_str(qr_fo_doc *d, const char *s, size_t n)
{
	return S_intern(d, &d->str_tab, s, n, 1);
}

int
qr_fo_once(qr_fo_doc *d, const char *kind, const char *name)
{
	char key[256];
	size_t before = d->warn_tab.n;
	int n = snprintf(key, sizeof key, "%s|%s", kind, name);
	if (n < 0 || (size_t)n >= sizeof key)
		return 1;
	if (S_intern(d, &d->warn_tab, key, (size_t)n, 1) == NULL)
		return 1;
	return d->warn_tab.n != before;
}

/* The shared defaults go in first, so groups equal to them are them. */
static int
S_itab_seed(qr_fo_itab *t, const void *p, size_t size)
{
	size_t j;
	if (!S_itab_grow(t, size, 0))
		return 0;
	j = S_hash_bytes(p, size) & (t->cap - 1);
	t->slots[j] = p;
	t->n = 1;
	return 1;
}

/* ---- building ---- */

typedef struct S_rd {
	qr_fo_doc *d;
	int mixed;   /* an fo:inline mixes text with blocks (S_split_all) */
} S_rd;

static void
S_err(qr_fo_doc *d, int line, qr_code code, const char *fmt, const char *a,
    const char *b)
{
	qr_diag(d->q, code, d->file, line, 0, fmt, a, b);
	if (qr_code_severity(code) == QUIRE_ERROR)
		d->errors++;
}

static qr_fo *
S_node(qr_fo_doc *d, qr_fo_type t, int line)
{
	qr_fo *n = qr_arena_alloc(d->arena, sizeof *n);
	if (n == NULL)
		return NULL;
	n->type = t;
	n->file = d->file;
	n->line = line;
	return n;
}

static void
S_append(qr_fo *parent, qr_fo *c)
{
	c->parent = parent;
	c->prev = parent->last_child;
	if (parent->last_child != NULL)
		parent->last_child->next = c;
	else
		parent->first_child = c;
	parent->last_child = c;
}

static int
S_is_ws(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* The start of text s, blanks folded, in buf (size n >= 8): for a message
 * that shows which text it means. Cut at a character boundary. */
static const char *
S_excerpt(const char *s, char *buf, size_t n)
{
	size_t k = 0, len, j;
	int blank = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	while (*s != '\0') {
		unsigned char ch = (unsigned char)*s;
		if (ch <= ' ') {
			blank = 1;
			s++;
			continue;
		}
		len = ch < 0xC0 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
		if (k + (blank != 0) + len + 4 > n) {
			memcpy(buf + k, "...", 3);
			k += 3;
			break;
		}
		if (blank)
			buf[k++] = ' ';
		blank = 0;
		for (j = 0; j < len && *s != '\0'; j++)
			buf[k++] = *s++;
	}
	buf[k] = '\0';
	return buf;
}

/* The line of the first non-blank character of text node c: libxml2
 * numbers a text node by the line it ends on. */
static int
S_text_line(xmlNodePtr c, const char *txt)
{
	long line = xmlGetLineNo(c);

	while (*txt == ' ' || *txt == '\t' || *txt == '\n' || *txt == '\r')
		txt++;
	for (; *txt != '\0'; txt++)
		if (*txt == '\n')
			line--;
	return line > 0 ? (int)line : 0;
}

/* Containers whose content is blocks only: inline-level objects there are
 * wrapped in an anonymous fo:block, with a warning; text is dropped. */
static int
S_block_only(qr_fo_type t)
{
	switch (t) {
	case FO_FLOW: case FO_STATIC_CONTENT: case FO_BLOCK_CONTAINER:
	case FO_LIST_ITEM_LABEL: case FO_LIST_ITEM_BODY: case FO_TABLE_CELL:
	case FO_FOOTNOTE_BODY: case FO_TABLE_CAPTION: case FO_INLINE_CONTAINER:
		return 1;
	default:
		return 0;
	}
}

/* Objects that hold only specific child objects (no text at all). */
static int
S_structural(qr_fo_type t)
{
	switch (t) {
	case FO_ROOT: case FO_LAYOUT_MASTER_SET: case FO_SIMPLE_PAGE_MASTER:
	case FO_PAGE_SEQUENCE_MASTER: case FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES:
	case FO_PAGE_SEQUENCE: case FO_LIST_BLOCK: case FO_LIST_ITEM:
	case FO_TABLE: case FO_TABLE_HEADER: case FO_TABLE_FOOTER:
	case FO_TABLE_BODY: case FO_TABLE_ROW: case FO_FOOTNOTE:
	case FO_BOOKMARK_TREE: case FO_BOOKMARK: case FO_TABLE_AND_CAPTION:
		return 1;
	default:
		return 0;
	}
}

/* Objects with no content at all. */
static int
S_empty(qr_fo_type t)
{
	switch (t) {
	case FO_REGION_BODY: case FO_REGION_BEFORE: case FO_REGION_AFTER:
	case FO_REGION_START: case FO_REGION_END:
	case FO_SINGLE_PAGE_MASTER_REFERENCE:
	case FO_REPEATABLE_PAGE_MASTER_REFERENCE:
	case FO_CONDITIONAL_PAGE_MASTER_REFERENCE: case FO_CHARACTER:
	case FO_PAGE_NUMBER: case FO_PAGE_NUMBER_CITATION:
	case FO_PAGE_NUMBER_CITATION_LAST: case FO_EXTERNAL_GRAPHIC:
	case FO_TABLE_COLUMN: case FO_RETRIEVE_MARKER:
		return 1;
	default:
		return 0;
	}
}

static int
S_inline_level(const qr_fo *c)
{
	if (c->type == FO_WRAPPER || c->type == FO_UNKNOWN)
		return !c->blocklike;
	return qr_fo_type_is_inline(c->type);
}

static qr_fo *S_build(S_rd *r, xmlNodePtr el, qr_fo *parent);
static int S_mixed(const qr_fo *n);

static qr_fo *
S_anon_block(qr_fo_doc *d, qr_fo *parent, int line)
{
	qr_fo *b = S_node(d, FO_BLOCK, line);
	if (b == NULL)
		return NULL;
	b->inh = parent->inh;
	b->box = qr_fo_default_box();
	b->obj = qr_fo_default_obj();
	S_append(parent, b);
	return b;
}

static void
S_children(S_rd *r, xmlNodePtr el, qr_fo *n)
{
	qr_fo_doc *d = r->d;
	xmlNodePtr c;
	qr_fo *anon = NULL;   /* open anonymous block in a block-only parent */
	int warned_wrap = 0, warned_text = 0;

	for (c = el->children; c != NULL; c = c->next) {
		qr_fo *k, *host;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			const char *txt = (const char *)c->content;
			int ws;
			if (txt == NULL || *txt == '\0')
				continue;
			ws = S_is_ws(txt);
			if (S_empty(n->type) || S_structural(n->type)) {
				if (!ws && !warned_text) {
					S_err(d, (int)xmlGetLineNo(c),
					    QD_FO_STRUCTURE_WARNING,
					    "fo:%s: text is not allowed here; "
					    "ignored%s", qr_fo_type_name(n->type), "");
					warned_text = 1;
				}
				continue;
			}
			if (S_block_only(n->type)) {
				/* The content is blocks only (XSL 1.1 6.4.18 and
				 * the like): text is dropped, as FOP drops it. */
				if (!ws && !warned_text) {
					char ex[32];
					S_err(d, S_text_line(c, txt),
					    QD_FO_STRUCTURE_WARNING,
					    "fo:%s: text outside a block ('%s') "
					    "is ignored; put it in an fo:block",
					    qr_fo_type_name(n->type),
					    S_excerpt(txt, ex, sizeof ex));
					warned_text = 1;
				}
				continue;
			}
			host = n;
			k = S_node(d, FO_TEXT, (int)xmlGetLineNo(c));
			if (k == NULL)
				return;
			k->text_len = strlen(txt);
			k->text = qr_arena_strndup(d->arena, txt, k->text_len);
			k->inh = host->inh;
			k->box = host->box;
			k->obj = host->obj;
			S_append(host, k);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (c->ns == NULL || !xmlStrEqual(c->ns->href,
		    BAD_CAST QR_FO_NS)) {
			if (!qr_fo_once(d, c->ns != NULL ?
			    (const char *)c->ns->href : "", (const char *)c->name))
				;
			else if (c->ns != NULL)
				qr_diag(d->q, QD_FO_UNKNOWN_ELEMENT, d->file,
				    (int)xmlGetLineNo(c), 0, "element '%s%s%s' "
				    "(namespace %s) is not an XSL-FO element; "
				    "ignored", c->ns->prefix != NULL ?
				    (const char *)c->ns->prefix : "",
				    c->ns->prefix != NULL ? ":" : "",
				    (const char *)c->name,
				    (const char *)c->ns->href);
			else
				S_err(d, (int)xmlGetLineNo(c),
				    QD_FO_UNKNOWN_ELEMENT, "element '%s' (no "
				    "namespace) is not an XSL-FO element; "
				    "ignored%s", (const char *)c->name, "");
			continue;
		}
		if (S_empty(n->type)) {
			S_err(d, (int)xmlGetLineNo(c), QD_FO_STRUCTURE,
			    "fo:%s is not allowed inside fo:%s",
			    (const char *)c->name, qr_fo_type_name(n->type));
			continue;
		}
		k = S_build(r, c, n);
		if (k == NULL)
			continue;
		if (S_block_only(n->type) && k->type != FO_MARKER &&
		    k->type != FO_RETRIEVE_MARKER && S_inline_level(k)) {
			/* Re-parent: the node's inherited properties came from
			 * n, the same as the anonymous block's. Unlink it
			 * first: a new anonymous block goes where it was. */
			n->last_child = k->prev;
			if (k->prev != NULL)
				k->prev->next = NULL;
			else
				n->first_child = NULL;
			k->prev = NULL;
			if (anon == NULL) {
				if (!warned_wrap) {
					S_err(d, k->line, QD_FO_STRUCTURE_WARNING,
					    "fo:%s: inline content outside a "
					    "block (fo:%s); wrapped in an fo:block",
					    qr_fo_type_name(n->type),
					    qr_fo_type_name(k->type));
					warned_wrap = 1;
				}
				anon = S_anon_block(d, n, k->line);
				if (anon == NULL)
					return;
			}
			S_append(anon, k);
		} else
			anon = NULL;
	}
}

/* The node for one FO element (already known to be in the FO
 * namespace), appended to parent, with its subtree. */
static qr_fo *
S_build(S_rd *r, xmlNodePtr el, qr_fo *parent)
{
	qr_fo_doc *d = r->d;
	int known;
	qr_fo_type t = S_elem_type((const char *)el->name, &known);
	int line = (int)xmlGetLineNo(el);
	qr_fo *n = S_node(d, t, line);
	qr_fo *k;

	if (n == NULL)
		return NULL;
	if (parent != NULL)
		S_append(parent, n);
	if (t == FO_UNKNOWN) {
		qr_fo_obj *o = qr_arena_alloc(d->arena, sizeof *o);
		if (qr_fo_once(d, "fo", (const char *)el->name)) {
			const char *near = S_nearest_elem(
			    (const char *)el->name);
			char hint[64] = "";

			if (near != NULL)
				snprintf(hint, sizeof hint,
				    " (did you mean fo:%s?)", near);
			S_err(d, line, QD_FO_UNKNOWN_ELEMENT,
			    "unknown formatting object fo:%s%s; its content "
			    "is kept", (const char *)el->name, hint);
		}
		if (o != NULL) {
			*o = *qr_fo_default_obj();
			o->unknown_name = qr_arena_strdup(d->arena,
			    (const char *)el->name);
		}
		qr_fo_props_apply(d, n, el);
		if (o != NULL) {
			/* keep any object properties it had, plus the name */
			const char *nm = o->unknown_name;
			*o = *n->obj;
			o->unknown_name = nm;
			n->obj = o;
		}
		/* Foreign object content (SVG, MathML) is not text. */
		if (strcmp((const char *)el->name, "instream-foreign-object") == 0)
			return n;
	} else {
		if ((t == FO_TABLE_AND_CAPTION || t == FO_TABLE_CAPTION ||
		    t == FO_INLINE_CONTAINER) &&
		    qr_fo_once(d, "fo", (const char *)el->name))
			S_err(d, line, QD_FO_UNKNOWN_ELEMENT,
			    "fo:%s is outside the supported subset; read as "
			    "%s", (const char *)el->name,
			    t == FO_INLINE_CONTAINER ? "an inline" :
			    "a block-level wrapper");
		qr_fo_props_apply(d, n, el);
	}
	if (t == FO_DECLARATIONS)
		return n;  /* ignored, content and all */
	if (t == FO_MARKER)
		d->in_marker++;
	S_children(r, el, n);
	if (t == FO_MARKER)
		d->in_marker--;
	if (t == FO_WRAPPER || t == FO_UNKNOWN) {
		for (k = n->first_child; k != NULL; k = k->next)
			if (qr_fo_type_is_block(k->type) || k->blocklike)
				n->blocklike = 1;
		if (t == FO_WRAPPER && n->blocklike && d->in_marker == 0 &&
		    S_mixed(n))
			r->mixed = 1;
		/* An empty unknown in a block context is block-like. */
		if (parent != NULL && S_block_only(parent->type))
			n->blocklike = 1;
	}
	/* An fo:inline or fo:basic-link holding block-level objects and
	 * nothing inline (XSL 1.1 6.6.7 and 6.9.2 allow %block; in them) is
	 * laid out as a block, so its blocks' breaks, lists and tables are
	 * kept. One that mixes text with blocks is split into pieces once
	 * the tree is read (S_split_all). */
	if (t == FO_INLINE || t == FO_BASIC_LINK) {
		int blocks = 0, inl = 0;

		for (k = n->first_child; k != NULL; k = k->next) {
			if (k->type == FO_MARKER || (k->type == FO_TEXT &&
			    S_is_ws(k->text)))
				continue;
			if (qr_fo_type_is_block(k->type) || k->blocklike)
				blocks = 1;
			else
				inl = 1;
		}
		n->blocklike = blocks && !inl;
		if (blocks && inl && d->in_marker == 0)
			r->mixed = 1;
	}
	return n;
}

/* ---- inlines holding blocks ---- */

static int
S_blockish(const qr_fo *k)
{
	return qr_fo_type_is_block(k->type) || k->blocklike;
}

/* True for an fo:inline or fo:basic-link that holds block-level objects
 * beside inline content, directly or in an fo:inline, fo:basic-link or
 * fo:wrapper it holds; and for an fo:wrapper that does (a wrapper holding
 * any block is blocklike, so its text would otherwise be set apart from
 * the text around it). */
static int
S_mixed(const qr_fo *n)
{
	const qr_fo *k;
	int blocks = 0, inl = 0;

	if (n->type == FO_INLINE || n->type == FO_BASIC_LINK) {
		if (n->blocklike)
			return 0;
		for (k = n->first_child; k != NULL; k = k->next)
			if (S_blockish(k) || S_mixed(k))
				return 1;
		return 0;
	}
	if (n->type != FO_WRAPPER)
		return 0;
	for (k = n->first_child; k != NULL; k = k->next) {
		if (k->type == FO_MARKER || (k->type == FO_TEXT &&
		    S_is_ws(k->text)))
			continue;
		if (S_mixed(k))
			return 1;
		if (S_blockish(k))
			blocks = 1;
		else
			inl = 1;
	}
	return blocks && inl;
}

/* A new piece of inline `whole` (a copy of it, empty), appended to the
 * chain *head..*tail; NULL when out of memory. */
static qr_fo *
S_piece(qr_arena *a, qr_fo *whole, int block, qr_fo **head, qr_fo **tail)
{
	qr_fo *p = qr_arena_alloc(a, sizeof *p);

	if (p == NULL)
		return NULL;
	*p = *whole;
	p->parent = NULL;
	p->first_child = p->last_child = p->next = NULL;
	p->piece_of = whole;
	p->piece_first = p->piece_last = 0;
	p->blocklike = block;
	p->prev = *tail;
	if (*tail != NULL)
		(*tail)->next = p;
	else
		*head = p;
	*tail = p;
	return p;
}

static int
S_piece_blank(const qr_fo *p)
{
	const qr_fo *k;

	for (k = p->first_child; k != NULL; k = k->next)
		if (k->type != FO_TEXT || !S_is_ws(k->text))
			return 0;
	return 1;
}

/* A piece of inline content that does not start (end) the inline has no
 * border, padding or space on its start (end) side, unless the border or
 * padding is retained (XSL 1.1 4.2.3 conditionality, as for an inline
 * broken across lines; FOP does the same). Blocks keep the whole box. */
static int
S_piece_edges(qr_arena *a, qr_fo *p)
{
	qr_fo_box *bx;
	int k;

	if (p->piece_first && p->piece_last)
		return 0;
	bx = qr_arena_alloc(a, sizeof *bx);
	if (bx == NULL)
		return -1;
	*bx = *p->box;
	for (k = 0; k < 2; k++) {
		int side = k == 0 ? QR_LEFT : QR_RIGHT;

		if (k == 0 ? p->piece_first : p->piece_last)
			continue;
		if (!bx->border[side].retain) {
			bx->border[side].width = 0;
			bx->border[side].style = QR_BORDER_NONE;
		}
		if (!bx->padding[side].retain)
			memset(&bx->padding[side].len, 0,
			    sizeof bx->padding[side].len);
		if (k == 0)
			memset(&bx->space_start, 0, sizeof bx->space_start);
		else
			memset(&bx->space_end, 0, sizeof bx->space_end);
	}
	p->box = bx;
	return 0;
}

/* The pieces of a mixed fo:inline k (see qr_fo.piece_of), as a chain of
 * siblings (parent unset): each run of its inline content becomes one
 * piece, each block one piece of its own (FOP gives each block the
 * inline's border), and an fo:inline, fo:basic-link or fo:wrapper
 * inside that mixes too is split the same way, its pieces going into
 * k's. (k may be an fo:wrapper or an fo:basic-link: its pieces are
 * wrappers or links, each with the link's destination.) Runs of white
 * space only are dropped (they would make empty lines). k keeps its
 * fo:marker children, nothing else. NULL when out of memory. */
static qr_fo *
S_split(qr_arena *a, qr_fo *k)
{
	qr_fo *c, *next, *cur = NULL, *head = NULL, *tail = NULL, *p;
	qr_fo *mk = NULL, *mkt = NULL;

	for (c = k->first_child; c != NULL; c = next) {
		qr_fo *sub = NULL, *s, *snext;

		next = c->next;
		c->next = c->prev = NULL;
		if (c->type == FO_MARKER) {
			c->prev = mkt;
			if (mkt != NULL)
				mkt->next = c;
			else
				mk = c;
			mkt = c;
			continue;
		}
		if (S_mixed(c)) {
			sub = S_split(a, c);
			if (sub == NULL)
				return NULL;
		} else
			sub = c;
		for (s = sub; s != NULL; s = snext) {
			snext = c == sub ? NULL : s->next;
			s->next = s->prev = NULL;
			if (S_blockish(s)) {
				cur = NULL;
				p = S_piece(a, k, 1, &head, &tail);
			} else {
				if (cur == NULL)
					cur = S_piece(a, k, 0, &head, &tail);
				p = cur;
			}
			if (p == NULL)
				return NULL;
			S_append(p, s);
		}
	}
	k->first_child = mk;
	k->last_child = mkt;
	for (p = head; p != NULL; p = next) {
		next = p->next;
		if (p->blocklike || !S_piece_blank(p))
			continue;
		if (p->prev != NULL)
			p->prev->next = p->next;
		else
			head = p->next;
		if (p->next != NULL)
			p->next->prev = p->prev;
		else
			tail = p->prev;
	}
	if (head != NULL) {
		head->piece_first = 1;
		tail->piece_last = 1;
	}
	for (p = head; p != NULL; p = p->next)
		if (!p->blocklike && S_piece_edges(a, p) != 0)
			return NULL;
	return head;
}

/* Split every mixed fo:inline in a block context (a parent whose children
 * the block walker lays out) into its pieces, in place. Marker content is
 * left as it is: it is split when it is copied for a retrieve-marker
 * (qr_fo_marker_restyle, top the copy). */
static int
S_split_all(qr_fo_doc *d, qr_fo *top)
{
	qr_fo *n = top;

	while (n != NULL) {
		qr_fo *k, *next;

		if (n->type == FO_MARKER && n != top) {
			n = (qr_fo *)qr_fo_next_preorder(n, top, 1);
			continue;
		}
		if (!S_inline_level(n) || ((n->type == FO_INLINE ||
		    n->type == FO_BASIC_LINK) && n->blocklike)) {
			for (k = n->first_child; k != NULL; k = next) {
				qr_fo *ps, *pt, *p;

				next = k->next;
				/* (a wrapper in a flow, cell... is laid out as
				 * a block: its text has no text around it) */
				if (!S_mixed(k) || (k->type == FO_WRAPPER &&
				    S_block_only(n->type)))
					continue;
				ps = S_split(d->arena, k);
				if (ps == NULL)
					return -1;
				for (pt = ps; pt->next != NULL; pt = pt->next)
					;
				/* ps..pt take k's place */
				ps->prev = k->prev;
				pt->next = k->next;
				if (k->prev != NULL)
					k->prev->next = ps;
				else
					n->first_child = ps;
				if (k->next != NULL)
					k->next->prev = pt;
				else
					n->last_child = pt;
				for (p = ps; p != NULL && p != pt->next;
				    p = p->next)
					p->parent = n;
				/* k stays reachable by its id only */
				k->next = k->prev = NULL;
			}
		}
		n = (qr_fo *)qr_fo_next_preorder(n, top, 0);
	}
	return 0;
}

qr_fo *
qr_fo_split_copy(qr_arena *a, qr_fo *n, int *failed)
{
	qr_fo *ps;

	if (!S_mixed(n))
		return NULL;
	ps = S_split(a, n);
	if (ps == NULL)
		*failed = 1;
	return ps;
}

/* ---- content models ---- */

static int
S_count(const qr_fo *n, qr_fo_type t)
{
	int c = 0;
	const qr_fo *k;
	for (k = n->first_child; k != NULL; k = k->next)
		c += k->type == t;
	return c;
}

static void
S_only(qr_fo_doc *d, const qr_fo *n, const qr_fo_type *allowed, int nal)
{
	const qr_fo *k;
	for (k = n->first_child; k != NULL; k = k->next) {
		int i, ok = 0;
		if (k->type == FO_TEXT)
			continue;
		for (i = 0; i < nal; i++)
			ok |= k->type == allowed[i];
		if (!ok)
			S_err(d, k->line, k->type == FO_UNKNOWN ?
			    QD_FO_STRUCTURE_WARNING : QD_FO_STRUCTURE,
			    "fo:%s is not allowed inside fo:%s",
			    k->type == FO_UNKNOWN ? k->obj->unknown_name :
			    qr_fo_type_name(k->type), qr_fo_type_name(n->type));
	}
}

static void
S_need(qr_fo_doc *d, const qr_fo *n, qr_fo_type t, int min, int max)
{
	int c = S_count(n, t);
	char what[96];
	if (c >= min && (max < 0 || c <= max))
		return;
	snprintf(what, sizeof what, c < min ? "at least %d" : "at most %d",
	    c < min ? min : max);
	qr_diag(d->q, QD_FO_STRUCTURE, d->file, n->line, 0,
	    "fo:%s needs %s fo:%s child%s (has %d)", qr_fo_type_name(n->type),
	    what, qr_fo_type_name(t), (c < min ? min : max) == 1 ? "" : "ren",
	    c);
	d->errors++;
}

/* Objects that may appear in flow content (blocks and inlines). */
static int
S_flow_content(qr_fo_type t)
{
	return qr_fo_type_is_block(t) || qr_fo_type_is_inline(t) ||
	    t == FO_WRAPPER || t == FO_UNKNOWN || t == FO_MARKER ||
	    t == FO_RETRIEVE_MARKER;
}

/* A use-content leader repeats the text of its content only, in the
 * leader's own style (inline.c): say so, once per leader, when the content
 * holds more than text and fo:character (leader-pattern="use-content" is
 * outside fo-subset.md). */
static void
S_check_use_content(qr_fo_doc *d, const qr_fo *n)
{
	const qr_fo *c = n->first_child;

	while (c != NULL) {
		/* (a block in it is an error already) */
		if (c->type != FO_TEXT && c->type != FO_CHARACTER &&
		    !qr_fo_type_is_block(c->type)) {
			qr_diag(d->q, QD_FO_STRUCTURE_WARNING, d->file, c->line,
			    0, "fo:leader: leader-pattern=\"use-content\" is "
			    "not supported beyond text: the leader repeats the "
			    "text of its content in its own style; fo:%s in it "
			    "is kept as its text only", qr_fo_type_name(c->type));
			return;
		}
		c = c->next;
	}
}

/* Check the content models the layout relies on; inline-level and block
 * content models are lenient (XSL allows blocks in inlines). */
static void
S_check(qr_fo_doc *d, const qr_fo *n)
{
	static const qr_fo_type root_k[] = {FO_LAYOUT_MASTER_SET,
	    FO_DECLARATIONS, FO_BOOKMARK_TREE, FO_PAGE_SEQUENCE};
	static const qr_fo_type lms_k[] = {FO_SIMPLE_PAGE_MASTER,
	    FO_PAGE_SEQUENCE_MASTER};
	static const qr_fo_type spm_k[] = {FO_REGION_BODY, FO_REGION_BEFORE,
	    FO_REGION_AFTER, FO_REGION_START, FO_REGION_END};
	static const qr_fo_type psm_k[] = {FO_SINGLE_PAGE_MASTER_REFERENCE,
	    FO_REPEATABLE_PAGE_MASTER_REFERENCE,
	    FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES};
	static const qr_fo_type rpma_k[] = {FO_CONDITIONAL_PAGE_MASTER_REFERENCE};
	static const qr_fo_type ps_k[] = {FO_TITLE, FO_STATIC_CONTENT, FO_FLOW};
	static const qr_fo_type lb_k[] = {FO_LIST_ITEM, FO_MARKER};
	static const qr_fo_type li_k[] = {FO_LIST_ITEM_LABEL, FO_LIST_ITEM_BODY,
	    FO_MARKER};
	static const qr_fo_type tab_k[] = {FO_TABLE_COLUMN, FO_TABLE_HEADER,
	    FO_TABLE_FOOTER, FO_TABLE_BODY, FO_MARKER};
	static const qr_fo_type tb_k[] = {FO_TABLE_ROW, FO_TABLE_CELL, FO_MARKER};
	static const qr_fo_type tr_k[] = {FO_TABLE_CELL, FO_MARKER};
	static const qr_fo_type fn_k[] = {FO_INLINE, FO_FOOTNOTE_BODY};
	static const qr_fo_type bt_k[] = {FO_BOOKMARK};
	static const qr_fo_type bm_k[] = {FO_BOOKMARK_TITLE, FO_BOOKMARK};
	static const qr_fo_type tac_k[] = {FO_TABLE_CAPTION, FO_TABLE};
	const qr_fo *k;

#define ONLY(a) S_only(d, n, a, (int)(sizeof a / sizeof a[0]))
	switch (n->type) {
	case FO_ROOT:
		ONLY(root_k);
		S_need(d, n, FO_LAYOUT_MASTER_SET, 1, 1);
		S_need(d, n, FO_PAGE_SEQUENCE, 1, -1);
		S_need(d, n, FO_BOOKMARK_TREE, 0, 1);
		break;
	case FO_LAYOUT_MASTER_SET:
		ONLY(lms_k);
		if (n->first_child == NULL) {
			qr_diag(d->q, QD_FO_STRUCTURE, d->file, n->line, 0,
			    "fo:layout-master-set has no page master");
			d->errors++;
		}
		break;
	case FO_SIMPLE_PAGE_MASTER:
		ONLY(spm_k);
		S_need(d, n, FO_REGION_BODY, 1, 1);
		S_need(d, n, FO_REGION_BEFORE, 0, 1);
		S_need(d, n, FO_REGION_AFTER, 0, 1);
		S_need(d, n, FO_REGION_START, 0, 1);
		S_need(d, n, FO_REGION_END, 0, 1);
		break;
	case FO_PAGE_SEQUENCE_MASTER:
		ONLY(psm_k);
		if (n->first_child == NULL) {
			qr_diag(d->q, QD_FO_STRUCTURE, d->file, n->line, 0,
			    "fo:page-sequence-master has no sub-sequence");
			d->errors++;
		}
		break;
	case FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES:
		ONLY(rpma_k);
		S_need(d, n, FO_CONDITIONAL_PAGE_MASTER_REFERENCE, 1, -1);
		break;
	case FO_PAGE_SEQUENCE:
		ONLY(ps_k);
		S_need(d, n, FO_TITLE, 0, 1);
		S_need(d, n, FO_FLOW, 1, 1);
		break;
	case FO_LIST_BLOCK:
		ONLY(lb_k);
		break;
	case FO_LIST_ITEM:
		ONLY(li_k);
		S_need(d, n, FO_LIST_ITEM_LABEL, 1, 1);
		S_need(d, n, FO_LIST_ITEM_BODY, 1, 1);
		break;
	case FO_TABLE:
		ONLY(tab_k);
		S_need(d, n, FO_TABLE_HEADER, 0, 1);
		S_need(d, n, FO_TABLE_FOOTER, 0, 1);
		S_need(d, n, FO_TABLE_BODY, 1, -1);
		break;
	case FO_TABLE_HEADER: case FO_TABLE_FOOTER: case FO_TABLE_BODY:
		ONLY(tb_k);
		if (S_count(n, FO_TABLE_ROW) > 0 && S_count(n, FO_TABLE_CELL) > 0) {
			qr_diag(d->q, QD_FO_STRUCTURE, d->file, n->line, 0,
			    "fo:%s mixes fo:table-row and fo:table-cell "
			    "children", qr_fo_type_name(n->type));
			d->errors++;
		}
		break;
	case FO_TABLE_ROW:
		ONLY(tr_k);
		break;
	case FO_FOOTNOTE:
		ONLY(fn_k);
		S_need(d, n, FO_INLINE, 1, 1);
		S_need(d, n, FO_FOOTNOTE_BODY, 1, 1);
		break;
	case FO_BOOKMARK_TREE:
		ONLY(bt_k);
		break;
	case FO_BOOKMARK:
		ONLY(bm_k);
		S_need(d, n, FO_BOOKMARK_TITLE, 1, 1);
		break;
	case FO_TABLE_AND_CAPTION:
		ONLY(tac_k);
		S_need(d, n, FO_TABLE, 1, 1);
		break;
	case FO_LEADER:
	case FO_BOOKMARK_TITLE:
	case FO_TITLE:
		/* inline content only */
		for (k = n->first_child; k != NULL; k = k->next)
			if (qr_fo_type_is_block(k->type) ||
			    (n->type == FO_BOOKMARK_TITLE && k->type != FO_TEXT)) {
				S_err(d, k->line, QD_FO_STRUCTURE,
				    "fo:%s is not allowed inside fo:%s",
				    qr_fo_type_name(k->type),
				    qr_fo_type_name(n->type));
			}
		if (n->type == FO_LEADER && n->inh != NULL &&
		    n->inh->leader_pattern == QR_LEADER_USE_CONTENT)
			S_check_use_content(d, n);
		break;
	case FO_FLOW: case FO_STATIC_CONTENT: case FO_BLOCK:
	case FO_BLOCK_CONTAINER: case FO_INLINE: case FO_BASIC_LINK:
	case FO_WRAPPER: case FO_LIST_ITEM_LABEL: case FO_LIST_ITEM_BODY:
	case FO_TABLE_CELL: case FO_FOOTNOTE_BODY: case FO_MARKER:
	case FO_TABLE_CAPTION: case FO_INLINE_CONTAINER:
		/* Flow content: page, table and list parts out of place are
		 * wrong nesting, which layout cannot place. */
		for (k = n->first_child; k != NULL; k = k->next)
			if (!S_flow_content(k->type))
				S_err(d, k->line, QD_FO_STRUCTURE,
				    "fo:%s is not allowed inside fo:%s",
				    qr_fo_type_name(k->type),
				    qr_fo_type_name(n->type));
		break;
	default:
		break;
	}
#undef ONLY
}

static void
S_check_all(qr_fo_doc *d, const qr_fo *top)
{
	const qr_fo *n = top;
	while (n != NULL) {
		S_check(d, n);
		n = qr_fo_next_preorder(n, top, 0);
	}
}

/* ---- masters and flows ---- */

const qr_fo *
qr_fo_find_master(const qr_fo_doc *d, const char *name)
{
	const qr_fo *lms, *m;
	if (d == NULL || d->root == NULL || name == NULL)
		return NULL;
	if (d->mastercap > 0)
		return S_tab_get(d->masters, d->mastercap, name);
	lms = qr_fo_child(d->root, FO_LAYOUT_MASTER_SET);
	if (lms == NULL)
		return NULL;
	for (m = lms->first_child; m != NULL; m = m->next)
		if (m->obj->master_name != NULL &&
		    strcmp(m->obj->master_name, name) == 0)
			return m;
	return NULL;
}

static const char *const S_region_default[5] = {
	"xsl-region-body", "xsl-region-before", "xsl-region-after",
	"xsl-region-start", "xsl-region-end"
};

static int
S_spm_has_body(const qr_fo *spm, const char *flow_name)
{
	const qr_fo *b = spm->region[QR_REGION_BODY];
	const char *nm;
	if (b == NULL)
		return 0;
	nm = b->obj->region_name != NULL ? b->obj->region_name :
	    S_region_default[0];
	return strcmp(nm, flow_name) == 0;
}

/* 1 if some page master the sequence may use has a region-body named
 * flow_name. */
static int
S_flow_maps(const qr_fo *master, const char *flow_name)
{
	const qr_fo *k, *c;
	if (master->type == FO_SIMPLE_PAGE_MASTER)
		return S_spm_has_body(master, flow_name);
	for (k = master->first_child; k != NULL; k = k->next) {
		if (k->master != NULL && S_spm_has_body(k->master, flow_name))
			return 1;
		for (c = k->first_child; c != NULL; c = c->next)
			if (c->master != NULL &&
			    S_spm_has_body(c->master, flow_name))
				return 1;
	}
	return 0;
}

/* S_flow_maps, remembered per (master, flow-name): a thousand
 * page-sequences on one sequence master check it once. */
static int
S_flow_maps_memo(qr_fo_doc *d, const qr_fo *master, const char *flow_name)
{
	static const qr_fo no;  /* the "does not map" marker */
	char buf[256];
	const char *key;
	const qr_fo *r;
	int n = snprintf(buf, sizeof buf, "%p|%s", (const void *)master,
	    flow_name);
	if (n < 0 || (size_t)n >= sizeof buf)
		return S_flow_maps(master, flow_name);
	if ((r = S_tab_get(d->flowmemo, d->flowmemocap, buf)) != NULL)
		return r != &no;
	r = S_flow_maps(master, flow_name) ? master : &no;
	key = qr_arena_strndup(d->arena, buf, (size_t)n);
	if (key != NULL)
		(void)S_tab_put(&d->flowmemo, &d->nflowmemo, &d->flowmemocap,
		    key, r);
	return r != &no;
}

/* A master reference in a page-sequence-master: its simple-page-master. */
static void
S_resolve_ref(qr_fo_doc *d, qr_fo *c)
{
	const qr_fo *t;
	if (c->type != FO_SINGLE_PAGE_MASTER_REFERENCE &&
	    c->type != FO_REPEATABLE_PAGE_MASTER_REFERENCE &&
	    c->type != FO_CONDITIONAL_PAGE_MASTER_REFERENCE)
		return;
	if (c->obj->master_reference == NULL) {
		qr_diag(d->q, QD_FO_NO_MASTER, d->file, c->line, 0,
		    "fo:%s has no master-reference", qr_fo_type_name(c->type));
		d->errors++;
		return;
	}
	t = qr_fo_find_master(d, c->obj->master_reference);
	if (t == NULL || t->type != FO_SIMPLE_PAGE_MASTER) {
		qr_diag(d->q, QD_FO_NO_MASTER, d->file, c->line, 0,
		    "fo:%s: master-reference '%s' names no "
		    "fo:simple-page-master", qr_fo_type_name(c->type),
		    c->obj->master_reference);
		d->errors++;
		return;
	}
	c->master = t;
}

static void
S_resolve(qr_fo_doc *d)
{
	qr_fo *lms = (qr_fo *)qr_fo_child(d->root, FO_LAYOUT_MASTER_SET);
	qr_fo *m, *k, *c, *seq;

	if (lms == NULL)
		return;
	/* masters: names, regions */
	for (m = lms->first_child; m != NULL; m = m->next) {
		const qr_fo *o;
		if (m->type != FO_SIMPLE_PAGE_MASTER &&
		    m->type != FO_PAGE_SEQUENCE_MASTER)
			continue;
		if (m->obj->master_name == NULL) {
			qr_diag(d->q, QD_FO_STRUCTURE, d->file, m->line, 0,
			    "fo:%s has no master-name", qr_fo_type_name(m->type));
			d->errors++;
			continue;
		}
		o = S_tab_get(d->masters, d->mastercap, m->obj->master_name);
		if (o == NULL) {
			if (!S_tab_put(&d->masters, &d->nmasters, &d->mastercap,
			    m->obj->master_name, m)) {
				d->errors++;
				return;
			}
		} else {
			qr_diag(d->q, QD_FO_STRUCTURE, d->file, m->line, 0,
			    "master-name '%s' is already used at line %d",
			    m->obj->master_name, o->line);
			d->errors++;
		}
		if (m->type == FO_SIMPLE_PAGE_MASTER)
			for (k = m->first_child; k != NULL; k = k->next)
				if (k->type >= FO_REGION_BODY &&
				    k->type <= FO_REGION_END)
					m->region[k->type - FO_REGION_BODY] = k;
	}
	/* page-sequence-master references */
	for (m = lms->first_child; m != NULL; m = m->next) {
		if (m->type != FO_PAGE_SEQUENCE_MASTER)
			continue;
		for (k = m->first_child; k != NULL; k = k->next) {
			if (k->type == FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES) {
				for (c = k->first_child; c != NULL; c = c->next)
					S_resolve_ref(d, c);
			} else
				S_resolve_ref(d, k);
		}
	}
	/* page-sequences */
	for (seq = d->root->first_child; seq != NULL; seq = seq->next) {
		const char *ref;
		qr_fo_idslot *names = NULL;
		size_t nn = 0, ncap = 0;
		if (seq->type != FO_PAGE_SEQUENCE)
			continue;
		ref = seq->obj->master_reference;
		if (ref == NULL) {
			qr_diag(d->q, QD_FO_NO_MASTER, d->file, seq->line, 0,
			    "fo:page-sequence has no master-reference");
			d->errors++;
		} else if ((seq->master = qr_fo_find_master(d, ref)) == NULL) {
			qr_diag(d->q, QD_FO_NO_MASTER, d->file, seq->line, 0,
			    "fo:page-sequence: master-reference '%s' names no "
			    "page master", ref);
			d->errors++;
		}
		for (k = seq->first_child; k != NULL; k = k->next) {
			if (k->type == FO_FLOW && seq->flow == NULL)
				seq->flow = k;
			if (k->type != FO_FLOW && k->type != FO_STATIC_CONTENT)
				continue;
			if (k->obj->flow_name == NULL) {
				qr_diag(d->q, QD_FO_STRUCTURE, d->file, k->line, 0,
				    "fo:%s has no flow-name",
				    qr_fo_type_name(k->type));
				d->errors++;
				continue;
			}
			if ((c = (qr_fo *)S_tab_get(names, ncap,
			    k->obj->flow_name)) != NULL) {
				qr_diag(d->q, QD_FO_STRUCTURE, d->file, k->line,
				    0, "flow-name '%s' is already used in this "
				    "page-sequence (line %d)", k->obj->flow_name,
				    c->line);
				d->errors++;
			} else if (!S_tab_put(&names, &nn, &ncap,
			    k->obj->flow_name, k))
				d->errors++;
			if (k->type == FO_FLOW && seq->master != NULL &&
			    !S_flow_maps_memo(d, seq->master,
			    k->obj->flow_name)) {
				qr_diag(d->q, QD_FO_STRUCTURE, d->file, k->line, 0,
				    "fo:flow: flow-name '%s' is not the "
				    "region-body of page master '%s'",
				    k->obj->flow_name, ref);
				d->errors++;
			}
		}
		free(names);
	}
}

/* ---- entry points ---- */

static qr_fo_doc *
S_doc_new(quire *q, const char *file)
{
	qr_fo_doc *d = calloc(1, sizeof *d);
	if (d == NULL)
		return NULL;
	d->q = q;
	d->arena = qr_arena_new();
	if (d->arena == NULL) {
		free(d);
		return NULL;
	}
	d->file = qr_arena_strdup(d->arena, file != NULL ? file : "(memory)");
	if (d->file == NULL || !S_itab_seed(&d->inh_tab,
	    qr_fo_default_inherited(), sizeof(qr_fo_inherited)) ||
	    !S_itab_seed(&d->box_tab, qr_fo_default_box(), sizeof(qr_fo_box)) ||
	    !S_itab_seed(&d->obj_tab, qr_fo_default_obj(), sizeof(qr_fo_obj))) {
		qr_fo_doc_free(d);
		return NULL;
	}
	return d;
}

qr_fo_doc *
qr_fo_read(quire *q, xmlDocPtr doc, const char *file)
{
	qr_fo_doc *d;
	xmlNodePtr rootel;
	S_rd r;
	double t0 = qr_now();

	if (file == NULL && doc != NULL && doc->URL != NULL)
		file = (const char *)doc->URL;
	rootel = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	if (rootel == NULL) {
		qr_diag(q, QD_FO_STRUCTURE, file, 0, 0, "empty FO document");
		return NULL;
	}
	if (rootel->ns == NULL || !xmlStrEqual(rootel->ns->href,
	    BAD_CAST QR_FO_NS) || !xmlStrEqual(rootel->name, BAD_CAST "root")) {
		qr_diag(q, QD_FO_STRUCTURE, file, (int)xmlGetLineNo(rootel), 0,
		    "the root element is '%s'%s%s%s, not fo:root in the "
		    "XSL-FO namespace: render typesets XSL-FO (transform "
		    "makes it from a committee document, build makes the "
		    "whole pack)", (const char *)rootel->name,
		    rootel->ns != NULL ? " (namespace " : " (no namespace",
		    rootel->ns != NULL ? (const char *)rootel->ns->href : "",
		    ")");
		return NULL;
	}
	d = S_doc_new(q, file);
	if (d == NULL) {
		qr_diag(q, QD_NOMEM, file, 0, 0, "out of memory reading FO");
		return NULL;
	}
	memset(&r, 0, sizeof r);
	r.d = d;
	d->root = S_build(&r, rootel, NULL);
	if (d->root == NULL) {
		qr_diag(q, QD_NOMEM, file, 0, 0, "out of memory reading FO");
		qr_fo_doc_free(d);
		return NULL;
	}
	S_check_all(d, d->root);
	if (d->errors == 0 && r.mixed && S_split_all(d, d->root) != 0) {
		qr_diag(q, QD_NOMEM, file, 0, 0, "out of memory reading FO");
		qr_fo_doc_free(d);
		return NULL;
	}
	if (d->errors == 0)
		S_resolve(d);
	qr_timing(q, "fo-read", qr_now() - t0);
	if (d->errors > 0) {
		qr_fo_doc_free(d);
		return NULL;
	}
	return d;
}

/* FO is mixed content: whitespace text must survive parsing. */
qr_fo_doc *
qr_fo_read_file(quire *q, const char *path)
{
	xmlDocPtr doc = qr_xml_read_file(q, path, 0);
	qr_fo_doc *d;
	if (doc == NULL)
		return NULL;
	d = qr_fo_read(q, doc, path);
	xmlFreeDoc(doc);
	return d;
}

qr_fo_doc *
qr_fo_read_memory(quire *q, const char *buf, size_t len, const char *name)
{
	xmlDocPtr doc = qr_xml_read_memory(q, buf, len, name, 0);
	qr_fo_doc *d;
	if (doc == NULL)
		return NULL;
	d = qr_fo_read(q, doc, name != NULL ? name : "(memory)");
	xmlFreeDoc(doc);
	return d;
}

void
qr_fo_doc_free(qr_fo_doc *d)
{
	if (d == NULL)
		return;
	free(d->ids);
	free(d->rs);
	free(d->pc);
	free(d->masters);
	free(d->flowmemo);
	free(d->inh_tab.slots);
	free(d->box_tab.slots);
	free(d->obj_tab.slots);
	free(d->str_tab.slots);
	free(d->warn_tab.slots);
	qr_arena_free(d->arena);
	free(d);
}

const qr_fo *
qr_fo_root(const qr_fo_doc *d)
{
	return d != NULL ? d->root : NULL;
}

const char *
qr_fo_file(const qr_fo_doc *d)
{
	return d != NULL ? d->file : NULL;
}

qr_arena *
qr_fo_arena(qr_fo_doc *d)
{
	return d != NULL ? d->arena : NULL;
}

/* ---- markers ---- */

/* A copy of o under parent with properties recomputed there. */
static qr_fo *
S_restyle(qr_fo_doc *d, const qr_fo *o, qr_fo *parent)
{
	qr_fo *n = S_node(d, o->type, o->line), *k;
	const qr_fo *c;
	if (n == NULL)
		return NULL;
	n->id = o->id;
	n->blocklike = o->blocklike;
	n->spec = o->spec;
	n->parent = parent;
	if (o->type == FO_TEXT) {
		n->text = o->text;
		n->text_len = o->text_len;
		n->inh = parent->inh;
		n->box = parent->box;
		n->obj = parent->obj;
	} else {
		size_t np = 0;
		if (o->spec != NULL)
			while (o->spec[2 * np] != NULL)
				np++;
		qr_fo_props_apply_list(d, n, o->spec, np);
		if (o->type == FO_UNKNOWN)
			n->obj = o->obj;  /* keeps unknown_name */
	}
	for (c = o->first_child; c != NULL; c = c->next) {
		k = S_restyle(d, c, n);
		if (k == NULL)
			return NULL;
		S_append(n, k);
	}
	return n;
}

const qr_fo *
qr_fo_marker_restyle(qr_fo_doc *d, const qr_fo *marker, const qr_fo *rm)
{
	size_t j, h;
	qr_fo *copy;
	if (d == NULL || marker == NULL || rm == NULL)
		return NULL;
	h = (size_t)(((uintptr_t)marker >> 4) * 31 + ((uintptr_t)rm >> 4));
	if (d->rscap > 0)
		for (j = h & (d->rscap - 1); d->rs[j].marker != NULL;
		    j = (j + 1) & (d->rscap - 1))
			if (d->rs[j].marker == marker && d->rs[j].parent == rm)
				return d->rs[j].copy;
	if ((d->nrs + 1) * 2 > d->rscap) {
		size_t cap = d->rscap ? d->rscap * 2 : 16, i;
		struct qr_fo_restyle *t = calloc(cap, sizeof *t);
		if (t == NULL)
			return NULL;
		for (i = 0; i < d->rscap; i++) {
			size_t hh;
			if (d->rs[i].marker == NULL)
				continue;
			hh = (size_t)(((uintptr_t)d->rs[i].marker >> 4) * 31 +
			    ((uintptr_t)d->rs[i].parent >> 4));
			for (j = hh & (cap - 1); t[j].marker != NULL;
			    j = (j + 1) & (cap - 1))
				;
			t[j] = d->rs[i];
		}
		free(d->rs);
		d->rs = t;
		d->rscap = cap;
	}
	d->quiet++;
	copy = S_restyle(d, marker, (qr_fo *)rm);
	d->quiet--;
	/* Inlines in it mixing text with blocks are split as in the flow,
	 * so that the retrieved blocks are stacked between lines too. */
	if (copy == NULL || S_split_all(d, copy) != 0)
		return NULL;
	/* The marker node itself keeps its own class name. */
	copy->obj = marker->obj;
	for (j = h & (d->rscap - 1); d->rs[j].marker != NULL;
	    j = (j + 1) & (d->rscap - 1))
		;
	d->rs[j].marker = marker;
	d->rs[j].parent = rm;
	d->rs[j].copy = copy;
	d->nrs++;
	return copy;
}

/* ---- iteration ---- */

const qr_fo *
qr_fo_child(const qr_fo *n, qr_fo_type t)
{
	const qr_fo *k;
	for (k = n != NULL ? n->first_child : NULL; k != NULL; k = k->next)
		if (k->type == t)
			return k;
	return NULL;
}

const qr_fo *
qr_fo_next_of(const qr_fo *n, qr_fo_type t)
{
	const qr_fo *k;
	for (k = n != NULL ? n->next : NULL; k != NULL; k = k->next)
		if (k->type == t)
			return k;
	return NULL;
}

const qr_fo *
qr_fo_next_preorder(const qr_fo *n, const qr_fo *top, int skip_children)
{
	if (n == NULL)
		return NULL;
	if (!skip_children && n->first_child != NULL)
		return n->first_child;
	while (n != NULL && n != top) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

const qr_fo *
qr_fo_first_page_sequence(const qr_fo_doc *d)
{
	return d != NULL ? qr_fo_child(d->root, FO_PAGE_SEQUENCE) : NULL;
}

const qr_fo *
qr_fo_next_page_sequence(const qr_fo *seq)
{
	return qr_fo_next_of(seq, FO_PAGE_SEQUENCE);
}

const qr_fo *
qr_fo_bookmark_tree(const qr_fo_doc *d)
{
	return d != NULL ? qr_fo_child(d->root, FO_BOOKMARK_TREE) : NULL;
}

const qr_fo *
qr_fo_first_marker(const qr_fo *n)
{
	return qr_fo_child(n, FO_MARKER);
}
