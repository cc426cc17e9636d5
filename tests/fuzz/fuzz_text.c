/* fuzz_text.c: fuzz target for text from content as the kiosk draws it (app/textrun):
 * the first byte picks the UI direction; the rest, as any bytes (broken UTF-8
 * included), is split into direction and script runs, whose byte ranges must tile the
 * input exactly, and is looked up in the Debian Noto fonts as content check does. Any
 * crash, leak, undefined behaviour or a run outside the text is a bug. */
#include "fuzz.h"

#include "textrun.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static TextFonts *fonts(void)
{
    static TextFonts *f;
    static bool tried;
    if (!tried) {
        const char *paths[] = {"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                               "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
                               "/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf"};
        f = textfonts_open(paths, 3);
        tried = true;
    }
    return f;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    bool rtl = data[0] & 1;
    size_t len = size - 1;
    char *text = malloc(len + 1);
    if (!text)
        return 0;
    memcpy(text, data + 1, len);
    text[len] = '\0';
    TextRun runs[TEXTRUN_MAX];
    size_t max = (data[0] >> 1) % TEXTRUN_MAX + 1;
    size_t n = textrun_split(text, len, rtl, runs, max);
    size_t covered = 0;
    for (size_t i = 0; i < n; i++) {
        if (runs[i].start > len || runs[i].len > len - runs[i].start || runs[i].len == 0 ||
            runs[i].script >= TEXT_SCRIPT_COUNT)
            abort();
        covered += runs[i].len;
    }
    if (n > max || (len > 0 && n > 0 && covered != len))
        abort();
    if (fonts()) {
        size_t at = 0;
        if (textfonts_missing(fonts(), text, &at) != 0 && at >= len)
            abort();
    }
    free(text);
    return 0;
}
