/* test_printer.c: the printer module without a kiosk: ESC/POS bytes and PC858, slips
 * read back by the test decoder (tests/print/escpos_decode), status replies to plain
 * problems, and the worker thread against the printer emulator on a local socket in
 * every mode (ok, paper out, cover open, offline, connection refused): submitting
 * never blocks, and a printer that reports a problem is sent no slip. */
#include "test.h"

#include "escpos_decode.h"
#include "mem.h"
#include "printer.h"
#include "printer_emu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void test_cp858(void)
{
    CHECK_INT(escpos_cp858('A'), 'A');
    CHECK_INT(escpos_cp858(0x00E9), 0x82);   /* é */
    CHECK_INT(escpos_cp858(0x20AC), 0xD5);   /* € */
    CHECK_INT(escpos_cp858(0x00A3), 0x9C);   /* £ */
    CHECK_INT(escpos_cp858(0x2019), '\'');   /* ’ as ' */
    CHECK_INT(escpos_cp858(0x0175), 0);      /* Welsh ŵ: not in the code page */
    CHECK_INT(escpos_cp858(0x0642), 0);      /* Arabic qaf */
    for (int c = 0x20; c < 0x100; c++)
        if (c != 0x7F)
            CHECK_INT(escpos_cp858(escpos_cp858_to_unicode((unsigned char)c)),
                      c == 0xFF ? ' ' : c); /* no-break space prints as a space */
    CHECK(escpos_encodable("Caf\xc3\xa9 \xc2\xa3" "5", 9));
    CHECK(!escpos_encodable("Pen-y-b\xc5\xb5lch", 11));
    CHECK(escpos_encodable("PALS\nYour reference: AB12\n", 25));
    CHECK(!escpos_encodable("\xd8\xb4\xd9\x81\xd8\xa7", 6));
}

static void test_status(void)
{
    CHECK_INT(printer_status_problem(0x12, 0x12, 0x12), PRINTER_OK);
    CHECK_INT(printer_status_problem(-1, -1, -1), PRINTER_OK);
    CHECK_INT(printer_status_problem(0x1A, 0x32, 0x72), PRINTER_PAPER_OUT);
    CHECK_INT(printer_status_problem(0x12, 0x12, 0x72), PRINTER_PAPER_OUT);
    CHECK_INT(printer_status_problem(0x1A, 0x16, 0x12), PRINTER_COVER_OPEN);
    CHECK_INT(printer_status_problem(0x1A, 0x52, 0x12), PRINTER_OFFLINE);
    CHECK_INT(printer_status_problem(0x1A, -1, -1), PRINTER_OFFLINE);
    char host[64];
    int port = 0;
    CHECK_INT(printer_parse_device("tcp:10.0.0.5:9100", host, sizeof host, &port), 0);
    CHECK_STR(host, "10.0.0.5");
    CHECK_INT(port, 9100);
    CHECK_INT(printer_parse_device("/dev/usb/lp0", host, sizeof host, &port), 0);
    CHECK_INT(port, 0);
    CHECK_INT(printer_parse_device("tcp:host:0", host, sizeof host, &port), -1);
    CHECK_INT(printer_parse_device("lp0", host, sizeof host, &port), -1);
    CHECK_INT(printer_parse_device("", host, sizeof host, &port), -1);
}

/* A stand-in for the platform's text: every character a 10 x 20 block. */
static int fake_measure(void *user, SlipStyle style, const char *text, size_t len)
{
    (void)user;
    (void)style;
    int n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n * 10;
}

static int fake_render(void *user, SlipStyle style, const char *text, size_t len,
                       unsigned char **ink, int *w, int *h)
{
    int *calls = user;
    (*calls)++;
    *w = fake_measure(NULL, style, text, len);
    *h = 20;
    if (*w <= 0)
        return -1;
    *ink = mem_alloc((size_t)*w * 20);
    if (!*ink)
        return -1;
    memset(*ink, 255, (size_t)*w * 20);
    return 0;
}

static Slip *sample_slip(bool rtl, const char *extra)
{
    Slip *s = mem_zalloc(sizeof *s);
    slip_init(s, rtl);
    slip_add(s, SLIP_TITLE, "Coronary Care Unit");
    slip_add(s, SLIP_TEXT, "Ward \xc2\xb7 Main Building, First floor");
    slip_add(s, SLIP_RULE, NULL);
    slip_add(s, SLIP_HEADING, "Directions from here");
    slip_add_step(s, 1, "Start at this screen (Main entrance).");
    slip_add_step(s, 2, "Walk along the main corridor past the caf\xc3\xa9 and the shop, "
                        "then take the stairs on your left up to the first floor.");
    if (extra)
        slip_add(s, SLIP_TEXT, extra);
    slip_add(s, SLIP_QR, "https://example.org/d/ccu");
    return s;
}

static void free_slip(Slip *s)
{
    slip_release(s);
    mem_free(s);
}

/* Builds and reads back: text, wrapping, the QR (native or raster) and the cut. */
static void check_roundtrip(int dots, PrinterQr qr)
{
    int calls = 0;
    SlipRaster r = {&calls, fake_measure, fake_render};
    SlipOptions o = {dots, qr, &r};
    Slip *s = sample_slip(false, "Pen-y-b\xc5\xb5lch");
    ByteBuf b;
    bytebuf_init(&b);
    CHECK_INT(slip_build(s, &o, &b), 0);
    EscposDoc doc;
    int rc = escpos_decode(b.data, b.len, dots, &doc);
    if (rc != 0)
        fprintf(stderr, "  decode: %s\n", doc.error);
    CHECK_INT(rc, 0);
    char *text = escpos_doc_text(&doc);
    CHECK_CONTAINS(text, "Coronary");
    CHECK_CONTAINS(text, "1. Start at this screen (Main");
    CHECK_CONTAINS(text, "caf\xc3\xa9");
    CHECK(strstr(text, "Pen-y-b") == NULL); /* drawn as an image instead */
    CHECK_INT(calls, 1);
    int cols = dots / 12;
    for (size_t i = 0; i < doc.nlines; i++)
        CHECK((int)strlen(doc.lines[i].utf8) <= cols * 2); /* bytes; ASCII mostly */
    CHECK_INT(doc.cuts, 1);
    CHECK(doc.cut_last);
    if (qr == PRINTER_QR_NATIVE) {
        CHECK_INT((int)doc.nqrs, 1);
        if (doc.nqrs)
            CHECK_STR(doc.qrs[0].data, "https://example.org/d/ccu");
    } else {
        CHECK_INT((int)doc.nqrs, 0);
        CHECK(doc.rasters >= 3); /* rule, the Welsh line, the code */
    }
    free(text);
    escpos_doc_release(&doc);
    bytebuf_release(&b);
    free_slip(s);
}

static void test_roundtrip(void)
{
    check_roundtrip(ESCPOS_DOTS_58, PRINTER_QR_NATIVE);
    check_roundtrip(ESCPOS_DOTS_80, PRINTER_QR_RASTER);
    check_roundtrip(ESCPOS_DOTS_58, PRINTER_QR_RASTER);
}

/* Right to left: every paragraph is an image, right-aligned; no printer text. */
static void test_rtl(void)
{
    int calls = 0;
    SlipRaster r = {&calls, fake_measure, fake_render};
    SlipOptions o = {ESCPOS_DOTS_80, PRINTER_QR_RASTER, &r};
    Slip *s = sample_slip(true, NULL);
    ByteBuf b;
    bytebuf_init(&b);
    CHECK_INT(slip_build(s, &o, &b), 0);
    EscposDoc doc;
    CHECK_INT(escpos_decode(b.data, b.len, ESCPOS_DOTS_80, &doc), 0);
    CHECK_INT((int)doc.nlines, 0);
    CHECK(calls >= 6); /* the long step wraps */
    escpos_doc_release(&doc);
    bytebuf_release(&b);
    free_slip(s);
}

/* Damaged jobs are refused with where and why. */
static void test_decoder_refuses(void)
{
    static const unsigned char cut_short[] = {0x1B, '@', 0x1D, 'v', '0', 0, 48, 0, 10, 0, 1};
    static const unsigned char no_init[] = {'h', 'i', '\n'};
    static const unsigned char qr_order[] = {0x1B, '@', 0x1D, '(', 'k', 3, 0, 49, 81, 48};
    EscposDoc doc;
    CHECK_INT(escpos_decode(cut_short, sizeof cut_short, 384, &doc), -1);
    CHECK_CONTAINS(doc.error, "cut short");
    escpos_doc_release(&doc);
    CHECK_INT(escpos_decode(no_init, sizeof no_init, 384, &doc), -1);
    CHECK_CONTAINS(doc.error, "ESC @");
    escpos_doc_release(&doc);
    CHECK_INT(escpos_decode(qr_order, sizeof qr_order, 384, &doc), -1);
    CHECK_CONTAINS(doc.error, "GS ( k print without");
    escpos_doc_release(&doc);
}

static int submit_sample(Printer *p)
{
    SlipOptions o = {ESCPOS_DOTS_80, PRINTER_QR_NATIVE, NULL};
    Slip *s = sample_slip(false, NULL);
    ByteBuf b;
    bytebuf_init(&b);
    int id = -1;
    if (slip_build(s, &o, &b) == 0)
        id = printer_submit(p, b.data, b.len);
    bytebuf_release(&b);
    free_slip(s);
    return id;
}

static PrinterJobState wait_job(Printer *p, int id, PrinterProblem *pr)
{
    PrinterJobState st = PRINTER_JOB_WAITING;
    for (int i = 0; i < 1000 && st == PRINTER_JOB_WAITING; i++) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
        st = printer_job_state(p, id, pr);
    }
    return st;
}

static void check_mode(EmuMode mode, PrinterJobState want, PrinterProblem want_pr)
{
    PrinterEmu *e = emu_start(mode);
    CHECK(e != NULL);
    if (!e)
        return;
    char dev[64];
    snprintf(dev, sizeof dev, "tcp:127.0.0.1:%d", emu_port(e));
    Printer *p = printer_open(dev, 2000);
    CHECK(p != NULL);
    double t0 = now_ms();
    int id = submit_sample(p);
    double spent = now_ms() - t0;
    CHECK(id > 0);
    CHECK(spent < 50); /* submitting never waits for the printer */
    /* One at a time: a second tap while the first slip is on its way is refused (a
     * fast outcome, such as a refused connection, may already have freed the worker,
     * and then the second job is the one to follow). */
    int again = submit_sample(p);
    if (again > 0)
        id = again;
    PrinterProblem pr = PRINTER_OK;
    CHECK_INT(wait_job(p, id, &pr), want);
    CHECK_INT(pr, want_pr);
    if (mode != EMU_DEAD) {
        CHECK(emu_wait_jobs(e, 1, 3000));
        size_t len = 0;
        unsigned char *bytes = emu_job(e, 0, &len);
        bool has_init = false;
        for (size_t i = 0; i + 1 < len; i++)
            has_init |= bytes[i] == 0x1B && bytes[i + 1] == '@';
        /* A printer that reports a problem is asked, never sent the slip. */
        CHECK(has_init == (mode == EMU_OK));
        if (mode == EMU_OK) {
            EscposDoc doc;
            CHECK_INT(escpos_decode(bytes, len, ESCPOS_DOTS_80, &doc), 0);
            CHECK_INT(doc.status_queries, 6); /* before and after */
            escpos_doc_release(&doc);
            CHECK(printer_first_byte_ms(p) > 0);
        }
        free(bytes);
    }
    printer_close(p);
    emu_stop(e);
}

static void test_worker(void)
{
    check_mode(EMU_OK, PRINTER_JOB_DONE, PRINTER_OK);
    check_mode(EMU_PAPER_OUT, PRINTER_JOB_FAILED, PRINTER_PAPER_OUT);
    check_mode(EMU_COVER_OPEN, PRINTER_JOB_FAILED, PRINTER_COVER_OPEN);
    check_mode(EMU_OFFLINE, PRINTER_JOB_FAILED, PRINTER_OFFLINE);
    check_mode(EMU_DEAD, PRINTER_JOB_FAILED, PRINTER_UNREACHABLE);
}

/* A device path that does not exist: unreachable, reported, never a hang. */
static void test_missing_device(void)
{
    Printer *p = printer_open("/nonexistent/usb/lp9", 500);
    CHECK(p != NULL);
    int id = submit_sample(p);
    PrinterProblem pr = PRINTER_OK;
    CHECK_INT(wait_job(p, id, &pr), PRINTER_JOB_FAILED);
    CHECK_INT(pr, PRINTER_UNREACHABLE);
    printer_close(p);
    CHECK(printer_open("tcp:nohost", 500) == NULL);
}

int main(void)
{
    TEST_RUN(test_cp858);
    TEST_RUN(test_status);
    TEST_RUN(test_roundtrip);
    TEST_RUN(test_rtl);
    TEST_RUN(test_decoder_refuses);
    TEST_RUN(test_worker);
    TEST_RUN(test_missing_device);
    return TEST_REPORT();
}
