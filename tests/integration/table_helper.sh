#!/usr/bin/env bash
# table_helper.sh: a long table's cells are laid out partly on a helper
# thread (layout_table.c, S_par_*). The output must not depend on it: every
# FO below is rendered with the helper as it is by default (auto), never
# (off), for every table however short (always: the thread races the main
# thread for the cells), and for every table without a thread (inline: all
# the cells the helper may take are laid out by its code, in order). The
# area dumps, the PDFs and the diagnostics must be byte-identical to the
# ones made without it (off). QUIRE_TABLE_HELPER selects the way.
set -u
: "${QUIRE:?QUIRE must name the built quire}"
: "${QUIRE_SRC:?QUIRE_SRC must name the source tree}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
n=0
modes="auto always inline"

run() { # mode out err args...
	local mode=$1 out=$2 err=$3
	shift 3
	QUIRE_TABLE_HELPER=$mode timeout 300 "$QUIRE" "$@" -o "$out" 2>"$err"
	echo "exit $?" >>"$err"
}

same() { # what reference other
	if ! cmp -s "$2" "$3"; then
		echo "FAIL $1: differs from the run without the helper"
		diff <(head -c 200000 "$2" | strings | head -2000) \
		    <(head -c 200000 "$3" | strings | head -2000) | head -20
		fail=1
	fi
}

# A pack with a long progress table (footnotes in its cells, citations and
# links around it), made by the benchmark's generator.
python3 "$QUIRE_SRC/bench/gen_pack.py" "$t/pack" --recs 150 --sections 8 \
    --reports 3 >/dev/null || { echo "FAIL: gen_pack.py"; exit 1; }

for fo in "$QUIRE_SRC"/tests/tables/*.fo "$QUIRE_SRC"/tests/layout/*.fo; do
	b=$(basename "$fo" .fo)
	n=$((n + 1))
	run off "$t/$b.off.txt" "$t/$b.off.err" render "$fo" --dump-areas
	run off "$t/$b.off.pdf" "$t/$b.off.perr" render "$fo"
	for m in $modes; do
		run "$m" "$t/$b.$m.txt" "$t/$b.$m.err" render "$fo" --dump-areas
		run "$m" "$t/$b.$m.pdf" "$t/$b.$m.perr" render "$fo"
		same "$b ($m, areas)" "$t/$b.off.txt" "$t/$b.$m.txt"
		same "$b ($m, diagnostics)" "$t/$b.off.err" "$t/$b.$m.err"
		same "$b ($m, PDF)" "$t/$b.off.pdf" "$t/$b.$m.pdf"
		same "$b ($m, PDF diagnostics)" "$t/$b.off.perr" "$t/$b.$m.perr"
	done
done

for agenda in "$QUIRE_SRC"/samples/*/agenda.xml "$t/pack/agenda.xml"; do
	b=pack-$(basename "$(dirname "$agenda")")
	n=$((n + 1))
	run off "$t/$b.off.pdf" "$t/$b.off.err" build "$agenda" \
	    --published 2024-01-01
	for m in $modes; do
		run "$m" "$t/$b.$m.pdf" "$t/$b.$m.err" build "$agenda" \
		    --published 2024-01-01
		same "$b ($m, PDF)" "$t/$b.off.pdf" "$t/$b.$m.pdf"
		same "$b ($m, diagnostics)" "$t/$b.off.err" "$t/$b.$m.err"
	done
done

# The generated pack's table is long enough for the default to use the
# helper: it must have made a PDF at all.
[ -s "$t/pack-pack.auto.pdf" ] || { echo "FAIL: no PDF of the long pack"; fail=1; }
[ "$fail" -eq 0 ] && echo "table helper: $n files alike in 4 ways"
exit $fail
