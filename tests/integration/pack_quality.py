#!/usr/bin/env python3
"""pack_quality.py FO DUMP: check a typeset pack's area dump against its own
page masters: every text run lies inside the page's margins (nothing
clipped at the edges, no overfull line sticking out), and every vertical
rule ends on a horizontal one at both ends (a table split across pages is
closed at the page foot and below the repeated header, not left open), and
no page's body holds a single line (a line stranded on a page of its own,
such as a report's sign-off cut from its last paragraph). For pages of one
size, the loosest margins of the masters of that size are used (duplex
masters differ left and right).

Lengths understood: mm, cm, in, pt, pc and sums of them ("14mm + 4mm").
Exit 0 when all runs fit, 1 with one line per offending run."""
import re
import sys

UNIT = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0, "pc": 12.0, "px": 0.75}


def length(s):
    total = 0.0
    for sign, num, unit in re.findall(r"([+-]?)\s*([0-9.]+)\s*(mm|cm|in|pt|pc|px)", s or "0pt"):
        v = float(num) * UNIT[unit]
        total += -v if sign == "-" else v
    return total


def bodies(fo):
    """(width, height) -> the body's (top, bottom) of the masters of that
    size: the widest band (the smallest region-body margins)."""
    out = {}
    for attrs, inner in re.findall(r"<fo:simple-page-master\b([^>]*)>(.*?)</fo:simple-page-master>", fo, re.S):
        a = dict(re.findall(r'([\w-]+)="([^"]*)"', attrs))
        rb = re.search(r"<fo:region-body\b([^>]*)/?>", inner)
        b = dict(re.findall(r'([\w-]+)="([^"]*)"', rb.group(1))) if rb else {}
        m = length(a.get("margin", "0pt"))
        bm = length(b.get("margin", "0pt"))
        h = length(a.get("page-height"))
        top = (length(a["margin-top"]) if "margin-top" in a else m) + \
            (length(b["margin-top"]) if "margin-top" in b else bm)
        bottom = h - (length(a["margin-bottom"]) if "margin-bottom" in a else m) - \
            (length(b["margin-bottom"]) if "margin-bottom" in b else bm)
        key = (round(length(a.get("page-width"))), round(h))
        old = out.get(key)
        out[key] = (top, bottom) if old is None else (min(old[0], top), max(old[1], bottom))
    return out


def masters(fo):
    out = {}
    for attrs in re.findall(r"<fo:simple-page-master\b([^>]*)>", fo):
        a = dict(re.findall(r'([\w-]+)="([^"]*)"', attrs))
        w, h = length(a.get("page-width")), length(a.get("page-height"))
        m = length(a.get("margin", "0pt"))
        box = (length(a.get("margin-left", "")) if "margin-left" in a else m,
               length(a.get("margin-top", "")) if "margin-top" in a else m,
               length(a.get("margin-right", "")) if "margin-right" in a else m,
               length(a.get("margin-bottom", "")) if "margin-bottom" in a else m)
        key = (round(w), round(h))
        old = out.get(key)
        out[key] = box if old is None else tuple(min(x, y) for x, y in zip(old, box))
    return out


def main():
    fo = open(sys.argv[1], encoding="utf-8").read()
    ms = masters(fo)
    bs = bodies(fo)
    # static content (a blank page's notice lies in the body's band)
    static = " ".join(re.sub(r"<[^>]*>", " ", x) for x in
                      re.findall(r"<fo:static-content\b.*?</fo:static-content>", fo, re.S))
    bad = 0
    baselines = set()

    def stranded():
        # one baseline in the body: a line alone on its page
        if len(baselines) == 1:
            print("page %d: a single line alone in the body (at y %.1f)" % (page[0], min(baselines)))
            return 1
        return 0
    page = None
    runs = 0
    rules = 0
    hs, vs = [], []

    def open_rules():
        # a vertical rule's end must meet a horizontal rule that covers its x
        n = 0
        for x, y0, y1 in vs:
            for y in (y0, y1):
                if not any(abs(hy - y) <= 1.0 and hx0 - 1.0 <= x <= hx1 + 1.0 for hx0, hx1, hy in hs):
                    print("page %d: a vertical rule at x %.1f from y %.1f to %.1f ends in the air at y %.1f"
                          % (page[0], x, y0, y1, y))
                    n += 1
        return n

    for line in open(sys.argv[2], encoding="utf-8"):
        m = re.match(r"page (\d+) folio \S+ w ([\d.]+) h ([\d.]+)", line)
        if m:
            if page is not None:
                bad += open_rules() + stranded()
            page = (int(m.group(1)), float(m.group(2)), float(m.group(3)))
            baselines = set()
            hs, vs = [], []
            continue
        m = re.match(r"  line x (-?[\d.]+) y (-?[\d.]+) w ([\d.]+) h ([\d.]+) solid", line)
        if m and page is not None:
            x, y, w, h = (float(g) for g in m.groups())
            rules += 1
            if h == 0 and w > 0:
                hs.append((x, x + w, y))
            elif w == 0 and h > 0:
                vs.append((x, y, y + h))
            continue
        m = re.match(r"  text x (-?[\d.]+) y (-?[\d.]+) w (-?[\d.]+) h (-?[\d.]+) .*size ([\d.]+) .*?(\".*\")$", line)
        if not m or page is None:
            continue
        runs += 1
        x, y, w, size = float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(5))
        num, pw, ph = page
        box = ms.get((round(pw), round(ph)))
        if box is None:
            print("page %d: %gx%g matches no page master" % (num, pw, ph))
            bad += 1
            continue
        ml, mt, mr, mb = box
        band = bs.get((round(pw), round(ph)))
        if band is not None and band[0] <= y - 0.75 * size and y <= band[1] and \
                m.group(6)[1:-1] not in static:
            baselines.add(round(y, 1))
        tol = 0.5
        if x < ml - tol or x + w > pw - mr + tol or y - 0.75 * size < mt - tol or y + 0.25 * size > ph - mb + tol:
            print("page %d: text outside the margins at x %.1f..%.1f y %.1f (page %gx%g, margins l %.1f t %.1f r %.1f b %.1f): %s"
                  % (num, x, x + w, y, pw, ph, ml, mt, mr, mb, m.group(6)[:60]))
            bad += 1
    if page is not None:
        bad += open_rules() + stranded()
    if runs == 0 or rules == 0:
        print("no text runs or no rules in the dump")
        return 1
    print("%d text runs and %d rules checked, %d faults" % (runs, rules, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
