/* outfile.h: write an output through a temporary file in the target
 * folder, renamed over the target only on success, so a failed run never
 * leaves a half-written file nor damages an earlier one. */
#ifndef QR_OUTFILE_H
#define QR_OUTFILE_H

#include <stdio.h>

#include "context.h"

typedef struct qr_outfile {
	char *final_path;
	char *tmp_path; /* give this to writers that want a path */
	FILE *fp;       /* open for writing ("wb") */
	int direct;     /* writing straight to a device or pipe */
} qr_outfile;

/* Create the temporary file; on failure reports the reason (missing
 * folder, a folder or a file in the way) and returns QUIRE_IOERR. An
 * existing target that is not a regular file (a device such as
 * /dev/null, a pipe) is written directly and never replaced; so is
 * standard output, which the path "-" names. */
int qr_outfile_open(quire *q, qr_outfile *out, const char *path);
/* Close, and rename over the final path. Reports and returns QUIRE_IOERR
 * on failure, leaving no temporary behind. */
int qr_outfile_commit(quire *q, qr_outfile *out);
/* Close and remove the temporary; the final path is untouched. */
void qr_outfile_discard(qr_outfile *out);

/* For a fatal-signal handler: remove the temporary file being written,
 * if any. Async-signal-safe (only unlink). The command line calls it on
 * SIGINT, SIGTERM and SIGHUP, then re-raises the signal. */
void qr_outfile_unlink_on_signal(void);

/* 1 (after reporting a usage error) if out names the same file as the
 * input in, which writing would destroy; 0 otherwise. */
int qr_outfile_is_input(quire *q, const char *out, const char *in);

#endif
