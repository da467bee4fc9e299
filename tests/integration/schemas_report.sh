#!/usr/bin/env bash
# The report schema: the seed report validates with `quire validate`, and
# broken copies of it (duplicate recommendation number, unknown status, bad
# date, ...) are rejected with exit 1 and a FILE:LINE:COL diagnostic at the
# line of the fault. xmllint checks the same copies against the same schema,
# so a failure here says whether the schema or the validator is at fault.
set -u
: "${QUIRE:?QUIRE must name the quire binary}"
: "${QUIRE_SRC:?QUIRE_SRC must name the source tree}"

sample="$QUIRE_SRC/samples/cyp-scrutiny-2017-09-12/report-cse-progress.xml"
schema="$QUIRE_SRC/schemas/report.xsd"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# --- the sample itself -------------------------------------------------
xmllint --noout --schema "$schema" "$sample" 2>"$work/xmllint.err" ||
  { echo "FAIL: xmllint rejects the sample"; cat "$work/xmllint.err"; fail=1; }
"$QUIRE" validate --data-dir "$QUIRE_SRC" "$sample" >"$work/out" 2>"$work/err"
rc=$?
if [ "$rc" != 0 ]; then
  echo "FAIL: quire validate rejects the sample (exit $rc)"; cat "$work/err"; fail=1
fi

# The sample is the whole seed report: 38 recommendations in 42 rows.
rows=$(grep -c '<recommendation ' "$sample")
[ "$rows" = 42 ] || { echo "FAIL: sample has $rows recommendation rows, wanted 42"; fail=1; }

# --- broken copies -----------------------------------------------------
# broken NAME PATTERN SED-EXPR: copy the sample, apply SED-EXPR to the first
# line matching PATTERN only, and expect both validators to reject it with
# a diagnostic naming that line.
broken() {
  local name=$1 pattern=$2 expr=$3
  local f="$work/$name.xml"
  local line
  line=$(grep -n -m1 -e "$pattern" "$sample" | cut -d: -f1)
  if [ -z "$line" ]; then
    echo "FAIL: $name: pattern '$pattern' not in the sample"; fail=1; return
  fi
  sed "${line}{${expr}}" "$sample" >"$f"
  if cmp -s "$sample" "$f"; then
    echo "FAIL: $name: the edit changed nothing"; fail=1; return
  fi
  if xmllint --noout --schema "$schema" "$f" 2>/dev/null; then
    echo "FAIL: $name: xmllint accepts the broken copy (schema too lax)"; fail=1
  fi
  "$QUIRE" validate --data-dir "$QUIRE_SRC" "$f" >"$work/out" 2>"$work/err"
  local rc=$?
  if [ "$rc" != 1 ]; then
    echo "FAIL: $name: quire validate exit $rc, wanted 1"; sed 's/^/  /' "$work/err"; fail=1; return
  fi
  # file:line:col: severity: message, at the line of the fault.
  if ! grep -Eq "$name\.xml:[0-9]+:[0-9]+: (error|fatal)" "$work/err"; then
    echo "FAIL: $name: no FILE:LINE:COL: error diagnostic"; sed 's/^/  /' "$work/err"; fail=1; return
  fi
  # A schema error is reported at the offending element's line; a
  # well-formedness error where the parser notices it, naming the line of
  # the unclosed tag in its message.
  if [ "$name" = not-well-formed ]; then
    grep -Eq "$name\.xml:[0-9]+:[0-9]+: .*line $line\b" "$work/err" ||
      { echo "FAIL: $name: diagnostic does not name line $line"; sed 's/^/  /' "$work/err"; fail=1; }
  elif ! grep -Eq "$name\.xml:$line:[0-9]+: " "$work/err"; then
    echo "FAIL: $name: diagnostic not at line $line"; sed 's/^/  /' "$work/err"; fail=1
  fi
}

# Recommendation numbers (with their part) are unique: a second "1".
broken dup-number '<recommendation number="2">' 's/number="2"/number="1"/'
# A second 7a where 7b was.
broken dup-part '<recommendation number="7b">' 's/number="7b"/number="7a"/'
# Only the listed statuses.
broken unknown-status 'status="in-progress"' 's/status="in-progress"/status="done"/'
# Dates are real dates.
broken bad-date '<meeting-date>' 's/2017-09-12/2017-09-31/'
# Update columns are months (YYYY-MM).
broken bad-month '<period id="m6"' 's/as-at="2016-11"/as-at="November 2016"/'
# An update names a declared period.
broken unknown-period '<update period="m12"' 's/period="m12"/period="m18"/'
# At most one update per period in a recommendation.
broken two-updates '<update period="m12"' 's/period="m12"/period="m6"/'
# A reference to a recommendation names one that exists.
broken unknown-rec-ref '<rec-ref number="19">' 's/<rec-ref number="19">/<rec-ref number="99">/'
# Numbers are digits with an optional lower-case part letter.
broken bad-number '<recommendation number="3">' 's/number="3"/number="3A"/'
# Unknown elements are refused.
broken unknown-element '<lead><agency>TWSCB</agency></lead>' 's/<lead>/<leader>/; s/<\/lead>/<\/leader>/'
# Not well-formed at all: a tag left open.
broken not-well-formed '<title>Annual Review of CSE Strategy</title>' 's/<\/title>//'

# --- the stylesheet computes the table and the summary -----------------
fo="$work/report.fo"
if xsltproc "$QUIRE_SRC/stylesheets/report.xsl" "$sample" >"$fo" 2>"$work/xslt.err"; then
  # header row + 42 recommendation rows in the main table
  n=$(grep -o '<fo:table-row' "$fo" | wc -l)
  # summary: header + 5 statuses used + "No status given" + Total = 8
  [ "$n" = $((1 + 42 + 8)) ] || { echo "FAIL: $n table rows in the FO, wanted 51"; fail=1; }
  grep -q '<fo:table-header' "$fo" || { echo "FAIL: no fo:table-header"; fail=1; }
  grep -q 'table-layout="fixed"' "$fo" || { echo "FAIL: table not fixed layout"; fail=1; }
  grep -q 'master-reference="qr-landscape"' "$fo" || { echo "FAIL: appendix not landscape"; fail=1; }
  # numbers computed by the stylesheet, never typed: 3.10. exists
  grep -q '>3\.10\.<' "$fo" || { echo "FAIL: paragraph 3.10. not numbered"; fail=1; }
  # 12 month column: 28 completed, counted from the data
  tr -d '\n' <"$fo" | grep -Eq 'Completed</fo:block></fo:table-cell><fo:table-cell[^>]*><fo:block[^>]*>16</fo:block></fo:table-cell><fo:table-cell[^>]*><fo:block[^>]*>28<' ||
    { echo "FAIL: summary does not count 16 and 28 completed"; fail=1; }
else
  echo "FAIL: xsltproc report.xsl"; cat "$work/xslt.err"; fail=1
fi

exit $fail
