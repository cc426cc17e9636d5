/* text.c: wrapped text layout and drawing. Lines break at spaces (and at explicit
 * newlines), on the logical text (the platform reorders each line for right-to-left
 * scripts); a word wider than the line is broken between letters, never inside a
 * Bengali or Gurmukhi conjunct or between a letter and its marks. Widths are
 * summed word by word so the platform's measure cache sees each word once. */
#include "ui.h"

#include "textrun.h"
#include "ui_internal.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

typedef void (*LineFn)(Ui *ui, void *user, const char *text, size_t len, int line_w);

int ui_text_width(Ui *ui, int font, const char *text)
{
    return ui->measure.text_width(ui->measure.user, font, text, strlen(text));
}

int ui_line_height(Ui *ui, int font)
{
    return ui->measure.line_height(ui->measure.user, font);
}

static int width_of(Ui *ui, int font, const char *s, size_t len)
{
    return len ? ui->measure.text_width(ui->measure.user, font, s, len) : 0;
}

/* Calls fn for each wrapped line of text; returns the number of lines. */
/* A mark that belongs to the letter before it (combining accents, Arabic harakat,
 * Bengali and Gurmukhi vowel signs, joiners, variation selectors, skin tones). */
static bool is_mark(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0610 && cp <= 0x061A) ||
           (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06ED) ||
           (cp >= 0x0981 && cp <= 0x0983) || (cp >= 0x09BC && cp <= 0x09D7 && cp != 0x09CE) ||
           (cp >= 0x0A01 && cp <= 0x0A03) || (cp >= 0x0A3C && cp <= 0x0A51) ||
           cp == 0x0A70 || cp == 0x0A71 || cp == 0x0A75 || cp == 0x200C || cp == 0x200D ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF);
}

/* Bytes of the cluster at s: a letter, its marks, and after a virama (্ ੍) or a
 * zero-width joiner the letter it joins. */
static size_t cluster_len(const char *s, size_t len)
{
    size_t n = 0, step;
    uint32_t prev = utf8_decode(s, len, &step);
    n += step;
    while (n < len) {
        uint32_t cp = utf8_decode(s + n, len - n, &step);
        bool joins = prev == 0x09CD || prev == 0x0A4D || prev == 0x200D;
        if (!is_mark(cp) && !joins)
            break;
        n += step;
        prev = cp;
    }
    return n;
}

enum { UI_LINE_MAX = 1024 };

static int wrap_lines(Ui *ui, int font, int width, const char *text, LineFn fn, void *user)
{
    /* Most labels fit one line: one measurement of the whole text settles it. */
    size_t total = strlen(text);
    if (!memchr(text, '\n', total)) {
        int w = width_of(ui, font, text, total);
        if (w <= width) {
            if (fn)
                fn(ui, user, text, total, w);
            return 1;
        }
    }
    int space_w = width_of(ui, font, " ", 1);
    int lines = 0;
    const char *p = text;
    while (1) {
        const char *para_end = strchr(p, '\n');
        if (!para_end)
            para_end = p + strlen(p);
        /* Lay out one paragraph [p, para_end). */
        const char *line_start = p, *q = p;
        int line_w = 0;
        const char *line_end = p; /* end of the last word that fits */
        while (q < para_end) {
            const char *word = q;
            while (q < para_end && *q != ' ')
                q++;
            size_t wlen = (size_t)(q - word);
            int ww = width_of(ui, font, word, wlen);
            int add = (line_end == line_start ? 0 : space_w) + ww;
            if (line_end != line_start && line_w + add > width) {
                if (fn)
                    fn(ui, user, line_start, (size_t)(line_end - line_start), line_w);
                lines++;
                line_start = word;
                line_end = word;
                line_w = 0;
                add = ww;
            }
            if (line_end == line_start && ww > width) {
                /* A word wider than the line: break it between code points. */
                const char *s = word;
                while (s < q) {
                    size_t n = 0, fit = 0;
                    while (s + n < q) {
                        size_t step = cluster_len(s + n, (size_t)(q - s - n));
                        if (width_of(ui, font, s, n + step) > width && fit > 0)
                            break;
                        n += step;
                        fit = n;
                    }
                    if (s + fit < q) {
                        if (fn)
                            fn(ui, user, s, fit, width_of(ui, font, s, fit));
                        lines++;
                        s += fit;
                    } else {
                        line_start = s;
                        line_end = q;
                        line_w = width_of(ui, font, s, (size_t)(q - s));
                        s = q;
                    }
                }
            } else {
                line_w += add;
                line_end = q;
            }
            while (q < para_end && *q == ' ')
                q++;
        }
        if (fn)
            fn(ui, user, line_start, (size_t)(line_end - line_start), line_w);
        lines++;
        if (*para_end == '\0')
            break;
        p = para_end + 1;
    }
    return lines;
}

int ui_text_height(Ui *ui, int font, int width, const char *text)
{
    if (!text || !*text)
        return 0;
    return wrap_lines(ui, font, width, text, NULL, NULL) * ui_line_height(ui, font);
}

void ui_draw_text_line(Ui *ui, int x, int y, int font, Color c, const char *text,
                       size_t len)
{
    if (len == 0)
        return;
    int lh = ui_line_height(ui, font);
    Rect clip = ui_current_clip(ui);
    if (y + lh <= clip.y || y >= clip.y + clip.h)
        return;
    DrawCmd *d = drawlist_push(&ui->draw, DRAW_TEXT);
    if (!d)
        return;
    d->rect = rect_make(x, y, 0, lh);
    d->font = font;
    d->color = c;
    d->text = arena_strndup(&ui->frame, text, len);
    if (!d->text)
        ui->draw.len--;
}

typedef struct DrawLines {
    Rect r;
    int font, y, lh;
    Color color;
    UiAlign align;
    bool rtl;      /* the paragraph reads right to left (its first strong letter) */
    bool ltr;      /* words in a left-to-right language inside a right-to-left UI */
} DrawLines;

static void draw_line_cb(Ui *ui, void *user, const char *text, size_t len, int line_w)
{
    DrawLines *dl = user;
    int x = dl->r.x;
    /* Word widths plus spaces can come out short of the shaped line (kerning across
     * spaces): centred and right-aligned lines measure the whole line. */
    if (dl->align != UI_ALIGN_LEFT)
        line_w = width_of(ui, dl->font, text, len);
    if (dl->align == UI_ALIGN_CENTER)
        x += (dl->r.w - line_w) / 2;
    else if (dl->align == UI_ALIGN_RIGHT)
        x += dl->r.w - line_w;
    if (dl->ltr) {
        /* Left-to-right marks around the line keep its punctuation where English puts
         * it, though the UI reads right to left. */
        char line[UI_LINE_MAX];
        if (len + 7 <= sizeof line) {
            memcpy(line, "\xE2\x80\x8E", 3);
            memcpy(line + 3, text, len);
            memcpy(line + 3 + len, "\xE2\x80\x8E", 3);
            ui_draw_text_line(ui, x, dl->y, dl->font, dl->color, line, len + 6);
            dl->y += dl->lh;
            return;
        }
    }
    if (dl->rtl && !textrun_is_rtl(text, len, false)) {
        /* A line of a right-to-left paragraph that starts with an English word or a
         * number: a right-to-left mark keeps the whole line right to left. */
        char line[UI_LINE_MAX];
        if (len + 4 <= sizeof line) {
            memcpy(line, "\xE2\x80\x8F", 3);
            memcpy(line + 3, text, len);
            ui_draw_text_line(ui, x, dl->y, dl->font, dl->color, line, len + 3);
            dl->y += dl->lh;
            return;
        }
    }
    ui_draw_text_line(ui, x, dl->y, dl->font, dl->color, text, len);
    dl->y += dl->lh;
}

int ui_text(Ui *ui, const char *id, Rect r, int font, Color c, UiAlign align,
            const char *text)
{
    if (!text || !*text)
        return 0;
    bool ltr = ui->rtl && ui->text_lang && !textrun_language_rtl(ui->text_lang);
    if (ui->rtl && !ltr && align != UI_ALIGN_CENTER)
        align = align == UI_ALIGN_LEFT ? UI_ALIGN_RIGHT : UI_ALIGN_LEFT;
    DrawLines dl = {r, font, r.y, ui_line_height(ui, font), c, align,
                    !ltr && textrun_is_rtl(text, strlen(text), ui->rtl), ltr};
    int n = wrap_lines(ui, font, r.w, text, draw_line_cb, &dl);
    int h = n * dl.lh;
    char auto_id[32];
    if (!id) {
        snprintf(auto_id, sizeof auto_id, "text-%zu", ui->nelements);
        id = auto_id;
    }
    UiElement *e = ui_register(ui, id, font == FONT_TITLE || font == FONT_HUGE ? "heading" : "text",
                               text, rect_make(r.x, r.y, r.w, h), false);
    if (e && r.h > 0 && h > r.h)
        e->clipped = true;
    return h;
}

void ui_draw_words(Ui *ui, Rect r, int font, Color c, UiAlign align, const char *text)
{
    size_t before = ui->nelements;
    ui_text(ui, "words", r, font, c, align, text);
    ui->nelements = before;
}
