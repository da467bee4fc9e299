#!/usr/bin/env bash
# quire build: the sample pack publishes; cross-document mistakes are
# reported with the agenda's file and line and exit 1, leaving an earlier
# PDF untouched; an output folder that does not exist is exit 3.
set -u
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
src="$QUIRE_SRC/samples/cyp-scrutiny-2017-09-12"
err() { echo "FAIL: $*"; fail=1; }

"$QUIRE" build "$src/agenda.xml" -o "$t/pack.pdf" --published 2017-09-04 2>"$t/err"
rc=$?
[ $rc = 0 ] || { err "sample build exit $rc"; cat "$t/err"; }
[ -s "$t/pack.pdf" ] && qpdf --check "$t/pack.pdf" >/dev/null || err "sample pack is not a valid PDF"
grep -q 'error' "$t/err" && err "errors while building the sample: $(cat "$t/err")"
cp "$t/pack.pdf" "$t/good.pdf"
# The pack states its title and language (from the stylesheet's XMP).
pdfinfo "$t/pack.pdf" | grep -q '^Title: *Children & Young People Scrutiny Committee – 12 September 2017$' || err "pack title: $(pdfinfo "$t/pack.pdf" | grep Title)"
grep -aq '/Lang (en-GB)' "$t/pack.pdf" || err "pack language is not en-GB"
# The command line wins over the stylesheet.
"$QUIRE" build "$src/agenda.xml" -o "$t/titled.pdf" --published 2017-09-04 --title "Pack for 12 Sept" 2>/dev/null
pdfinfo "$t/titled.pdf" | grep -q '^Title: *Pack for 12 Sept$' || err "--title was not used"

# A face that is not installed (--param body-font-family): a warning, the
# pack published. It names a line only where that line holds the cause:
# never a line of agenda.xml that is the pack FO's (a stylesheet's) line.
"$QUIRE" build "$src/agenda.xml" -o "$t/font.pdf" --published 2017-09-04 \
    --param body-font-family=NoSuchFaceAnywhere 2>"$t/err"
rc=$?
[ $rc = 0 ] || err "missing face: exit $rc, wanted 0"
grep -q "warning: font family 'NoSuchFaceAnywhere' is not installed" "$t/err" || err "missing face: no warning: $(cat "$t/err")"
n=$(wc -l <"$src/agenda.xml")
sed -n 's/^quire: [^:]*agenda\.xml:\([0-9][0-9]*\):.*/\1/p' "$t/err" | while read -r l; do
  [ "$l" -le "$n" ] || echo "agenda.xml has $n lines, a diagnostic names line $l"
done >"$t/badlines"
[ -s "$t/badlines" ] && err "missing face: $(cat "$t/badlines"): $(cat "$t/err")"

# Without --published and without published= on the agenda, the date is
# today: years after the seed meeting, which the warning says as it is.
"$QUIRE" build "$src/agenda.xml" -o "$t/today.pdf" 2>"$t/err"
grep -q 'agenda.xml:[0-9]*:.*warning: published [0-9-]*, after the meeting on 2017-09-12: .*--published' "$t/err" ||
  err "publication after the meeting: $(cat "$t/err")"

# Five clear working days: published on the Tuesday before is too late.
"$QUIRE" build "$src/agenda.xml" -o "$t/late.pdf" --published 2017-09-05 2>"$t/err"
grep -q 'agenda.xml:[0-9]*:.*warning: published 2017-09-05, only 4 clear working days' "$t/err" || err "no deadline warning: $(cat "$t/err")"

# A copy of the sample with mistakes, one at a time.
mkdir "$t/s"
cp "$src"/*.xml "$t/s/"
mistake() { # description sed-expression expected-message
  cp "$src/agenda.xml" "$t/s/agenda.xml"
  sed -i "$2" "$t/s/agenda.xml"
  "$QUIRE" build "$t/s/agenda.xml" -o "$t/pack.pdf" --published 2017-09-04 2>"$t/err"
  local rc=$?
  [ $rc = 1 ] || err "$1: exit $rc, wanted 1"
  grep -q "$3" "$t/err" || err "$1: wanted a diagnostic matching '$3', got: $(cat "$t/err")"
  cmp -s "$t/pack.pdf" "$t/good.pdf" || err "$1: the earlier PDF was changed"
  ls -a "$t" | grep -q '^\.pack\.pdf\.' && err "$1: a temporary file was left behind"
}
mistake "missing attachment" 's/minutes-2017-07-03.xml/minutes-2017-07-30.xml/' 'agenda.xml:[0-9]*:.*error: attachment .minutes-2017-07-30.xml. does not exist'
mistake "wrong minutes date" 's/confirms="2017-07-03"/confirms="2017-06-03"/' 'agenda.xml:[0-9]*:.*confirms the minutes of 2017-06-03'
mistake "wrong document type" 's/type="minutes"/type="report"/' 'should be report but is minutes'
mistake "misspelt element in the agenda" '0,/<title>\(.*\)<\/title>/s//<titel>\1<\/titel>/' "agenda.xml:[0-9]*:[0-9]*: error: Element 'titel': This element is not expected. Expected is ( title )"
mistake "agenda attached" 's/minutes-2017-07-03.xml/agenda.xml/; s/ confirms="2017-07-03"//; s/ type="minutes"//' 'is itself an agenda'

# A report whose recommendations are out of order.
cp "$src/agenda.xml" "$t/s/agenda.xml"
sed -i '0,/<recommendation number="4">/s//<recommendation number="40">/' "$t/s/report-cse-progress.xml"
"$QUIRE" build "$t/s/agenda.xml" -o "$t/pack.pdf" --published 2017-09-04 2>"$t/err"
[ $? = 1 ] || err "out-of-order recommendations accepted"
grep -q 'report-cse-progress.xml:[0-9]*:.*recommendation 5 comes after 40' "$t/err" || err "order message: $(cat "$t/err")"

# Mistakes in an attached paper are reported at the paper's own file and
# line: a misspelt element, then the file cut short (a failed copy).
cp "$src"/*.xml "$t/s/"
sed -i '0,/<title>\(.*\)<\/title>/s//<titel>\1<\/titel>/' "$t/s/minutes-2017-07-03.xml"
"$QUIRE" build "$t/s/agenda.xml" -o "$t/pack.pdf" --published 2017-09-04 2>"$t/err"
rc=$?
[ $rc = 1 ] || err "misspelt element in the minutes: exit $rc, wanted 1"
grep -q "minutes-2017-07-03.xml:[0-9]*:[0-9]*: error: Element 'titel': This element is not expected" "$t/err" ||
  err "misspelt element in the minutes: $(cat "$t/err")"
cmp -s "$t/pack.pdf" "$t/good.pdf" || err "misspelt element in the minutes: the earlier PDF was changed"
cp "$src"/*.xml "$t/s/"
head -c 4000 "$src/report-cse-progress.xml" >"$t/s/report-cse-progress.xml"
"$QUIRE" build "$t/s/agenda.xml" -o "$t/pack.pdf" --published 2017-09-04 2>"$t/err"
rc=$?
[ $rc = 1 ] || err "truncated report: exit $rc, wanted 1"
grep -q "report-cse-progress.xml:[0-9]*:[0-9]*: error: Premature end of data" "$t/err" ||
  err "truncated report: $(cat "$t/err")"
cmp -s "$t/pack.pdf" "$t/good.pdf" || err "truncated report: the earlier PDF was changed"
ls -a "$t" | grep -q '^\.pack\.pdf\.' && err "truncated report: a temporary file was left behind"
cp "$src"/*.xml "$t/s/"

# Output into a folder that does not exist: an I/O error, exit 3.
"$QUIRE" build "$src/agenda.xml" -o "$t/no/such/dir/pack.pdf" --published 2017-09-04 2>"$t/err"
[ $? = 3 ] || err "missing output folder: wanted exit 3"
grep -q 'folder' "$t/err" || err "missing folder message: $(cat "$t/err")"

# Building from something that is not an agenda.
"$QUIRE" build "$src/minutes-2017-07-03.xml" -o "$t/x.pdf" 2>"$t/err"
[ $? = 1 ] || err "build of minutes accepted"
grep -q 'not an agenda' "$t/err" || err "not-an-agenda message: $(cat "$t/err")"
exit $fail
