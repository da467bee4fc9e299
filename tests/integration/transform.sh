#!/usr/bin/env bash
# quire transform: samples to XSL-FO, string parameters that cannot inject
# XPath, xsl:message routing, stylesheets that try to write files or read
# the network, and outputs that are never half-written or clobbered.
set -u
: "${QUIRE:?set QUIRE to the quire program}" "${QUIRE_SRC:?set QUIRE_SRC}"
data=$QUIRE_SRC/tests/data/front
docs=$data/docs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
run() { # expected-status description command...
  local want=$1 what=$2; shift 2
  (cd "$tmp/work" && "$@") >"$tmp/out" 2>"$tmp/err"; local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: $what: exit $got, wanted $want"; cat "$tmp/err"; fail=1
  fi
}
has() { grep -q -- "$2" "$tmp/err" || { echo "FAIL: $1: no '$2' in:"; cat "$tmp/err"; fail=1; }; }
hasnt() { grep -q -- "$2" "$tmp/err" && { echo "FAIL: $1: unexpected '$2' in:"; cat "$tmp/err"; fail=1; }; }
nofiles() { # description: the work folder holds nothing but $1.. names
  local what=$1; shift
  local left
  left=$(cd "$tmp/work" && ls -A | grep -v -x -F "$(printf '%s\n' "$@")")
  [ -n "$left" ] && { echo "FAIL: $what: files left behind: $left"; fail=1; }
}
mkdir -p "$tmp/work"

# The samples transform to well-formed XSL-FO; the result is what the
# same stylesheet gives under xsltproc (the reference XSLT processor).
for f in "$QUIRE_SRC"/samples/*/*.xml; do
  b=$(basename "$f" .xml)
  run 0 "sample $b" "$QUIRE" transform "$f" -o "$tmp/work/$b.fo"
  xmllint --noout "$tmp/work/$b.fo" 2>/dev/null || { echo "FAIL: $b.fo not well-formed"; fail=1; }
  grep -q '<fo:root' "$tmp/work/$b.fo" || { echo "FAIL: $b.fo has no fo:root"; fail=1; }
  kind=${b%%-*}
  if [ -f "$QUIRE_SRC/stylesheets/$kind.xsl" ] &&
     xsltproc --nonet "$QUIRE_SRC/stylesheets/$kind.xsl" "$f" >"$tmp/ref.fo" 2>/dev/null; then
    cmp -s "$tmp/ref.fo" "$tmp/work/$b.fo" || { echo "FAIL: $b.fo differs from xsltproc's"; fail=1; }
  fi
done
rm -f "$tmp"/work/*.fo

# Parameters are strings, whatever they hold: quotes cannot inject XPath.
evil="it's \"quoted\" ') or count(//*) or ('"
run 0 "note with params" "$QUIRE" transform --data-dir "$data" "$docs/note.xml" -o out.fo \
  --param "greeting=$evil" --param extra=extra.xml
grep -q '<fo:block id="greeting">it'"'"'s "quoted" '"'"') or count(//\*) or ('"'"'</fo:block>' "$tmp/work/out.fo" ||
  { echo "FAIL: the parameter was not passed through verbatim"; cat "$tmp/work/out.fo"; fail=1; }
# document() reads a local file relative to the document.
grep -q '<fo:block id="extra">from a local file</fo:block>' "$tmp/work/out.fo" ||
  { echo "FAIL: document() of a local file"; fail=1; }
# xsl:message: severity from its prefix, at the stylesheet's file:line.
has "warning message" "stylesheets/note.xsl:16: warning: this note is high priority"
has "plain message is a note" "stylesheets/note.xsl:18: note: a plain message"
hasnt "no raw libxslt output" "^[^q]"
nofiles "successful transform" out.fo

# A failed transform leaves the earlier output exactly as it was.
cp "$tmp/work/out.fo" "$tmp/good.fo"
run 1 "terminate" "$QUIRE" transform --data-dir "$data" "$docs/stopper.xml" -o out.fo
has "terminate is an error at the xsl:message" 'stylesheets/stopper.xsl:9: error: the note "Budget" has no paragraph (the stylesheet stopped)'
cmp -s "$tmp/good.fo" "$tmp/work/out.fo" || { echo "FAIL: earlier out.fo changed by a failed transform"; fail=1; }
nofiles "after terminate" out.fo
run 1 "invalid document" "$QUIRE" transform --data-dir "$data" "$docs/note-invalid.xml" -o out.fo
has "validation first" "note-invalid.xml:2:29: error:"
cmp -s "$tmp/good.fo" "$tmp/work/out.fo" || { echo "FAIL: earlier out.fo changed by an invalid document"; fail=1; }

# Writing files is refused, and nothing is written.
run 1 "exsl:document" "$QUIRE" transform --data-dir "$data" "$docs/writer.xml" -o out.fo
has "write refused at the instruction" "stylesheets/writer.xsl:10: error: the stylesheet tried to write the file 'pwned.txt'"
run 1 "exsl:document absolute" "$QUIRE" transform --data-dir "$data" "$docs/writer.xml" -o out.fo \
  --param "target=$tmp/work/abs.txt"
has "absolute write refused" "tried to write the file '$tmp/work/abs.txt'"
run 1 "exsl:document into a new folder" "$QUIRE" transform --data-dir "$data" "$docs/writer.xml" -o out.fo \
  --param "target=$tmp/work/newdir/x.txt"
nofiles "after write attempts" out.fo
[ -e "$data/stylesheets/pwned.txt" ] || [ -e "$docs/pwned.txt" ] && { echo "FAIL: pwned.txt written"; fail=1; }
cmp -s "$tmp/good.fo" "$tmp/work/out.fo" || { echo "FAIL: earlier out.fo changed by a refused write"; fail=1; }

# Reading the network is refused (nothing listens on port 9 anyway).
run 1 "document(http:)" "$QUIRE" transform --data-dir "$data" "$docs/netreader.xml" -o net.fo
has "network read refused" "stylesheets/netreader.xsl:8: error: the stylesheet tried to read the network address 'http://127.0.0.1:9/secret.xml'"
run 1 "document(ftp:)" "$QUIRE" transform --data-dir "$data" "$docs/netreader.xml" -o net.fo \
  --param url=ftp://127.0.0.1:9/x.xml
has "ftp refused" "ftp://127.0.0.1:9/x.xml"
# A local file read by document() goes through the safe reader: an
# external entity in it is refused too.
printf '<!DOCTYPE x [<!ENTITY e SYSTEM "/etc/passwd">]>\n<x>&e;</x>\n' >"$tmp/work/xxe.xml"
run 1 "document() of a file with an external entity" "$QUIRE" transform --data-dir "$data" "$docs/netreader.xml" -o net.fo \
  --param "url=$tmp/work/xxe.xml"
has "entity refused inside document()" "xxe.xml:1:.*external entity 'e'"
grep -q 'root:' "$tmp/err" && { echo "FAIL: passwd content in messages"; fail=1; }
nofiles "after network attempts" out.fo xxe.xml

# A stylesheet that does not compile: a setup error (3), with the line.
run 3 "broken stylesheet" "$QUIRE" transform --data-dir "$data" "$docs/broken.xml" -o out.fo
has "compile error with line" "stylesheets/broken.xsl:6: error: xsl:value-of : could not compile select expression 'count(('"
cmp -s "$tmp/good.fo" "$tmp/work/out.fo" || { echo "FAIL: earlier out.fo changed by a broken stylesheet"; fail=1; }

# I/O: missing input, unwritable output folder.
run 3 "missing input" "$QUIRE" transform --data-dir "$data" "$tmp/none.xml" -o out.fo
run 3 "output folder missing" "$QUIRE" transform --data-dir "$data" "$docs/note.xml" -o "$tmp/no/such/dir/out.fo"
has "says why" "no/such/dir/out.fo: error: cannot write the output here"
run 2 "no -o" "$QUIRE" transform --data-dir "$data" "$docs/note.xml"
cp "$docs/note.xml" "$tmp/work/self.xml"
run 2 "output is the input" "$QUIRE" transform --data-dir "$data" "$tmp/work/self.xml" -o "$tmp/work/self.xml"
has "says so" "self.xml: error: the output is an input"
cmp -s "$docs/note.xml" "$tmp/work/self.xml" || { echo "FAIL: the input was overwritten"; fail=1; }
rm -f "$tmp/work/self.xml"
nofiles "at the end" out.fo xxe.xml

# The minutes' Present line agrees in number: one councillor, one co-optee.
cyp=$QUIRE_SRC/samples/cyp-scrutiny-2017-09-12/minutes-2017-07-03.xml
"$QUIRE" transform "$cyp" -o "$tmp/present.fo" 2>"$tmp/err" || { echo "FAIL: transform of the seed minutes"; fail=1; }
grep -q 'Present:</fo:inline> Councillors S Barnes, .*, and co-optees Mrs C Healy and Mrs L Fowler' "$tmp/present.fo" ||
  { echo "FAIL: the seed minutes' Present line: $(grep -o 'Present:</fo:inline>[^<]*' "$tmp/present.fo")"; fail=1; }
python3 - "$cyp" "$tmp/one.xml" <<'PY'
import re, sys
s = open(sys.argv[1], encoding='utf-8').read()
p = re.search(r'<present>.*?</present>', s, re.S).group(0)
one = re.sub(r'<member[^>]*>[^<]*</member>\s*', '', p)
one = one.replace('<co-optee>', '<member role="chair">K Guy</member><co-optee>', 1)
one = re.sub(r'(<co-optee>[^<]*</co-optee>)\s*<co-optee>[^<]*</co-optee>', r'\1', one)
open(sys.argv[2], 'w', encoding='utf-8').write(s.replace(p, one))
PY
"$QUIRE" transform "$tmp/one.xml" -o "$tmp/one.fo" 2>"$tmp/err" || { echo "FAIL: transform of one councillor: $(cat "$tmp/err")"; fail=1; }
grep -q 'Present:</fo:inline> Councillor K Guy (Chair), and co-optee Mrs C Healy<' "$tmp/one.fo" ||
  { echo "FAIL: one councillor and one co-optee: $(grep -o 'Present:</fo:inline>[^<]*' "$tmp/one.fo")"; fail=1; }
# "RESOLVED – that:" before its list keeps with it (never alone at the
# foot of a page); a resolution without a list does not.
nm=$QUIRE_SRC/samples/northmoor-audit-2024-03-19/minutes-2024-01-23.xml
sed '0,/<resolved>/s//<resolved><p>that:<\/p><ol type="a"><li>the report be noted; and<\/li><li>a further report come.<\/li><\/ol><\/resolved><resolved>/' "$nm" >"$tmp/res.xml"
"$QUIRE" transform "$tmp/res.xml" -o "$tmp/res.fo" 2>"$tmp/err" || { echo "FAIL: transform of a resolution with a list: $(cat "$tmp/err")"; fail=1; }
grep -q 'keep-with-next.within-page="always"><fo:inline font-weight="bold">RESOLVED – </fo:inline>that:</fo:block>' "$tmp/res.fo" ||
  { echo "FAIL: 'RESOLVED – that:' does not keep with its list"; fail=1; }
[ "$(grep -o 'keep-with-next.within-page="always"><fo:inline font-weight="bold">RESOLVED' "$tmp/res.fo" | wc -l)" = 1 ] ||
  { echo "FAIL: a resolution without a list keeps with what follows"; fail=1; }
exit $fail
