#!/usr/bin/env python3
"""Write a random table FO for robustness tests (tests/integration/tables.sh):
random page sizes, border models, columns, row and column spans, headers and
footers, keeps, breaks, fixed row heights, display-align, and cells of very
different lengths. Each cell's first word is a token naming it (T<row>_<col>,
TH_<col> in the header, TF_<col> in the footer) so a test can check that
every cell's text is shown once and never off the page.

Usage: gen_random.py SEED OUT.fo   (also writes OUT.fo.toks, one token a line)
"""
import random, sys
seed = int(sys.argv[1]); rng = random.Random(seed)
pw, ph = rng.choice([(200,150),(300,200),(600,300),(150,300)])
model = rng.choice(["collapse","separate"])
ncols = rng.randint(1,5)
toks = []
def txt(r,c):
    n = rng.choice([1,1,2,5,20,80])
    t = "T%s_%s" % (r,c)
    toks.append(t)
    words = " ".join(rng.choice(["word","longerword","x","committee","a"]) for _ in range(n))
    blocks = ["<fo:block>%s %s</fo:block>" % (t, words)]
    for k in range(rng.choice([0,0,1,3])):
        bb = rng.choice(["", "", " keep-together.within-page='always'", " space-before='6pt'", " break-before='page'", " border='1pt solid green' padding='2pt'"])
        blocks.append("<fo:block%s>%s</fo:block>" % (bb, " ".join(["more"]*rng.choice([1,10,40]))))
    return "".join(blocks)
def cell(r,c,extra=""):
    attrs = extra
    if rng.random()<0.5: attrs += " border='%spt solid black'" % rng.choice(["0.5","1","3"])
    if rng.random()<0.2: attrs += " padding='%dpt'" % rng.choice([0,2,6])
    if rng.random()<0.15: attrs += " display-align='%s'" % rng.choice(["center","after"])
    if rng.random()<0.1: attrs += " background-color='#eeeeff'"
    return "<fo:table-cell%s>%s</fo:table-cell>" % (attrs, txt(r,c))
out = ["<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-family='Helvetica' font-size='%dpt'>" % rng.choice([8,10,12]),
 "<fo:layout-master-set><fo:simple-page-master master-name='p' page-width='%dpt' page-height='%dpt' margin='10pt'><fo:region-body/></fo:simple-page-master></fo:layout-master-set>" % (pw,ph),
 "<fo:page-sequence master-reference='p'><fo:flow flow-name='xsl-region-body'><fo:block>start</fo:block>"]
ta = " border-collapse='%s'" % model
if model=="separate": ta += " border-separation='%dpt'" % rng.choice([0,2,5])
if rng.random()<0.5: ta += " table-layout='fixed' width='100%'"
if rng.random()<0.3: ta += " border='2pt solid black'"
out.append("<fo:table%s>" % ta)
if rng.random()<0.7:
    out.append("<fo:table-column column-width='proportional-column-width(1)' number-columns-repeated='%d'/>" % ncols)
r = 0
if rng.random()<0.5:
    out.append("<fo:table-header><fo:table-row>%s</fo:table-row></fo:table-header>" % "".join(cell("H",c) for c in range(ncols)))
if rng.random()<0.3:
    out.append("<fo:table-footer><fo:table-row>%s</fo:table-row></fo:table-footer>" % "".join(cell("F",c) for c in range(ncols)))
for b in range(rng.randint(1,2)):
    out.append("<fo:table-body>")
    nrows = rng.randint(1,8)
    pending = [0]*ncols  # rows still covered by spans
    for rr in range(nrows):
        ra = ""
        if rng.random()<0.15: ra += " keep-together.within-page='always'"
        if rng.random()<0.1: ra += " keep-with-next.within-page='always'"
        if rng.random()<0.05: ra += " break-before='page'"
        if rng.random()<0.1: ra += " height='%dpt'" % rng.choice([20,100,400])
        cells = []
        c = 0
        while c < ncols:
            if pending[c] > 0:
                pending[c] -= 1; c += 1; continue
            cs = 1
            while rng.random()<0.2 and c+cs < ncols and pending[c+cs]==0: cs += 1
            rs = 1
            if rng.random()<0.2: rs = rng.randint(2,4)
            ex = ""
            if cs>1: ex += " number-columns-spanned='%d'" % cs
            if rs>1: ex += " number-rows-spanned='%d'" % rs
            for k in range(cs): pending[c+k] = rs-1
            cells.append(cell(r, c, ex))
            c += cs
        out.append("<fo:table-row%s>%s</fo:table-row>" % (ra, "".join(cells) or "<fo:table-cell><fo:block/></fo:table-cell>"))
        r += 1
    out.append("</fo:table-body>")
out.append("</fo:table><fo:block>end</fo:block></fo:flow></fo:page-sequence></fo:root>")
open(sys.argv[2],"w").write("".join(out))
open(sys.argv[2]+".toks","w").write("\n".join(toks))
