/* keyboard.c: the on-screen keyboard (the kiosk has no physical one, and its
 * compositor has no virtual-keyboard protocol). QWERTY with digits and the
 * punctuation people type in names; Shift capitalises the next letter. Every key is
 * at least the theme's minimum touch target where the area allows. */
#include "ui.h"

#include "i18n.h"
#include "ui_internal.h"

#include <stdio.h>
#include <string.h>

static const char *const rows[4] = {
    "1234567890",
    "qwertyuiop",
    "asdfghjkl@",
    "zxcvbnm'-.",
};

bool ui_keyboard(Ui *ui, const char *id, Rect r, StrBuf *text)
{
    const Theme *t = &ui->theme;
    int gap = t->unit;
    int nrows = 5;
    int key_h = (r.h - gap * (nrows - 1)) / nrows;
    int cols = 10;
    int key_w = (r.w - gap * (cols - 1)) / cols;
    bool changed = false;
    char kid[64];

    ui_fill(ui, rect_make(r.x - gap, r.y - gap, r.w + 2 * gap, r.h + 2 * gap), t->surface_alt,
            t->radius);
    for (int row = 0; row < 4; row++) {
        int y = r.y + row * (key_h + gap);
        size_t n = strlen(rows[row]);
        int x0 = r.x + (r.w - (int)n * (key_w + gap) + gap) / 2;
        for (size_t i = 0; i < n; i++) {
            char ch = rows[row][i];
            if (ui->kbd_shift && ch >= 'a' && ch <= 'z')
                ch = (char)(ch - 32);
            char label[2] = {ch, '\0'};
            snprintf(kid, sizeof kid, "%s-key-%c", id, rows[row][i]);
            Rect k = rect_make(x0 + (int)i * (key_w + gap), y, key_w, key_h);
            if (ui_button(ui, kid, k, UI_BUTTON_KEY, label, NULL)) {
                if (strbuf_addc(text, ch) == 0)
                    changed = true;
                ui->kbd_shift = false;
            }
        }
    }
    /* Bottom row: Shift, Space, Delete, Clear. */
    int y = r.y + 4 * (key_h + gap);
    int small = key_w * 2 + gap;
    int space_w = r.w - 3 * (small + gap);
    int x = r.x;
    snprintf(kid, sizeof kid, "%s-shift", id);
    UiElement *e;
    if (ui_button(ui, kid, rect_make(x, y, small, key_h), UI_BUTTON_KEY, tr(S_KEY_SHIFT), NULL))
        ui->kbd_shift = !ui->kbd_shift;
    e = ui->nelements ? &ui->elements[ui->nelements - 1] : NULL;
    if (e)
        e->checked = ui->kbd_shift;
    x += small + gap;
    snprintf(kid, sizeof kid, "%s-space", id);
    if (ui_button(ui, kid, rect_make(x, y, space_w, key_h), UI_BUTTON_KEY, tr(S_KEY_SPACE),
                  NULL)) {
        if (text->len && text->buf[text->len - 1] != ' ' && strbuf_addc(text, ' ') == 0)
            changed = true;
    }
    x += space_w + gap;
    snprintf(kid, sizeof kid, "%s-backspace", id);
    if (ui_button(ui, kid, rect_make(x, y, small, key_h), UI_BUTTON_KEY,
                  tr(S_KEY_BACKSPACE), NULL) &&
        text->len) {
        ui_text_backspace(text);
        changed = true;
    }
    x += small + gap;
    snprintf(kid, sizeof kid, "%s-clear", id);
    if (ui_button(ui, kid, rect_make(x, y, small, key_h), UI_BUTTON_KEY, tr(S_KEY_CLEAR),
                  NULL) &&
        text->len) {
        strbuf_reset(text);
        changed = true;
    }
    return changed;
}
