#!/bin/bash
# warn_once.sh: content laid out more than once warns once. Static
# content and retrieved markers are laid out for every page; a table cell
# is measured and then laid out; a paragraph that goes on onto a page of
# another width is broken again there. Each overfull word must be warned
# about once, at the measure of the line that is printed, and not at all
# when the line that is printed fits (it was overfull only in a setting
# that was laid out again). The same word at two source lines is two
# warnings.
set -u
: "${QUIRE:?QUIRE must name the built quire}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

cat >"$tmp/gen.py" <<'EOF'
import sys
kind = sys.argv[1]
words = ("one two three four five six seven eight nine ten eleven twelve "
         "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty ")
# about 215pt at 10pt: wider than the narrow body (178pt), not the wide
# (328pt); twice that is wider than both
fits = "Pneumonoultramicroscopicsilicovolcanoconiosis"
toowide = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 2
masters = """<fo:layout-master-set>
 <fo:simple-page-master master-name="narrow" page-width="250pt" page-height="200pt" margin="36pt">
  <fo:region-body margin-top="20pt"/><fo:region-before extent="20pt"/></fo:simple-page-master>
 <fo:simple-page-master master-name="wide" page-width="400pt" page-height="200pt" margin="36pt">
  <fo:region-body margin-top="20pt"/><fo:region-before extent="20pt"/></fo:simple-page-master>
 <fo:page-sequence-master master-name="first-narrow">
  <fo:single-page-master-reference master-reference="narrow"/>
  <fo:repeatable-page-master-reference master-reference="wide"/>
 </fo:page-sequence-master>
</fo:layout-master-set>
"""
paras = "\n".join("<fo:block>%s</fo:block>" % (words * 2) for _ in range(12))
if kind == "static":
    body = ('<fo:page-sequence master-reference="narrow">'
            '<fo:static-content flow-name="xsl-region-before"><fo:block>%s</fo:block>'
            '</fo:static-content><fo:flow flow-name="xsl-region-body">%s</fo:flow>'
            '</fo:page-sequence>' % (toowide, paras))
elif kind == "marker":
    body = ('<fo:page-sequence master-reference="narrow">'
            '<fo:static-content flow-name="xsl-region-before"><fo:block>'
            '<fo:retrieve-marker retrieve-class-name="h"/></fo:block>'
            '</fo:static-content><fo:flow flow-name="xsl-region-body">'
            '<fo:block><fo:marker marker-class-name="h">%s</fo:marker>%s</fo:block>'
            '</fo:flow></fo:page-sequence>' % (toowide, paras))
elif kind in ("rewidth-fits", "rewidth-wide"):
    w = fits if kind == "rewidth-fits" else toowide
    body = ('<fo:page-sequence master-reference="first-narrow">'
            '<fo:flow flow-name="xsl-region-body"><fo:block>%s%s end.</fo:block>'
            '</fo:flow></fo:page-sequence>' % (words * 8, w))
elif kind == "table":
    rows = "".join('<fo:table-row><fo:table-cell><fo:block>%s</fo:block></fo:table-cell>'
                   '<fo:table-cell><fo:block>%s</fo:block></fo:table-cell></fo:table-row>'
                   % (toowide if i == 0 else "r%d" % i, words) for i in range(30))
    body = ('<fo:page-sequence master-reference="narrow"><fo:flow flow-name="xsl-region-body">'
            '<fo:table table-layout="fixed" width="100%%"><fo:table-column column-width="60pt"/>'
            '<fo:table-column/><fo:table-body>%s</fo:table-body></fo:table></fo:flow>'
            '</fo:page-sequence>' % rows)
elif kind == "twolines":
    body = ('<fo:page-sequence master-reference="narrow"><fo:flow flow-name="xsl-region-body">'
            '<fo:block>%s</fo:block>\n<fo:block>%s</fo:block></fo:flow></fo:page-sequence>'
            % (toowide, toowide))
print('<?xml version="1.0" encoding="UTF-8"?>\n<fo:root '
      'xmlns:fo="http://www.w3.org/1999/XSL/Format" font-size="10pt">'
      + masters + body + '</fo:root>')
EOF

# check KIND WANT [MEASURE] [MINPAGES]: WANT "line overfull" warnings,
# each naming MEASURE; at least MINPAGES pages.
check() {
	python3 "$tmp/gen.py" "$1" >"$tmp/$1.fo"
	if ! "$QUIRE" render "$tmp/$1.fo" --dump-areas -o "$tmp/$1.txt" \
	    2>"$tmp/$1.err"; then
		echo "FAIL $1: render failed:"; head -5 "$tmp/$1.err"; fail=1
		return
	fi
	n=$(grep -c "line overfull" "$tmp/$1.err")
	if [ "$n" -ne "$2" ]; then
		echo "FAIL $1: $n overfull warnings, want $2:"
		head -5 "$tmp/$1.err"; fail=1
	fi
	if [ -n "${3:-}" ] && grep "line overfull" "$tmp/$1.err" |
	    grep -v -q "the ${3}pt measure"; then
		echo "FAIL $1: a warning not at the ${3}pt measure:"
		head -3 "$tmp/$1.err"; fail=1
	fi
	pages=$(grep -c '^page ' "$tmp/$1.txt")
	if [ "$pages" -lt "${4:-1}" ]; then
		echo "FAIL $1: $pages pages, want at least ${4:-1}"; fail=1
	fi
	if [ "$(sort "$tmp/$1.err" | uniq -d | wc -l)" -ne 0 ]; then
		echo "FAIL $1: a diagnostic is repeated:"
		sort "$tmp/$1.err" | uniq -d | head -3; fail=1
	fi
}

# a header line overfull on each of 10 pages, from static content and
# from a marker retrieved on every page: one warning
check static 1 178.0 5
check marker 1 178.0 5
# a cell's overfull word (the cell is measured, then laid out): one
check table 1 60.0 5
# the word ends on a wide page, where it fits: no warning (it was
# overfull only at the narrow first page's width, a setting laid out
# again); too wide for both: one warning, at the wide measure
check rewidth-fits 0 "" 2
check rewidth-wide 1 328.0 2
# the same word at two source lines: two warnings
check twolines 2 178.0 1

[ $fail -eq 0 ] && echo "warn_once: all passed"
exit $fail
