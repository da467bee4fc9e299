#!/usr/bin/env bash
# pdf_text.sh: the whole render pipeline on a small FO file, judged by
# poppler and qpdf: text (non-ASCII included) extracts exactly and silently,
# fonts are embedded subsets with ToUnicode maps, links and bookmarks are
# there, the file is valid, and the same input gives the same bytes.
set -euo pipefail
: "${QUIRE:?QUIRE must name the built program}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "pdf_text: FAIL: $*" >&2; exit 1; }

cat >"$work/t.fo" <<'FO'
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" language="en" country="GB">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm"
        margin="20mm">
      <fo:region-body/>
    </fo:simple-page-master>
  </fo:layout-master-set>
  <fo:bookmark-tree>
    <fo:bookmark internal-destination="intro">
      <fo:bookmark-title>Introduction – £ costs</fo:bookmark-title>
      <fo:bookmark internal-destination="detail">
        <fo:bookmark-title>Detail</fo:bookmark-title>
      </fo:bookmark>
    </fo:bookmark>
  </fo:bookmark-tree>
  <fo:page-sequence master-reference="A4">
    <fo:flow flow-name="xsl-region-body" font-family="Arial" font-size="12pt">
      <fo:block id="intro" font-weight="bold" font-size="16pt">Children – Scrutiny Committee</fo:block>
      <fo:block space-before="12pt">Budget £2.5m, the officers’ “best” café area 10m²</fo:block>
      <fo:block space-before="12pt" font-style="italic">Recommendations in italics</fo:block>
      <fo:block space-before="12pt">See the <fo:basic-link internal-destination="detail">detail</fo:basic-link> and the <fo:basic-link external-destination="url('https://www.example.gov.uk/')">council website</fo:basic-link>.</fo:block>
      <fo:block id="detail" break-before="page">Detail page</fo:block>
    </fo:flow>
  </fo:page-sequence>
</fo:root>
FO

"$QUIRE" render "$work/t.fo" -o "$work/t.pdf" 2>"$work/render.err" ||
	fail "render failed: $(cat "$work/render.err")"
[ ! -s "$work/render.err" ] || fail "render said: $(cat "$work/render.err")"

pdftotext -enc UTF-8 "$work/t.pdf" - 2>"$work/pdftotext.err" | tr -d '\f' >"$work/t.txt"
[ ! -s "$work/pdftotext.err" ] || fail "pdftotext said: $(cat "$work/pdftotext.err")"
for line in 'Children – Scrutiny Committee' \
    'Budget £2.5m, the officers’ “best” café area 10m²' \
    'Recommendations in italics' \
    'See the detail and the council website.' \
    'Detail page'; do
	grep -qxF "$line" "$work/t.txt" || fail "text '$line' not extracted; got: $(cat "$work/t.txt")"
done

pdffonts "$work/t.pdf" >"$work/fonts.txt"
rows=$(tail -n +3 "$work/fonts.txt" | wc -l)
[ "$rows" -eq 3 ] || fail "expected 3 fonts: $(cat "$work/fonts.txt")"
# name, type (2 words), encoding, then emb sub uni
tail -n +3 "$work/fonts.txt" | while read -r name t1 t2 enc emb sub uni rest; do
	[ "$emb $sub $uni" = "yes yes yes" ] || fail "font $name not embedded+subset+unicode"
	case $name in *+LiberationSans*) ;; *) fail "unexpected font $name" ;; esac
done

qpdf --check "$work/t.pdf" >"$work/qpdf.txt" 2>&1 || fail "qpdf --check: $(cat "$work/qpdf.txt")"
grep -q 'No syntax or stream encoding errors found' "$work/qpdf.txt" || fail "qpdf: $(cat "$work/qpdf.txt")"

qpdf --qdf --object-streams=disable "$work/t.pdf" "$work/t.qdf"
grep -aq '/URI (https://www.example.gov.uk/)' "$work/t.qdf" || fail "no external link"
grep -aq '/XYZ' "$work/t.qdf" || fail "no XYZ destination"
qpdf --json --json-key=outlines "$work/t.pdf" >"$work/outlines.json"
grep -q '"title": "Introduction – £ costs"' "$work/outlines.json" || fail "bookmark title"
grep -q '"title": "Detail"' "$work/outlines.json" || fail "nested bookmark"

"$QUIRE" render "$work/t.fo" -o "$work/t2.pdf" 2>/dev/null
cmp -s "$work/t.pdf" "$work/t2.pdf" || fail "two renders differ"
echo "pdf_text: ok"
