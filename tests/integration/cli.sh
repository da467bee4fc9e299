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
check 2 "bad limit" "$QUIRE" render x.fo -o y.pdf --max-pages lots
check 2 "unknown limit" "$QUIRE" render x.fo -o y.pdf --max-widgets 3
# A page limit is enforced: fifty forced pages against a limit of ten.
d=$(mktemp -d)
{ printf '<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:layout-master-set><fo:simple-page-master master-name="a" page-width="3in" page-height="2in"><fo:region-body/></fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference="a"><fo:flow flow-name="xsl-region-body">'
  for i in $(seq 50); do printf '<fo:block break-after="page">%s</fo:block>' "$i"; done
  printf '</fo:flow></fo:page-sequence></fo:root>\n'; } >"$d/fifty.fo"
check 1 "page limit" "$QUIRE" render "$d/fifty.fo" -o "$d/fifty.pdf" --max-pages 10
grep -q 'more than 10 pages' /tmp/cli.$$.err || { echo "FAIL: page limit message: $(cat /tmp/cli.$$.err)"; fail=1; }
[ -e "$d/fifty.pdf" ] && { echo "FAIL: page limit left a PDF"; fail=1; }
check 0 "within the limit" "$QUIRE" render "$d/fifty.fo" -o "$d/fifty.pdf" --max-pages 50

# Options: an unknown one, or one of another command, is named as unknown
# (not "needs a value"); a known one without its value says so.
check 2 "unknown option last" "$QUIRE" render "$d/fifty.fo" --bogus
grep -q "unknown option --bogus" /tmp/cli.$$.err || { echo "FAIL: unknown option message: $(cat /tmp/cli.$$.err)"; fail=1; }
check 2 "render option given to transform" "$QUIRE" transform a.xml -o a.fo --title T
grep -q "unknown option --title" /tmp/cli.$$.err || { echo "FAIL: transform --title: $(cat /tmp/cli.$$.err)"; fail=1; }
check 2 "-o given to validate" "$QUIRE" validate a.xml -o x
check 2 "-o without its value" "$QUIRE" render "$d/fifty.fo" -o
grep -q "option -o needs a value" /tmp/cli.$$.err || { echo "FAIL: -o without value: $(cat /tmp/cli.$$.err)"; fail=1; }
check 2 "a fractional limit below 1" "$QUIRE" render "$d/fifty.fo" -o "$d/x.pdf" --max-seconds 0.5
grep -q "from 1 to" /tmp/cli.$$.err || { echo "FAIL: limit range message: $(cat /tmp/cli.$$.err)"; fail=1; }

# A publication date that is not one: a usage error (2), before any work.
agenda=${QUIRE_SRC:-.}/samples/northmoor-audit-2024-03-19/agenda.xml
for bad in 2024-02-30 2023-02-29 11/03/2024 yesterday; do
  check 2 "--published $bad" "$QUIRE" build "$agenda" -o "$d/p.pdf" --published "$bad"
  grep -q "YYYY-MM-DD" /tmp/cli.$$.err || { echo "FAIL: --published $bad: $(cat /tmp/cli.$$.err)"; fail=1; }
  [ -e "$d/p.pdf" ] && { echo "FAIL: --published $bad left a PDF"; fail=1; }
done

# A --param no stylesheet declares (a misspelt name) is a warning, not
# silence; a declared one is not.
m=${QUIRE_SRC:-.}/samples/northmoor-audit-2024-03-19/minutes-2024-01-23.xml
check 0 "transform --param misspelt" "$QUIRE" transform "$m" -o "$d/m.fo" --param body-font-sise=11pt
grep -q "warning: no stylesheet parameter is named 'body-font-sise'" /tmp/cli.$$.err || { echo "FAIL: misspelt --param: $(cat /tmp/cli.$$.err)"; fail=1; }
check 0 "transform --param declared" "$QUIRE" transform "$m" -o "$d/m.fo" --param body-font-size=11pt
[ -s /tmp/cli.$$.err ] && { echo "FAIL: declared --param warned: $(cat /tmp/cli.$$.err)"; fail=1; }
check 0 "build --param misspelt" "$QUIRE" build "$agenda" -o "$d/p.pdf" --published 2024-03-01 --edition members --draft --duplex --param councilname=X
[ "$(grep -c 'warning: no stylesheet parameter' /tmp/cli.$$.err)" = 1 ] || { echo "FAIL: build misspelt --param: $(cat /tmp/cli.$$.err)"; fail=1; }
grep -q "'councilname'" /tmp/cli.$$.err || { echo "FAIL: build misspelt --param names it: $(cat /tmp/cli.$$.err)"; fail=1; }
rm -f "$d/p.pdf"

# -o - is standard output, for every command that writes; no file "-".
(cd "$d" && "$QUIRE" render fifty.fo -o - >"$d/stdout.pdf" 2>/tmp/cli.$$.err) || { echo "FAIL: render -o -: $(cat /tmp/cli.$$.err)"; fail=1; }
head -c 5 "$d/stdout.pdf" | grep -q '%PDF-' || { echo "FAIL: render -o - wrote no PDF to stdout"; fail=1; }
[ "$(pdfinfo "$d/stdout.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')" = 50 ] || { echo "FAIL: render -o -: not the 50 pages"; fail=1; }
[ -e "$d/-" ] && { echo "FAIL: render -o - made a file named '-'"; fail=1; }
(cd "$d" && "$QUIRE" render fifty.fo -o - | head -c 5 >"$d/head") 2>/dev/null
[ "$(cat "$d/head")" = "%PDF-" ] || { echo "FAIL: render -o - into a pipe"; fail=1; }
"$QUIRE" transform "${QUIRE_SRC:-.}/samples/northmoor-audit-2024-03-19/minutes-2024-01-23.xml" -o - >"$d/m.fo" 2>/tmp/cli.$$.err
grep -q '<fo:root' "$d/m.fo" || { echo "FAIL: transform -o - wrote no FO to stdout: $(cat /tmp/cli.$$.err)"; fail=1; }
"$QUIRE" build "$agenda" -o - --published 2024-03-01 2>/tmp/cli.$$.err | pdfinfo - >"$d/info" 2>&1
grep -q '^Pages:' "$d/info" || { echo "FAIL: build -o - | pdfinfo -: $(cat "$d/info" /tmp/cli.$$.err)"; fail=1; }
# An input named - that does not exist is still an I/O error, not stdin.
(cd "$d" && exec "$QUIRE" render - -o x.pdf) 2>/dev/null
rc=$?; [ $rc = 3 ] || { echo "FAIL: input named -: exit $rc, wanted 3"; fail=1; }

# Document information reaches the PDF, for render as for build.
"$QUIRE" render "$d/fifty.fo" -o "$d/info.pdf" --title "Audit – Minutes" --author "H Marsh" \
    --subject "Audit Committee" --keywords "audit, minutes" --lang en-GB 2>/tmp/cli.$$.err
pdfinfo "$d/info.pdf" >"$d/info" 2>&1
for kv in "Title: *Audit – Minutes" "Author: *H Marsh" "Subject: *Audit Committee" "Keywords: *audit, minutes"; do
  grep -q "^$kv\$" "$d/info" || { echo "FAIL: render --title etc: no '$kv' in pdfinfo: $(cat "$d/info")"; fail=1; }
done
qpdf --qdf --object-streams=disable "$d/info.pdf" - 2>/dev/null | grep -aq '/Lang (en-GB)' || { echo "FAIL: render --lang: no /Lang (en-GB)"; fail=1; }

# A --lang that is no language tag is a usage error, and no PDF.
check 2 "--lang not a tag" "$QUIRE" render "$d/fifty.fo" -o "$d/lang.pdf" --lang "English (UK)"
grep -q "the language is a tag such as en-GB" /tmp/cli.$$.err || { echo "FAIL: --lang message: $(cat /tmp/cli.$$.err)"; fail=1; }
[ -e "$d/lang.pdf" ] && { echo "FAIL: --lang not a tag left a PDF"; fail=1; }
check 0 "--lang cy" "$QUIRE" render "$d/fifty.fo" -o "$d/lang.pdf" --lang cy
check 0 "--lang zh-Hant-TW" "$QUIRE" render "$d/fifty.fo" -o "$d/lang.pdf" --lang zh-Hant-TW

# --timings: each stage's time on stderr, nothing on stdout.
"$QUIRE" render "$d/fifty.fo" -o "$d/t.pdf" --timings >/tmp/cli.$$.out 2>/tmp/cli.$$.err
grep -q '^quire: timing: layout ' /tmp/cli.$$.err || { echo "FAIL: --timings: $(cat /tmp/cli.$$.err)"; fail=1; }
[ -s /tmp/cli.$$.out ] && { echo "FAIL: --timings wrote to stdout"; fail=1; }

# A folder as the input: exit 3 and the same words for every command.
for c in validate transform render build; do
  if [ $c = validate ]; then
    check 3 "$c of a folder" "$QUIRE" $c "$d"
  else
    check 3 "$c of a folder" "$QUIRE" $c "$d" -o "$d/x.out"
  fi
  grep -q "is a folder, not a document" /tmp/cli.$$.err || { echo "FAIL: $c of a folder: $(cat /tmp/cli.$$.err)"; fail=1; }
  # A file that is not there: exit 3, its name and the reason, no output.
  if [ $c = validate ]; then
    check 3 "$c of a missing file" "$QUIRE" $c "$d/agenda.xm"
  else
    check 3 "$c of a missing file" "$QUIRE" $c "$d/agenda.xm" -o "$d/x.out"
  fi
  grep -q "^quire: $d/agenda.xm: error: cannot read: No such file or directory$" /tmp/cli.$$.err || { echo "FAIL: $c of a missing file: $(cat /tmp/cli.$$.err)"; fail=1; }
  ls -A "$d" | grep -q 'x\.out' && { echo "FAIL: $c of a missing file left an output"; fail=1; }
done
rm -rf "$d"
rm -f /tmp/cli.$$.out /tmp/cli.$$.err
exit $fail
