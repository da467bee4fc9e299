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

Reading order: pdftotext's word boxes are read band by band (paragraphs,
table rows) and, within a band, column by column, so table cells side by
side are not interleaved line by line. The progress table (the one whose
header starts "Rec No, Recommendation, Lead agency") is reassembled row by
row on both sides: the seed's extraction gives each row as six
tab-separated cells per page, the pack's columns come from its repeated
header; a row continued over a page break is read cell by cell as one row,
so the score does not depend on where the two renderings break pages.
--page-order keeps the page-by-page order instead, for comparison.

Normalisation: Unicode NFKC, lower case, a word hyphenated across a line
end joined, hyphens removed (so "Multi-Agency", "Multi- Agency" and
"Multiagency" agree), every other non-word character a space. The seed's
Appendix A table header, which its extraction repeats on every page, is
counted once (the first time) in the report and the whole pack. Three
defects of the seed's extraction on its frontsheet are corrected first
(SEED_FIXES below: an OCR'd duplicate line, a split word, two lines in
reverse order); each must still match the seed exactly once.

Exit status 0 when every score reaches its threshold, 1 when one does not,
2 on a usage or tool error (missing pdftotext/qpdf, unreadable PDF).
"""

import argparse
import json
import re
import subprocess
import sys
import unicodedata

HEADER_RE = re.compile(r"^\s*Rec\s*N\S*\s+Recommendation\s+Lead agency", re.I)


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
BAND_EXTRA = 1.5   # pt over the usual line gap that separates bands
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


def make_bands(words):
    """Cut a page into bands at vertical gaps wider than the page's usual
    line gap (the most common gap between stacked lines) by BAND_EXTRA:
    paragraph spacing and table-row padding are wider, leading is not.
    Renderers differ in leading and padding, so the threshold is measured
    on each page rather than fixed."""
    ws = sorted(words, key=lambda w: w[1])
    gaps = []
    bot = None
    for w in ws:
        if bot is not None and w[1] > bot:
            gaps.append(w[1] - bot)
        bot = w[3] if bot is None else max(bot, w[3])
    small = [round(g * 4) / 4 for g in gaps if g < 6.0]
    if small:
        usual = max(set(small), key=lambda g: (small.count(g), -g))
        limit = usual + BAND_EXTRA
    else:
        limit = None
    bands = []
    for w in ws:
        lim = limit if limit is not None else BAND_GAP * (w[3] - w[1])
        if bands and w[1] <= bands[-1][1] + lim:
            bands[-1][1] = max(bands[-1][1], w[3])
            bands[-1][2].append(w)
        else:
            bands.append([w[1], w[3], [w]])
    return [bw for _, _, bw in bands]


def band_text(bw):
    cuts = column_gaps(bw, group_lines(bw))
    edges = [float("-inf")] + cuts + [float("inf")]
    parts = []
    for lo, hi in zip(edges, edges[1:]):
        cw = [w for w in bw if lo <= (w[0] + w[2]) / 2 < hi]
        for line in group_lines(cw):
            parts.append(" ".join(w[4] for w in line))
    return "\n".join(parts)


REC_NUMBER_RE = re.compile(r"^[1-9][0-9]*[a-z]?$")


class TableReader:
    """Reassembles a table whose rows run across pages, for both sides of
    the comparison: each row is read cell by cell, left to right, and a
    cell's text continued on the next page joins its start. Reading a
    split row page by page (as an extraction does) would make the score
    depend on where each side's page breaks fall rather than on the words.
    Text outside the table is passed through as it comes."""

    def __init__(self):
        self.out = []
        self.cells = None
        self.header_done = False

    def text(self, t):
        self.out.append(t)

    def header(self, t):
        if not self.header_done:
            self.out.append(t)
            self.header_done = True

    def new_row(self, ncols):
        self.flush()
        self.cells = [[] for _ in range(ncols)]

    def cell(self, col, t):
        if self.cells is None:
            self.new_row(max(col + 1, 6))
        while col >= len(self.cells):
            self.cells.append([])
        if t:
            self.cells[col].append(t)

    def flush(self):
        if self.cells is not None:
            for c in self.cells:
                self.out.append("\n".join(c))
        self.cells = None

    def result(self):
        self.flush()
        return "\n".join(self.out)


def is_header_band(bw):
    texts = [w[4] for w in bw]
    return "Recommendation" in texts and "Lead" in texts and any(
        t.startswith("Rec") for t in texts[:3] + [w[4] for w in sorted(bw)[:3]])


def table_page(reader, bands):
    """Feed one page to reader. Returns False if the page has no table
    header (then the caller reads it as plain text)."""
    hi = next((i for i, bw in enumerate(bands[:4]) if is_header_band(bw)), None)
    if hi is None:
        return False
    for bw in bands[:hi]:
        reader.text(band_text(bw))
    header = bands[hi]
    # A column starts where its header cell's text starts (cell text is
    # left-aligned): the gaps' midpoints would fall inside wide columns
    # whose heading is short.
    gaps = column_gaps(header, group_lines(header))
    cuts = [min(w[0] for w in header if w[0] > g) - 1.5 for g in gaps]
    reader.header(band_text(header))
    ncols = len(cuts) + 1
    in_table = True
    for bw in bands[hi + 1:]:
        crosses = any(w[0] < c < w[2] for w in bw for c in cuts)
        if crosses or not in_table:
            in_table = False
            reader.text(band_text(bw))
            continue
        col_of = lambda w: sum(1 for c in cuts if (w[0] + w[2]) / 2 >= c)
        starts = sorted(w[1] for w in bw if col_of(w) == 0 and REC_NUMBER_RE.match(w[4]))
        groups = {}
        for w in bw:
            k = sum(1 for y in starts if w[1] + 2.0 >= y)   # 0: continues the open row
            groups.setdefault(k, []).append(w)
        for k in sorted(groups):
            if k > 0:
                reader.new_row(ncols)
            for col in range(ncols):
                cw = [w for w in groups[k] if col_of(w) == col]
                reader.cell(col, "\n".join(" ".join(w[4] for w in line)
                                           for line in group_lines(cw)))
    return True


def pdf_text(pdf, first=None, last=None, rows=True):
    """The text of pages first..last (all when None), in reading order;
    with rows, a table with a repeated "Rec No / Recommendation / Lead
    agency" header is reassembled row by row across its pages."""
    cmd = ["pdftotext", "-enc", "UTF-8", "-bbox"]
    if first is not None:
        cmd += ["-f", str(first), "-l", str(last)]
    html = run(cmd + [pdf, "-"])
    reader = TableReader()
    for page in html.split("<page ")[1:]:
        words = [(float(a), float(b), float(c), float(d), unescape(t))
                 for a, b, c, d, t in WORD_RE.findall(page)]
        bands = make_bands(words)
        if rows and table_page(reader, bands):
            continue
        reader.flush()
        for bw in bands:
            reader.text(band_text(bw))
    return reader.result()


def seed_text(lines, rows=True):
    """The seed's text; with rows, its Appendix A table (lines of six
    tab-separated cells after the first "Rec No" header) reassembled row
    by row like the pack's. The header is kept once either way."""
    if not rows:
        return "\n".join(dedupe_header(lines))
    reader = TableReader()
    in_appendix = False
    for line in lines:
        fields = line.split("\t")
        if HEADER_RE.match(line):
            in_appendix = True
            reader.header(line)
            continue
        # Table lines have six tab-separated cells (a few lost one at the
        # end); a row starts with its number in the first (a stray mark
        # there, e.g. "l", is not a number and starts nothing).
        if in_appendix and len(fields) >= 5:
            if REC_NUMBER_RE.match(fields[0].strip()):
                reader.new_row(6)
            for col, t in enumerate(fields):
                reader.cell(col, t.strip())
        else:
            reader.text(line)
    return reader.result()


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
    ap.add_argument("--page-order", action="store_true",
                    help="read table rows page by page, as the seed's extraction did, "
                         "instead of reassembling them")
    args = ap.parse_args()
    rows = not args.page_order

    with open(args.seed, encoding="utf-8") as f:
        raw = f.read()
    seed_lines = fix_seed(raw).split("\n")
    front, minutes, report = split_seed(seed_lines)

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
        seed_words = normalise(seed_text(lines, rows))
        pack_words = normalise(pdf_text(args.pdf, first, last, rows)) if last >= first else []
        score = lcs_length(seed_words, pack_words) / max(1, len(seed_words))
        good = score >= args.part_min
        ok = ok and good
        print("%-10s pages %3d-%-3d seed words %6d  in order %6.2f%%  (min %.0f%%) %s"
              % (name, first, last, len(seed_words), 100 * score,
                 100 * args.part_min, "ok" if good else "FAIL"))

    seed_words = normalise(seed_text(seed_lines, rows))
    pack_words = normalise(pdf_text(args.pdf, rows=rows))
    score = lcs_length(seed_words, pack_words) / max(1, len(seed_words))
    good = score >= args.whole_min
    ok = ok and good
    print("%-10s pages %3d-%-3d seed words %6d  in order %6.2f%%  (min %.0f%%) %s"
          % ("whole", 1, npages, len(seed_words), 100 * score,
             100 * args.whole_min, "ok" if good else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
