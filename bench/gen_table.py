#!/usr/bin/env python3
"""Write an XSL-FO document holding one long table, for benchmarks and
table tests: a landscape A4 page sequence with a 6-column table shaped like
Appendix A of the seed pack (recommendation number, recommendation, lead
agency, plan, 6-month update, 12-month update), a header repeated on every
page and rows of varied length.

Every cell's text starts with a token that names its row and column
("R00017C3"), so a test can check that each row's text appears exactly once
and in order. The text is deterministic for a given --seed.

Usage: gen_table.py [--rows N] [--seed S] [--long] [--font F] [-o OUT.fo]
  --rows N   number of body rows (default 20000)
  --long     long cells, like the seed's progress updates (several
             paragraphs, rows now and then taller than a page)
  --font F   font-family (default Helvetica: FOP's built-in Helvetica and
             our Liberation Sans share metrics, so page counts compare)
"""
import argparse
import random
import sys

WORDS = (
    "the committee recommends that partner organisations review progress "
    "against each action and report to the board on the outcomes achieved "
    "for children and young people including training awareness data "
    "monitoring strategy safeguarding services commissioning support "
    "referral pathway assessment quarterly annual update completed ongoing "
    "partnership agencies council police health education community "
    "thematic group profile evidence review local national planning "
    "delivery intelligence disruption awareness campaign professionals"
).split()

AGENCIES = ["TWSCB", "HWB/TWC", "CCG/TWC", "Public Health NHS England CCG SSSFT",
            "National", "West Mercia Police", "TWC", "CSP"]

STATUS = ["Completed.", "In progress", "Ongoing", "Nearing completion",
          "Completed and ongoing."]


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sentence(rng, lo, hi):
    n = max(1, rng.randint(lo, hi))
    w = [rng.choice(WORDS) for _ in range(n)]
    w[0] = w[0].capitalize()
    return " ".join(w) + "."


def paragraphs(rng, count, lo, hi):
    return [" ".join(sentence(rng, 6, 18) for _ in range(rng.randint(lo, hi)))
            for _ in range(count)]


def cell(token, paras, extra_attrs=""):
    out = ['<fo:table-cell%s>' % extra_attrs]
    for i, p in enumerate(paras):
        text = (token + " " + p) if i == 0 else p
        out.append('<fo:block space-after="3pt">%s</fo:block>' % esc(text))
    out.append("</fo:table-cell>")
    return "".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--long", action="store_true")
    ap.add_argument("--font", default="Helvetica")
    ap.add_argument("-o", "--output")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    out = open(a.output, "w", encoding="utf-8") if a.output else sys.stdout
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w('<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" '
      'font-family="%s" font-size="9pt">\n' % esc(a.font))
    w('<fo:layout-master-set><fo:simple-page-master master-name="land" '
      'page-width="297mm" page-height="210mm" margin="15mm">'
      '<fo:region-body margin-bottom="10mm"/>'
      '<fo:region-after extent="8mm"/></fo:simple-page-master>'
      '</fo:layout-master-set>\n')
    w('<fo:page-sequence master-reference="land">'
      '<fo:static-content flow-name="xsl-region-after">'
      '<fo:block text-align="center">Page <fo:page-number/></fo:block>'
      '</fo:static-content><fo:flow flow-name="xsl-region-body">\n')
    w('<fo:block font-weight="bold" font-size="12pt" space-after="6pt">'
      'Appendix A: Multiagency response to the report\'s recommendations'
      '</fo:block>\n')
    w('<fo:table table-layout="fixed" width="100%" border-collapse="collapse">\n')
    for width in ("7%", "24%", "9%", "20%", "20%", "20%"):
        w('<fo:table-column column-width="%s"/>' % width)
    w('\n<fo:table-header font-weight="bold" background-color="#dddddd">'
      '<fo:table-row>')
    for h in ("Rec No", "Recommendation", "Lead agency/ partnership",
              "Brief outline of how it will be achieved as at July 2016",
              "6 month progress update (as at November 2016)",
              "12 month progress update (as at August 2017)"):
        w('<fo:table-cell border="0.5pt solid black" padding="2pt">'
          '<fo:block>%s</fo:block></fo:table-cell>' % esc(h))
    w('</fo:table-row></fo:table-header>\n<fo:table-body>\n')
    ca = ' border="0.5pt solid black" padding="2pt"'
    for r in range(1, a.rows + 1):
        tok = lambda c: "R%05dC%d" % (r, c)
        w("<fo:table-row>")
        w(cell(tok(1), [str(r)], ca))
        if a.long:
            w(cell(tok(2), paragraphs(rng, rng.randint(1, 2), 1, 4), ca))
            w(cell(tok(3), [rng.choice(AGENCIES)], ca))
            w(cell(tok(4), paragraphs(rng, rng.randint(1, 3), 1, 4), ca))
            w(cell(tok(5), [rng.choice(STATUS)] +
                   paragraphs(rng, rng.randint(1, 3), 1, 4), ca))
            # now and then a row as long as the seed's longest (taller
            # than a page)
            big = rng.random() < 0.1
            w(cell(tok(6), [rng.choice(STATUS)] +
                   paragraphs(rng, 12 if big else rng.randint(0, 3),
                              2 if big else 1, 5), ca))
        else:
            w(cell(tok(2), [sentence(rng, 4, 30)], ca))
            w(cell(tok(3), [rng.choice(AGENCIES)], ca))
            w(cell(tok(4), [sentence(rng, 4, 25)], ca))
            w(cell(tok(5), [rng.choice(STATUS) + " " + sentence(rng, 0, 20)], ca))
            w(cell(tok(6), [rng.choice(STATUS) + " " + sentence(rng, 0, 20)], ca))
        w("</fo:table-row>\n")
    w("</fo:table-body></fo:table>\n")
    w('<fo:block space-before="6pt">End of table.</fo:block>\n')
    w("</fo:flow></fo:page-sequence></fo:root>\n")
    if a.output:
        out.close()


if __name__ == "__main__":
    main()
