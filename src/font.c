/* font.c: the fonts of one document: family lists resolved through
 * fontconfig, TrueType faces loaded (embedded, subset) into the libharu
 * document the writer fills, and per-code-point advance tables read from
 * those same libharu font objects, so that measured == drawn. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <pthread.h>
#include <fontconfig/fontconfig.h>
#include <hpdf.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "font.h"
#include "prefetch.h"

/* Advance widths are whole thousandths of the em (rounded, S_gid_width),
 * and the /W array written for the font holds the same numbers
 * (S_write_widths): what a viewer draws is what was measured. */
struct qr_font {
	qr_fonts *owner;
	HPDF_Font hfont; /* created on the writer's first use, see below */
	HPDF_FontDef def;
	char *hname;     /* libharu's name for the font definition */
	char *name;      /* PostScript name from the font ("LiberationSans") */
	char *path;      /* font file */
	int index;       /* face index in a collection */
	char *family;    /* fontconfig family, for fallback searches */
	int fc_weight, fc_slant;
	uint16_t *w;     /* 65536 advances, 1/1000 em */
	uint8_t have[8192];  /* bit per BMP code point: the face maps it */
	int ascii;           /* 0 not yet known, 1 maps all of U+0021..7E,
	                        -1 misses one of them */
	uint8_t used[8192];  /* bit per code point the writer drew */
	int nused;
	double ascent, descent, cap, xheight, ul_pos, ul_thick; /* 1/1000 */
};

/* A (families, weight, italic) request resolved to a face. */
typedef struct S_req {
	char *key;
	int weight, italic;
	qr_font *font;
} S_req;

/* A code point resolved to a fallback face (NULL: none has it). */
typedef struct S_fb {
	uint32_t cp;      /* 0 marks an empty slot; cp 0 is never asked */
	qr_font *base;
	qr_font *font;
} S_fb;

struct qr_fonts {
	quire *q;
	const char *origin_file; /* where fallback warnings point */
	int origin_line;
	HPDF_Doc doc;
	FcConfig *fc;
	qr_font **faces;
	size_t nfaces, capfaces;
	S_req *reqs;      /* open addressing, power-of-two size */
	size_t nreqs, capreqs;
	S_fb *fbs;
	size_t nfbs, capfbs;
	char **warned;    /* family names already warned about */
	size_t nwarned;
	FcPattern *unknown; /* see S_unknown_pattern() */
	int unusable;       /* a request found no font at all */
	unsigned long err, err_detail; /* last libharu error */
	int nerr;
	/* Requests and fallbacks are looked up from a helper thread too
	 * (layout_table.c), which only reads what is there: the lock keeps
	 * the tables still while it does. */
	pthread_mutex_t lock;
};

/* Set on a thread that must not load a face: a request or fallback not
 * already answered is marked missed instead (qr_fonts_thread_lookup). */
static _Thread_local int S_lookup_only, S_missed;

/* libharu reports through this handler and returns an error code; the
 * callers check codes, so it only records (no longjmp). */
static void
S_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	qr_fonts *f = user;

	f->err = (unsigned long)error_no;
	f->err_detail = (unsigned long)detail_no;
	f->nerr++;
}

qr_fonts *
qr_fonts_new(quire *q)
{
	qr_fonts *f = calloc(1, sizeof *f);

	if (f == NULL) {
		qr_diag(q, QD_NOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	f->q = q;
	if (pthread_mutex_init(&f->lock, NULL) != 0) {
		qr_diag(q, QD_NOMEM, NULL, 0, 0, "out of memory");
		free(f);
		return NULL;
	}
	qr_prefetch_fonts(q);
	if (!FcInit()) {
		qr_diag(q, QD_FONT_LOAD, NULL, 0, 0,
		    "fontconfig could not be initialised");
		pthread_mutex_destroy(&f->lock);
		free(f);
		return NULL;
	}
	f->fc = FcConfigReference(NULL);
	f->doc = HPDF_New(S_hpdf_error, f);
	if (f->doc == NULL) {
		qr_diag(q, QD_PDF, NULL, 0, 0,
		    "libharu could not create a document");
		FcConfigDestroy(f->fc);
		pthread_mutex_destroy(&f->lock);
		free(f);
		return NULL;
	}
	if (HPDF_UseUTFEncodings(f->doc) != HPDF_OK ||
	    HPDF_SetCurrentEncoder(f->doc, "UTF-8") != HPDF_OK ||
	    HPDF_SetCompressionMode(f->doc, HPDF_COMP_ALL) != HPDF_OK) {
		qr_diag(q, QD_PDF, NULL, 0, 0,
		    "libharu error 0x%04lX setting up the document", f->err);
		qr_fonts_free(f);
		return NULL;
	}
	return f;
}

void
qr_fonts_free(qr_fonts *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nfaces; i++) {
		free(f->faces[i]->w);
		free(f->faces[i]->hname);
		free(f->faces[i]->name);
		free(f->faces[i]->path);
		free(f->faces[i]->family);
		free(f->faces[i]);
	}
	free(f->faces);
	for (i = 0; i < f->capreqs; i++)
		free(f->reqs[i].key);
	free(f->reqs);
	free(f->fbs);
	for (i = 0; i < f->nwarned; i++)
		free(f->warned[i]);
	free(f->warned);
	if (f->doc != NULL)
		HPDF_Free(f->doc);
	if (f->unknown != NULL)
		FcPatternDestroy(f->unknown);
	if (f->fc != NULL)
		FcConfigDestroy(f->fc);
	pthread_mutex_destroy(&f->lock);
	free(f);
}

void
qr_fonts_thread_lookup(int on)
{
	S_lookup_only = on;
	S_missed = 0;
}

int
qr_fonts_thread_missed(void)
{
	int m = S_missed;

	S_missed = 0;
	return m;
}

void *
qr_fonts_pdf_doc(qr_fonts *f)
{
	return f->doc;
}

/* The font object is made only when the writer first draws with the face:
 * libharu writes (and embeds) every font object it has made, while a font
 * definition alone, which is all layout's metrics need, costs the PDF
 * nothing. So faces selected but never drawn do not bloat the file. */
void *
qr_font_pdf_handle(qr_font *font)
{
	if (font->hfont == NULL) {
		qr_fonts *f = font->owner;
		HPDF_Encoder enc = HPDF_GetEncoder(f->doc, "UTF-8");
		HPDF_CMapEncoderAttr ea = enc != NULL &&
		    enc->type == HPDF_ENCODER_TYPE_DOUBLE_BYTE ? enc->attr : NULL;
		HPDF_Encoder_ToUnicode_Func to_unicode = NULL;
		HPDF_UINT16 (*saved)[256] = NULL;
		HPDF_UNICODE space_unicode = 0;

		/* Making the font object, libharu 2.3.0 computes /W and
		 * CIDToGIDMap for all 65,536 codes of the UTF-8 encoder,
		 * looking each up in the face's cmap by a linear search of
		 * its segments: 40 million instructions a face (13 million
		 * with the search cut short to one segment),
		 * for arrays that qr_fonts_finish() rewrites for the codes
		 * actually drawn. libharu takes its other branch for an
		 * encoder whose to-Unicode function is the CMap encoders':
		 * there only the codes of the encoder's cid_map are looked
		 * up. So for the duration of the call give the encoder that
		 * function and a cid_map of the space alone: the arrays made
		 * are one entry long. Both are put back before anything else
		 * reads them (libharu runs on this thread only); the encoding
		 * CMap libharu writes comes from the encoder's ranges, not
		 * from this table. Without memory for the copy, the call
		 * simply does the whole work. */
		if (ea != NULL &&
		    (saved = malloc(sizeof ea->cid_map)) != NULL) {
			memcpy(saved, ea->cid_map, sizeof ea->cid_map);
			memset(ea->cid_map, 0, sizeof ea->cid_map);
			ea->cid_map[0][0x20] = 0x20;
			space_unicode = ea->unicode_map[0][0x20];
			ea->unicode_map[0][0x20] = 0x20;
			to_unicode = enc->to_unicode_fn;
			enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
		}
		font->hfont = HPDF_GetFont(f->doc, font->hname, "UTF-8");
		if (saved != NULL) {
			enc->to_unicode_fn = to_unicode;
			ea->unicode_map[0][0x20] = space_unicode;
			memcpy(ea->cid_map, saved, sizeof ea->cid_map);
			free(saved);
		}
		if (font->hfont == NULL) {
			qr_diag(f->q, QD_FONT_LOAD, font->path, 0, 0,
			    "libharu cannot use this font with UTF-8 "
			    "(error 0x%04lX)", f->err);
			HPDF_ResetError(f->doc);
		}
	}
	return font->hfont;
}

int
qr_fonts_unusable(const qr_fonts *f)
{
	return f->unusable;
}

int
qr_fonts_last_error(qr_fonts *f, unsigned long *code, unsigned long *detail)
{
	if (code != NULL)
		*code = f->err;
	if (detail != NULL)
		*detail = f->err_detail;
	return f->nerr;
}

/* ---- reading the 'post' table for underline metrics ---------------- */

static unsigned
S_be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long
S_be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

/* libharu 2.3.0 does not expose the post table's underline fields, so read
 * them from the file: a bounded walk of the table directory. Returns 0 and
 * leaves the defaults when the file does not have them. */
static int
S_read_underline(const char *path, int index, int *pos, int *thick,
    unsigned *upem)
{
	FILE *fp = fopen(path, "rb");
	unsigned char b[16];
	unsigned long off = 0;
	unsigned n, i;
	int found = 0;

	if (fp == NULL)
		return 0;
	if (fread(b, 1, 12, fp) != 12)
		goto out;
	if (memcmp(b, "ttcf", 4) == 0) {
		unsigned long nfonts = S_be32(b + 8);

		if (index < 0 || (unsigned long)index >= nfonts ||
		    fseek(fp, 12 + 4L * index, SEEK_SET) != 0 ||
		    fread(b, 1, 4, fp) != 4)
			goto out;
		off = S_be32(b);
		if (fseek(fp, (long)off, SEEK_SET) != 0 ||
		    fread(b, 1, 12, fp) != 12)
			goto out;
	}
	n = S_be16(b + 4);
	if (n > 512)
		goto out;
	for (i = 0; i < n; i++) {
		unsigned char t[16];

		if (fseek(fp, (long)(off + 12 + 16UL * i), SEEK_SET) != 0 ||
		    fread(t, 1, 16, fp) != 16)
			goto out;
		if (memcmp(t, "post", 4) == 0 && S_be32(t + 12) >= 12) {
			unsigned char p[12];

			if (fseek(fp, (long)S_be32(t + 8), SEEK_SET) != 0 ||
			    fread(p, 1, 12, fp) != 12)
				goto out;
			*pos = (int16_t)S_be16(p + 8);
			*thick = (int16_t)S_be16(p + 10);
			found |= 1;
		} else if (memcmp(t, "head", 4) == 0 && S_be32(t + 12) >= 20) {
			unsigned char p[20];

			if (fseek(fp, (long)S_be32(t + 8), SEEK_SET) != 0 ||
			    fread(p, 1, 20, fp) != 20)
				goto out;
			*upem = S_be16(p + 18);
			found |= 2;
		}
	}
out:
	fclose(fp);
	return found == 3 && *upem > 0;
}

/* ---- faces ----------------------------------------------------------- */

#define S_BIT(a, cp) ((a)[(cp) >> 3] & (1u << ((cp) & 7)))
#define S_SET(a, cp) ((a)[(cp) >> 3] |= (uint8_t)(1u << ((cp) & 7)))

/* Code points libharu's UTF-8 path can carry as a 2-byte CID: the BMP from
 * U+0020, without surrogates and the two non-characters at the end. */
static int
S_encodable(uint32_t cp)
{
	return cp >= 0x20 && cp <= 0xFFFD && (cp < 0xD800 || cp > 0xDFFF);
}

/* The advance of glyph gid in whole thousandths of the em, rounded to the
 * nearest (libharu's HPDF_TTFontDef_GetGidWidth truncates, which makes
 * about half the glyphs of a 2048-unit face a thousandth narrower than
 * they are; a face made metric-compatible with a 1000-unit one, as
 * Liberation with Helvetica, Arial and Times, gets that face's widths
 * back exactly). */
static HPDF_INT16
S_gid_width(const qr_font *font, HPDF_UINT16 gid)
{
	HPDF_TTFontDefAttr a = font->def->attr;
	uint32_t upem = a->header.units_per_em, adv;

	if (gid >= a->num_glyphs || a->h_metric == NULL || upem == 0)
		return HPDF_TTFontDef_GetGidWidth(font->def, gid);
	adv = a->h_metric[gid].advance_width;
	return (HPDF_INT16)((adv * 1000u + upem / 2) / upem);
}

static void
S_fill_widths(qr_font *font)
{
	HPDF_TTFontDefAttr a = font->def->attr;
	HPDF_INT16 missing = S_gid_width(font, 0);
	unsigned nseg = a->cmap.seg_count_x2 / 2u, s;
	uint32_t cp;

	for (cp = 0; cp < 65536; cp++)
		font->w[cp] = (uint16_t)(missing > 0 ? missing : 0);
	/* Walk only the mapped segments of the cmap libharu parsed: asking
	 * HPDF_TTFontDef_GetCharWidth would flag every glyph as used and
	 * defeat subsetting, so look up the glyph and its advance apart. */
	if (a->cmap.format == 0) {
		for (cp = 0x20; cp < 256; cp++) {
			HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(font->def,
			    (HPDF_UINT16)cp);

			if (gid != 0 && gid < a->num_glyphs) {
				font->w[cp] = (uint16_t)S_gid_width(font, gid);
				S_SET(font->have, cp);
			}
		}
		return;
	}
	for (s = 0; s < nseg; s++) {
		uint32_t lo = a->cmap.start_count[s], hi = a->cmap.end_count[s];

		if (lo > hi)
			continue;
		for (cp = lo; cp <= hi; cp++) {
			HPDF_UINT16 gid;

			if (!S_encodable(cp))
				continue;
			gid = HPDF_TTFontDef_GetGlyphid(font->def,
			    (HPDF_UINT16)cp);
			if (gid != 0 && gid < a->num_glyphs) {
				font->w[cp] = (uint16_t)S_gid_width(font, gid);
				S_SET(font->have, cp);
			}
		}
	}
}

static char *
S_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

/* The face in file path (face index), loaded once into the document.
 * NULL when libharu cannot load it (reported as QD_FONT_LOAD). */
static qr_font *
S_face_load(qr_fonts *f, const char *path, int index, const char *family,
    int fc_weight, int fc_slant)
{
	qr_font *font;
	const char *name;
	size_t i;
	int pos = -33, thick = 73; /* Liberation Sans, per 1000, if unread */
	unsigned upem = 0;

	for (i = 0; i < f->nfaces; i++)
		if (f->faces[i]->index == index &&
		    strcmp(f->faces[i]->path, path) == 0)
			return f->faces[i];
	if (f->nfaces == f->capfaces) {
		size_t cap = f->capfaces ? f->capfaces * 2 : 8;
		qr_font **nf = realloc(f->faces, cap * sizeof *nf);

		if (nf == NULL)
			return NULL;
		f->faces = nf;
		f->capfaces = cap;
	}
	if (index > 0 || (strlen(path) > 4 &&
	    strcasecmp(path + strlen(path) - 4, ".ttc") == 0))
		name = HPDF_LoadTTFontFromFile2(f->doc, path, (HPDF_UINT)index,
		    HPDF_TRUE);
	else
		name = HPDF_LoadTTFontFromFile(f->doc, path, HPDF_TRUE);
	if (name == NULL) {
		qr_diag(f->q, QD_FONT_LOAD, path, 0, 0,
		    "libharu cannot load this font (error 0x%04lX)", f->err);
		HPDF_ResetError(f->doc);
		return NULL;
	}
	font = calloc(1, sizeof *font);
	if (font == NULL)
		return NULL;
	font->owner = f;
	font->def = HPDF_GetFontDef(f->doc, name);
	font->hname = S_strdup(name);
	font->w = malloc(65536 * sizeof *font->w);
	/* libharu names bold faces "Name-Bold,Bold": keep the PostScript
	 * name for messages and dumps. */
	font->name = S_strdup(name);
	if (font->name != NULL && strchr(font->name, ',') != NULL)
		*strchr(font->name, ',') = '\0';
	font->path = S_strdup(path);
	font->family = S_strdup(family != NULL ? family : name);
	if (font->def == NULL || font->def->type !=
	    HPDF_FONTDEF_TYPE_TRUETYPE || font->w == NULL ||
	    font->name == NULL || font->path == NULL ||
	    font->family == NULL || font->hname == NULL) {
		if (font->def == NULL)
			qr_diag(f->q, QD_FONT_LOAD, path, 0, 0,
			    "libharu loaded this font but cannot find it "
			    "(error 0x%04lX)", f->err);
		HPDF_ResetError(f->doc);
		free(font->hname);
		free(font->w);
		free(font->name);
		free(font->path);
		free(font->family);
		free(font);
		return NULL;
	}
	font->index = index;
	font->fc_weight = fc_weight;
	font->fc_slant = fc_slant;
	S_fill_widths(font);
	/* What HPDF_Font_GetAscent() and friends return for a Type0 font:
	 * the definition's values, in thousandths of the em. */
	font->ascent = font->def->ascent;
	font->descent = -(double)font->def->descent;
	font->cap = font->def->cap_height;
	font->xheight = font->def->x_height;
	/* post.underlinePosition is the top of the rule (OpenType); the
	 * writer strokes lines on their centre, so return the centre. */
	if (S_read_underline(path, index, &pos, &thick, &upem)) {
		font->ul_pos = -((double)pos - thick / 2.0) * 1000.0 / upem;
		font->ul_thick = (double)thick * 1000.0 / upem;
	} else {
		font->ul_pos = -(pos - thick / 2.0);
		font->ul_thick = thick;
	}
	f->faces[f->nfaces++] = font;
	return font;
}

/* ---- family lists -------------------------------------------------- */

static int
S_is_truetype(FcPattern *p)
{
	FcChar8 *fmt = NULL;

	return FcPatternGetString(p, FC_FONTFORMAT, 0, &fmt) == FcResultMatch &&
	    strcmp((const char *)fmt, "TrueType") == 0;
}

static int
S_in_families(FcPattern *p, const FcChar8 *fam)
{
	FcChar8 *s;
	int i;

	for (i = 0; p != NULL &&
	    FcPatternGetString(p, FC_FAMILY, i, &s) == FcResultMatch; i++)
		if (FcStrCmpIgnoreCase(s, fam) == 0)
			return 1;
	return 0;
}

/* The substituted pattern of a family nobody has: the configuration's
 * generic fallback chain. Built once per registry. */
static FcPattern *
S_unknown_pattern(qr_fonts *f)
{
	if (f->unknown == NULL) {
		f->unknown = FcPatternCreate();
		if (f->unknown == NULL)
			return NULL;
		FcPatternAddString(f->unknown, FC_FAMILY,
		    (const FcChar8 *)"quire-no-such-family");
		FcConfigSubstitute(f->fc, f->unknown, FcMatchPattern);
		FcDefaultSubstitute(f->unknown);
	}
	return f->unknown;
}

/* The face fontconfig matches for one family name, or NULL when the match
 * is not that family nor one of its strong aliases (Arial -> Liberation
 * Sans), unless any is set (generic families take what is configured). */
static qr_font *
S_match_family(qr_fonts *f, const char *family, int weight, int italic,
    int any)
{
	FcPattern *pat = FcPatternCreate(), *m = NULL;
	FcResult res;
	qr_font *font = NULL;
	FcChar8 *file = NULL, *mfam = NULL, *fam;
	int index = 0, mw = FC_WEIGHT_REGULAR, ms = FC_SLANT_ROMAN, ok = any;
	int j;

	if (pat == NULL)
		return NULL;
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(pat, FC_WEIGHT, FcWeightFromOpenType(weight));
	FcPatternAddInteger(pat, FC_SLANT,
	    italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
	FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
	FcConfigSubstitute(f->fc, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	m = FcFontMatch(f->fc, pat, &res);
	if (m == NULL || res != FcResultMatch)
		goto out;
	if (FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch)
		goto out;
	FcPatternGetInteger(m, FC_INDEX, 0, &index);
	FcPatternGetInteger(m, FC_WEIGHT, 0, &mw);
	FcPatternGetInteger(m, FC_SLANT, 0, &ms);
	FcPatternGetString(m, FC_FAMILY, 0, &mfam);
	/* Accept the match when it is the family asked for, or a name the
	 * configuration adds for this family (its metric aliases: Arial ->
	 * Liberation Sans) that it does not add for any unknown family: the
	 * generic defaults are fontconfig's guesses, refused so that the
	 * next family in the list gets its turn. */
	for (j = 0; !ok && FcPatternGetString(m, FC_FAMILY, j, &fam) ==
	    FcResultMatch; j++) {
		if (FcStrCmpIgnoreCase(fam, (const FcChar8 *)family) == 0)
			ok = 1;
		else if (S_in_families(pat, fam) &&
		    !S_in_families(S_unknown_pattern(f), fam))
			ok = 1;
	}
	if (!ok)
		goto out;
	if (!S_is_truetype(m)) {
		qr_diag(f->q, QD_FONT_MISSING, (const char *)file, 0, 0,
		    "font for '%s' is not TrueType; libharu cannot embed it",
		    family);
		goto out;
	}
	font = S_face_load(f, (const char *)file, index,
	    mfam != NULL ? (const char *)mfam : family, mw, ms);
out:
	if (m != NULL)
		FcPatternDestroy(m);
	FcPatternDestroy(pat);
	return font;
}

/* Generic families: PDF readers and FOP map them to the base-14 faces, so
 * ask fontconfig for those first (their metric clones are Liberation) and
 * only then for the configured generic. */
static const char *
S_generic_alias(const char *name)
{
	if (strcasecmp(name, "sans-serif") == 0)
		return "Helvetica";
	if (strcasecmp(name, "serif") == 0)
		return "Times";
	if (strcasecmp(name, "monospace") == 0)
		return "Courier";
	return NULL;
}

static int
S_is_generic(const char *name)
{
	return S_generic_alias(name) != NULL ||
	    strcasecmp(name, "cursive") == 0 ||
	    strcasecmp(name, "fantasy") == 0 ||
	    strcasecmp(name, "system-ui") == 0;
}

static qr_font *
S_default(qr_fonts *f, int weight, int italic)
{
	qr_font *font = S_match_family(f, "Helvetica", weight, italic, 0);

	if (font == NULL)
		font = S_match_family(f, "sans-serif", weight, italic, 1);
	return font;
}

static void
S_warn_family(qr_fonts *f, const char *fam, const char *file, int line,
    const qr_font *used)
{
	size_t i;
	char **nw;

	for (i = 0; i < f->nwarned; i++)
		if (strcasecmp(f->warned[i], fam) == 0)
			return;
	nw = realloc(f->warned, (f->nwarned + 1) * sizeof *nw);
	if (nw == NULL)
		return;
	f->warned = nw;
	if ((f->warned[f->nwarned] = S_strdup(fam)) == NULL)
		return;
	f->nwarned++;
	qr_diag(f->q, QD_FONT_MISSING, file, line, 0,
	    "font family '%s' is not installed; using %s", fam,
	    used != NULL ? used->name : "no font");
}

static uint64_t
S_hash(const char *s, int weight, int italic)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	h = (h ^ (uint64_t)weight) * 1099511628211ULL;
	h = (h ^ (uint64_t)italic) * 1099511628211ULL;
	return h;
}

static int
S_req_grow(qr_fonts *f)
{
	size_t cap = f->capreqs ? f->capreqs * 2 : 64, i;
	S_req *nr = calloc(cap, sizeof *nr);

	if (nr == NULL)
		return -1;
	for (i = 0; i < f->capreqs; i++) {
		size_t k;

		if (f->reqs[i].key == NULL)
			continue;
		k = (size_t)S_hash(f->reqs[i].key, f->reqs[i].weight,
		    f->reqs[i].italic) & (cap - 1);
		while (nr[k].key != NULL)
			k = (k + 1) & (cap - 1);
		nr[k] = f->reqs[i];
	}
	free(f->reqs);
	f->reqs = nr;
	f->capreqs = cap;
	return 0;
}

/* Resolve a family list without the cache: each name in turn, quotes and
 * blanks stripped. Only when no name in the list is installed does the
 * default sans face stand in, with one warning per family list name. */
static qr_font *
S_resolve(qr_fonts *f, const char *families, int weight, int italic,
    const char *file, int line)
{
	const char *p = families;
	qr_font *font = NULL;
	char name[256];
	char missing[256] = "";

	while (p != NULL && *p != '\0' && font == NULL) {
		const char *e = strchr(p, ',');
		size_t n = e != NULL ? (size_t)(e - p) : strlen(p);
		const char *a = p, *b = p + n;

		p = e != NULL ? e + 1 : NULL;
		while (a < b && isspace((unsigned char)*a))
			a++;
		while (b > a && isspace((unsigned char)b[-1]))
			b--;
		if (b - a >= 2 && (*a == '\'' || *a == '"') && b[-1] == *a) {
			a++;
			b--;
		}
		if (a == b || (size_t)(b - a) >= sizeof name)
			continue;
		memcpy(name, a, (size_t)(b - a));
		name[b - a] = '\0';
		if (S_is_generic(name)) {
			const char *alias = S_generic_alias(name);

			if (alias != NULL)
				font = S_match_family(f, alias, weight,
				    italic, 0);
			if (font == NULL)
				font = S_match_family(f, name, weight,
				    italic, 1);
		} else {
			font = S_match_family(f, name, weight, italic, 0);
			if (font == NULL && missing[0] == '\0')
				snprintf(missing, sizeof missing, "%s", name);
		}
	}
	if (font == NULL) {
		font = S_default(f, weight, italic);
		S_warn_family(f, missing[0] != '\0' ? missing : families,
		    file, line, font);
	}
	return font;
}

static qr_font *
S_select(qr_fonts *f, const char *families, int weight, int italic,
    const char *file, int line)
{
	uint64_t h;
	size_t k;
	qr_font *font;

	if (families == NULL)
		families = "sans-serif";
	italic = italic != 0;
	if (weight < 1)
		weight = 400;
	if (weight > 1000)
		weight = 1000;
	if (f->capreqs == 0 && S_req_grow(f) != 0)
		return NULL;
	h = S_hash(families, weight, italic);
	for (k = (size_t)h & (f->capreqs - 1); f->reqs[k].key != NULL;
	    k = (k + 1) & (f->capreqs - 1))
		if (f->reqs[k].weight == weight &&
		    f->reqs[k].italic == italic &&
		    strcmp(f->reqs[k].key, families) == 0)
			return f->reqs[k].font;
	if (S_lookup_only) {
		S_missed = 1;
		return NULL;
	}
	font = S_resolve(f, families, weight, italic, file, line);
	if (font == NULL) {
		/* Not even a default sans face: report once per request and
		 * cache the failure too. */
		qr_diag(f->q, QD_FONT_LOAD, file, line, 0,
		    "no usable TrueType font for '%s'", families);
		f->unusable = 1;
	}
	if ((f->nreqs + 1) * 2 > f->capreqs) {
		if (S_req_grow(f) != 0)
			return font;
	}
	for (k = (size_t)h & (f->capreqs - 1); f->reqs[k].key != NULL;
	    k = (k + 1) & (f->capreqs - 1))
		;
	f->reqs[k].key = S_strdup(families);
	if (f->reqs[k].key == NULL)
		return font;
	f->reqs[k].weight = weight;
	f->reqs[k].italic = italic;
	f->reqs[k].font = font;
	f->nreqs++;
	return font;
}

/* ---- fallback -------------------------------------------------------- */

static qr_font *
S_fallback_search(qr_fonts *f, qr_font *base, uint32_t cp)
{
	FcPattern *pat = FcPatternCreate();
	FcCharSet *cs = FcCharSetCreate();
	FcFontSet *set = NULL;
	FcResult res;
	qr_font *font = NULL;
	int i;

	if (pat == NULL || cs == NULL)
		goto out;
	FcCharSetAddChar(cs, cp);
	if (base != NULL) {
		FcPatternAddString(pat, FC_FAMILY,
		    (const FcChar8 *)base->family);
		FcPatternAddInteger(pat, FC_WEIGHT, base->fc_weight);
		FcPatternAddInteger(pat, FC_SLANT, base->fc_slant);
	}
	FcPatternAddCharSet(pat, FC_CHARSET, cs);
	FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
	FcConfigSubstitute(f->fc, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	set = FcFontSort(f->fc, pat, FcFalse, NULL, &res);
	if (set == NULL)
		goto out;
	for (i = 0; i < set->nfont && font == NULL; i++) {
		FcPattern *m = set->fonts[i];
		FcCharSet *mcs = NULL;
		FcChar8 *file = NULL, *fam = NULL;
		int index = 0, w = FC_WEIGHT_REGULAR, s = FC_SLANT_ROMAN;
		qr_font *cand;

		if (FcPatternGetCharSet(m, FC_CHARSET, 0, &mcs) !=
		    FcResultMatch || !FcCharSetHasChar(mcs, cp) ||
		    !S_is_truetype(m) ||
		    FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch)
			continue;
		FcPatternGetInteger(m, FC_INDEX, 0, &index);
		FcPatternGetInteger(m, FC_WEIGHT, 0, &w);
		FcPatternGetInteger(m, FC_SLANT, 0, &s);
		FcPatternGetString(m, FC_FAMILY, 0, &fam);
		cand = S_face_load(f, (const char *)file, index,
		    (const char *)fam, w, s);
		/* fontconfig and libharu read the cmap apart; trust the one
		 * that will draw. */
		if (cand != NULL && qr_font_has_glyph(cand, cp))
			font = cand;
	}
out:
	if (set != NULL)
		FcFontSetDestroy(set);
	if (cs != NULL)
		FcCharSetDestroy(cs);
	if (pat != NULL)
		FcPatternDestroy(pat);
	return font;
}

static size_t
S_fb_slot(const qr_fonts *f, qr_font *base, uint32_t cp)
{
	size_t k = ((size_t)cp * 2654435761u ^ (size_t)(uintptr_t)base >> 4) &
	    (f->capfbs - 1);

	while (f->fbs[k].cp != 0 &&
	    (f->fbs[k].cp != cp || f->fbs[k].base != base))
		k = (k + 1) & (f->capfbs - 1);
	return k;
}

qr_font *
qr_fonts_select(qr_fonts *f, const char *families, int weight, int italic,
    const char *file, int line)
{
	qr_font *font;

	pthread_mutex_lock(&f->lock);
	font = S_select(f, families, weight, italic, file, line);
	pthread_mutex_unlock(&f->lock);
	return font;
}

void
qr_fonts_set_origin(qr_fonts *f, const char *file, int line)
{
	if (S_lookup_only)
		return;
	f->origin_file = file;
	f->origin_line = line;
}

static qr_font *
S_fallback(qr_fonts *f, qr_font *base, uint32_t cp)
{
	size_t k;
	qr_font *font;

	if (S_lookup_only) {
		if (f->capfbs != 0) {
			k = S_fb_slot(f, base, cp);
			if (f->fbs[k].cp == cp)
				return f->fbs[k].font;
		}
		S_missed = 1;
		return NULL;
	}
	if (f->capfbs == 0 || (f->nfbs + 1) * 2 > f->capfbs) {
		size_t cap = f->capfbs ? f->capfbs * 2 : 64, i;
		S_fb *old = f->fbs, *nf = calloc(cap, sizeof *nf);
		size_t oldcap = f->capfbs;

		if (nf == NULL)
			return NULL;
		f->fbs = nf;
		f->capfbs = cap;
		for (i = 0; i < oldcap; i++)
			if (old[i].cp != 0)
				f->fbs[S_fb_slot(f, old[i].base,
				    old[i].cp)] = old[i];
		free(old);
	}
	k = S_fb_slot(f, base, cp);
	if (f->fbs[k].cp == cp)
		return f->fbs[k].font;
	font = S_encodable(cp) ? S_fallback_search(f, base, cp) : NULL;
	if (font == NULL) {
		/* Warn once per character, whatever the base face. */
		size_t i;
		int seen = 0;

		for (i = 0; i < f->capfbs; i++)
			if (f->fbs[i].cp == cp) {
				seen = 1;
				break;
			}
		if (!seen)
			qr_diag(f->q, QD_FONT_NO_GLYPH, f->origin_file,
			    f->origin_line, 0,
			    "no installed font can draw U+%04lX%s",
			    (unsigned long)cp, S_encodable(cp) ? "" :
			    " (outside what the PDF writer can encode)");
	}
	k = S_fb_slot(f, base, cp);
	f->fbs[k].cp = cp;
	f->fbs[k].base = base;
	f->fbs[k].font = font;
	f->nfbs++;
	return font;
}

qr_font *
qr_fonts_fallback(qr_fonts *f, qr_font *base, uint32_t cp)
{
	qr_font *font;

	if (cp == 0)
		return NULL;
	if (base != NULL && qr_font_has_glyph(base, cp))
		return base;
	pthread_mutex_lock(&f->lock);
	font = S_fallback(f, base, cp);
	pthread_mutex_unlock(&f->lock);
	return font;
}

/* ---- metrics ----------------------------------------------------------- */

/* Decode one UTF-8 sequence at s[*i]; returns the code point, or
 * 0xFFFFFFFF for a malformed byte (skipped: it is neither measured nor
 * drawn). */
static inline uint32_t
S_utf8_next(const unsigned char *s, size_t len, size_t *i)
{
	uint32_t c = s[*i], c1, c2, c3;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF && *i + 1 < len &&
	    (s[*i + 1] & 0xC0) == 0x80) {
		c1 = s[*i + 1];
		*i += 2;
		return (c & 0x1F) << 6 | (c1 & 0x3F);
	}
	if (c >= 0xE0 && c <= 0xEF && *i + 2 < len &&
	    (s[*i + 1] & 0xC0) == 0x80 && (s[*i + 2] & 0xC0) == 0x80) {
		c1 = s[*i + 1];
		c2 = s[*i + 2];
		c = (c & 0x0F) << 12 | (c1 & 0x3F) << 6 | (c2 & 0x3F);
		*i += 3;
		return c >= 0x800 ? c : 0xFFFFFFFFu;
	}
	if (c >= 0xF0 && c <= 0xF4 && *i + 3 < len &&
	    (s[*i + 1] & 0xC0) == 0x80 && (s[*i + 2] & 0xC0) == 0x80 &&
	    (s[*i + 3] & 0xC0) == 0x80) {
		c1 = s[*i + 1];
		c2 = s[*i + 2];
		c3 = s[*i + 3];
		c = (c & 0x07) << 18 | (c1 & 0x3F) << 12 | (c2 & 0x3F) << 6 |
		    (c3 & 0x3F);
		*i += 4;
		return c >= 0x10000 && c <= 0x10FFFF ? c : 0xFFFFFFFFu;
	}
	(*i)++;
	return 0xFFFFFFFFu;
}

uint32_t
qr_utf8_next(const char *s, size_t len, size_t *i)
{
	return S_utf8_next((const unsigned char *)s, len, i);
}

double
qr_font_width(qr_font *font, const char *utf8, size_t len, double size)
{
	const unsigned char *s = (const unsigned char *)utf8;
	const uint16_t *w = font->w;
	unsigned long sum = 0;
	size_t i = 0;

	while (i < len) {
		uint32_t c = s[i];

		if (c >= 0x20 && c < 0x80) {
			sum += w[c];
			i++;
			continue;
		}
		c = S_utf8_next(s, len, &i);
		if (S_encodable(c))
			sum += w[c];
	}
	return (double)sum * size / 1000.0;
}

double
qr_font_char_width(qr_font *font, uint32_t cp)
{
	return S_encodable(cp) ? font->w[cp] : 0;
}

int
qr_font_has_glyph(qr_font *font, uint32_t cp)
{
	return S_encodable(cp) && S_BIT(font->have, cp) != 0;
}

int
qr_font_has_ascii(qr_font *font)
{
	if (font->ascii == 0) {
		uint32_t cp;

		font->ascii = 1;
		for (cp = 0x21; cp <= 0x7E; cp++)
			if (!qr_font_has_glyph(font, cp))
				font->ascii = -1;
	}
	return font->ascii > 0;
}

double
qr_font_ascent(qr_font *font, double size)
{
	return font->ascent * size / 1000.0;
}

double
qr_font_descent(qr_font *font, double size)
{
	return font->descent * size / 1000.0;
}

double
qr_font_cap_height(qr_font *font, double size)
{
	return font->cap * size / 1000.0;
}

double
qr_font_x_height(qr_font *font, double size)
{
	return font->xheight * size / 1000.0;
}

double
qr_font_underline_pos(qr_font *font, double size)
{
	return font->ul_pos * size / 1000.0;
}

double
qr_font_underline_thickness(qr_font *font, double size)
{
	return font->ul_thick * size / 1000.0;
}

const char *
qr_font_name(const qr_font *font)
{
	return font != NULL ? font->name : "none";
}

const char *
qr_font_file(const qr_font *font)
{
	return font->path;
}

/* ---- for the writer ----------------------------------------------------- */

int
qr_font_use(qr_font *font, uint32_t cp)
{
	if (!S_encodable(cp))
		return -1;
	if (!S_BIT(font->used, cp)) {
		S_SET(font->used, cp);
		font->nused++;
		/* GetCharWidth is what flags a glyph (and the parts of a
		 * composite glyph) for the embedded subset. */
		if (S_BIT(font->have, cp))
			(void)HPDF_TTFontDef_GetCharWidth(font->def,
			    (HPDF_UINT16)cp);
	}
	return (int)cp;
}

/* A ToUnicode CMap for the codes written with this face: with libharu's
 * UTF-8 encoder the 2-byte code (the CID) is the BMP code point itself, so
 * each used code maps to the same value as UTF-16BE. */
static int
S_write_tounicode(qr_font *font, HPDF_Stream st)
{
	static const char head[] =
	    "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\n"
	    "begincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
	static const char tail[] =
	    "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\n"
	    "end\nend\n";
	char buf[64];
	uint32_t cp;
	int left = font->nused, n = 0;
	HPDF_STATUS r = HPDF_Stream_WriteStr(st, head);

	for (cp = 0; cp < 65536 && left > 0 && r == HPDF_OK; cp++) {
		if (!S_BIT(font->used, cp))
			continue;
		if (n == 0) {
			snprintf(buf, sizeof buf, "%d beginbfchar\n",
			    left < 100 ? left : 100);
			r |= HPDF_Stream_WriteStr(st, buf);
		}
		snprintf(buf, sizeof buf, "<%04X> <%04X>\n", (unsigned)cp,
		    (unsigned)cp);
		r |= HPDF_Stream_WriteStr(st, buf);
		left--;
		if (++n == 100 || left == 0) {
			r |= HPDF_Stream_WriteStr(st, "endbfchar\n");
			n = 0;
		}
	}
	r |= HPDF_Stream_WriteStr(st, tail);
	return r == HPDF_OK ? 0 : -1;
}

/* /W for the codes drawn: runs of consecutive codes as c [w1 w2 ...],
 * the advances measured (S_gid_width). */
static int
S_write_widths(qr_font *font, HPDF_Font desc)
{
	HPDF_Array wa = HPDF_Dict_GetItem(desc, "W", HPDF_OCLASS_ARRAY);
	HPDF_Array run = NULL;
	uint32_t cp, prev = 0;
	HPDF_STATUS r = HPDF_OK;

	if (wa == NULL) {
		HPDF_ResetError(font->owner->doc);
		wa = HPDF_Array_New(desc->mmgr);
		if (wa == NULL || HPDF_Dict_Add(desc, "W", wa) != HPDF_OK)
			return -1;
	} else
		HPDF_Array_Clear(wa);
	for (cp = 0x20; cp < 65536 && r == HPDF_OK; cp++) {
		if (!S_BIT(font->used, cp))
			continue;
		if (run == NULL || cp != prev + 1) {
			run = HPDF_Array_New(desc->mmgr);
			if (run == NULL)
				return -1;
			r |= HPDF_Array_AddNumber(wa, (HPDF_INT32)cp);
			r |= HPDF_Array_Add(wa, run);
		}
		r |= HPDF_Array_AddNumber(run, font->w[cp]);
		prev = cp;
	}
	return r == HPDF_OK ? 0 : -1;
}

/* CIDToGIDMap for the codes drawn: 2 bytes big-endian per CID up to the
 * highest one used; codes not drawn map to glyph 0. */
static int
S_write_cidtogid(qr_font *font, HPDF_Dict map)
{
	uint32_t cp, top = 0x20;
	unsigned char *b;
	int rc;

	for (cp = 0x20; cp < 65536; cp++)
		if (S_BIT(font->used, cp))
			top = cp;
	b = calloc((size_t)(top + 1), 2);
	if (b == NULL)
		return -1;
	for (cp = 0x20; cp <= top; cp++)
		if (S_BIT(font->used, cp) && S_BIT(font->have, cp)) {
			HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(font->def,
			    (HPDF_UINT16)cp);

			b[2 * cp] = (unsigned char)(gid >> 8);
			b[2 * cp + 1] = (unsigned char)gid;
		}
	HPDF_MemStream_FreeData(map->stream);
	rc = HPDF_Stream_Write(map->stream, b, (HPDF_UINT)(top + 1) * 2) ==
	    HPDF_OK ? 0 : -1;
	free(b);
	return rc;
}

int
qr_fonts_finish(qr_fonts *f)
{
	size_t i;

	for (i = 0; i < f->nfaces; i++) {
		qr_font *font = f->faces[i];
		HPDF_Dict tu;

		if (font->hfont == NULL)
			continue; /* never drawn: not in the PDF */
		/* libharu 2.3.0 gives Type0 UTF-8 fonts a /ToUnicode that is
		 * a copy of its encoding CMap (begincidrange: invalid in a
		 * ToUnicode CMap; poppler warns and text extraction of
		 * non-ASCII suffers). Rewrite that stream in place: the
		 * object is already numbered and referenced. */
		tu = HPDF_Dict_GetItem(font->hfont, "ToUnicode",
		    HPDF_OCLASS_DICT);
		if (tu == NULL) {
			HPDF_ResetError(f->doc);
			tu = HPDF_DictStream_New(f->doc->mmgr, f->doc->xref);
			if (tu == NULL || HPDF_Dict_Add(font->hfont,
			    "ToUnicode", tu) != HPDF_OK)
				return -1;
		} else {
			HPDF_MemStream_FreeData(tu->stream);
			/* Encoding-CMap keys do not belong on a ToUnicode
			 * stream; absence is not an error. */
			HPDF_Dict_RemoveElement(tu, "Type");
			HPDF_Dict_RemoveElement(tu, "CMapName");
			HPDF_Dict_RemoveElement(tu, "CIDSystemInfo");
			HPDF_Dict_RemoveElement(tu, "WMode");
			HPDF_ResetError(f->doc);
		}
		tu->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		if (S_write_tounicode(font, tu->stream) != 0)
			return -1;
		{
			HPDF_FontAttr fa = font->hfont->attr;

			if (fa->descendant_font == NULL ||
			    S_write_widths(font, fa->descendant_font) != 0)
				return -1;
			if (fa->map_stream != NULL &&
			    S_write_cidtogid(font, fa->map_stream) != 0)
				return -1;
		}
	}
	return 0;
}

int
qr_fonts_embed(qr_fonts *f, void (*each)(void *user, void *stream),
    void *user)
{
	size_t i;
	HPDF_UINT32 last = 0;

	/* Smallest object number above the last one done, each time: a
	 * few faces, so a scan each. */
	for (;;) {
		qr_font *next = NULL;
		HPDF_UINT32 next_id = 0;
		HPDF_FontAttr fa;
		HPDF_Dict desc, data;

		for (i = 0; i < f->nfaces; i++) {
			HPDF_Font h = f->faces[i]->hfont;
			HPDF_UINT32 id;

			if (h == NULL)
				continue;
			id = h->header.obj_id & 0x00FFFFFF; /* the number */
			if (id > last && (next == NULL || id < next_id)) {
				next = f->faces[i];
				next_id = id;
			}
		}
		if (next == NULL)
			return 0;
		last = next_id;
		fa = next->hfont->attr;
		/* libharu's own before-write step: it makes the descriptor
		 * and the font program once (fontdef->descriptor) and, when
		 * called again while saving, only sets names it already set. */
		if (next->hfont->before_write_fn == NULL ||
		    next->hfont->before_write_fn(next->hfont) != HPDF_OK)
			return -1;
		desc = fa->fontdef->descriptor;
		data = desc != NULL ? HPDF_Dict_GetItem(desc, "FontFile2",
		    HPDF_OCLASS_DICT) : NULL;
		if (data == NULL) {
			HPDF_ResetError(f->doc);
			continue; /* not embedded */
		}
		each(user, data);
	}
}
