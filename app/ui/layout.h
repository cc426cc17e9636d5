/* layout.h: the layout engine. Screens describe columns, rows and panels; the engine
 * works out every rectangle, so no screen does pixel arithmetic, larger text grows
 * containers instead of spilling out of them, and right-to-left languages mirror every
 * row without a change to screen code.
 *
 * The model is microui's cursor layout with flexbox's sizing words, kept immediate-mode
 * (one pass, no retained tree), in the style of RectCut:
 *   - A column (Lay) stacks children top to bottom. Each child takes the column's width
 *     (or a narrower width aligned to the start, centre or end) and the height its
 *     content needs, measured with wrapping at that width; then the cursor moves down
 *     by that height and the column's gap. A column may also cut fixed pieces off its
 *     bottom (a button bar) and hand what is left to a child (lay_rest).
 *   - A row (lay_row) splits the column's width into cells by fixed pixels, content
 *     widths (LAY_FIT, from ui_button_width or ui_text_width) and weights (LAY_FR);
 *     each cell is a column of its own. The row is as tall as its tallest cell. In
 *     right-to-left the first cell is at the right.
 *   - A panel is a column with a background and border drawn behind its children,
 *     sized once they are placed (the draw command is reserved first and filled in
 *     at the end, so the panel needs no second pass).
 *   - A scroll region is a column of unbounded height inside a fixed viewport.
 *   - An overlay (a modal prompt) covers the screen, hides what is under it from the
 *     accessibility tree and from touch, and is a centred panel.
 * Gaps and padding are Space tokens from the theme. Every container may register a
 * group in the accessibility tree (give it an id), so the tree mirrors the layout.
 *
 * Ownership: a Lay is a small value on the caller's stack, borrowing the Ui; nothing
 * to free. Lays nest strictly: end a child before using its parent again. */
#ifndef SIGNPOST_LAYOUT_H
#define SIGNPOST_LAYOUT_H

#include "ui.h"

enum { LAY_MAX_CELLS = 12 };

typedef struct Lay {
    Ui *ui;
    Rect outer;      /* the container's own rectangle (its height grows as it fills) */
    Rect box;        /* the content box: outer less padding; box.h is what is
                        available (LAY_UNBOUNDED when the container grows freely) */
    int y;           /* top of the next child */
    int bottom;      /* bottom of the space children may use (moves up with lay_bottom) */
    int gap;         /* px between children */
    int pad;         /* px of padding */
    bool started;    /* a child has been placed (the next one gets a gap first) */
    int group;       /* accessibility group element, or -1 */
    int bg, border;  /* reserved draw commands for a panel, or -1 */
    int accent;      /* reserved draw command for a panel's accent bar, or -1 */
    /* Rows only: the cells' x offsets and widths, and the tallest cell so far. */
    int ncells;
    int cell_x[LAY_MAX_CELLS], cell_w[LAY_MAX_CELLS];
    int row_h;
    /* Scroll regions only: the region's content origin. */
    bool scroll;
    int scroll_y0;
} Lay;

enum { LAY_UNBOUNDED = 1 << 28 };

/* How wide a row's cell is. */
typedef enum LayLenKind { LAY_LEN_PX, LAY_LEN_FR } LayLenKind;
typedef struct LayLen {
    LayLenKind kind;
    int value;       /* px, or a weight */
} LayLen;
/* Fixed or content width (measure content with ui_button_width / ui_text_width). */
static inline LayLen LAY_PX(int px)
{
    LayLen l = {LAY_LEN_PX, px};
    return l;
}
#define LAY_FIT LAY_PX
/* A share of what the fixed cells leave. */
static inline LayLen LAY_FR(int weight)
{
    LayLen l = {LAY_LEN_FR, weight};
    return l;
}

/* How a narrower child sits in its column: at the start side, centred, or at the end. */
typedef enum LayAlign { LAY_START, LAY_CENTER, LAY_END, LAY_STRETCH } LayAlign;

/* ---- columns ---- */
/* Starts a column over r (r.h is the height available; LAY_UNBOUNDED to grow freely),
 * with padding and a gap between children. With id non-NULL the column is a group in
 * the accessibility tree (role e.g. "region", "group", "banner", "toolbar"). */
void lay_column(Lay *l, Ui *ui, Rect r, Space pad, Space gap, const char *id,
                const char *role);
/* Ends a column started with lay_column: closes its group. Returns the height used,
 * padding included. */
int lay_end(Lay *l);
/* The next child: full width, height h. */
Rect lay_next(Lay *l, int h);
/* The next child, width w (clamped to the column), placed by align. */
Rect lay_next_w(Lay *l, int w, int h, LayAlign align);
/* The next child, slot_h tall, holding something h tall centred in it (a button in a
 * bar as tall as its title): returns the centred piece. */
Rect lay_next_centered(Lay *l, int slot_h, int h);
/* Cuts h px off the bottom of the column (a button bar); returns that piece. */
Rect lay_bottom(Lay *l, int h);
/* Everything left between the cursor and the bottom, as one child. */
Rect lay_rest(Lay *l);
/* Space left between the cursor (plus the gap the next child would get) and the
 * bottom; LAY_UNBOUNDED when the column grows freely. */
int lay_remaining(const Lay *l);
/* Extra space before the next child. */
void lay_space(Lay *l, Space s);
/* Height used so far, padding included. */
int lay_used(const Lay *l);
/* The column's content width. */
int lay_width(const Lay *l);

/* ---- widgets placed in a column ---- */
/* Wrapped text, as tall as its words; returns the height. */
int lay_text(Lay *l, const char *id, int font, Color c, const char *text);
int lay_text_align(Lay *l, const char *id, int font, Color c, UiAlign align, const char *text);
/* A heading above a value (a labelled section of a details screen). */
void lay_section(Lay *l, const char *id, const char *heading, const char *body);
/* The same, with the body's words in language body_lang (ui_set_text_lang; NULL for
 * the UI's): content shown in English in place of a missing translation. */
void lay_section_lang(Lay *l, const char *id, const char *heading, const char *body,
                      const char *body_lang);
/* A button as tall as its words need at its width: full width (LAY_STRETCH), or as wide
 * as its label (LAY_START/CENTER/END), never narrower than a touch target. */
bool lay_button(Lay *l, const char *id, UiButtonStyle style, const char *label,
                const char *detail, LayAlign align);
bool lay_tab(Lay *l, const char *id, const char *label, bool selected);
bool lay_switch(Lay *l, const char *id, const char *label, bool *on);
bool lay_field(Lay *l, const char *id, StrBuf *text, const char *placeholder);

/* ---- rows ---- */
/* Starts a row at the parent's cursor, as wide as the parent, split into n cells by
 * lens (n <= LAY_MAX_CELLS). Cells whose lengths add up to more than the row get what
 * is left, in order; weighted cells share what fixed ones leave. */
void lay_row(Lay *parent, Lay *row, int n, const LayLen *lens, Space gap);
/* The i-th cell of a row as a column (mirrored in right-to-left). */
void lay_cell(Lay *row, Lay *cell, int i, Space pad);
/* Ends a cell: the row grows to the cell's height. */
void lay_cell_end(Lay *row, Lay *cell);
/* Ends the row: the parent's cursor moves past its tallest cell. */
void lay_row_end(Lay *parent, Lay *row);
/* The x and width of cell i (for drawing across cells, rarely needed). */
Rect lay_cell_rect(const Lay *row, int i, int h);

/* ---- panels ---- */
typedef struct LayPanelStyle {
    Color bg;
    Color border;    /* drawn when border_w > 0 */
    int border_w;
    Color accent;    /* a bar at the start side, when accent_w > 0 */
    int accent_w;
    int radius;
} LayPanelStyle;
/* Starts a panel at the parent's cursor, full width, with padding and gap inside; its
 * background is drawn behind whatever is placed in it. id: a group in the tree. */
void lay_panel(Lay *parent, Lay *panel, const LayPanelStyle *style, Space pad, Space gap,
               const char *id);
/* Ends the panel: its background gets its final size; the parent moves past it. */
void lay_panel_end(Lay *parent, Lay *panel);
/* The usual looks: a surface card, a notice (warning colours, accent bar). */
LayPanelStyle lay_style_card(const Ui *ui);
LayPanelStyle lay_style_notice(const Ui *ui);

/* ---- scroll regions ---- */
/* Starts a vertical scroll region over the rest of the parent (h 0) or h px, whose
 * content is a column `inner` of unbounded height. */
void lay_scroll(Lay *parent, Lay *inner, const char *id, int h, Space pad, Space gap);
/* Ends it: the region learns its content height; the parent moves past the viewport. */
void lay_scroll_end(Lay *parent, Lay *inner);

/* ---- overlays ---- */
/* Covers the screen with the theme's backdrop, hides everything drawn so far from touch
 * and from the accessibility tree, and starts a centred dialog panel `dlg` (a group of
 * role "dialog" named `name`) of width up to max_w (0: two thirds of the screen). All
 * touch goes to the overlay until a frame without one. */
void ui_overlay_begin(Ui *ui, Lay *dlg, const char *id, const char *name, int max_w);
void ui_overlay_end(Ui *ui, Lay *dlg);

/* ---- grids ---- */
/* How many equal columns of at least min_w fit w with gaps of gap px (1..max_cols). */
int lay_grid_columns(int w, int min_w, int gap, int max_cols);

#endif
