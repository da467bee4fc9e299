/* arena.c: bump allocation in chained blocks, freed all at once. */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE */
#include <stdint.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define BLOCK_SIZE (64 * 1024)
/* Once an arena holds this much, its next blocks are huge pages: see
 * S_block_new. */
#define HUGE_AFTER ((size_t)4 << 20)
#define HUGE_SIZE ((size_t)2 << 20)
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

/* A new block of at least bs bytes of data; *bs is set to its size. A big
 * arena (an area tree of a thousand pages holds about 60 MiB) is touched
 * for the first time page by page as it fills, and those page faults
 * were a tenth of a long render's time; so past HUGE_AFTER its ordinary
 * blocks are 2 MiB, aligned, and offered to the kernel as one
 * transparent huge page (where THP is off or unavailable, madvise fails
 * and they are ordinary pages). Measured on the 1050 benchmark pack:
 * 39,218 -> 26,262 page faults, layout's CPU time 194 -> 173 ms (medians
 * of 8, machine shared), peak memory 145 -> 148 MB. */
static block *
S_block_new(const qr_arena *a, size_t *bs)
{
	void *m = NULL;

	if (*bs == BLOCK_SIZE && a->total >= HUGE_AFTER &&
	    posix_memalign(&m, HUGE_SIZE, HUGE_SIZE) == 0) {
		(void)madvise(m, HUGE_SIZE, MADV_HUGEPAGE);
		*bs = HUGE_SIZE - header_size();
		return m;
	}
	return malloc(header_size() + *bs);
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
		block *nb = S_block_new(a, &bs);

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

size_t
qr_arena_used(const qr_arena *a)
{
	return a->total;
}
