#!/usr/bin/env python3
"""Time quire against Apache FOP on the same inputs, in one run, alternating
their runs, and report medians and the ratios FOP/quire of wall time and
peak memory, with pages and PDF sizes.

  render : quire render X.fo  vs  fop -fo X.fo          (the same FO file)
  build  : quire build agenda  vs  xsltproc pack.xsl + fop -fo

Usage: run.py [--quire build/quire] [--runs 5] [--scales seed,1000] [--out bench/out]
Scales: 'seed' is the bundled sample pack; a number N generates a pack with
N recommendations (bench/gen_pack.py); 'table20000' the 20,000-row table.
Peak memory is the child's maximum resident set size from wait4().
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# FOP embeds the same Liberation faces quire does (see fop.xconf).
FOP_CONF = os.path.join(HERE, "fop.xconf")


def measure(cmd, cwd=None):
    """Run cmd; return (wall seconds, peak RSS in MiB, exit status)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    rc = os.waitstatus_to_exitcode(status)
    if rc != 0:
        sys.stderr.write("bench: %s exited %d:\n%s\n" % (" ".join(cmd), rc, err[-2000:]))
    return wall, ru.ru_maxrss / 1024.0, rc


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return -1


def pack_for(scale, out):
    """Source folder and agenda for a scale."""
    if scale == "seed":
        d = os.path.join(ROOT, "samples", "cyp-scrutiny-2017-09-12")
        return d, os.path.join(d, "agenda.xml")
    d = os.path.join(out, "pack-%s" % scale)
    subprocess.run([sys.executable, os.path.join(HERE, "gen_pack.py"), d,
                    "--recs", scale, "--sections", str(max(4, int(scale) // 20))], check=True)
    return d, os.path.join(d, "agenda.xml")


def compare(label, quire_cmd, fop_cmd, qpdf, fpdf, runs, rows):
    qt, qm, ft, fm = [], [], [], []
    for _ in range(runs):  # alternate, so drift hits both alike
        w, m, rc = measure(quire_cmd)
        if rc != 0:
            return
        qt.append(w); qm.append(m)
        if fop_cmd:
            w, m, rc = measure(fop_cmd)
            if rc != 0:
                fop_cmd = None
            else:
                ft.append(w); fm.append(m)
    row = {"what": label, "quire_s": statistics.median(qt), "quire_mib": max(qm),
           "pages": pages(qpdf), "quire_kib": os.path.getsize(qpdf) / 1024}
    if ft:
        row.update({"fop_s": statistics.median(ft), "fop_mib": max(fm),
                    "fop_pages": pages(fpdf), "fop_kib": os.path.getsize(fpdf) / 1024})
    rows.append(row)
    print_row(row)


def print_row(r):
    s = "%-22s quire %8.3f s %7.1f MiB %5d pages %8.0f KiB" % (
        r["what"], r["quire_s"], r["quire_mib"], r["pages"], r["quire_kib"])
    if "fop_s" in r:
        s += " | FOP %8.3f s %7.1f MiB %5d pages %8.0f KiB | FOP/quire time %6.1fx memory %5.1fx size %4.2fx" % (
            r["fop_s"], r["fop_mib"], r["fop_pages"], r["fop_kib"],
            r["fop_s"] / r["quire_s"], r["fop_mib"] / r["quire_mib"], r["fop_kib"] / r["quire_kib"])
    print(s, flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quire", default=os.path.join(ROOT, "build", "quire"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scales", default="seed,1000")
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    ap.add_argument("--no-fop-above", type=int, default=20000,
                    help="skip FOP for generated packs larger than this many recommendations")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    quire = os.path.abspath(a.quire)
    pack_xsl = os.path.join(ROOT, "stylesheets", "pack.xsl")
    rows = []
    for scale in a.scales.split(","):
        src, agenda = pack_for(scale, a.out)
        fo = os.path.join(a.out, "%s.fo" % scale)
        # The FO both engines render: the same stylesheets, run once.
        subprocess.run(["xsltproc", "-o", fo, pack_xsl, agenda], check=True)
        qpdf, fpdf = os.path.join(a.out, "%s.quire.pdf" % scale), os.path.join(a.out, "%s.fop.pdf" % scale)
        use_fop = scale == "seed" or int(scale) <= a.no_fop_above
        compare("render " + scale, [quire, "render", fo, "-o", qpdf],
                ["fop", "-q", "-c", FOP_CONF, "-fo", fo, "-pdf", fpdf] if use_fop else None, qpdf, fpdf, a.runs, rows)
        # Whole build: quire alone against xsltproc followed by FOP.
        script = os.path.join(a.out, "xsltproc-fop.sh")
        with open(script, "w") as f:
            f.write('#!/bin/sh\nset -e\nxsltproc -o "$3.fo" "$1" "$2"\nfop -q -c "$4" -fo "$3.fo" -pdf "$3"\n')
        compare("build " + scale, [quire, "build", agenda, "-o", qpdf],
                ["sh", script, pack_xsl, agenda, fpdf, FOP_CONF] if use_fop else None, qpdf, fpdf, a.runs, rows)


if __name__ == "__main__":
    main()
