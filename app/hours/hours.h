/* hours.h: opening hours as a volunteer writes them ("Mon-Fri 08:00-18:00; Sat
 * 09:00-12:30", "24 hours", "Sat-Sun closed"), parsed into weekly spans, and the
 * plain-English wording the kiosk shows ("Monday to Friday: 8am to 6pm").
 * Pure C: no SQL, no SDL. The content build parses; the kiosk formats and asks
 * whether a place is open now.
 *
 * Owned here: OpeningSpan (the store's opening_hours rows and site.h's Destination
 * use it), the parser, the formatter and the open-now test. */
#ifndef SIGNPOST_HOURS_H
#define SIGNPOST_HOURS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One opening period: day 0 = Monday .. 6 = Sunday, minutes after midnight.
 * opens < closes; closes may be 1440 (midnight at the end of the day). */
typedef struct OpeningSpan {
    uint8_t day;
    uint16_t opens, closes;
} OpeningSpan;

enum {
    HOURS_DAYS = 7,
    HOURS_MAX_PER_DAY = 4,                             /* opening periods in one day */
    HOURS_MAX_SPANS = HOURS_DAYS * HOURS_MAX_PER_DAY,
    HOURS_MINUTES_PER_DAY = 1440
};

/* Parsed hours. Days named "closed", and days not named at all, have no span. */
typedef struct Hours {
    OpeningSpan spans[HOURS_MAX_SPANS]; /* sorted by day, then opening time */
    size_t nspans;
    bool always_open;                   /* "24 hours", "24/7" */
} Hours;

/* Why a text is not valid hours. */
typedef struct HoursError {
    int column;        /* 1-based character (not byte) position of the problem */
    char message[240]; /* plain English with a suggestion, no trailing full stop */
} HoursError;

/* Parses `text`. Empty text (or only spaces) gives no spans and always_open false,
 * which means "hours not given". Returns 0 on success; -1 when the text is not valid
 * hours, with *err filled (err may be NULL) and *out emptied. Accepted, case does
 * not matter:
 *   days:   Mon Tue Wed Thu Fri Sat Sun (or in full), ranges "Mon-Fri" or "Mon to
 *           Fri", lists "Mon,Wed,Fri", and "daily", "every day", "weekdays", "weekends"
 *   times:  24-hour "8:00", "08:00", "17.30", "24:00" (midnight at the end of a day);
 *           ranges "08:00-18:00" or "08:00 to 18:00", several joined by "," or "and"
 *   groups: separated by ";" or new lines; "<days> closed" for days with no hours
 *   whole:  "24 hours", "open 24 hours", "24/7", "always open". */
int hours_parse(const char *text, Hours *out, HoursError *err);

/* Writes the hours as plain English lines grouped by days with the same times:
 *   "Monday to Friday: 8am to 6pm\nSaturday: 9am to 12:30pm\nSunday: closed"
 * Groups come in order of their first day, with the closed days last. "Open 24
 * hours" when always_open, "Every day: ..." when all days match, and
 * "Closed" when there are no spans at all (callers show "not given" themselves when
 * the source text was empty). Spans need not be sorted. out is always
 * NUL-terminated (when cap > 0); returns the length the full text needs, so a
 * result >= cap means it was cut short. */
size_t hours_format(const OpeningSpan *spans, size_t n, bool always_open, char *out,
                    size_t cap);

/* Writes one time of day in plain English: 480 "8am", 750 "12:30pm", 720 "12pm",
 * 0 and 1440 "midnight". Same return convention as hours_format(). */
size_t hours_format_time(int minute, char *out, size_t cap);

/* True when open on `day` (0 = Monday) at `minute` after midnight (0..1439). */
bool hours_is_open(const OpeningSpan *spans, size_t n, bool always_open, int day,
                   int minute);

/* "Monday" .. "Sunday" for 0..6; "" otherwise. */
const char *hours_day_name(int day);

#endif
