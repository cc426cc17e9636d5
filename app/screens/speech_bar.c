/* speech_bar.c: the read-aloud controls every screen shows under its header while
 * read aloud is on: Repeat, Stop, Quieter, Louder, Slower, Faster and "Read my answers
 * aloud", in as many rows as the width needs (large text wraps them). Where this
 * kiosk has no speech, or no voice for the screen's language, a note says so instead:
 * better silent with a visible note than another language's sounds. */
#include "screens.h"

#include "read_aloud.h"

enum { SPEECH_CONTROLS = 7 };

typedef struct Control {
    const char *id;
    StrId label;
    bool is_switch;
} Control;

static const Control controls[SPEECH_CONTROLS] = {
    {"speech-repeat", S_SPEECH_REPEAT, false},   {"speech-stop", S_SPEECH_STOP, false},
    {"speech-quieter", S_SPEECH_QUIETER, false}, {"speech-louder", S_SPEECH_LOUDER, false},
    {"speech-slower", S_SPEECH_SLOWER, false},   {"speech-faster", S_SPEECH_FASTER, false},
    {"speech-answers", S_SPEECH_ANSWERS, true},
};

/* What a control does when tapped. */
static void act(App *app, int i)
{
    ReadAloud *r = &app->read;
    const char *lang = app_language(app);
    const char *name = tr(controls[i].label);
    switch (i) {
    case 0: read_aloud_repeat(r, lang); break;
    case 1: read_aloud_stop(r); break;
    case 2: read_aloud_volume_step(r, -1, lang, name); break;
    case 3: read_aloud_volume_step(r, +1, lang, name); break;
    case 4: read_aloud_rate_step(r, -1, lang, name); break;
    case 5: read_aloud_rate_step(r, +1, lang, name); break;
    default: break; /* the switch flips r->answers itself */
    }
}

static int natural_width(Ui *ui, const Control *c)
{
    const Theme *t = &ui->theme;
    const char *label = tr(c->label);
    int w = c->is_switch ? ui_switch_width(ui, label)
                         : ui_button_width(ui, UI_BUTTON_SECONDARY, label);
    return w < t->min_target * 2 ? t->min_target * 2 : w;
}

int screen_speech_bar(App *app, Ui *ui, int y)
{
    if (!app->read.on)
        return 0;
    const Theme *t = &ui->theme;
    int w = ui->width, pad = t->space[SPACE_L], gap = t->space[SPACE_M];
    LayPanelStyle style = {t->surface_alt, t->border, 0, t->primary, 0, 0};
    Lay screen, bar, row, cell;
    lay_column(&screen, ui, rect_make(0, y, w, LAY_UNBOUNDED), SPACE_NONE, SPACE_NONE, NULL,
               NULL);
    lay_panel(&screen, &bar, &style, SPACE_M, SPACE_M, "speech-bar");
    bar.box.x = screen.box.x + pad;
    bar.box.w = w - 2 * pad;
    if (!app->read.engine || !speech_has_voice(app->read.engine, app_language(app))) {
        lay_text(&bar, "speech-unavailable", FONT_BODY_BOLD, t->text, tr(S_SPEECH_NO_VOICE));
    } else {
        int widths[SPEECH_CONTROLS];
        for (int i = 0; i < SPEECH_CONTROLS; i++)
            widths[i] = natural_width(ui, &controls[i]);
        int avail = bar.box.w;
        for (int first = 0; first < SPEECH_CONTROLS;) {
            /* As many as fit on this row, at least one. */
            int n = 1, used = widths[first];
            while (first + n < SPEECH_CONTROLS && used + gap + widths[first + n] <= avail)
                used += gap + widths[first + n++];
            LayLen lens[SPEECH_CONTROLS];
            for (int k = 0; k < n; k++)
                lens[k] = LAY_FR(widths[first + k]);
            lay_row(&bar, &row, n, lens, SPACE_M);
            for (int k = 0; k < n; k++) {
                const Control *c = &controls[first + k];
                lay_cell(&row, &cell, k, SPACE_NONE);
                if (c->is_switch) {
                    bool on = app->read.answers;
                    if (lay_switch(&cell, c->id, tr(c->label), &on))
                        app->read.answers = on;
                } else if (lay_button(&cell, c->id, UI_BUTTON_SECONDARY, tr(c->label), NULL,
                                      LAY_STRETCH)) {
                    act(app, first + k);
                }
                lay_cell_end(&row, &cell);
            }
            lay_row_end(&bar, &row);
            first += n;
        }
    }
    lay_panel_end(&screen, &bar);
    return lay_end(&screen);
}
