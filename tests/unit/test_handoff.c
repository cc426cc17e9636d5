/* test_handoff.c: what the kiosk hands to a phone for a support service: tel: links in
 * international form (RFC 3966), phone number checks, and the vCard 3.0 contact card
 * (RFC 2426): an organisation's card (N empty, ORG set), phones with their labels,
 * lines folded at 75 octets between whole UTF-8 letters, CRLF line ends, escaping of
 * ; , \ and new lines, international TEL lines, and optional fields dropped (note,
 * then address, then e-mail) to stay within the size given. The Site is built by hand. */
#include "handoff.h"
#include "test.h"

static const char *tel(const char *number)
{
    static char buf[64];
    if (handoff_tel_uri(number, buf, sizeof buf) != 0)
        return "refused";
    return buf;
}

static void test_tel_uri(void)
{
    CHECK_STR(tel("01632 960123"), "tel:+441632960123");
    CHECK_STR(tel("+44 (0)1632 960123"), "tel:+441632960123");
    CHECK_STR(tel("+44 1632 960123"), "tel:+441632960123");
    CHECK_STR(tel("+44 01632 960123"), "tel:+441632960123");
    CHECK_STR(tel("(01632) 960-123"), "tel:+441632960123");
    CHECK_STR(tel("  01632960123"), "tel:+441632960123");
    CHECK_STR(tel("0808 157 0100"), "tel:+448081570100");
    CHECK_STR(tel("020 7946 0000"), "tel:+442079460000");
    CHECK_STR(tel("01632 96012"), "tel:+44163296012"); /* 0 + 9 digits */
    CHECK_STR(tel("+353 1 555 0100"), "tel:+35315550100");
    CHECK_STR(tel("12345"), "refused");
    CHECK_STR(tel("01632 96O123"), "refused"); /* a letter O */
    CHECK_STR(tel("call 01632 960123"), "refused");
    CHECK_STR(tel("01632 960123 ext 4"), "refused");
    CHECK_STR(tel(""), "refused");
    CHECK_STR(tel("+44 (0)"), "refused");
    CHECK_STR(tel("0016 3296 0123"), "refused");   /* 00 starts an international call */
    CHECK_STR(tel("01632 9601234567"), "refused"); /* too long */
    CHECK_STR(tel("+44 1632 96"), "refused");
    CHECK_STR(tel("+1 555"), "refused");
    CHECK_STR(tel("+0 1632 960123"), "refused");
    CHECK_STR(tel("+1234567890123456"), "refused"); /* 16 digits */
    CHECK_STR(tel("999"), "refused");
    CHECK_STR(tel("+"), "refused");
    char small[16];
    CHECK_INT(handoff_tel_uri("01632 960123", small, sizeof small), -1); /* needs 18 */
    CHECK_STR(small, "");
    char exact[18];
    CHECK_INT(handoff_tel_uri("01632 960123", exact, sizeof exact), 0);
    CHECK_STR(exact, "tel:+441632960123");
    CHECK_INT(handoff_tel_uri(NULL, exact, sizeof exact), -1);
}

static void test_phone_valid(void)
{
    CHECK(handoff_phone_valid("01632 960123"));
    CHECK(handoff_phone_valid("0808 157 0999"));
    CHECK(handoff_phone_valid("+44 (0)1632 960123"));
    CHECK(handoff_phone_valid("+1 202 555 0100"));
    CHECK(handoff_phone_valid("01632-960-123"));
    CHECK(!handoff_phone_valid("12345"));
    CHECK(!handoff_phone_valid("01632 ABC123"));
    CHECK(!handoff_phone_valid("01632 960123 (Mon-Fri)"));
    CHECK(!handoff_phone_valid("0 1632"));
    CHECK(!handoff_phone_valid("01632 960123 / 960124"));
    CHECK(!handoff_phone_valid(""));
    CHECK(!handoff_phone_valid(NULL));
}

/* ==== a hand-built Site ==== */

static Building buildings[] = {{"main", "Main Building"}};
static Floor floors[] = {{.id = "main-lg", .name = "Lower ground floor", .level = -1}};
static Destination destinations[] = {
    {.id = "restaurant", .name = "The Orchard Restaurant", .summary = "", .hours_text = "",
     .accessibility = "", .phone = "", .web = "", .type = 0, .floor = 0, .waypoint = 0},
};
static Organization organizations[] = {
    {"carers", "Northgate Carers Centre", "A charity.", "https://carers.example.org",
     "carers@example.org"},
    {"bare", "Bare Organisation", "", "", ""},
};
static ServicePhone cafe_phones[] = {
    {"01632 960820", "Advice line"},
    {"0808 157 0120", ""},
};
static Schedule cafe_schedules[2];
static Service services[3];
static Site site;

static void make_site(void)
{
    ScheduleError err;
    CHECK_INT(schedule_from_fields("MONTHLY", "", "-1FR", "", "10:00", "12:00", "",
                                   &cafe_schedules[0], &err), 0);
    cafe_schedules[0].description = "Bring a friend,\nall welcome";
    CHECK_INT(schedule_from_fields("WEEKLY", "2", "WE", "", "14:00", "", "2026-01-07",
                                   &cafe_schedules[1], &err), 0);
    services[0] = (Service){
        .id = "cafe", .name = "Carers' caf\xc3\xa9; tea, cake \\ chat",
        .description = "", .organization = 0, .status = SERVICE_ACTIVE, .alert = "",
        .eligibility = "", .min_age = -1, .max_age = -1, .fees = "", .languages = "",
        .url = "https://carers.example.org/cafe", .email = "cafe@example.org",
        .phones = cafe_phones, .nphones = 2, .destination = 0, .address = "",
        .attending = "", .schedules = cafe_schedules, .nschedules = 2,
        .assured = {2026, 10, 1},
    };
    /* Temporarily closed, off site, no phone: its organisation's web address stands in
     * for its own, but not the organisation's e-mail address. */
    services[1] = (Service){
        .id = "walk", .name = "Walk", .description = "", .organization = 0,
        .status = SERVICE_TEMPORARILY_CLOSED, .alert = "", .eligibility = "",
        .min_age = -1, .max_age = -1, .fees = "", .languages = "", .url = "", .email = "",
        .destination = -1, .address = "Riverside Park, Northgate NX2 3ST", .attending = "",
    };
    /* Nothing to reach it by. */
    services[2] = (Service){
        .id = "none", .name = "Nowhere", .description = "", .organization = 1,
        .status = SERVICE_ACTIVE, .alert = "", .eligibility = "", .min_age = -1,
        .max_age = -1, .fees = "", .languages = "", .url = "", .email = "",
        .destination = -1, .address = "", .attending = "",
    };
    site = (Site){
        .name = "Northgate General Hospital", .phone = "", .web = "", .reception = "",
        .buildings = buildings, .nbuildings = 1, .floors = floors, .nfloors = 1,
        .destinations = destinations, .ndestinations = 1,
        .organizations = organizations, .norganizations = 2,
        .services = services, .nservices = 3, .pals_phone = "",
    };
}

/* An organisation's card: N empty, ORG the organisation and the service; the first
 * phone labelled with its description; long lines folded at 75 octets, the fold kept
 * off the escape "\\,". */
static const char full_card[] =
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:;;;;\r\n"
    "FN:Carers' caf\xc3\xa9\\; tea\\, cake \\\\ chat\r\n"
    "ORG:Northgate Carers Centre;Carers' caf\xc3\xa9\\; tea\\, cake \\\\ chat\r\n"
    "X-ABShowAs:COMPANY\r\n"
    "item1.TEL;TYPE=work,voice:+441632960820\r\n"
    "item1.X-ABLabel:Advice line\r\n"
    "TEL;TYPE=work,voice:+448081570120\r\n"
    "EMAIL;TYPE=internet:cafe@example.org\r\n"
    "URL:https://carers.example.org/cafe\r\n"
    "ADR;TYPE=work:;;The Orchard Restaurant\\, Lower ground floor\\, Main Building\r\n"
    " \\, Northgate General Hospital;;;;\r\n"
    "NOTE:Last Friday of the month\\, 10:00 to 12:00 (Bring a friend\\,\\nall welco\r\n"
    " me)\\nEvery other Wednesday\\, 14:00\r\n"
    "END:VCARD\r\n";

static bool crlf_only(const char *s)
{
    for (const char *p = s; *p; p++)
        if ((*p == '\n' && (p == s || p[-1] != '\r')) || (*p == '\r' && p[1] != '\n'))
            return false;
    return true;
}

static void test_vcard_content(void)
{
    make_site();
    char buf[2048];
    CHECK_INT(handoff_vcard(&site, &services[0], buf, sizeof buf), 0);
    CHECK_STR(buf, full_card);
    CHECK(crlf_only(buf));
    CHECK(strncmp(buf, "BEGIN:VCARD\r\nVERSION:3.0\r\n", 26) == 0);
    size_t len = strlen(buf);
    CHECK(len > 13 && strcmp(buf + len - 11, "END:VCARD\r\n") == 0);
}

static void test_vcard_closed_and_fallbacks(void)
{
    make_site();
    char buf[1024];
    CHECK_INT(handoff_vcard(&site, &services[1], buf, sizeof buf), 0);
    CHECK_STR(buf, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:Walk\r\n"
                   "ORG:Northgate Carers Centre;Walk\r\nX-ABShowAs:COMPANY\r\n"
                   "URL:https://carers.example.org\r\n"
                   "ADR;TYPE=work:;;Riverside Park\\, Northgate NX2 3ST;;;;\r\n"
                   "NOTE:Temporarily closed.\r\n"
                   "END:VCARD\r\n");
    CHECK(crlf_only(buf));
    /* No phone, e-mail, web or postal address anywhere: no card. */
    CHECK_INT(handoff_vcard(&site, &services[2], buf, sizeof buf), -1);
    CHECK_STR(buf, "");
    CHECK_INT(handoff_vcard(&site, NULL, buf, sizeof buf), -1);
    CHECK_INT(handoff_vcard(NULL, &services[0], buf, sizeof buf), -1);
    CHECK_INT(handoff_vcard(&site, &services[0], buf, 0), -1);
}

static void test_vcard_size_cap(void)
{
    make_site();
    char buf[2048];
    size_t full = strlen(full_card);
    /* Exactly enough room (with the NUL): the whole card. */
    CHECK_INT(handoff_vcard(&site, &services[0], buf, full + 1), 0);
    CHECK_STR(buf, full_card);
    /* One byte less: the note goes first, the address and e-mail stay. */
    CHECK_INT(handoff_vcard(&site, &services[0], buf, full), 0);
    CHECK(strstr(buf, "NOTE:") == NULL);
    CHECK(strstr(buf, "ADR;") != NULL);
    CHECK(strstr(buf, "EMAIL;") != NULL);
    CHECK(strstr(buf, "END:VCARD\r\n") != NULL);
    size_t no_note = strlen(buf);
    /* Then the address. */
    CHECK_INT(handoff_vcard(&site, &services[0], buf, no_note), 0);
    CHECK(strstr(buf, "ADR;") == NULL);
    CHECK(strstr(buf, "EMAIL;") != NULL);
    size_t no_adr = strlen(buf);
    /* Then the e-mail address; the phones and web address always stay. */
    CHECK_INT(handoff_vcard(&site, &services[0], buf, no_adr), 0);
    CHECK(strstr(buf, "EMAIL;") == NULL);
    CHECK(strstr(buf, "item1.TEL;TYPE=work,voice:+441632960820\r\n") != NULL);
    CHECK(strstr(buf, "URL:") != NULL);
    CHECK(crlf_only(buf));
    size_t minimal = strlen(buf);
    CHECK(minimal < no_adr && no_adr < no_note && no_note < full);
    /* Smaller than the minimal card: nothing, and an empty string. */
    CHECK_INT(handoff_vcard(&site, &services[0], buf, minimal), -1);
    CHECK_STR(buf, "");
}

/* Every line at most 75 octets before its CRLF; a continuation starts with a space and
 * never with a UTF-8 continuation byte; unfolded, the card is what was folded. */
static bool folded_right(const char *card, const char *unfolded)
{
    bool ok = true;
    for (const char *p = card; *p;) {
        const char *end = strstr(p, "\r\n");
        if (!end)
            return false;
        ok &= end - p <= 75;
        if (p != card && *p == ' ')
            ok &= ((unsigned char)p[1] & 0xC0) != 0x80;
        p = end + 2;
    }
    char flat[4096];
    size_t n = 0;
    for (const char *p = card; *p && n < sizeof flat - 1; p++) {
        if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
            p += 2;
            continue;
        }
        flat[n++] = *p;
    }
    flat[n] = '\0';
    return ok && strcmp(flat, unfolded) == 0;
}

/* Long names in Polish and Welsh: folded between whole letters. A mobile number is a
 * cell phone; a service with no organisation is its own ORG. */
static void test_vcard_folding_and_phones(void)
{
    make_site();
    static ServicePhone phones[] = {{"07700 900123", "Carers support worker (mobile)"},
                                    {"01632 960821", ""}};
    const char *name = "Grupa wsparcia dla opiekun\xc3\xb3w os\xc3\xb3\x62 z "
                       "demencj\xc4\x85 \xc5\x81\xc3\xb3\x64\xc5\xba i Si\xc3\xa2n "
                       "\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87 \xc5\xbc\xc3\xb3\xc5\x82\xc4\x87 "
                       "\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87";
    services[2].name = name;
    services[2].organization = -1;
    services[2].phones = phones;
    services[2].nphones = 2;
    char buf[2048];
    CHECK_INT(handoff_vcard(&site, &services[2], buf, sizeof buf), 0);
    char want[2048];
    snprintf(want, sizeof want,
             "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:%s\r\nORG:%s\r\n"
             "X-ABShowAs:COMPANY\r\n"
             "item1.TEL;TYPE=cell,voice:+447700900123\r\n"
             "item1.X-ABLabel:Carers support worker (mobile)\r\n"
             "TEL;TYPE=work,voice:+441632960821\r\n"
             "END:VCARD\r\n",
             name, name);
    CHECK(folded_right(buf, want));
    CHECK(strcmp(buf, want) != 0); /* it was folded */
    CHECK(crlf_only(buf));
    /* Every cut of the name's line falls between letters, whatever its offset: try
     * each shift of the name by one ASCII letter. */
    char shifted[400];
    for (int k = 0; k < 8; k++) {
        snprintf(shifted, sizeof shifted, "%.*s%s", k, "xxxxxxxx", name);
        services[2].name = shifted;
        CHECK_INT(handoff_vcard(&site, &services[2], buf, sizeof buf), 0);
        snprintf(want, sizeof want,
                 "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:%s\r\nORG:%s\r\n"
             "X-ABShowAs:COMPANY\r\n"
                 "item1.TEL;TYPE=cell,voice:+447700900123\r\n"
                 "item1.X-ABLabel:Carers support worker (mobile)\r\n"
                 "TEL;TYPE=work,voice:+441632960821\r\n"
                 "END:VCARD\r\n",
                 shifted, shifted);
        CHECK(folded_right(buf, want));
    }
    make_site();
}

int main(void)
{
    TEST_RUN(test_tel_uri);
    TEST_RUN(test_phone_valid);
    TEST_RUN(test_vcard_content);
    TEST_RUN(test_vcard_closed_and_fallbacks);
    TEST_RUN(test_vcard_size_cap);
    TEST_RUN(test_vcard_folding_and_phones);
    return TEST_REPORT();
}
