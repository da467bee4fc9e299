/* fuzz_render.c: libFuzzer target for the renderer: FO bytes to a PDF in
 * memory. Any input must end in a PDF or in diagnostics, never a crash,
 * a hang or a leak. */
#include <stdint.h>
#include <stdlib.h>

#include "quire.h"

static void
quiet(const quire_diagnostic *d, void *user)
{
	(void)d;
	(void)user;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	quire *q = quire_new();
	unsigned char *pdf = NULL;
	size_t len = 0;

	if (q == NULL)
		return 0;
	quire_set_diagnostic_handler(q, quiet, NULL);
	if (quire_render_memory(q, (const char *)data, size, "fuzz.fo", &pdf,
	    &len) == QUIRE_OK && (pdf == NULL || len < 8))
		abort(); /* success must produce a PDF */
	free(pdf);
	quire_free(q);
	return 0;
}
