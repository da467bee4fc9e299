"""Helpers for the generated cases (*.gen): each is a Python 3 script run
as `python3 NAME.gen OUTDIR` that writes OUTDIR/NAME.fo (and any image it
needs) so that no large file is committed."""
import os
import struct
import sys
import zlib

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" '
        'font-family="Arial" font-size="11pt">\n'
        '<fo:layout-master-set>\n'
        '<fo:simple-page-master master-name="A5" page-width="148mm" '
        'page-height="210mm" margin="15mm"><fo:region-body/>'
        '</fo:simple-page-master>\n'
        '</fo:layout-master-set>\n'
        '<fo:page-sequence master-reference="A5">\n'
        '<fo:flow flow-name="xsl-region-body">\n')
TAIL = '</fo:flow>\n</fo:page-sequence>\n</fo:root>\n'


def out_path(script):
    """OUTDIR/NAME.fo for the running NAME.gen."""
    name = os.path.basename(script)
    if name.endswith('.gen'):
        name = name[:-4]
    return os.path.join(sys.argv[1], name + '.fo')


def write_fo(script, body, seq_attrs=''):
    """Write HEAD + body + TAIL; body is a string or an iterable of them;
    seq_attrs are added to the fo:page-sequence (e.g. 'format="i"')."""
    with open(out_path(script), 'w', encoding='utf-8') as f:
        f.write(HEAD.replace('master-reference="A5">', 'master-reference="A5"%s>' % (' ' + seq_attrs if seq_attrs else '')))
        if isinstance(body, str):
            f.write(body)
        else:
            for part in body:
                f.write(part)
        f.write(TAIL)


def _chunk(kind, data):
    return (struct.pack('>I', len(data)) + kind + data +
            struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))


def write_png_gray(path, w, h):
    """A valid w x h 8-bit greyscale PNG of black pixels, compressed
    row by row (a small file that decodes to w * h bytes)."""
    c = zlib.compressobj(9)
    row = b'\0' * (1 + w)
    parts = [c.compress(row) for _ in range(h)]
    parts.append(c.flush())
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n')
        f.write(_chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0)))
        f.write(_chunk(b'IDAT', b''.join(parts)))
        f.write(_chunk(b'IEND', b''))


def paragraphs(n):
    """n one-line paragraphs, numbered from 1."""
    return ('<fo:block>Paragraph %d of the long document, with a few words.</fo:block>\n' % i
            for i in range(1, n + 1))
