#!/usr/bin/env bash
# Apache FOP's own layout test cases (shared/fop-testcases), rendered by
# quire and by FOP and compared: see tests/fop/compare.py.
set -u
cases="${QUIRE_FOP_CASES:-$QUIRE_SRC/../shared/fop-testcases}"
[ -d "$cases/standard" ] || { echo "FAIL: no FOP test cases at $cases"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$QUIRE_SRC/tests/fop/compare.py" "$QUIRE" "$cases" "$work" \
  --fop-cache "${QUIRE_FOP_CACHE:-$QUIRE_BUILD/fop-cache}"
