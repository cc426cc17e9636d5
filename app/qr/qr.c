/* qr.c: text to QR module matrix through libqrencode (see qr.h). */
#include "qr.h"

#include "err.h"
#include "mem.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

void qr_release(QrMatrix *qr)
{
    mem_free(qr->modules);
    mem_free(qr->payload);
    qr->modules = NULL;
    qr->payload = NULL;
    qr->width = 0;
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
    QRcode *code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
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
