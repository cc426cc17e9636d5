/* test_i18n.c: unit tests for the string catalogue and placeholder filling. */
#include "test.h"

#include "i18n.h"
#include "utf8.h"

#include <string.h>

static void test_every_string_present(void)
{
    CHECK(S_COUNT > 0);
    for (int i = 0; i < S_COUNT; i++) {
        const char *s = tr((StrId)i);
        const char *name = tr_name((StrId)i);
        CHECK(s != NULL);
        CHECK(name != NULL);
        if (!s || !name)
            continue;
        if (s[0] == '\0')
            fprintf(stderr, "  empty text: %s\n", name);
        CHECK(s[0] != '\0');
        CHECK(name[0] != '\0');
        CHECK(utf8_valid(s, strlen(s)));
        size_t n = strlen(s);
        bool padded = n && (s[0] == ' ' || s[n - 1] == ' ' || s[0] == '\n' || s[n - 1] == '\n');
        if (padded)
            fprintf(stderr, "  leading/trailing space: %s = \"%s\"\n", name, s);
        CHECK(!padded);
        /* Placeholders are {1}..{3} only: i18n_format fills no others. */
        for (const char *p = strchr(s, '{'); p; p = strchr(p + 1, '{')) {
            bool ok = p[1] >= '1' && p[1] <= '3' && p[2] == '}';
            if (!ok)
                fprintf(stderr, "  bad placeholder: %s = \"%s\"\n", name, s);
            CHECK(ok);
        }
    }
}

static void test_names(void)
{
    CHECK_STR(tr_name(S_APP_NAME), "APP_NAME");
    CHECK_STR(tr_name(S_HOME_WELCOME), "HOME_WELCOME");
    CHECK_STR(tr_name(S_KEY_SPACE), "KEY_SPACE");
    CHECK_STR(tr(S_APP_NAME), "Signpost");
    CHECK_STR(tr(S_HOME_WELCOME), "Welcome to {1}");
    /* Names are unique and in the S_ spelling (upper case, digits, underscores). */
    int dup = 0, bad = 0;
    for (int i = 0; i < S_COUNT; i++) {
        const char *a = tr_name((StrId)i);
        for (const char *p = a; *p; p++)
            if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
                bad++;
        for (int j = i + 1; j < S_COUNT; j++)
            if (strcmp(a, tr_name((StrId)j)) == 0)
                dup++;
    }
    CHECK_INT(dup, 0);
    CHECK_INT(bad, 0);
    /* Out of range ids give "" rather than crashing. */
    CHECK_STR(tr(S_COUNT), "");
    CHECK_STR(tr_name(S_COUNT), "");
    CHECK_STR(tr((StrId)-1), "");
}

static void test_format(void)
{
    char out[256];
    CHECK_STR(i18n_format(out, sizeof out, S_HOME_WELCOME, "St Elsewhere", NULL, NULL),
              "Welcome to St Elsewhere");
    CHECK_STR(i18n_format(out, sizeof out, S_QR_ROUTE_HEADER, "Main entrance", "Ward 7",
                          "Level 2"),
              "Main entrance: directions to Ward 7 (Level 2)");
    /* Returns out. */
    CHECK(i18n_format(out, sizeof out, S_APP_NAME, NULL, NULL, NULL) == out);
    CHECK_STR(out, "Signpost");
    /* Order in the template need not follow argument order; repeats are filled. */
    CHECK_STR(i18n_format_text(out, sizeof out, "{3}-{1}-{2}-{1}", "a", "b", "c"),
              "c-a-b-a");
    /* NULL arguments become "". */
    CHECK_STR(i18n_format_text(out, sizeof out, "[{1}|{2}|{3}]", NULL, "x", NULL),
              "[|x|]");
    /* Other braces are left as they are. */
    CHECK_STR(i18n_format_text(out, sizeof out, "{0} {4} {1 } {} { {x} {1", "A", "B", "C"),
              "{0} {4} {1 } {} { {x} {1");
    CHECK_STR(i18n_format_text(out, sizeof out, "{{1}}", "A", NULL, NULL), "{A}");
    CHECK_STR(i18n_format_text(out, sizeof out, "}{", "A", NULL, NULL), "}{");
    /* Arguments are not themselves expanded. */
    CHECK_STR(i18n_format_text(out, sizeof out, "{1}", "{2}", "no", NULL), "{2}");
    /* UTF-8 passes through. */
    CHECK_STR(i18n_format_text(out, sizeof out, "Caf\xC3\xA9 {1}", "\xC5\x81\xC3\xB3\x64\xC5\xBA",
                               NULL, NULL),
              "Caf\xC3\xA9 \xC5\x81\xC3\xB3\x64\xC5\xBA");
    CHECK_STR(i18n_format_text(out, sizeof out, "", "a", NULL, NULL), "");
}

/* Formats with every cap from 1 up and checks each result is a valid-UTF-8 prefix of
 * the full result, as long as it can be without splitting a code point. */
static void check_truncation(const char *tmpl, const char *a1, const char *a2,
                             const char *a3)
{
    char full[256];
    i18n_format_text(full, sizeof full, tmpl, a1, a2, a3);
    size_t full_len = strlen(full);
    for (size_t cap = 1; cap <= full_len + 2; cap++) {
        char out[256];
        memset(out, 'U', sizeof out);
        i18n_format_text(out, cap, tmpl, a1, a2, a3);
        const char *nul = memchr(out, '\0', cap);
        CHECK(nul != NULL);
        if (!nul)
            continue;
        size_t n = (size_t)(nul - out);
        CHECK(out[cap] == 'U'); /* nothing written past cap */
        CHECK(utf8_valid(out, n));
        if (strncmp(out, full, n) != 0)
            fprintf(stderr, "  cap %zu: \"%s\" is not a prefix of \"%s\"\n", cap, out, full);
        CHECK(strncmp(out, full, n) == 0);
        /* The longest prefix that fits and ends on a code-point boundary. */
        size_t want = cap - 1 < full_len ? cap - 1 : full_len;
        while (want > 0 && ((unsigned char)full[want] & 0xC0) == 0x80)
            want--;
        if (n != want)
            fprintf(stderr, "  cap %zu: got %zu bytes \"%s\", expected %zu\n", cap, n, out,
                    want);
        CHECK_INT(n, want);
    }
}

static void test_format_truncation(void)
{
    check_truncation("Caf\xC3\xA9 \xE2\x82\xAC{1} end", "\xF0\x9D\x84\x9E" "x", NULL, NULL);
    check_truncation("ab{1}cd", "\xE2\x82\xAC", NULL, NULL);
    check_truncation("{1}{2}{3}", "\xC3\xA9\xC3\xA9", "\xE6\x97\xA5", "z\xF0\x9D\x84\x9E");
    check_truncation("Welcome to {1}", "\xC5\x81\xC3\xB3\x64\xC5\xBA General", NULL, NULL);
    /* The specific case: the argument does not fit, so the text after it must not
     * appear either (the result is a prefix, not a splice). */
    char out[8];
    i18n_format_text(out, 5, "ab{1}cd", "\xE2\x82\xAC", NULL, NULL);
    CHECK_STR(out, "ab");
    /* cap 1 gives "", cap 0 writes nothing. */
    memset(out, 'U', sizeof out);
    i18n_format(out, 1, S_HOME_WELCOME, "x", NULL, NULL);
    CHECK_STR(out, "");
    memset(out, 'U', sizeof out);
    i18n_format(out, 0, S_HOME_WELCOME, "x", NULL, NULL);
    CHECK(out[0] == 'U');
}

int main(void)
{
    TEST_RUN(test_every_string_present);
    TEST_RUN(test_names);
    TEST_RUN(test_format);
    TEST_RUN(test_format_truncation);
    return TEST_REPORT();
}
