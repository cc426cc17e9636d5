/* ui.h: the touch UI toolkit, immediate-mode in the shape of microui: each frame the
 * screen code calls widget functions, which draw into the draw list, register an
 * element (id, role, label, rectangle) for the harness dump and tests, and return
 * what the person did. No SDL here: text is measured through UiMeasure callbacks the
 * platform supplies.
 *
 * Touch rules: buttons fire on release, inside a hit area padded beyond what is drawn,
 * only if the press began on the same button; moving more than drag_slop inside a
 * scroll region turns the press into a scroll and cancels the button.
 *
 * Input arrives one event per frame (ui_input_* before ui_begin), so a quick tap's
 * press and release are seen by separate frames. The Ui owns its draw list, element
 * list and frame arena; strings passed to widgets are copied into the frame arena. */
#ifndef SIGNPOST_UI_H
#define SIGNPOST_UI_H

#include "draw.h"
#include "mem.h"
#include "strbuf.h"
#include "theme.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct UiMeasure {
    void *user;
    /* Width in px of text[0..len) in font role `font`. */
    int (*text_width)(void *user, int font, const char *text, size_t len);
    /* Distance between baselines of consecutive lines in `font`. */
    int (*line_height)(void *user, int font);
    /* The UI's language changed (BCP 47): direction, preferred fonts. May be NULL. */
    void (*set_language)(void *user, const char *bcp47);
} UiMeasure;

typedef enum UiKey {
    UI_KEY_NONE,
    UI_KEY_RETURN,
    UI_KEY_BACKSPACE,
    UI_KEY_TAB,
    UI_KEY_ESCAPE,
    UI_KEY_LEFT,
    UI_KEY_RIGHT,
    UI_KEY_UP,
    UI_KEY_DOWN,
    UI_KEY_BACKTAB, /* Shift+Tab */
    UI_KEY_HELP     /* F1, or a keypad's Help key */
} UiKey;

/* Parses "Return", "Backspace", "Tab", "Shift+Tab", "Escape", "Left", "Help"...
 * (case-insensitive). */
UiKey ui_key_parse(const char *name);

/* One node of the accessibility tree: what the harness dump, tests, and (later) keypad
 * navigation and read-aloud see of the screen. The element list of a frame IS the tree:
 * elements appear in reading order (the order screens register them), each names its
 * parent group, and the list is the single source of truth for what is on screen. */
typedef struct UiElement {
    const char *id;    /* stable id, e.g. "tile-find"; frame arena */
    const char *role;  /* "button", "text", "heading", "switch", "field", "key", "qr",
                          "image", "tab", "list", "group", "region", "dialog", "scroll" */
    const char *label; /* its accessible name: visible text (for a qr, its payload) */
    Rect rect;         /* where it is laid out (may be scrolled out of view) */
    Rect visible;      /* the part actually on screen once scroll regions, clips and
                          overlays cut it (dumped as "clip"); empty when hidden */
    int scroll;        /* index of its scroll region in this frame, or -1 */
    int parent;        /* index of the group element it sits in, or -1 (the screen) */
    int order;         /* reading order: position among visible elements, or -1 */
    int focus_order;   /* position among focusable elements, or -1 */
    bool interactive;
    bool checked;      /* switches and tabs: on / selected */
    bool focused;      /* has keyboard focus (fields; later every control) */
    bool clipped;      /* text that does not fit its box: part of it cannot be seen */
    bool disabled;     /* shown but does nothing now */
    bool personal;     /* its words are a person's own answer (ui_set_personal): read
                          aloud only in private (a headset, or when they asked) */
    bool hidden;       /* covered by an overlay (not just scrolled out of view) */
    const char *lang;  /* BCP 47 code of its words when not the UI language (content
                          shown in English in place of a missing translation), else
                          NULL; static, not owned */
} UiElement;

/* Scroll state kept across frames, keyed by the region's id. */
typedef struct UiScrollState {
    uint32_t id;
    int offset;     /* px scrolled from the top */
    int content_h;  /* content height seen last frame */
    int view_h;
    Rect view;      /* the region's rectangle last frame */
    char name[64];  /* its id string, for the dump */
    bool used;      /* seen this frame */
} UiScrollState;

enum { UI_MAX_SCROLLS = 16, UI_TEXT_INPUT_MAX = 256, UI_CLIP_DEPTH = 8, UI_GROUP_DEPTH = 16 };

typedef struct Ui {
    Theme theme;
    UiMeasure measure;
    int width, height;
    DrawList draw;
    Arena frame;                 /* strings of this frame */
    UiElement *elements;         /* this frame's elements */
    size_t nelements, elements_cap;

    /* Pointer state, persistent. */
    int px, py;                  /* last pointer position */
    bool down;
    int press_x, press_y;
    /* Events of this frame. */
    bool ev_pressed, ev_released, ev_moved;
    char text_in[UI_TEXT_INPUT_MAX]; /* text typed this frame (UTF-8) */
    UiKey key_in;
    /* Interaction state. */
    uint32_t active;             /* id of the widget being pressed, 0 none */
    uint32_t scroll_candidate;   /* scroll region under the press */
    int scroll_start_offset;
    bool dragging;               /* the press has become a scroll */
    uint32_t focus;              /* focused text field */
    int layer, modal_layer;      /* widgets below modal_layer ignore input */
    /* Overlays (ui_overlay_begin): one drawn this frame makes everything under it deaf
     * to input next frame, and a press that starts while one is up belongs to it alone:
     * if the overlay goes away on that touch (the still-there prompt), the press
     * does nothing else. */
    bool overlay_drawn, overlay_was_up;
    int press_layer;             /* layer a press must be on to be claimed */
    int overlay_h[4];            /* last frame's height of each open overlay, by depth */
    int overlay_depth;
    bool rtl;                    /* right-to-left: rows mirror, start means right */
    /* Open groups of the accessibility tree (element indices). */
    int groups[UI_GROUP_DEPTH];
    int ngroups;
    /* Clip stack. */
    Rect clip[UI_CLIP_DEPTH];
    int nclip;
    /* Scroll regions. */
    UiScrollState scrolls[UI_MAX_SCROLLS];
    int cur_scroll;              /* index into scrolls of the open region, -1 */
    int scroll_base_y;           /* content origin of the open region */
    bool want_frame;             /* a widget changed state and needs another frame */
    bool kbd_shift;              /* on-screen keyboard: next letter in capitals */
    bool kbd_caps;               /* on-screen keyboard: every letter in capitals */
    int kbd_layer;               /* on-screen keyboard: letters, symbols or accents */
    int kbd_mode;                /* on-screen keyboard: the UiKeyboardMode drawn last */
    char language[16];           /* BCP 47 code of the UI language ("en" by default) */
    bool had_input;              /* the frame just ended handled an input event */
    bool personal;               /* elements registered now are personal answers */
    const char *text_lang;       /* the language of the words registered now when not the
                                  * UI's (ui_set_text_lang), else NULL */
    /* Keyboard focus (keys.c): the control Return acts on and Tab moves from. */
    uint32_t nav;                /* its id hash, 0 none yet */
    uint32_t nav_saved;          /* focus under an overlay, given back when it closes */
    uint32_t nav_start;          /* where focus starts on this screen (ui_focus_start) */
    bool nav_shown;              /* the ring shows: a key was used since the last touch */
    bool key_reveal;             /* this frame's key only shows the ring */
    Rect ring;                   /* outer edge of the ring drawn this frame (empty none) */
    int ring_w;                  /* its thickness */
} Ui;

void ui_init(Ui *ui, const UiMeasure *m);
void ui_release(Ui *ui);
/* Forgets interaction state (focus, scroll offsets, presses): when a screen is left or
 * the kiosk returns home. */
void ui_reset_state(Ui *ui);

/* ---- input, before ui_begin ---- */
void ui_input_pointer_down(Ui *ui, int x, int y);
void ui_input_pointer_move(Ui *ui, int x, int y);
void ui_input_pointer_up(Ui *ui, int x, int y);
void ui_input_text(Ui *ui, const char *utf8);
void ui_input_key(Ui *ui, UiKey key);

/* ---- frame ---- */
void ui_begin(Ui *ui, int width, int height);
void ui_end(Ui *ui);

/* ---- ids and elements ---- */
uint32_t ui_id(const char *id);
/* Registers an element; returns it for extra fields, or NULL when out of memory. */
UiElement *ui_register(Ui *ui, const char *id, const char *role, const char *label,
                       Rect r, bool interactive);
/* Marks every element registered so far this frame as hidden: call before drawing
 * something that covers the whole screen (ui_overlay_begin does). */
void ui_occlude_all(Ui *ui);
/* Opens a group of the accessibility tree (role "group", "region", "dialog", "scroll",
 * "banner", "toolbar"...): elements registered until ui_group_end are its children.
 * Returns its element index (or -1); ui_group_end sets its final rectangle. */
int ui_group_begin(Ui *ui, const char *id, const char *role, const char *name, Rect r);
void ui_group_end(Ui *ui, int group, Rect r);
/* While on, every element registered is marked personal (a person's own answer: the
 * speech reads it only in private). Screens turn it on around fields and the review of
 * what someone entered, and off after; each frame starts with it off. */
void ui_set_personal(Ui *ui, bool on);
/* While set (a static BCP 47 code such as "en"; NULL or the UI language to end it),
 * the words of every element registered are in that language, not the UI's: the
 * element carries it (read aloud speaks them with that language's voice) and, in a
 * right-to-left UI, text in a left-to-right language is laid out left to right,
 * aligned to the left. Screens set it around content shown in English in place of a
 * missing translation; each frame starts with it off. */
void ui_set_text_lang(Ui *ui, const char *bcp47);
/* Sets the layout direction: right-to-left mirrors every row and text's start side. */
void ui_set_rtl(Ui *ui, bool rtl);
/* Sets the UI language (BCP 47, e.g. "en", "cy", "ur", "ar-EG", "bn", "pa"): right to
 * left for ar, ur and other right-to-left languages (the layout mirrors: Back on the
 * right, progress from the right, text right-aligned; numbers, QR codes and the floor
 * plan do not); tells the text layer which script and font to prefer (Urdu:
 * Nastaliq; Arabic: Naskh) and drops its cached text; the on-screen keyboard offers
 * the language's letters. NULL or "" means English. */
void ui_set_language(Ui *ui, const char *bcp47);
/* The first element whose id equals target, or else whose label equals target. */
const UiElement *ui_find_element(const Ui *ui, const char *target);

/* ---- clipping and scrolling ---- */
void ui_push_clip(Ui *ui, Rect r);
void ui_pop_clip(Ui *ui);
Rect ui_current_clip(const Ui *ui);
/* True when r is at least partly inside the current clip (worth drawing). */
bool ui_visible(const Ui *ui, Rect r);
/* Opens a vertical scroll region over `view`; returns the y at which content starts
 * (view.y minus the scroll offset). Widgets inside are clipped to view. */
int ui_scroll_begin(Ui *ui, const char *id, Rect view);
/* Closes it with the height the content took; draws the scroll bar. */
void ui_scroll_end(Ui *ui, int content_h);
/* Sets region `id`'s scroll offset in px from the top (0: the top), clamped to its
 * content as last laid out. */
void ui_scroll_to(Ui *ui, const char *id, int offset);
UiScrollState *ui_scroll_state(Ui *ui, const char *id);

/* ---- text ---- */
typedef enum UiAlign { UI_ALIGN_LEFT, UI_ALIGN_CENTER, UI_ALIGN_RIGHT } UiAlign;
/* Draws text wrapped to r.w, returns the height used. Registers one element with the
 * whole text; it is marked clipped when the wrapped text is taller than r.h. In
 * right-to-left, LEFT and RIGHT swap (they mean start and end). id may be NULL. */
int ui_text(Ui *ui, const char *id, Rect r, int font, Color c, UiAlign align,
            const char *text);
/* Height the wrapped text would take. */
int ui_text_height(Ui *ui, int font, int width, const char *text);
/* Draws wrapped text that is decoration (a list's bullet, a plan's room label drawn
 * beside the same words in the tree): not an element of the accessibility tree. */
void ui_draw_words(Ui *ui, Rect r, int font, Color c, UiAlign align, const char *text);
int ui_text_width(Ui *ui, int font, const char *text);
int ui_line_height(Ui *ui, int font);

/* ---- widgets ---- */
typedef enum UiButtonStyle {
    UI_BUTTON_PRIMARY,   /* filled blue */
    UI_BUTTON_SECONDARY, /* white with border */
    UI_BUTTON_TILE,      /* big home tile: title + hint */
    UI_BUTTON_ROW,       /* list row: title + detail, full width */
    UI_BUTTON_KEY,       /* on-screen keyboard key */
    UI_BUTTON_HEADER     /* in the blue header bar */
} UiButtonStyle;

/* The height a button of width w needs for its words (wrapped), at least the minimum
 * touch target; and the width it needs to show label on one line. */
int ui_button_height(Ui *ui, UiButtonStyle style, int w, const char *label, const char *detail);
int ui_button_width(Ui *ui, UiButtonStyle style, const char *label);
/* A button with a label (and optional second line `detail`), both wrapped to fit.
 * Returns true on the frame it is released inside. */
bool ui_button(Ui *ui, const char *id, Rect r, UiButtonStyle style, const char *label,
               const char *detail);
/* A secondary button with a pictogram (assets/pictograms name) before its label; the
 * width it needs on one line, and the height it needs at width w. */
bool ui_button_icon(Ui *ui, const char *id, Rect r, const char *icon, const char *label);
int ui_button_icon_width(Ui *ui, const char *label);
int ui_button_icon_height(Ui *ui, int w, const char *label);
/* A home tile: pictogram (assets/pictograms name, or NULL), title and hint, wrapped;
 * and the height it needs at width w. */
bool ui_tile(Ui *ui, const char *id, Rect r, const char *icon, const char *title,
             const char *hint);
int ui_tile_height(Ui *ui, int w, const char *icon, const char *title, const char *hint);
/* A labelled on/off switch; flips *on and returns true when tapped. */
bool ui_switch(Ui *ui, const char *id, Rect r, const char *label, bool *on);
/* The height a switch or tab of width w needs for its label: at least the minimum
 * touch target, more when larger text wraps the label. */
int ui_switch_height(Ui *ui, int w, const char *label);
/* The width a switch needs to show its label on one line with its On/Off and pill. */
int ui_switch_width(Ui *ui, const char *label);
int ui_tab_height(Ui *ui, int w, const char *label);
/* A tab; returns true when tapped. */
bool ui_tab(Ui *ui, const char *id, Rect r, const char *label, bool selected);
/* A touch area over something the caller draws (a route's step): an element of role
 * "button" named label, checked when selected, with the pressed and selected
 * backgrounds drawn first. Returns true when tapped (or chosen with keys). */
bool ui_press_area(Ui *ui, const char *id, Rect r, const char *label, bool selected);
/* A single-line text field editing `text` (UTF-8, limited by text->max). It takes
 * focus when tapped; typed text and keys go to the focused field. Returns true when
 * the text changed this frame. */
bool ui_field(Ui *ui, const char *id, Rect r, StrBuf *text, const char *placeholder);
void ui_focus(Ui *ui, const char *id);
/* Whether element `id` has focus; whether anything has; the focused element's id hash
 * (0: none), to notice when focus moves. */
bool ui_is_focused(const Ui *ui, const char *id);
bool ui_has_focus(const Ui *ui);
uint32_t ui_focused(const Ui *ui);
/* Asks the run loop for one more frame at once (a layout that settles after a frame). */
void ui_request_frame(Ui *ui);
/* True when an overlay has been drawn this frame (nothing under it takes input). */
bool ui_overlay_up(const Ui *ui);
/* True when the frame just ended handled input or asked for another frame: the run
 * loop draws again at once so the screen shows the state after the input. */
bool ui_needs_another_frame(const Ui *ui);
/* A text area: like ui_field, but the text wraps over several lines; when it is
 * longer than the box, the end (where the person is typing) stays in view. */
bool ui_textarea(Ui *ui, const char *id, Rect r, StrBuf *text, const char *placeholder);
/* The kinds of on-screen keyboard (keyboard.c): for ordinary text (letters, a layer
 * of numbers and symbols, a layer of accented letters, Shift and Caps lock), for an
 * email address (letters with @ . _ -, the symbols layer, .com and .co.uk keys), and
 * for a phone number (a dial pad: digits, + ( ) - * # and Space). */
typedef enum UiKeyboardMode { UI_KBD_TEXT, UI_KBD_EMAIL, UI_KBD_PHONE } UiKeyboardMode;
/* The on-screen keyboard for ordinary text, editing `text`. Returns true when the text
 * changed. Element ids: "<id>-key-c" for an ASCII character c, "<id>-key-<hex>" for
 * another (its code point), "<id>-shift", "-caps", "-space", "-backspace", "-clear",
 * "-layer-letters", "-layer-symbols", "-layer-accents", "-dotcom", "-dotcouk". */
bool ui_keyboard(Ui *ui, const char *id, Rect r, StrBuf *text);
/* The on-screen keyboard of the kind that suits the field (a phone number, an email
 * address or text). Changing kind goes back to its first layer. */
bool ui_keyboard_for(Ui *ui, const char *id, Rect r, StrBuf *text, UiKeyboardMode mode);
/* How tall the on-screen keyboard is at width w: rows of keys at least the minimum
 * touch target, taller when larger text needs it; the tallest of every kind and layer,
 * so the keyboard keeps its place when they change. Give ui_keyboard that much. */
int ui_keyboard_height(Ui *ui, int w);
/* The narrowest keyboard whose keys are all at least the minimum touch target wide. */
int ui_keyboard_width(const Ui *ui);
/* A pictogram from assets/pictograms (name without ".svg"), fitted into r and tinted c.
 * With a non-empty alt it is an element of role "image" named alt; without, it is
 * decoration beside words that already say the same, and not in the tree. */
void ui_image(Ui *ui, const char *id, Rect r, const char *name, Color c, const char *alt);
/* A picture (PNG bytes that outlive the frame, such as a floor plan's drawing in the
 * Site) scaled to fill r; decoration: the caller registers what it shows. */
void ui_picture(Ui *ui, Rect r, const void *png, size_t len);
/* A QR code with its quiet zone, the largest whole-pixel size that fits r. */
void ui_qr(Ui *ui, const char *id, Rect r, const QrMatrix *qr);
/* Panels and rules. */
void ui_fill(Ui *ui, Rect r, Color c, int radius);
void ui_border(Ui *ui, Rect r, Color c, int thickness, int radius);
void ui_line(Ui *ui, int x1, int y1, int x2, int y2, Color c, int thickness);
void ui_disc(Ui *ui, Rect r, Color c);

/* ---- keyboard focus (keys.c) ----
 * Every interactive element is reachable with keys in the tree's focus order: Tab,
 * Down (and Right; Left in right-to-left) move on, Shift+Tab, Up (Left) move back, with
 * wrap-around; Return activates. While an overlay is up only its controls are
 * focusable. The focus ring is drawn only once a key has been used (a touch hides it
 * again); the first key after a touch only shows where the focus is. Moving focus
 * into a scroll region scrolls it so the control is wholly in view; Up and Down never
 * skip what has not been seen: where the next control is more than most of a view away
 * in a scroll region (a long text page), or outside a region with more to show, they
 * scroll the region by three quarters of a view and the focus stays. Focus starts on
 * the focused text field, else the first control in view in the element (or group)
 * named by ui_focus_start, else the first control in view, else the first control. */
/* Names where focus starts on this screen (an element or a group id); call every
 * frame, before drawing; the last call wins. */
void ui_focus_start(Ui *ui, const char *id);
/* Forgets the keyboard focus: the next frame starts it afresh (a new screen or step). */
void ui_focus_restart(Ui *ui);
/* The keyboard focus's id hash (0: none), and sets it (from ui_focus_nav()). */
uint32_t ui_focus_nav(const Ui *ui);
void ui_focus_set_nav(Ui *ui, uint32_t nav);
/* The key this frame brought (UI_KEY_NONE: none), for keys the app handles itself
 * (Escape, Help). */
UiKey ui_key(const Ui *ui);
/* Called by ui_end: moves the focus for this frame's key and draws the ring. */
void ui_keys_end_frame(Ui *ui);
/* Whether a key press this frame activates control `id` (Return on the focused one). */
bool ui_key_activates(const Ui *ui, uint32_t id);

/* Deletes the last code point of text (wiping it). */
void ui_text_backspace(StrBuf *text);

#endif
