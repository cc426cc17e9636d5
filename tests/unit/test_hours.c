/* test_hours.c: opening hours as volunteers write them: parsing, error positions and
 * messages, the plain-English wording and the open-now test. */
#include "hours.h"
#include "test.h"

static Hours parsed;
static HoursError perr;

/* Parses and formats `text`; returns the wording (static buffer) or the error text
 * prefixed with "error@column: ". */
static const char *wording(const char *text)
{
    static char buf[512];
    if (hours_parse(text, &parsed, &perr) != 0) {
        snprintf(buf, sizeof buf, "error@%d: %s", perr.column, perr.message);
        return buf;
    }
    hours_format(parsed.spans, parsed.nspans, parsed.always_open, buf, sizeof buf);
    return buf;
}

static void test_weekdays_and_saturday(void)
{
    CHECK_INT(hours_parse("Mon-Fri 08:00-18:00; Sat 09:00-12:30", &parsed, &perr), 0);
    CHECK_INT(parsed.nspans, 6);
    CHECK(!parsed.always_open);
    CHECK_INT(parsed.spans[0].day, 0);
    CHECK_INT(parsed.spans[0].opens, 480);
    CHECK_INT(parsed.spans[0].closes, 1080);
    CHECK_INT(parsed.spans[5].day, 5);
    CHECK_INT(parsed.spans[5].opens, 540);
    CHECK_INT(parsed.spans[5].closes, 750);
    CHECK_STR(wording("Mon-Fri 08:00-18:00; Sat 09:00-12:30"),
              "Monday to Friday: 8am to 6pm\nSaturday: 9am to 12:30pm\nSunday: closed");
}

static void test_split_day(void)
{
    CHECK_INT(hours_parse("Mon-Fri 08:30-12:30, 13:30-17:00", &parsed, &perr), 0);
    CHECK_INT(parsed.nspans, 10);
    CHECK_INT(parsed.spans[0].opens, 510);
    CHECK_INT(parsed.spans[1].opens, 810);
    CHECK_STR(wording("Mon-Fri 08:30-12:30, 13:30-17:00"),
              "Monday to Friday: 8:30am to 12:30pm and 1:30pm to 5pm\n"
              "Saturday and Sunday: closed");
    CHECK_STR(wording("Tue 9:00-10:00 and 11:00-12:00 and 14:00-15:00"),
              "Tuesday: 9am to 10am, 11am to 12pm and 2pm to 3pm\n"
              "Monday and Wednesday to Sunday: closed");
}

static void test_day_lists(void)
{
    CHECK_INT(hours_parse("Mon,Wed,Fri 09:00-17:00", &parsed, &perr), 0);
    CHECK_INT(parsed.nspans, 3);
    CHECK_INT(parsed.spans[1].day, 2);
    CHECK_STR(wording("Mon,Wed,Fri 09:00-17:00"),
              "Monday, Wednesday and Friday: 9am to 5pm\n"
              "Tuesday, Thursday, Saturday and Sunday: closed");
    CHECK_STR(wording("Tue, Thu 9:00 to 16:00"),
              "Tuesday and Thursday: 9am to 4pm\n"
              "Monday, Wednesday and Friday to Sunday: closed");
    CHECK_STR(wording("Monday to Friday: 08:00-18:00"),
              "Monday to Friday: 8am to 6pm\nSaturday and Sunday: closed");
    CHECK_STR(wording("Weekdays 09:00-17:00; weekends 10:00-16:00"),
              "Monday to Friday: 9am to 5pm\nSaturday and Sunday: 10am to 4pm");
    CHECK_STR(wording("Fri-Mon 10:00-14:00"),
              "Monday and Friday to Sunday: 10am to 2pm\nTuesday to Thursday: closed");
}

static void test_every_day_and_always(void)
{
    CHECK_STR(wording("Mon-Sun 07:00-20:00"), "Every day: 7am to 8pm");
    CHECK_STR(wording("Daily 07:00-20:00"), "Every day: 7am to 8pm");
    CHECK_STR(wording("every day 7:00-20:00"), "Every day: 7am to 8pm");
    CHECK_INT(hours_parse("24 hours", &parsed, &perr), 0);
    CHECK(parsed.always_open);
    CHECK_INT(parsed.nspans, 0);
    CHECK_STR(wording("24 hours"), "Open 24 hours");
    CHECK_STR(wording("Open 24 hours"), "Open 24 hours");
    CHECK_STR(wording("24/7"), "Open 24 hours");
}

static void test_closed_days_and_midnight(void)
{
    CHECK_INT(hours_parse("Sat-Sun closed", &parsed, &perr), 0);
    CHECK_INT(parsed.nspans, 0);
    CHECK(!parsed.always_open);
    CHECK_STR(wording("Mon-Fri 09:00-17:00; Sat-Sun closed"),
              "Monday to Friday: 9am to 5pm\nSaturday and Sunday: closed");
    CHECK_INT(hours_parse("Fri 18:00-24:00", &parsed, &perr), 0);
    CHECK_INT(parsed.spans[0].closes, 1440);
    CHECK_STR(wording("Fri 18:00-24:00"),
              "Friday: 6pm to midnight\nMonday to Thursday, Saturday and Sunday: closed");
    CHECK_STR(wording("Sat 00:00-12:00"),
              "Saturday: midnight to 12pm\nMonday to Friday and Sunday: closed");
    CHECK_STR(wording("Mon 8.00-17.30"),
              "Monday: 8am to 5:30pm\nTuesday to Sunday: closed");
}

static void test_empty_means_not_given(void)
{
    CHECK_INT(hours_parse("", &parsed, &perr), 0);
    CHECK_INT(parsed.nspans, 0);
    CHECK(!parsed.always_open);
    CHECK_INT(hours_parse("   ", &parsed, &perr), 0);
    CHECK_INT(parsed.nspans, 0);
}

static void test_lenient_separators(void)
{
    /* New lines, no-break spaces, en dashes and a comma between groups are fine. */
    CHECK_STR(wording("Mon-Fri 08:00-18:00\nSat 09:00-12:00"),
              "Monday to Friday: 8am to 6pm\nSaturday: 9am to 12pm\nSunday: closed");
    CHECK_STR(wording("Mon\xe2\x80\x93" "Fri\xc2\xa0" "08:00\xe2\x80\x93" "18:00"),
              "Monday to Friday: 8am to 6pm\nSaturday and Sunday: closed");
    CHECK_STR(wording("Mon-Fri 08:00-18:00, Sat 09:00-12:00"),
              "Monday to Friday: 8am to 6pm\nSaturday: 9am to 12pm\nSunday: closed");
    CHECK_STR(wording("MON-FRI 08:00-18:00;"),
              "Monday to Friday: 8am to 6pm\nSaturday and Sunday: closed");
}

static void test_errors(void)
{
    CHECK_STR(wording("Tusday 09:00-17:00"), "error@1: 'Tusday' is not a day; did you mean Tue?");
    CHECK_STR(wording("Mon-Fri 09:00-17:00; Satday 10:00-12:00"),
              "error@22: 'Satday' is not a day; did you mean Sat?");
    CHECK_STR(wording("Mon 25:00-26:00"),
              "error@5: '25:00' is not a time (use 24-hour times like 08:00 or 17:30)");
    CHECK_STR(wording("Mon 9am-5pm"),
              "error@5: '9am' is not a time (use 24-hour times like 08:00 or 17:30)");
    CHECK_STR(wording("Mon 17:00-09:00"),
              "error@11: closing time 09:00 is before opening time 17:00");
    CHECK_STR(wording("Mon 17:00-00:00"),
              "error@11: closing time 00:00 is before opening time 17:00 (for midnight use 24:00)");
    CHECK_STR(wording("Mon 09:00-09:00"),
              "error@11: closing time 09:00 is the same as opening time 09:00");
    CHECK_STR(wording("Mon 08:00-12:00, 11:00-14:00"),
              "error@24: opening times 08:00-12:00 and 11:00-14:00 overlap on Monday");
    CHECK_STR(wording("09:00-17:00"),
              "error@1: put the days before the times, like Mon-Fri 09:00-17:00");
    CHECK_STR(wording("Mon-Fri"),
              "error@8: the days need opening times after them, like 09:00-17:00, "
              "or the word closed");
    CHECK_STR(wording("Sat closd"), "error@5: 'closd' is not understood; did you mean closed?");
    CHECK_STR(wording("Mon 09:00"),
              "error@10: the opening time 09:00 needs a closing time after it, like 09:00-17:00");
    CHECK_STR(wording("Sat 09:00-12:00; Sat closed"),
              "error@22: Saturday already has opening times; remove one of the two");
    CHECK_STR(wording("Mon 09:00-17:00 (by appointment)"),
              "error@17: '(' is not understood here; separate groups of days with a semicolon, "
              "like Mon-Fri 09:00-17:00; Sat 10:00-12:00");
    CHECK_STR(wording("Bank holidays closed"),
              "error@1: 'Bank' is not a day (use Mon, Tue, Wed, Thu, Fri, Sat or Sun)");
    /* Positions count characters, not bytes: "Café" has one two-byte letter. */
    CHECK_STR(wording("Caf\xc3\xa9 Mon 09:00-10:00"),
              "error@1: 'Caf\xc3\xa9' is not a day (use Mon, Tue, Wed, Thu, Fri, Sat or Sun)");
    CHECK_STR(wording("Mon\xe2\x80\x93" "Fri 9:00-1o:00"),
              "error@14: '1o:00' is not a time (use 24-hour times like 08:00 or 17:30)");
    /* A failed parse leaves no half-filled result. */
    CHECK_INT(hours_parse("Mon 09:00-10:00; Tue 25:00-26:00", &parsed, &perr), -1);
    CHECK_INT(parsed.nspans, 0);
    CHECK_INT(hours_parse("Mon 09:00-10:00; Tue 25:00-26:00", &parsed, NULL), -1);
}

static void test_too_many_per_day(void)
{
    CHECK_STR(wording("Mon 01:00-02:00, 03:00-04:00, 05:00-06:00, 07:00-08:00, 09:00-10:00"),
              "error@63: Monday has more than 4 opening times; join some of them together");
}

static void test_format_time(void)
{
    char buf[16];
    hours_format_time(480, buf, sizeof buf);
    CHECK_STR(buf, "8am");
    hours_format_time(720, buf, sizeof buf);
    CHECK_STR(buf, "12pm");
    hours_format_time(750, buf, sizeof buf);
    CHECK_STR(buf, "12:30pm");
    hours_format_time(30, buf, sizeof buf);
    CHECK_STR(buf, "12:30am");
    hours_format_time(1440, buf, sizeof buf);
    CHECK_STR(buf, "midnight");
    hours_format_time(1050, buf, sizeof buf);
    CHECK_STR(buf, "5:30pm");
}

static void test_format_truncates_safely(void)
{
    char small[10];
    hours_parse("Mon-Fri 08:00-18:00; Sat 09:00-12:30", &parsed, &perr);
    size_t need = hours_format(parsed.spans, parsed.nspans, false, small, sizeof small);
    CHECK_INT(need, strlen("Monday to Friday: 8am to 6pm\nSaturday: 9am to 12:30pm\n"
                           "Sunday: closed"));
    CHECK_STR(small, "Monday to");
    CHECK_INT(hours_format(parsed.spans, parsed.nspans, false, NULL, 0), need);
    CHECK_STR(wording("Sat-Sun closed"), "Closed");
}

static void test_is_open(void)
{
    hours_parse("Mon-Fri 08:30-12:30, 13:30-17:00; Sat 09:00-24:00", &parsed, &perr);
    CHECK(!hours_is_open(parsed.spans, parsed.nspans, false, 0, 8 * 60));
    CHECK(hours_is_open(parsed.spans, parsed.nspans, false, 0, 8 * 60 + 30));
    CHECK(!hours_is_open(parsed.spans, parsed.nspans, false, 2, 12 * 60 + 30));
    CHECK(hours_is_open(parsed.spans, parsed.nspans, false, 4, 16 * 60 + 59));
    CHECK(!hours_is_open(parsed.spans, parsed.nspans, false, 4, 17 * 60));
    CHECK(hours_is_open(parsed.spans, parsed.nspans, false, 5, 23 * 60 + 59));
    CHECK(!hours_is_open(parsed.spans, parsed.nspans, false, 6, 12 * 60));
    CHECK(hours_is_open(NULL, 0, true, 6, 3 * 60));
    CHECK_STR(hours_day_name(0), "Monday");
    CHECK_STR(hours_day_name(6), "Sunday");
    CHECK_STR(hours_day_name(7), "");
}

int main(void)
{
    TEST_RUN(test_weekdays_and_saturday);
    TEST_RUN(test_split_day);
    TEST_RUN(test_day_lists);
    TEST_RUN(test_every_day_and_always);
    TEST_RUN(test_closed_days_and_midnight);
    TEST_RUN(test_empty_means_not_given);
    TEST_RUN(test_lenient_separators);
    TEST_RUN(test_errors);
    TEST_RUN(test_too_many_per_day);
    TEST_RUN(test_format_time);
    TEST_RUN(test_format_truncates_safely);
    TEST_RUN(test_is_open);
    return TEST_REPORT();
}
