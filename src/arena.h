/* arena.h: a per-document arena; everything allocated from it is freed
 * together by qr_arena_free(), so callers never free pieces one by one. */
#ifndef QR_ARENA_H
#define QR_ARENA_H

#include <stddef.h>

typedef struct qr_arena qr_arena;

qr_arena *qr_arena_new(void);
void qr_arena_free(qr_arena *a);
/* Zeroed memory, aligned for any type; NULL only when out of memory. */
void *qr_arena_alloc(qr_arena *a, size_t size);
char *qr_arena_strndup(qr_arena *a, const char *s, size_t n);
char *qr_arena_strdup(qr_arena *a, const char *s);
/* Move everything src holds into dst, which frees it with its own, and
 * free src (which may be NULL). */
void qr_arena_adopt(qr_arena *dst, qr_arena *src);
/* Bytes handed out so far (for limits and benchmarks). */
size_t qr_arena_used(const qr_arena *a);

#endif
