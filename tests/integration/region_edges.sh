#!/usr/bin/env bash
# Every test document and every FOP test case: no text run crosses the edge
# of the region it was set in, but where quire warned why (an overfull line
# around one unbreakable word, content taller than the page or the
# region) or the document is listed in region_edges-known.txt with its
# reason (see region_edges.py). First, the check itself must fail when
# text does cross an edge unwarned, and pass when the crossing is warned.
set -u
: "${QUIRE:?QUIRE must name the built quire}"
: "${QUIRE_SRC:?QUIRE_SRC must name the source tree}"
cases="${QUIRE_FOP_CASES:-$QUIRE_SRC/../shared/fop-testcases}"
[ -d "$cases/standard" ] || { echo "FAIL: no FOP test cases at $cases"; exit 1; }
t=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "kept in $t" # KEEP=1: keep the scratch folder
trap '[ -n "${KEEP:-}" ] || rm -rf "$t"' EXIT
fail=0
check="$QUIRE_SRC/tests/integration/region_edges.py"

# doc NAME BODY [STATIC]: a 200pt page, margins 20pt, region-before 20pt.
doc() {
	cat >"$t/$1.fo" <<FO
<?xml version="1.0"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-family="Arial" font-size="10pt">
<fo:layout-master-set><fo:simple-page-master master-name="p" page-width="200pt" page-height="200pt" margin="20pt">
<fo:region-body margin-top="20pt"/><fo:region-before extent="20pt"/></fo:simple-page-master></fo:layout-master-set>
<fo:page-sequence master-reference="p">
<fo:static-content flow-name="xsl-region-before"><fo:block>${3:-Head}</fo:block></fo:static-content>
<fo:flow flow-name="xsl-region-body">$2</fo:flow></fo:page-sequence></fo:root>
FO
}
words="Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua."
# expect NAME WANT(0|1) [PATTERN]: the check's exit status, and on 1 a
# fault matching PATTERN
expect() {
	python3 "$check" "$QUIRE" "$QUIRE_SRC" "$t/w" --fo "$t/$1.fo" >"$t/$1.out" 2>&1
	rc=$?
	if [ "$rc" != "$2" ]; then
		echo "FAIL self-test $1: check exit $rc, want $2:"; head -5 "$t/$1.out"; fail=1
	elif [ -n "${3:-}" ] && ! grep -q -- "$3" "$t/$1.out"; then
		echo "FAIL self-test $1: no fault matching '$3':"; head -5 "$t/$1.out"; fail=1
	fi
}
doc fits "<fo:block text-align=\"justify\">$words $words</fo:block>"
expect fits 0
doc end1pt "<fo:block text-align=\"justify\" end-indent=\"-1pt\">$words $words</fo:block>"
expect end1pt 1 "crosses the body region's end edge by 1.00pt"
doc start2pt "<fo:block start-indent=\"-2pt\">$words</fo:block>"
expect start2pt 1 "crosses the body region's start edge by 2.00pt"
doc tight "<fo:block font-size=\"20pt\" line-height=\"4pt\">Tight</fo:block>"
expect tight 1 "crosses the body region's before edge"
doc head3 "<fo:block>Body</fo:block>" "One<fo:block/>Two<fo:block/>Three"
expect head3 0
doc word "<fo:block-container width=\"60pt\"><fo:block>A Pneumonoultramicroscopicsilicovolcanoconiosis word</fo:block></fo:block-container><fo:block text-align=\"end\" end-indent=\"-3pt\">$words</fo:block>"
expect word 1 "crosses the body region's end edge by 3.00pt"
doc word2 "<fo:block-container width=\"60pt\"><fo:block>A Pneumonoultramicroscopicsilicovolcanoconiosis word</fo:block></fo:block-container>"
expect word2 0
# a fixed-height container whose content runs past the page's foot:
# clipped by overflow="hidden" it fits, unclipped it does not
lines=$(for i in $(seq 1 20); do printf '<fo:block>Line %d</fo:block>' "$i"; done)
doc hidden "<fo:block-container height=\"130pt\" overflow=\"hidden\">$lines</fo:block-container>"
expect hidden 0
doc visible "<fo:block-container height=\"130pt\">$lines</fo:block-container>"
expect visible 1 "crosses the body region's after edge"

rm -rf "$t/w"
python3 "$check" "$QUIRE" "$QUIRE_SRC" "$t/w" --fop-cases "$cases" || fail=1
exit $fail
