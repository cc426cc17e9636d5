/* fuzz_hours.c: fuzz target for opening hours and meeting schedules on their own
 * (app/hours). An input whose first byte is even is opening-hours text (as in
 * destinations.csv): hours_parse(), then hours_format() and hours_is_open() over the
 * week. An odd first byte: the rest is a schedule's fields, one a line (freq, interval,
 * byday, bymonthday, opens_at, closes_at, dtstart, description, as in schedules.csv):
 * schedule_from_fields(), then schedule_words() and schedule_next() from a few days,
 * and civil_parse() on the dtstart line. Any crash, leak or undefined behaviour is a
 * bug; a parse error is the expected outcome. */
#include "fuzz.h"

#include "hours.h"
#include "schedule.h"

#include <stdlib.h>
#include <string.h>

enum { NFIELDS = 8 };

static void fuzz_hours(const char *text)
{
    Hours h;
    HoursError err;
    if (hours_parse(text, &h, &err) != 0)
        return;
    char out[1024];
    hours_format(h.spans, h.nspans, h.always_open, out, sizeof out);
    hours_format(h.spans, h.nspans, h.always_open, out, 8); /* cut short */
    for (int day = 0; day < 7; day++)
        for (int minute = 0; minute < 1440; minute += 37)
            hours_is_open(h.spans, h.nspans, h.always_open, day, minute);
}

static void fuzz_schedule(char *text)
{
    const char *f[NFIELDS];
    for (int i = 0; i < NFIELDS; i++) {
        f[i] = text;
        char *nl = strchr(text, '\n');
        if (nl) {
            *nl = '\0';
            text = nl + 1;
        } else {
            text += strlen(text);
        }
    }
    CivilDate d;
    civil_parse(f[6], &d);
    Schedule s;
    ScheduleError err;
    if (schedule_from_fields(f[0], f[1], f[2], f[3], f[4], f[5], f[6], &s, &err) != 0)
        return;
    s.description = f[7];
    char words[512];
    schedule_words(&s, words, sizeof words);
    schedule_words(&s, words, 6); /* cut short */
    static const CivilDate from[] = {{2026, 11, 22}, {2026, 2, 28}, {2028, 2, 29},
                                     {2026, 12, 31}, {1970, 1, 1}, {9999, 12, 31}};
    for (size_t i = 0; i < sizeof from / sizeof from[0]; i++) {
        CivilDate next;
        schedule_next(&s, from[i], &next);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    char *text = malloc(size);
    if (!text)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0'; /* a NUL inside ends the text early, as in a C string */
    if (data[0] % 2 == 0)
        fuzz_hours(text);
    else
        fuzz_schedule(text);
    free(text);
    return 0;
}
