/* fo_int.h: internals shared by the FO reader's files (fo_read.c,
 * fo_props.c, fo_expr.c, fo_pages.c, fo_dump.c); not for other modules. */
#ifndef QR_FO_INT_H
#define QR_FO_INT_H

#include "fo.h"

#define QR_FO_NS "http://www.w3.org/1999/XSL/Format"

typedef struct qr_fo_idslot {
	const char *id;
	const qr_fo *node;
} qr_fo_idslot;

/* A hash-consing table: equal property groups (and strings) are stored
 * once, so a thousand table cells styled alike share one group. */
typedef struct qr_fo_itab {
	const void **slots;      /* malloc'd, power-of-two size */
	size_t n, cap;
} qr_fo_itab;

struct qr_fo_doc {
	quire *q;
	qr_arena *arena;
	const char *file;
	qr_fo *root;
	int errors;              /* errors reported while reading */
	/* id -> node, open addressing, power-of-two size (malloc'd). */
	qr_fo_idslot *ids;
	size_t nids, idcap;
	qr_fo_itab inh_tab, box_tab, obj_tab, str_tab;
	qr_fo_itab warn_tab;     /* names already warned about */
	/* master-name -> master, "%p|flow-name" -> flow check (malloc'd) */
	qr_fo_idslot *masters, *flowmemo;
	size_t nmasters, mastercap, nflowmemo, flowmemocap;
	int in_marker;           /* reading inside an fo:marker */
	int quiet;               /* restyling: no diagnostics, no ids */
	/* (marker, parent) -> restyled copy (malloc'd, open addressing) */
	struct qr_fo_restyle { const qr_fo *marker, *parent, *copy; } *rs;
	size_t nrs, rscap;
	/* (type, parent's groups, attributes) -> groups: elements styled
	 * alike under parents styled alike compute once (malloc'd). */
	struct qr_fo_pcache {
		const unsigned char *key;
		size_t klen;
		unsigned long long h;
		const qr_fo_inherited *inh;
		const qr_fo_box *box;
		const qr_fo_obj *obj;
	} *pc;
	size_t npc, pccap;
};

/* Expression values (fo_expr.c). */
typedef enum qr_ev_kind {
	EV_ERR = 0, EV_NUM, EV_LEN, EV_PROP, EV_WORD, EV_COLOR
} qr_ev_kind;

typedef struct qr_ev {
	qr_ev_kind kind;
	double num;              /* EV_NUM */
	qr_fo_len len;           /* EV_LEN (and the length part of EV_PROP) */
	double prop;             /* EV_PROP: proportional-column-width() */
	qr_color color;          /* EV_COLOR */
	int had_pct;             /* a percentage took part */
	const char *word;        /* EV_WORD: points into the source */
	size_t wordlen;
} qr_ev;

/* What an expression is evaluated against. */
typedef struct qr_ev_ctx {
	double font_size;        /* for em */
	double pct_base;         /* >= 0: resolve % against it now; < 0: keep */
	const qr_fo *parent;     /* for from-parent()/inherited-property-value() */
	const char *prop_name;   /* the property being evaluated */
	const char *err;         /* set on failure: a short reason */
} qr_ev_ctx;

/* Evaluate an XSL expression (one token list up to end). Words that are
 * not functions come back as EV_WORD. */
qr_ev qr_fo_eval(qr_ev_ctx *c, const char *s, const char *end);
/* Parse a colour: names, #rgb, #rrggbb, rgb(), rgb-icc() (its sRGB part).
 * Returns 1 and sets *out, or 0. */
int qr_fo_parse_color(const char *s, size_t n, qr_color *out);
/* The computed value (in points, resolved only for absolute parts) of a
 * length property on node n by name, for from-parent() and friends.
 * Returns 1 on success. */
int qr_fo_prop_len_of(const qr_fo *n, const char *name, size_t namelen,
    qr_fo_len *out);

/* Apply the attributes of element el to node n (fo_props.c): computes
 * n->inh, n->box and n->obj from the parent's and the attributes. */
void qr_fo_props_apply(qr_fo_doc *d, qr_fo *n, xmlNodePtr el);
/* The same from name/value pairs (npairs of them). */
void qr_fo_props_apply_list(qr_fo_doc *d, qr_fo *n, const char *const *pairs,
    size_t npairs);
/* The initial values, shared by all documents (static, never freed). */
const qr_fo_inherited *qr_fo_default_inherited(void);
const qr_fo_box *qr_fo_default_box(void);
const qr_fo_obj *qr_fo_default_obj(void);

/* The stored copy of a property group equal to *p (size bytes), made
 * on first sight; NULL only when out of memory. */
const void *qr_fo_intern(qr_fo_doc *d, qr_fo_itab *t, const void *p,
    size_t size);
/* The same for a string of n bytes (stored NUL-terminated). */
const char *qr_fo_intern_str(qr_fo_doc *d, const char *s, size_t n);

/* 1 the first time (kind, name) is seen in this document: unknown names
 * are reported once, at their first use, not once per node. */
int qr_fo_once(qr_fo_doc *d, const char *kind, const char *name);

/* The edit distance (insertions, deletions, substitutions, swaps of two
 * neighbours) between a and b, or max + 1 if it is more than max: for
 * "did you mean" on a misspelt name (fo_read.c). */
int qr_fo_distance(const char *a, const char *b, int max);
/* The name nearest to name (distance 1 for names of up to 4 bytes, else
 * 2), or NULL, among n records of size bytes each whose first member is
 * their `const char *` name (the property and element tables). */
const char *qr_fo_nearest(const char *name, const void *table, size_t n,
    size_t size);

/* Register an id (fo_read.c). */
void qr_fo_id_add(qr_fo_doc *d, qr_fo *n, const char *id);

#endif
