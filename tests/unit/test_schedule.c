/* test_schedule.c: civil dates and support-service meeting rules (Open Referral UK
 * schedules): reading the fields, the plain words, the next meeting date across month
 * and year ends and in leap years, rules refused with the field named, and the
 * "last checked ... ago" wording. */
#include "schedule.h"
#include "test.h"

static CivilDate D(int y, int m, int d)
{
    return (CivilDate){y, m, d};
}

/* Reads a rule and returns its words (static buffer), or "error <field>: <message>". */
static const char *words(const char *freq, const char *interval, const char *byday,
                         const char *bymonthday, const char *opens, const char *closes,
                         const char *dtstart)
{
    static char buf[300];
    Schedule s;
    ScheduleError err;
    if (schedule_from_fields(freq, interval, byday, bymonthday, opens, closes, dtstart, &s,
                             &err) != 0) {
        snprintf(buf, sizeof buf, "error %s: %s", err.field, err.message);
        return buf;
    }
    schedule_words(&s, buf, sizeof buf);
    return buf;
}

/* The next meeting on or after `from` as "YYYY-MM-DD", or "none". */
static const char *next(const char *freq, const char *interval, const char *byday,
                        const char *bymonthday, const char *dtstart, CivilDate from)
{
    static char buf[32];
    Schedule s;
    ScheduleError err;
    CivilDate n;
    if (schedule_from_fields(freq, interval, byday, bymonthday, "10:00", "12:00", dtstart, &s,
                             &err) != 0) {
        snprintf(buf, sizeof buf, "error %s", err.field);
        return buf;
    }
    if (!schedule_next(&s, from, &n))
        return "none";
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", n.year, n.month, n.day);
    return buf;
}

/* The field named when the rule is refused, or "accepted". */
static const char *refused(const char *freq, const char *interval, const char *byday,
                           const char *bymonthday, const char *opens, const char *closes,
                           const char *dtstart, const char *message_part)
{
    static char buf[64];
    Schedule s;
    ScheduleError err;
    if (schedule_from_fields(freq, interval, byday, bymonthday, opens, closes, dtstart, &s,
                             &err) == 0)
        return "accepted";
    if (message_part && !strstr(err.message, message_part))
        fprintf(stderr, "  message \"%s\" lacks \"%s\"\n", err.message, message_part);
    snprintf(buf, sizeof buf, "%s%s", err.field,
             message_part && !strstr(err.message, message_part) ? " (wrong message)" : "");
    return buf;
}

static void test_civil_dates(void)
{
    CHECK_INT(civil_to_days(D(1970, 1, 1)), 0);
    CHECK_INT(civil_to_days(D(2000, 3, 1)), 11017);
    CHECK_INT(civil_to_days(D(1969, 12, 31)), -1);
    CivilDate d = civil_from_days(civil_to_days(D(2028, 2, 29)));
    CHECK_INT(d.year, 2028);
    CHECK_INT(d.month, 2);
    CHECK_INT(d.day, 29);
    /* Every day for 400 years round-trips, one after the other. */
    long start = civil_to_days(D(1900, 1, 1)), end = civil_to_days(D(2300, 1, 1));
    int bad = 0;
    for (long k = start; k < end; k++) {
        CivilDate c = civil_from_days(k);
        bad += civil_to_days(c) != k;
    }
    CHECK_INT(bad, 0);
    CHECK_INT(civil_weekday(D(2026, 11, 22)), 6); /* a Sunday */
    CHECK_INT(civil_weekday(D(1970, 1, 1)), 3);   /* a Thursday */
    CHECK_INT(civil_weekday(D(1969, 12, 29)), 0); /* a Monday, before 1970 */
    CHECK_INT(civil_parse("2026-11-22", &d), 0);
    CHECK_INT(d.year * 10000 + d.month * 100 + d.day, 20261122);
    CHECK_INT(civil_parse("2028-02-29", &d), 0);
    CHECK_INT(civil_parse("2026-02-29", &d), -1);
    CHECK_INT(civil_parse("1900-02-29", &d), -1);
    CHECK_INT(civil_parse("2000-02-29", &d), 0);
    CHECK_INT(civil_parse("2026-04-31", &d), -1);
    CHECK_INT(civil_parse("2026-13-01", &d), -1);
    CHECK_INT(civil_parse("2026-1-5", &d), -1);
    CHECK_INT(civil_parse("22/11/2026", &d), -1);
    CHECK_INT(civil_parse("2026-11-22x", &d), -1);
    CHECK_INT(civil_parse("", &d), -1);
}

static void test_ago_words(void)
{
    char buf[32];
    CivilDate today = D(2026, 11, 22);
    struct { CivilDate then; const char *want; } cases[] = {
        {D(2026, 11, 22), "today"},
        {D(2026, 11, 30), "today"}, /* a clock behind the content: never "in the future" */
        {D(2026, 11, 21), "yesterday"},
        {D(2026, 11, 19), "3 days ago"},
        {D(2026, 11, 15), "a week ago"},
        {D(2026, 11, 8), "2 weeks ago"},
        {D(2026, 10, 25), "4 weeks ago"},
        {D(2026, 10, 22), "a month ago"},
        {D(2026, 8, 20), "3 months ago"},
        {D(2025, 12, 23), "10 months ago"},
        {D(2025, 11, 22), "a year ago"},
        {D(2025, 11, 21), "over a year ago"},
        {D(2019, 5, 1), "over a year ago"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        civil_ago_words(cases[i].then, today, buf, sizeof buf);
        CHECK_STR(buf, cases[i].want);
    }
    civil_ago_words(D(2026, 1, 1), today, buf, 6); /* cut short, still a string */
    CHECK_STR(buf, "10 mo");
}

static void test_weekly_words(void)
{
    CHECK_STR(words("WEEKLY", "", "TU", "", "10:00", "12:00", ""),
              "Every Tuesday, 10:00 to 12:00");
    CHECK_STR(words("weekly", "1", " mo , th ", "", "9:30", "11:00", ""),
              "Every Monday and Thursday, 09:30 to 11:00");
    CHECK_STR(words("WEEKLY", "", "MO,WE,FR", "", "13:00", "16:00", ""),
              "Every Monday, Wednesday and Friday, 13:00 to 16:00");
    CHECK_STR(words("WEEKLY", "", "FR,MO,TU,WE,TH", "", "09:00", "17:00", ""),
              "Monday to Friday, 09:00 to 17:00");
    CHECK_STR(words("WEEKLY", "", "MO,TU,WE,TH,FR,SA,SU", "", "00:00", "24:00", ""),
              "Every day, 24 hours");
    CHECK_STR(words("WEEKLY", "", "MO,TU,WE,TH,FR,SA,SU", "", "18:00", "23:00", ""),
              "Every day, 18:00 to 23:00");
    CHECK_STR(words("WEEKLY", "", "SA", "", "10:00", "", ""), "Every Saturday, 10:00");
    CHECK_STR(words("WEEKLY", "", "SU", "", "", "", ""), "Every Sunday");
    CHECK_STR(words("WEEKLY", "", "TU", "", "10:00:00", "12:30:00", ""),
              "Every Tuesday, 10:00 to 12:30");
    CHECK_STR(words("WEEKLY", "", "TU", "", "10.00", "12.30", ""),
              "Every Tuesday, 10:00 to 12:30");
}

static void test_interval_words(void)
{
    CHECK_STR(words("WEEKLY", "2", "WE", "", "14:00", "15:30", "2026-01-07"),
              "Every other Wednesday, 14:00 to 15:30");
    CHECK_STR(words("WEEKLY", "2", "MO,TH", "", "", "", "2026-01-05"),
              "Every other week on Monday and Thursday");
    CHECK_STR(words("WEEKLY", "3", "MO", "", "13:30", "15:30", "2026-01-12"),
              "Every 3 weeks on Monday, 13:30 to 15:30");
    CHECK_STR(words("MONTHLY", "2", "1MO", "", "18:30", "", "2026-01-05"),
              "First Monday of every other month, 18:30");
    CHECK_STR(words("MONTHLY", "3", "", "15", "", "", "2026-01-15"),
              "On the 15th of every 3 months");
}

static void test_monthly_words(void)
{
    CHECK_STR(words("MONTHLY", "", "1MO", "", "18:30", "", ""),
              "First Monday of the month, 18:30");
    CHECK_STR(words("MONTHLY", "", "-1FR", "", "10:00", "12:00", ""),
              "Last Friday of the month, 10:00 to 12:00");
    CHECK_STR(words("MONTHLY", "", "2TU", "", "19:00", "20:30", ""),
              "Second Tuesday of the month, 19:00 to 20:30");
    CHECK_STR(words("MONTHLY", "", "+3WE", "", "", "", ""), "Third Wednesday of the month");
    CHECK_STR(words("MONTHLY", "", "4TH", "", "", "", ""), "Fourth Thursday of the month");
    CHECK_STR(words("MONTHLY", "", "5MO", "", "", "", ""), "Fifth Monday of the month");
    CHECK_STR(words("MONTHLY", "", "1TU,1TH", "", "", "", ""),
              "First Tuesday and Thursday of the month");
    CHECK_STR(words("MONTHLY", "", "", "15", "18:30", "20:30", ""),
              "On the 15th of every month, 18:30 to 20:30");
    const char *days[][2] = {{"1", "1st"}, {"2", "2nd"}, {"3", "3rd"}, {"4", "4th"},
                             {"11", "11th"}, {"12", "12th"}, {"13", "13th"}, {"21", "21st"},
                             {"22", "22nd"}, {"23", "23rd"}, {"30", "30th"}, {"31", "31st"}};
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        char want[64];
        snprintf(want, sizeof want, "On the %s of every month", days[i][1]);
        CHECK_STR(words("MONTHLY", "", "", days[i][0], "", "", ""), want);
    }
}

static void test_next_weekly(void)
{
    /* From a Friday at the end of January to the next Tuesday, in February. */
    CHECK_STR(next("WEEKLY", "", "TU", "", "", D(2026, 1, 30)), "2026-02-03");
    /* The day itself counts. */
    CHECK_STR(next("WEEKLY", "", "TU", "", "", D(2026, 2, 3)), "2026-02-03");
    /* Across the end of the year. */
    CHECK_STR(next("WEEKLY", "", "MO", "", "", D(2026, 12, 30)), "2027-01-04");
    CHECK_STR(next("WEEKLY", "", "MO,TH", "", "", D(2026, 12, 29)), "2026-12-31");
    /* Every other Wednesday from 2026-01-07: 2026-11-25 is a meeting week, 11-18 not. */
    CHECK_STR(next("WEEKLY", "2", "WE", "", "2026-01-07", D(2026, 11, 12)), "2026-11-25");
    CHECK_STR(next("WEEKLY", "2", "WE", "", "2026-01-07", D(2026, 11, 25)), "2026-11-25");
    CHECK_STR(next("WEEKLY", "2", "WE", "", "2026-01-07", D(2026, 11, 26)), "2026-12-09");
    /* Nothing before dtstart. */
    CHECK_STR(next("WEEKLY", "", "TH", "", "2027-03-04", D(2026, 11, 22)), "2027-03-04");
    /* Every 3 weeks on Monday from 2026-01-12: 2026-12-14 and, over the year end,
     * 2027-01-04 (51 weeks on). */
    CHECK_STR(next("WEEKLY", "3", "MO", "", "2026-01-12", D(2026, 12, 15)), "2027-01-04");
}

static void test_next_monthly(void)
{
    CHECK_STR(next("MONTHLY", "", "1MO", "", "", D(2026, 1, 6)), "2026-02-02");
    CHECK_STR(next("MONTHLY", "", "1MO", "", "", D(2026, 2, 2)), "2026-02-02");
    /* Last Friday: Christmas Day 2026, then into January 2027. */
    CHECK_STR(next("MONTHLY", "", "-1FR", "", "", D(2026, 12, 1)), "2026-12-25");
    CHECK_STR(next("MONTHLY", "", "-1FR", "", "", D(2026, 12, 26)), "2027-01-29");
    /* The last Tuesday of February 2028 is the 29th (a leap year). */
    CHECK_STR(next("MONTHLY", "", "-1TU", "", "", D(2028, 2, 1)), "2028-02-29");
    /* A fifth Monday is not in every month. */
    CHECK_STR(next("MONTHLY", "", "5MO", "", "", D(2026, 1, 1)), "2026-03-30");
    CHECK_STR(next("MONTHLY", "", "5MO", "", "", D(2026, 9, 1)), "2026-11-30");
    /* The 29th: skipped in February 2027, present in February 2028. */
    CHECK_STR(next("MONTHLY", "", "", "29", "", D(2027, 2, 1)), "2027-03-29");
    CHECK_STR(next("MONTHLY", "", "", "29", "", D(2028, 2, 1)), "2028-02-29");
    /* The 31st skips the short months. */
    CHECK_STR(next("MONTHLY", "", "", "31", "", D(2026, 4, 1)), "2026-05-31");
    CHECK_STR(next("MONTHLY", "", "", "15", "", D(2026, 12, 16)), "2027-01-15");
    /* Every other month from January: March, not February. */
    CHECK_STR(next("MONTHLY", "2", "1MO", "", "2026-01-05", D(2026, 1, 6)), "2026-03-02");
    /* More than a year away: not worked out. */
    CHECK_STR(next("MONTHLY", "24", "1MO", "", "2026-01-05", D(2026, 2, 1)), "none");
    /* Exactly a year away is still found. */
    CHECK_STR(next("MONTHLY", "12", "", "15", "2026-01-15", D(2026, 1, 16)), "2027-01-15");
}

static void test_next_by_hand(void)
{
    /* A rule built by hand with an interval but no dtstart cannot be placed. */
    Schedule s = {.freq = SCHEDULE_WEEKLY, .interval = 2, .byday = 1, .opens = -1,
                  .closes = -1};
    CivilDate n = D(0, 0, 0);
    CHECK(!schedule_next(&s, D(2026, 11, 22), &n));
    s.interval = 1;
    CHECK(schedule_next(&s, D(2026, 11, 22), &n));
    CHECK_INT(n.year * 10000 + n.month * 100 + n.day, 20261123);
    CHECK(!schedule_next(NULL, D(2026, 11, 22), &n));
    CHECK(!schedule_next(&s, D(2026, 2, 30), &n));
    char buf[8];
    schedule_words(NULL, buf, sizeof buf);
    CHECK_STR(buf, "");
}

static void test_impossible_rules(void)
{
    CHECK_STR(refused("WEEKLY", "", "5MO", "", "", "", "", "only a MONTHLY schedule"), "byday");
    CHECK_STR(refused("WEEKLY", "", "-1FR", "", "", "", "", "write FR for every Friday"),
              "byday");
    CHECK_STR(refused("MONTHLY", "", "", "32", "", "", "", "from 1 to 31"), "bymonthday");
    CHECK_STR(refused("MONTHLY", "", "", "0", "", "", "", "from 1 to 31"), "bymonthday");
    CHECK_STR(refused("MONTHLY", "", "", "-1", "", "", "", "from 1 to 31"), "bymonthday");
    CHECK_STR(refused("WEEKLY", "", "MO", "15", "", "", "", "cannot have a bymonthday"),
              "bymonthday");
    CHECK_STR(refused("MONTHLY", "", "1MO", "15", "", "", "", "not both"), "byday");
    CHECK_STR(refused("MONTHLY", "", "MO", "", "", "", "", "1MO for the first Monday"),
              "byday");
    CHECK_STR(refused("MONTHLY", "", "6MO", "", "", "", "", "not a week of the month"),
              "byday");
    CHECK_STR(refused("MONTHLY", "", "-2MO", "", "", "", "", "not a week of the month"),
              "byday");
    CHECK_STR(refused("MONTHLY", "", "1MO,3MO", "", "", "", "", "one schedule row for each"),
              "byday");
    CHECK_STR(refused("MONTHLY", "", "", "", "", "", "", "needs byday"), "byday");
    CHECK_STR(refused("WEEKLY", "", "", "", "", "", "", "needs the days"), "byday");
    CHECK_STR(refused("WEEKLY", "", "Mon", "", "", "", "", "write MO for Monday"), "byday");
    CHECK_STR(refused("MONTHLY", "", "1Tues", "", "", "", "", "write 1TU for Tuesday"),
              "byday");
    CHECK_STR(refused("WEEKLY", "", "MO,,TU", "", "", "", "", "empty day"), "byday");
    CHECK_STR(refused("", "", "MO", "", "", "", "", "freq is missing"), "freq");
    CHECK_STR(refused("YEARLY", "", "MO", "", "", "", "", "WEEKLY or MONTHLY"), "freq");
    CHECK_STR(refused("DAILY", "", "", "", "", "", "", "MO,TU,WE,TH,FR,SA,SU"), "freq");
    CHECK_STR(refused("WEEKLY", "0", "MO", "", "", "", "", "whole number from 1"), "interval");
    CHECK_STR(refused("WEEKLY", "two", "MO", "", "", "", "", "whole number from 1"),
              "interval");
    CHECK_STR(refused("WEEKLY", "2", "MO", "", "", "", "", "needs a dtstart"), "dtstart");
    CHECK_STR(refused("WEEKLY", "2", "WE", "", "", "", "2026-01-05",
                      "2026-01-05 is a Monday, but the rule says \"Every Wednesday\""),
              "dtstart");
    CHECK_STR(refused("MONTHLY", "", "1MO", "", "", "", "2026-01-12",
                      "\"First Monday of the month\""), "dtstart");
    CHECK_STR(refused("WEEKLY", "", "MO", "", "", "", "2026-02-30", "not a date"), "dtstart");
    CHECK_STR(refused("WEEKLY", "", "MO", "", "25:00", "", "", "24-hour clock"), "opens_at");
    CHECK_STR(refused("WEEKLY", "", "MO", "", "24:00", "", "", "24-hour clock"), "opens_at");
    CHECK_STR(refused("WEEKLY", "", "MO", "", "10am", "", "", "24-hour clock"), "opens_at");
    CHECK_STR(refused("WEEKLY", "", "MO", "", "10:60", "", "", "24-hour clock"), "opens_at");
    CHECK_STR(refused("WEEKLY", "", "MO", "", "", "12:00", "", "no opens_at"), "opens_at");
    CHECK_STR(refused("WEEKLY", "", "MO", "", "12:00", "10:00", "",
                      "closes at 10:00, which is not after it opens at 12:00"), "closes_at");
    CHECK_STR(refused("WEEKLY", "", "MO", "", "12:00", "12:00", "", "not after"), "closes_at");
    CHECK_STR(refused("WEEKLY", "", "MO", "", "10:00", "noon", "", "24-hour clock"),
              "closes_at");
    /* Accepted: the edges. */
    CHECK_STR(refused("WEEKLY", "52", "SU", "", "00:00", "24:00", "2026-01-04", NULL),
              "accepted");
    CHECK_STR(refused("MONTHLY", "", "", "31", "23:59", "", "", NULL), "accepted");
    CHECK_STR(refused("WEEKLY", "53", "SU", "", "", "", "2026-01-04", NULL), "interval");
    /* A NULL error pointer is allowed. */
    Schedule s;
    CHECK_INT(schedule_from_fields("WEEKLY", "", "XX", "", "", "", "", &s, NULL), -1);
    CHECK_INT(schedule_from_fields(NULL, NULL, "MO", NULL, NULL, NULL, NULL, &s, NULL), -1);
}

static void test_fields_read(void)
{
    Schedule s;
    ScheduleError err;
    CHECK_INT(schedule_from_fields("MONTHLY", "", "-1FR", "", "10:00", "12:00", "", &s, &err),
              0);
    CHECK_INT(s.freq, SCHEDULE_MONTHLY);
    CHECK_INT(s.interval, 1);
    CHECK_INT(s.byday, 1 << 4);
    CHECK_INT(s.week_of_month, -1);
    CHECK_INT(s.bymonthday, 0);
    CHECK_INT(s.opens, 600);
    CHECK_INT(s.closes, 720);
    CHECK_INT(s.dtstart.year, 0);
    CHECK_STR(s.description, "");
    CHECK_INT(schedule_from_fields("WEEKLY", "2", "SA,MO", "", "18:30", "", "2026-01-10", &s,
                                   &err), 0);
    CHECK_INT(s.byday, (1 << 0) | (1 << 5));
    CHECK_INT(s.week_of_month, 0);
    CHECK_INT(s.interval, 2);
    CHECK_INT(s.opens, 1110);
    CHECK_INT(s.closes, -1);
    CHECK_INT(s.dtstart.year * 10000 + s.dtstart.month * 100 + s.dtstart.day, 20260110);
}

int main(void)
{
    TEST_RUN(test_civil_dates);
    TEST_RUN(test_ago_words);
    TEST_RUN(test_weekly_words);
    TEST_RUN(test_interval_words);
    TEST_RUN(test_monthly_words);
    TEST_RUN(test_next_weekly);
    TEST_RUN(test_next_monthly);
    TEST_RUN(test_next_by_hand);
    TEST_RUN(test_impossible_rules);
    TEST_RUN(test_fields_read);
    return TEST_REPORT();
}
