#!/usr/bin/env bash
# quire render: a small FO becomes a valid PDF whose text extracts; a
# failed render leaves an earlier PDF untouched and no temporary file; the
# area dump is written; missing input and output folders are I/O errors.
set -u
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
err() { echo "FAIL: $*"; fail=1; }

cat >"$t/ok.fo" <<'FO'
<?xml version="1.0"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm" margin="20mm">
      <fo:region-body/>
    </fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="A4">
    <fo:flow flow-name="xsl-region-body">
      <fo:block font-family="Arial" font-size="12pt">Minutes of the meeting held on 3 July 2017 – £23.8m “agreed”.</fo:block>
      <fo:block break-before="page" id="two">Second page.</fo:block>
    </fo:flow>
  </fo:page-sequence>
</fo:root>
FO
"$QUIRE" render "$t/ok.fo" -o "$t/out.pdf" 2>"$t/err" || err "render of a good FO failed: $(cat "$t/err")"
qpdf --check "$t/out.pdf" >/dev/null 2>&1 || err "qpdf --check fails"
[ "$(pdfinfo "$t/out.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')" = 2 ] || err "wanted 2 pages"
pdftotext "$t/out.pdf" "$t/out.txt" 2>"$t/pt.err"
[ -s "$t/pt.err" ] && err "pdftotext complains: $(cat "$t/pt.err")"
grep -q 'Minutes of the meeting held on 3 July 2017 – £23.8m “agreed”.' "$t/out.txt" || err "text does not extract: $(cat "$t/out.txt")"
cp "$t/out.pdf" "$t/before.pdf"

# The same input twice gives the same bytes.
"$QUIRE" render "$t/ok.fo" -o "$t/again.pdf" 2>/dev/null
cmp -s "$t/out.pdf" "$t/again.pdf" || err "output is not reproducible"

# A broken FO: exit 1, a diagnostic with file and line, earlier PDF kept.
sed 's|<fo:region-body/>|<fo:region-body>|' "$t/ok.fo" >"$t/bad.fo"
"$QUIRE" render "$t/bad.fo" -o "$t/out.pdf" 2>"$t/err"
rc=$?
[ $rc = 1 ] || err "broken FO: exit $rc, wanted 1"
grep -q 'bad.fo:[0-9]*:[0-9]*: error:' "$t/err" || err "broken FO: no file:line:col error: $(cat "$t/err")"
cmp -s "$t/out.pdf" "$t/before.pdf" || err "broken FO: the earlier PDF was changed"
ls -a "$t" | grep -q '^\.out\.pdf\.' && err "broken FO: temporary file left behind"

# A page-sequence naming a master that does not exist.
sed 's|master-reference="A4"|master-reference="A5"|' "$t/ok.fo" >"$t/nomaster.fo"
"$QUIRE" render "$t/nomaster.fo" -o "$t/out.pdf" 2>"$t/err"
[ $? = 1 ] || err "missing master: wanted exit 1"
grep -q 'nomaster.fo:[0-9]*.*error:.*A5' "$t/err" || err "missing master message: $(cat "$t/err")"
cmp -s "$t/out.pdf" "$t/before.pdf" || err "missing master: the earlier PDF was changed"

# Missing input, and an output folder that does not exist: exit 3.
"$QUIRE" render "$t/none.fo" -o "$t/x.pdf" 2>/dev/null
[ $? = 3 ] || err "missing input: wanted exit 3"
"$QUIRE" render "$t/ok.fo" -o "$t/nowhere/x.pdf" 2>/dev/null
[ $? = 3 ] || err "missing output folder: wanted exit 3"

# The area dump: two pages, the text as runs.
"$QUIRE" render "$t/ok.fo" --dump-areas -o "$t/dump.txt" 2>"$t/err" || err "dump failed: $(cat "$t/err")"
[ "$(grep -c '^page ' "$t/dump.txt")" = 2 ] || err "dump: wanted 2 pages"
grep -q '^  text .*"Second page."' "$t/dump.txt" || err "dump: no text run for the second page"
exit $fail
