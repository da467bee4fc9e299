/* prefetch.h: the set-up every typesetting run needs whatever the
 * document says (fontconfig's configuration, the default language's
 * hyphenation patterns), done on two threads while the main thread
 * reads, validates and transforms the input. */
#ifndef QR_PREFETCH_H
#define QR_PREFETCH_H

#include <hyphen.h>

#include "context.h"

/* Start the work for q's next run; does nothing when it is running
 * already or no thread can be made (everything is then done where it is
 * needed, as without a prefetch). */
void qr_prefetch_start(quire *q);

/* Wait until fontconfig is initialised (at once without a prefetch). */
void qr_prefetch_fonts(quire *q);

/* The patterns loaded from path, if that is the file the prefetch loaded:
 * the caller owns them. NULL otherwise (load them yourself). */
HyphenDict *qr_prefetch_take_hyph(quire *q, const char *path);

/* Wait until both are done (what they loaded stays to be taken). */
void qr_prefetch_wait(quire *q);

/* Wait for the threads and free what nobody took. Safe to call twice. */
void qr_prefetch_end(quire *q);

#endif
