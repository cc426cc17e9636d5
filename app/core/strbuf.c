/* strbuf.c: growable bounded strings (see strbuf.h). */
#include "strbuf.h"

#include "err.h"
#include "mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char strbuf_empty[1];

void strbuf_init(StrBuf *sb, size_t max)
{
    sb->buf = strbuf_empty;
    sb->len = 0;
    sb->cap = 0;
    sb->max = max;
    sb->wipe = false;
}

static int strbuf_reserve(StrBuf *sb, size_t extra)
{
    if (sb->max && sb->len + extra > sb->max)
        return err_set("text too long (limit %zu bytes)", sb->max);
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return 0;
    size_t ncap = sb->cap ? sb->cap : 64;
    while (ncap < need)
        ncap *= 2;
    char *nb = mem_alloc(ncap);
    if (!nb)
        return err_set("out of memory");
    memcpy(nb, sb->buf, sb->len + 1);
    if (sb->cap) {
        if (sb->wipe)
            mem_wipe(sb->buf, sb->cap);
        mem_free(sb->buf);
    }
    sb->buf = nb;
    sb->cap = ncap;
    return 0;
}

int strbuf_add(StrBuf *sb, const char *data, size_t len)
{
    if (strbuf_reserve(sb, len) != 0)
        return -1;
    memcpy(sb->buf + sb->len, data, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
    return 0;
}

int strbuf_adds(StrBuf *sb, const char *s)
{
    return strbuf_add(sb, s, strlen(s));
}

int strbuf_addc(StrBuf *sb, char c)
{
    return strbuf_add(sb, &c, 1);
}

int strbuf_addf(StrBuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return err_set("bad format");
    if (strbuf_reserve(sb, (size_t)n) != 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
    return 0;
}

int strbuf_add_json(StrBuf *sb, const char *s)
{
    size_t start = sb->len; /* on failure, undo the part appended (see strbuf.h) */
    if (strbuf_addc(sb, '"') != 0)
        return -1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int rc;
        switch (*p) {
        case '"': rc = strbuf_adds(sb, "\\\""); break;
        case '\\': rc = strbuf_adds(sb, "\\\\"); break;
        case '\n': rc = strbuf_adds(sb, "\\n"); break;
        case '\r': rc = strbuf_adds(sb, "\\r"); break;
        case '\t': rc = strbuf_adds(sb, "\\t"); break;
        default:
            if (*p < 0x20)
                rc = strbuf_addf(sb, "\\u%04x", *p);
            else
                rc = strbuf_addc(sb, (char)*p);
        }
        if (rc != 0) {
            strbuf_truncate(sb, start);
            return -1;
        }
    }
    if (strbuf_addc(sb, '"') != 0) {
        strbuf_truncate(sb, start);
        return -1;
    }
    return 0;
}

void strbuf_truncate(StrBuf *sb, size_t len)
{
    if (len >= sb->len)
        return;
    if (sb->wipe)
        mem_wipe(sb->buf + len, sb->len - len);
    sb->len = len;
    sb->buf[len] = '\0';
}

void strbuf_reset(StrBuf *sb)
{
    strbuf_truncate(sb, 0);
}

void strbuf_release(StrBuf *sb)
{
    if (sb->cap) {
        if (sb->wipe)
            mem_wipe(sb->buf, sb->cap);
        mem_free(sb->buf);
    }
    bool wipe = sb->wipe;
    strbuf_init(sb, sb->max);
    sb->wipe = wipe;
}

char *strbuf_detach(StrBuf *sb)
{
    char *out = sb->cap ? sb->buf : mem_strdup("");
    bool wipe = sb->wipe; /* stays a personal-data buffer, as after strbuf_release() */
    strbuf_init(sb, sb->max);
    sb->wipe = wipe;
    return out;
}
