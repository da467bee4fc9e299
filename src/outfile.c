/* outfile.c: temporary-file-then-rename output. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

/* The temporary being written, for a signal handler to remove: a copy in
 * static storage, since the handler may not touch the heap. One at a
 * time is enough: the command line writes one output. */
static char S_pending[4096];
static volatile sig_atomic_t S_has_pending;

static void
S_track(const char *tmp)
{
	S_has_pending = 0;
	if (tmp != NULL && strlen(tmp) < sizeof S_pending) {
		memcpy(S_pending, tmp, strlen(tmp) + 1);
		S_has_pending = 1;
	}
}

void
qr_outfile_unlink_on_signal(void)
{
	if (S_has_pending)
		unlink(S_pending);
}

int
qr_outfile_open(quire *q, qr_outfile *out, const char *path)
{
	size_t n = strlen(path);
	struct stat sb;
	int fd;

	memset(out, 0, sizeof *out);
	if (strcmp(path, "-") == 0) {
		/* Standard output, written as it is (a pipe, a terminal or
		 * the caller's redirection); what the caller wrote to stdout
		 * before goes out first. */
		int sfd;

		fflush(stdout);
		sfd = dup(STDOUT_FILENO);
		out->fp = sfd >= 0 ? fdopen(sfd, "wb") : NULL;
		if (out->fp == NULL) {
			if (sfd >= 0)
				close(sfd);
			qr_diag(q, QD_IO, "(standard output)", 0, 0,
			    "cannot write: %s", strerror(errno));
			return QUIRE_IOERR;
		}
		out->direct = 1;
		out->final_path = strdup("(standard output)");
		return QUIRE_OK;
	}
	if (n == 0 || path[n - 1] == '/' ||
	    (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))) {
		qr_diag(q, QD_IO, path, 0, 0,
		    "the output is a folder: give a file name");
		return QUIRE_IOERR;
	}
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		/* A device or a pipe: renaming over it would replace it
		 * (as root, even /dev/null), so write to it as it is. */
		out->fp = fopen(path, "wb");
		if (out->fp == NULL) {
			qr_diag(q, QD_IO, path, 0, 0, "cannot write: %s",
			    strerror(errno));
			return QUIRE_IOERR;
		}
		out->direct = 1;
		out->final_path = strdup(path);
		return QUIRE_OK;
	}
	out->final_path = strdup(path);
	out->tmp_path = malloc(n + 16);
	if (out->final_path == NULL || out->tmp_path == NULL) {
		qr_outfile_discard(out);
		qr_diag(q, QD_NOMEM, path, 0, 0, "out of memory");
		return QUIRE_IOERR;
	}
	/* A hidden sibling, so the rename stays in one file system. */
	{
		const char *slash = strrchr(path, '/');
		size_t dirlen = slash != NULL ? (size_t)(slash - path + 1) : 0;

		memcpy(out->tmp_path, path, dirlen);
		snprintf(out->tmp_path + dirlen, n + 16 - dirlen, ".%s.XXXXXX",
		    path + dirlen);
	}
	fd = mkstemp(out->tmp_path);
	if (fd >= 0)
		S_track(out->tmp_path);
	if (fd < 0) {
		int e = errno;

		qr_diag(q, QD_IO, path, 0, 0,
		    "cannot write the output here: %s (check that the folder "
		    "exists and is writable)", strerror(e));
		qr_outfile_discard(out);
		return QUIRE_IOERR;
	}
	/* mkstemp makes 0600; outputs are ordinary files. */
	{
		mode_t um = umask(0);

		umask(um);
		(void)fchmod(fd, 0666 & ~um);
	}
	out->fp = fdopen(fd, "wb");
	if (out->fp == NULL) {
		close(fd);
		unlink(out->tmp_path);
		qr_diag(q, QD_IO, path, 0, 0, "cannot open output: %s",
		    strerror(errno));
		free(out->tmp_path);
		out->tmp_path = NULL;
		qr_outfile_discard(out);
		return QUIRE_IOERR;
	}
	return QUIRE_OK;
}

int
qr_outfile_commit(quire *q, qr_outfile *out)
{
	int bad = 0, err = 0;

	if (out->fp != NULL) {
		if (ferror(out->fp) || fflush(out->fp) != 0)
			bad = 1, err = errno;
		if (fclose(out->fp) != 0 && !bad)
			bad = 1, err = errno;
		out->fp = NULL;
	}
	if (out->direct) {
		if (bad)
			qr_diag(q, QD_IO, out->final_path, 0, 0,
			    "writing the output failed: %s",
			    err != 0 ? strerror(err) : "write error");
		free(out->final_path);
		memset(out, 0, sizeof *out);
		return bad ? QUIRE_IOERR : QUIRE_OK;
	}
	if (bad) {
		qr_diag(q, QD_IO, out->final_path, 0, 0,
		    "writing the output failed: %s; the previous file, if "
		    "any, is untouched", err != 0 ? strerror(err) :
		    "write error");
		qr_outfile_discard(out);
		return QUIRE_IOERR;
	}
	S_track(NULL);
	if (rename(out->tmp_path, out->final_path) != 0) {
		qr_diag(q, QD_IO, out->final_path, 0, 0,
		    "cannot replace the output: %s", strerror(errno));
		qr_outfile_discard(out);
		return QUIRE_IOERR;
	}
	free(out->tmp_path);
	out->tmp_path = NULL;
	free(out->final_path);
	out->final_path = NULL;
	return QUIRE_OK;
}

void
qr_outfile_discard(qr_outfile *out)
{
	if (out->fp != NULL) {
		fclose(out->fp);
		out->fp = NULL;
	}
	if (out->tmp_path != NULL) {
		S_track(NULL);
		unlink(out->tmp_path);
		free(out->tmp_path);
		out->tmp_path = NULL;
	}
	free(out->final_path);
	out->final_path = NULL;
}

int
qr_outfile_is_input(quire *q, const char *out, const char *in)
{
	struct stat so, si;

	if (out == NULL || in == NULL || strcmp(out, "-") == 0 ||
	    stat(out, &so) != 0 ||
	    stat(in, &si) != 0 || !S_ISREG(so.st_mode) ||
	    so.st_dev != si.st_dev || so.st_ino != si.st_ino)
		return 0;
	qr_diag(q, QD_USAGE, out, 0, 0, "the output is an input (%s): writing "
	    "it would destroy it; choose another name", in);
	return 1;
}
