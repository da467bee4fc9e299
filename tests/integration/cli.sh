#!/usr/bin/env bash
# The command line's help, version, usage errors and exit codes.
set -u
fail=0
check() { # expected-status description command...
  local want=$1 what=$2; shift 2
  "$@" >/tmp/cli.$$.out 2>/tmp/cli.$$.err; local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: $what: exit $got, wanted $want"; cat /tmp/cli.$$.err; fail=1
  fi
}
check 0 "--version" "$QUIRE" --version
grep -q '^quire [0-9]' /tmp/cli.$$.out || { echo "FAIL: version text"; fail=1; }
check 0 "--help" "$QUIRE" --help
grep -q 'exit status' /tmp/cli.$$.out || { echo "FAIL: help names exit codes"; fail=1; }
for c in validate transform render build; do
  check 0 "$c --help" "$QUIRE" $c --help
  grep -q "usage: quire $c" /tmp/cli.$$.out || { echo "FAIL: $c help"; fail=1; }
done
check 2 "no command" "$QUIRE"
check 2 "unknown command" "$QUIRE" frobnicate
grep -q "unknown command 'frobnicate'" /tmp/cli.$$.err || { echo "FAIL: unknown command message"; fail=1; }
check 2 "render without -o" "$QUIRE" render x.fo
check 2 "unknown option" "$QUIRE" render x.fo -o y.pdf --bogus
check 2 "bad edition" "$QUIRE" build a.xml -o p.pdf --edition secret
check 2 "bad param" "$QUIRE" transform a.xml -o a.fo --param novalue
check 2 "validate nothing" "$QUIRE" validate
check 2 "bad limit" "$QUIRE" render x.fo -o y.pdf --max-pages lots
check 2 "unknown limit" "$QUIRE" render x.fo -o y.pdf --max-widgets 3
# A page limit is enforced: fifty forced pages against a limit of ten.
d=$(mktemp -d)
{ printf '<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:layout-master-set><fo:simple-page-master master-name="a" page-width="3in" page-height="2in"><fo:region-body/></fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference="a"><fo:flow flow-name="xsl-region-body">'
  for i in $(seq 50); do printf '<fo:block break-after="page">%s</fo:block>' "$i"; done
  printf '</fo:flow></fo:page-sequence></fo:root>\n'; } >"$d/fifty.fo"
check 1 "page limit" "$QUIRE" render "$d/fifty.fo" -o "$d/fifty.pdf" --max-pages 10
grep -q 'more than 10 pages' /tmp/cli.$$.err || { echo "FAIL: page limit message: $(cat /tmp/cli.$$.err)"; fail=1; }
[ -e "$d/fifty.pdf" ] && { echo "FAIL: page limit left a PDF"; fail=1; }
check 0 "within the limit" "$QUIRE" render "$d/fifty.fo" -o "$d/fifty.pdf" --max-pages 50
rm -rf "$d"
rm -f /tmp/cli.$$.out /tmp/cli.$$.err
exit $fail
