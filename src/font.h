/* font.h: fonts for one document: family lists resolved through
 * fontconfig, faces loaded into the PDF document that will embed them, and
 * metrics measured from those same font objects, so that what layout
 * measures and what the writer draws can never disagree. Layout uses only
 * this interface; it never touches libharu. */
#ifndef QR_FONT_H
#define QR_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "context.h"

typedef struct qr_fonts qr_fonts;
typedef struct qr_font qr_font;

/* A font registry for one document; it owns the PDF document object the
 * writer will fill (see qr_fonts_pdf_doc()). NULL on failure (reported). */
qr_fonts *qr_fonts_new(quire *q);
void qr_fonts_free(qr_fonts *f);

/* The face for a CSS/XSL font-family list ("Arial, 'Liberation Sans',
 * sans-serif"), weight 100..900 and italic flag. Never NULL while any
 * TrueType font is installed: an unknown family falls back to a default
 * sans face (with one warning per family, naming file and line when
 * given); with no usable font at all it reports a QD_FONT_LOAD error and
 * returns NULL. Cached: the same request returns the same pointer. */
qr_font *qr_fonts_select(qr_fonts *f, const char *families, int weight,
    int italic, const char *file, int line);

/* Nonzero once qr_fonts_select() has found no usable font at all (an
 * installation problem, reported as QD_FONT_LOAD: the run is an I/O
 * failure, QUIRE_IOERR, rather than bad input). */
int qr_fonts_unusable(const qr_fonts *f);

/* The FO file and line that the next qr_fonts_fallback() calls serve,
 * named in the warning about a character no face can draw. file is not
 * copied: it must outlive those calls (the FO tree's strings do). */
void qr_fonts_set_origin(qr_fonts *f, const char *file, int line);
/* On the calling thread, from now on (on) or no longer: qr_fonts_select
 * and qr_fonts_fallback answer only what they answered before, on any
 * thread, and load nothing; anything else returns NULL and is remembered
 * as missed. For a helper thread that must leave loading (and its order,
 * and its warnings) to the main one. qr_fonts_set_origin does nothing
 * there. */
void qr_fonts_thread_lookup(int on);
/* Whether something was missed on this thread since the last call. */
int qr_fonts_thread_missed(void);

/* A face from the same registry that has a glyph for cp, preferring faces
 * like base; NULL when no installed face has it (warned once per
 * character, at the origin set last). */
qr_font *qr_fonts_fallback(qr_fonts *f, qr_font *base, uint32_t cp);

/* Advance width in points of UTF-8 text at the given size (no kerning). */
double qr_font_width(qr_font *font, const char *utf8, size_t len,
    double size);
/* Advance of one code point, in thousandths of the em. */
double qr_font_char_width(qr_font *font, uint32_t cp);
int qr_font_has_glyph(qr_font *font, uint32_t cp);
/* Whether the face maps every printable ASCII character (U+0021..7E):
 * then text in that range needs no glyph check. */
int qr_font_has_ascii(qr_font *font);
/* Ascender (positive, above the baseline) and descender (positive, below
 * it) in points at the given size; cap height and x-height likewise. */
double qr_font_ascent(qr_font *font, double size);
double qr_font_descent(qr_font *font, double size);
double qr_font_cap_height(qr_font *font, double size);
/* Underline position (points below the baseline, of the rule's centre
 * line) and thickness. */
double qr_font_underline_pos(qr_font *font, double size);
double qr_font_underline_thickness(qr_font *font, double size);
/* The face's PostScript name, for dumps and messages. */
const char *qr_font_name(const qr_font *font);

/* x-height in points at the given size. */
double qr_font_x_height(qr_font *font, double size);
/* The font file the face was loaded from (owned by the registry). */
const char *qr_font_file(const qr_font *font);

/* Decode the UTF-8 sequence at s[*i] (i < len) and advance *i past it.
 * Returns the code point, or 0xFFFFFFFF for a malformed byte (which
 * qr_font_width counts as zero width and the writer drops). Code points
 * outside the BMP, below U+0020 or surrogates have no glyph in any face
 * (qr_font_has_glyph is 0): libharu's UTF-8 path cannot carry them. */
uint32_t qr_utf8_next(const char *s, size_t len, size_t *i);

/* For the PDF writer only: the libharu document (HPDF_Doc) the fonts were
 * loaded into, and a face's libharu font object (HPDF_Font). */
void *qr_fonts_pdf_doc(qr_fonts *f);
void *qr_font_pdf_handle(qr_font *font);
/* The writer draws cp with font: returns the 2-byte code to write in the
 * content stream (the glyph's CID), or -1 when cp cannot be encoded (drop
 * it). Records cp for the ToUnicode map and flags its glyph for the
 * embedded subset. */
int qr_font_use(qr_font *font, uint32_t cp);
/* Before saving: give every face a correct /ToUnicode CMap for the codes
 * drawn. 0 on success, -1 on a libharu error. */
int qr_fonts_finish(qr_fonts *f);
/* After qr_fonts_finish, for a writer that compresses streams itself:
 * make each drawn face's embedded font program now, as libharu would
 * while saving, and pass its stream dictionary (HPDF_Dict, its filter
 * still Flate) to each(). Faces go in the order of their font objects, so
 * the objects are numbered as libharu would number them. 0 on success,
 * -1 on a libharu error. */
int qr_fonts_embed(qr_fonts *f, void (*each)(void *user, void *stream),
    void *user);
/* Count of libharu errors so far; the last one's code and detail. */
int qr_fonts_last_error(qr_fonts *f, unsigned long *code,
    unsigned long *detail);

#endif
