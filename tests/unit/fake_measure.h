/* fake_measure.h: text measurement for UI tests without SDL or fonts: every byte is
 * CHAR_W px wide and every line LINE_H px high, so layouts can be worked out by hand. */
#ifndef SIGNPOST_FAKE_MEASURE_H
#define SIGNPOST_FAKE_MEASURE_H

#include "ui.h"

enum { CHAR_W = 10, LINE_H = 20 };

static inline int fake_width(void *user, int font, const char *text, size_t len)
{
    (void)user;
    (void)font;
    (void)text;
    return (int)len * CHAR_W;
}

static inline int fake_line_height(void *user, int font)
{
    (void)user;
    (void)font;
    return LINE_H;
}

static inline UiMeasure fake_measure(void)
{
    UiMeasure m = {NULL, fake_width, fake_line_height, NULL};
    return m;
}

#endif
