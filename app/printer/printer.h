/* printer.h: printed slips on an ESC/POS receipt printer. No SDL here.
 *
 * Three parts:
 *   - the job builder (escpos.c): ESC @, text in the printer's code page (PC858,
 *     Western European with the euro sign), raster images (GS v 0), QR codes by the
 *     printer's own command (GS ( k) or as a raster image, and the cut (GS V);
 *   - slips (slip.c): a slip is a short list of items (a title, headings, paragraphs,
 *     QR codes, a rule). slip_build() turns one into a job for 58 mm (384 dots) or
 *     80 mm (576 dots) paper. A paragraph the code page can hold goes as printer text;
 *     any other (Urdu, Arabic, Bengali, Welsh w-circumflex), and every paragraph of a
 *     right-to-left slip, is drawn by the caller's SlipRaster (the kiosk's own text
 *     shaping, off screen) and sent as a 1-bit raster image;
 *   - the printer (printer.c): a worker thread that owns the connection (a character
 *     device such as /dev/usb/lp0, or tcp:HOST:PORT), asks the printer's real-time
 *     status (DLE EOT 1, 2 and 4) before and after each job, and reports the outcome
 *     as a PrinterProblem the screen turns into plain words. Submitting never blocks:
 *     the screen polls printer_job_state() each frame.
 *
 * The worker never logs or sets err (both belong to the main thread): it records what
 * went wrong in the job's state, and printer_job_state() hands it over. */
#ifndef SIGNPOST_PRINTER_H
#define SIGNPOST_PRINTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ==== job bytes ==== */

typedef struct ByteBuf {
    unsigned char *data; /* owned */
    size_t len, cap;
    bool failed;         /* an append ran out of memory: the job is unusable */
} ByteBuf;

void bytebuf_init(ByteBuf *b);
void bytebuf_release(ByteBuf *b);
void bytebuf_add(ByteBuf *b, const void *data, size_t len);

/* ==== ESC/POS commands (escpos.c) ==== */

enum {
    ESCPOS_DOTS_58 = 384,  /* printable dots across 58 mm paper at 203 dpi */
    ESCPOS_DOTS_80 = 576,  /* and across 80 mm */
    ESCPOS_FONT_A_W = 12,  /* Font A: 12 x 24 dots a character */
    ESCPOS_FONT_A_H = 24,
    ESCPOS_CODE_PAGE = 19, /* ESC t 19: PC858 */
    ESCPOS_RASTER_ROWS = 960 /* GS v 0 blocks are split at this many rows (some models
                                cap the height) */
};

typedef enum EscposAlign { ESCPOS_LEFT, ESCPOS_CENTER, ESCPOS_RIGHT } EscposAlign;

/* ESC @ (reset) and ESC t (the code page). */
void escpos_init(ByteBuf *b);
void escpos_align(ByteBuf *b, EscposAlign a);
/* ESC E (bold) and GS ! (double width and height). */
void escpos_style(ByteBuf *b, bool bold, bool big);
/* Feeds n lines (ESC d n). */
void escpos_feed(ByteBuf *b, int lines);
/* The UTF-8 text in PC858 and a line feed. Returns false (and adds nothing) when a
 * character is not in the code page. */
bool escpos_text_line(ByteBuf *b, const char *utf8, size_t len);
/* True when every character of text is in PC858 (tab, line feed and invisible bidi
 * marks and joiners count as printable: they print as a space, a new line, nothing). */
bool escpos_encodable(const char *utf8, size_t len);
/* One PC858 byte for a code point, 0 when there is none. */
unsigned char escpos_cp858(uint32_t cp);
/* The code point of a PC858 byte (the decoder's inverse). */
uint32_t escpos_cp858_to_unicode(unsigned char c);
/* A 1-bit image, rows of width_bytes bytes (MSB = leftmost dot, 1 = black), as GS v 0
 * blocks of at most ESCPOS_RASTER_ROWS rows. */
void escpos_raster(ByteBuf *b, const unsigned char *bits, int width_bytes, int height);
/* The printer's own QR code (GS ( k: model 2, module size in dots, error correction
 * M, store, print). */
void escpos_qr_native(ByteBuf *b, const char *payload, size_t len, int module);
/* Feeds past the tear bar and cuts (GS V 66 n). */
void escpos_cut(ByteBuf *b);

/* ==== slips (slip.c) ==== */

typedef enum SlipKind {
    SLIP_TITLE,    /* large and bold: the place, the service, "PALS" */
    SLIP_HEADING,  /* bold */
    SLIP_TEXT,     /* a paragraph ('\n' starts a new line) */
    SLIP_STEP,     /* a numbered step: text is the instruction, number the step */
    SLIP_QR,       /* a QR code of text (the same text as the screen's code) */
    SLIP_RULE      /* a thin line across */
} SlipKind;

typedef struct SlipItem {
    SlipKind kind;
    int number;        /* SLIP_STEP */
    char *text;        /* owned */
} SlipItem;

enum { SLIP_MAX_ITEMS = 96, SLIP_TEXT_MAX = 4096 };

typedef struct Slip {
    SlipItem items[SLIP_MAX_ITEMS];
    int n;
    bool rtl;          /* the slip's language is written right to left */
    bool failed;       /* an item could not be added (too many, or no memory) */
} Slip;

void slip_init(Slip *s, bool rtl);
void slip_release(Slip *s);
void slip_add(Slip *s, SlipKind kind, const char *text);
void slip_add_step(Slip *s, int number, const char *text);

/* Text styles a SlipRaster draws. */
typedef enum SlipStyle { SLIP_STYLE_BODY, SLIP_STYLE_BOLD, SLIP_STYLE_TITLE, SLIP_STYLE_COUNT } SlipStyle;

/* How the caller draws text the code page cannot hold (the kiosk passes its platform
 * layer's off-screen text rendering). Both may be NULL: such text is then left out
 * with a '?' per character in printer text. */
typedef struct SlipRaster {
    void *user;
    /* Width in dots of one line of text in style. */
    int (*measure)(void *user, SlipStyle style, const char *text, size_t len);
    /* Draws one line: *ink gets w*h bytes of coverage (0 paper .. 255 ink), allocated
     * with mem_alloc (the caller frees it with mem_free). 0 or -1. */
    int (*render)(void *user, SlipStyle style, const char *text, size_t len,
                  unsigned char **ink, int *w, int *h);
} SlipRaster;

typedef enum PrinterQr { PRINTER_QR_NATIVE, PRINTER_QR_RASTER } PrinterQr;

typedef struct SlipOptions {
    int dots;          /* ESCPOS_DOTS_58 or ESCPOS_DOTS_80 */
    PrinterQr qr;
    const SlipRaster *raster;
} SlipOptions;

/* The whole job for slip: init, items, cut. 0, or -1 with err set. */
int slip_build(const Slip *s, const SlipOptions *o, ByteBuf *out);

/* ==== the printer (printer.c) ==== */

typedef enum PrinterProblem {
    PRINTER_OK,
    PRINTER_PAPER_OUT,
    PRINTER_COVER_OPEN,
    PRINTER_OFFLINE,       /* offline or in error, cause not given */
    PRINTER_UNREACHABLE,   /* the device or address could not be opened */
    PRINTER_WRITE_FAILED   /* the connection broke or stalled while sending */
} PrinterProblem;

typedef enum PrinterJobState {
    PRINTER_JOB_NONE,      /* no such job (or forgotten) */
    PRINTER_JOB_WAITING,   /* queued or sending */
    PRINTER_JOB_DONE,
    PRINTER_JOB_FAILED
} PrinterJobState;

typedef struct Printer Printer;

/* Status bytes of the three DLE EOT replies (n = 1, 2, 4) -> a problem. Bits:
 * n=1 bit 3 offline; n=2 bit 2 cover open, bit 5 stopped at paper end, bit 6 error;
 * n=4 bits 5-6 paper end. A missing reply is given as -1 and says nothing. */
PrinterProblem printer_status_problem(int status1, int status2, int status4);

/* Parses a device setting: "/dev/usb/lp0" (any absolute path) or "tcp:HOST:PORT".
 * 0, or -1 with err set (the message says what is allowed). */
int printer_parse_device(const char *device, char *host, size_t host_cap, int *port);

/* Starts the worker for device (see printer_parse_device). timeout_ms bounds the
 * connection, each status reply and a stalled write. NULL with err set when the
 * setting is bad or the thread cannot start; an unreachable printer is not an error
 * here (each job reports it). */
Printer *printer_open(const char *device, int timeout_ms);
/* Stops the worker (a job being sent is abandoned at its next timeout) and frees. */
void printer_close(Printer *p);

/* Queues a job (the bytes are copied). Returns its id (> 0), or -1 when a job is
 * still waiting (one at a time) or there is no memory. Never blocks. */
int printer_submit(Printer *p, const unsigned char *bytes, size_t len);
/* Asks the printer how it is without printing anything: a job of no bytes (connect,
 * ask its status, send nothing), whose state printer_job_state() then gives (done:
 * ready; failed: *problem says why). Returns its id, or -1 when a slip is printing. */
int printer_check(Printer *p);
/* The state of job id; *problem gets why it failed. */
PrinterJobState printer_job_state(Printer *p, int id, PrinterProblem *problem);
/* True while a job is queued or being sent. */
bool printer_busy(Printer *p);
/* When the last job's first byte went out (CLOCK_MONOTONIC ms), 0 if none yet. */
double printer_first_byte_ms(Printer *p);
/* Plain English for a problem, for the log: a clause such as "it is out of paper". */
const char *printer_problem_name(PrinterProblem pr);

#endif
