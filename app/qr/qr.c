/* qr.c: text to QR module matrix through libqrencode (see qr.h). */
#include "qr.h"

#include "err.h"
#include "mem.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

/* ECI designator for UTF-8 (AIM ECI, "ISO/IEC 10646 UTF-8"). */
enum { QR_ECI_UTF8 = 26 };

/* Data codewords of each version at error correction M (ISO/IEC 18004 table 7). */
static const short data_codewords_m[41] = {
    0,    16,   28,   44,   64,   86,   108,  124,  154,  182,  216,  254,  290,  334,
    365,  415,  453,  507,  563,  627,  669,  714,  782,  860,  914,  1000, 1062, 1128,
    1193, 1267, 1373, 1455, 1541, 1631, 1725, 1812, 1914, 1992, 2102, 2216, 2334,
};

void qr_release(QrMatrix *qr)
{
    mem_free(qr->modules);
    mem_free(qr->payload);
    qr->modules = NULL;
    qr->payload = NULL;
    qr->width = 0;
}

int qr_version_width(int version)
{
    return 17 + 4 * version;
}

int qr_width_version(int width)
{
    if (width < 21 || width > 177 || (width - 17) % 4 != 0)
        return 0;
    return (width - 17) / 4;
}

bool qr_needs_eci(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p >= 0x80)
            return true;
    return false;
}

size_t qr_capacity(int version, bool eci)
{
    if (version < 1 || version > 40)
        return 0;
    /* 4-bit mode indicator, then the byte count: 8 bits up to version 9, else 16. */
    int bits = data_codewords_m[version] * 8 - 4 - (version <= 9 ? 8 : 16);
    /* The ECI mode indicator and a one-byte designator take 12 bits, but libqrencode
     * (4.1) reserves 24 when it picks the version; test_qr checks this against it. */
    if (eci)
        bits -= 24;
    return bits > 0 ? (size_t)bits / 8 : 0;
}

/* The code for text, with the UTF-8 ECI first when it has non-ASCII bytes. */
static QRcode *encode_text(const char *text, size_t len)
{
    QRinput *in = QRinput_new2(0, QR_ECLEVEL_M);
    if (!in)
        return NULL;
    QRcode *code = NULL;
    if ((!qr_needs_eci(text) || QRinput_appendECIheader(in, QR_ECI_UTF8) == 0) &&
        QRinput_append(in, QR_MODE_8, (int)len, (const unsigned char *)text) == 0)
        code = QRcode_encodeInput(in);
    QRinput_free(in);
    return code;
}

int qr_encode(const char *text, QrMatrix *out)
{
    qr_release(out);
    size_t len = strlen(text);
    if (len == 0)
        return err_set("qr: nothing to encode");
    if (len > QR_MAX_PAYLOAD)
        return err_set("qr: %zu bytes is too much for a code people can scan (limit %d)",
                       len, QR_MAX_PAYLOAD);
    QRcode *code = encode_text(text, len);
    if (!code)
        return err_set("qr: libqrencode could not encode %zu bytes", len);
    size_t n = (size_t)code->width * (size_t)code->width;
    out->modules = mem_alloc(n);
    out->payload = mem_strdup(text);
    if (!out->modules || !out->payload) {
        QRcode_free(code);
        qr_release(out);
        return err_set("qr: out of memory");
    }
    for (size_t i = 0; i < n; i++)
        out->modules[i] = code->data[i] & 1;
    out->width = code->width;
    QRcode_free(code);
    return 0;
}
