#!/usr/bin/env python3
"""Generate a committee pack of any size as source XML: an agenda, the
minutes of the last meeting, a report with M numbered sections and a
progress-report appendix of N recommendations (each with a plan and two
dated updates), and K-1 further briefing reports, each an agenda item.

What it exercises, in proportion to the size, so that time per page can be
compared across sizes:
  - footnotes: in 40% of the report paragraphs and in 15% of the progress
    updates (footnotes cited from table cells split over pages);
  - page-number citations: the frontsheet prints each attached document's
    page range (fo:page-number-citation and -citation-last), forward
    references to ids up to the whole pack away; K+1 of them each;
  - links: rec-refs from report paragraphs to random rows of the progress
    table (forward, far away) and "#id" links between sections.

Usage: gen_pack.py OUTDIR --recs N --sections M [--reports K] [--seed S]
The M sections are shared out among the K reports (the first holds the
progress table). The text is drawn from a fixed vocabulary with a seeded
generator, so the same arguments give the same files.
"""
import argparse
import os
import random

WORDS = ("the committee noted that partnership working across the borough had "
         "improved since the review and agencies were sharing information more "
         "effectively through fortnightly meetings while training for front-line "
         "practitioners continued with schools housing providers health services "
         "and the police contributing to a multi-agency dataset which is used to "
         "monitor the impact of the pathway including contact and referral numbers "
         "safeguarding board scrutiny recommendation progress update awareness "
         "campaign licensing hotels taxi operators young people parents carers").split()
STATUSES = ["completed", "in-progress", "ongoing", "completed-and-ongoing", "not-started"]


def sentence(rng, lo=8, hi=24):
    w = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    w[0] = w[0].capitalize()
    return " ".join(w) + "."


def para(rng, n=4):
    return " ".join(sentence(rng) for _ in range(rng.randint(max(1, n - 2), n + 2)))


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;")


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--recs", type=int, default=38)
    ap.add_argument("--sections", type=int, default=4)
    ap.add_argument("--reports", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.outdir, exist_ok=True)
    briefings = "\n".join(f"""    <item id="briefing-{i}"><title>Briefing Note {i}</title>
      <description><p>To note briefing {i}.</p></description>
      <attach href="{report_name(i)}" type="report"/></item>""" for i in range(1, max(1, a.reports)))

    write(os.path.join(a.outdir, "agenda.xml"), f"""<?xml version="1.0" encoding="UTF-8"?>
<agenda xmlns="urn:quire:agenda:1">
  <council><name>Borough Council</name><address>Civic Offices, High Street, Anytown AN1 1AA</address></council>
  <committee prefix="BSC"><name>Benchmark Scrutiny Committee</name>
    <membership><member role="chair">A Chair</member><member>B Member</member><member>C Member</member></membership>
  </committee>
  <meeting><date>2030-01-15</date><time>18:00:00</time><venue>Council Chamber, Civic Offices</venue></meeting>
  <contacts><contact><purpose>Democratic Services</purpose><name>D Officer</name><phone>01234 567890</phone></contact></contacts>
  <items>
    <item id="apologies"><title>Apologies for Absence</title></item>
    <item id="minutes"><title>Minutes</title>
      <description><p>To confirm the minutes of the meeting held on 1 December 2029.</p></description>
      <attach href="minutes.xml" type="minutes" confirms="2029-12-01"/></item>
    <item id="report"><title>Progress Report</title>
      <description><p>To receive the annual progress report.</p></description>
      <attach href="report.xml" type="report"/></item>
{briefings}
  </items>
</agenda>
""")

    minutes = []
    for i in range(1, 4):
        minutes.append(f"""  <minute number="{i}"><title>Item {i}</title>
    <p>{esc(para(rng))}</p>
    <p>{esc(para(rng))}</p>
  </minute>""")
    write(os.path.join(a.outdir, "minutes.xml"), f"""<?xml version="1.0" encoding="UTF-8"?>
<minutes xmlns="urn:quire:minutes:1" prefix="BSC">
  <committee>Benchmark Scrutiny Committee</committee>
  <meeting><date>2029-12-01</date><time>18:00:00</time><venue>Council Chamber, Civic Offices</venue></meeting>
  <present><member role="chair">A Chair</member><member>B Member</member></present>
{chr(10).join(minutes)}
  <ended>19:15:00</ended>
  <signature/>
</minutes>
""")

    # The M sections are shared among K reports; the first also holds the
    # progress table.
    k = max(1, a.reports)
    per = [a.sections // k + (1 if i < a.sections % k else 0) for i in range(k)]
    for i in range(k):
        write(os.path.join(a.outdir, report_name(i)),
              report(rng, i, max(1, per[i]), a.recs if i == 0 else 0))


def report_name(i):
    return "report.xml" if i == 0 else "briefing-%03d.xml" % i


def report(rng, i, nsections, nrecs):
    """One report: nsections sections, a progress table of nrecs rows."""
    sections = []
    for s in range(1, nsections + 1):
        ps = []
        for _ in range(rng.randint(3, 6)):
            text = esc(para(rng))
            r = rng.random()
            if nrecs and r < 0.3:
                n = rng.randint(1, nrecs)
                text += f" Please refer to <rec-ref number=\"{n}\">Recommendation {n}</rec-ref>."
            elif nsections > 1 and r < 0.5:
                t = rng.randint(1, nsections)
                text += f" See <link href=\"#s{t}\">section {t}</link>."
            if rng.random() < 0.4:
                text += f"<footnote><p>{esc(sentence(rng))}</p></footnote>"
            ps.append(f"    <p>{text}</p>")
        sections.append(f"""  <section id="s{s}"><title>Section {s}</title>
{chr(10).join(ps)}
  </section>""")
    recs = []
    for r in range(1, nrecs + 1):
        ups = "".join(f"""
        <update period="m{m}" status="{rng.choice(STATUSES)}"><p>{esc(para(rng, 5))}{footnote(rng, 0.15)}</p></update>""" for m in (6, 12))
        recs.append(f"""      <recommendation number="{r}">
        <title>{esc(sentence(rng, 3, 6))}</title>
        <text><p>{esc(para(rng, 3))}</p></text>
        <lead><agency>TWSCB</agency></lead>
        <plan><p>{esc(para(rng, 4))}</p></plan>{ups}
      </recommendation>""")
    appendix = ""
    if nrecs:
        appendix = f"""
  <appendix id="appendix-a" label="A">
    <title>Progress against the recommendations</title>
    <progress-report id="recs">
      <periods>
        <plan-heading as-at="2029-01">Brief outline of how it will be achieved</plan-heading>
        <period id="m6" as-at="2029-06">6 month progress update</period>
        <period id="m12" as-at="2029-12">12 month progress update</period>
      </periods>
{chr(10).join(recs)}
    </progress-report>
  </appendix>"""
    title = "Annual Progress Report" if i == 0 else "Briefing Note %d" % i
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<report xmlns="urn:quire:report:1" id="{'bench' if i == 0 else 'briefing-%d' % i}">
  <header>
    <council>Borough Council</council>
    <committee>Benchmark Scrutiny Committee</committee>
    <meeting-date>2030-01-15</meeting-date>
    <title>{title}</title>
    <report-of>The Director</report-of>
  </header>
{chr(10).join(sections)}
  <prepared-by><name>E Author</name><role>Manager</role><phone>01234 567891</phone></prepared-by>{appendix}
</report>
"""


def footnote(rng, p):
    return f"<footnote><p>{esc(sentence(rng))}</p></footnote>" if rng.random() < p else ""


if __name__ == "__main__":
    main()
