/* keyboard.c: the on-screen keyboard (the kiosk has no physical one, and its
 * compositor has no virtual-keyboard protocol). Three kinds (UiKeyboardMode):
 *   text   letters with ' , . -; a layer of digits and symbols (with ¿ ¡); a layer of
 *          accented and other letters (Welsh, Polish, French, German, Spanish); Shift
 *          capitalises the next letter, Caps lock every letter until let go
 *   email  letters with @ . _ -, the digits-and-symbols layer, and .com / .co.uk keys
 *   phone  a dial pad: digits, + ( ) - * # and Space
 * Layers are switched with keys that show "?123", "abc" and "àéŵ" and whose accessible
 * names say what they do in words; every character key is named by its character.
 *
 * The keys are laid out with the layout engine over the rectangle the screen gives:
 * three rows of characters (ten a row; four rows of four on the dial pad) and two rows
 * of controls, every row at least the theme's minimum touch target (9 mm) tall and
 * taller when larger text needs it; a control is as wide as its words on one line.
 * ui_keyboard_height says how tall the tallest kind and layer is at a width, so a
 * screen reserves one height whatever the field and layer; spare height makes the
 * keys taller. Mirror-safe: the rows of characters keep their order in right-to-left
 * layouts (the keys are Latin), while the rows of controls follow the layout
 * direction like every other row.
 *
 * Each language's letters (ui_set_language): Urdu, Arabic, Bengali and Gurmukhi have
 * a layer of their own letters (Bengali and Gurmukhi two: consonants, then vowels,
 * signs and digits), which text fields start on, with a key to reach it from the
 * others; in right-to-left languages those keys run from the right. Welsh and Polish
 * letters are on the accents layer; Romanian's ă â î ș ț lead it when the language is
 * Romanian; Somali is written with the plain letters and '.
 *
 * State (Ui): kbd_shift, kbd_caps, kbd_layer, kbd_mode; another kind of field starts
 * again from its first layer. */
#include "layout.h"

#include "i18n.h"
#include "ui_internal.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

enum { KBD_ROWS_MAX = 4, KBD_COLS = 10, KBD_PHONE_COLS = 4, KBD_CONTROLS_MAX = 5 };

typedef enum KbdLayer {
    LAYER_LETTERS, LAYER_SYMBOLS, LAYER_ACCENTS, LAYER_SCRIPT, LAYER_SCRIPT2, LAYER_COUNT
} KbdLayer;

/* A layer's characters: rows of up to KBD_COLS keys, each a UTF-8 string (NULL ends a
 * row early); `upper` holds what Shift or Caps lock types instead (NULL: the same, or
 * the capital for a-z). */
typedef struct KeyGrid {
    int rows, cols;
    bool follows_direction; /* keys run from the right in right-to-left layouts */
    const char *keys[KBD_ROWS_MAX][KBD_COLS];
    const char *upper[KBD_ROWS_MAX][KBD_COLS];
} KeyGrid;

static const KeyGrid text_letters = {3, KBD_COLS, false, {
    {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"},
    {"a", "s", "d", "f", "g", "h", "j", "k", "l", "'"},
    {"z", "x", "c", "v", "b", "n", "m", ",", ".", "-"},
}, {{NULL}}};

static const KeyGrid email_letters = {3, KBD_COLS, false, {
    {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"},
    {"a", "s", "d", "f", "g", "h", "j", "k", "l", "@"},
    {"z", "x", "c", "v", "b", "n", "m", ".", "_", "-"},
}, {{NULL}}};

static const KeyGrid symbols = {3, KBD_COLS, false, {
    {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
    {"@", "#", "£", "&", "_", "-", "+", "(", ")", "/"},
    {"*", "\"", "'", ":", ";", "!", "?", ",", ".", "%"},
}, {{NULL}}};

/* Welsh (â ê î ô û ŵ ŷ, ä ë ï ö ü, á í ú), Polish (ą ć ę ł ń ó ś ź ż), French (é è
 * à ç, and ù œ beside Space), German (ä ö ü ß) and Spanish (á é í ó ú ñ ü; ¿ ¡ are
 * with the symbols). */
static const KeyGrid accents = {3, KBD_COLS, false, {
    {"á", "à", "â", "ä", "ą", "é", "è", "ê", "ë", "ę"},
    {"í", "î", "ï", "ó", "ô", "ö", "ú", "û", "ü", "ß"},
    {"ŵ", "ŷ", "ç", "ć", "ł", "ń", "ñ", "ś", "ź", "ż"},
}, {
    {"Á", "À", "Â", "Ä", "Ą", "É", "È", "Ê", "Ë", "Ę"},
    {"Í", "Î", "Ï", "Ó", "Ô", "Ö", "Ú", "Û", "Ü", NULL},
    {"Ŵ", "Ŷ", "Ç", "Ć", "Ł", "Ń", "Ñ", "Ś", "Ź", "Ż"},
}};

/* Romanian first (ă â î ș ț), then the rest of the accents. */
static const KeyGrid accents_ro = {3, KBD_COLS, false, {
    {"ă", "â", "î", "ș", "ț", "á", "é", "è", "ê", "ë"},
    {"í", "ï", "ó", "ô", "ö", "ú", "û", "ü", "ß", "ç"},
    {"ŵ", "ŷ", "à", "ä", "ą", "ę", "ć", "ł", "ń", "ś"},
}, {
    {"Ă", "Â", "Î", "Ș", "Ț", "Á", "É", "È", "Ê", "Ë"},
    {"Í", "Ï", "Ó", "Ô", "Ö", "Ú", "Û", "Ü", NULL, "Ç"},
    {"Ŵ", "Ŷ", "À", "Ä", "Ą", "Ę", "Ć", "Ł", "Ń", "Ś"},
}};

/* Urdu: the alphabet in its order, then punctuation and marks. */
static const KeyGrid urdu_letters = {4, KBD_COLS, true, {
    {"ا", "آ", "ب", "پ", "ت", "ٹ", "ث", "ج", "چ", "ح"},
    {"خ", "د", "ڈ", "ذ", "ر", "ڑ", "ز", "ژ", "س", "ش"},
    {"ص", "ض", "ط", "ظ", "ع", "غ", "ف", "ق", "ک", "گ"},
    {"ل", "م", "ن", "ں", "و", "ہ", "ھ", "ء", "ی", "ے"},
}, {{NULL}}};
/* Digits run left to right, as numbers are written, in both directions. */
static const KeyGrid urdu_more = {2, KBD_COLS, false, {
    {"۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹", "۰"},
    {"۔", "،", "؟", "ئ", "ؤ", "أ", "ۃ", "ّ", "ِ", "ُ"},
}, {{NULL}}};
static const KeyGrid arabic_letters = {4, KBD_COLS, true, {
    {"ا", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر"},
    {"ز", "س", "ش", "ص", "ض", "ط", "ظ", "ع", "غ", "ف"},
    {"ق", "ك", "ل", "م", "ن", "ه", "و", "ي", "ة", "ى"},
    {"ء", "أ", "إ", "آ", "ؤ", "ئ", "،", "؟", ".", "-"},
}, {{NULL}}};
/* Bengali: consonants and signs, then vowels, vowel signs, danda and digits. */
static const KeyGrid bengali_letters = {4, KBD_COLS, false, {
    {"ক", "খ", "গ", "ঘ", "ঙ", "চ", "ছ", "জ", "ঝ", "ঞ"},
    {"ট", "ঠ", "ড", "ঢ", "ণ", "ত", "থ", "দ", "ধ", "ন"},
    {"প", "ফ", "ব", "ভ", "ম", "য", "র", "ল", "শ", "ষ"},
    {"স", "হ", "ড়", "ঢ়", "য়", "ৎ", "ং", "ঃ", "ঁ", "্"},
}, {{NULL}}};
static const KeyGrid bengali_more = {4, KBD_COLS, false, {
    {"অ", "আ", "ই", "ঈ", "উ", "ঊ", "ঋ", "এ", "ঐ", "ও"},
    {"ঔ", "া", "ি", "ী", "ু", "ূ", "ৃ", "ে", "ৈ", "ো"},
    {"ৌ", "।", "০", "১", "২", "৩", "৪", "৫", "৬", "৭"},
    {"৮", "৯"},
}, {{NULL}}};
static const KeyGrid gurmukhi_letters = {4, KBD_COLS, false, {
    {"ੳ", "ਅ", "ੲ", "ਸ", "ਹ", "ਕ", "ਖ", "ਗ", "ਘ", "ਙ"},
    {"ਚ", "ਛ", "ਜ", "ਝ", "ਞ", "ਟ", "ਠ", "ਡ", "ਢ", "ਣ"},
    {"ਤ", "ਥ", "ਦ", "ਧ", "ਨ", "ਪ", "ਫ", "ਬ", "ਭ", "ਮ"},
    {"ਯ", "ਰ", "ਲ", "ਵ", "ੜ", "ਸ਼", "ਖ਼", "ਗ਼", "ਜ਼", "ਫ਼"},
}, {{NULL}}};
static const KeyGrid gurmukhi_more = {4, KBD_COLS, false, {
    {"ਾ", "ਿ", "ੀ", "ੁ", "ੂ", "ੇ", "ੈ", "ੋ", "ੌ", "ੰ"},
    {"ੱ", "ਂ", "਼", "੍", "।", "੦", "੧", "੨", "੩", "੪"},
    {"੫", "੬", "੭", "੮", "੯", "ਆ", "ਇ", "ਈ", "ਉ", "ਊ"},
    {"ਏ", "ਐ", "ਓ", "ਔ"},
}, {{NULL}}};

static const KeyGrid phone_pad = {4, KBD_PHONE_COLS, false, {
    {"1", "2", "3", "+"},
    {"4", "5", "6", "("},
    {"7", "8", "9", ")"},
    {"*", "0", "#", "-"},
}, {{NULL}}};

/* What a key in a row of controls does. */
typedef enum KbdAction {
    ACT_CHAR, ACT_SHIFT, ACT_CAPS, ACT_TO_LETTERS, ACT_TO_SYMBOLS, ACT_TO_ACCENTS,
    ACT_TO_SCRIPT, ACT_TO_SCRIPT2,
    ACT_SPACE, ACT_BACKSPACE, ACT_CLEAR, ACT_WORD
} KbdAction;

enum { NAME_IS_LABEL = -1 };

typedef struct Control {
    KbdAction act;
    const char *suffix;  /* id after "<keyboard>-" (NULL for a character key) */
    int label;           /* StrId of what it shows (NAME_IS_LABEL: `text`) */
    int name;            /* StrId of its accessible name (NAME_IS_LABEL: what it shows) */
    const char *text;    /* what a character or word key shows and types */
    const char *upper;   /* a character key's capital, or NULL */
    bool flex;           /* takes what its row has left */
} Control;

static const Control c_shift = {ACT_SHIFT, "shift", S_KEY_SHIFT, NAME_IS_LABEL, NULL, NULL, false};
static const Control c_caps = {ACT_CAPS, "caps", S_KEY_CAPS, NAME_IS_LABEL, NULL, NULL, false};
static const Control c_letters = {ACT_TO_LETTERS, "layer-letters", S_KEY_LETTERS_LABEL,
                                  S_KEY_LETTERS, NULL, NULL, false};
static const Control c_symbols = {ACT_TO_SYMBOLS, "layer-symbols", S_KEY_SYMBOLS_LABEL,
                                  S_KEY_SYMBOLS, NULL, NULL, false};
static const Control c_accents = {ACT_TO_ACCENTS, "layer-accents", S_KEY_ACCENTS_LABEL,
                                  S_KEY_ACCENTS, NULL, NULL, false};
static const Control c_space = {ACT_SPACE, "space", S_KEY_SPACE, NAME_IS_LABEL, NULL, NULL, true};
static const Control c_backspace = {ACT_BACKSPACE, "backspace", S_KEY_BACKSPACE, NAME_IS_LABEL,
                                    NULL, NULL, false};
static const Control c_clear = {ACT_CLEAR, "clear", S_KEY_CLEAR, NAME_IS_LABEL, NULL, NULL,
                                false};
static const Control c_dot_com = {ACT_WORD, "dotcom", NAME_IS_LABEL, NAME_IS_LABEL, ".com", NULL,
                                  false};
static const Control c_dot_co_uk = {ACT_WORD, "dotcouk", NAME_IS_LABEL, NAME_IS_LABEL, ".co.uk",
                                    NULL, true};
static const Control c_inv_question = {ACT_CHAR, NULL, NAME_IS_LABEL, NAME_IS_LABEL, "¿", NULL,
                                       false};
static const Control c_inv_exclaim = {ACT_CHAR, NULL, NAME_IS_LABEL, NAME_IS_LABEL, "¡", NULL,
                                      false};
static const Control c_u_grave = {ACT_CHAR, NULL, NAME_IS_LABEL, NAME_IS_LABEL, "ù", "Ù", false};
static const Control c_oe = {ACT_CHAR, NULL, NAME_IS_LABEL, NAME_IS_LABEL, "œ", "Œ", false};

/* Keys to a language's own letters show the first of them. */
#define SCRIPT_KEYS(name, first, more)                                                    \
    static const Control name##_key = {ACT_TO_SCRIPT, "layer-script", NAME_IS_LABEL,      \
                                       S_KEY_SCRIPT, first, NULL, false};                 \
    static const Control name##_more_key = {ACT_TO_SCRIPT2, "layer-script-more",          \
                                            NAME_IS_LABEL, S_KEY_SCRIPT_MORE, more, NULL, \
                                            false};
SCRIPT_KEYS(urdu, "ا ب پ", "۔ ۱۲")
static const Control arabic_key = {ACT_TO_SCRIPT, "layer-script", NAME_IS_LABEL, S_KEY_SCRIPT,
                                   "ا ب ت", NULL, false};
SCRIPT_KEYS(bengali, "ক খ গ", "অ া ১")
SCRIPT_KEYS(gurmukhi, "ੳ ਅ ਕ", "ਾ ਿ ੧")

/* A language's letters: its layers and the keys that lead to them. */
typedef struct ScriptKeys {
    const char *lang; /* BCP 47 primary subtag */
    const KeyGrid *pages[2];
    const Control *key, *more_key;
} ScriptKeys;

static const ScriptKeys script_keys[] = {
    {"ur", {&urdu_letters, &urdu_more}, &urdu_key, &urdu_more_key},
    {"ar", {&arabic_letters, NULL}, &arabic_key, NULL},
    {"bn", {&bengali_letters, &bengali_more}, &bengali_key, &bengali_more_key},
    {"pa", {&gurmukhi_letters, &gurmukhi_more}, &gurmukhi_key, &gurmukhi_more_key},
};

static bool lang_is(const char *lang, const char *code)
{
    size_t n = strcspn(lang, "-_");
    return n == strlen(code) && strncasecmp(lang, code, n) == 0;
}

static const ScriptKeys *script_of(const Ui *ui)
{
    for (size_t i = 0; i < sizeof script_keys / sizeof script_keys[0]; i++)
        if (lang_is(ui->language, script_keys[i].lang))
            return &script_keys[i];
    return NULL;
}

int ui_keyboard_first_layer(const Ui *ui)
{
    return script_of(ui) ? LAYER_SCRIPT : LAYER_LETTERS;
}

/* A row of controls: up to KBD_CONTROLS_MAX keys. */
typedef struct ControlRow {
    const Control *keys[KBD_CONTROLS_MAX];
    int n;
} ControlRow;

/* Everything one frame of the keyboard shows: its characters and its controls. */
typedef struct KbdPlan {
    const KeyGrid *grid;
    ControlRow rows[2];        /* layer and lock keys (n 0: none), then editing keys */
} KbdPlan;

static bool shows_upper(const Ui *ui)
{
    return ui->kbd_shift || ui->kbd_caps;
}

static const char *control_label(const Ui *ui, const Control *c)
{
    if (c->act == ACT_CHAR)
        return shows_upper(ui) && c->upper ? c->upper : c->text;
    return c->label == NAME_IS_LABEL ? c->text : tr((StrId)c->label);
}

static const char *control_name(const Ui *ui, const Control *c)
{
    return c->name == NAME_IS_LABEL ? control_label(ui, c) : tr((StrId)c->name);
}

static KbdPlan keyboard_plan(const Ui *ui, UiKeyboardMode mode, int layer)
{
    KbdPlan p = {0};
    const ScriptKeys *sk = mode == UI_KBD_TEXT ? script_of(ui) : NULL;
    if (!sk && layer >= LAYER_SCRIPT)
        layer = LAYER_LETTERS;
    if (sk && layer == LAYER_SCRIPT2 && !sk->pages[1])
        layer = LAYER_SCRIPT;
    if (mode == UI_KBD_PHONE) {
        p.grid = &phone_pad;
        p.rows[1] = (ControlRow){{&c_space, &c_backspace, &c_clear}, 3};
        return p;
    }
    if (mode == UI_KBD_EMAIL) {
        bool sym = layer == LAYER_SYMBOLS;
        p.grid = sym ? &symbols : &email_letters;
        p.rows[0] = (ControlRow){{&c_shift, &c_caps, sym ? &c_letters : &c_symbols, &c_dot_com}, 4};
        p.rows[1] = (ControlRow){{&c_dot_co_uk, &c_backspace, &c_clear}, 3};
        return p;
    }
    p.rows[1] = (ControlRow){{&c_space, &c_backspace, &c_clear}, 3};
    switch (layer) {
    case LAYER_SYMBOLS:
        /* Shift means nothing to symbols: its place has the Spanish marks. */
        p.grid = &symbols;
        p.rows[0] = (ControlRow){{&c_inv_question, &c_inv_exclaim, &c_letters, &c_accents}, 4};
        break;
    case LAYER_ACCENTS:
        p.grid = lang_is(ui->language, "ro") ? &accents_ro : &accents;
        p.rows[0] = (ControlRow){{&c_shift, &c_caps, &c_symbols, &c_letters}, 4};
        p.rows[1] = (ControlRow){{&c_u_grave, &c_oe, &c_space, &c_backspace, &c_clear}, 5};
        break;
    case LAYER_SCRIPT:
    case LAYER_SCRIPT2: {
        bool more = layer == LAYER_SCRIPT2;
        p.grid = sk->pages[more ? 1 : 0];
        const Control *other = more ? sk->key : sk->more_key;
        p.rows[0] = other ? (ControlRow){{other, &c_letters, &c_symbols}, 3}
                          : (ControlRow){{&c_letters, &c_symbols}, 2};
        break;
    }
    default:
        p.grid = &text_letters;
        p.rows[0] = (ControlRow){{&c_shift, &c_caps, &c_symbols, &c_accents}, 4};
        break;
    }
    if (sk && layer < LAYER_SCRIPT && p.rows[0].n < KBD_CONTROLS_MAX)
        p.rows[0].keys[p.rows[0].n++] = sk->key; /* the way back to the language's letters */
    return p;
}

/* How the keys fit a keyboard of a given width. */
typedef struct KeyboardMetrics {
    int pad, gap;                       /* px around and between keys */
    int key_h;                          /* a row of characters' height */
    int control_w[2][KBD_CONTROLS_MAX]; /* each control's width */
    int control_h[2];                   /* each row of controls' height (0: no row) */
} KeyboardMetrics;

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

/* Widths of one row of controls. Each needs its words on one line, and a key that is
 * words at least two letter keys (a character key: one). When they all fit, what is
 * left goes to the flexible key (Space), or is shared out when there is none; when
 * they do not, the row is shared equally and the words wrap. Returns the row's height. */
static int control_row_metrics(Ui *ui, const ControlRow *row, int inner, int gap, int key_w,
                               int *widths)
{
    if (row->n == 0)
        return 0;
    int avail = max_int(inner - gap * (row->n - 1), 0), used = 0, flex = -1;
    for (int i = 0; i < row->n; i++) {
        const Control *c = row->keys[i];
        int least = c->act == ACT_CHAR ? key_w : 2 * key_w + gap;
        widths[i] = max_int(ui_button_width(ui, UI_BUTTON_KEY, control_label(ui, c)), least);
        used += widths[i];
        if (c->flex)
            flex = i;
    }
    if (used > avail) {
        for (int i = 0; i < row->n; i++)
            widths[i] = avail / row->n;
    } else if (flex >= 0) {
        widths[flex] += avail - used;
    } else {
        int extra = avail - used;
        for (int i = 0; i < row->n; i++)
            widths[i] += extra / row->n + (i < extra % row->n);
    }
    int h = ui->theme.min_target;
    for (int i = 0; i < row->n; i++)
        h = max_int(h, ui_button_height(ui, UI_BUTTON_KEY, widths[i],
                                        control_label(ui, row->keys[i]), NULL));
    return h;
}

static KeyboardMetrics keyboard_metrics(Ui *ui, int w, const KbdPlan *p)
{
    const Theme *t = &ui->theme;
    KeyboardMetrics m = {0};
    m.pad = t->space[SPACE_S];
    m.gap = t->space[SPACE_S];
    int inner = max_int(w - 2 * m.pad, 0);
    int cols = p->grid->cols;
    int key_w = max_int((inner - m.gap * (cols - 1)) / cols, 1);
    /* The letter key's width (ten a row) sets the controls' smallest width, so they
     * look alike on every kind of keyboard. */
    int letter_w = max_int((inner - m.gap * (KBD_COLS - 1)) / KBD_COLS, 1);
    m.key_h = max_int(t->min_target, ui_button_height(ui, UI_BUTTON_KEY, key_w, "W", NULL));
    for (int r = 0; r < 2; r++)
        m.control_h[r] = control_row_metrics(ui, &p->rows[r], inner, m.gap, letter_w,
                                             m.control_w[r]);
    return m;
}

static int plan_rows(const KbdPlan *p, const KeyboardMetrics *m)
{
    return p->grid->rows + (m->control_h[0] > 0) + (m->control_h[1] > 0);
}

static int plan_height(const KbdPlan *p, const KeyboardMetrics *m)
{
    int h = 2 * m->pad + p->grid->rows * m->key_h + (plan_rows(p, m) - 1) * m->gap;
    for (int r = 0; r < 2; r++)
        h += m->control_h[r];
    return h;
}

int ui_keyboard_width(const Ui *ui)
{
    const Theme *t = &ui->theme;
    return KBD_COLS * t->min_target + (KBD_COLS - 1) * t->space[SPACE_S] +
           2 * t->space[SPACE_S];
}

int ui_keyboard_height(Ui *ui, int w)
{
    /* The tallest of every kind and layer (with and without capitals), so nothing
     * moves when they change. */
    bool shift = ui->kbd_shift, caps = ui->kbd_caps;
    int h = 0;
    for (int up = 0; up < 2; up++) {
        ui->kbd_shift = up != 0;
        ui->kbd_caps = false;
        for (int mode = UI_KBD_TEXT; mode <= UI_KBD_PHONE; mode++)
            for (int layer = LAYER_LETTERS; layer < LAYER_COUNT; layer++) {
                KbdPlan p = keyboard_plan(ui, (UiKeyboardMode)mode, layer);
                KeyboardMetrics m = keyboard_metrics(ui, w, &p);
                h = max_int(h, plan_height(&p, &m));
            }
    }
    ui->kbd_shift = shift;
    ui->kbd_caps = caps;
    return h;
}

/* The id of a character key: "<kbd>-key-c" for an ASCII character, "<kbd>-key-<hex>"
 * (the code point in lower-case hex) for any other; always the unshifted character's. */
static void key_id(char *out, size_t cap, const char *kbd, const char *key)
{
    size_t n = 1;
    uint32_t cp = utf8_decode(key, strlen(key), &n);
    if (cp < 0x80)
        snprintf(out, cap, "%s-key-%c", kbd, (char)cp);
    else
        snprintf(out, cap, "%s-key-%x", kbd, (unsigned)cp);
}

/* Draws a thick frame on a lock key that is on (Shift, Caps lock): more than colour. */
static void mark_on(Ui *ui, Rect r)
{
    ui_border(ui, r, ui->theme.primary, ui->theme.unit, ui->theme.radius / 2);
}

/* One row of character keys: Latin keys in the same order whatever the layout
 * direction, a right-to-left language's own letters from the right. */
static bool key_row(Ui *ui, Lay *kb, const KeyGrid *g, int key_h, const char *id, int row,
                    StrBuf *text)
{
    LayLen lens[KBD_COLS];
    for (int i = 0; i < g->cols; i++)
        lens[i] = LAY_FR(1);
    Lay r;
    lay_row(kb, &r, g->cols, lens, SPACE_S);
    bool changed = false, upper = shows_upper(ui);
    for (int i = 0; i < g->cols; i++) {
        const char *key = g->keys[row][i];
        if (!key)
            continue;
        const char *shown = key;
        char ascii[2] = {0};
        if (upper && g->upper[row][i]) {
            shown = g->upper[row][i];
        } else if (upper && key[0] >= 'a' && key[0] <= 'z' && !key[1]) {
            ascii[0] = (char)(key[0] - 'a' + 'A');
            shown = ascii;
        }
        char kid[64];
        key_id(kid, sizeof kid, id, key);
        /* Cell i counts from the start side; the keys always run left to right. */
        int cell = ui->rtl && !g->follows_direction ? g->cols - 1 - i : i;
        if (ui_button(ui, kid, lay_cell_rect(&r, cell, key_h), UI_BUTTON_KEY, shown, NULL)) {
            if (strbuf_adds(text, shown) == 0)
                changed = true;
            ui->kbd_shift = false;
        }
    }
    r.row_h = key_h;
    lay_row_end(kb, &r);
    return changed;
}

/* Does what control c says; returns true when the text changed. */
static bool control_act(Ui *ui, const Control *c, StrBuf *text)
{
    switch (c->act) {
    case ACT_CHAR: {
        bool ok = strbuf_adds(text, control_label(ui, c)) == 0;
        ui->kbd_shift = false;
        return ok;
    }
    case ACT_SHIFT: ui->kbd_shift = !ui->kbd_shift; return false;
    case ACT_CAPS:
        ui->kbd_caps = !ui->kbd_caps;
        ui->kbd_shift = false;
        return false;
    case ACT_TO_LETTERS: ui->kbd_layer = LAYER_LETTERS; return false;
    case ACT_TO_SYMBOLS: ui->kbd_layer = LAYER_SYMBOLS; return false;
    case ACT_TO_ACCENTS: ui->kbd_layer = LAYER_ACCENTS; return false;
    case ACT_TO_SCRIPT: ui->kbd_layer = LAYER_SCRIPT; return false;
    case ACT_TO_SCRIPT2: ui->kbd_layer = LAYER_SCRIPT2; return false;
    case ACT_SPACE:
        /* No leading spaces and never two in a row. */
        return text->len && text->buf[text->len - 1] != ' ' && strbuf_addc(text, ' ') == 0;
    case ACT_BACKSPACE:
        if (!text->len)
            return false;
        ui_text_backspace(text);
        return true;
    case ACT_CLEAR:
        if (!text->len)
            return false;
        strbuf_reset(text);
        return true;
    case ACT_WORD: return strbuf_adds(text, c->text) == 0;
    }
    return false;
}

/* A row of controls, in the layout direction. */
static bool control_row(Ui *ui, Lay *kb, const ControlRow *row, const int *widths, int h,
                        const char *id, StrBuf *text)
{
    LayLen lens[KBD_CONTROLS_MAX];
    for (int i = 0; i < row->n; i++)
        lens[i] = row->keys[i]->flex ? LAY_FR(1) : LAY_PX(widths[i]);
    Lay r;
    lay_row(kb, &r, row->n, lens, SPACE_S);
    bool changed = false;
    for (int i = 0; i < row->n; i++) {
        const Control *c = row->keys[i];
        char kid[64];
        if (c->act == ACT_CHAR)
            key_id(kid, sizeof kid, id, c->text);
        else
            snprintf(kid, sizeof kid, "%s-%s", id, c->suffix);
        Rect cr = lay_cell_rect(&r, i, h);
        bool tapped = ui_button(ui, kid, cr, UI_BUTTON_KEY, control_label(ui, c), NULL);
        UiElement *e = ui->nelements ? &ui->elements[ui->nelements - 1] : NULL;
        if (e && strcmp(e->id, kid) == 0) {
            e->label = control_name(ui, c);
            if (c->act == ACT_SHIFT)
                e->checked = ui->kbd_shift;
            if (c->act == ACT_CAPS)
                e->checked = ui->kbd_caps;
        }
        if ((c->act == ACT_SHIFT && ui->kbd_shift) || (c->act == ACT_CAPS && ui->kbd_caps))
            mark_on(ui, cr);
        if (tapped) {
            changed |= control_act(ui, c, text);
            ui->want_frame = true; /* show the new layer or capitals at once */
        }
    }
    r.row_h = h;
    lay_row_end(kb, &r);
    return changed;
}

bool ui_keyboard_for(Ui *ui, const char *id, Rect r, StrBuf *text, UiKeyboardMode mode)
{
    const Theme *t = &ui->theme;
    if ((int)mode != ui->kbd_mode) {
        /* Another kind of field: start again from its letters (or its pad). */
        ui->kbd_mode = (int)mode;
        ui->kbd_layer = mode == UI_KBD_TEXT ? ui_keyboard_first_layer(ui) : LAYER_LETTERS;
        ui->kbd_shift = false;
        ui->kbd_caps = false;
    }
    if (mode == UI_KBD_EMAIL && ui->kbd_layer >= LAYER_ACCENTS)
        ui->kbd_layer = LAYER_LETTERS;
    KbdPlan p = keyboard_plan(ui, mode, ui->kbd_layer);
    KeyboardMetrics m = keyboard_metrics(ui, r.w, &p);
    /* Spare height (the screen gave more than the keys need, or this kind has fewer
     * rows than the tallest) makes the keys taller, up to twice their height; less than
     * they need never makes them smaller. */
    int spare = r.h - plan_height(&p, &m);
    if (spare > 0) {
        int grow = spare / plan_rows(&p, &m);
        if (grow > m.key_h)
            grow = m.key_h;
        m.key_h += grow;
        for (int i = 0; i < 2; i++)
            if (m.control_h[i])
                m.control_h[i] += grow;
    }
    ui_fill(ui, r, t->surface_alt, t->radius);
    Lay kb;
    lay_column(&kb, ui, r, SPACE_S, SPACE_S, id, "group");
    bool changed = false;
    for (int row = 0; row < p.grid->rows; row++)
        changed |= key_row(ui, &kb, p.grid, m.key_h, id, row, text);
    for (int i = 0; i < 2; i++)
        if (m.control_h[i])
            changed |= control_row(ui, &kb, &p.rows[i], m.control_w[i], m.control_h[i], id,
                                   text);
    lay_end(&kb);
    return changed;
}

bool ui_keyboard(Ui *ui, const char *id, Rect r, StrBuf *text)
{
    return ui_keyboard_for(ui, id, r, text, UI_KBD_TEXT);
}
