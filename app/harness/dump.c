/* dump.c: the accessibility tree of the last frame, as JSON: the screen's id and every
 * element in reading order with its role, name (label), rectangle, the part of it that
 * is visible ("clip"), its state (checked, focused, disabled), whether its text is cut
 * off ("clipped"), whether it sits in a scroll region, its parent group, and its
 * reading and focus order; also the UI language, its direction and how many characters
 * no font could draw (text_placeholders, since start). Tests and the content preview read this instead of
 * guessing from pixels. */
#include "script.h"

#include "err.h"
#include "strbuf.h"

#include <stdio.h>

int dump_write(const Runner *r, const char *path)
{
    const Ui *ui = r->ui;
    StrBuf sb;
    strbuf_init(&sb, 0);
    int rc = strbuf_adds(&sb, "{\n  \"screen\": ");
    rc |= strbuf_add_json(&sb, app_screen_name(r->app));
    rc |= strbuf_adds(&sb, ",\n  \"language\": ");
    rc |= strbuf_add_json(&sb, ui->language);
    /* Characters drawn so far that no font has (each shown as its code in a box). */
    rc |= strbuf_addf(&sb, ",\n  \"rtl\": %s,\n  \"text_placeholders\": %zu",
                      ui->rtl ? "true" : "false",
                      r->plat ? plat_text_placeholders(r->plat) : (size_t)0);
    rc |= strbuf_addf(&sb, ",\n  \"width\": %d,\n  \"height\": %d,\n  \"elements\": [", ui->width,
                      ui->height);
    for (size_t i = 0; i < ui->nelements; i++) {
        const UiElement *e = &ui->elements[i];
        rc |= strbuf_adds(&sb, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
        rc |= strbuf_add_json(&sb, e->id);
        rc |= strbuf_adds(&sb, ", \"role\": ");
        rc |= strbuf_add_json(&sb, e->role);
        rc |= strbuf_adds(&sb, ", \"label\": ");
        rc |= strbuf_add_json(&sb, e->label);
        if (e->lang) { /* words not in the UI language (English in place of a translation) */
            rc |= strbuf_adds(&sb, ", \"lang\": ");
            rc |= strbuf_add_json(&sb, e->lang);
        }
        rc |= strbuf_addf(&sb,
                          ", \"rect\": [%d, %d, %d, %d], \"clip\": [%d, %d, %d, %d], "
                          "\"visible\": %s, \"interactive\": %s, \"checked\": %s, "
                          "\"focused\": %s, \"clipped\": %s, \"disabled\": %s, "
                          "\"scroll\": %s, \"parent\": %d, \"order\": %d, "
                          "\"focus_order\": %d}",
                          e->rect.x, e->rect.y, e->rect.w, e->rect.h, e->visible.x, e->visible.y,
                          e->visible.w, e->visible.h, rect_empty(e->visible) ? "false" : "true",
                          e->interactive ? "true" : "false", e->checked ? "true" : "false",
                          e->focused ? "true" : "false", e->clipped ? "true" : "false",
                          e->disabled ? "true" : "false", e->scroll >= 0 ? "true" : "false",
                          e->parent, e->order, e->focus_order);
    }
    rc |= strbuf_adds(&sb, "\n  ]\n}\n");
    if (rc != 0) {
        strbuf_release(&sb);
        return err_set("dump: out of memory");
    }
    FILE *f = fopen(path, "w");
    if (!f) {
        strbuf_release(&sb);
        return err_set("dump %s could not be written", path);
    }
    size_t n = fwrite(sb.buf, 1, sb.len, f);
    int closed = fclose(f);
    size_t len = sb.len;
    strbuf_release(&sb);
    if (n != len || closed != 0)
        return err_set("dump %s could not be written (disk full?)", path);
    return 0;
}
