/* test_concern.c: the concern form's data (app/concern). The checks a person meets
 * (phone numbers UK and international, email addresses, a date not in the future, who
 * it is about and their consent, how to be contacted, texts within limits and
 * readable), set-up and wiping, the categories and their KO41a subject areas, and the
 * JSON that gets sealed: every answer under its stable key, parsed back with jansson
 * and compared exactly, in scripts and characters people really type. */
#include "test.h"

#include "concern.h"
#include "i18n.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

static const CivilDate today = {2026, 5, 10};

/* A concern that passes every check: about me, anonymous. */
static void fill_minimal(Concern *c)
{
    concern_init(c);
    c->who = WHO_ME;
    c->category = "care";
    c->contact = CONTACT_ANONYMOUS;
    strbuf_adds(&c->what, "The ward was very noisy at night.");
}

/* ==== phone ==== */

static void test_phone_good(void)
{
    static const char *const good[] = {
        "01632 960123",       "01632960123",      "(01632) 960 123",    "020 7946 0000",
        "0800 123 4567",      "+44 1632 960123",  "+44 (0)1632 960123", "+441632960123",
        "0044 1632 960123",   "+33 1 23 45 67 89", "+1 (555) 010-0199", "+353 1 234 5678",
        "01632-960-123",      " 01632 960123 ",   "016977 2345", /* 0 + 9 digits */
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        const char *msg = concern_check_phone(good[i]);
        if (msg)
            fprintf(stderr, "  phone '%s': %s\n", good[i], msg);
        CHECK(msg == NULL);
    }
}

static void test_phone_bad(void)
{
    struct {
        const char *phone;
        StrId why;
    } bad[] = {
        {"", S_CONCERN_CHECK_PHONE_EMPTY},
        {"   ", S_CONCERN_CHECK_PHONE_EMPTY},
        {"0163", S_CONCERN_CHECK_PHONE_SHORT},
        {"01632 9601", S_CONCERN_CHECK_PHONE_SHORT}, /* 0 and 8 digits */
        {"01632 9601234 5", S_CONCERN_CHECK_PHONE_LONG},
        {"1632 960123", S_CONCERN_CHECK_PHONE_START},
        {"01632 96O123", S_CONCERN_CHECK_PHONE_CHARS}, /* a letter O for a zero */
        {"01632+960123", S_CONCERN_CHECK_PHONE_CHARS}, /* + only at the start */
        {"++44 1632 960123", S_CONCERN_CHECK_PHONE_CHARS},
        {"phone me", S_CONCERN_CHECK_PHONE_CHARS},
        {"01632 960123 ext 4", S_CONCERN_CHECK_PHONE_CHARS},
        {"+", S_CONCERN_CHECK_PHONE_SHORT},
        {"+44 1632 9601", S_CONCERN_CHECK_PHONE_SHORT},
        {"+44 1632 9601234", S_CONCERN_CHECK_PHONE_LONG},
        {"+33 1234", S_CONCERN_CHECK_PHONE_SHORT},
        {"+1234 5678 9012 3456", S_CONCERN_CHECK_PHONE_LONG}, /* 16 digits */
        {"00 33 12", S_CONCERN_CHECK_PHONE_SHORT},
        {"0123456789012345678901234567890123456789", S_CONCERN_CHECK_PHONE_LONG},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *msg = concern_check_phone(bad[i].phone);
        if (!msg || strcmp(msg, tr(bad[i].why)) != 0)
            fprintf(stderr, "  phone '%s': got %s\n", bad[i].phone, msg ? msg : "(ok)");
        CHECK_STR(msg, tr(bad[i].why));
    }
}

/* ==== email ==== */

static void test_email(void)
{
    static const char *const good[] = {
        "name@example.org", "a.b+c@mail.example.co.uk", "zoë@example.org",
        "x@bücher.example", "o'neil@example.org", "first_last-1@sub-domain.example.org",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        const char *msg = concern_check_email(good[i]);
        if (msg)
            fprintf(stderr, "  email '%s': %s\n", good[i], msg);
        CHECK(msg == NULL);
    }
    struct {
        const char *email;
        StrId why;
    } bad[] = {
        {"", S_CONCERN_CHECK_EMAIL_EMPTY},
        {"name", S_CONCERN_CHECK_EMAIL},
        {"name@", S_CONCERN_CHECK_EMAIL},
        {"@example.org", S_CONCERN_CHECK_EMAIL},
        {"name@example", S_CONCERN_CHECK_EMAIL},
        {"name@@example.org", S_CONCERN_CHECK_EMAIL},
        {"name@ex@ample.org", S_CONCERN_CHECK_EMAIL},
        {"na me@example.org", S_CONCERN_CHECK_EMAIL_SPACE},
        {"name@example.org ", S_CONCERN_CHECK_EMAIL_SPACE},
        {"name@example..org", S_CONCERN_CHECK_EMAIL},
        {"name@.example.org", S_CONCERN_CHECK_EMAIL},
        {"name@example.org.", S_CONCERN_CHECK_EMAIL},
        {"name@example,org", S_CONCERN_CHECK_EMAIL},
        {"na,me@example.org", S_CONCERN_CHECK_EMAIL},
        {"name@exa_mple.org", S_CONCERN_CHECK_EMAIL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *msg = concern_check_email(bad[i].email);
        if (!msg || strcmp(msg, tr(bad[i].why)) != 0)
            fprintf(stderr, "  email '%s': got %s\n", bad[i].email, msg ? msg : "(ok)");
        CHECK_STR(msg, tr(bad[i].why));
    }
    /* 254 characters is the most an address may have; 255 is refused. */
    char addr[300];
    for (size_t total = 254; total <= 255; total++) {
        memset(addr, 'a', 60);
        addr[60] = '@';
        memset(addr + 61, 'b', total - 61 - 4);
        memcpy(addr + total - 4, ".org", 5);
        CHECK_INT(strlen(addr), total);
        if (total == 254)
            CHECK(concern_check_email(addr) == NULL);
        else
            CHECK_STR(concern_check_email(addr), tr(S_CONCERN_CHECK_EMAIL_LONG));
    }
}

/* ==== date ==== */

static void test_when(void)
{
    CHECK(concern_check_when((CivilDate){0, 0, 0}, today) == NULL); /* not said */
    CHECK(concern_check_when(today, today) == NULL);
    CHECK(concern_check_when((CivilDate){2026, 5, 9}, today) == NULL);
    CHECK(concern_check_when((CivilDate){2024, 2, 29}, today) == NULL);
    CHECK(concern_check_when((CivilDate){2019, 12, 31}, today) == NULL); /* old is allowed */
    CHECK_STR(concern_check_when((CivilDate){2026, 5, 11}, today),
              tr(S_CONCERN_CHECK_DATE_FUTURE));
    CHECK_STR(concern_check_when((CivilDate){2026, 6, 1}, today),
              tr(S_CONCERN_CHECK_DATE_FUTURE));
    CHECK_STR(concern_check_when((CivilDate){2027, 1, 1}, today),
              tr(S_CONCERN_CHECK_DATE_FUTURE));
    CHECK_STR(concern_check_when((CivilDate){2025, 2, 29}, today),
              tr(S_CONCERN_CHECK_DATE_INVALID));
    CHECK_STR(concern_check_when((CivilDate){2026, 13, 1}, today),
              tr(S_CONCERN_CHECK_DATE_INVALID));
    CHECK_STR(concern_check_when((CivilDate){2026, 4, 31}, today),
              tr(S_CONCERN_CHECK_DATE_INVALID));
    CHECK_STR(concern_check_when((CivilDate){2026, 1, 0}, today),
              tr(S_CONCERN_CHECK_DATE_INVALID));

    Concern c;
    fill_minimal(&c);
    c.when = (CivilDate){2026, 5, 11};
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_DATE_FUTURE));
    c.when = (CivilDate){2026, 5, 1};
    CHECK(concern_check(&c, today) == NULL);
    concern_clear(&c);
}

/* ==== the whole form ==== */

static void test_who_and_consent(void)
{
    Concern c;
    fill_minimal(&c);
    CHECK(concern_check(&c, today) == NULL);
    c.who = WHO_UNSET;
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_WHO));
    c.who = WHO_SOMEONE_ELSE;
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_CONSENT));
    c.consent = CONSENT_YES;
    CHECK(concern_check(&c, today) == NULL);
    c.consent = CONSENT_NO; /* PALS can still give general help */
    CHECK(concern_check(&c, today) == NULL);
    c.consent = CONSENT_CANNOT;
    CHECK(concern_check(&c, today) == NULL);
    c.who = WHO_ME;
    c.consent = CONSENT_UNSET; /* not asked when it is about me */
    CHECK(concern_check(&c, today) == NULL);

    c.category = NULL;
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_CATEGORY));
    c.category = "no-such-category";
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_CATEGORY));
    c.category = "other";
    strbuf_reset(&c.what);
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_WHAT));
    strbuf_adds(&c.what, "  \n ");
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_WHAT));
    concern_clear(&c);
}

static void test_contact_rules(void)
{
    Concern c;
    fill_minimal(&c);
    /* Anonymous needs nothing more. */
    CHECK(concern_check(&c, today) == NULL);
    c.contact = CONTACT_UNSET;
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_CONTACT));
    c.contact = CONTACT_PHONE;
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_PHONE_EMPTY));
    strbuf_adds(&c.phone, "01632 9601");
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_PHONE_SHORT));
    strbuf_adds(&c.phone, "23");
    CHECK(concern_check(&c, today) == NULL);
    c.contact = CONTACT_EMAIL; /* the phone number does not count for email */
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_EMAIL_EMPTY));
    strbuf_adds(&c.email, "name@example");
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_EMAIL));
    strbuf_adds(&c.email, ".org");
    CHECK(concern_check(&c, today) == NULL);
    c.contact = CONTACT_POST;
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_ADDRESS_EMPTY));
    strbuf_adds(&c.address, " \n ");
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_ADDRESS_EMPTY));
    strbuf_adds(&c.address, "1 Example Street\nNorthgate\nNG1 1AA");
    CHECK(concern_check(&c, today) == NULL);
    /* Back to anonymous: the details typed do not stop it. */
    c.contact = CONTACT_ANONYMOUS;
    CHECK(concern_check(&c, today) == NULL);
    concern_clear(&c);
}

static void test_limits_and_text(void)
{
    Concern c;
    fill_minimal(&c);
    struct {
        StrBuf *sb;
        size_t max;
    } limits[] = {
        {&c.what, CONCERN_WHAT_MAX},       {&c.outcome, CONCERN_OUTCOME_MAX},
        {&c.where_text, CONCERN_WHERE_MAX}, {&c.name, CONCERN_NAME_MAX},
        {&c.phone, CONCERN_PHONE_MAX},     {&c.email, CONCERN_EMAIL_MAX},
        {&c.address, CONCERN_ADDRESS_MAX}, {&c.language, CONCERN_LANGUAGE_MAX},
        {&c.other_need, CONCERN_OTHER_NEED_MAX},
    };
    static char big[CONCERN_WHAT_MAX + 2];
    memset(big, 'x', sizeof big - 1);
    for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
        StrBuf *sb = limits[i].sb;
        CHECK(sb->wipe);
        CHECK_INT(sb->max, limits[i].max);
        strbuf_reset(sb);
        /* Up to the limit is fine; one byte more is refused and changes nothing. */
        CHECK_INT(strbuf_add(sb, big, limits[i].max), 0);
        CHECK_INT(strbuf_addc(sb, 'y'), -1);
        CHECK_INT(sb->len, limits[i].max);
        strbuf_reset(sb);
    }
    strbuf_adds(&c.what, "It happened on the ward.");

    /* New lines only where an answer may have several lines. */
    strbuf_adds(&c.what, "\nThen again the next day.");
    CHECK(concern_check(&c, today) == NULL);
    strbuf_adds(&c.where_text, "Ward 7\nbed 3");
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_TEXT));
    strbuf_reset(&c.where_text);
    /* Control characters and broken UTF-8 are never sent. */
    strbuf_adds(&c.outcome, "an apology\x07");
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_TEXT));
    strbuf_reset(&c.outcome);
    strbuf_adds(&c.outcome, "caf\xc3");
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_TEXT));
    strbuf_reset(&c.outcome);
    strbuf_adds(&c.outcome, "a C1 control \xc2\x85 here");
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_TEXT));
    strbuf_reset(&c.outcome);
    strbuf_add(&c.language, "Pol\0ish", 7); /* a NUL inside */
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_TEXT));
    strbuf_reset(&c.language);
    CHECK(concern_check(&c, today) == NULL);
    concern_clear(&c);
}

static void test_init_and_clear(void)
{
    Concern c;
    concern_init(&c);
    CHECK_INT(c.who, WHO_UNSET);
    CHECK_INT(c.contact, CONTACT_UNSET);
    CHECK_INT(c.consent, CONSENT_UNSET);
    CHECK(c.category == NULL && c.where_place == NULL);
    CHECK_INT(c.when.year, 0);
    CHECK_STR(c.what.buf, "");
    fill_minimal(&c);
    c.who = WHO_SOMEONE_ELSE;
    c.consent = CONSENT_YES;
    c.ais_needs = AIS_BRAILLE;
    c.interpreter = c.consent_to_share = true;
    c.when = (CivilDate){2026, 5, 1};
    strbuf_adds(&c.name, "Ada");
    strbuf_adds(&c.language, "Polski");
    concern_clear(&c);
    CHECK_INT(c.who, WHO_UNSET);
    CHECK_INT(c.consent, CONSENT_UNSET);
    CHECK_INT(c.ais_needs, 0);
    CHECK(!c.interpreter && !c.consent_to_share);
    CHECK_INT(c.when.year, 0);
    CHECK(c.category == NULL);
    const StrBuf *texts[] = {&c.where_text, &c.what,    &c.outcome,    &c.name,    &c.phone,
                             &c.email,      &c.address, &c.other_need, &c.language};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        CHECK_INT(texts[i]->len, 0);
        CHECK_INT(texts[i]->cap, 0);
        CHECK(texts[i]->wipe);
        CHECK(texts[i]->max > 0);
    }
    CHECK_INT(c.what.max, CONCERN_WHAT_MAX);
    concern_clear(&c); /* twice is fine */
}

static void test_categories(void)
{
    size_t n = 0;
    const ConcernCategory *cats = concern_categories(&n);
    CHECK_INT(n, 9);
    CHECK_STR(cats[0].label, "Care and treatment");
    CHECK_STR(cats[n - 1].id, "other");
    CHECK_STR(cats[n - 1].label, "Something else");
    CHECK_STR(cats[n - 1].ko41a[0], "Other");
    for (size_t i = 0; i < n; i++) {
        CHECK(cats[i].id && cats[i].id[0]);
        CHECK(cats[i].label && cats[i].label[0]);
        CHECK(cats[i].ko41a[0] != NULL); /* every category counts somewhere for KO41a */
        for (size_t j = 0; j < i; j++)
            CHECK(strcmp(cats[i].id, cats[j].id) != 0);
    }
    size_t nn = 0;
    const ConcernAisNeed *needs = concern_ais_needs(&nn);
    CHECK_INT(nn, 10);
    unsigned all = 0;
    for (size_t i = 0; i < nn; i++) {
        CHECK(needs[i].code[0] && needs[i].label[0]);
        CHECK((all & needs[i].bit) == 0);
        all |= needs[i].bit;
    }
    CHECK_INT(all, (1u << 10) - 1);
}

/* ==== JSON ==== */

static const char *const expected_keys[] = {
    "version",     "reference", "submitted_at", "kiosk",      "kiosk_name",   "receipt_token",
    "kind",        "assisted",    "who",       "consent",      "category",   "ko41a_subjects", "where_place",
    "where_place_name",         "where_text",   "when",
    "what",        "outcome",   "contact",      "name",       "phone",        "email",
    "address",     "ais_needs", "other_need",   "language",   "interpreter",  "consent_to_share",
};
enum { NKEYS = sizeof expected_keys / sizeof expected_keys[0] };

static json_t *to_json(const Concern *c)
{
    ConcernStamp stamp = {"K7QM-4TXR", "2026-05-10T09:15:00Z", "main-entrance", "Main entrance",
                          "00112233445566778899aabbccddeeff"};
    char *text = concern_to_json(c, &stamp);
    CHECK(text != NULL);
    if (!text)
        return NULL;
    json_error_t err;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &err);
    if (!root)
        fprintf(stderr, "  JSON does not parse: %s\n", err.text);
    free(text);
    return root;
}

static void check_keys(const json_t *root)
{
    CHECK_INT(json_object_size(root), NKEYS);
    /* Stable keys, in a stable order (jansson keeps insertion order). */
    size_t i = 0;
    const char *key;
    const json_t *value;
    json_object_foreach((json_t *)root, key, value) {
        if (i < NKEYS)
            CHECK_STR(key, expected_keys[i]);
        i++;
    }
}

static const char *str(const json_t *root, const char *key)
{
    return json_string_value(json_object_get(root, key));
}

static void test_json_every_field(void)
{
    /* Text people type: emoji (with a skin tone), Arabic and Hebrew (right to left),
     * Polish, Chinese and Japanese, Welsh, and the characters JSON must escape. */
    static const char what[] =
        "Przyszłam o 9:00 😀👍🏽, ale nikt nie przyszedł. Zażółć gęślą jaźń.\n"
        "He said \"wait here\" \\ then left.\n"
        "مرحبا، انتظرت ساعتين — שלום\n"
        "医院の待合室で三時間待ちました。护士很忙。\n"
        "A slash / and braces {} [] and a backslash at the end\\";
    static const char outcome[] = "Ymddiheuriad, os gwelwch yn dda 🙏 \"sorry\"";
    Concern c;
    concern_init(&c);
    c.who = WHO_SOMEONE_ELSE;
    c.consent = CONSENT_CANNOT;
    c.category = "admission";
    c.where_place = "ward-7";
    strbuf_adds(&c.where_text, "Ward 7 (\"the blue ward\")");
    c.when = (CivilDate){2026, 3, 4};
    strbuf_adds(&c.what, what);
    strbuf_adds(&c.outcome, outcome);
    c.contact = CONTACT_POST;
    strbuf_adds(&c.name, "Zoë O'Neil-Łukasiewicz 王");
    strbuf_adds(&c.phone, "01632 960123"); /* typed, then post chosen: not sent */
    strbuf_adds(&c.address, "Flat 2, \"Rose\" House\n1 Example Street\nNorthgate NG1 1AA");
    c.ais_needs = AIS_LARGE_PRINT | AIS_BSL_INTERPRETER | AIS_SUPPORT_FROM_CARER;
    strbuf_adds(&c.other_need, "Speak slowly, please: عربي");
    strbuf_adds(&c.language, "Polski");
    c.interpreter = true;
    c.consent_to_share = true;
    CHECK(concern_check(&c, today) == NULL);

    json_t *root = to_json(&c);
    check_keys(root);
    CHECK_INT(json_integer_value(json_object_get(root, "version")), 3);
    CHECK_STR(str(root, "kiosk_name"), "Main entrance");
    CHECK_STR(str(root, "receipt_token"), "00112233445566778899aabbccddeeff");
    CHECK_STR(str(root, "reference"), "K7QM-4TXR");
    CHECK_STR(str(root, "submitted_at"), "2026-05-10T09:15:00Z");
    CHECK_STR(str(root, "kiosk"), "main-entrance");
    CHECK(json_is_false(json_object_get(root, "assisted")));
    CHECK_STR(str(root, "who"), "someone-else");
    CHECK_STR(str(root, "consent"), "cannot");
    CHECK_STR(str(root, "category"), "admission");
    const json_t *subjects = json_object_get(root, "ko41a_subjects");
    CHECK_INT(json_array_size(subjects), 3);
    CHECK_CONTAINS(json_string_value(json_array_get(subjects, 0)), "Admissions, discharges");
    CHECK_STR(str(root, "where_place"), "ward-7");
    CHECK_STR(str(root, "where_text"), "Ward 7 (\"the blue ward\")");
    CHECK_STR(str(root, "when"), "2026-03-04");
    CHECK_STR(str(root, "what"), what);
    CHECK_STR(str(root, "outcome"), outcome);
    CHECK_STR(str(root, "contact"), "post");
    CHECK_STR(str(root, "name"), "Zoë O'Neil-Łukasiewicz 王");
    CHECK_STR(str(root, "phone"), "");
    CHECK_STR(str(root, "email"), "");
    CHECK_STR(str(root, "address"), "Flat 2, \"Rose\" House\n1 Example Street\nNorthgate NG1 1AA");
    const json_t *needs = json_object_get(root, "ais_needs");
    CHECK_INT(json_array_size(needs), 3);
    CHECK_STR(json_string_value(json_array_get(needs, 0)), "large-print");
    CHECK_STR(json_string_value(json_array_get(needs, 1)), "bsl-interpreter");
    CHECK_STR(json_string_value(json_array_get(needs, 2)), "support-from-carer");
    CHECK_STR(str(root, "other_need"), "Speak slowly, please: عربي");
    CHECK_STR(str(root, "language"), "Polski");
    CHECK(json_is_true(json_object_get(root, "interpreter")));
    CHECK(json_is_true(json_object_get(root, "consent_to_share")));
    json_decref(root);
    concern_clear(&c);
}

static void test_json_contact_details(void)
{
    /* Details go only with the way of contact chosen. */
    Concern c;
    fill_minimal(&c);
    strbuf_adds(&c.name, "Ada Lovelace");
    strbuf_adds(&c.phone, "01632 960123");
    strbuf_adds(&c.email, "ada@example.org");
    strbuf_adds(&c.address, "1 Example Street");
    static const struct {
        ContactMethod method;
        const char *code, *name, *phone, *email, *address;
    } cases[] = {
        {CONTACT_ANONYMOUS, "anonymous", "", "", "", ""},
        {CONTACT_PHONE, "phone", "Ada Lovelace", "01632 960123", "", ""},
        {CONTACT_EMAIL, "email", "Ada Lovelace", "", "ada@example.org", ""},
        {CONTACT_POST, "post", "Ada Lovelace", "", "", "1 Example Street"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        c.contact = cases[i].method;
        json_t *root = to_json(&c);
        check_keys(root);
        CHECK_STR(str(root, "contact"), cases[i].code);
        CHECK_STR(str(root, "name"), cases[i].name);
        CHECK_STR(str(root, "phone"), cases[i].phone);
        CHECK_STR(str(root, "email"), cases[i].email);
        CHECK_STR(str(root, "address"), cases[i].address);
        json_decref(root);
    }
    concern_clear(&c);
}

static void test_json_unset(void)
{
    /* An empty concern still has every key: unset choices are null, texts "". */
    Concern c;
    concern_init(&c);
    json_t *root = to_json(&c);
    check_keys(root);
    static const char *const nulls[] = {"who", "consent", "category", "where_place", "when",
                                        "contact"};
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
        CHECK(json_is_null(json_object_get(root, nulls[i])));
    CHECK_INT(json_array_size(json_object_get(root, "ko41a_subjects")), 0);
    CHECK(json_is_array(json_object_get(root, "ais_needs")));
    CHECK_INT(json_array_size(json_object_get(root, "ais_needs")), 0);
    CHECK_STR(str(root, "what"), "");
    CHECK(json_is_false(json_object_get(root, "interpreter")));
    json_decref(root);
    /* Consent is sent only when the concern is about someone else. */
    fill_minimal(&c);
    c.consent = CONSENT_YES;
    root = to_json(&c);
    CHECK(json_is_null(json_object_get(root, "consent")));
    json_decref(root);
    /* Text that is not UTF-8 cannot be written out. */
    strbuf_adds(&c.what, "\xff");
    ConcernStamp stamp = {"K7QM-4TXR", "2026-05-10T09:15:00Z", "k", NULL, NULL};
    CHECK(concern_to_json(&c, &stamp) == NULL);
    concern_clear(&c);
}

/* ==== a communication-needs request (issue 10 part 8) ==== */

static void test_needs_request(void)
{
    Concern c;
    concern_init(&c);
    c.kind = KIND_NEEDS;
    /* Nothing chosen: a kind message, not a concern's questions. */
    CHECK_STR(concern_check(&c, today), tr(S_NEEDS_CHECK_NONE));
    CHECK_STR(concern_check_needs(&c), tr(S_NEEDS_CHECK_NONE));
    /* An interpreter needs a language. */
    c.interpreter = true;
    CHECK_STR(concern_check_needs(&c), tr(S_NEEDS_CHECK_LANGUAGE));
    strbuf_adds(&c.language, "   ");
    CHECK_STR(concern_check_needs(&c), tr(S_NEEDS_CHECK_LANGUAGE));
    strbuf_reset(&c.language);
    strbuf_adds(&c.language, "Polski");
    CHECK(concern_check_needs(&c) == NULL);
    c.interpreter = false;
    CHECK_STR(concern_check_needs(&c), tr(S_NEEDS_CHECK_NONE));
    strbuf_adds(&c.other_need, "Please face me when you speak");
    CHECK(concern_check_needs(&c) == NULL);
    strbuf_reset(&c.other_need);
    c.ais_needs = AIS_BRAILLE;
    CHECK(concern_check_needs(&c) == NULL);
    /* Never anonymous: the need is recorded against someone. */
    CHECK_STR(concern_check(&c, today), tr(S_NEEDS_CHECK_CONTACT));
    c.contact = CONTACT_ANONYMOUS;
    CHECK_STR(concern_check(&c, today), tr(S_NEEDS_CHECK_CONTACT));
    c.contact = CONTACT_PHONE;
    CHECK_STR(concern_check(&c, today), tr(S_NEEDS_CHECK_NAME));
    strbuf_adds(&c.name, "Siân Example");
    CHECK(concern_check(&c, today) != NULL); /* no phone number yet */
    strbuf_adds(&c.phone, "01632 960123");
    CHECK(concern_check(&c, today) == NULL);
    c.contact = CONTACT_POST;
    CHECK_STR(concern_check(&c, today), tr(S_CONCERN_CHECK_ADDRESS_EMPTY));
    c.contact = CONTACT_EMAIL;
    strbuf_adds(&c.email, "sian@example.org");
    CHECK(concern_check(&c, today) == NULL);
    /* Sealed as a needs request: kind, no category, the needs and the contact. */
    json_t *root = to_json(&c);
    check_keys(root);
    CHECK_STR(str(root, "kind"), "communication-needs");
    CHECK(json_is_null(json_object_get(root, "category")));
    CHECK_STR(str(root, "name"), "Siân Example");
    CHECK_STR(str(root, "email"), "sian@example.org");
    CHECK_STR(str(root, "phone"), "");
    CHECK_STR(json_string_value(json_array_get(json_object_get(root, "ais_needs"), 0)),
              "braille");
    json_decref(root);
    /* A concern says so too; clearing keeps nothing, and makes a concern again. */
    concern_clear(&c);
    CHECK_INT(c.kind, KIND_CONCERN);
    fill_minimal(&c);
    root = to_json(&c);
    CHECK_STR(str(root, "kind"), "concern");
    json_decref(root);
    concern_clear(&c);
}

int main(void)
{
    TEST_RUN(test_phone_good);
    TEST_RUN(test_phone_bad);
    TEST_RUN(test_email);
    TEST_RUN(test_when);
    TEST_RUN(test_who_and_consent);
    TEST_RUN(test_contact_rules);
    TEST_RUN(test_limits_and_text);
    TEST_RUN(test_init_and_clear);
    TEST_RUN(test_categories);
    TEST_RUN(test_json_every_field);
    TEST_RUN(test_json_contact_details);
    TEST_RUN(test_json_unset);
    TEST_RUN(test_needs_request);
    return TEST_REPORT();
}
