#!/usr/bin/env python3
"""Checks on the XSL-FO that stylesheets/pack.xsl makes for a pack, before
any renderer sees it: the cross-document parts that are XSLT's job.

  pack_fo_checks.py PACK.fo --edition public|members --draft yes|no
                    --duplex yes|no --exempt-item N [--items N]

- every id is unique, and every ref-id (page-number citations) and
  internal-destination (links, bookmarks) names an id in the FO;
- the first page-sequence is the frontsheet; every other one is an
  item's document ("doc-itemN", "doc-itemN-attK" for its K-th) whose flow
  starts with "Agenda Item N", or a later sequence of one ("...-2");
- the frontsheet cites a page range for every included item's papers,
  and every document ends with its "-end" block;
- the exempt item's papers are absent from the public edition, and in the
  members' edition every one of their page-sequences (and only those)
  says NOT FOR PUBLICATION in its static content;
- with draft=yes every page-sequence's header regions (normal and blank
  pages) say DRAFT, and none do with draft=no;
- with duplex=yes every page-sequence starts on an odd page
  (initial-page-number="auto-odd") and the page masters have a blank-page
  alternative that says the page is intentionally left blank;
- the bookmark tree has one top-level bookmark per agenda item, after the
  frontsheet's.
Exit 0 if all hold, 1 with the reasons if not.
"""

import argparse
import re
import sys
import xml.etree.ElementTree as ET

FO = "{http://www.w3.org/1999/XSL/Format}"


def text_of(el):
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("fo")
    ap.add_argument("--edition", required=True)
    ap.add_argument("--draft", required=True)
    ap.add_argument("--duplex", required=True)
    ap.add_argument("--exempt-item", type=int, required=True,
                    help="the exempt item's number, 0 if none")
    ap.add_argument("--items", type=int, help="number of agenda items")
    a = ap.parse_args()
    problems = []
    root = ET.parse(a.fo).getroot()

    ids = [el.get("id") for el in root.iter() if el.get("id")]
    dups = sorted({i for i in ids if ids.count(i) > 1})
    if dups:
        problems.append("duplicate ids: %s" % dups)
    idset = set(ids)
    for el in root.iter():
        for attr in ("ref-id", "internal-destination"):
            v = el.get(attr)
            if v is not None and v not in idset:
                problems.append("%s=%r on %s names no id" % (attr, v, el.tag.replace(FO, "fo:")))

    seqs = root.findall(FO + "page-sequence")
    if not seqs or seqs[0].get("id") != "frontsheet":
        problems.append("the first page-sequence is not the frontsheet")
    docs = {}
    for seq in seqs[1:]:
        sid = seq.get("id") or ""
        m = re.match(r"doc-item(\d+)(-att\d+)?$", sid)
        if m:
            docs[sid] = (int(m.group(1)), seq)
            flow = seq.find(FO + "flow")
            first = text_of(flow)[:40] if flow is not None else ""
            if not first.startswith("Agenda Item %s" % m.group(1)):
                problems.append("%s does not start with 'Agenda Item %s' (%r)" % (sid, m.group(1), first))
            if ("%s-end" % sid) not in idset:
                problems.append("%s has no end block %s-end" % (sid, sid))
        elif not re.match(r"doc-item\d+(-att\d+)?-\d+$", sid):
            # A document's later sequences (a landscape appendix) are
            # {doc-id}-2, -3, ...
            problems.append("page-sequence %r belongs to no agenda item" % sid)
    front = seqs[0] if seqs else None
    cited = set()
    if front is not None:
        for el in front.iter(FO + "page-number-citation"):
            cited.add(el.get("ref-id"))
        for el in front.iter(FO + "page-number-citation-last"):
            cited.add(el.get("ref-id"))
    for sid in docs:
        if re.match(r"doc-item\d+$", sid) and sid not in cited:
            problems.append("the frontsheet cites no page range for %s" % sid)

    exempt_prefix = "doc-item%d" % a.exempt_item
    exempt_docs = [s for s in docs if s == exempt_prefix or s.startswith(exempt_prefix + "-att")]
    if a.edition == "public" and exempt_docs:
        problems.append("public edition includes the exempt papers %s" % exempt_docs)
    if a.edition == "members" and a.exempt_item and not exempt_docs:
        problems.append("members' edition lacks the exempt papers of item %d" % a.exempt_item)
    # Which sequences say NOT FOR PUBLICATION on every page (static content)?
    for seq in seqs:
        sid = seq.get("id") or ""
        in_exempt = any(sid == d or sid.startswith(d + "-") and not sid.startswith(d + "-att")
                        for d in exempt_docs)
        statics = " ".join(text_of(s) for s in seq.findall(FO + "static-content"))
        marked = "NOT FOR PUBLICATION" in statics
        if marked != in_exempt:
            problems.append("page-sequence %r %s NOT FOR PUBLICATION on its pages"
                            % (sid or "(continued)", "says" if marked else "does not say"))

    for seq in seqs:
        for region in ("qr-before", "qr-blank-before"):
            sc = [s for s in seq.findall(FO + "static-content") if s.get("flow-name") == region]
            says = bool(sc) and "DRAFT" in text_of(sc[0])
            if says != (a.draft == "yes"):
                problems.append("page-sequence %r region %s %s DRAFT"
                                % (seq.get("id") or "(continued)", region, "says" if says else "does not say"))
        ipn = seq.get("initial-page-number")
        if a.duplex == "yes" and ipn != "auto-odd":
            problems.append("duplex: page-sequence %r has initial-page-number %r"
                            % (seq.get("id") or "(continued)", ipn))
        blank = [s for s in seq.findall(FO + "static-content") if s.get("flow-name") == "qr-blank-before"]
        if not blank or "intentionally left blank" not in text_of(blank[0]):
            problems.append("page-sequence %r has no blank-page message" % (seq.get("id") or "(continued)"))
    if a.duplex == "yes":
        alts = root.findall(".//" + FO + "conditional-page-master-reference")
        if not any(c.get("blank-or-not-blank") == "blank" for c in alts):
            problems.append("duplex: no blank-page master alternative")

    tree = root.find(FO + "bookmark-tree")
    tops = tree.findall(FO + "bookmark") if tree is not None else []
    if a.items is not None and len(tops) != a.items + 1:
        problems.append("%d top-level bookmarks, wanted the frontsheet and %d items" % (len(tops), a.items))
    for p in problems:
        print("FAIL: %s" % p)
    if not problems:
        print("ok: %s (%s edition, draft %s, duplex %s): %d page-sequences, %d documents"
              % (a.fo.split("/")[-1], a.edition, a.draft, a.duplex, len(seqs), len(docs)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
