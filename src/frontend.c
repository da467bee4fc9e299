/* frontend.c: placeholder for the XML front end (owned by the front-end
 * engineer): parse, validate and transform are not implemented yet. */
#include "context.h"

int quire_validate(quire *q, const char *path) { qr_diag(q, QD_INTERNAL, path, 0, 0, "validate is not implemented yet"); return QUIRE_IOERR; }
int quire_transform(quire *q, const char *path, const char *out) { (void)out; qr_diag(q, QD_INTERNAL, path, 0, 0, "transform is not implemented yet"); return QUIRE_IOERR; }
int quire_transform_memory(quire *q, const char *xml, size_t len, const char *base, char **fo, size_t *fo_len) { (void)xml; (void)len; (void)fo; (void)fo_len; qr_diag(q, QD_INTERNAL, base, 0, 0, "transform is not implemented yet"); return QUIRE_IOERR; }
