/* main.c: the quire command line, a thin front over libquire. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "quire.h"

static const char *const usage_main =
    "usage: quire [--version] [--help] COMMAND [ARGS]\n"
    "\n"
    "Publish council committee packs: XML documents to one printable PDF.\n"
    "\n"
    "commands:\n"
    "  validate FILE...              check documents against their schemas\n"
    "  transform FILE.xml -o OUT.fo  validate, then transform to XSL-FO\n"
    "  render FILE.fo -o OUT.pdf     typeset XSL-FO into PDF\n"
    "  build AGENDA.xml -o PACK.pdf  publish the pack an agenda describes\n"
    "\n"
    "options for every command:\n"
    "  -o, --output OUT the output (transform, render, build); - writes\n"
    "                   it to standard output\n"
    "  --data-dir DIR   folder with schemas/ and stylesheets/\n"
    "  --timings        print the time of each stage to stderr\n"
    "  --max-pages N, --max-seconds S, --max-depth N, --max-input-mb N\n"
    "                   limits (defaults 100000 pages, 600 s of layout,\n"
    "                   256 levels, 256 MiB a file)\n"
    "\n"
    "exit status: 0 done, 1 invalid input, 2 usage, 3 input/output or\n"
    "system error. Run 'quire COMMAND --help' for a command's options.\n";

static const char *const usage_validate =
    "usage: quire validate FILE...\n"
    "\n"
    "Parse each document safely (no network, no external entities, no DTD)\n"
    "and validate it against the schema its root element's namespace names.\n"
    "Errors read FILE:LINE:COL: error: message. Exit 0 if all are valid,\n"
    "1 if any is invalid, 3 if one cannot be read.\n"
    "--data-dir, --timings and the limits: see quire --help.\n";

static const char *const usage_transform =
    "usage: quire transform FILE.xml -o OUT.fo [--param NAME=VALUE]...\n"
    "\n"
    "Validate the document, then run its stylesheet to produce XSL-FO\n"
    "(-o - writes it to standard output). Stylesheets may not write files\n"
    "or reach the network.\n"
    "  --param NAME=VALUE        a stylesheet parameter\n"
    "--data-dir, --timings and the limits: see quire --help.\n";

static const char *const usage_render =
    "usage: quire render FILE.fo -o OUT.pdf [options]\n"
    "       quire render FILE.fo --dump-areas [-o OUT.txt]\n"
    "\n"
    "Typeset XSL-FO into PDF (-o - writes it to standard output).\n"
    "  --dump-areas       write the area tree as text instead of a PDF\n"
    "                     (to standard output without -o)\n"
    "  --title TEXT       document title     --author TEXT   author\n"
    "  --subject TEXT     subject            --keywords TEXT keywords\n"
    "  --lang CODE        document language (e.g. en-GB)\n"
    "--data-dir, --timings and the limits: see quire --help.\n";

static const char *const usage_build =
    "usage: quire build AGENDA.xml -o PACK.pdf [options]\n"
    "\n"
    "Publish the pack: the agenda's frontsheet and every attached document,\n"
    "in item order, in one bookmarked PDF.\n"
    "  --edition public|members  public (default) leaves out exempt papers\n"
    "  --draft                   DRAFT on every page\n"
    "  --duplex                  every document starts on a right-hand page\n"
    "  --published YYYY-MM-DD    publication date (default today), checked\n"
    "                            against the five clear working days rule\n"
    "  --param NAME=VALUE        a stylesheet parameter\n"
    "  --title, --author, --subject, --keywords, --lang as for render\n"
    "--data-dir, --timings and the limits: see quire --help.\n";

static int
usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "quire: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'quire %s--help'.\n", cmd);
	return QUIRE_USAGE;
}

typedef struct cli {
	const char *cmd;
	const char *out;
	const char **files;
	int nfiles;
	int dump_areas;
	quire_build_options build;
	const char *title, *author, *subject, *keywords, *lang;
} cli;

/* Whether option a (one that takes a value if valued) belongs to the
 * command: an option of another command is as unknown as a typing
 * error, and is said to be so before any word about its value. */
static int
S_known(const char *cmd, const char *a, int *valued)
{
	static const struct {
		const char *name;
		int valued;
		const char *cmds; /* the commands it belongs to */
	} opts[] = {
		{"--timings", 0, "validate transform render build"},
		{"--data-dir", 1, "validate transform render build"},
		{"--max-pages", 1, "validate transform render build"},
		{"--max-seconds", 1, "validate transform render build"},
		{"--max-depth", 1, "validate transform render build"},
		{"--max-input-mb", 1, "validate transform render build"},
		{"-o", 1, "transform render build"},
		{"--output", 1, "transform render build"},
		{"--param", 1, "transform build"},
		{"--dump-areas", 0, "render"},
		{"--title", 1, "render build"},
		{"--author", 1, "render build"},
		{"--subject", 1, "render build"},
		{"--keywords", 1, "render build"},
		{"--lang", 1, "render build"},
		{"--edition", 1, "build"},
		{"--published", 1, "build"},
		{"--draft", 0, "build"},
		{"--duplex", 0, "build"},
	};
	size_t i, n = strlen(cmd);

	for (i = 0; i < sizeof opts / sizeof opts[0]; i++) {
		const char *c = opts[i].cmds;

		if (strcmp(a, opts[i].name) != 0)
			continue;
		for (; (c = strstr(c, cmd)) != NULL; c += n)
			if ((c == opts[i].cmds || c[-1] == ' ') &&
			    (c[n] == ' ' || c[n] == '\0')) {
				*valued = opts[i].valued;
				return 1;
			}
		return 0;
	}
	return 0;
}

/* Parse the options after the command name. Returns -1 to go on, or an
 * exit status. */
static int
parse_args(quire *q, cli *c, int argc, char **argv, const char *help)
{
	char cmdsp[32];
	int i, rc;

	snprintf(cmdsp, sizeof cmdsp, "%s ", c->cmd);
	c->files = calloc((size_t)argc + 1, sizeof *c->files);
	if (c->files == NULL)
		return QUIRE_IOERR;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		int valued = 0;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(help, stdout);
			return QUIRE_OK;
		} else if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				c->files[c->nfiles++] = argv[i];
			break;
		} else if (a[0] != '-' || a[1] == '\0') {
			c->files[c->nfiles++] = a;
			continue;
		} else if (!S_known(c->cmd, a, &valued))
			return usage_error(cmdsp, "unknown option %s", a);
		if (valued && v == NULL)
			return usage_error(cmdsp, "option %s needs a value", a);
		i += valued;
		if (strcmp(a, "--timings") == 0)
			quire_set_timings(q, 1);
		else if (strcmp(a, "--dump-areas") == 0)
			c->dump_areas = 1;
		else if (strcmp(a, "--draft") == 0)
			c->build.draft = 1;
		else if (strcmp(a, "--duplex") == 0)
			c->build.duplex = 1;
		else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
			c->out = v;
		else if (strcmp(a, "--data-dir") == 0) {
			if (quire_set_data_dir(q, v) != QUIRE_OK)
				return QUIRE_IOERR;
		} else if (strncmp(a, "--max-", 6) == 0) {
			quire_limits l;
			char *end;
			double x = strtod(v, &end);

			memset(&l, 0, sizeof l);
			if (end == v || *end != '\0' || !(x >= 1 && x <= 1e9))
				return usage_error(cmdsp,
				    "a limit is a number from 1 to 1e9, not "
				    "'%s'", v);
			if (strcmp(a, "--max-pages") == 0)
				l.max_pages = (int)x;
			else if (strcmp(a, "--max-seconds") == 0)
				l.max_seconds = x;
			else if (strcmp(a, "--max-depth") == 0)
				l.max_depth = (int)x;
			else
				l.max_input_bytes = (size_t)x << 20;
			quire_set_limits(q, &l);
		} else if (strcmp(a, "--param") == 0) {
			const char *eq = strchr(v, '=');
			char name[256];

			if (eq == NULL || eq == v ||
			    (size_t)(eq - v) >= sizeof name)
				return usage_error(cmdsp,
				    "--param wants NAME=VALUE, not '%s'", v);
			memcpy(name, v, (size_t)(eq - v));
			name[eq - v] = '\0';
			if (quire_set_param(q, name, eq + 1) != QUIRE_OK)
				return QUIRE_IOERR;
		} else if (strcmp(a, "--edition") == 0) {
			if (strcmp(v, "public") != 0 &&
			    strcmp(v, "members") != 0)
				return usage_error(cmdsp,
				    "--edition is public or members, not '%s'", v);
			c->build.edition = v;
		} else if (strcmp(a, "--published") == 0)
			c->build.published = v;
		else if (strcmp(a, "--title") == 0)
			c->title = v;
		else if (strcmp(a, "--author") == 0)
			c->author = v;
		else if (strcmp(a, "--subject") == 0)
			c->subject = v;
		else if (strcmp(a, "--keywords") == 0)
			c->keywords = v;
		else if (strcmp(a, "--lang") == 0)
			c->lang = v;
	}
	rc = quire_set_info(q, c->title, c->author, c->subject, c->keywords,
	    c->lang);
	if (rc != QUIRE_OK)
		return rc; /* the library said why (a --lang that is no tag) */
	return -1;
}

static int
run(quire *q, int argc, char **argv)
{
	cli c;
	char cmdsp[32];
	const char *help;
	int rc, i, worst = QUIRE_OK;

	memset(&c, 0, sizeof c);
	if (argc < 2)
		return fputs(usage_main, stderr), QUIRE_USAGE;
	c.cmd = argv[1];
	if (strcmp(c.cmd, "--help") == 0 || strcmp(c.cmd, "-h") == 0 ||
	    strcmp(c.cmd, "help") == 0)
		return fputs(usage_main, stdout), QUIRE_OK;
	if (strcmp(c.cmd, "--version") == 0 || strcmp(c.cmd, "version") == 0)
		return puts("quire " QUIRE_VERSION), QUIRE_OK;
	if (strcmp(c.cmd, "validate") == 0)
		help = usage_validate;
	else if (strcmp(c.cmd, "transform") == 0)
		help = usage_transform;
	else if (strcmp(c.cmd, "render") == 0)
		help = usage_render;
	else if (strcmp(c.cmd, "build") == 0)
		help = usage_build;
	else
		return usage_error("", "unknown command '%s'", c.cmd);

	snprintf(cmdsp, sizeof cmdsp, "%s ", c.cmd);
	rc = parse_args(q, &c, argc - 2, argv + 2, help);
	if (rc >= 0)
		goto out;
	rc = QUIRE_USAGE;
	if (strcmp(c.cmd, "validate") == 0) {
		if (c.nfiles == 0) {
			usage_error("validate ", "%s", "no file to validate");
			goto out;
		}
		for (i = 0; i < c.nfiles; i++) {
			int r = quire_validate(q, c.files[i]);

			if (r > worst)
				worst = r;
		}
		rc = worst;
		goto out;
	}
	if (c.nfiles != 1) {
		usage_error(cmdsp, "%s takes exactly one input file", c.cmd);
		goto out;
	}
	if (c.out == NULL && !c.dump_areas) {
		usage_error(cmdsp, "%s needs -o OUTPUT", c.cmd);
		goto out;
	}
	if (strcmp(c.cmd, "transform") == 0)
		rc = quire_transform(q, c.files[0], c.out);
	else if (strcmp(c.cmd, "render") == 0)
		rc = c.dump_areas ? quire_dump_areas(q, c.files[0], c.out) :
		    quire_render(q, c.files[0], c.out);
	else
		rc = quire_build(q, c.files[0], c.out, &c.build);
out:
	free(c.files);
	return rc;
}

/* A fatal signal while an output is being written: remove the temporary
 * (the earlier output is untouched), then die of the same signal. */
static void
on_signal(int sig)
{
	qr_outfile_unlink_on_signal();
	signal(sig, SIG_DFL);
	raise(sig);
}

int
main(int argc, char **argv)
{
	quire *q;
	int rc;

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	/* Past a file-size limit, let write() fail (EFBIG) so the output is
	 * reported and its temporary removed, instead of dying of SIGXFSZ. */
	signal(SIGXFSZ, SIG_IGN);
	q = quire_new();

	if (q == NULL) {
		fputs("quire: out of memory\n", stderr);
		return QUIRE_IOERR;
	}
	rc = run(q, argc, argv);
	quire_free(q);
	return rc;
}
