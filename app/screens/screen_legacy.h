/* screen_legacy.h: TRANSITIONAL hand-placed helpers (see screen_legacy.c). */
#ifndef SIGNPOST_SCREEN_LEGACY_H
#define SIGNPOST_SCREEN_LEGACY_H

#include "screens.h"

bool legacy_dest_row(App *app, Ui *ui, Rect r, int index);
bool legacy_service_row(App *app, Ui *ui, Rect r, int index);
bool legacy_page_row(App *app, Ui *ui, Rect r, int index);
void legacy_qr_panel(Ui *ui, Rect r, const char *id, const QrMatrix *qr, const char *caption);
int legacy_qr_panel_height(const Ui *ui, const QrMatrix *qr);
int legacy_section(Ui *ui, const char *id, Rect r, const char *heading, const char *body);

#endif
