#!/usr/bin/env bash
# Broken and hostile input for the renderer and the whole program (issue 7).
#
# Part 1, the corpus tests/bad/render/: each NAME.fo (or NAME.gen, a Python
# script that writes NAME.fo into a scratch folder, for inputs too big to
# commit) is rendered with `timeout 60 quire render IN -o OUT` over an
# earlier PDF at OUT (with the options in NAME.args and the environment
# NAME.env adds, if any), and must give
#   - the exit status in NAME.exit (0: recovered and published, 1: cannot be
#     typeset, 3: I/O); never a hang (timeout), a signal or a sanitizer report;
#   - exactly the diagnostics in NAME.expected (paths written as @DIR@ for
#     this folder, @TMP@ for the scratch folder of generated inputs, @PORT@
#     for the listener's port), each naming the file and a line;
#   - on 0: a new PDF at OUT that qpdf accepts, holding every line of
#     NAME.words (pdftotext, spaces squeezed);
#     otherwise: the earlier PDF byte for byte, and at least one error;
#   - no temporary file left beside OUT, nothing on stdout.
# A listener on 127.0.0.1 counts connections: none may arrive (images on
# the network are never fetched).
#
# Part 2, output paths for render and build: a directory, a path under a
# regular file, a missing folder, a read-only place (/proc), a device node,
# a full disk (a device like /dev/full), the input itself.
#
# Part 3, hostile images in a build (the frontsheet logo parameter): a
# damaged, a lying, a missing and a network logo are each one warning that
# points at the graphic, and the pack is published.
#
# UPDATE=NAME (a shell glob, e.g. UPDATE='*') rewrites NAME.expected from
# what quire prints now; review the diff, and keep the goldens of cases
# still open in tests/bad/FINDINGS.md as the correct behaviour.
set -u
: "${QUIRE:?set QUIRE to the quire program}" "${QUIRE_SRC:?set QUIRE_SRC}"
dir=$QUIRE_SRC/tests/bad/render
tmp=$(mktemp -d)
listener_pid=
cleanup() {
	[ -n "$listener_pid" ] && kill "$listener_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
fail=0
err() { echo "FAIL: $*"; fail=1; }
limit=60
# Sanitizer builds: LeakSanitizer lists the suppressions it used (src/font.c
# suppresses fontconfig's own leak) on stderr; keep stderr to diagnostics.
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0"

# An earlier PDF that every failure must leave alone.
cat >"$tmp/good.fo" <<'FO'
<?xml version="1.0"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="p" page-width="148mm" page-height="210mm" margin="15mm">
      <fo:region-body/>
    </fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="p">
    <fo:flow flow-name="xsl-region-body"><fo:block>The earlier PDF.</fo:block></fo:flow>
  </fo:page-sequence>
</fo:root>
FO
if ! "$QUIRE" render "$tmp/good.fo" -o "$tmp/earlier.pdf" 2>"$tmp/err"; then
	echo "FAIL: cannot render a good FO: $(cat "$tmp/err")"
	exit 1
fi

# The listener: accepts and records any connection on an ephemeral port.
python3 - "$tmp/port" "$tmp/connections" <<'PY' &
import socket, sys
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen(16)
open(sys.argv[1] + '.tmp', 'w').write(str(s.getsockname()[1]))
import os
os.rename(sys.argv[1] + '.tmp', sys.argv[1])
while True:
    c, _ = s.accept()
    with open(sys.argv[2], 'a') as f:
        f.write('connection\n')
    c.close()
PY
listener_pid=$!
for _ in $(seq 50); do [ -f "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port" 2>/dev/null) || { echo "FAIL: the listener did not start"; exit 1; }
# Prove that it records a connection, then start counting from zero.
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
for _ in $(seq 50); do [ -s "$tmp/connections" ] && break; sleep 0.1; done
[ -s "$tmp/connections" ] || { echo "FAIL: the listener does not record connections"; exit 1; }
: >"$tmp/connections"

# Run quire with the time bound; status 124 is a hang.
run() {
	timeout "$limit" "$QUIRE" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
}

# Classify a status that is never acceptable.
bad_status() { # name status
	if [ "$2" = 124 ]; then
		err "$1: still running after ${limit}s (hang)"
	elif [ "$2" -ge 128 ]; then
		err "$1: killed by signal $(($2 - 128)) (crash)"
	fi
	if grep -q 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error:\|libpng error' "$tmp/stderr"; then
		err "$1: sanitizer or library report:"; sed -n 1,40p "$tmp/stderr"
	fi
}

n=0
for f in "$dir"/*.fo "$dir"/*.gen; do
	[ -e "$f" ] || continue
	name=$(basename "$f"); name=${name%.*}
	base=$dir/$name
	n=$((n + 1))
	in=$f
	rm -rf "$tmp/gen" "$tmp/out"
	mkdir -p "$tmp/gen" "$tmp/out"
	if [ "${f##*.}" = gen ]; then
		if ! PORT=$port python3 "$f" "$tmp/gen"; then
			err "$name: the generator failed"; continue
		fi
		in=$tmp/gen/$name.fo
	fi
	if [ ! -f "$base.exit" ]; then
		err "$name: no $name.exit beside it"; continue
	fi
	want=$(cat "$base.exit")
	out=$tmp/out/out.pdf
	cp "$tmp/earlier.pdf" "$out"
	# NAME.env: VAR=VALUE lines for this case's environment.
	envs=()
	if [ -f "$base.env" ]; then
		while IFS= read -r kv; do
			[ -n "$kv" ] && envs+=("$(printf '%s' "$kv" | sed -e "s|@TMP@|$tmp/gen|g" -e "s|@DIR@|$dir|g")")
		done <"$base.env"
	fi
	# NAME.args: more options for quire render (e.g. a lowered limit).
	args=()
	[ -f "$base.args" ] && read -r -a args <"$base.args"
	env ${envs[@]+"${envs[@]}"} timeout "$limit" "$QUIRE" render "$in" -o "$out" ${args[@]+"${args[@]}"} \
	    >"$tmp/stdout" 2>"$tmp/stderr"
	got=$?
	bad_status "$name" "$got"
	sed -e "s|$tmp/gen|@TMP@|g" -e "s|$dir|@DIR@|g" \
	    -e "s|127\.0\.0\.1:$port|127.0.0.1:@PORT@|g" "$tmp/stderr" >"$tmp/err.norm"
	# shellcheck disable=SC2254
	case $name in ${UPDATE:-/}) cp "$tmp/err.norm" "$base.expected" ;; esac
	[ "$got" = "$want" ] || { err "$name: exit $got, wanted $want"; sed -n 1,20p "$tmp/stderr"; }
	[ -s "$tmp/stdout" ] && err "$name: wrote to stdout"
	if [ ! -f "$base.expected" ]; then
		err "$name: no $name.expected beside it"
	elif ! diff -u "$base.expected" "$tmp/err.norm" >"$tmp/diff"; then
		err "$name: diagnostics differ from $name.expected"; sed -n 1,40p "$tmp/diff"
	fi
	# Every diagnostic names the file and (but for whole-file limits) a line.
	if grep -v '^quire: @\(DIR\|TMP\)@/[^:]*:[0-9][0-9]*\(:[0-9][0-9]*\)\?: \(error\|warning\|note\): ' "$tmp/err.norm" |
	    grep -v '^quire: @\(DIR\|TMP\)@/[^:]*: error: .*limit' | grep -q .; then
		err "$name: a diagnostic without file:line:"
		grep -v '^quire: @\(DIR\|TMP\)@/[^:]*:[0-9]' "$tmp/err.norm" | sed -n 1,5p
	fi
	if [ "$want" = 0 ] && [ "$got" = 0 ]; then
		if cmp -s "$out" "$tmp/earlier.pdf"; then
			err "$name: exit 0 but the PDF was not written"
		elif ! qpdf --check "$out" >/dev/null 2>&1; then
			err "$name: qpdf rejects the PDF"
		fi
		if [ -f "$base.words" ]; then
			pdftotext "$out" - 2>/dev/null | tr -s ' \n\t' '   ' >"$tmp/text"
			while IFS= read -r w; do
				[ -z "$w" ] && continue
				grep -qF -- "$w" "$tmp/text" || err "$name: '$w' is not in the PDF"
			done <"$base.words"
		fi
	elif [ "$want" != 0 ]; then
		cmp -s "$out" "$tmp/earlier.pdf" || err "$name: the earlier PDF was changed"
		grep -q ': error: ' "$tmp/err.norm" || err "$name: failed without an error diagnostic"
	fi
	left=$(ls -A "$tmp/out" | grep -v '^out\.pdf$')
	[ -n "$left" ] && err "$name: left behind: $left"
done
[ "$n" -ge 25 ] || err "only $n cases found in $dir"
if [ -s "$tmp/connections" ]; then
	err "quire opened $(wc -l <"$tmp/connections") network connection(s)"
fi

# ---- Part 2: output paths -------------------------------------------------
ok=$tmp/good.fo
mkdir -p "$tmp/p2"
cd "$tmp/p2" || exit 1
listing() { ls -A "$tmp/p2" | sort | tr '\n' ' '; }

check_refused() { # what want-status
	bad_status "$1" "$got"
	[ "$got" = "$2" ] || { err "$1: exit $got, wanted $2"; sed -n 1,5p "$tmp/stderr"; }
	grep -q '^quire: .*: error: ' "$tmp/stderr" || err "$1: no error diagnostic naming the path: $(cat "$tmp/stderr")"
	[ "$(listing)" = "$before" ] || err "$1: files changed beside the output: '$before' -> '$(listing)'"
}

# The output is a directory.
mkdir outdir
before=$(listing)
run render "$ok" -o outdir; got=$?
check_refused "render -o a directory" 3
[ -d outdir ] && [ -z "$(ls -A outdir)" ] || err "render -o a directory: the directory was changed"
run render "$ok" -o outdir/; got=$?
check_refused "render -o a directory/" 3
[ -d outdir ] && [ -z "$(ls -A outdir)" ] || err "render -o a directory/: the directory was changed"

# The output is under a regular file.
echo "a regular file" >plain
before=$(listing)
run render "$ok" -o plain/x.pdf; got=$?
check_refused "render -o under a file" 3
[ "$(cat plain)" = "a regular file" ] || err "render -o under a file: the file was changed"

# A folder that does not exist, and one that even root cannot write in
# (/proc: tests run as root, so a chmod'ed folder would not do).
run render "$ok" -o missing/x.pdf; got=$?
check_refused "render -o a missing folder" 3
[ -e missing ] && err "render -o a missing folder: the folder was created"
run render "$ok" -o /proc/quire-bad-render-test.pdf; got=$?
check_refused "render -o a read-only place (/proc)" 3

# The output names the input: refused, as transform does (exit 2).
cp "$ok" same.fo
before=$(listing)
run render same.fo -o same.fo; got=$?
check_refused "render -o its own input" 2
cmp -s same.fo "$ok" || err "render -o its own input: the FO was replaced"
rm -f same.fo

# A device node (as /dev/null is): never replaced by a regular file.
if mknod nul c 1 3 2>/dev/null; then
	run render "$ok" -o nul; got=$?
	bad_status "render -o a device" "$got"
	[ -c nul ] || err "render -o a device node: the device was replaced by a regular file (as root, -o /dev/null would do this to /dev/null)"
	ls -A | grep -q '^\.nul\.' && err "render -o a device node: temporary file left"
	rm -f nul
else
	err "mknod failed: cannot check output to a device node"
fi

# A full disk: a device that answers every write with ENOSPC (what /dev/full
# is, made here so no system file is involved). Exit 3, an error that names
# the output, the device left as it is.
if mknod fulldev c 1 7 2>/dev/null; then
	for cmd in render build; do
		if [ $cmd = render ]; then
			run render "$ok" -o fulldev; got=$?
		else
			run build "$QUIRE_SRC/samples/northmoor-audit-2024-03-19/agenda.xml" -o fulldev --published 2024-03-01; got=$?
		fi
		bad_status "$cmd -o a full disk" "$got"
		[ "$got" = 3 ] || err "$cmd -o a full disk: exit $got, wanted 3"
		grep -q '^quire: [^ ]*fulldev: error: ' "$tmp/stderr" ||
			err "$cmd -o a full disk: the error does not name the output: $(grep error "$tmp/stderr")"
		[ -c fulldev ] || err "$cmd -o a full disk: the device was replaced"
		ls -A | grep -q '^\.fulldev' && err "$cmd -o a full disk: temporary file left"
	done
	rm -f fulldev
else
	err "mknod failed: cannot check a full disk"
fi

# A full file system under a regular output: a file-size limit (ulimit -f,
# with SIGXFSZ ignored so writes fail with EFBIG as they would with
# ENOSPC) needs no privilege. Exit 3, an error naming the output, the
# earlier PDF kept, no temporary left. big.fo: 1,800 pages, a 2 MB PDF.
python3 "$dir/many-paragraphs.gen" "$tmp/p2" && mv "$tmp/p2/many-paragraphs.fo" big.fo
for cmd in render build; do
	cp "$tmp/earlier.pdf" fullfs.pdf
	if [ $cmd = render ]; then
		(trap '' XFSZ; ulimit -f 64; exec timeout "$limit" "$QUIRE" render big.fo -o fullfs.pdf) \
		    >"$tmp/stdout" 2>"$tmp/stderr"
	else
		(trap '' XFSZ; ulimit -f 64; exec timeout "$limit" "$QUIRE" build "$QUIRE_SRC/samples/cyp-scrutiny-2017-09-12/agenda.xml" \
		    -o fullfs.pdf --published 2017-09-04) >"$tmp/stdout" 2>"$tmp/stderr"
	fi
	got=$?
	bad_status "$cmd on a full file system" "$got"
	[ "$got" = 3 ] || err "$cmd on a full file system: exit $got, wanted 3"
	grep -q '^quire: [^ ]*fullfs\.pdf: error: ' "$tmp/stderr" ||
		err "$cmd on a full file system: the error does not name the output: $(grep error "$tmp/stderr")"
	cmp -s fullfs.pdf "$tmp/earlier.pdf" || err "$cmd on a full file system: the earlier PDF was changed"
	ls -A | grep -q '^\.fullfs' && err "$cmd on a full file system: temporary file left"
	rm -f fullfs.pdf
done

# Killed while writing (an officer's Ctrl-C, a CI timeout): SIGTERM as soon
# as the temporary output appears must leave the earlier PDF and no
# temporary behind.
cp "$tmp/earlier.pdf" killed.pdf
"$QUIRE" render big.fo -o killed.pdf >/dev/null 2>&1 &
qpid=$!
seen=0
for _ in $(seq 3000); do
	if ls -A | grep -q '^\.killed\.pdf\.'; then seen=1; break; fi
	kill -0 "$qpid" 2>/dev/null || break
	sleep 0.02
done
kill -TERM "$qpid" 2>/dev/null
wait "$qpid" 2>/dev/null
if [ "$seen" = 0 ]; then
	err "killed while writing: the temporary output never appeared before quire ended"
else
	cmp -s killed.pdf "$tmp/earlier.pdf" || err "killed while writing: the earlier PDF was changed"
	ls -A | grep -q '^\.killed\.pdf\.' && err "killed while writing (SIGTERM): the temporary output is left behind: $(ls -A | grep '^\.killed')"
fi
rm -f big.fo killed.pdf .killed.pdf.*

# build: the same for the whole program, on a copy of the small sample.
cp -r "$QUIRE_SRC/samples/northmoor-audit-2024-03-19" sample
bopts=(--published 2024-03-01)
run build sample/agenda.xml -o pack.pdf "${bopts[@]}"; got=$?
bad_status "build of the sample" "$got"
[ "$got" = 0 ] || err "build of the sample: exit $got: $(sed -n 1,5p "$tmp/stderr")"
before=$(listing)
run build sample/agenda.xml -o outdir "${bopts[@]}"; got=$?
check_refused "build -o a directory" 3
run build sample/agenda.xml -o plain/pack.pdf "${bopts[@]}"; got=$?
check_refused "build -o under a file" 3
run build sample/agenda.xml -o /proc/quire-bad-render-test.pdf "${bopts[@]}"; got=$?
check_refused "build -o a read-only place (/proc)" 3
for doc in agenda.xml minutes-2024-01-23.xml; do
	cp "sample/$doc" "$tmp/$doc.orig"
	run build sample/agenda.xml -o "sample/$doc" "${bopts[@]}"; got=$?
	check_refused "build -o $doc (an input of the pack)" 2
	cmp -s "sample/$doc" "$tmp/$doc.orig" || err "build -o $doc: the document was replaced"
	cp "$tmp/$doc.orig" "sample/$doc"
done
ls -A sample | grep -q '^\.' && err "build: temporary file left in the sample folder"

# ---- Part 3: hostile images in a build (the frontsheet's --param logo) --------
# Each is a warning and the pack is published; the warning's file:line must
# show the cause (the line exists in that file and holds the graphic or the
# logo); nothing is fetched from the network.
cp "$dir/images/truncated.png" sample/logo-truncated.png
cp "$dir/images/claims-huge.png" sample/logo-huge.png
for logo in logo-truncated.png logo-huge.png nothere.png "http://127.0.0.1:$port/logo.png"; do
	what="build --param logo=$logo"
	rm -f logo.pdf
	run build sample/agenda.xml -o logo.pdf "${bopts[@]}" --param "logo=$logo"; got=$?
	bad_status "$what" "$got"
	[ "$got" = 0 ] || { err "$what: exit $got, wanted 0"; sed -n 1,5p "$tmp/stderr"; continue; }
	qpdf --check logo.pdf >/dev/null 2>&1 || err "$what: no valid PDF"
	line=$(grep ': warning: .*image' "$tmp/stderr" | head -1)
	[ -n "$line" ] || { err "$what: no warning about the image: $(cat "$tmp/stderr")"; continue; }
	[ "$(grep -c ': warning: .*image' "$tmp/stderr")" = 1 ] || err "$what: the image is warned about more than once"
	loc=${line#quire: }; loc=${loc%%: warning:*}
	file=${loc%%:*}; ln=${loc#*:}; ln=${ln%%:*}
	case $file in /*) ;; *) file=$tmp/p2/$file ;; esac
	if ! [ "$ln" -gt 0 ] 2>/dev/null || [ ! -f "$file" ]; then
		err "$what: the warning names no file and line: $line"
	elif ! sed -n "${ln}p" "$file" | grep -q 'external-graphic\|logo'; then
		err "$what: the warning points at ${loc}, which does not show the graphic (that file has $(wc -l <"$file") lines): $line"
	fi
done
if [ -s "$tmp/connections" ]; then
	err "quire opened $(wc -l <"$tmp/connections") network connection(s)"
fi
kill -0 "$listener_pid" 2>/dev/null || err "the listener died: network checks are void"
exit $fail
