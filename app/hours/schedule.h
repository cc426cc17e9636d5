/* schedule.h: when a support service meets, following the weekly and monthly rules of
 * Open Referral UK schedules (iCalendar RRULE: freq, interval, byday such as "TU" or
 * "1MO" / "-1FR", bymonthday), put into plain words ("Every Tuesday, 10:00 to 12:00",
 * "First Monday of the month, 18:30", "Every other Wednesday, 14:00 to 15:30"), and
 * the next date it meets on or after a given day. Pure C: no SQL, no SDL.
 *
 * Dates are civil dates (proleptic Gregorian); CivilDate values are plain values. */
#ifndef SIGNPOST_SCHEDULE_H
#define SIGNPOST_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct CivilDate {
    int year, month, day; /* 2026, 1..12, 1..31 */
} CivilDate;

/* Days since 1970-01-01 and back. */
long civil_to_days(CivilDate d);
CivilDate civil_from_days(long days);
/* 0 = Monday .. 6 = Sunday. */
int civil_weekday(CivilDate d);
/* Parses "YYYY-MM-DD" (a real date); returns 0 or -1. */
int civil_parse(const char *s, CivilDate *out);
/* "3 months ago", "2 weeks ago", "today", "over a year ago" (for "last checked"). */
void civil_ago_words(CivilDate then, CivilDate today, char *out, size_t cap);

typedef enum ScheduleFreq { SCHEDULE_WEEKLY, SCHEDULE_MONTHLY } ScheduleFreq;

typedef struct Schedule {
    ScheduleFreq freq;
    int interval;           /* every N weeks or months, >= 1 */
    uint8_t byday;          /* bit 0 = Monday .. bit 6 = Sunday; 0 = none */
    int8_t week_of_month;   /* MONTHLY with byday: 1..5 = first..fifth, -1 = last; else 0 */
    uint8_t bymonthday;     /* MONTHLY by date: 1..31; 0 = not used */
    int16_t opens;          /* minutes after midnight, -1 = not given */
    int16_t closes;         /* minutes after midnight, -1 = only a start time */
    CivilDate dtstart;      /* first meeting the interval counts from; year 0 = not given */
    const char *description;/* the volunteer's extra words ("term time only"); not owned */
} Schedule;

/* Why schedule fields are not a valid rule. */
typedef struct ScheduleError {
    const char *field; /* "freq", "byday", "bymonthday", "opens_at", "closes_at", ... */
    char message[240]; /* plain English with what to write instead */
} ScheduleError;

/* Builds a Schedule from Open Referral UK schedule fields as written in a CSV
 * (any may be ""): freq "WEEKLY"/"MONTHLY", interval "2", byday "MO,TU" or "1MO" or
 * "-1FR", bymonthday "15", opens_at/closes_at "10:00", dtstart "2026-01-06".
 * Returns 0, or -1 with *err filled for an impossible rule (e.g. WEEKLY with "1MO",
 * a 31st of the month with no such day ever, closes before opens). */
int schedule_from_fields(const char *freq, const char *interval, const char *byday,
                         const char *bymonthday, const char *opens_at,
                         const char *closes_at, const char *dtstart, Schedule *out,
                         ScheduleError *err);

/* Plain words, without the description: "Every Tuesday, 10:00 to 12:00". */
void schedule_words(const Schedule *s, char *out, size_t cap);

/* The first day on or after `from` when it meets; returns false when it cannot be
 * worked out (e.g. an interval with no dtstart) or is more than a year away. */
bool schedule_next(const Schedule *s, CivilDate from, CivilDate *next);

#endif
