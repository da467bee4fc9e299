#!/usr/bin/env bash
# quire validate: the committee samples against the real schemas, the
# test catalogue (tests/data/front), exit codes 0/1/2/3 and messages that
# name file:line:col.
set -u
: "${QUIRE:?set QUIRE to the quire program}" "${QUIRE_SRC:?set QUIRE_SRC}"
data=$QUIRE_SRC/tests/data/front
docs=$data/docs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
run() { # expected-status description command...
  local want=$1 what=$2; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: $what: exit $got, wanted $want"; cat "$tmp/err"; fail=1
  fi
}
has() { # description pattern: stderr of the last run matches
  grep -q -- "$2" "$tmp/err" || { echo "FAIL: $1: no '$2' in:"; cat "$tmp/err"; fail=1; }
}

# The samples are valid against the project's own schemas, silently.
for f in "$QUIRE_SRC"/samples/*/*.xml; do
  run 0 "sample $(basename "$f")" "$QUIRE" validate "$f"
  [ -s "$tmp/err" ] && { echo "FAIL: valid sample is not silent:"; cat "$tmp/err"; fail=1; }
done
run 0 "all samples at once" "$QUIRE" validate "$QUIRE_SRC"/samples/*/*.xml

# The test catalogue; schema xs:include loads (note.xsd includes
# note-body.xsd).
run 0 "valid note" "$QUIRE" validate --data-dir "$data" "$docs/note.xml"
run 1 "invalid note" "$QUIRE" validate --data-dir "$data" "$docs/note-invalid.xml"
has "bad enumeration at line:col of the attribute" "note-invalid.xml:2:29: error: .*'urgent'"
has "unexpected element at line:col" "note-invalid.xml:3:3: error: .*This element is not expected"
# The environment variable works like --data-dir.
QUIRE_DATADIR=$data run 1 "QUIRE_DATADIR" "$QUIRE" validate "$docs/note-invalid.xml"
has "QUIRE_DATADIR picks the test catalogue" "note-invalid.xml:2:29"

# Several files: every one is checked, the worst status wins.
run 1 "valid + invalid" "$QUIRE" validate --data-dir "$data" "$docs/note.xml" "$docs/note-invalid.xml" "$docs/writer.xml"
[ "$(grep -c 'error:' "$tmp/err")" = 2 ] || { echo "FAIL: wanted exactly the 2 errors of note-invalid.xml"; cat "$tmp/err"; fail=1; }
run 3 "missing file among valid ones" "$QUIRE" validate --data-dir "$data" "$docs/note.xml" "$tmp/nope.xml"
has "missing file named" "nope.xml: error: cannot read: No such file"
run 3 "a folder" "$QUIRE" validate --data-dir "$data" "$tmp"

# Unknown namespace: the known ones are listed.
run 1 "unknown namespace" "$QUIRE" validate --data-dir "$data" "$docs/unknown-ns.xml"
has "names the namespace" "unknown-ns.xml:2:1: error: no schema for the root element's namespace 'urn:test:unknown'"
has "lists the known ones" "known namespaces: urn:test:note (note), urn:test:writer (writer)"
run 1 "unknown namespace, real catalogue" "$QUIRE" validate "$docs/unknown-ns.xml"
has "lists the real kinds" "urn:quire:agenda:1 (agenda)"

# A catalogue entry whose schema is missing, and a missing catalogue:
# setup problems, exit 3.
run 3 "schema missing" "$QUIRE" validate --data-dir "$data" "$docs/noschema.xml"
has "names the schema" "missing.xsd: error: cannot read the schema"
run 3 "no catalogue" "$QUIRE" validate --data-dir "$tmp" "$docs/note.xml"
has "says which catalogue" "schemas/catalog.xml"

# A schema that tries to pull a file that is not a schema is refused.
mkdir -p "$tmp/dd/schemas"
cat >"$tmp/dd/schemas/catalog.xml" <<'X'
<catalog xmlns="urn:quire:catalog:1">
  <document name="note" namespace="urn:test:note" schema="evil.xsd"/>
</catalog>
X
cat >"$tmp/dd/schemas/evil.xsd" <<'X'
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test:note">
  <xs:include schemaLocation="/etc/passwd"/>
  <xs:element name="note"/>
</xs:schema>
X
run 3 "schema including /etc/passwd" "$QUIRE" validate --data-dir "$tmp/dd" "$docs/note.xml"
has "refused" "refused to load '/etc/passwd'"
grep -q 'root:' "$tmp/err" && { echo "FAIL: passwd content in messages"; fail=1; }
sed -i 's|/etc/passwd|http://127.0.0.1:9/x.xsd|' "$tmp/dd/schemas/evil.xsd"
run 3 "schema including a network address" "$QUIRE" validate --data-dir "$tmp/dd" "$docs/note.xml"
has "network refused" "refused to load 'http://127.0.0.1:9/x.xsd': only local files"

# Usage.
run 2 "nothing to validate" "$QUIRE" validate
exit $fail
