#!/usr/bin/env python3
"""Render Apache FOP's own layout test cases with quire and with FOP, and
compare: quire exits 0 with no error, qpdf --check passes, pdftotext reports
no fault, the words and their order equal FOP's (whitespace, hyphens and
soft hyphens folded away), and the page counts are equal.

A case that cannot agree is listed, with its reason, in known-differences.txt
beside this script; such a case is still rendered and must not crash or
fail qpdf, but its words and pages are not compared. A listed case that now
agrees is reported so the list can shrink.

known-bugs.txt lists the cases that differ today because of a bug in quire
still to fix, each with its category in TRIAGE.md. They are held to the
same structural checks; their differences are printed (OPEN lines) but do
not fail the run, so that any other case that stops agreeing does. The
list is work to do, not a verdict: a case on it that agrees is reported.

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


# Folded away before comparing: white space, hyphens (hyphenation may
# differ), soft hyphens, zero-width and bidi marks pdftotext adds or that
# quire draws invisibly.
FOLD = re.compile(r"[\s\u00ad\u2010\u2011\u200b\u2060\u202a-\u202e\u2066-\u2069-]+")
# A dot leader's number of dots depends on sub-point rounding.
DOTS = re.compile(r"(?:[.\u2026]\s*){3,}")
MODES = ((), ("-layout",), ("-raw",))


def fold(text):
    return FOLD.sub("", DOTS.sub("\u2026", text))


def folded_pages(pdf, opts=()):
    """pdftotext's status, each page's folded text, and its stderr."""
    rc, out, err = run(["pdftotext", "-enc", "UTF-8", *opts, pdf, "-"])
    pages = out.split("\f")
    if pages and pages[-1] == "":
        pages.pop()
    return rc, [fold(p) for p in pages], err.strip()


def same(q, f):
    """Equal, except where FOP wrote '#' for a glyph its base-14 fonts
    lack and quire drew the real character."""
    return len(q) == len(f) and all(a == b or b == "#" for a, b in zip(q, f))


def load_known(filename="known-differences.txt"):
    known = {}
    path = os.path.join(HERE, filename)
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, _, reason = line.partition(":")
            known[name.strip()] = reason.strip()
    return known


FOP_FAILS = "FOP fails"


def relaxed(args, name):
    """The test case asks FOP's harness for relaxed validation."""
    text = open(os.path.join(args.cases, "standard", name + ".xml"), encoding="utf-8", errors="replace").read()
    return re.search(r"<strict-validation>\s*false\s*</strict-validation>", text) is not None


def fop_render(fo, pdf, cache, relax=False):
    key = hashlib.sha1(open(fo, "rb").read() + (b"-r" if relax else b"")).hexdigest()
    cached = os.path.join(cache, key + ".pdf") if cache else None
    if cached and os.path.exists(cached):
        shutil.copyfile(cached, pdf)
        return 0, ""
    rc, _, err = run(["fop", "-q"] + (["-r"] if relax else []) + ["-fo", fo, "-pdf", pdf], timeout=300,
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
    qrc, _, qerr = folded_pages(qpdf_path)
    if qrc != 0 or qerr:
        problems.append("pdftotext fault: " + qerr.splitlines()[0] if qerr else "pdftotext exit %d" % qrc)
    structural = list(problems)
    frc, ferr = fop_render(fo, fpdf_path, args.fop_cache, relaxed(args, name))
    if frc != 0:
        return name, structural, FOP_FAILS
    qp, fp = pages(qpdf_path), pages(fpdf_path)
    if qp != fp:
        problems.append("pages: quire %d, FOP %d" % (qp, fp))
        return name, problems, structural
    # Page by page: a page agrees if its words equal FOP's in any of
    # pdftotext's reading orders (table cells and raised text are ordered
    # by heuristics that a point of geometry can change).
    q = {m: folded_pages(qpdf_path, m)[1] for m in MODES}
    f = {m: folded_pages(fpdf_path, m)[1] for m in MODES}
    bad = [i + 1 for i in range(min(len(q[()]), len(f[()])))
           if not any(i < len(q[m]) and i < len(f[m]) and same(q[m][i], f[m][i]) for m in MODES)]
    if bad:
        i = bad[0] - 1
        a, b = q[()][i], f[()][i]
        k = 0
        while k < min(len(a), len(b)) and (a[k] == b[k] or b[k] == "#"):
            k += 1
        problems.append("text differs on page(s) %s; first at %d of page %d: quire %r vs FOP %r"
                        % (bad[:5], k, bad[0], a[max(0, k - 20):k + 30], b[max(0, k - 20):k + 30]))
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
    bugs = load_known("known-bugs.txt")
    failed, agreed_known, passed, fop_fails, open_bugs = [], [], 0, [], []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        for name, problems, structural in ex.map(lambda n: check_case(args, n), names):
            if structural is FOP_FAILS:
                # Nothing to compare with; quire must still render cleanly.
                if problems:
                    failed.append((name, problems))
                else:
                    fop_fails.append(name)
                continue
            if name in bugs and name not in known:
                hard = structural if structural is not None else problems
                if hard:
                    failed.append((name, hard))
                elif problems:
                    open_bugs.append((name, problems))
                else:
                    agreed_known.append(name)
                continue
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
    for name, problems in open_bugs:
        print("OPEN %s (%s): %s" % (name, bugs[name], " | ".join(problems)))
    for name in agreed_known:
        print("NOTE %s now agrees with FOP: take it off its list" % name)
    if fop_fails:
        print("FOP itself cannot render %d case(s), rendered cleanly by quire and not compared: %s"
              % (len(fop_fails), " ".join(fop_fails)))
    print("%d cases: %d agree with FOP, %d listed as deliberate differences, %d open bugs (known-bugs.txt), "
          "%d FOP cannot render, %d fail"
          % (len(names), passed, sum(1 for n in names if n in known), len(open_bugs), len(fop_fails), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
