#!/usr/bin/env bash
# Embedding the library as README.md's "Using the library" says: the
# example in the README is tests/embed/example.c word for word; the
# README's compile command builds it against this build's libquire.a; it
# prints what the README says, on the seed sample and on a broken agenda.
# tests/embed/embed_check.c (same flags) checks errors as values, repeated
# use in one process, and that the program's own libxml2 still works. Both
# run under valgrind memcheck (no error, nothing definitely lost), or in a
# sanitizer build under AddressSanitizer and LeakSanitizer.
set -u
: "${QUIRE_SRC:?set QUIRE_SRC}" "${QUIRE_BUILD:?set QUIRE_BUILD}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
err() { echo "FAIL: $*"; fail=1; }
readme=$QUIRE_SRC/README.md
sanitize=${QUIRE_SANITIZE:-0}
case $sanitize in 1|ON|on|TRUE|true) sanitize=1 ;; *) sanitize=0 ;; esac

# The README's C block is the example file.
awk '/^## Using the library/{on=1} on&&/^```c$/{c=1;next} c&&/^```$/{exit} c' "$readme" >"$t/readme.c"
[ -s "$t/readme.c" ] || err "README.md has no C example under 'Using the library'"
diff -u "$QUIRE_SRC/tests/embed/example.c" "$t/readme.c" >"$t/diff" ||
	{ err "README.md's example differs from tests/embed/example.c:"; cat "$t/diff"; }

# The README's compile command (the sh block), pointed at this build.
awk '/^## Using the library/{on=1} on&&/^```sh$/{c=1;next} c&&/^```$/{exit} c' "$readme" |
	sed -e ':a' -e '/\\$/N; s/\\\n//; ta' | grep '^cc ' >"$t/cc"
[ "$(wc -l <"$t/cc")" = 1 ] || err "README.md: no single cc command under 'Using the library'"
cc_cmd=$(sed -e "s| -I src | -I $QUIRE_SRC/src |" \
    -e "s| tests/embed/example.c | $QUIRE_SRC/tests/embed/example.c |" \
    -e "s| build/libquire.a | $QUIRE_BUILD/libquire.a |" \
    -e "s| -o example\$| -o $t/example|" "$t/cc")
case $cc_cmd in *"$QUIRE_BUILD/libquire.a"*"-o $t/example") ;; *) err "README.md's cc command has an unexpected shape: $(cat "$t/cc")" ;; esac
extra=()
[ "$sanitize" = 1 ] && extra=(-fsanitize=address,undefined)
if ! eval "$cc_cmd" '"${extra[@]}"' 2>"$t/cc.err"; then
	err "the README's cc command fails: $cc_cmd"; cat "$t/cc.err"
fi
[ -s "$t/cc.err" ] && { err "the README's cc command warns:"; cat "$t/cc.err"; }
check_src=$QUIRE_SRC/tests/embed/embed_check.c
eval "${cc_cmd/ $QUIRE_SRC\/tests\/embed\/example.c / $check_src $(pkg-config --cflags libxml-2.0) }" \
    '"${extra[@]}"' "-o $t/embed_check" 2>"$t/cc2.err" ||
	{ err "embed_check.c does not compile:"; cat "$t/cc2.err"; }

# valgrind for a normal build (fontconfig 2.14 loses one block parsing its
# configuration: excused, as in memcheck.sh), the sanitizers' own checks
# in a sanitizer build.
cat >"$t/fontconfig.supp" <<'SUPP'
{
   fontconfig-parses-its-configuration
   Memcheck:Leak
   match-leak-kinds: definite
   ...
   fun:FcInitLoadConfigAndFonts
}
SUPP
run() { # prog args...: stdout to $t/out, stderr to $t/err, status in $got
	if [ "$sanitize" = 1 ]; then
		ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
		LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0" \
		    timeout 600 "$@" >"$t/out" 2>"$t/err"
		got=$?
	else
		timeout 600 valgrind --quiet --error-exitcode=99 --leak-check=full \
		    --show-leak-kinds=definite --errors-for-leak-kinds=definite \
		    --suppressions="$t/fontconfig.supp" --num-callers=40 \
		    "$@" >"$t/out" 2>"$t/err"
		got=$?
	fi
	if grep -q '^==[0-9]*== \|ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error:' "$t/err"; then
		err "$1: memory report:"; sed -n 1,60p "$t/err"
	fi
}
if [ "$sanitize" = 0 ] && ! command -v valgrind >/dev/null; then
	err "valgrind is not installed (apt-get install valgrind)"
	exit 1
fi

# The example, run where the README runs it (the source folder), on a copy.
mkdir -p "$t/run"
cp -r "$QUIRE_SRC/samples/northmoor-audit-2024-03-19" "$t/run/"
if [ -x "$t/example" ]; then
	cd "$t/run" || exit 1
	run "$t/example" northmoor-audit-2024-03-19/agenda.xml pack.pdf
	[ "$got" = 0 ] || { err "example: exit $got"; cat "$t/err"; }
	printf 'notice.pdf: written\npack: status 0, 0 error(s), 0 warning(s)\n' >"$t/want"
	diff -u "$t/want" "$t/out" || err "example: its output differs from README.md's"
	[ -s "$t/err" ] && { err "example: diagnostics on the sample:"; cat "$t/err"; }
	qpdf --check notice.pdf >/dev/null 2>&1 || err "example: notice.pdf is not a valid PDF"
	qpdf --check pack.pdf >/dev/null 2>&1 || err "example: pack.pdf is not a valid PDF"
	# A broken agenda: the attached report is missing.
	rm northmoor-audit-2024-03-19/report-write-offs.xml
	run "$t/example" northmoor-audit-2024-03-19/agenda.xml pack2.pdf
	[ "$got" = 1 ] || { err "example, broken agenda: exit $got, wanted 1"; cat "$t/err"; }
	grep -q '^pack: status 1, 1 error(s), 0 warning(s)$' "$t/out" || err "example, broken agenda: $(cat "$t/out")"
	grep -q '^northmoor-audit-2024-03-19/agenda.xml:[0-9][0-9]*: attachment .*report-write-offs.xml.* does not exist.* \[pack\]$' "$t/err" ||
		err "example, broken agenda: the diagnostic: $(cat "$t/err")"
	[ -e pack2.pdf ] && err "example, broken agenda: a pack was written"
	ls -A | grep -q '^\.' && err "example: a temporary file was left: $(ls -A)"
	cd - >/dev/null || exit 1
fi

if [ -x "$t/embed_check" ]; then
	run "$t/embed_check" "$t"
	[ "$got" = 0 ] || err "embed_check: exit $got: $(cat "$t/out")"
	[ "$(cat "$t/out")" = ok ] || err "embed_check: $(cat "$t/out")"
	# Errors came back as values: nothing was printed.
	[ -s "$t/err" ] && { err "embed_check: the library printed:"; cat "$t/err"; }
fi
exit $fail
