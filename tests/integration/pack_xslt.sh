#!/usr/bin/env bash
# stylesheets/pack.xsl on its own (xsltproc, no renderer): for both samples
# and every combination of edition, draft and duplex, the pack's FO has
# unique ids, resolvable citations/links/bookmarks, the frontsheet first,
# "Agenda Item N" on each paper's first page, exempt papers only in the
# members' edition and marked there, DRAFT and duplex as asked (checked by
# pack_fo_checks.py). A missing attachment, an attachment of an unknown
# kind, or a pack built from minutes stops with a message that says so.
set -u
: "${QUIRE_SRC:?QUIRE_SRC must name the source tree}"
here="$QUIRE_SRC/tests/integration"
pack="$QUIRE_SRC/stylesheets/pack.xsl"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
command -v xsltproc >/dev/null || { echo "FAIL: xsltproc is not installed"; exit 1; }

# sample-dir exempt-item items
for spec in "cyp-scrutiny-2017-09-12 0 5" "northmoor-audit-2024-03-19 5 5"; do
  set -- $spec
  agenda="$QUIRE_SRC/samples/$1/agenda.xml"
  for edition in public members; do
    for draft in no yes; do
      for duplex in no yes; do
        fo="$tmp/$1-$edition-$draft-$duplex.fo"
        if ! xsltproc --stringparam edition $edition --stringparam draft $draft \
             --stringparam duplex $duplex "$pack" "$agenda" >"$fo" 2>"$tmp/err"; then
          echo "FAIL: pack.xsl on $1 ($edition, draft $draft, duplex $duplex):"; cat "$tmp/err"
          fail=1; continue
        fi
        python3 "$here/pack_fo_checks.py" "$fo" --edition $edition --draft $draft \
          --duplex $duplex --exempt-item $2 --items $3 >"$tmp/out" || { cat "$tmp/out"; fail=1; }
      done
    done
  done
done

# The public and members' frontsheets both list the exempt item.
for edition in public members; do
  grep -q "Irrecoverable Business Rates" "$tmp/northmoor-audit-2024-03-19-$edition-no-no.fo" ||
    { echo "FAIL: the $edition frontsheet does not list the exempt item"; fail=1; }
done
grep -q "Harbour Lane Motors" "$tmp/northmoor-audit-2024-03-19-public-no-no.fo" &&
  { echo "FAIL: the public edition holds the exempt report's text"; fail=1; }

# Failures: a copy of the second sample with one thing wrong.
expect_fail() { # name expected-message agenda [xsltproc options]
  local name=$1 msg=$2 agenda=$3; shift 3
  if xsltproc "$@" "$pack" "$agenda" >"$tmp/out.fo" 2>"$tmp/err"; then
    echo "FAIL: $name: pack.xsl succeeded"; fail=1
  elif ! grep -qF "$msg" "$tmp/err"; then
    echo "FAIL: $name: no message '$msg':"; sed 's/^/  /' "$tmp/err"; fail=1
  fi
}
cp -r "$QUIRE_SRC/samples/northmoor-audit-2024-03-19" "$tmp/s"
sed 's/report-write-offs.xml/report-missing.xml/' "$tmp/s/agenda.xml" >"$tmp/s/missing.xml"
expect_fail missing-attachment 'agenda item 5: cannot read the attached document "report-missing.xml"' "$tmp/s/missing.xml"
printf '<?xml version="1.0"?>\n<memo xmlns="urn:example:memo:1"><p>x</p></memo>\n' >"$tmp/s/memo.xml"
sed 's/report-write-offs.xml/memo.xml/' "$tmp/s/agenda.xml" >"$tmp/s/unknown.xml"
# (the memo replaces the exempt report: only the members' edition takes it in)
expect_fail unknown-kind 'no stylesheet in the pack handles a document whose root element is {urn:example:memo:1}memo' "$tmp/s/unknown.xml" --stringparam edition members
expect_fail not-an-agenda 'a pack is built from an agenda' "$tmp/s/minutes-2024-01-23.xml"

[ $fail = 0 ] && echo "ok: pack_xslt"
exit $fail
