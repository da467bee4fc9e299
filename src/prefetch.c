/* prefetch.c: fontconfig's initialisation and the default hyphenation
 * patterns, loaded on a second thread. On the seed pack the two cost
 * about 60 million instructions, a tenth of a whole build, and neither
 * depends on the document, so they overlap parsing, validation and the
 * transform instead of waiting for layout. The thread touches no quire
 * state and reports nothing: a failure shows when the main thread does
 * the same work again itself and reports it there. */
#define _POSIX_C_SOURCE 200809L
#include "prefetch.h"

#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyph.h"

struct qr_prefetch {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t fonts_done;
	int fonts_ready;   /* under lock */
	int joined;
	char *hyph_path;   /* the patterns wanted; NULL: none */
	HyphenDict *hyph;  /* loaded, until taken */
};

static void *
S_run(void *arg)
{
	struct qr_prefetch *p = arg;
	FILE *fp;

	(void)FcInit();
	pthread_mutex_lock(&p->lock);
	p->fonts_ready = 1;
	pthread_cond_broadcast(&p->fonts_done);
	pthread_mutex_unlock(&p->lock);
	/* hnj_hyphen_load prints to stderr for a missing file; the main
	 * thread notes that itself. */
	if (p->hyph_path != NULL && (fp = fopen(p->hyph_path, "rb")) != NULL) {
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
	if (pthread_mutex_init(&p->lock, NULL) != 0)
		goto fail;
	if (pthread_cond_init(&p->fonts_done, NULL) != 0)
		goto fail_lock;
	if (pthread_create(&p->thread, NULL, S_run, p) != 0)
		goto fail_cond;
	q->prefetch = p;
	return;
fail_cond:
	pthread_cond_destroy(&p->fonts_done);
fail_lock:
	pthread_mutex_destroy(&p->lock);
fail:
	free(p->hyph_path);
	free(p);
}

void
qr_prefetch_fonts(quire *q)
{
	struct qr_prefetch *p = q != NULL ? q->prefetch : NULL;

	if (p == NULL || p->joined)
		return;
	pthread_mutex_lock(&p->lock);
	while (!p->fonts_ready)
		pthread_cond_wait(&p->fonts_done, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

static void
S_join(struct qr_prefetch *p)
{
	if (!p->joined) {
		pthread_join(p->thread, NULL);
		p->joined = 1;
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
	S_join(p);
	d = p->hyph;
	p->hyph = NULL;
	return d;
}

void
qr_prefetch_end(quire *q)
{
	struct qr_prefetch *p = q != NULL ? q->prefetch : NULL;

	if (p == NULL)
		return;
	S_join(p);
	if (p->hyph != NULL)
		hnj_hyphen_free(p->hyph);
	pthread_cond_destroy(&p->fonts_done);
	pthread_mutex_destroy(&p->lock);
	free(p->hyph_path);
	free(p);
	q->prefetch = NULL;
}
