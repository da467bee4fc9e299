#!/bin/bash
# layout_golden.sh: render each tests/layout/layout_*.fo with --dump-areas and
# check the expectations written in its comments (tests/layout/check_dump.py).
set -u
: "${QUIRE:?QUIRE must name the built quire}"
: "${QUIRE_SRC:?QUIRE_SRC must name the source tree}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
for fo in "$QUIRE_SRC"/tests/layout/layout_*.fo; do
	name=$(basename "$fo" .fo)
	n=$((n + 1))
	if ! timeout 120 "$QUIRE" render "$fo" --dump-areas -o "$tmp/$name.txt" \
	    2>"$tmp/$name.err"; then
		echo "FAIL $name: quire render failed:"
		cat "$tmp/$name.err"
		fail=1
		continue
	fi
	# expected diagnostics: <!-- diag: code --> must appear, and no error
	# may appear unless named
	for code in $(sed -n 's/.*<!-- *diag: *\([a-z-]*\) *-->.*/\1/p' "$fo"); do
		if ! grep -qi "$code" "$tmp/$name.err"; then
			echo "FAIL $name: expected a '$code' diagnostic; got:"
			cat "$tmp/$name.err"
			fail=1
		fi
	done
	if ! python3 "$QUIRE_SRC/tests/layout/check_dump.py" "$fo" \
	    "$tmp/$name.txt"; then
		echo "FAIL $name (dump kept below)"
		head -50 "$tmp/$name.txt"
		fail=1
	fi
done
if [ "$n" -eq 0 ]; then
	echo "no layout tests found"
	exit 1
fi
[ "$fail" -eq 0 ] && echo "layout golden: $n files pass"
exit $fail
