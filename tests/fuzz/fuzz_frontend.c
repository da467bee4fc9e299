/* fuzz_frontend.c: libFuzzer target for the front end: document bytes
 * through safe parsing, validation and transformation to FO. */
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
	char *fo = NULL;
	size_t len = 0;

	if (q == NULL)
		return 0;
	quire_set_diagnostic_handler(q, quiet, NULL);
	if (quire_transform_memory(q, (const char *)data, size, "fuzz.xml",
	    &fo, &len) == QUIRE_OK && fo == NULL)
		abort();
	free(fo);
	quire_free(q);
	return 0;
}
