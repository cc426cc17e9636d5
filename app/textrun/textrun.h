/* textrun.h: splitting a line of text into runs that one font can shape: by script
 * (Latin, Arabic, Bengali, Gurmukhi, emoji) and by direction (Unicode bidi through
 * GNU FriBidi), in the order they are drawn from left to right. No SDL here: the
 * platform shapes each run with SDL_ttf; tests and the content checker use it as is.
 *
 * Lines are broken on the logical text first (app/ui/text.c); each line is then
 * split and reordered here, so a phone number inside Urdu stays left to right.
 * The caller owns every buffer; nothing is kept between calls. */
#ifndef SIGNPOST_TEXTRUN_H
#define SIGNPOST_TEXTRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum TextScript {
    TEXT_SCRIPT_LATIN,    /* and every script the main font covers (Greek, Cyrillic) */
    TEXT_SCRIPT_ARABIC,   /* Arabic letters, as used by Arabic and Urdu */
    TEXT_SCRIPT_BENGALI,
    TEXT_SCRIPT_GURMUKHI,
    TEXT_SCRIPT_EMOJI,    /* pictographs: drawn as a visible placeholder */
    TEXT_SCRIPT_COUNT
} TextScript;

typedef struct TextRun {
    size_t start, len; /* bytes of the logical text */
    TextScript script;
    bool rtl;          /* shaped right to left */
} TextRun;

enum { TEXTRUN_MAX = 128 };

/* The script a code point belongs to; *common is set for spaces, digits,
 * punctuation and combining marks, which take the script of their neighbours. */
TextScript textrun_script_of(uint32_t cp, bool *common);

/* ISO 15924 tag for SDL_ttf / HarfBuzz ("Latn", "Arab", "Beng", "Guru", "Zyyy"). */
const char *textrun_script_tag(TextScript s);

/* True for BCP 47 codes of languages written right to left (ar, ur, fa, he, ps, ...;
 * region and script subtags ignored). */
bool textrun_language_rtl(const char *bcp47);

/* The direction text[0..len) is drawn in: that of its first strong letter (Hebrew,
 * Arabic: right to left; other letters: left to right), or else base_rtl. */
bool textrun_is_rtl(const char *text, size_t len, bool base_rtl);

/* Splits text[0..len) (one line, valid or not UTF-8) into at most max runs in visual
 * order, left to right. A line takes the direction of its first strong letter, or else
 * base_rtl (the UI's). Returns the
 * number of runs; beyond max, the rest of the line joins the last run. Returns 0 for
 * empty text or when out of memory (err set). */
size_t textrun_split(const char *text, size_t len, bool base_rtl, TextRun *runs, size_t max);

/* ==== font coverage (FreeType; for signpostctl content check) ==== */

typedef struct TextFonts TextFonts;

/* Opens the font files (NULL entries and empty strings skipped); NULL with err set when
 * one cannot be opened. */
TextFonts *textfonts_open(const char *const *paths, size_t n);
void textfonts_close(TextFonts *f);
/* The first code point of text no font in the set can draw (spaces, controls and
 * joiners excepted), and its byte offset in *at; 0 when all can be drawn. */
uint32_t textfonts_missing(const TextFonts *f, const char *text, size_t *at);

#endif
