#!/usr/bin/env python3
"""Time quire against Apache FOP on the same inputs, in one run, alternating
their runs, and report medians and the ratios FOP/quire of wall time, CPU
time and peak memory, with pages, time per page and PDF sizes.

  render : quire render X.fo  vs  fop -fo X.fo          (the same FO file)
  build  : quire build agenda  vs  xsltproc pack.xsl + fop -fo

Usage: run.py [--quire build/quire] [--runs 5] [--scales seed,1000]
              [--fop-runs N] [--no-fop-above R] [--fop-timeout S] [--out bench/out]
A scale may carry its own counts: SCALE:RUNS:FOP_RUNS:BUILD_FOP_RUNS, e.g.
10500:3:1:0 runs quire 3 times, FOP's render once and FOP's build never.
Scales: 'seed' is the bundled sample pack; a number N generates a pack with
N recommendations (bench/gen_pack.py, with N/20 sections shared among N/50
reports, so footnotes, citations and links grow with N); 'tableR' the R-row
table of bench/gen_table.py (render only: it is FO).

Each quire render runs with --timings; the medians of its stages (FO tree,
layout, PDF writing) are reported. Peak memory is the child's maximum
resident set size and CPU time its user+system time, both from wait4().
The machine may be shared: the load average (uptime) is printed before and
after each comparison, and CPU time is reported beside wall time because it
is much less sensitive to other processes than wall time.
Results go to OUT/results.json and OUT/results.md (a Markdown table).
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# FOP embeds the same Liberation faces quire does (see fop.xconf).
FOP_CONF = os.path.join(HERE, "fop.xconf")
TIMING = re.compile(r"^quire: timing: (.+?)\s+([0-9.]+) ms$")


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def measure(cmd, cwd=None, timeout=None):
    """Run cmd; return (wall s, CPU s, peak RSS MiB, exit status, stderr)."""
    # stderr goes to a file, not a pipe: FOP (and quire, on a pack with
    # thousands of overfull-line warnings) can write more than a pipe
    # holds, and a child blocked on a full pipe never exits.
    with tempfile.TemporaryFile() as errf:
        t0 = time.perf_counter()
        # A session of its own, so a timed-out FOP (a shell script running
        # java) is killed with all its processes.
        p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errf,
                             start_new_session=True)
        deadline = None if timeout is None else t0 + timeout
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid != 0:
                break
            if deadline is not None and time.perf_counter() > deadline:
                os.killpg(p.pid, 9)
                os.wait4(p.pid, 0)
                p.returncode = -9
                sys.stderr.write("bench: %s timed out after %d s\n" % (" ".join(cmd), timeout))
                return None, None, None, -9, ""
            time.sleep(0.02)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        errf.seek(0)
        err = errf.read().decode("utf-8", "replace")
    rc = p.returncode
    if rc != 0:
        sys.stderr.write("bench: %s exited %d:\n%s\n" % (" ".join(cmd), rc, err[-2000:]))
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, rc, err


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
    n = int(scale)
    d = os.path.join(out, "pack-%s" % scale)
    subprocess.run([sys.executable, os.path.join(HERE, "gen_pack.py"), d,
                    "--recs", str(n), "--sections", str(max(4, n // 20)),
                    "--reports", str(max(1, n // 50))], check=True)
    return d, os.path.join(d, "agenda.xml")


def stages(err):
    """The --timings lines of one run: {stage: ms}."""
    t = {}
    for line in err.splitlines():
        m = TIMING.match(line)
        if m:
            t[m.group(1).strip()] = float(m.group(2))
    return t


def compare(label, quire_cmd, fop_cmd, qpdf, fpdf, runs, fop_runs, timeout, rows):
    qt, qc, qm, ft, fc, fm, qs = [], [], [], [], [], [], []
    fop_error = None
    load0 = load()
    for i in range(runs):  # alternate, so drift hits both alike
        w, c, m, rc, err = measure(quire_cmd)
        if rc != 0:
            return
        if fop_cmd and i >= fop_runs:
            fop_cmd = None
        qt.append(w); qc.append(c); qm.append(m); qs.append(stages(err))
        if fop_cmd:
            w, c, m, rc, ferr = measure(fop_cmd, timeout=timeout)
            if rc != 0:
                fop_cmd = None
                fop_error = "timed out after %d s" % timeout if rc == -9 else (
                    "exit %d: %s" % (rc, ferr.strip().splitlines()[-1][:200] if ferr.strip() else ""))
            else:
                ft.append(w); fc.append(c); fm.append(m)
    row = {"what": label, "runs": runs, "quire_s": statistics.median(qt),
           "quire_cpu_s": statistics.median(qc), "quire_mib": max(qm),
           "pages": pages(qpdf), "quire_kib": os.path.getsize(qpdf) / 1024,
           "load_before": load0, "load_after": load()}
    names = sorted({k for s in qs for k in s})
    row["stages_ms"] = {k: statistics.median([s[k] for s in qs if k in s]) for k in names}
    # Layout against PDF writing run by run (issue 6's last target): this
    # machine's speed moves between runs, so a ratio of medians hides how
    # often each stage is the larger; keep every run's ratio.
    for kind, lk, pk in (("wall", "layout", "pdf"), ("cpu", "layout cpu", "pdf cpu")):
        rs = sorted(s[lk] / s[pk] for s in qs if s.get(lk) and s.get(pk))
        if rs:
            row["layout_vs_pdf_" + kind] = rs
    if fop_error:
        row["fop_error"] = fop_error
    if ft:
        row.update({"fop_runs": len(ft), "fop_s": statistics.median(ft),
                    "fop_cpu_s": statistics.median(fc), "fop_mib": max(fm),
                    "fop_pages": pages(fpdf), "fop_kib": os.path.getsize(fpdf) / 1024})
    rows.append(row)
    print_row(row)


def print_row(r):
    s = "%-16s quire %8.3f s (cpu %7.3f) %7.1f MiB %5d pages %8.0f KiB %6.2f ms/page" % (
        r["what"], r["quire_s"], r["quire_cpu_s"], r["quire_mib"], r["pages"],
        r["quire_kib"], 1000 * r["quire_cpu_s"] / max(1, r["pages"]))
    if "fop_s" in r:
        s += (" | FOP %8.3f s (cpu %7.3f) %7.1f MiB %5d pages %8.0f KiB"
              " | FOP/quire wall %6.1fx cpu %6.1fx memory %5.1fx size %4.2fx") % (
            r["fop_s"], r["fop_cpu_s"], r["fop_mib"], r["fop_pages"], r["fop_kib"],
            r["fop_s"] / r["quire_s"], r["fop_cpu_s"] / r["quire_cpu_s"],
            r["fop_mib"] / r["quire_mib"], r["fop_kib"] / r["quire_kib"])
    if "fop_error" in r:
        s += " | FOP failed: " + r["fop_error"]
    s += " | load %s -> %s" % (r["load_before"], r["load_after"])
    st = r.get("stages_ms")
    if st:
        s += "\n    stages (median ms): " + ", ".join("%s %.1f" % kv for kv in st.items())
    for kind in ("wall", "cpu"):
        rs = r.get("layout_vs_pdf_" + kind)
        if rs:
            s += "\n    layout/pdf %s per run: median %.2f, %.2f-%.2f, %d of %d runs <= 1" % (
                kind, statistics.median(rs), rs[0], rs[-1],
                sum(1 for x in rs if x <= 1), len(rs))
    print(s, flush=True)


def markdown(rows):
    out = ["| what | pages (quire/FOP) | quire wall s | quire CPU s | quire ms/page (CPU) | quire MiB "
           "| FOP wall s | FOP CPU s | FOP MiB | wall FOP/quire | CPU FOP/quire | memory FOP/quire "
           "| PDF KiB quire/FOP | load before -> after |",
           "|" + "---|" * 14]
    for r in rows:
        f = lambda k, fmt="%.2f": (fmt % r[k]) if k in r else "-"
        ratio = lambda a, b, fmt="%.1fx": (fmt % (r[a] / r[b])) if a in r else "-"
        out.append("| %s | %s/%s | %.3f | %.3f | %.2f | %.1f | %s | %s | %s | %s | %s | %s | %.0f/%s | %s -> %s |" % (
            r["what"], r["pages"], f("fop_pages", "%d"), r["quire_s"], r["quire_cpu_s"],
            1000 * r["quire_cpu_s"] / max(1, r["pages"]), r["quire_mib"],
            ("FOP failed (%s)" % r["fop_error"]) if "fop_error" in r and "fop_s" not in r else f("fop_s", "%.2f"),
            f("fop_cpu_s", "%.2f"), f("fop_mib", "%.0f"),
            ratio("fop_s", "quire_s"), ratio("fop_cpu_s", "quire_cpu_s"), ratio("fop_mib", "quire_mib"),
            r["quire_kib"], f("fop_kib", "%.0f"), r["load_before"], r["load_after"]))
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quire", default=os.path.join(ROOT, "build", "quire"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--fop-runs", type=int, default=None,
                    help="at most this many FOP runs per comparison (default: --runs)")
    ap.add_argument("--scales", default="seed,1000")
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    ap.add_argument("--no-fop-above", type=int, default=20000,
                    help="skip FOP for generated packs larger than this many recommendations")
    ap.add_argument("--fop-timeout", type=float, default=None,
                    help="give up on a FOP run after this many seconds")
    ap.add_argument("--no-build", action="store_true", help="render comparisons only")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    quire = os.path.abspath(a.quire)
    fop_runs = a.runs if a.fop_runs is None else a.fop_runs
    pack_xsl = os.path.join(ROOT, "stylesheets", "pack.xsl")
    print("bench: %s, %s, quire %s, load %s" % (
        time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), os.uname().nodename, quire, load()), flush=True)
    rows = []
    for spec in a.scales.split(","):
        # SCALE[:RUNS[:FOP_RUNS[:BUILD_FOP_RUNS]]]
        parts = spec.split(":")
        scale = parts[0]
        runs = int(parts[1]) if len(parts) > 1 else a.runs
        frun = int(parts[2]) if len(parts) > 2 else min(runs, fop_runs)
        brun = int(parts[3]) if len(parts) > 3 else frun
        fo = os.path.join(a.out, "%s.fo" % scale)
        qpdf, fpdf = os.path.join(a.out, "%s.quire.pdf" % scale), os.path.join(a.out, "%s.fop.pdf" % scale)
        fop = ["fop", "-q", "-c", FOP_CONF, "-fo", fo, "-pdf", fpdf]
        if scale.startswith("table"):
            subprocess.run([sys.executable, os.path.join(HERE, "gen_table.py"),
                            "--rows", scale[5:], "-o", fo], check=True)
            compare("render " + scale, [quire, "render", fo, "-o", qpdf, "--timings"],
                    fop, qpdf, fpdf, runs, frun, a.fop_timeout, rows)
            continue
        src, agenda = pack_for(scale, a.out)
        # The FO both engines render: the same stylesheets, run once.
        subprocess.run(["xsltproc", "-o", fo, pack_xsl, agenda], check=True)
        use_fop = scale == "seed" or int(scale) <= a.no_fop_above
        compare("render " + scale, [quire, "render", fo, "-o", qpdf, "--timings"],
                fop if use_fop else None, qpdf, fpdf, runs, frun, a.fop_timeout, rows)
        if a.no_build:
            continue
        # Whole build: quire alone against xsltproc followed by FOP.
        script = os.path.join(a.out, "xsltproc-fop.sh")
        with open(script, "w") as f:
            f.write('#!/bin/sh\nset -e\nxsltproc -o "$3.fo" "$1" "$2"\nfop -q -c "$4" -fo "$3.fo" -pdf "$3"\n')
        compare("build " + scale, [quire, "build", agenda, "-o", qpdf, "--timings"],
                ["sh", script, pack_xsl, agenda, fpdf, FOP_CONF] if use_fop else None,
                qpdf, fpdf, runs, brun, a.fop_timeout, rows)
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump(rows, f, indent=1)
    with open(os.path.join(a.out, "results.md"), "w") as f:
        f.write(markdown(rows))
    print(markdown(rows))


if __name__ == "__main__":
    main()
