/* test_i18n_lookup.c: run-time lookup in a chosen language through the compiled
 * catalogues: context lookup, real plural rules (Welsh six forms, Polish three),
 * fallback to English, switching back, and the real catalogues of every language. */
#include "test.h"

#include "i18n.h"

#include <string.h>

static void test_lookup_and_fallback(void)
{
    i18n_set_localedir(TEST_LOCALEDIR);
    CHECK_STR(i18n_language(), "en");
    CHECK(i18n_set_language("cy"));
    CHECK_STR(i18n_language(), "cy");
    CHECK_STR(tr(S_HOME_PROMPT), "Cyffyrddwch â botwm i ddechrau");
    CHECK(i18n_translated(S_HOME_PROMPT));
    /* Missing from the test catalogue: English. */
    CHECK_STR(tr(S_HOME_FIND_WAY), "Find your way");
    CHECK(!i18n_translated(S_HOME_FIND_WAY));
    CHECK(i18n_set_language("en"));
    CHECK_STR(tr(S_HOME_PROMPT), "Touch a button to start");
    CHECK(!i18n_translated(S_HOME_PROMPT));
}

static void test_plurals(void)
{
    i18n_set_localedir(TEST_LOCALEDIR);
    CHECK(i18n_set_language("cy"));
    const char *cy[] = {"zero {1}", "one {1}", "two {1}", "few {1}", "other {1}", "other {1}",
                        "many {1}", "other {1}"};
    for (unsigned long n = 0; n < 8; n++)
        CHECK_STR(tr_n(S_SUPPORT_COUNT, n), cy[n]);
    CHECK(i18n_set_language("pl"));
    CHECK_STR(tr_n(S_SUPPORT_COUNT, 1), "{1} usługa");
    CHECK_STR(tr_n(S_SUPPORT_COUNT, 3), "{1} usługi");
    CHECK_STR(tr_n(S_SUPPORT_COUNT, 5), "{1} usług");
    CHECK_STR(tr_n(S_SUPPORT_COUNT, 22), "{1} usługi");
    CHECK_STR(tr_n(S_SUPPORT_COUNT, 12), "{1} usług");
    /* Not in the pl test catalogue: English plural rules. */
    CHECK_STR(tr_n(S_FIND_COUNT, 1), "{1} place");
    CHECK_STR(tr_n(S_FIND_COUNT, 2), "{1} places");
    CHECK(i18n_set_language("en"));
    CHECK_STR(tr_n(S_SUPPORT_COUNT, 1), "{1} service");
    CHECK_STR(tr_n(S_SUPPORT_COUNT, 0), "{1} services");
    CHECK(tr_is_plural(S_SEARCH_RESULTS));
    CHECK(!tr_is_plural(S_HOME_PROMPT));
}

static void test_unknown_language(void)
{
    i18n_set_localedir(TEST_LOCALEDIR);
    CHECK(!i18n_set_language("xx"));
    CHECK_STR(tr(S_HOME_PROMPT), "Touch a button to start");
    CHECK(!i18n_set_language("not a code"));
    CHECK_STR(i18n_language(), "en");
    CHECK(!i18n_set_language(NULL));
    CHECK_STR(i18n_language(), "en");
}

/* The real catalogues: every language switches and translates the home screen. */
static void test_real_catalogues(void)
{
    i18n_set_localedir(REAL_LOCALEDIR);
    const char *codes[] = {"cy", "pl", "ur", "ar", "bn", "pa", "ro", "so"};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        CHECK(i18n_set_language(codes[i]));
        CHECK(i18n_translated(S_HOME_FIND_WAY));
        CHECK(strcmp(tr(S_HOME_FIND_WAY), "Find your way") != 0);
        CHECK(tr_n(S_SUPPORT_COUNT, 2)[0] != '\0');
    }
    i18n_set_language("en");
    i18n_set_localedir(NULL);
}

int main(void)
{
    TEST_RUN(test_lookup_and_fallback);
    TEST_RUN(test_plurals);
    TEST_RUN(test_unknown_language);
    TEST_RUN(test_real_catalogues);
    return TEST_REPORT();
}
