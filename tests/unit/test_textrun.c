/* test_textrun.c: unit tests for app/textrun: scripts of code points, right-to-left
 * languages, splitting a line into direction and script runs in drawing order (a
 * phone number inside Urdu stays left to right), and font coverage with the Debian
 * Noto fonts (fonts-noto-core). */
#include "test.h"

#include "textrun.h"

#include <stdio.h>
#include <string.h>

static size_t split(const char *s, bool rtl, TextRun *runs)
{
    return textrun_split(s, strlen(s), rtl, runs, TEXTRUN_MAX);
}

static bool run_is(const char *s, const TextRun *r, const char *text)
{
    bool ok = r->len == strlen(text) && memcmp(s + r->start, text, r->len) == 0;
    if (!ok)
        fprintf(stderr, "  run is \"%.*s\", not \"%s\"\n", (int)r->len, s + r->start, text);
    return ok;
}

static void test_scripts(void)
{
    bool common;
    CHECK_INT(textrun_script_of('a', &common), TEXT_SCRIPT_LATIN);
    CHECK(!common);
    CHECK_INT(textrun_script_of('7', &common), TEXT_SCRIPT_LATIN);
    CHECK(!common);
    textrun_script_of(' ', &common);
    CHECK(common);
    CHECK_INT(textrun_script_of(0x06D2, &common), TEXT_SCRIPT_ARABIC); /* ے */
    CHECK_INT(textrun_script_of(0x0995, &common), TEXT_SCRIPT_BENGALI); /* ক */
    CHECK_INT(textrun_script_of(0x0A15, &common), TEXT_SCRIPT_GURMUKHI); /* ਕ */
    CHECK_INT(textrun_script_of(0x1F642, &common), TEXT_SCRIPT_EMOJI);
    CHECK_INT(textrun_script_of(0x0175, &common), TEXT_SCRIPT_LATIN); /* ŵ */
    CHECK_STR(textrun_script_tag(TEXT_SCRIPT_ARABIC), "Arab");
    CHECK_STR(textrun_script_tag(TEXT_SCRIPT_BENGALI), "Beng");
    CHECK_STR(textrun_script_tag(TEXT_SCRIPT_GURMUKHI), "Guru");
}

static void test_languages(void)
{
    CHECK(textrun_language_rtl("ur"));
    CHECK(textrun_language_rtl("ar"));
    CHECK(textrun_language_rtl("ar-EG"));
    CHECK(textrun_language_rtl("UR_pk"));
    CHECK(textrun_language_rtl("fa"));
    CHECK(!textrun_language_rtl("en"));
    CHECK(!textrun_language_rtl("cy"));
    CHECK(!textrun_language_rtl("bn"));
    CHECK(!textrun_language_rtl("pa"));
    CHECK(!textrun_language_rtl("so"));
    CHECK(!textrun_language_rtl("u"));
    CHECK(!textrun_language_rtl("urd-x"));
    CHECK(!textrun_language_rtl(NULL));
}

/* "Call 01632 960123 for your appointment" in Urdu: drawn from the left, the end of
 * the sentence, then the number (in its own order), then its start. */
static void test_number_in_urdu(void)
{
    const char *s = "اپنی ملاقات کے لیے 01632 960123 پر فون کریں";
    TextRun r[TEXTRUN_MAX];
    size_t n = split(s, true, r);
    CHECK_INT(n, 3);
    if (n != 3)
        return;
    CHECK(run_is(s, &r[0], " پر فون کریں"));
    CHECK(r[0].rtl);
    CHECK_INT(r[0].script, TEXT_SCRIPT_ARABIC);
    CHECK(run_is(s, &r[1], "01632 960123"));
    CHECK(!r[1].rtl);
    CHECK_INT(r[1].script, TEXT_SCRIPT_LATIN);
    CHECK(run_is(s, &r[2], "اپنی ملاقات کے لیے "));
    CHECK(r[2].rtl);
    CHECK_INT(r[2].start, 0);
    /* The same line in a left-to-right UI reads the same (its first letter is Urdu). */
    TextRun l[TEXTRUN_MAX];
    CHECK_INT(split(s, false, l), 3);
    CHECK_INT(l[0].start, r[0].start);
    CHECK_INT(l[2].start, 0);
}

/* An English place name inside Arabic stays left to right, in its place. */
static void test_english_in_arabic(void)
{
    const char *s = "اتصل Main reception الآن";
    TextRun r[TEXTRUN_MAX];
    size_t n = split(s, true, r);
    CHECK_INT(n, 3);
    if (n != 3)
        return;
    CHECK(run_is(s, &r[0], " الآن"));
    CHECK(r[0].rtl);
    CHECK(run_is(s, &r[1], "Main reception"));
    CHECK(!r[1].rtl);
    CHECK_INT(r[1].script, TEXT_SCRIPT_LATIN);
    CHECK(run_is(s, &r[2], "اتصل "));
    CHECK(r[2].rtl);
}

static void test_left_to_right(void)
{
    TextRun r[TEXTRUN_MAX];
    /* English in a right-to-left UI: one left-to-right run (its first strong letter). */
    const char *en = "Main reception (ground floor).";
    CHECK_INT(split(en, true, r), 1);
    CHECK(!r[0].rtl);
    CHECK_INT(r[0].len, strlen(en));
    /* Arabic inside English: its own run, right to left, in place. */
    const char *mixed = "Ask for عيادة now";
    CHECK_INT(split(mixed, false, r), 3);
    CHECK(run_is(mixed, &r[0], "Ask for "));
    CHECK(run_is(mixed, &r[1], "عيادة"));
    CHECK(r[1].rtl);
    CHECK_INT(r[1].script, TEXT_SCRIPT_ARABIC);
    CHECK(run_is(mixed, &r[2], " now"));
    /* Bengali and Gurmukhi with digits: the digits take the Latin font. */
    const char *bn = "ফোন করুন 01632";
    CHECK_INT(split(bn, false, r), 2);
    CHECK_INT(r[0].script, TEXT_SCRIPT_BENGALI);
    CHECK(run_is(bn, &r[1], "01632"));
    const char *pa = "ਫ਼ੋਨ ਕਰੋ।";
    CHECK_INT(split(pa, false, r), 1);
    CHECK_INT(r[0].script, TEXT_SCRIPT_GURMUKHI);
    /* Emoji are a run of their own. */
    const char *em = "Play 🙂";
    CHECK_INT(split(em, false, r), 2);
    CHECK_INT(r[1].script, TEXT_SCRIPT_EMOJI);
    /* Nothing, and broken UTF-8, never crash. */
    CHECK_INT(split("", false, r), 0);
    CHECK(split("\xff\xfe abc \xd8", true, r) >= 1);
    /* Too many runs for the array: the rest joins the last. */
    TextRun two[2];
    const char *many = "a ب c د e";
    size_t n = textrun_split(many, strlen(many), false, two, 2);
    CHECK_INT(n, 2);
    CHECK_INT(two[0].len + two[1].len, strlen(many));
}

static void test_font_coverage(void)
{
    const char *fonts[] = {"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", NULL,
                           "/usr/share/fonts/truetype/noto/NotoNastaliqUrdu-Regular.ttf"};
    TextFonts *f = textfonts_open(fonts, 3);
    CHECK(f != NULL);
    if (!f)
        return;
    size_t at = 99;
    CHECK_INT(textfonts_missing(f, "Café, Łódź, ŵŷ", &at), 0);
    CHECK_INT(textfonts_missing(f, "ذیابیطس کلینک 01632", &at), 0);
    CHECK_INT(textfonts_missing(f, "Ward ক", &at), 0x0995);
    CHECK_INT(at, 5);
    CHECK_INT(textfonts_missing(f, "Play \xF0\x9F\x99\x82", &at), 0x1F642);
    CHECK_INT(at, 5);
    /* Joiners and direction marks need no glyph. */
    CHECK_INT(textfonts_missing(f, "a\xE2\x80\x8D\xE2\x80\x8F" "b", &at), 0);
    textfonts_close(f);
    const char *none[] = {"/no/such/font.ttf"};
    CHECK(textfonts_open(none, 1) == NULL);
}

int main(void)
{
    TEST_RUN(test_scripts);
    TEST_RUN(test_languages);
    TEST_RUN(test_number_in_urdu);
    TEST_RUN(test_english_in_arabic);
    TEST_RUN(test_left_to_right);
    TEST_RUN(test_font_coverage);
    return TEST_REPORT();
}
