#!/usr/bin/env bash
# The sample packs, in both editions, draft and duplex: no text crosses
# the page margins (pack_quality.py) and the render is silent but for an
# overfull line around a single unbreakable word, which the typesetter must
# warn about (an e-mail address in a narrow column, say).
set -u
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
for dir in "$QUIRE_SRC"/samples/*/; do
  name=$(basename "$dir")
  agenda="$dir/agenda.xml"
  for opts in "edition=public draft=no duplex=no" "edition=members draft=yes duplex=yes"; do
    params=()
    for o in $opts; do params+=(--stringparam "${o%%=*}" "${o#*=}"); done
    xsltproc "${params[@]}" -o "$t/pack.fo" "$QUIRE_SRC/stylesheets/pack.xsl" "$agenda" 2>"$t/xslt.err" || {
      echo "FAIL $name ($opts): xsltproc: $(cat "$t/xslt.err")"; fail=1; continue; }
    "$QUIRE" render "$t/pack.fo" --dump-areas -o "$t/dump.txt" 2>"$t/err"
    rc=$?
    [ $rc = 0 ] || { echo "FAIL $name ($opts): render exit $rc: $(head -5 "$t/err")"; fail=1; continue; }
    grep -v "warning: line overfull by [0-9.]*pt: '[^ ']*' is wider than" "$t/err" >"$t/err.other"
    if [ -s "$t/err.other" ]; then
      echo "FAIL $name ($opts): the sample pack's render is not silent:"; head -10 "$t/err.other"; fail=1
    fi
    python3 "$QUIRE_SRC/tests/integration/pack_quality.py" "$t/pack.fo" "$t/dump.txt" >"$t/q.out" || {
      echo "FAIL $name ($opts):"; head -20 "$t/q.out"; fail=1; }
  done
done
exit $fail
