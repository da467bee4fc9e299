/* hyph.h: hyphenation points from libhyphen's pattern dictionaries
 * (hyph_en_GB.dic by default), loaded lazily once per document, with every
 * word's answer cached so a word is hyphenated only once per document. */
#ifndef QR_HYPH_H
#define QR_HYPH_H

#include <stddef.h>

#include "context.h"

typedef struct qr_hyph qr_hyph;

/* A hyphenator for one document; q receives its notes. dir is the folder
 * of hyph_*.dic files (NULL: QUIRE_HYPHEN_DIR). Nothing is loaded until
 * the first word. NULL when out of memory. */
qr_hyph *qr_hyph_new(quire *q, const char *dir);
void qr_hyph_free(qr_hyph *h);
/* A cache of its own over the dictionaries from has loaded so far, for
 * another thread: from must outlive it. A language from had not tried
 * is not loaded here: its words are missed instead (qr_hyph_missed). */
qr_hyph *qr_hyph_new_borrowing(const qr_hyph *from);
/* Whether a language was missed since the last call. */
int qr_hyph_missed(qr_hyph *h);

/* Where word (UTF-8, len bytes; letters only, else no points) may be
 * hyphenated in language lang (ISO 639, e.g. "en"; NULL means en) and
 * country (ISO 3166, e.g. "GB"; NULL: the language's default, en -> GB).
 * remain and push are XSL's hyphenation-remain-character-count and
 * hyphenation-push-character-count (at least that many characters stay
 * before / go after the hyphen); the dictionary's own minimums (2 and 3
 * for en-GB) apply too. Writes up to max byte offsets (ascending) into
 * points: a hyphen may go before word[points[i]]. Returns the number of
 * points. When no dictionary exists for the language one QD_NOTE is
 * reported (naming file:line when given) and no word of it is hyphenated. */
int qr_hyph_word(qr_hyph *h, const char *lang, const char *country,
    const char *word, size_t len, int remain, int push, size_t *points,
    int max, const char *file, int line);

/* The file of the default language's patterns (en_GB, in
 * QUIRE_HYPHEN_DIR): what a document without a language uses. The caller
 * frees it; NULL when out of memory. */
char *qr_hyph_default_path(void);

/* Words hyphenated by libhyphen so far, and cache hits (for tests). */
size_t qr_hyph_computed(const qr_hyph *h);
size_t qr_hyph_hits(const qr_hyph *h);

#endif
