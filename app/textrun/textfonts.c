/* textfonts.c: can the configured fonts draw this text? FreeType looks each code point
 * up in every font file (FT_Get_Char_Index), with no SDL, so signpostctl content
 * check can report text that would show as empty boxes on the kiosk. */
#include "textrun.h"

#include "err.h"
#include "mem.h"
#include "utf8.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <string.h>

enum { TEXTFONTS_MAX = 16 };

struct TextFonts {
    FT_Library lib;
    FT_Face faces[TEXTFONTS_MAX];
    size_t n;
};

TextFonts *textfonts_open(const char *const *paths, size_t n)
{
    TextFonts *f = mem_zalloc(sizeof *f);
    if (!f) {
        err_set("out of memory (fonts)");
        return NULL;
    }
    if (FT_Init_FreeType(&f->lib) != 0) {
        mem_free(f);
        err_set("FreeType could not start");
        return NULL;
    }
    for (size_t i = 0; i < n && f->n < TEXTFONTS_MAX; i++) {
        if (!paths[i] || !paths[i][0])
            continue;
        if (FT_New_Face(f->lib, paths[i], 0, &f->faces[f->n]) != 0) {
            err_set("font %s could not be opened", paths[i]);
            textfonts_close(f);
            return NULL;
        }
        f->n++;
    }
    return f;
}

void textfonts_close(TextFonts *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        FT_Done_Face(f->faces[i]);
    FT_Done_FreeType(f->lib);
    mem_free(f);
}

/* Characters no font needs to draw: controls, joiners, direction marks, variation
 * selectors. */
static bool invisible(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || cp == 0x00AD;
}

uint32_t textfonts_missing(const TextFonts *f, const char *text, size_t *at)
{
    size_t len = strlen(text);
    for (size_t i = 0; i < len;) {
        size_t step;
        uint32_t cp = utf8_decode(text + i, len - i, &step);
        bool found = invisible(cp);
        for (size_t k = 0; k < f->n && !found; k++)
            found = FT_Get_Char_Index(f->faces[k], cp) != 0;
        if (!found) {
            if (at)
                *at = i;
            return cp;
        }
        i += step;
    }
    return 0;
}
