#!/usr/bin/env python3
"""Measure how much of the seed pack's text a built pack reproduces, in order.

For each part (frontsheet, minutes, report) and for the whole pack, the score
is the length of the longest common subsequence of normalised words between
the seed's text and the pack's text, divided by the number of seed words:
the fraction of the seed's words found in the pack in the same order.

  seed_words.py --seed SEED.txt --pdf PACK.pdf [--part-min 0.93] [--whole-min 0.98]

The pack is split into parts by its PDF outline (the bookmarks the pack
stylesheet makes): the frontsheet is everything before the first document
bookmark, and each attached document runs from its bookmark's page to the
page before the next one. The seed is split at its document boundaries
(its minutes start at the committee's name heading after the frontsheet,
its report at "TELFORD & WREKIN COUNCIL").

Normalisation: Unicode NFKC, lower case, a word hyphenated across a line
end joined, hyphens removed (so "Multi-Agency", "Multi- Agency" and
"Multiagency" agree), every other non-word character a space. The seed's
Appendix A table header, which its extraction repeats on every page, is
counted once (the first time) in the report and the whole pack.

Exit status 0 when every score reaches its threshold, 1 when one does not,
2 on a usage or tool error (missing pdftotext/qpdf, unreadable PDF).
"""

import argparse
import json
import re
import subprocess
import sys
import unicodedata

HEADER_RE = re.compile(r"^\s*Rec\s*N\S?\s+Recommendation\s+Lead agency", re.I)


def normalise(text):
    """Return the list of normalised words of text."""
    text = unicodedata.normalize("NFKC", text)
    # Markup the seed's extraction left in (<u>...</u>, LaTeX \circ).
    text = re.sub(r"</?[A-Za-z]+>", " ", text)
    text = re.sub(r"\\[A-Za-z]+", " ", text)
    # A word hyphenated at a line end: "As-\nsistant" -> "Assistant".
    text = re.sub(r"(\w)[-\u00ad\u2010]\s*(\w)", r"\1\2", text)
    text = text.replace("\u00ad", "")
    text = re.sub(r"[-\u2010\u2011]", "", text)
    text = text.lower()
    return re.findall(r"[^\W_]+", text)


def lcs_length(a, b):
    """Length of the longest common subsequence of word lists a and b.

    Bit-parallel (Allison-Dix / Hyyro): one big-integer step per word of a,
    so 20,000 x 20,000 words take well under a second.
    """
    if not a or not b:
        return 0
    masks = {}
    for i, w in enumerate(b):
        masks[w] = masks.get(w, 0) | (1 << i)
    full = (1 << len(b)) - 1
    v = full
    for w in a:
        m = masks.get(w, 0)
        u = v & m
        v = ((v + u) | (v - u)) & full
    return len(b) - bin(v).count("1")


def run(cmd):
    try:
        res = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as e:
        sys.exit("seed_words.py: error: cannot run %s: %s" % (cmd[0], e))
    if res.returncode != 0:
        sys.exit("seed_words.py: error: %s failed (%d): %s"
                 % (" ".join(cmd), res.returncode, res.stderr.strip()))
    return res.stdout


def pdf_pages(pdf):
    out = run(["qpdf", "--show-npages", pdf])
    return int(out.strip())


WORD_RE = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" '
                     r'xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>')
# Lines whose vertical gap is under this fraction of the line's height
# belong to one band (leading at line-height 1.2 is about 0.3; paragraph
# and table-row gaps are larger).
BAND_GAP = 0.45
GUTTER = 4.0       # pt: an empty vertical strip this wide may split columns
WIDE_GUTTER = 20.0 # pt: one this wide always does


def unescape(t):
    return (t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def group_lines(words):
    """Cluster words into lines by vertical overlap (a raised footnote mark
    stays on its line); lines top to bottom, words left to right."""
    lines = []
    for w in sorted(words, key=lambda w: (w[1], w[0])):
        h = w[3] - w[1]
        for line in lines:
            top, bot = line[0], line[1]
            overlap = min(bot, w[3]) - max(top, w[1])
            if overlap > 0.5 * min(h, bot - top):
                line[2].append(w)
                break
        else:
            lines.append([w[1], w[3], [w]])
    return [sorted(l[2], key=lambda w: w[0]) for l in sorted(lines, key=lambda l: l[0])]


def column_gaps(words, lines):
    """The x positions that split a band into columns: empty vertical strips
    at least GUTTER wide that are either wide (WIDE_GUTTER) or have words on
    both sides on two or more lines. A single justified line's wide word
    spaces are not columns; a table's cell boundaries are."""
    spans = []
    for w in sorted(words, key=lambda w: w[0]):
        if spans and w[0] <= spans[-1][1] + 0.5:
            spans[-1][1] = max(spans[-1][1], w[2])
        else:
            spans.append([w[0], w[2]])
    cuts = []
    for left, right in zip(spans, spans[1:]):
        g0, g1 = left[1], right[0]
        if g1 - g0 < GUTTER:
            continue
        both = sum(1 for line in lines
                   if any(w[2] <= g0 + 0.01 for w in line)
                   and any(w[0] >= g1 - 0.01 for w in line))
        if g1 - g0 >= WIDE_GUTTER or both >= 2:
            cuts.append((g0 + g1) / 2)
    return cuts


def page_text(words):
    """Reading order for one page, robust to tables: the page is cut into
    horizontal bands at vertical gaps (paragraphs, table rows), each band
    into columns at empty vertical strips (table cells side by side), and
    each column is read line by line. Plain pdftotext reads a table row
    line by line across all its cells, interleaving them."""
    bands = []
    for w in sorted(words, key=lambda w: w[1]):
        if bands and w[1] <= bands[-1][1] + BAND_GAP * (w[3] - w[1]):
            bands[-1][1] = max(bands[-1][1], w[3])
            bands[-1][2].append(w)
        else:
            bands.append([w[1], w[3], [w]])
    parts = []
    for _, _, bw in bands:
        cuts = column_gaps(bw, group_lines(bw))
        edges = [float("-inf")] + cuts + [float("inf")]
        for lo, hi in zip(edges, edges[1:]):
            cw = [w for w in bw if lo <= (w[0] + w[2]) / 2 < hi]
            for line in group_lines(cw):
                parts.append(" ".join(w[4] for w in line))
    return "\n".join(parts)


def pdf_text(pdf, first=None, last=None):
    """The text of pages first..last (all when None), in reading order."""
    cmd = ["pdftotext", "-enc", "UTF-8", "-bbox"]
    if first is not None:
        cmd += ["-f", str(first), "-l", str(last)]
    html = run(cmd + [pdf, "-"])
    pages = []
    for page in html.split("<page ")[1:]:
        words = [(float(a), float(b), float(c), float(d), unescape(t))
                 for a, b, c, d, t in WORD_RE.findall(page)]
        pages.append(page_text(words))
    return "\n".join(pages)


def document_starts(pdf):
    """First page of each attached document, from the PDF outline.

    Top-level bookmarks are the frontsheet and the agenda items; an item's
    children are its documents. Returns the sorted list of document pages.
    """
    data = json.loads(run(["qpdf", "--json", "--json-key=outlines", pdf]))
    starts = []
    for item in data.get("outlines", []):
        for doc in item.get("kids", []):
            page = doc.get("destpageposfrom1")
            if page:
                starts.append(page)
    return sorted(set(starts))


# Defects of the seed's EXTRACTION on its frontsheet (not of the printed
# pack), corrected so that the score measures the pack and not the
# extractor. Each is (what the extraction has, what the page reads):
SEED_FIXES = [
    # A garbled second reading (OCR) of the end of the membership line.
    ("\tGuy (Chair), J Jones, J A Pinter, H Knode\ts anu r l i ominson\t\t\t\n", ""),
    # "Ironmasters" split in two by a text-box edge.
    ("Ironn\tnasters", "Ironmasters"),
    # The co-optees' second line extracted before their first.
    ("Morgan, Mrs S Osman, and Mrs M Ward\n\nCo-Optees: Mrs C Healy, Mrs S Fikeis, Mrs L Fowler, Mrs C\n",
     "Co-Optees: Mrs C Healy, Mrs S Fikeis, Mrs L Fowler, Mrs C\nMorgan, Mrs S Osman, and Mrs M Ward\n"),
]


def fix_seed(text):
    """Apply SEED_FIXES; each must match exactly once (else the seed changed)."""
    for old, new in SEED_FIXES:
        if text.count(old) != 1:
            sys.exit("seed_words.py: error: seed fix not found once: %r" % old[:40])
        text = text.replace(old, new)
    return text


def split_seed(lines):
    """Split the seed's lines into frontsheet, minutes and report."""
    minutes_at = report_at = None
    seen_agenda = False
    for i, line in enumerate(lines):
        s = line.strip()
        if s == "AGENDA":
            seen_agenda = True
        elif (minutes_at is None and seen_agenda
              and s.upper() == "CHILDREN & YOUNG PEOPLE SCRUTINY COMMITTEE"):
            minutes_at = i
        elif report_at is None and s == "TELFORD & WREKIN COUNCIL":
            report_at = i
    if minutes_at is None or report_at is None or report_at < minutes_at:
        sys.exit("seed_words.py: error: cannot find the document boundaries in the seed")
    return (lines[:minutes_at], lines[minutes_at:report_at], lines[report_at:])


def dedupe_header(lines):
    """Keep the first Appendix A table header line and drop its repeats."""
    out, seen = [], False
    for line in lines:
        if HEADER_RE.match(line):
            if seen:
                continue
            seen = True
        out.append(line)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", required=True, help="the seed pack's text")
    ap.add_argument("--pdf", required=True, help="the built pack")
    ap.add_argument("--part-min", type=float, default=0.93)
    ap.add_argument("--whole-min", type=float, default=0.98)
    args = ap.parse_args()

    with open(args.seed, encoding="utf-8") as f:
        raw = f.read()
    seed_lines = fix_seed(raw).split("\n")
    front, minutes, report = split_seed(seed_lines)
    report = dedupe_header(report)

    npages = pdf_pages(args.pdf)
    starts = document_starts(args.pdf)
    if len(starts) < 2:
        print("seed_words.py: FAIL: the pack's outline has %d document bookmark(s); "
              "expected the minutes and the report" % len(starts))
        return 1
    bounds = [1] + starts + [npages + 1]
    parts = [("frontsheet", front), ("minutes", minutes), ("report", report)]
    ok = True
    for k, (name, lines) in enumerate(parts):
        first, last = bounds[k], bounds[k + 1] - 1
        seed_words = normalise("\n".join(lines))
        pack_words = normalise(pdf_text(args.pdf, first, last)) if last >= first else []
        score = lcs_length(seed_words, pack_words) / max(1, len(seed_words))
        good = score >= args.part_min
        ok = ok and good
        print("%-10s pages %3d-%-3d seed words %6d  in order %6.2f%%  (min %.0f%%) %s"
              % (name, first, last, len(seed_words), 100 * score,
                 100 * args.part_min, "ok" if good else "FAIL"))

    seed_words = normalise("\n".join(dedupe_header(seed_lines)))
    pack_words = normalise(pdf_text(args.pdf))
    score = lcs_length(seed_words, pack_words) / max(1, len(seed_words))
    good = score >= args.whole_min
    ok = ok and good
    print("%-10s pages %3d-%-3d seed words %6d  in order %6.2f%%  (min %.0f%%) %s"
          % ("whole", 1, npages, len(seed_words), 100 * score,
             100 * args.whole_min, "ok" if good else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
