#!/usr/bin/env python3
"""Checks on built packs that need their pages' text or outline.

  pack_checks.py editions PUBLIC.pdf MEMBERS.pdf --marker TEXT --exempt-text TEXT --listed TEXT
      The members' edition is the public edition plus the exempt papers:
      the pages marked TEXT (NOT FOR PUBLICATION) are exactly the extra
      pages, every other page after the frontsheet reads the same in both
      (page-number lines aside), the exempt papers' text (--exempt-text)
      is in the members' edition only, and both frontsheets list the
      exempt item (--listed).
  pack_checks.py every-page PDF TEXT
      Every page of PDF contains TEXT (e.g. DRAFT).
  pack_checks.py ranges PDF
      The frontsheet's page ranges ("3 - 10", one per item with papers,
      in order) are the pages the bookmarks say each item's papers
      occupy: from its first document's page to the page before the next
      item's papers (or the last page). For packs built without --duplex
      (with it, a blank page may follow the papers).
  pack_checks.py duplex PDF
      Every document (second-level bookmark) starts on an odd page, and
      the frontsheet does too (page 1).

Exit 0 when the check holds, 1 when it does not (with the reasons), 2 on
a tool error.
"""

import json
import re
import subprocess
import sys


def run(cmd):
    try:
        res = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as e:
        print("pack_checks.py: error: cannot run %s: %s" % (cmd[0], e))
        sys.exit(2)
    if res.returncode != 0:
        print("pack_checks.py: error: %s failed: %s" % (" ".join(cmd), res.stderr.strip()))
        sys.exit(2)
    return res.stdout


def npages(pdf):
    return int(run(["qpdf", "--show-npages", pdf]).strip())


def page_texts(pdf):
    """The text of each page, in order (pdftotext separates pages by \\f)."""
    text = run(["pdftotext", "-enc", "UTF-8", "-layout", pdf, "-"])
    pages = text.split("\f")
    n = npages(pdf)
    return pages[:n]


def squash(text):
    """Page text without its page-number line and with spaces collapsed."""
    lines = [l for l in text.split("\n") if not re.match(r"^\s*(Page\s+)?\d+\s*$", l)]
    return re.sub(r"\s+", " ", " ".join(lines)).strip()


def doc_starts(pdf):
    data = json.loads(run(["qpdf", "--json", "--json-key=outlines", pdf]))
    starts = []
    for item in data.get("outlines", []):
        for doc in item.get("kids", []):
            if doc.get("destpageposfrom1"):
                starts.append((doc["destpageposfrom1"], doc.get("title", "")))
    return starts


def check_editions(args):
    import argparse
    ap = argparse.ArgumentParser(prog="pack_checks.py editions")
    ap.add_argument("public")
    ap.add_argument("members")
    ap.add_argument("--marker", required=True)
    ap.add_argument("--exempt-text", required=True)
    ap.add_argument("--listed", required=True)
    a = ap.parse_args(args)
    pub, mem = page_texts(a.public), page_texts(a.members)
    problems = []
    marked = [i for i, t in enumerate(mem) if a.marker in t]
    extra = len(mem) - len(pub)
    print("public %d pages, members %d pages, %d marked %r in the members' edition"
          % (len(pub), len(mem), len(marked), a.marker))
    if not marked:
        problems.append("no page of the members' edition is marked %r" % a.marker)
    if extra != len(marked):
        problems.append("the members' edition has %d more pages, but %d are marked"
                        % (extra, len(marked)))
    for i, t in enumerate(pub):
        if a.marker in t:
            problems.append("public page %d is marked %r" % (i + 1, a.marker))
        if a.exempt_text in t:
            problems.append("public page %d holds exempt text %r" % (i + 1, a.exempt_text))
    if not any(a.exempt_text in mem[i] for i in marked):
        problems.append("the exempt text %r is not on a marked members' page" % a.exempt_text)
    for name, pages in (("public", pub), ("members", mem)):
        if not pages or a.listed not in re.sub(r"\s+", " ", pages[0]):
            problems.append("the %s frontsheet does not list %r" % (name, a.listed))
    rest = [mem[i] for i in range(1, len(mem)) if i not in marked]
    if len(rest) != len(pub) - 1:
        problems.append("after the frontsheet, %d unmarked members' pages but %d public pages"
                        % (len(rest), len(pub) - 1))
    else:
        for k, (m, p) in enumerate(zip(rest, pub[1:])):
            if squash(m) != squash(p):
                problems.append("public page %d differs from the matching members' page:\n  %s\n  %s"
                                % (k + 2, squash(p)[:160], squash(m)[:160]))
    return problems


def check_every_page(args):
    pdf, word = args
    pages = page_texts(pdf)
    print("%d pages" % len(pages))
    return ["page %d does not say %r" % (i + 1, word)
            for i, t in enumerate(pages) if word not in t]


def check_duplex(args):
    (pdf,) = args
    n = npages(pdf)
    problems = []
    starts = doc_starts(pdf)
    print("%d pages, documents start on pages %s" % (n, [p for p, _ in starts]))
    if not starts:
        problems.append("no document bookmarks")
    for page, title in starts:
        if page % 2 == 0:
            problems.append("document %r starts on even page %d" % (title, page))
    return problems


def item_ranges(pdf):
    """(first, last) page of each item's papers, from the outline."""
    data = json.loads(run(["qpdf", "--json", "--json-key=outlines", pdf]))
    firsts = []
    for item in data.get("outlines", []):
        pages = [d.get("destpageposfrom1") for d in item.get("kids", [])]
        pages = [p for p in pages if p]
        if pages:
            firsts.append(min(pages))
    ends = [f - 1 for f in firsts[1:]] + [npages(pdf)]
    return list(zip(firsts, ends))


def check_ranges(args):
    (pdf,) = args
    want = item_ranges(pdf)
    if not want:
        return ["no item has papers in the outline"]
    pages = page_texts(pdf)
    front = "\n".join(pages[:want[0][0] - 1])
    got = [(int(a), int(b)) for a, b in
           re.findall(r"(\d+)\s*-\s*(\d+)\s*$", front, re.M)]
    print("frontsheet ranges %s, outline ranges %s" % (got, want))
    if got != want:
        return ["the frontsheet's page ranges %s are not the papers' pages %s" % (got, want)]
    return []


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    checks = {"editions": check_editions, "every-page": check_every_page,
              "duplex": check_duplex, "ranges": check_ranges}
    if sys.argv[1] not in checks:
        print("pack_checks.py: error: unknown check %r" % sys.argv[1])
        return 2
    problems = checks[sys.argv[1]](sys.argv[2:])
    for p in problems:
        print("FAIL: %s: %s" % (sys.argv[1], p))
    if not problems:
        print("ok: %s" % sys.argv[1])
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
