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
rm -f /tmp/cli.$$.out /tmp/cli.$$.err
exit $fail
