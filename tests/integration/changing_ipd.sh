#!/bin/bash
# changing_ipd.sh: a page-sequence whose pages have region-bodies of
# different widths (a narrow first page, then wider ones; or widths that
# alternate). Content that goes on from a page of one width onto a page of
# another is laid out again at the new width: every line must lie within
# its own page's region-body, no word may be lost or repeated, a list
# item's label must appear once, and a long document with alternating
# widths must stay fast (the re-layout is not quadratic).
set -u
: "${QUIRE:?QUIRE must name the built quire}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# gen.py KIND N > file.fo: KIND para (one long justified paragraph with a
# text-indent), list (list items with long bodies and bordered blocks),
# mixed (both, alternating widths), table (a one-column table, collapsed
# borders, rows of justified text breaking across pages, alternating
# widths), last-narrow / last-wide (paragraphs on
# wide / narrow pages, the last page from a page-position="last" master of
# the other width), N paragraphs/items. Margins are 36pt
# on every side, so the body of a page W wide runs from 36 to W - 36.
cat >"$tmp/gen.py" <<'EOF'
import sys
kind, n = sys.argv[1], int(sys.argv[2])
words = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet "
         "kilo lima mike november oscar papa quebec romeo sierra tango "
         "uniform victor whiskey xray yankee zulu").split()
def text(i, count):
    return " ".join("%s%d" % (words[(i * 7 + k) % len(words)], i * 1000 + k)
                    for k in range(count))
masters = """
<fo:layout-master-set>
 <fo:simple-page-master master-name="narrow" page-width="250pt"
   page-height="200pt" margin="36pt"><fo:region-body/></fo:simple-page-master>
 <fo:simple-page-master master-name="wide" page-width="450pt"
   page-height="200pt" margin="36pt"><fo:region-body/></fo:simple-page-master>
 <fo:page-sequence-master master-name="first-narrow">
  <fo:single-page-master-reference master-reference="narrow"/>
  <fo:repeatable-page-master-reference master-reference="wide"/>
 </fo:page-sequence-master>
 <fo:page-sequence-master master-name="alternate">
  <fo:repeatable-page-master-alternatives>
   <fo:conditional-page-master-reference odd-or-even="odd" master-reference="narrow"/>
   <fo:conditional-page-master-reference odd-or-even="even" master-reference="wide"/>
  </fo:repeatable-page-master-alternatives>
 </fo:page-sequence-master>
 <fo:page-sequence-master master-name="last-narrow">
  <fo:repeatable-page-master-alternatives>
   <fo:conditional-page-master-reference page-position="last" master-reference="narrow"/>
   <fo:conditional-page-master-reference master-reference="wide"/>
  </fo:repeatable-page-master-alternatives>
 </fo:page-sequence-master>
 <fo:page-sequence-master master-name="last-wide">
  <fo:repeatable-page-master-alternatives>
   <fo:conditional-page-master-reference page-position="last" master-reference="wide"/>
   <fo:conditional-page-master-reference master-reference="narrow"/>
  </fo:repeatable-page-master-alternatives>
 </fo:page-sequence-master>
</fo:layout-master-set>"""
body = []
if kind == "para":
    ref = "first-narrow"
    body.append('<fo:block background-color="#eeeeee"><fo:block '
                'text-align="justify" text-indent="24pt" widows="1" '
                'orphans="1">%s</fo:block></fo:block>' % text(0, n))
elif kind == "list":
    ref = "first-narrow"
    body.append('<fo:list-block provisional-distance-between-starts="30pt">')
    for i in range(n):
        body.append('<fo:list-item><fo:list-item-label end-indent="label-end()">'
                    '<fo:block>L%d</fo:block></fo:list-item-label>'
                    '<fo:list-item-body start-indent="body-start()">'
                    '<fo:block border="1pt solid black" padding="2pt">%s</fo:block>'
                    '<fo:block>%s</fo:block></fo:list-item-body></fo:list-item>'
                    % (i, text(i + 1, 40), text(i + 500, 15)))
    body.append('</fo:list-block>')
elif kind == "table":
    ref = "alternate"
    body.append('<fo:table table-layout="fixed" width="100%" '
                'border-collapse="collapse" border="1pt solid black">'
                '<fo:table-column column-width="proportional-column-width(1)"/>'
                '<fo:table-body>')
    for i in range(n):
        body.append('<fo:table-row><fo:table-cell border="0.5pt solid black" '
                    'padding="2pt"><fo:block text-align="justify">%s</fo:block>'
                    '</fo:table-cell></fo:table-row>' % text(i + 1, 25 + i % 40))
    body.append('</fo:table-body></fo:table>')
elif kind.startswith("last-"):
    ref = kind
    for i in range(n):
        body.append('<fo:block text-align="justify" space-after="4pt">%s</fo:block>'
                    % text(i + 1, 12 + i % 5))
else:
    ref = "alternate"
    for i in range(n):
        if i % 3 == 2:
            body.append('<fo:list-block><fo:list-item>'
                        '<fo:list-item-label end-indent="label-end()">'
                        '<fo:block>L%d</fo:block></fo:list-item-label>'
                        '<fo:list-item-body start-indent="body-start()">'
                        '<fo:block>%s</fo:block></fo:list-item-body>'
                        '</fo:list-item></fo:list-block>' % (i, text(i + 1, 60)))
        else:
            body.append('<fo:block text-align="justify">%s</fo:block>'
                        % text(i + 1, 60))
print('<?xml version="1.0" encoding="UTF-8"?>\n'
      '<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-size="10pt">'
      + masters + '<fo:page-sequence master-reference="%s">'
      '<fo:flow flow-name="xsl-region-body">' % ref + "\n".join(body) +
      '</fo:flow></fo:page-sequence></fo:root>')
EOF

# check.py FO DUMP [FILLS]: every text area inside its page's body (36 ..
# W - 36 across, 36 .. H - 36 down); the words of the FO's text in the
# same order, once each; each list label (L<n>) once; with FILLS, that
# many background fills on each page, each inside the body.
cat >"$tmp/check.py" <<'EOF'
import re, sys
fo, dump = open(sys.argv[1]).read(), open(sys.argv[2]).read()
want = re.sub(r"<[^>]*>", " ", fo.split("<fo:flow", 1)[1].split(">", 1)[1]).split()
want = [w for w in want if w.strip()]
fills = int(sys.argv[3]) if len(sys.argv) > 3 else None
got, bad, W, H, page, nfill = [], [], 0, 0, 0, {}
for line in dump.splitlines():
    m = re.match(r"page (\d+) .* w ([\d.]+) h ([\d.]+)", line)
    if m:
        page, W, H = int(m.group(1)), float(m.group(2)), float(m.group(3))
        nfill[page] = 0
        continue
    m = re.match(r"\s+fill x ([\d.-]+) y ([\d.-]+) w ([\d.-]+) h ([\d.-]+)", line)
    if m:
        nfill[page] += 1
        x, y, w, h = (float(g) for g in m.groups())
        if x < 35.99 or x + w > W - 35.99 or y < 35.99 or y + h > H - 35.99:
            bad.append("page %d: fill at x %.2f w %.2f y %.2f h %.2f"
                       % (page, x, w, y, h))
        continue
    m = re.match(r'\s+text x ([\d.-]+) y ([\d.-]+) w ([\d.-]+) h ([\d.-]+) .*?"(.*)"$', line)
    if not m:
        continue
    x, y, w = float(m.group(1)), float(m.group(2)), float(m.group(3))
    if x < 36 - 0.01 or x + w > W - 36 + 0.01 or y < 36 - 0.01 or y > H - 36 + 0.01:
        bad.append("page %d (%gpt wide): %r at x %.2f w %.2f y %.2f"
                   % (page, W, m.group(5), x, w, y))
    got.extend(m.group(5).split())
if fills is not None:
    bad += ["page %d: %d fills, want %d" % (p, n, fills)
            for p, n in sorted(nfill.items()) if n != fills]
if bad:
    print("outside its page's region-body, or wrong:\n  " + "\n  ".join(bad[:5]))
    sys.exit(1)
# Labels are painted after their body's first line: compared apart.
islab = re.compile(r"L\d+$").match
if sorted(w for w in got if islab(w)) != sorted(w for w in want if islab(w)):
    print("labels differ (lost or repeated)")
    sys.exit(1)
got = [w for w in got if not islab(w)]
want = [w for w in want if not islab(w)]
if got != want:
    k = 0
    while k < min(len(got), len(want)) and got[k] == want[k]:
        k += 1
    print("words differ at %d: got %r, want %r" % (k, got[k:k + 5], want[k:k + 5]))
    sys.exit(1)
if not any(re.search(r"page 2 .* w 450", l) for l in dump.splitlines()) and \
        "alternate" not in fo and "last-" not in fo:
    print("expected a wide second page")
    sys.exit(1)
EOF

run() { # name kind n [timeout [fills]]
	python3 "$tmp/gen.py" "$2" "$3" >"$tmp/$1.fo"
	if ! timeout "${4:-120}" "$QUIRE" render "$tmp/$1.fo" --dump-areas \
	    -o "$tmp/$1.txt" 2>"$tmp/$1.err"; then
		echo "FAIL $1: render failed:"
		head -5 "$tmp/$1.err"
		fail=1
		return
	fi
	if grep -q "keeps its width\|: error: " "$tmp/$1.err"; then
		echo "FAIL $1: unexpected diagnostics:"
		head -5 "$tmp/$1.err"
		fail=1
	fi
	python3 "$tmp/check.py" "$tmp/$1.fo" "$tmp/$1.txt" ${5:-} ||
		{ echo "FAIL $1"; fail=1; }
}

# One paragraph spanning a narrow first page and wider ones, in a block
# with a background (one fill a page, at that page's width).
run para para 600 120 1
# A list whose items (label, bordered block, block) cross the change.
run list list 12
# The last page from a master of another width (page-position="last"):
# its content is laid out at that width when it all fits there (else the
# page keeps the other master). Paragraph counts that end with a short
# last page (it fits on the other width or not) and a fuller one.
for n in 9 11 14 17; do
	run "last-narrow-$n" last-narrow $n
	run "last-wide-$n" last-wide $n
done
# the last master is used at least once for each
for kind in narrow:250 wide:450; do
	used=0
	for n in 9 11 14 17; do
		grep '^page ' "$tmp/last-${kind%:*}-$n.txt" | tail -1 |
		    grep -q " w ${kind#*:}\.00 " && used=$((used + 1))
	done
	[ $used -gt 0 ] || { echo "FAIL last-${kind%:*}: never used"; fail=1; }
	# and set at its width: justified lines reach its body's end edge
	for n in 9 11 14 17; do
		awk -v w="${kind#*:}" '/^page /{last = $6 == w; r = 0; next}
		    last && /^  text /{if ($3 + $7 > r) r = $3 + $7}
		    END{if (last && r < w - 36 - 5) {
		        print "right edge " r " short of " w - 36; exit 1}}' \
		    "$tmp/last-${kind%:*}-$n.txt" ||
		    { echo "FAIL last-${kind%:*}-$n"; fail=1; }
	done
	echo "last-${kind%:*}: the last master used for $used of 4"
done

# A table over widths alternating page by page, its rows breaking across
# the pages: what a page leaves of it (the rest of a row, the rows after)
# is laid out again at the next page's width, a page at a time (about
# 600 pages).
start=$(date +%s)
run table table 1500 120
secs=$(($(date +%s) - start))
pages=$(grep -c '^page ' "$tmp/table.txt" 2>/dev/null || echo 0)
[ "$pages" -gt 300 ] || { echo "FAIL table: only $pages pages"; fail=1; }
echo "table: $pages pages in ${secs}s"

# Widths alternating page by page over a long document (about 1,000
# pages): each page's change lays out again only what that page needs.
start=$(date +%s)
run mixed mixed 600 300
secs=$(($(date +%s) - start))
pages=$(grep -c '^page ' "$tmp/mixed.txt" 2>/dev/null || echo 0)
[ "$pages" -gt 500 ] || { echo "FAIL mixed: only $pages pages"; fail=1; }
echo "mixed: $pages pages in ${secs}s"

[ $fail -eq 0 ] && echo "changing_ipd: all passed"
exit $fail
