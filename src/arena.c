/* arena.c: bump allocation in chained blocks, freed all at once. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define BLOCK_SIZE (64 * 1024)
#define ALIGN 16

typedef struct block {
	struct block *next;
	size_t size, used;
	/* Data follows, aligned. */
} block;

struct qr_arena {
	block *head;
	size_t total;
};

static size_t
header_size(void)
{
	return (sizeof(block) + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

qr_arena *
qr_arena_new(void)
{
	return calloc(1, sizeof(qr_arena));
}

void
qr_arena_free(qr_arena *a)
{
	block *b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *
qr_arena_alloc(qr_arena *a, size_t size)
{
	block *b = a->head;
	size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	char *p;

	if (need < size)
		return NULL;
	if (b == NULL || b->size - b->used < need) {
		size_t bs = need > BLOCK_SIZE / 4 ? need : BLOCK_SIZE;
		block *nb = malloc(header_size() + bs);

		if (nb == NULL)
			return NULL;
		nb->size = bs;
		nb->used = 0;
		/* A large request gets its own block behind the current
		 * one, so the current block's free space is not wasted. */
		if (need > BLOCK_SIZE / 4 && b != NULL) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	p = (char *)b + header_size() + b->used;
	b->used += need;
	a->total += need;
	memset(p, 0, need);
	return p;
}

char *
qr_arena_strndup(qr_arena *a, const char *s, size_t n)
{
	char *p = qr_arena_alloc(a, n + 1);

	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *
qr_arena_strdup(qr_arena *a, const char *s)
{
	return qr_arena_strndup(a, s, strlen(s));
}

void
qr_arena_adopt(qr_arena *dst, qr_arena *src)
{
	block *last;

	if (src == NULL)
		return;
	if (src->head != NULL) {
		/* behind dst's current block, which keeps its free space */
		for (last = src->head; last->next != NULL; last = last->next)
			;
		if (dst->head != NULL) {
			last->next = dst->head->next;
			dst->head->next = src->head;
		} else {
			dst->head = src->head;
		}
		dst->total += src->total;
	}
	free(src);
}

size_t
qr_arena_used(const qr_arena *a)
{
	return a->total;
}
