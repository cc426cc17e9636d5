/* keyboard.c: the on-screen keyboard (the kiosk has no physical one, and its
 * compositor has no virtual-keyboard protocol). QWERTY with digits and the
 * punctuation people type in names; Shift capitalises the next letter.
 *
 * The keys are laid out with the layout engine over the rectangle the screen gives:
 * ten keys share each letter row's width, and every row is at least the theme's
 * minimum touch target (9 mm) tall, taller when larger text needs it
 * (ui_keyboard_height says how tall the whole keyboard is at a width). Mirror-safe:
 * the letter rows keep their QWERTY order in right-to-left layouts (the keys are
 * Latin), while the row of controls (Shift, Space, Delete, Clear) follows the layout
 * direction like every other row. */
#include "layout.h"

#include "i18n.h"
#include "ui_internal.h"

#include <stdio.h>
#include <string.h>

enum { KBD_LETTER_ROWS = 4, KBD_COLS = 10, KBD_CONTROLS = 4 };

static const char *const letter_rows[KBD_LETTER_ROWS] = {
    "1234567890",
    "qwertyuiop",
    "asdfghjkl@",
    "zxcvbnm'-.",
};

/* How the keys fit a keyboard of a given width. */
typedef struct KeyboardMetrics {
    int pad, gap;                  /* px around and between keys */
    int key_w;                     /* a letter key's width */
    int key_h;                     /* a letter row's height */
    int control_w[KBD_CONTROLS];   /* Shift, Space, Delete, Clear */
    int control_h;                 /* the row of controls' height */
} KeyboardMetrics;

static const char *control_label(int i)
{
    static const StrId labels[KBD_CONTROLS] = {S_KEY_SHIFT, S_KEY_SPACE, S_KEY_BACKSPACE,
                                               S_KEY_CLEAR};
    return tr(labels[i]);
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

static KeyboardMetrics keyboard_metrics(Ui *ui, int w)
{
    const Theme *t = &ui->theme;
    KeyboardMetrics m;
    m.pad = t->space[SPACE_S];
    m.gap = t->space[SPACE_S];
    int inner = max_int(w - 2 * m.pad, 0);
    m.key_w = max_int((inner - m.gap * (KBD_COLS - 1)) / KBD_COLS, 1);
    m.key_h = max_int(t->min_target, ui_button_height(ui, UI_BUTTON_KEY, m.key_w, "W", NULL));
    /* Controls: as wide as their words or two keys, whichever is wider, but never more
     * than a quarter of the row each; Space takes what is left. */
    int avail = max_int(inner - m.gap * (KBD_CONTROLS - 1), 0);
    int cap = avail / KBD_CONTROLS, used = 0;
    for (int i = 0; i < KBD_CONTROLS; i++) {
        if (i == 1)
            continue;
        int fit = max_int(ui_button_width(ui, UI_BUTTON_KEY, control_label(i)),
                          2 * m.key_w + m.gap);
        m.control_w[i] = fit < cap ? fit : cap;
        used += m.control_w[i];
    }
    m.control_w[1] = max_int(avail - used, 0);
    m.control_h = t->min_target;
    for (int i = 0; i < KBD_CONTROLS; i++)
        m.control_h = max_int(m.control_h, ui_button_height(ui, UI_BUTTON_KEY, m.control_w[i],
                                                            control_label(i), NULL));
    return m;
}

int ui_keyboard_width(const Ui *ui)
{
    const Theme *t = &ui->theme;
    return KBD_COLS * t->min_target + (KBD_COLS - 1) * t->space[SPACE_S] +
           2 * t->space[SPACE_S];
}

int ui_keyboard_height(Ui *ui, int w)
{
    KeyboardMetrics m = keyboard_metrics(ui, w);
    return 2 * m.pad + KBD_LETTER_ROWS * (m.key_h + m.gap) + m.control_h;
}

/* One row of letter keys, in QWERTY order whatever the layout direction. */
static bool letter_row(Ui *ui, Lay *kb, const KeyboardMetrics *m, const char *id, int row,
                       StrBuf *text)
{
    LayLen lens[KBD_COLS];
    for (int i = 0; i < KBD_COLS; i++)
        lens[i] = LAY_FR(1);
    Lay r;
    lay_row(kb, &r, KBD_COLS, lens, SPACE_S);
    bool changed = false;
    const char *keys = letter_rows[row];
    for (int i = 0; i < KBD_COLS && keys[i]; i++) {
        char ch = keys[i];
        if (ui->kbd_shift && ch >= 'a' && ch <= 'z')
            ch = (char)(ch - 'a' + 'A');
        char label[2] = {ch, '\0'}, kid[64];
        snprintf(kid, sizeof kid, "%s-key-%c", id, keys[i]);
        /* Cell i counts from the start side; the keys always run left to right. */
        int cell = ui->rtl ? KBD_COLS - 1 - i : i;
        if (ui_button(ui, kid, lay_cell_rect(&r, cell, m->key_h), UI_BUTTON_KEY, label, NULL)) {
            if (strbuf_addc(text, ch) == 0)
                changed = true;
            ui->kbd_shift = false;
        }
    }
    r.row_h = m->key_h;
    lay_row_end(kb, &r);
    return changed;
}

/* Shift, Space, Delete and Clear. */
static bool control_row(Ui *ui, Lay *kb, const KeyboardMetrics *m, const char *id,
                        StrBuf *text)
{
    LayLen lens[KBD_CONTROLS];
    for (int i = 0; i < KBD_CONTROLS; i++)
        lens[i] = i == 1 ? LAY_FR(1) : LAY_PX(m->control_w[i]);
    Lay r;
    lay_row(kb, &r, KBD_CONTROLS, lens, SPACE_S);
    static const char *const suffix[KBD_CONTROLS] = {"shift", "space", "backspace", "clear"};
    bool changed = false;
    for (int i = 0; i < KBD_CONTROLS; i++) {
        char kid[64];
        snprintf(kid, sizeof kid, "%s-%s", id, suffix[i]);
        bool tapped = ui_button(ui, kid, lay_cell_rect(&r, i, m->control_h), UI_BUTTON_KEY,
                                control_label(i), NULL);
        if (i == 0) {
            if (tapped)
                ui->kbd_shift = !ui->kbd_shift;
            if (ui->nelements)
                ui->elements[ui->nelements - 1].checked = ui->kbd_shift;
        } else if (tapped && i == 1) {
            if (text->len && text->buf[text->len - 1] != ' ' && strbuf_addc(text, ' ') == 0)
                changed = true;
        } else if (tapped && i == 2 && text->len) {
            ui_text_backspace(text);
            changed = true;
        } else if (tapped && i == 3 && text->len) {
            strbuf_reset(text);
            changed = true;
        }
    }
    r.row_h = m->control_h;
    lay_row_end(kb, &r);
    return changed;
}

bool ui_keyboard(Ui *ui, const char *id, Rect r, StrBuf *text)
{
    const Theme *t = &ui->theme;
    KeyboardMetrics m = keyboard_metrics(ui, r.w);
    /* Spare height (the screen gave more than the keys need) makes the keys taller, up
     * to twice their height; less than they need never makes them smaller. */
    int spare = r.h - ui_keyboard_height(ui, r.w);
    if (spare > 0) {
        int grow = spare / (KBD_LETTER_ROWS + 1);
        if (grow > m.key_h)
            grow = m.key_h;
        m.key_h += grow;
        m.control_h += grow;
    }
    ui_fill(ui, r, t->surface_alt, t->radius);
    Lay kb;
    lay_column(&kb, ui, r, SPACE_S, SPACE_S, id, "group");
    bool changed = false;
    for (int row = 0; row < KBD_LETTER_ROWS; row++)
        changed |= letter_row(ui, &kb, &m, id, row, text);
    changed |= control_row(ui, &kb, &m, id, text);
    lay_end(&kb);
    return changed;
}
