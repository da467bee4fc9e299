#!/usr/bin/env python3
"""check_dump.py: assert on an area dump (quire render --dump-areas) with the
expectations written in an FO file's comments, one per line:
  <!-- expect: pages 3 -->                    page count
  <!-- expect: text "Three" page 3 -->        first page whose text holds it
  <!-- expect: same-page "A" "B" -->          A and B start on the same page
  <!-- expect: above "A" "B" -->              same page, A's baseline above B's
  <!-- expect: painted-before "A" "B" -->     same page, A's first run painted
                                              (and read) before B's
  <!-- expect: baseline "A" 2 71.5 -->         A's first run is on page 2 at y 71.5
                                              (within half a point)
  <!-- expect: every-page "Head" -->          text on every page
  <!-- expect: every-page-except 2 "Head" --> on every page but page 2
  <!-- expect: empty-page 2 -->               no areas on page 2
  <!-- expect: folio 1 "v" -->                page 1's folio label
  <!-- expect: inside 20 40 180 160 -->       every text run of the body
                                              (y in [y0,y1]) lies in x0..x1
  <!-- expect: inside-page 2 20 40 180 160 --> the same, on page 2 only
  <!-- expect: no-text-outside 20 20 180 180 --> no text run outside the box
  <!-- expect: link-to page 3 -->             an internal link to page 3
  <!-- expect: linked "A" 3 -->               A's first run lies in a link area
                                              to page 3 (or: "uri" for any URI)
  <!-- expect: unlinked "A" -->               A's first run is in no link area
  <!-- expect: bookmark "Title" page 2 -->
  <!-- expect: count "word" 4 -->            text runs holding it
  <!-- expect: areas line 4 -->               areas of a kind (line, rect...)
  <!-- expect: x "A" 20.0 -->                 A's first run starts at x 20.0
                                              (within half a point)
  <!-- expect: font "A" LiberationSerif 14 --> A's first run's font and size
  <!-- expect: image 2 110.0 183.0 -->        the document's 2nd image area
                                              is at x 110.0, y 183.0 (top;
                                              within half a point)
  <!-- expect: fill 1 body 10 30 196 104 #ffff00 --> page 1 has a fill of
                                              that colour in that region at
                                              x y w h (within half a point),
                                              painted before every text run
Exit 0 when all hold, 1 with a message per failure."""
import re
import shlex
import sys


def parse_dump(path):
    pages, bookmarks = [], []
    num = r'(-?\d+\.\d+)'
    region = None
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith(' in '):
            region = line[4:]
        elif line.startswith('page '):
            region = None
            m = re.match(r'page (\d+) folio (\S+) w ' + num + ' h ' + num, line)
            pages.append({'folio': m.group(2), 'w': float(m.group(3)),
                          'h': float(m.group(4)), 'areas': []})
        elif line.startswith('  '):
            m = re.match(r'  (\w+) x ' + num + ' y ' + num + ' w ' + num +
                         ' h ' + num + r'(.*)', line)
            a = {'kind': m.group(1), 'x': float(m.group(2)),
                 'y': float(m.group(3)), 'w': float(m.group(4)),
                 'h': float(m.group(5)), 'rest': m.group(6),
                 'region': region}
            if a['kind'] == 'text':
                t = re.search(r' "((?:[^"\\]|\\.)*)"$', a['rest'])
                a['text'] = t.group(1).replace('\\"', '"').replace('\\\\', '\\') if t else ''
            if a['kind'] == 'link':
                t = re.search(r' to page (\d+) y ' + num, a['rest'])
                a['to'] = int(t.group(1)) if t else None
                a['uri'] = a['rest'].startswith(' uri ')
            pages[-1]['areas'].append(a)
        elif line.startswith('bookmark'):
            m = re.match(r'bookmark (\d+) page (-?\d+) y ' + num + r' "(.*)"$', line)
            bookmarks.append({'depth': int(m.group(1)), 'page': int(m.group(2)),
                              'title': m.group(4)})
    return pages, bookmarks


def texts(page):
    return [a for a in page['areas'] if a['kind'] == 'text']


def first_hit(pages, s):
    for i, p in enumerate(pages):
        for a in texts(p):
            if s in a['text']:
                return i + 1, a
    # a phrase may be split into runs: try the page's joined text
    for i, p in enumerate(pages):
        if s in ' '.join(a['text'] for a in texts(p)):
            return i + 1, None
    return None, None


def link_over(page, a):
    """The link areas of the page that hold text run a (its box, from
    its baseline up by its height, within half a point)."""
    return [l for l in page['areas'] if l['kind'] == 'link' and
            l['x'] - 0.5 <= a['x'] and a['x'] + a['w'] <= l['x'] + l['w'] + 0.5 and
            l['y'] - 0.5 <= a['y'] - a['h'] * 0.7 and a['y'] <= l['y'] + l['h'] + 0.5]


def main():
    fo, dump = sys.argv[1], sys.argv[2]
    pages, bookmarks = parse_dump(dump)
    exps = re.findall(r'<!--\s*expect:\s*(.*?)\s*-->', open(fo, encoding='utf-8').read())
    if not exps:
        print('%s: no expectations' % fo)
        return 1
    bad = 0
    for e in exps:
        w = shlex.split(e)
        ok, why = True, ''
        if w[0] == 'pages':
            ok = len(pages) == int(w[1])
            why = 'has %d pages' % len(pages)
        elif w[0] == 'text':
            pg, _ = first_hit(pages, w[1])
            ok = pg == int(w[3])
            why = 'found on page %s' % pg
        elif w[0] == 'same-page':
            a, _ = first_hit(pages, w[1])
            b, _ = first_hit(pages, w[2])
            ok = a is not None and a == b
            why = 'pages %s and %s' % (a, b)
        elif w[0] == 'above':
            a, aa = first_hit(pages, w[1])
            b, bb = first_hit(pages, w[2])
            ok = a is not None and a == b and aa and bb and aa['y'] < bb['y']
            why = 'pages %s/%s y %s/%s' % (a, b, aa and aa['y'], bb and bb['y'])
        elif w[0] == 'painted-before':
            a, aa = first_hit(pages, w[1])
            b, bb = first_hit(pages, w[2])
            order = pages[a - 1]['areas'] if a else []
            ok = (a is not None and a == b and aa is not None and
                  bb is not None and order.index(aa) < order.index(bb))
            why = 'pages %s/%s' % (a, b)
        elif w[0] in ('every-page', 'every-page-except'):
            skip = int(w[1]) if w[0] == 'every-page-except' else 0
            s = w[-1]
            miss = [i + 1 for i, p in enumerate(pages) if i + 1 != skip and
                    s not in ' '.join(a['text'] for a in texts(p))]
            ok = not miss
            why = 'missing on pages %s' % miss
        elif w[0] == 'empty-page':
            n = int(w[1])
            ok = n <= len(pages) and not pages[n - 1]['areas']
            why = 'page %d has %d areas' % (n, len(pages[n - 1]['areas']) if n <= len(pages) else -1)
        elif w[0] == 'folio':
            n = int(w[1])
            ok = n <= len(pages) and pages[n - 1]['folio'] == w[2]
            why = 'folio is %s' % (pages[n - 1]['folio'] if n <= len(pages) else None)
        elif w[0] == 'inside':
            x0, y0, x1, y1 = map(float, w[1:5])
            out = [(i + 1, a['text'], a['x'], a['x'] + a['w']) for i, p in enumerate(pages)
                   for a in texts(p) if y0 <= a['y'] <= y1 and
                   (a['x'] < x0 - 0.01 or a['x'] + a['w'] > x1 + 0.01)]
            ok = not out
            why = 'outside: %s' % out[:3]
        elif w[0] == 'baseline':
            pg, a = first_hit(pages, w[1])
            ok = a is not None and pg == int(w[2]) and abs(a['y'] - float(w[3])) <= 0.5
            why = 'page %s y %s' % (pg, a and a['y'])
        elif w[0] == 'x':
            pg, a = first_hit(pages, w[1])
            ok = a is not None and abs(a['x'] - float(w[2])) <= 0.5
            why = 'page %s x %s' % (pg, a and a['x'])
        elif w[0] == 'font':
            pg, a = first_hit(pages, w[1])
            f = re.search(r' font (\S+) size (\d+\.\d+)', a['rest']) if a else None
            ok = f is not None and f.group(1) == w[2] and abs(float(f.group(2)) - float(w[3])) <= 0.01
            why = 'font %s' % (f and f.groups(),)
        elif w[0] == 'inside-page':
            n = int(w[1])
            x0, y0, x1, y1 = map(float, w[2:6])
            pg = pages[n - 1]['areas'] if n <= len(pages) else []
            out = [(a['text'], a['x'], a['x'] + a['w']) for a in pg if a['kind'] == 'text'
                   and y0 <= a['y'] <= y1 and (a['x'] < x0 - 0.01 or a['x'] + a['w'] > x1 + 0.01)]
            ok = n <= len(pages) and not out
            why = 'outside: %s' % out[:3]
        elif w[0] == 'no-text-outside':
            x0, y0, x1, y1 = map(float, w[1:5])
            out = [(i + 1, a['text'], a['y']) for i, p in enumerate(pages)
                   for a in texts(p) if a['x'] < x0 - 0.01 or a['x'] + a['w'] > x1 + 0.01
                   or a['y'] < y0 or a['y'] > y1]
            ok = not out
            why = 'outside: %s' % out[:3]
        elif w[0] == 'link-to':
            n = int(w[2])
            ok = any(a['kind'] == 'link' and a.get('to') == n for p in pages for a in p['areas'])
            why = 'no link to page %d' % n
        elif w[0] in ('linked', 'unlinked'):
            pg, a = first_hit(pages, w[1])
            over = link_over(pages[pg - 1], a) if a is not None else []
            if w[0] == 'unlinked':
                ok = a is not None and not over
            elif w[2] == 'uri':
                ok = any(l['uri'] for l in over)
            else:
                ok = any(l['to'] == int(w[2]) for l in over)
            why = 'page %s, links over it: %s' % (pg, [(l['to'], l['uri']) for l in over])
        elif w[0] == 'bookmark':
            n = int(w[3])
            ok = any(b['title'] == w[1] and b['page'] == n for b in bookmarks)
            why = 'bookmarks: %s' % [(b['title'], b['page']) for b in bookmarks]
        elif w[0] == 'image':
            ims = [a for p in pages for a in p['areas'] if a['kind'] == 'image']
            n = int(w[1])
            a = ims[n - 1] if 0 < n <= len(ims) else None
            ok = (a is not None and abs(a['x'] - float(w[2])) <= 0.5 and
                  abs(a['y'] - float(w[3])) <= 0.5)
            why = 'image %d at %s' % (n, a and (a['x'], a['y']))
        elif w[0] == 'areas':
            c = sum(1 for p in pages for a in p['areas'] if a['kind'] == w[1])
            ok = c == int(w[2])
            why = 'count %d' % c
        elif w[0] == 'fill':
            n = int(w[1])
            box = [float(v) for v in w[3:7]]
            areas = pages[n - 1]['areas'] if 0 < n <= len(pages) else []
            ok = False
            for i, a in enumerate(areas):
                if (a['kind'] == 'fill' and a['region'] == w[2] and
                        a['rest'].strip() == w[7] and
                        all(abs(a[k] - v) <= 0.5 for k, v in
                            zip(('x', 'y', 'w', 'h'), box))):
                    ok = all(b['kind'] != 'text' for b in areas[:i])
                    break
            why = 'fills: %s' % [(a['region'], a['x'], a['y'], a['w'], a['h'],
                                  a['rest'].strip()) for a in areas
                                 if a['kind'] == 'fill']
        elif w[0] == 'count':
            c = sum(1 for p in pages for a in texts(p) if w[1] in a['text'])
            ok = c == int(w[2])
            why = 'count %d' % c
        else:
            ok, why = False, 'unknown expectation'
        if not ok:
            print('%s: expect %s: FAILED (%s)' % (fo, e, why))
            bad += 1
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
