#!/usr/bin/env bash
# The seed pack built by quire reproduces the seed's words in order
# (frontsheet, minutes and report >= 93% each, whole pack >= 98%) and its
# frontsheet's page ranges match the bookmarks; the
# second sample's public and members' editions differ exactly by the exempt
# papers; --draft puts DRAFT on every page; --duplex starts every document
# on a right-hand page. Needs python3, pdftotext and qpdf.
set -u
: "${QUIRE:?QUIRE must name the quire binary}" "${QUIRE_SRC:?QUIRE_SRC must name the source tree}"
here="$QUIRE_SRC/tests/integration"
seed_dir="$QUIRE_SRC/samples/cyp-scrutiny-2017-09-12"
second_dir="$QUIRE_SRC/samples/northmoor-audit-2024-03-19"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

for tool in python3 pdftotext qpdf; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed"; exit 1; }
done

build() { # output.pdf agenda.xml [options...]
  local out=$1 agenda=$2; shift 2
  # Publication dates five clear working days before each meeting, so the
  # deadline check has nothing to say about these old meetings.
  case $agenda in
    "$seed_dir"/*) set -- --published 2017-09-04 "$@" ;;
    "$second_dir"/*) set -- --published 2024-03-11 "$@" ;;
  esac
  "$QUIRE" build "$agenda" -o "$out" "$@" >"$tmp/build.out" 2>"$tmp/build.err"
  local rc=$?
  if [ $rc != 0 ]; then
    echo "FAIL: quire build $agenda $* exited $rc:"; head -20 "$tmp/build.err"
    return 1
  fi
  [ -s "$out" ] || { echo "FAIL: quire build $agenda $* wrote no PDF"; return 1; }
}

# 1. The seed's words, in order.
if build "$tmp/pack.pdf" "$seed_dir/agenda.xml"; then
  python3 "$here/seed_words.py" --seed "$here/seed/cyp-scrutiny-2017-09-12-pack.txt" \
      --pdf "$tmp/pack.pdf" --part-min 0.93 --whole-min 0.98 || fail=1
  # The frontsheet's page ranges are where the papers are.
  python3 "$here/pack_checks.py" ranges "$tmp/pack.pdf" || fail=1
else
  fail=1
fi

# 2. Editions of the second sample: public = members minus the exempt papers.
if build "$tmp/public.pdf" "$second_dir/agenda.xml" &&
   build "$tmp/members.pdf" "$second_dir/agenda.xml" --edition members; then
  python3 "$here/pack_checks.py" editions "$tmp/public.pdf" "$tmp/members.pdf" \
      --marker "NOT FOR PUBLICATION" --exempt-text "Harbour Lane Motors" \
      --listed "Irrecoverable Business Rates" || fail=1
  python3 "$here/pack_checks.py" ranges "$tmp/members.pdf" || fail=1
else
  fail=1
fi

# 3. --draft marks every page, blank duplex pages and exempt papers included.
if build "$tmp/draft.pdf" "$second_dir/agenda.xml" --draft --duplex --edition members; then
  python3 "$here/pack_checks.py" every-page "$tmp/draft.pdf" DRAFT || fail=1
  python3 "$here/pack_checks.py" duplex "$tmp/draft.pdf" || fail=1
else
  fail=1
fi
if build "$tmp/seed-draft.pdf" "$seed_dir/agenda.xml" --draft; then
  python3 "$here/pack_checks.py" every-page "$tmp/seed-draft.pdf" DRAFT || fail=1
else
  fail=1
fi
# ... and without --draft, no page does.
if [ -s "$tmp/public.pdf" ] && pdftotext "$tmp/public.pdf" - | grep -q DRAFT; then
  echo "FAIL: a pack built without --draft says DRAFT"; fail=1
fi

[ $fail = 0 ] && echo "ok: seed_words"
exit $fail
