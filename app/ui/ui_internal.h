/* ui_internal.h: helpers shared by the toolkit's own files; not for screens. */
#ifndef SIGNPOST_UI_INTERNAL_H
#define SIGNPOST_UI_INTERNAL_H

#include "ui.h"

/* Button behaviour (Nuklear's *_behavior): claims the press, reports the release.
 * `hit` is the padded hit area. Sets *pressed when it should look pressed. */
bool ui_press_behavior(Ui *ui, uint32_t id, Rect hit, bool *pressed);

/* Draws one line of text; clipped and culled. */
void ui_draw_text_line(Ui *ui, int x, int y, int font, Color c, const char *text,
                       size_t len);

/* The keyboard layer text fields start on: the UI language's own letters when it has
 * a layer of them (keyboard.c), otherwise the Latin letters. */
int ui_keyboard_first_layer(const Ui *ui);

#endif
