#!/usr/bin/env bash
# Malformed XSL-FO (tests/bad/fo/*.fo): `quire render X.fo -o out.pdf` must
# refuse each with exactly the diagnostics in X.expected (the folder written
# as @DIR@), exit 1 (or the status in X.exit), and write no PDF. The FO
# reader runs first in render, so these hold whatever the later stages do.
# Run with UPDATE=1 to rewrite the .expected files after a deliberate
# change of wording; review the diff before committing.
set -u
: "${QUIRE:?set QUIRE to the quire program}" "${QUIRE_SRC:?set QUIRE_SRC}"
dir=$QUIRE_SRC/tests/bad/fo
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
for f in "$dir"/*.fo; do
  base=${f%.fo}
  name=$(basename "$base")
  want=1
  [ -f "$base.exit" ] && want=$(cat "$base.exit")
  n=$((n + 1))
  "$QUIRE" render "$f" -o "$tmp/out.pdf" >"$tmp/out" 2>"$tmp/err"
  got=$?
  sed "s|$dir|@DIR@|g" "$tmp/err" >"$tmp/err.norm"
  if [ "${UPDATE:-0}" = 1 ]; then
    cp "$tmp/err.norm" "$base.expected"
  fi
  if [ "$got" != "$want" ]; then
    echo "FAIL: $name: render exit $got, wanted $want"; cat "$tmp/err"; fail=1
  fi
  if [ -s "$tmp/out" ]; then
    echo "FAIL: $name: render wrote to stdout"; fail=1
  fi
  if [ ! -f "$base.expected" ]; then
    echo "FAIL: $name: no $name.expected beside it"; fail=1
  elif ! diff -u "$base.expected" "$tmp/err.norm"; then
    echo "FAIL: $name: diagnostics differ from $name.expected"; fail=1
  fi
  # Every diagnostic names the file and a line.
  if grep -v '^quire: @DIR@/[^:]*\.fo:[0-9][0-9]*\(:[0-9][0-9]*\)\?: \(error\|warning\|note\): ' "$tmp/err.norm" | grep -q .; then
    echo "FAIL: $name: a diagnostic without file:line"; cat "$tmp/err"; fail=1
  fi
  # At least one error: a refused file always says why.
  if ! grep -q ': error: ' "$tmp/err.norm"; then
    echo "FAIL: $name: refused without an error diagnostic"; fail=1
  fi
  if [ -e "$tmp/out.pdf" ] || ls -A "$tmp" | grep -q '^\.out\.pdf'; then
    echo "FAIL: $name: render left an output behind"; fail=1
  fi
  rm -f "$tmp"/out.pdf "$tmp"/.out.pdf.*
done
if [ "$n" -lt 25 ]; then
  echo "FAIL: only $n malformed FO files found in $dir"; fail=1
fi
if grep -rq 'root:x:0:0' "$dir"/*.expected; then
  echo "FAIL: /etc/passwd content leaked into diagnostics"; fail=1
fi
exit $fail
