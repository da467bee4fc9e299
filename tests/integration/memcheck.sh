#!/usr/bin/env bash
# The seed sample pack's build, a render with an image, one with damaged
# images, and two failing runs
# (an invalid pack, a refused FO: error paths are where memory is lost) under
# valgrind memcheck: no memory error, nothing definitely lost. In a
# sanitizer build (QUIRE_SANITIZE=1) valgrind cannot run the program, so the
# same runs are checked by AddressSanitizer and LeakSanitizer instead.
set -u
: "${QUIRE:?set QUIRE to the quire program}" "${QUIRE_SRC:?set QUIRE_SRC}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
err() { echo "FAIL: $*"; fail=1; }
sanitize=${QUIRE_SANITIZE:-0}
case $sanitize in 1|ON|on|TRUE|true) sanitize=1 ;; *) sanitize=0 ;; esac

# fontconfig 2.14 (Debian 12) loses one block while it parses its own
# configuration, before any call of ours returns; nothing else is excused.
cat >"$t/fontconfig.supp" <<'SUPP'
{
   fontconfig-parses-its-configuration
   Memcheck:Leak
   match-leak-kinds: definite
   ...
   fun:FcInitLoadConfigAndFonts
}
SUPP

# check NAME WANTED-STATUS quire-args...
check() {
	local name=$1 want=$2 got
	shift 2
	if [ "$sanitize" = 1 ]; then
		ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
		LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0" \
		    timeout 600 "$QUIRE" "$@" >"$t/out" 2>"$t/err"
		got=$?
		if grep -q 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error:' "$t/err"; then
			err "$name: sanitizer report:"; sed -n 1,60p "$t/err"
		fi
	else
		timeout 600 valgrind --quiet --error-exitcode=99 --leak-check=full \
		    --show-leak-kinds=definite --errors-for-leak-kinds=definite \
		    --suppressions="$t/fontconfig.supp" --num-callers=40 \
		    "$QUIRE" "$@" >"$t/out" 2>"$t/err"
		got=$?
		if [ "$got" = 99 ] || grep -q '^==[0-9]*== ' "$t/err"; then
			err "$name: memcheck reports:"; grep '^==[0-9]*==' "$t/err" | sed -n 1,80p
		fi
	fi
	[ "$got" = 124 ] && err "$name: still running after 600 s"
	[ "$got" = "$want" ] || { err "$name: exit $got, wanted $want"; sed -n 1,10p "$t/err"; }
}

if [ "$sanitize" = 0 ] && ! command -v valgrind >/dev/null; then
	echo "FAIL: valgrind is not installed (apt-get install valgrind)"
	exit 1
fi

# The seed pack: agenda, minutes, report and its landscape progress table.
seed=$QUIRE_SRC/samples/cyp-scrutiny-2017-09-12
check "build of the seed pack" 0 build "$seed/agenda.xml" -o "$t/pack.pdf" --published 2017-09-04
pages=$(pdfinfo "$t/pack.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
[ "${pages:-0}" -ge 10 ] || err "the seed pack has ${pages:-no} pages"

# A render with an image, a footnote, a table and a citation.
python3 - "$t/dot.png" <<'PY'
import struct, sys, zlib
def chunk(k, d):
    return struct.pack('>I', len(d)) + k + d + struct.pack('>I', zlib.crc32(k + d) & 0xffffffff)
raw = b''.join(b'\0' + b'\x40' * 8 for _ in range(8))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 8, 8, 8, 0, 0, 0, 0)) +
                              chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
PY
cat >"$t/mixed.fo" <<'FO'
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-family="Arial" font-size="11pt">
<fo:layout-master-set>
  <fo:simple-page-master master-name="p" page-width="148mm" page-height="210mm" margin="15mm">
    <fo:region-body margin-bottom="10mm"/><fo:region-after extent="8mm"/>
  </fo:simple-page-master>
</fo:layout-master-set>
<fo:page-sequence master-reference="p">
<fo:static-content flow-name="xsl-region-after"><fo:block>Page <fo:page-number/></fo:block></fo:static-content>
<fo:flow flow-name="xsl-region-body">
<fo:block>An image <fo:external-graphic src="dot.png" content-width="10mm"/> and a note<fo:footnote><fo:inline>1</fo:inline><fo:footnote-body><fo:block>The note.</fo:block></fo:footnote-body></fo:footnote>; see page <fo:page-number-citation ref-id="end"/>.</fo:block>
<fo:table table-layout="fixed" width="100%"><fo:table-column column-width="50%"/><fo:table-column column-width="50%"/>
<fo:table-body><fo:table-row><fo:table-cell border="0.5pt solid black"><fo:block>Cell one</fo:block></fo:table-cell>
<fo:table-cell border="0.5pt solid black"><fo:block hyphenate="true" language="en" country="GB">Hyphenation of incomprehensibilities in a narrow column.</fo:block></fo:table-cell></fo:table-row></fo:table-body></fo:table>
<fo:block id="end" break-before="page" missing-property="x">The end <fo:external-graphic src="missing.png"/>.</fo:block>
</fo:flow>
</fo:page-sequence>
</fo:root>
FO
check "render with an image, a footnote, a table" 0 render "$t/mixed.fo" -o "$t/mixed.pdf"

# Damaged images: the image reader's error paths (a truncated PNG, one whose
# header lies about its size, a corrupt one, a missing one) are warnings.
imgs=$QUIRE_SRC/tests/bad/render/images
cat >"$t/images.fo" <<FO
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-family="Arial" font-size="11pt">
<fo:layout-master-set>
  <fo:simple-page-master master-name="p" page-width="148mm" page-height="210mm" margin="15mm"><fo:region-body/></fo:simple-page-master>
</fo:layout-master-set>
<fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body">
<fo:block>A <fo:external-graphic src="$imgs/truncated.png" content-width="10mm"/>
B <fo:external-graphic src="$imgs/claims-huge.png" content-width="10mm"/>
C <fo:external-graphic src="$imgs/corrupt.png"/> D <fo:external-graphic src="$imgs/none.png"/>
E <fo:external-graphic src="$t/dot.png" content-width="10mm"/></fo:block>
</fo:flow></fo:page-sequence>
</fo:root>
FO
check "render with damaged images" 0 render "$t/images.fo" -o "$t/images.pdf"

# Failing runs: the FO reader's error path, and a pack whose attachment is
# missing (validation and cross-document checks' error paths).
sed 's|master-reference="p">|master-reference="nope">|' "$t/mixed.fo" >"$t/bad.fo"
check "a refused FO" 1 render "$t/bad.fo" -o "$t/bad.pdf"
cp -r "$QUIRE_SRC/samples/northmoor-audit-2024-03-19" "$t/small"
rm -f "$t/small/minutes-2024-01-23.xml"
check "a pack with a missing attachment" 1 build "$t/small/agenda.xml" -o "$t/small.pdf" --published 2024-03-01
exit $fail
