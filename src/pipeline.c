/* pipeline.c: the render and build commands, joining the stages. */
#include "context.h"

int quire_render(quire *q, const char *fo, const char *out) { (void)out; qr_diag(q, QD_INTERNAL, fo, 0, 0, "render is not implemented yet"); return QUIRE_IOERR; }
int quire_dump_areas(quire *q, const char *fo, const char *out) { (void)out; qr_diag(q, QD_INTERNAL, fo, 0, 0, "render is not implemented yet"); return QUIRE_IOERR; }
int quire_render_memory(quire *q, const char *fo, size_t len, const char *base, unsigned char **pdf, size_t *pdf_len) { (void)fo; (void)len; (void)pdf; (void)pdf_len; qr_diag(q, QD_INTERNAL, base, 0, 0, "render is not implemented yet"); return QUIRE_IOERR; }
int quire_build(quire *q, const char *agenda, const char *out, const quire_build_options *o) { (void)out; (void)o; qr_diag(q, QD_INTERNAL, agenda, 0, 0, "build is not implemented yet"); return QUIRE_IOERR; }
