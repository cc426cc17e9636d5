/* test_qr.c: QR codes read back with libzbar as a phone would: ASCII text as plain
 * bytes, text with letters outside ASCII ("opiekunów", "Siân", "Łódź") with the UTF-8
 * ECI designator first; the capacity table agrees with what libqrencode makes, version
 * by version; too much text is refused with a message. */
#include "err.h"
#include "qr.h"
#include "qr_decode.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

static void round_trip(const char *text, int want_mode, int want_eci)
{
    QrMatrix qr = {0};
    CHECK_INT(qr_encode(text, &qr), 0);
    char *got = tqr_decode(&qr, 4);
    CHECK_STR(got, text);
    free(got);
    int eci;
    CHECK_INT(tqr_first_mode(&qr, &eci), want_mode);
    CHECK_INT(eci, want_eci);
    qr_release(&qr);
}

static void test_ascii_has_no_eci(void)
{
    CHECK(!qr_needs_eci("https://northgate.example.org/pharmacy"));
    round_trip("https://northgate.example.org/pharmacy", 4, -1);
    round_trip("tel:+441632960123", 4, -1);
}

static void test_utf8_text_carries_the_utf8_eci(void)
{
    CHECK(qr_needs_eci("Si\xc3\xa2n"));
    round_trip("Grupa wsparcia dla opiekun\xc3\xb3w", 7, 26);
    round_trip("Si\xc3\xa2n", 7, 26);
    round_trip("\xc5\x81\xc3\xb3""d\xc5\xba", 7, 26);
    /* A larger code: its blocks interleave, so only the mode is read from the modules. */
    round_trip("BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:Caf\xc3\xa9 Cymraeg\r\n"
               "ORG:Caf\xc3\xa9 Cymraeg\r\nEND:VCARD\r\n", 7, -1);
}

/* A text exactly qr_capacity(v) long makes a code of version v; one byte more does not. */
static void test_capacity_matches_libqrencode(void)
{
    static char text[1400];
    for (int eci = 0; eci <= 1; eci++)
        for (int v = 1; v <= QR_MAX_VERSION; v++) {
            size_t cap = qr_capacity(v, eci);
            if (cap + 1 > QR_MAX_PAYLOAD)
                break;
            memset(text, 'a', cap + 1);
            if (eci)
                memcpy(text, "\xc3\xa9", 2);
            text[cap] = '\0';
            QrMatrix qr = {0};
            CHECK_INT(qr_encode(text, &qr), 0);
            CHECK_INT(qr_width_version(qr.width), v);
            text[cap] = 'a';
            text[cap + 1] = '\0';
            CHECK_INT(qr_encode(text, &qr), 0);
            CHECK_INT(qr_width_version(qr.width), v + 1);
            qr_release(&qr);
        }
    CHECK_INT(qr_version_width(1), 21);
    CHECK_INT(qr_version_width(40), 177);
    CHECK_INT(qr_width_version(22), 0);
    CHECK_INT(qr_capacity(0, false), 0);
    CHECK_INT(qr_capacity(20, false), 666);
    CHECK(qr_capacity(QR_MAX_VERSION, true) >= QR_MAX_PAYLOAD);
}

static void test_too_much_is_refused(void)
{
    static char text[QR_MAX_PAYLOAD + 2];
    memset(text, 'x', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    QrMatrix qr = {0};
    CHECK_INT(qr_encode(text, &qr), -1);
    CHECK_CONTAINS(err_msg(), "too much");
    CHECK_INT(qr.width, 0);
    CHECK_INT(qr_encode("", &qr), -1);
}

int main(void)
{
    TEST_RUN(test_ascii_has_no_eci);
    TEST_RUN(test_utf8_text_carries_the_utf8_eci);
    TEST_RUN(test_capacity_matches_libqrencode);
    TEST_RUN(test_too_much_is_refused);
    return TEST_REPORT();
}
