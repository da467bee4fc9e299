/* prefetch.c: fontconfig's initialisation and the default hyphenation
 * patterns, loaded on two threads of their own. On the seed pack the two
 * cost about 60 million instructions, a tenth of a whole build, and
 * neither depends on the document, so they overlap parsing, validation
 * and the transform instead of waiting for layout. The threads touch no
 * quire state and report nothing: a failure shows when the main thread
 * does the same work again itself and reports it there. */
#define _POSIX_C_SOURCE 200809L
#include "prefetch.h"

#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyph.h"

struct qr_prefetch {
	/* one thread each: fontconfig's set-up and the patterns take about
	 * as long as each other, and a render reaches layout after a few
	 * milliseconds of reading */
	pthread_t fonts, hyph_thread;
	int fonts_joined, hyph_joined;
	char *hyph_path;   /* the patterns wanted; NULL: none */
	HyphenDict *hyph;  /* loaded, until taken */
};

static void *
S_fonts(void *arg)
{
	(void)arg;
	(void)FcInit();
	return NULL;
}

static void *
S_hyph(void *arg)
{
	struct qr_prefetch *p = arg;
	FILE *fp;

	/* hnj_hyphen_load prints to stderr for a missing file; the main
	 * thread notes that itself. */
	if ((fp = fopen(p->hyph_path, "rb")) != NULL) {
		fclose(fp);
		p->hyph = hnj_hyphen_load(p->hyph_path);
	}
	return NULL;
}

void
qr_prefetch_start(quire *q)
{
	struct qr_prefetch *p;

	if (q == NULL || q->prefetch != NULL)
		return;
	if ((p = calloc(1, sizeof *p)) == NULL)
		return;
	p->hyph_path = qr_hyph_default_path();
	if (pthread_create(&p->fonts, NULL, S_fonts, NULL) != 0) {
		free(p->hyph_path);
		free(p);
		return;
	}
	/* without a thread for them, the patterns load where needed */
	p->hyph_joined = p->hyph_path == NULL ||
	    pthread_create(&p->hyph_thread, NULL, S_hyph, p) != 0;
	q->prefetch = p;
}

void
qr_prefetch_fonts(quire *q)
{
	struct qr_prefetch *p = q != NULL ? q->prefetch : NULL;

	if (p == NULL || p->fonts_joined)
		return;
	pthread_join(p->fonts, NULL);
	p->fonts_joined = 1;
}

static void
S_join_hyph(struct qr_prefetch *p)
{
	if (!p->hyph_joined) {
		pthread_join(p->hyph_thread, NULL);
		p->hyph_joined = 1;
	}
}

HyphenDict *
qr_prefetch_take_hyph(quire *q, const char *path)
{
	struct qr_prefetch *p = q != NULL ? q->prefetch : NULL;
	HyphenDict *d;

	if (p == NULL || p->hyph_path == NULL || path == NULL ||
	    strcmp(p->hyph_path, path) != 0)
		return NULL;
	S_join_hyph(p);
	d = p->hyph;
	p->hyph = NULL;
	return d;
}

void
qr_prefetch_wait(quire *q)
{
	struct qr_prefetch *p = q != NULL ? q->prefetch : NULL;

	if (p == NULL)
		return;
	qr_prefetch_fonts(q);
	S_join_hyph(p);
}

void
qr_prefetch_end(quire *q)
{
	struct qr_prefetch *p = q != NULL ? q->prefetch : NULL;

	if (p == NULL)
		return;
	qr_prefetch_wait(q);
	if (p->hyph != NULL)
		hnj_hyphen_free(p->hyph);
	free(p->hyph_path);
	free(p);
	q->prefetch = NULL;
}
