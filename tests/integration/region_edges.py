#!/usr/bin/env python3
"""region_edges.py: no text crosses the edge of the region it was set in.

Renders every FO under tests/ (the layout goldens, the tables, the FOP
repros, and those of tests/bad/ that quire publishes: exit 0) and every
case of Apache FOP's test suite (CASES/standard/*.xml through
testcase2fo.xsl) with `quire render --dump-areas`. The dump gives each
page's region rectangles (" region NAME x y w h") and the region each area
was painted in (" in NAME"). Every text run must lie inside its region's
rectangle, within TOL points: horizontally its advance, vertically from a
cap height (0.7 em) above the baseline to a descent (0.2 em) below it.
Of a run painted inside a clip (overflow="hidden"), only the part the clip
lets through counts.

A run outside is forgiven only where quire said why:
  - an overfull line: a warning "line overfull by Xpt: 'W' ..." names the
    line's first word W; runs on a line (same page, region and baseline)
    whose text holds W may stick out by up to X (plus TOL). The warning
    must name one unbreakable word: a culprit with a space in it is a
    fault of its own;
  - content taller than the page body, "placed on page N and overflows
    it": the body's runs on page N may cross its after (bottom) edge;
  - static content taller than its region, or a region with no extent
    ("fo:region-before: static content 40.0pt tall overflows the region's
    20.0pt", "fo:region-before has no extent"): that region's runs may
    cross its before and after edges.
Anything else the FO asks for (overflow="visible" content wider than a
container, negative indents, fixed heights that overflow) or that is a
known defect is listed in region_edges-known.txt beside this script, one
document a line with its reason; a listed document is still rendered but
its runs are not held to their regions, and one that now fits is
reported (NOTE) so that the list shrinks.

Usage: region_edges.py QUIRE SRC_DIR WORK_DIR [--fop-cases DIR]
       [--only GLOB] [--jobs N] [-v] [--fo FILE]...
(--fo: check just these documents, none of them listed)
Exit 0 when every run fits, 1 otherwise (a line per fault)."""
import argparse
import concurrent.futures
import fnmatch
import glob
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOL = 0.5
ASCENT, DESCENT = 0.7, 0.2
NUM = r"(-?\d+\.\d+)"
RE_PAGE = re.compile(r"page (\d+) folio \S+ w " + NUM + " h " + NUM)
RE_REGION = re.compile(r" region (\w+) x " + NUM + " y " + NUM + " w " + NUM + " h " + NUM + "$")
RE_IN = re.compile(r" in (\w+)$")
RE_CLIP = re.compile(r"  (clip|unclip) x " + NUM + " y " + NUM + " w " + NUM + " h " + NUM)
RE_TEXT = re.compile(r"  text x " + NUM + " y " + NUM + " w " + NUM + " h " + NUM +
                     r" .*? size " + NUM + r' .*?"((?:[^"\\]|\\.)*)"$')
RE_OVERFULL = re.compile(r"line overfull by ([\d.]+)pt: '(.*)' is wider than the ([\d.]+)pt measure")
RE_TALL = re.compile(r"content taller than the page body \([\d.]+pt\) placed on page (\d+) and overflows it")
RE_NOEXTENT = re.compile(r"fo:region-(\w+)(?: has no extent|: static content [\d.]+pt tall overflows)")


def run(cmd, timeout=120, **kw):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout, **kw)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return -999, "", "timed out after %ds" % timeout


def unescape(s):
    return re.sub(r"\\(.)", r"\1", s)


def squeeze(s):
    return re.sub(r"\s+", "", s)


def parse_dump(path):
    """Pages: {'n', 'regions': {name: (x, y, w, h)}, 'runs': [...]}; a run
    is (region, x, y, w, size, text, clip), clip the rectangle (x0, y0, x1,
    y1) the run is clipped to (overflow="hidden"), or None."""
    pages = []
    where = None
    clips = []
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        m = RE_PAGE.match(line)
        if m:
            pages.append({"n": int(m.group(1)), "regions": {}, "runs": []})
            where = None
            clips = []
            continue
        m = RE_CLIP.match(line)
        if m:
            if m.group(1) == "unclip":
                if clips:
                    clips.pop()
                continue
            x, y, w, h = (float(g) for g in m.groups()[1:])
            c = (x, y, x + w, y + h)
            if clips:  # nested: the intersection
                o = clips[-1]
                c = (max(c[0], o[0]), max(c[1], o[1]), min(c[2], o[2]), min(c[3], o[3]))
            clips.append(c)
            continue
        m = RE_REGION.match(line)
        if m:
            pages[-1]["regions"][m.group(1)] = tuple(float(g) for g in m.groups()[1:])
            continue
        m = RE_IN.match(line)
        if m:
            where = m.group(1)
            continue
        m = RE_TEXT.match(line)
        if m:
            x, y, w, _, size = (float(g) for g in m.groups()[:5])
            pages[-1]["runs"].append((where, x, y, w, size, unescape(m.group(6)),
                                      clips[-1] if clips else None))
    return pages


def warnings(err):
    over = []   # (culprit squeezed, by)
    tall = set()
    noext = set()
    faults = []
    for line in err.splitlines():
        m = RE_OVERFULL.search(line)
        if m:
            by, word = float(m.group(1)), m.group(2)
            if re.search(r"\s", word.strip()):
                faults.append("an overfull line's culprit is not one word: %s" % line.strip())
            over.append((squeeze(word), by))
            continue
        m = RE_TALL.search(line)
        if m:
            tall.add(int(m.group(1)))
            continue
        m = RE_NOEXTENT.search(line)
        if m:
            noext.add(m.group(1))
    return over, tall, noext, faults


def check_dump(pages, err):
    """Faults: one string per run outside its region (and per bad
    warning)."""
    over, tall, noext, faults = warnings(err)
    for p in pages:
        lines = {}
        for r in p["runs"]:
            lines.setdefault((r[0], round(r[2], 1)), []).append(r[5])
        for where, x, y, w, size, text, clip in p["runs"]:
            rect = p["regions"].get(where)
            if rect is None:
                faults.append("page %d: text painted in %s region, which the page does not have: %r"
                              % (p["n"], where, text[:40]))
                continue
            x0, x1, y0, y1 = x, x + w, y - ASCENT * size, y + DESCENT * size
            if clip is not None:
                # only what the clip lets through is seen
                x0, x1 = max(x0, clip[0]), min(x1, clip[2])
                y0, y1 = max(y0, clip[1]), min(y1, clip[3])
                if x0 >= x1 or y0 >= y1:
                    continue
            rx, ry, rw, rh = rect
            left = rx - x0
            right = x1 - (rx + rw)
            top = ry - y0
            bottom = y1 - (ry + rh)
            if max(left, right) > TOL:
                joined = squeeze("".join(lines[(where, round(y, 1))]))
                allowed = max((by for word, by in over if word and word in joined), default=None)
                if allowed is None or max(left, right) > allowed + TOL:
                    faults.append("page %d: %s crosses the %s region's %s edge by %.2fpt%s: %r"
                                  % (p["n"], "text at x %.2f..%.2f" % (x, x + w), where,
                                     "start" if left > right else "end", max(left, right),
                                     "" if allowed is None else " (warned overfull by %.1fpt)" % allowed,
                                     text[:50]))
            if top > TOL and where not in noext:
                faults.append("page %d: text at y %.2f (size %.1f) crosses the %s region's before edge "
                              "(y %.2f) by %.2fpt: %r" % (p["n"], y, size, where, ry, top, text[:50]))
            if bottom > TOL and where not in noext and not (where == "body" and p["n"] in tall):
                faults.append("page %d: text at y %.2f (size %.1f) crosses the %s region's after edge "
                              "(y %.2f) by %.2fpt: %r" % (p["n"], y, size, where, ry + rh, bottom, text[:50]))
    return faults


def load_known():
    known = {}
    for line in open(os.path.join(HERE, "region_edges-known.txt"), encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, reason = line.partition(":")
            known[name.strip()] = reason.strip()
    return known


def check_one(args, name, fo, may_fail):
    """(name, status, faults): status 'ok', 'skipped' (not published) or
    'failed' (faults)."""
    dump = os.path.join(args.work, re.sub(r"[^\w.-]", "_", name) + ".dump")
    rc, _, err = run([args.quire, "render", fo, "--dump-areas", "-o", dump], cwd=os.path.dirname(fo))
    if rc != 0:
        if may_fail:
            return name, "skipped", []
        return name, "failed", ["quire exit %d: %s" % (rc, "; ".join(err.splitlines()[:3]))]
    pages = parse_dump(dump)
    if not pages:
        return name, "failed", ["no pages in the dump"]
    if not any(p["regions"].get("body") for p in pages):
        return name, "failed", ["the dump shows no region-body"]
    faults = check_dump(pages, err)
    os.remove(dump)
    return name, "failed" if faults else "ok", faults


def fop_fo(args, case):
    fo = os.path.join(args.work, "standard", case + ".fo")
    rc, _, err = run(["xsltproc", "-o", fo, os.path.join(args.fop_cases, "testcase2fo.xsl"),
                      os.path.join(args.fop_cases, "standard", case + ".xml")])
    return fo if rc == 0 else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("quire")
    ap.add_argument("src")
    ap.add_argument("work")
    ap.add_argument("--fop-cases")
    ap.add_argument("--only", default="*")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("-v", action="store_true", help="print faults of listed documents too")
    ap.add_argument("--fo", action="append", help="check this FO only (repeatable; none listed)")
    args = ap.parse_args()
    args.quire = os.path.abspath(args.quire)
    args.work = os.path.abspath(args.work)
    os.makedirs(os.path.join(args.work, "standard"), exist_ok=True)

    jobs = []  # (name, thunk giving the FO path or None, may_fail)
    tests = os.path.join(os.path.abspath(args.src), "tests")
    for fo in args.fo or []:
        fo = os.path.abspath(fo)
        jobs.append((fo, (lambda f=fo: f), False))
    for fo in ([] if args.fo else sorted(glob.glob(os.path.join(tests, "**", "*.fo"), recursive=True))):
        name = os.path.relpath(fo, os.path.dirname(tests))
        if not fnmatch.fnmatch(name, args.only):
            continue
        bad = name.startswith("tests/bad/")
        if bad:
            # tests/bad/: only what quire publishes (exit 0 expected)
            ex = fo[:-3] + ".exit"
            if not os.path.exists(ex) or open(ex).read().strip() != "0":
                continue
        jobs.append((name, (lambda f=fo: f), False))
    if args.fop_cases and not args.fo:
        std = os.path.join(args.fop_cases, "standard")
        if not os.path.isdir(std):
            print("FAIL: no FOP test cases at %s" % args.fop_cases)
            return 1
        res = os.path.join(args.work, "resources")
        if not os.path.exists(res):
            os.symlink(os.path.join(os.path.abspath(args.fop_cases), "resources"), res)
        for f in sorted(os.listdir(std)):
            if f.endswith(".xml") and fnmatch.fnmatch(f[:-4], args.only):
                # a case quire cannot render is fop_conformance's business
                jobs.append((f[:-4], (lambda c=f[:-4]: fop_fo(args, c)), True))
    if not jobs:
        print("FAIL: no documents to check")
        return 1
    known = {} if args.fo else load_known()

    def work(job):
        name, get, may_fail = job
        fo = get()
        if fo is None:
            return name, "failed", ["cannot extract the FO"]
        return check_one(args, name, fo, may_fail)

    counts = {"ok": 0, "skipped": 0, "failed": 0, "listed": 0}
    bad = 0
    seen = set()
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        for name, status, faults in ex.map(work, jobs):
            seen.add(name)
            if name in known:
                counts["listed"] += 1
                if status == "ok":
                    print("NOTE %s: listed in region_edges-known.txt but every run fits now" % name)
                elif args.v:
                    for f in faults[:5]:
                        print("LISTED %s: %s" % (name, f))
                continue
            counts[status] += 1
            if status == "failed":
                bad = 1
                print("FAIL %s: %d fault(s)" % (name, len(faults)))
                for f in faults[:5]:
                    print("  " + f)
    for name in sorted(set(known) - seen):
        if args.only == "*" and (args.fop_cases or name.startswith("tests/")):
            print("NOTE %s: listed in region_edges-known.txt but not checked (gone?)" % name)
    print("region edges: %d documents fit, %d failed, %d listed, %d not published (skipped)"
          % (counts["ok"], counts["failed"], counts["listed"], counts["skipped"]))
    return bad


if __name__ == "__main__":
    sys.exit(main())
