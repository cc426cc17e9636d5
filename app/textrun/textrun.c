/* textrun.c: script and direction runs of one line, in drawing order (see textrun.h).
 * FriBidi gives each code point its embedding level; runs are cut where the level or
 * the script changes, then reordered by rule L2 of the Unicode bidi algorithm. */
#include "textrun.h"

#include "err.h"
#include "mem.h"
#include "utf8.h"

#include <fribidi.h>
#include <string.h>
#include <strings.h>

TextScript textrun_script_of(uint32_t cp, bool *common)
{
    *common = false;
    if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
        (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
        (cp >= 0xFE70 && cp <= 0xFEFF)) {
        /* The Arabic comma, semicolon and question mark are Arabic too. */
        return TEXT_SCRIPT_ARABIC;
    }
    if (cp >= 0x0980 && cp <= 0x09FF)
        return TEXT_SCRIPT_BENGALI;
    if (cp >= 0x0A00 && cp <= 0x0A7F)
        return TEXT_SCRIPT_GURMUKHI;
    if ((cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
        (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0x2764)
        return TEXT_SCRIPT_EMOJI;
    /* ASCII digits are Latin: a phone number inside Urdu is drawn in the Latin font. */
    bool ascii_common = cp < 0x80 && !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') &&
                        !(cp >= '0' && cp <= '9');
    if (ascii_common || (cp >= 0x80 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xBA) ||
        (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x2000 && cp <= 0x206F) ||
        (cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFFFD || cp == 0x0964 || cp == 0x0965)
        *common = true; /* danda (।) is shared by Bengali and Gurmukhi */
    return TEXT_SCRIPT_LATIN;
}

const char *textrun_script_tag(TextScript s)
{
    switch (s) {
    case TEXT_SCRIPT_LATIN: return "Latn";
    case TEXT_SCRIPT_ARABIC: return "Arab";
    case TEXT_SCRIPT_BENGALI: return "Beng";
    case TEXT_SCRIPT_GURMUKHI: return "Guru";
    default: return "Zyyy";
    }
}

bool textrun_language_rtl(const char *bcp47)
{
    static const char *const rtl[] = {"ar", "ur", "fa", "he", "iw", "ps", "sd", "ug",
                                      "yi", "dv", "ckb", "ks"};
    if (!bcp47)
        return false;
    size_t n = strcspn(bcp47, "-_");
    for (size_t i = 0; i < sizeof rtl / sizeof rtl[0]; i++)
        if (strlen(rtl[i]) == n && strncasecmp(bcp47, rtl[i], n) == 0)
            return true;
    return false;
}

bool textrun_is_rtl(const char *text, size_t len, bool base_rtl)
{
    for (size_t i = 0; i < len;) {
        size_t step;
        uint32_t cp = utf8_decode(text + i, len - i, &step);
        i += step;
        FriBidiCharType t = fribidi_get_bidi_type(cp);
        if (FRIBIDI_IS_LETTER(t) && FRIBIDI_IS_STRONG(t))
            return FRIBIDI_IS_RTL(t);
    }
    return base_rtl;
}

/* Reverses runs[a..b). */
static void reverse(TextRun *runs, size_t a, size_t b)
{
    while (a + 1 < b) {
        TextRun t = runs[a];
        runs[a] = runs[b - 1];
        runs[b - 1] = t;
        a++;
        b--;
    }
}

size_t textrun_split(const char *text, size_t len, bool base_rtl, TextRun *runs, size_t max)
{
    if (!text || len == 0 || max == 0)
        return 0;
    /* Code points, their byte offsets and scripts. */
    size_t cap = len + 1;
    FriBidiChar *cps = mem_zalloc_array(cap, sizeof *cps);
    FriBidiCharType *types = mem_zalloc_array(cap, sizeof *types);
    FriBidiLevel *levels = mem_zalloc_array(cap, sizeof *levels);
    size_t *offs = mem_zalloc_array(cap, sizeof *offs);
    unsigned char *scripts = mem_zalloc(cap);
    unsigned char *commons = mem_zalloc(cap);
    size_t n = 0, count = 0;
    if (!cps || !types || !levels || !offs || !scripts || !commons) {
        err_set("out of memory (text runs)");
        goto out;
    }
    for (size_t i = 0; i < len;) {
        size_t step;
        uint32_t cp = utf8_decode(text + i, len - i, &step);
        bool common;
        cps[n] = cp;
        offs[n] = i;
        scripts[n] = (unsigned char)textrun_script_of(cp, &common);
        commons[n] = common;
        n++;
        i += step;
    }
    offs[n] = len;
    fribidi_get_bidi_types(cps, (FriBidiStrIndex)n, types);
    /* A space between two digits joins them, as in "01632 960123": as a common
     * separator (rule W4) it keeps the whole number left to right inside Urdu, where a
     * plain space would swap its groups. */
    for (size_t i = 1; i + 1 < n; i++)
        if (cps[i] == ' ' && cps[i - 1] >= '0' && cps[i - 1] <= '9' && cps[i + 1] >= '0' &&
            cps[i + 1] <= '9')
            types[i] = FRIBIDI_TYPE_CS;
    /* Each line takes the direction of its first strong letter (rule P2), or else the
     * UI's: English inside an Urdu screen still reads left to right. */
    FriBidiParType dir = base_rtl ? FRIBIDI_PAR_WRTL : FRIBIDI_PAR_WLTR;
    if (fribidi_get_par_embedding_levels_ex(types, NULL, (FriBidiStrIndex)n, &dir, levels) == 0) {
        for (size_t i = 0; i < n; i++)
            levels[i] = base_rtl ? 1 : 0;
    }
    /* Common characters (spaces, punctuation) take the script of the character before
     * them at the same level, or else the one after, or else any neighbour's. */
    for (size_t i = 0; i < n; i++)
        if (commons[i] && i > 0 && levels[i - 1] == levels[i] && commons[i - 1] != 1)
            scripts[i] = scripts[i - 1], commons[i] = 2; /* 2: resolved */
    for (size_t i = n; i-- > 0;)
        if (commons[i] == 1 && i + 1 < n && levels[i + 1] == levels[i] && commons[i + 1] != 1)
            scripts[i] = scripts[i + 1], commons[i] = 2;
    for (size_t i = 0; i < n; i++)
        if (commons[i] == 1 && i > 0)
            scripts[i] = scripts[i - 1];
    for (size_t i = n; i-- > 0;)
        if (commons[i] == 1 && i + 1 < n && commons[i + 1] != 1)
            scripts[i] = scripts[i + 1], commons[i] = 2;
    /* Runs in logical order: cut where level or script changes. */
    int run_level[TEXTRUN_MAX];
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && levels[j] == levels[i] && scripts[j] == scripts[i])
            j++;
        if (count == max) {
            runs[count - 1].len = len - runs[count - 1].start;
            break;
        }
        runs[count].start = offs[i];
        runs[count].len = offs[j] - offs[i];
        runs[count].script = (TextScript)scripts[i];
        runs[count].rtl = levels[i] & 1;
        run_level[count < TEXTRUN_MAX ? count : TEXTRUN_MAX - 1] = levels[i];
        count++;
        i = j;
    }
    /* Rule L2: from the highest level down to the lowest odd one, reverse every
     * stretch of runs at that level or higher. */
    if (count <= TEXTRUN_MAX) {
        int hi = 0, lo_odd = 255;
        for (size_t i = 0; i < count; i++) {
            if (run_level[i] > hi)
                hi = run_level[i];
            if ((run_level[i] & 1) && run_level[i] < lo_odd)
                lo_odd = run_level[i];
        }
        for (int lv = hi; lv >= lo_odd && lv > 0; lv--) {
            for (size_t i = 0; i < count;) {
                if (run_level[i] < lv) {
                    i++;
                    continue;
                }
                size_t j = i;
                while (j < count && run_level[j] >= lv)
                    j++;
                reverse(runs, i, j);
                /* keep levels in step with the runs */
                for (size_t a = i, b = j; a + 1 < b; a++, b--) {
                    int t = run_level[a];
                    run_level[a] = run_level[b - 1];
                    run_level[b - 1] = t;
                }
                i = j;
            }
        }
    }
out:
    mem_free(cps);
    mem_free(types);
    mem_free(levels);
    mem_free(offs);
    mem_free(scripts);
    mem_free(commons);
    return count;
}
