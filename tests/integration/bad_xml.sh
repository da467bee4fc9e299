#!/usr/bin/env bash
# Hostile and broken documents (tests/bad/xml/*.xml): each must be refused
# with exactly the diagnostics in its .expected file (the folder written
# as @DIR@), exit 1 (or the status in X.exit), and leave no output.
# Run with UPDATE=1 to rewrite the .expected files after a deliberate
# change of wording; review the diff before committing.
set -u
: "${QUIRE:?set QUIRE to the quire program}" "${QUIRE_SRC:?set QUIRE_SRC}"
dir=$QUIRE_SRC/tests/bad/xml
data=$QUIRE_SRC/tests/data/front
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
for f in "$dir"/*.xml; do
  base=${f%.xml}
  name=$(basename "$base")
  want=1
  [ -f "$base.exit" ] && want=$(cat "$base.exit")
  n=$((n + 1))
  "$QUIRE" validate --data-dir "$data" "$f" >"$tmp/out" 2>"$tmp/err"
  got=$?
  sed "s|$dir|@DIR@|g" "$tmp/err" >"$tmp/err.norm"
  if [ "${UPDATE:-0}" = 1 ]; then
    cp "$tmp/err.norm" "$base.expected"
  fi
  if [ "$got" != "$want" ]; then
    echo "FAIL: $name: validate exit $got, wanted $want"; cat "$tmp/err"; fail=1
  fi
  if [ -s "$tmp/out" ]; then
    echo "FAIL: $name: validate wrote to stdout"; fail=1
  fi
  if [ ! -f "$base.expected" ]; then
    echo "FAIL: $name: no $name.expected beside it"; fail=1
  elif ! diff -u "$base.expected" "$tmp/err.norm"; then
    echo "FAIL: $name: diagnostics differ from $name.expected"; fail=1
  fi
  # Every diagnostic names the file with a line (and the parser's a
  # column): never a bare libxml2 message.
  if grep -v '^quire: @DIR@/[^:]*\.xml:[0-9][0-9]*\(:[0-9][0-9]*\)\?: \(error\|warning\|note\): ' "$tmp/err.norm" | grep -q .; then
    echo "FAIL: $name: a diagnostic without file:line"; cat "$tmp/err"; fail=1
  fi
  # transform refuses it the same way and writes nothing.
  "$QUIRE" transform --data-dir "$data" "$f" -o "$tmp/out.fo" >/dev/null 2>"$tmp/err2"
  got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: $name: transform exit $got, wanted $want"; fail=1
  fi
  if [ -e "$tmp/out.fo" ] || ls -A "$tmp" | grep -q '^\.out\.fo'; then
    echo "FAIL: $name: transform left an output behind"; fail=1
  fi
  rm -f "$tmp"/out.fo "$tmp"/.out.fo.*
done
if [ "$n" -lt 15 ]; then
  echo "FAIL: only $n hostile documents found in $dir"; fail=1
fi
# Nothing was read from /etc/passwd into any message.
if grep -rq 'root:x:0:0' "$dir"/*.expected; then
  echo "FAIL: /etc/passwd content leaked into diagnostics"; fail=1
fi
exit $fail
