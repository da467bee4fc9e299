#!/usr/bin/env python3
"""Render Apache FOP's own layout test cases with quire and with FOP, and
compare: quire exits 0 with no error, qpdf --check passes, pdftotext reports
no fault, the words and their order equal FOP's (whitespace, hyphens and
soft hyphens folded away), and the page counts are equal.

A case that cannot agree is listed, with its reason, in known-differences.txt
beside this script; such a case is still rendered and must not crash or
fail qpdf, but its words and pages are not compared. A listed case that now
agrees is reported so the list can shrink.

Usage: compare.py QUIRE CASES_DIR WORK_DIR [--fop-cache DIR] [--only GLOB]
"""
import argparse
import concurrent.futures
import fnmatch
import hashlib
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, timeout=120, **kw):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout, **kw)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return -999, "", "timed out after %ds" % timeout


def pages(pdf):
    rc, out, _ = run(["pdfinfo", pdf])
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if rc == 0 and m else -1


def folded_text(pdf):
    rc, out, err = run(["pdftotext", "-enc", "UTF-8", pdf, "-"])
    text = re.sub(r"[\s\u00ad\u2010\u2011-]+", "", out)
    return rc, text, err.strip()


def load_known():
    known = {}
    path = os.path.join(HERE, "known-differences.txt")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, _, reason = line.partition(":")
            known[name.strip()] = reason.strip()
    return known


def fop_render(fo, pdf, cache):
    key = hashlib.sha1(open(fo, "rb").read()).hexdigest()
    cached = os.path.join(cache, key + ".pdf") if cache else None
    if cached and os.path.exists(cached):
        shutil.copyfile(cached, pdf)
        return 0, ""
    rc, _, err = run(["fop", "-q", "-fo", fo, "-pdf", pdf], timeout=300,
                     cwd=os.path.dirname(fo))
    if rc == 0 and cached:
        shutil.copyfile(pdf, cached)
    return rc, err


def check_case(args, name):
    work = os.path.join(args.work, "standard")
    fo = os.path.join(work, name + ".fo")
    rc, out, err = run(["xsltproc", "-o", fo,
                        os.path.join(args.cases, "testcase2fo.xsl"),
                        os.path.join(args.cases, "standard", name + ".xml")])
    if rc != 0:
        return name, ["cannot extract FO: " + err.strip()], None
    qpdf_path = os.path.join(work, name + ".quire.pdf")
    fpdf_path = os.path.join(work, name + ".fop.pdf")
    problems = []
    rc, out, err = run([args.quire, "render", fo, "-o", qpdf_path], timeout=120)
    errors = [l for l in err.splitlines() if ": error: " in l or "Sanitizer" in l or "runtime error" in l]
    if rc != 0 or errors:
        problems.append("quire exit %d: %s" % (rc, "; ".join((errors or err.splitlines())[:3])))
        return name, problems, None
    rc, out, err = run(["qpdf", "--check", qpdf_path])
    if rc != 0:
        problems.append("qpdf --check failed: " + (out + err).strip().splitlines()[-1])
    qrc, qtext, qerr = folded_text(qpdf_path)
    if qrc != 0 or qerr:
        problems.append("pdftotext fault: " + qerr.splitlines()[0] if qerr else "pdftotext exit %d" % qrc)
    structural = list(problems)
    frc, ferr = fop_render(fo, fpdf_path, args.fop_cache)
    if frc != 0:
        return name, structural, "FOP itself fails on this case"
    _, ftext, _ = folded_text(fpdf_path)
    if qtext != ftext:
        # Show where they part.
        i = 0
        while i < min(len(qtext), len(ftext)) and qtext[i] == ftext[i]:
            i += 1
        problems.append("text differs at %d: quire %r vs FOP %r" % (i, qtext[max(0, i - 20):i + 30], ftext[max(0, i - 20):i + 30]))
    qp, fp = pages(qpdf_path), pages(fpdf_path)
    if qp != fp:
        problems.append("pages: quire %d, FOP %d" % (qp, fp))
    return name, problems, structural


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("quire")
    ap.add_argument("cases")
    ap.add_argument("work")
    ap.add_argument("--fop-cache")
    ap.add_argument("--only", default="*")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    os.makedirs(os.path.join(args.work, "standard"), exist_ok=True)
    res = os.path.join(args.work, "resources")
    if not os.path.exists(res):
        os.symlink(os.path.join(os.path.abspath(args.cases), "resources"), res)
    if args.fop_cache:
        os.makedirs(args.fop_cache, exist_ok=True)
    names = sorted(f[:-4] for f in os.listdir(os.path.join(args.cases, "standard"))
                   if f.endswith(".xml") and fnmatch.fnmatch(f[:-4], args.only))
    known = load_known()
    failed, agreed_known, passed = [], [], 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        for name, problems, structural in ex.map(lambda n: check_case(args, n), names):
            if name in known:
                # Listed: only crashes, errors and broken PDFs count.
                hard = structural if structural is not None else problems
                if hard:
                    failed.append((name, hard))
                elif not problems:
                    agreed_known.append(name)
                continue
            if problems:
                failed.append((name, problems))
            else:
                passed += 1
    for name, problems in failed:
        print("FAIL %s: %s" % (name, " | ".join(problems)))
    for name in agreed_known:
        print("NOTE %s now agrees with FOP: take it off known-differences.txt" % name)
    print("%d cases: %d agree with FOP, %d listed as known differences, %d fail"
          % (len(names), passed, sum(1 for n in names if n in known), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
