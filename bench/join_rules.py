#!/usr/bin/env python3
"""Estimate how small a quire PDF would be if its stroked rules were joined:
on each page, every "x1 y1 m x2 y2 l S" segment is collected, collinear
segments that touch or overlap are joined, duplicates dropped, and the
result is stroked once at the end of the page (as 0.5 pt black, the only
rule style in the benchmark files; not true in general). An estimate for
bench/README.md, not a fix: the page content is otherwise untouched.

Usage: join_rules.py IN.pdf OUT.pdf   (needs qpdf and fix-qdf)
"""
import re
import subprocess
import sys
import tempfile

SEG = re.compile(r"^(-?[\d.]+) (-?[\d.]+) m (-?[\d.]+) (-?[\d.]+) l S$")


def join(spans):
    spans.sort()
    out = []
    for a, b in spans:
        if out and a <= out[-1][1] + 0.3:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out


def merged(segs):
    vert, horiz, other = {}, {}, []
    for x1, y1, x2, y2 in segs:
        if x1 == x2:
            vert.setdefault(x1, []).append((min(y1, y2), max(y1, y2)))
        elif y1 == y2:
            horiz.setdefault(y1, []).append((min(x1, x2), max(x1, x2)))
        else:
            other.append((x1, y1, x2, y2))
    out = ["%g %g m %g %g l S" % (x, b, x, a) for x, sp in vert.items() for a, b in join(sp)]
    out += ["%g %g m %g %g l S" % (a, y, b, y) for y, sp in horiz.items() for a, b in join(sp)]
    out += ["%g %g m %g %g l S" % o for o in other]
    return out


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        qdf = tmp + "/in.qdf.pdf"
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", src, qdf], check=True)
        text = open(qdf, "rb").read().decode("latin1")
        count = [0, 0]

        def page(m):
            keep, segs = [], []
            for line in m.group(2).split("\n"):
                s = SEG.match(line)
                if s:
                    segs.append(tuple(float(g) for g in s.groups()))
                else:
                    keep.append(line)
            joined = merged(segs) if segs else []
            count[0] += len(segs)
            count[1] += len(joined)
            if joined:
                keep = keep[:-1] + ["q 0 0 0 RG [] 0 d 0 J 0.5 w"] + joined + ["Q"] + keep[-1:]
            return m.group(1) + "\n".join(keep) + "endstream"

        text = re.sub(r"(%% Contents for page \d+.*?stream\n)(.*?)endstream", page, text, flags=re.S)
        open(tmp + "/out.qdf.pdf", "wb").write(text.encode("latin1"))
        with open(tmp + "/fixed.pdf", "wb") as f:
            subprocess.run(["fix-qdf", tmp + "/out.qdf.pdf"], stdout=f, check=True)
        subprocess.run(["qpdf", "--compress-streams=y", tmp + "/fixed.pdf", dst], check=True)
    print("segments %d -> %d" % tuple(count))


if __name__ == "__main__":
    main()
