#!/usr/bin/env bash
# The agenda and minutes schemas: both samples' agendas and minutes validate
# (xmllint and `quire validate`), and broken copies (duplicate minute
# number, bad date or time, missing title, unknown element, exempt
# paragraph out of range, duplicate attachment, ...) are rejected at the
# line of the fault. Each stylesheet alone turns its sample into a complete
# fo:root with xsltproc.
set -u
: "${QUIRE:?QUIRE must name the quire binary}"
: "${QUIRE_SRC:?QUIRE_SRC must name the source tree}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
seed="$QUIRE_SRC/samples/cyp-scrutiny-2017-09-12"
second="$QUIRE_SRC/samples/northmoor-audit-2024-03-19"

for f in "$seed/agenda.xml" "$seed/minutes-2017-07-03.xml" \
         "$second/agenda.xml" "$second/minutes-2024-01-23.xml"; do
  kind=$(basename "$f" | cut -d- -f1 | sed 's/\.xml$//')
  xmllint --noout --schema "$QUIRE_SRC/schemas/$kind.xsd" "$f" 2>"$work/err" ||
    { echo "FAIL: xmllint rejects $f"; cat "$work/err"; fail=1; }
  "$QUIRE" validate --data-dir "$QUIRE_SRC" "$f" >"$work/out" 2>"$work/err" ||
    { echo "FAIL: quire validate rejects $f"; cat "$work/err"; fail=1; }
  # The document alone: a complete fo:root with a page-sequence.
  xsltproc "$QUIRE_SRC/stylesheets/$kind.xsl" "$f" >"$work/alone.fo" 2>"$work/err" ||
    { echo "FAIL: $kind.xsl fails on $f"; cat "$work/err"; fail=1; }
  grep -q '<fo:root' "$work/alone.fo" && grep -q '<fo:page-sequence' "$work/alone.fo" ||
    { echo "FAIL: $kind.xsl on $f makes no fo:root with a page-sequence"; fail=1; }
done

# broken NAME SAMPLE PATTERN SED-EXPR: apply SED-EXPR to the first line of
# SAMPLE matching PATTERN; both validators must reject the copy, quire with
# exit 1 and a FILE:LINE:COL diagnostic at a line from that one on (a
# duplicate is reported where the second copy is).
broken() {
  local name=$1 sample=$2 pattern=$3 expr=$4 want_line=${5:-}
  local f="$work/$name.xml" line kind
  kind=$(basename "$sample" | cut -d- -f1 | sed 's/\.xml$//')
  line=$(grep -n -m1 -e "$pattern" "$sample" | cut -d: -f1)
  [ -n "$line" ] || { echo "FAIL: $name: '$pattern' not in $sample"; fail=1; return; }
  [ -n "$want_line" ] || want_line=$line
  sed "${line}{${expr}}" "$sample" >"$f"
  cmp -s "$sample" "$f" && { echo "FAIL: $name: the edit changed nothing"; fail=1; return; }
  if xmllint --noout --schema "$QUIRE_SRC/schemas/$kind.xsd" "$f" 2>/dev/null; then
    echo "FAIL: $name: xmllint accepts the broken copy (schema too lax)"; fail=1
  fi
  "$QUIRE" validate --data-dir "$QUIRE_SRC" "$f" >"$work/out" 2>"$work/err"
  local rc=$?
  if [ "$rc" != 1 ]; then
    echo "FAIL: $name: quire validate exit $rc, wanted 1"; sed 's/^/  /' "$work/err"; fail=1; return
  fi
  grep -Eq "$name\.xml:$want_line:[0-9]+: error" "$work/err" ||
    { echo "FAIL: $name: no FILE:$want_line:COL: error diagnostic"; sed 's/^/  /' "$work/err"; fail=1; }
}

m="$seed/minutes-2017-07-03.xml"
a="$seed/agenda.xml"
dup=$(grep -n -m1 'minute number="2"' "$m" | cut -d: -f1)
broken dup-minute "$m" 'minute number="2"' 's/number="2"/number="1"/' "$dup"
broken minute-date "$m" '<date>2017-07-03' 's/2017-07-03/3 July 2017/'
broken minute-time "$m" '<time>18:00' 's/18:00:00/6pm/'
# A missing element is reported at the element found in its place.
notitle=$(( $(grep -n -m1 '<title>Declarations of Interest' "$m" | cut -d: -f1) + 1 ))
broken minute-no-title "$m" '<title>Declarations of Interest' 's/<title>Declarations of Interest<\/title>//' "$notitle"
broken minute-unknown "$m" '<p>None</p>' 's/<p>None<\/p>/<para>None<\/para>/'
broken minute-number-zero "$m" 'minute number="4"' 's/number="4"/number="0"/'
broken minute-no-prefix "$m" '<minutes xmlns' 's/ prefix="CYPSC"//'
broken agenda-time "$a" '<time>18:00' 's/18:00:00/6.00pm/'
broken agenda-venue "$a" '<venue>' 's/<venue>\(.*\)<\/venue>/<place>\1<\/place>/'
broken agenda-phone "$a" '<phone>01952 382061' 's/01952 382061/ring Jessica/'
broken agenda-bad-width "$a" '<member role="chair">' 's/<member role="chair">K R Guy<\/member>/<member role="chair"><em>K R Guy<\/em><\/member>/'
s2="$second/agenda.xml"
broken exempt-paragraph "$s2" '<exempt paragraph="3">' 's/paragraph="3"/paragraph="9"/'
broken exempt-no-paragraph "$s2" '<exempt paragraph="3">' 's/ paragraph="3"//'
second_attach=$(grep -n -m1 'href="report-write-offs.xml"' "$s2" | cut -d: -f1)
broken dup-attach "$s2" 'href="report-write-offs.xml"' 's/report-write-offs.xml/minutes-2024-01-23.xml/' "$second_attach"

[ $fail = 0 ] && echo "ok: schemas_agenda_minutes"
exit $fail
