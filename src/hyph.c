/* hyph.c: hyphenation with libhyphen: dictionaries by language_COUNTRY
 * loaded on first use, and a per-document hash from (dictionary, word) to
 * the word's hyphenation points. */
#define _POSIX_C_SOURCE 200809L
#include "hyph.h"
#include "prefetch.h"

#include <hyphen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef QUIRE_HYPHEN_DIR
#define QUIRE_HYPHEN_DIR "/usr/share/hyphen"
#endif

/* Longer "words" (ids, URLs run together) are not worth hyphenating. */
#define MAX_WORD 63
#define MAX_DICTS 16
/* libhyphen's en-GB minimums (the dictionary's LEFTHYPHENMIN and
 * RIGHTHYPHENMIN); the task's lefthyphenmin/righthyphenmin. */
#define LEFT_MIN 2
#define RIGHT_MIN 3

typedef struct dict_slot {
	char name[32];     /* "en_GB" */
	HyphenDict *dict;  /* NULL when missing */
	int tried;
} dict_slot;

typedef struct entry {
	uint32_t hash;     /* 0 = empty slot */
	uint32_t key;      /* offset of the word in keys */
	uint16_t len;
	uint8_t dict;
	uint8_t npoints;
	uint32_t points;   /* offset of the points in pts */
} entry;

struct qr_hyph {
	quire *q;
	char *dir;
	dict_slot dicts[MAX_DICTS];
	int ndicts;
	entry *tab;
	size_t cap, used;
	unsigned char *keys;
	size_t nkeys, capkeys;
	unsigned char *pts;
	size_t npts, cappts;
	size_t computed, hits;
	/* the last language asked for and its slot (most text has one) */
	char last_lang[16], last_country[16];
	int last_d, last_set;
	/* qr_hyph_new_borrowing: the dictionaries are another's; a language
	 * it had not loaded is missed, not loaded */
	int borrowed, missed;
};

qr_hyph *
qr_hyph_new(quire *q, const char *dir)
{
	qr_hyph *h = calloc(1, sizeof *h);

	if (h == NULL)
		return NULL;
	h->q = q;
	h->dir = strdup(dir != NULL ? dir : QUIRE_HYPHEN_DIR);
	if (h->dir == NULL) {
		free(h);
		return NULL;
	}
	return h;
}

qr_hyph *
qr_hyph_new_borrowing(const qr_hyph *from)
{
	qr_hyph *h = qr_hyph_new(from->q, from->dir);

	if (h == NULL)
		return NULL;
	memcpy(h->dicts, from->dicts, sizeof h->dicts);
	h->ndicts = from->ndicts;
	h->borrowed = 1;
	return h;
}

int
qr_hyph_missed(qr_hyph *h)
{
	int m = h->missed;

	h->missed = 0;
	return m;
}

void
qr_hyph_free(qr_hyph *h)
{
	int i;

	if (h == NULL)
		return;
	for (i = 0; i < h->ndicts && !h->borrowed; i++)
		if (h->dicts[i].dict != NULL)
			hnj_hyphen_free(h->dicts[i].dict);
	free(h->dir);
	free(h->tab);
	free(h->keys);
	free(h->pts);
	free(h);
}

/* The patterns file of name ("en_GB") in dir; NULL when out of memory. */
static char *
S_dict_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + sizeof "/hyph_.dic";
	char *path = malloc(n);

	if (path != NULL)
		snprintf(path, n, "%s/hyph_%s.dic", dir, name);
	return path;
}

char *
qr_hyph_default_path(void)
{
	return S_dict_path(QUIRE_HYPHEN_DIR, "en_GB");
}

size_t
qr_hyph_computed(const qr_hyph *h)
{
	return h->computed;
}

size_t
qr_hyph_hits(const qr_hyph *h)
{
	return h->hits;
}

/* A language or country code is kept only if it is a few ASCII letters,
 * so that it can never reach outside the dictionary folder. */
static int
S_code_ok(const char *s, size_t maxlen)
{
	size_t i;

	if (s == NULL || *s == '\0')
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (i >= maxlen || !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z')))
			return 0;
	return 1;
}

static void
S_lower(char *d, const char *s)
{
	for (; *s; s++)
		*d++ = (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s;
	*d = '\0';
}

static void
S_upper(char *d, const char *s)
{
	for (; *s; s++)
		*d++ = (*s >= 'a' && *s <= 'z') ? (char)(*s - 'a' + 'A') : *s;
	*d = '\0';
}

/* The slot for lang/country, loading the dictionary the first time; -1
 * when there is none (noted once). */
static int
S_dict(qr_hyph *h, const char *lang, const char *country, const char *file,
    int line)
{
	char l[12], c[12], name[32], split[12];
	int i;

	if (lang == NULL)
		lang = "en";
	/* "en-GB" or "en_GB" in language alone (an RFC 3066 habit). */
	{
		const char *sep = strpbrk(lang, "-_");

		if (sep != NULL && sep - lang < (long)sizeof split) {
			memcpy(split, lang, (size_t)(sep - lang));
			split[sep - lang] = '\0';
			if (country == NULL)
				country = sep + 1;
			lang = split;
		}
	}
	if (!S_code_ok(lang, 8) || strcmp(lang, "none") == 0)
		return -1;
	S_lower(l, lang);
	if (country != NULL && S_code_ok(country, 8) &&
	    strcmp(country, "none") != 0) {
		S_upper(c, country);
	} else if (strcmp(l, "en") == 0) {
		strcpy(c, "GB");
	} else {
		c[0] = '\0';
	}
	snprintf(name, sizeof name, c[0] ? "%s_%s" : "%s", l, c);
	for (i = 0; i < h->ndicts; i++)
		if (strcmp(h->dicts[i].name, name) == 0)
			return h->dicts[i].dict != NULL ? i : -1;
	if (h->borrowed) {
		h->missed = 1;
		return -1;
	}
	if (h->ndicts == MAX_DICTS)
		return -1;
	i = h->ndicts++;
	snprintf(h->dicts[i].name, sizeof h->dicts[i].name, "%s", name);
	h->dicts[i].tried = 1;
	{
		char *path = S_dict_path(h->dir, name);
		FILE *fp;

		if (path == NULL)
			return -1;
		h->dicts[i].dict = qr_prefetch_take_hyph(h->q, path);
		/* hnj_hyphen_load prints to stderr when the file is
		 * missing; look first so that only our note appears. */
		if (h->dicts[i].dict == NULL &&
		    (fp = fopen(path, "rb")) != NULL) {
			fclose(fp);
			h->dicts[i].dict = hnj_hyphen_load(path);
		}
		if (h->dicts[i].dict == NULL)
			qr_diag(h->q, QD_NOTE, file, line, 0,
			    "no hyphenation patterns for language '%s' (%s): "
			    "its words are not hyphenated", name, path);
		free(path);
	}
	return h->dicts[i].dict != NULL ? i : -1;
}

static uint32_t
S_hash(const char *s, size_t n, int dict)
{
	uint32_t x = 2166136261u ^ (uint32_t)dict;
	size_t i;

	for (i = 0; i < n; i++) {
		x ^= (unsigned char)s[i];
		x *= 16777619u;
	}
	return x ? x : 1;
}

static int
S_grow(qr_hyph *h)
{
	size_t cap = h->cap ? h->cap * 2 : 1024, i;
	entry *t = calloc(cap, sizeof *t);

	if (t == NULL)
		return -1;
	for (i = 0; i < h->cap; i++) {
		size_t j;

		if (h->tab[i].hash == 0)
			continue;
		for (j = h->tab[i].hash & (cap - 1); t[j].hash != 0;
		    j = (j + 1) & (cap - 1))
			;
		t[j] = h->tab[i];
	}
	free(h->tab);
	h->tab = t;
	h->cap = cap;
	return 0;
}

/* Room for need bytes in a growing byte pool. */
static int
S_reserve(unsigned char **buf, size_t *cap, size_t need)
{
	size_t c;
	unsigned char *p;

	if (need <= *cap)
		return 0;
	c = *cap ? *cap : 4096;
	while (c < need)
		c *= 2;
	p = realloc(*buf, c);
	if (p == NULL)
		return -1;
	*buf = p;
	*cap = c;
	return 0;
}

/* The cached entry for word, computing it on a miss; NULL when out of
 * memory. */
static const entry *
S_lookup(qr_hyph *h, int d, const char *word, size_t len)
{
	uint32_t hash = S_hash(word, len, d);
	size_t j;
	char low[MAX_WORD + 1], hy[MAX_WORD + 8];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	entry e;
	size_t i;

	if (h->cap == 0 && S_grow(h) < 0)
		return NULL;
	for (j = hash & (h->cap - 1); h->tab[j].hash != 0;
	    j = (j + 1) & (h->cap - 1)) {
		const entry *x = &h->tab[j];

		if (x->hash == hash && x->dict == d && x->len == len &&
		    memcmp(h->keys + x->key, word, len) == 0) {
			h->hits++;
			return x;
		}
	}
	/* A miss: hyphenate the lower-cased word. */
	for (i = 0; i < len; i++)
		low[i] = (word[i] >= 'A' && word[i] <= 'Z') ?
		    (char)(word[i] - 'A' + 'a') : word[i];
	low[len] = '\0';
	memset(hy, 0, sizeof hy);
	hnj_hyphen_hyphenate2(h->dicts[d].dict, low, (int)len, hy, NULL,
	    &rep, &pos, &cut);
	if (rep != NULL) {
		for (i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	h->computed++;

	memset(&e, 0, sizeof e);
	e.hash = hash;
	e.dict = (uint8_t)d;
	e.len = (uint16_t)len;
	if (S_reserve(&h->keys, &h->capkeys, h->nkeys + len) < 0 ||
	    S_reserve(&h->pts, &h->cappts, h->npts + len) < 0)
		return NULL;
	memcpy(h->keys + h->nkeys, word, len);
	e.key = (uint32_t)h->nkeys;
	h->nkeys += len;
	e.points = (uint32_t)h->npts;
	/* hy[i] odd: a hyphen may follow character i (bytes: ASCII). */
	for (i = 0; i + 1 < len; i++) {
		size_t p = i + 1;

		if ((hy[i] & 1) && p >= LEFT_MIN && len - p >= RIGHT_MIN)
			h->pts[h->npts + e.npoints++] = (uint8_t)p;
	}
	h->npts += e.npoints;
	if ((h->used + 1) * 10 > h->cap * 7) {
		if (S_grow(h) < 0)
			return NULL;
	}
	for (j = hash & (h->cap - 1); h->tab[j].hash != 0;
	    j = (j + 1) & (h->cap - 1))
		;
	h->tab[j] = e;
	h->used++;
	return &h->tab[j];
}

/* Whether the remembered code kept (empty for none, NULL) is s. An
 * empty s is not NULL (NULL means English) and is never remembered. */
static int
S_same(const char *kept, const char *s)
{
	if (s != NULL && s[0] == '\0')
		return 0;
	return strcmp(kept, s != NULL ? s : "") == 0;
}

/* Remember s (NULL as empty); 0 when it cannot be remembered. */
static int
S_keep(char buf[16], const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	if (n >= 16 || (s != NULL && n == 0))
		return 0;
	memcpy(buf, s != NULL ? s : "", n + 1);
	return 1;
}

int
qr_hyph_word(qr_hyph *h, const char *lang, const char *country,
    const char *word, size_t len, int remain, int push, size_t *points,
    int max, const char *file, int line)
{
	const entry *e;
	int d, k, n = 0;
	size_t i, left, right;

	if (h == NULL || len < LEFT_MIN + RIGHT_MIN || len > MAX_WORD ||
	    max <= 0)
		return 0;
	for (i = 0; i < len; i++)
		if (!((word[i] >= 'a' && word[i] <= 'z') ||
		    (word[i] >= 'A' && word[i] <= 'Z')))
			return 0;
	if (h->last_set && S_same(h->last_lang, lang) &&
	    S_same(h->last_country, country)) {
		d = h->last_d;
	} else {
		d = S_dict(h, lang, country, file, line);
		h->last_set = S_keep(h->last_lang, lang) &&
		    S_keep(h->last_country, country);
		h->last_d = d;
	}
	if (d < 0)
		return 0;
	e = S_lookup(h, d, word, len);
	if (e == NULL)
		return 0;
	left = remain > LEFT_MIN ? (size_t)remain : LEFT_MIN;
	right = push > RIGHT_MIN ? (size_t)push : RIGHT_MIN;
	for (k = 0; k < e->npoints && n < max; k++) {
		size_t p = h->pts[e->points + (size_t)k];

		if (p >= left && len - p >= right)
			points[n++] = p;
	}
	return n;
}
