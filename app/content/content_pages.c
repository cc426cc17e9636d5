/* content_pages.c: information pages ("How to raise a concern", "About PALS"...). A
 * volunteer writes each page as a text file <content>/pages/<id>.md: a few
 * "key: value" details, a blank line, then the text in light markup (CommonMark,
 * parsed by cmark). Loading turns each page into the blocks the kiosk shows
 * (headings, paragraphs, list items, link buttons; see directory.h) and reports
 * markup the kiosk cannot show at file:line:column; checking, once everything else
 * is loaded, warns about every page:, place:, service: and kiosk:page/ link that
 * leads nowhere (the kiosk leaves such buttons out); writing puts the pages, their
 * blocks and their search rows into the store. A kiosk: link opens one of the kiosk's
 * own screens ([Raise a concern now](kiosk:concern)); an unknown one is an error. */
#include "content_model.h"

#include "content.h"
#include "directory.h"
#include "err.h"
#include "files.h"
#include "row_writer.h"
#include "store_pages.h"
#include "strbuf.h"
#include "utf8.h"

#include <cmark.h>
#include <sqlite3.h>

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

enum {
    PAGE_FILE_MAX = 256 * 1024, /* bytes; a page is read on a screen, not a book */
    PAGE_LIST_DEPTH = 8,        /* lists inside lists, at most */
    PAGE_SUMMARY_LONG = 200,    /* characters; longer gets a warning */
    PAGE_ORDER_MAX = 9999,
};

typedef struct SrcPageBlock {
    PageBlockKind kind;
    int level;
    const char *text;   /* plain text, in the model's arena */
    const char *target; /* PAGE_LINK: "page:ID", "place:ID", "service:ID", "kiosk:..." */
    int line, column;   /* PAGE_LINK: where the link is written, for content_check_pages() */
} SrcPageBlock;

typedef struct SrcPage {
    const char *id;      /* the file name without .md; "" when it is not a valid id */
    const char *lang;    /* "" for the English page; "cy" for pages/<id>.cy.md */
    const char *path;    /* "<dir>/pages/<file>", for messages */
    const char *title, *summary, *url;
    long order;
    bool has_order;
    SrcPageBlock *blocks; /* in the model's arena */
    size_t nblocks;
} SrcPage;

typedef struct SrcPages SrcPages;

struct SrcPages {
    SrcPage *items; /* owned; sorted by order, then id, once all are read */
    size_t len, cap;
    SrcPage *trs;   /* translated pages (<id>.<lang>.md); owned; in file name order */
    size_t ntrs, captrs;
    IdIndex ids;    /* page id -> index into items */
};

/* ==== helpers ==== */

static const char *keep(ContentModel *m, const char *s, size_t len)
{
    const char *copy = arena_strndup(&m->arena, s, len);
    if (!copy) {
        diag_add(m->diags, DIAG_ERROR, m->dir, 0, 0, "out of memory while reading pages");
        return "";
    }
    return copy;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Copies s[0..len) into the arena with runs of white space made one space and the
 * ends trimmed. */
static const char *keep_words(ContentModel *m, const char *s, size_t len)
{
    char *out = arena_alloc(&m->arena, len + 1);
    if (!out) {
        diag_add(m->diags, DIAG_ERROR, m->dir, 0, 0, "out of memory while reading pages");
        return "";
    }
    size_t o = 0;
    bool gap = false;
    for (size_t i = 0; i < len; i++) {
        if (is_space(s[i])) {
            gap = o > 0;
            continue;
        }
        if (gap)
            out[o++] = ' ';
        gap = false;
        out[o++] = s[i];
    }
    out[o] = '\0';
    return out;
}

static bool has_letters(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c >= 0x80)
            return true;
    }
    return false;
}

/* ==== one page file ==== */

/* A position in the body as cmark gives it: body line (1-based) and byte column. */
typedef struct Pos {
    int line, col;
} Pos;

/* Where a link in the text goes. */
typedef enum LinkKind { LINK_BAD, LINK_WEB, LINK_INTERNAL } LinkKind;

/* An internal link met while gathering a block's text, waiting for its button. */
typedef struct PendingLink {
    const char *words, *target;
    Pos at;
} PendingLink;

typedef struct PageReader {
    ContentModel *m;
    const char *path;    /* for messages */
    const char *body;    /* the text after the details */
    size_t body_len;
    int body_line;       /* file line of the body's first line */
    size_t *lines;       /* byte offset of each body line; owned */
    size_t nlines;
    SrcPageBlock *blocks; /* owned until copied into the arena */
    size_t nblocks, capblocks;
} PageReader;

/* The text of a paragraph, heading or list item being put together. */
typedef struct Gather {
    StrBuf text;
    PendingLink *links; /* owned */
    size_t nlinks, caplinks;
    size_t link_letters; /* letters and digits inside internal links' words */
    int first_line;      /* body line of the block's first line */
    int fix_line, fix_delta; /* see node_pos() */
    Pos last;
} Gather;

static int file_line(const PageReader *r, int body_line)
{
    return body_line > 0 ? r->body_line + body_line - 1 : 0;
}

/* The byte range of body line `line` (1-based), without its line end. */
static void line_range(const PageReader *r, int line, size_t *start, size_t *end)
{
    if (line < 1 || (size_t)line > r->nlines) {
        *start = *end = r->body_len;
        return;
    }
    *start = r->lines[line - 1];
    *end = (size_t)line < r->nlines ? r->lines[line] : r->body_len;
    while (*end > *start && (r->body[*end - 1] == '\n' || r->body[*end - 1] == '\r'))
        (*end)--;
}

/* Code points in s[0..len) (a malformed byte counts as one). */
static size_t count_chars(const char *s, size_t len)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; chars++) {
        size_t n;
        utf8_decode(s + i, len - i, &n);
        i += n;
    }
    return chars;
}

/* The column a volunteer's editor shows for byte column `col`: characters, not bytes. */
static int char_column(const PageReader *r, Pos at)
{
    size_t start, end;
    line_range(r, at.line, &start, &end);
    if (at.col < 1)
        return 1;
    size_t stop = start + (size_t)at.col - 1;
    if (stop > end)
        return at.col; /* past the text (cmark's end of line): as given */
    return (int)count_chars(r->body + start, stop - start) + 1;
}

static void report(PageReader *r, DiagLevel level, Pos at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static void report(PageReader *r, DiagLevel level, Pos at, const char *fmt, ...)
{
    char msg[800];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(r->m->diags, level, r->path, file_line(r, at.line), char_column(r, at), "%s",
             msg);
}

/* Byte column of the first character of `line` that is not indentation (or a quote's
 * '>'): where the text of a continued paragraph line starts. */
static int first_text_column(const PageReader *r, int line)
{
    size_t start, end;
    line_range(r, line, &start, &end);
    size_t i = start;
    while (i < end && (r->body[i] == ' ' || r->body[i] == '\t' || r->body[i] == '>'))
        i++;
    return (int)(i - start) + 1;
}

static Pos block_pos(cmark_node *n)
{
    return (Pos){cmark_node_get_start_line(n), cmark_node_get_start_column(n)};
}

/* Where an inline node starts. cmark's columns are right on a block's first line but,
 * on the lines after it, do not count the indentation it strips; the first node on
 * each such line starts where its text does, which gives the shift for the rest. */
static Pos node_pos(const PageReader *r, Gather *g, cmark_node *n)
{
    Pos p = block_pos(n);
    if (p.line <= 0)
        return g->last;
    if (p.line != g->first_line) {
        if (p.line != g->fix_line) {
            g->fix_line = p.line;
            g->fix_delta = first_text_column(r, p.line) - p.col;
        }
        p.col += g->fix_delta;
    }
    g->last = p;
    return p;
}

static void push_block(PageReader *r, PageBlockKind kind, int level, const char *text,
                       const char *target, Pos at)
{
    if (mem_grow((void **)&r->blocks, &r->capblocks, r->nblocks + 1, sizeof *r->blocks) != 0) {
        diag_add(r->m->diags, DIAG_ERROR, r->path, 0, 0, "out of memory while reading pages");
        return;
    }
    r->blocks[r->nblocks++] = (SrcPageBlock){kind, level, text, target ? target : "",
                                             file_line(r, at.line), char_column(r, at)};
}

/* ==== links ==== */

static bool starts_with_ci(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Whether a link starts with a scheme ("https:", "page:"); its length, without the
 * colon, in *n. */
static bool link_scheme(const char *url, size_t *n)
{
    size_t i = 0;
    while ((url[i] >= 'a' && url[i] <= 'z') || (url[i] >= 'A' && url[i] <= 'Z') ||
           (i > 0 && ((url[i] >= '0' && url[i] <= '9') || url[i] == '+' || url[i] == '-' ||
                      url[i] == '.')))
        i++;
    *n = i;
    return i > 0 && url[i] == ':';
}

/* Words for a web, mail or phone link as shown on the kiosk: the address without its
 * scheme, "www." or a trailing "/": "northgate.example.org/pals". */
static const char *short_address(ContentModel *m, const char *url)
{
    const char *s = url;
    if (starts_with_ci(s, "https://"))
        s += 8;
    else if (starts_with_ci(s, "http://"))
        s += 7;
    else if (starts_with_ci(s, "mailto:"))
        s += 7;
    else if (starts_with_ci(s, "tel:"))
        s += 4;
    if (starts_with_ci(s, "www."))
        s += 4;
    size_t len = strlen(s);
    if (len > 1 && s[len - 1] == '/')
        len--;
    return keep(m, s, len);
}

static const char internal_hint[] =
    "link to another page with page:ID (its file name without .md), to a place with "
    "place:ID (from destinations.csv), to a service with service:ID, to one of the "
    "kiosk's own screens with kiosk:concern, kiosk:find, kiosk:support, kiosk:search or "
    "kiosk:page/ID, or to a web site with https://";

/* The kiosk's own screens a "kiosk:" link may open (app/screens/screen_page.c opens
 * them), besides kiosk:page/ID: [Raise a concern now](kiosk:concern). */
static const char *const kiosk_functions[] = {"concern", "needs", "find", "support", "search"};

/* Checks a "kiosk:" link (url starts with the scheme and its colon); *target becomes
 * "kiosk:concern" or "kiosk:page/ID". An unknown name is an error with the nearest
 * known one. */
static LinkKind kiosk_link(PageReader *r, const char *url, Pos at, const char **target)
{
    const char *what = url + strlen("kiosk:");
    if (strncasecmp(what, "page/", 5) == 0) {
        if (!text_is_id(what + 5)) {
            report(r, DIAG_ERROR, at, "'%s' does not end in a valid page id; write the "
                   "page's file name without .md, like kiosk:page/about-pals", url);
            return LINK_BAD;
        }
        char *t = arena_printf(&r->m->arena, "kiosk:page/%s", what + 5);
        *target = t ? t : "";
        return LINK_INTERNAL;
    }
    const char *nearest = NULL;
    size_t best = 3; /* at most two edits away */
    for (size_t k = 0; k < sizeof kiosk_functions / sizeof kiosk_functions[0]; k++) {
        if (strcasecmp(what, kiosk_functions[k]) == 0) {
            char *t = arena_printf(&r->m->arena, "kiosk:%s", kiosk_functions[k]);
            *target = t ? t : "";
            return LINK_INTERNAL;
        }
        size_t d = id_distance(what, kiosk_functions[k]);
        if (d < best) {
            best = d;
            nearest = kiosk_functions[k];
        }
    }
    if (nearest)
        report(r, DIAG_ERROR, at, "the kiosk has no screen called '%s'; did you mean "
               "kiosk:%s? It can open kiosk:concern, kiosk:find, kiosk:support, "
               "kiosk:search and kiosk:page/ID", what, nearest);
    else
        report(r, DIAG_ERROR, at, "the kiosk has no screen called '%s'; it can open "
               "kiosk:concern, kiosk:find, kiosk:support, kiosk:search and kiosk:page/ID",
               what);
    return LINK_BAD;
}

/* Checks a link's address. For an internal link, *target is "page:ID" and the like
 * (the scheme in lower case). Problems are reported at `at`. */
static LinkKind classify_link(PageReader *r, const char *url, Pos at, const char **target)
{
    *target = NULL;
    if (!url || !*url) {
        report(r, DIAG_ERROR, at, "this link has no address; write it between ( and ), "
               "like [About PALS](page:about-pals)");
        return LINK_BAD;
    }
    size_t n;
    if (!link_scheme(url, &n)) {
        report(r, DIAG_ERROR, at, "'%s' is not an address the kiosk can follow; %s", url,
               internal_hint);
        return LINK_BAD;
    }
    static const char *const internal[] = {"page", "place", "service"};
    for (size_t k = 0; k < sizeof internal / sizeof internal[0]; k++) {
        if (strlen(internal[k]) != n || strncasecmp(url, internal[k], n) != 0)
            continue;
        const char *id = url + n + 1;
        if (!text_is_id(id)) {
            size_t idlen = strlen(id);
            if (k == 0 && idlen > 3 && strcmp(id + idlen - 3, ".md") == 0)
                report(r, DIAG_ERROR, at, "'%s' names the file; link to the page by its id, "
                       "without .md: page:%.*s", url, (int)(idlen - 3), id);
            else if (!id[0])
                report(r, DIAG_ERROR, at, "'%s' does not say which %s; write its id after "
                       "the colon, like %s:%s", url, internal[k], internal[k],
                       k == 0 ? "about-pals" : k == 1 ? "pals" : "carers-support");
            else
                report(r, DIAG_ERROR, at, "'%s' does not end in a valid %s id: ids use only "
                       "lower-case letters, digits and hyphens", url, internal[k]);
            return LINK_BAD;
        }
        char *t = arena_printf(&r->m->arena, "%s:%s", internal[k], id);
        *target = t ? t : "";
        return LINK_INTERNAL;
    }
    if (n == 5 && strncasecmp(url, "kiosk", 5) == 0)
        return kiosk_link(r, url, at, target);
    if ((n == 5 && strncasecmp(url, "https", 5) == 0) ||
        (n == 4 && strncasecmp(url, "http", 4) == 0)) {
        if (text_is_web(url))
            return LINK_WEB;
        char msg[600];
        web_problem(url, msg, sizeof msg);
        report(r, DIAG_ERROR, at, "%s", msg);
        return LINK_BAD;
    }
    if ((n == 6 && strncasecmp(url, "mailto", 6) == 0) ||
        (n == 3 && strncasecmp(url, "tel", 3) == 0)) {
        if (url[n + 1])
            return LINK_WEB;
        report(r, DIAG_ERROR, at, "'%s' has nothing after the colon; write the %s", url,
               n == 3 ? "phone number" : "email address");
        return LINK_BAD;
    }
    report(r, DIAG_ERROR, at, "links starting with '%.*s:' cannot be used on the kiosk; %s",
           (int)n, url, internal_hint);
    return LINK_BAD;
}

/* ==== inline text ==== */

static void gather_init(Gather *g, cmark_node *block)
{
    memset(g, 0, sizeof *g);
    strbuf_init(&g->text, 0);
    g->first_line = cmark_node_get_start_line(block);
    g->last = block_pos(block);
}

static void gather_release(Gather *g)
{
    strbuf_release(&g->text);
    mem_free(g->links);
}

static void add_text(PageReader *r, Gather *g, const char *s)
{
    if (s && strbuf_adds(&g->text, s) != 0)
        diag_add(r->m->diags, DIAG_ERROR, r->path, 0, 0, "out of memory while reading pages");
}

/* A bit of raw HTML, shortened for a message. */
static void html_excerpt(const char *html, char *out, size_t cap)
{
    size_t n = strcspn(html, "\r\n");
    if (n > 40)
        n = 40;
    snprintf(out, cap, "%.*s%s", (int)n, html, html[n] && html[n] != '\n' ? "..." : "");
}

static bool is_comment(const char *html)
{
    while (html && is_space(*html))
        html++;
    return html && strncmp(html, "<!--", 4) == 0;
}

/* The link being read: links do not nest in CommonMark, so one is enough. */
typedef struct OpenLink {
    LinkKind kind;
    const char *url, *target;
    size_t start; /* where its words begin in the gathered text */
    Pos at;
} OpenLink;

/* True when a and b are the same but for case and spaces ("01632 960100" and
 * "01632960100"). */
static bool same_words(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char cb = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (ca != cb)
            return false;
        a++;
        b++;
    }
}

static void close_link(PageReader *r, Gather *g, const OpenLink *l)
{
    ContentModel *m = r->m;
    const char *raw = g->text.buf + l->start;
    size_t rawlen = g->text.len - l->start;
    const char *words = keep_words(m, raw, rawlen);
    if (l->kind == LINK_WEB) {
        /* The words, then the address in brackets; just one of them when they say the
         * same: an address written out in full, or a phone number as its words. */
        const char *shown = short_address(m, l->url);
        if (!words[0] || same_words(words, l->url)) {
            strbuf_truncate(&g->text, l->start);
            add_text(r, g, shown);
        } else if (same_words(words, shown)) {
            /* the words already say it */
        } else {
            add_text(r, g, " (");
            add_text(r, g, shown);
            add_text(r, g, ")");
        }
    } else if (l->kind == LINK_INTERNAL) {
        if (!words[0]) {
            report(r, DIAG_ERROR, l->at, "this link to %s has no words; write what the button "
                   "should say between [ and ]", l->target);
            return;
        }
        for (size_t i = 0; i < rawlen; i++)
            if (has_letters(raw + i, 1))
                g->link_letters++;
        for (size_t i = 0; i < g->nlinks; i++)
            if (strcmp(g->links[i].target, l->target) == 0)
                return; /* one button for each place a block leads to */
        if (mem_grow((void **)&g->links, &g->caplinks, g->nlinks + 1, sizeof *g->links) != 0) {
            diag_add(m->diags, DIAG_ERROR, r->path, 0, 0, "out of memory while reading pages");
            return;
        }
        g->links[g->nlinks++] = (PendingLink){words, l->target, l->at};
    }
}

/* Appends the text of an inline container (paragraph, heading) to g, reporting
 * markup the kiosk cannot show and turning links into words or pending buttons. */
static void gather_inlines(PageReader *r, Gather *g, cmark_node *block)
{
    cmark_iter *it = cmark_iter_new(block);
    if (!it) {
        diag_add(r->m->diags, DIAG_ERROR, r->path, 0, 0, "out of memory while reading pages");
        return;
    }
    OpenLink link = {0};
    bool in_link = false;
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (n == block)
            continue;
        cmark_node_type type = cmark_node_get_type(n);
        if (ev == CMARK_EVENT_EXIT) {
            if (type == CMARK_NODE_LINK && in_link) {
                close_link(r, g, &link);
                in_link = false;
            }
            continue;
        }
        Pos at = node_pos(r, g, n);
        switch (type) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            add_text(r, g, cmark_node_get_literal(n));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            add_text(r, g, " ");
            break;
        case CMARK_NODE_HTML_INLINE: {
            const char *html = cmark_node_get_literal(n);
            if (is_comment(html) || (html && strncmp(html, "</", 2) == 0))
                break; /* notes are fine; a closing tag's opening one is reported */
            char ex[64];
            html_excerpt(html ? html : "", ex, sizeof ex);
            report(r, DIAG_ERROR, at, "HTML ('%s') cannot be shown on the kiosk; remove it "
                   "(to make words stand out, write *words*)", ex);
            break;
        }
        case CMARK_NODE_IMAGE:
            report(r, DIAG_ERROR, at, "pictures cannot be shown on the kiosk; remove the "
                   "![...](...) and say in words what matters");
            cmark_iter_reset(it, n, CMARK_EVENT_EXIT); /* skip its description */
            break;
        case CMARK_NODE_LINK:
            link = (OpenLink){.url = cmark_node_get_url(n), .start = g->text.len, .at = at};
            link.kind = classify_link(r, link.url, at, &link.target);
            in_link = true;
            break;
        default: /* emphasis and strong emphasis: the words are kept, plainly */
            break;
        }
    }
    cmark_iter_free(it);
}

/* Emits a text block and the buttons for its internal links. A block that is nothing
 * but such links becomes just the buttons. */
static void emit_text(PageReader *r, Gather *g, PageBlockKind kind, int level, Pos at)
{
    size_t letters = 0;
    for (size_t i = 0; i < g->text.len; i++)
        if (has_letters(g->text.buf + i, 1))
            letters++;
    const char *text = keep_words(r->m, g->text.buf, g->text.len);
    bool only_links = g->nlinks > 0 && letters <= g->link_letters;
    if (text[0] && !only_links)
        push_block(r, kind, level, text, NULL, at);
    for (size_t i = 0; i < g->nlinks; i++)
        push_block(r, PAGE_LINK, 0, g->links[i].words, g->links[i].target, g->links[i].at);
}

/* True when the paragraph is a table as other markdown dialects write them (a row of
 * dashes between | bars under a header row), which is reported. */
static bool check_table(PageReader *r, cmark_node *para)
{
    int first = cmark_node_get_start_line(para), last = cmark_node_get_end_line(para);
    for (int line = first; line <= last; line++) {
        size_t start, end;
        line_range(r, line, &start, &end);
        bool bar = false, dash = false, other = false;
        for (size_t i = start; i < end; i++) {
            char c = r->body[i];
            bar |= c == '|';
            dash |= c == '-';
            other |= !(c == '|' || c == '-' || c == ':' || c == ' ' || c == '\t');
        }
        if (bar && dash && !other) {
            int at = line > first ? line - 1 : line;
            report(r, DIAG_ERROR, (Pos){at, first_text_column(r, at)}, "tables cannot be "
                   "shown on the kiosk; write each row as a list item (a line starting with "
                   "- ) instead");
            return true;
        }
    }
    return false;
}

/* ==== blocks ==== */

/* Reports a block the kiosk cannot show (code, HTML, quotes); true when it was one. */
static bool check_unsupported(PageReader *r, cmark_node *n)
{
    Pos at = block_pos(n);
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_CODE_BLOCK: {
        size_t start, end;
        line_range(r, at.line, &start, &end);
        while (start < end && (r->body[start] == ' ' || r->body[start] == '\t'))
            start++;
        bool fenced = end - start >= 3 && (strncmp(r->body + start, "```", 3) == 0 ||
                                          strncmp(r->body + start, "~~~", 3) == 0);
        if (fenced)
            report(r, DIAG_ERROR, at, "code blocks (between ``` lines) cannot be shown on "
                   "the kiosk; remove the ``` lines and write it as ordinary text");
        else
            report(r, DIAG_ERROR, (Pos){at.line, 1}, "this line starts with four spaces (or a "
                   "tab), which makes it a code block the kiosk cannot show; remove the "
                   "spaces at the start of the line");
        return true;
    }
    case CMARK_NODE_HTML_BLOCK: {
        const char *html = cmark_node_get_literal(n);
        if (!is_comment(html)) {
            char ex[64];
            html_excerpt(html ? html : "", ex, sizeof ex);
            report(r, DIAG_ERROR, at, "HTML ('%s') cannot be shown on the kiosk; remove it and "
                   "write plain text (headings start with #, lists with - or 1.)", ex);
        }
        return true;
    }
    case CMARK_NODE_BLOCK_QUOTE:
        report(r, DIAG_ERROR, at, "quotes (lines starting with >) cannot be shown on the "
               "kiosk; remove the > and write it as an ordinary paragraph");
        return true;
    case CMARK_NODE_THEMATIC_BREAK:
        report(r, DIAG_WARNING, at, "a line of --- or *** is not shown on the kiosk; remove "
               "it (start a new part with a ## heading instead)");
        return true;
    default:
        return false;
    }
}

static void walk_list(PageReader *r, cmark_node *list, int depth);

static void walk_item(PageReader *r, cmark_node *item, bool numbered, int number, int depth)
{
    Gather g;
    gather_init(&g, item);
    /* A list item is one block: its paragraphs run together, and lists inside it
     * follow it, one level deeper. */
    bool first = true;
    Pos at = block_pos(item);
    for (cmark_node *c = cmark_node_first_child(item); c; c = cmark_node_next(c)) {
        cmark_node_type type = cmark_node_get_type(c);
        if (type == CMARK_NODE_PARAGRAPH) {
            if (check_table(r, c))
                continue;
            if (!first)
                add_text(r, &g, " ");
            if (first)
                at = block_pos(c);
            g.first_line = cmark_node_get_start_line(c);
            g.fix_line = 0;
            gather_inlines(r, &g, c);
            first = false;
        } else if (type == CMARK_NODE_HEADING) {
            report(r, DIAG_ERROR, block_pos(c), "a heading cannot be inside a list; put it on "
                   "a line of its own with no - or number in front");
        } else if (type != CMARK_NODE_LIST) {
            check_unsupported(r, c);
        }
    }
    if (first || g.text.len == 0)
        report(r, DIAG_WARNING, block_pos(item), "this list item is empty; write its words "
               "after the %s, or remove the line", numbered ? "number" : "-");
    else
        emit_text(r, &g, numbered ? PAGE_NUMBERED : PAGE_BULLET, numbered ? number : depth, at);
    gather_release(&g);
    for (cmark_node *c = cmark_node_first_child(item); c; c = cmark_node_next(c))
        if (cmark_node_get_type(c) == CMARK_NODE_LIST)
            walk_list(r, c, depth + 1);
}

static void walk_list(PageReader *r, cmark_node *list, int depth)
{
    if (depth > PAGE_LIST_DEPTH) {
        report(r, DIAG_ERROR, block_pos(list), "lists are nested more than %d deep here; the "
               "kiosk cannot show that, so move this list out a level", PAGE_LIST_DEPTH);
        return;
    }
    bool numbered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
    int number = cmark_node_get_list_start(list);
    for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item))
        walk_item(r, item, numbered, number++, depth);
}

static void walk_document(PageReader *r, cmark_node *doc)
{
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
        cmark_node_type type = cmark_node_get_type(n);
        Pos at = block_pos(n);
        if (type == CMARK_NODE_HTML_BLOCK && is_comment(cmark_node_get_literal(n)))
            continue; /* a note for other volunteers */
        if (type == CMARK_NODE_PARAGRAPH) {
            if (check_table(r, n))
                continue;
            Gather g;
            gather_init(&g, n);
            gather_inlines(r, &g, n);
            emit_text(r, &g, PAGE_PARAGRAPH, 0, at);
            gather_release(&g);
        } else if (type == CMARK_NODE_HEADING) {
            int level = cmark_node_get_heading_level(n);
            if (level > 3) {
                report(r, DIAG_ERROR, at, "this heading has %d #s; the kiosk shows three levels "
                       "of heading, so use #, ## or ###", level);
                continue;
            }
            Gather g;
            gather_init(&g, n);
            gather_inlines(r, &g, n);
            if (g.text.len == 0)
                report(r, DIAG_WARNING, at, "this heading has no words; write them after the "
                       "#, or remove the line");
            else
                emit_text(r, &g, PAGE_HEADING, level, at);
            gather_release(&g);
        } else if (type == CMARK_NODE_LIST) {
            walk_list(r, n, 1);
        } else {
            check_unsupported(r, n);
        }
    }
}

/* ==== the details at the top ==== */

enum { KEY_TITLE, KEY_SUMMARY, KEY_WEB, KEY_ORDER, NKEYS };
static const char *const page_keys[NKEYS] = {"title", "summary", "web", "order"};

static const char details_hint[] =
    "start the file with its details, one to a line, like 'title: How to raise a "
    "concern' and 'summary: What PALS can do for you', then a blank line, then the text "
    "(see content/FORMAT.md)";

/* Length of a "key" at s followed by optional spaces and ':', or 0. */
static size_t key_length(const char *s, size_t len, size_t *colon)
{
    size_t i = 0;
    while (i < len && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                       (i > 0 && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))))
        i++;
    size_t k = i;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (k == 0 || i >= len || s[i] != ':')
        return 0;
    *colon = i;
    return k;
}

static bool blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!is_space(s[i]))
            return false;
    return true;
}

/* Reads the details, filling p and the reader's body (the rest of the text). */
static void read_details(PageReader *r, SrcPage *p, const char *text, size_t len)
{
    ContentModel *m = r->m;
    const char *values[NKEYS] = {0};
    int lines[NKEYS] = {0}, cols[NKEYS] = {0};
    size_t pos = 0, colon;
    int line = 1;
    size_t firstlen = strcspn(text, "\n");
    if (key_length(text, firstlen, &colon) == 0) {
        diag_add(m->diags, DIAG_ERROR, r->path, 1, 1, "this page has no title or summary; %s",
                 details_hint);
        r->body = text;
        r->body_len = len;
        r->body_line = 1;
        p->title = p->summary = p->url = "";
        return;
    }
    while (pos < len) {
        const char *s = text + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t linelen = nl ? (size_t)(nl - s) : len - pos;
        size_t next = pos + linelen + (nl ? 1 : 0);
        size_t vlen = linelen;
        if (vlen > 0 && s[vlen - 1] == '\r')
            vlen--;
        if (blank(s, vlen)) {
            pos = next;
            line++;
            break;
        }
        size_t klen = key_length(s, vlen, &colon);
        if (klen == 0) {
            diag_add(m->diags, DIAG_ERROR, r->path, line, 1, "this line is not a detail "
                     "written key: value; the details at the top end at the first blank line, "
                     "so put a blank line before the page's text");
        } else {
            size_t k = 0;
            while (k < NKEYS && (strlen(page_keys[k]) != klen ||
                                 strncasecmp(s, page_keys[k], klen) != 0))
                k++;
            size_t v = colon + 1;
            while (v < vlen && (s[v] == ' ' || s[v] == '\t'))
                v++;
            size_t vend = vlen;
            while (vend > v && (s[vend - 1] == ' ' || s[vend - 1] == '\t'))
                vend--;
            if (k == NKEYS) {
                diag_add(m->diags, DIAG_ERROR, r->path, line, 1, "'%.*s' is not a page detail "
                         "Signpost knows; the details are title, summary, web and order",
                         (int)klen, s);
            } else if (values[k]) {
                diag_add(m->diags, DIAG_ERROR, r->path, line, 1, "'%s' is given twice (also "
                         "on line %d); keep one", page_keys[k], lines[k]);
            } else {
                values[k] = keep(m, s + v, vend - v);
                lines[k] = line;
                cols[k] = (int)count_chars(s, v) + 1;
            }
        }
        pos = next;
        line++;
    }
    r->body = text + pos;
    r->body_len = len - pos;
    r->body_line = line;

    p->title = values[KEY_TITLE] ? values[KEY_TITLE] : "";
    p->summary = values[KEY_SUMMARY] ? values[KEY_SUMMARY] : "";
    p->url = values[KEY_WEB] ? values[KEY_WEB] : "";
    if (!values[KEY_TITLE])
        diag_add(m->diags, DIAG_ERROR, r->path, 1, 1, "this page has no title; add a line like "
                 "'title: How to raise a concern' at the top");
    else if (!p->title[0])
        diag_add(m->diags, DIAG_ERROR, r->path, lines[KEY_TITLE], cols[KEY_TITLE], "the title "
                 "is empty; write the page's title after 'title:'");
    if (!values[KEY_SUMMARY])
        diag_add(m->diags, DIAG_ERROR, r->path, 1, 1, "this page has no summary; add a line "
                 "like 'summary: What PALS can do for you' under the title (one sentence, "
                 "shown in lists and search results)");
    else if (!p->summary[0])
        diag_add(m->diags, DIAG_ERROR, r->path, lines[KEY_SUMMARY], cols[KEY_SUMMARY], "the "
                 "summary is empty; write one sentence about the page after 'summary:'");
    else if (utf8_count(p->summary) > PAGE_SUMMARY_LONG)
        diag_add(m->diags, DIAG_WARNING, r->path, lines[KEY_SUMMARY], cols[KEY_SUMMARY], "the "
                 "summary is %zu characters long; keep it to one short sentence (under %d)",
                 utf8_count(p->summary), PAGE_SUMMARY_LONG);
    if (values[KEY_WEB] && p->url[0] && !(strncmp(p->url, "https://", 8) == 0 &&
                                          text_is_web(p->url))) {
        char msg[600];
        if (text_is_web(p->url))
            snprintf(msg, sizeof msg, "'%s' starts with http://; give the page's web address "
                     "with https:// so phones open it safely", p->url);
        else
            web_problem(p->url, msg, sizeof msg);
        diag_add(m->diags, DIAG_ERROR, r->path, lines[KEY_WEB], cols[KEY_WEB], "%s", msg);
    }
    if (values[KEY_ORDER]) {
        char *end;
        errno = 0;
        long v = strtol(values[KEY_ORDER], &end, 10);
        if (!values[KEY_ORDER][0] || *end || errno || v < -PAGE_ORDER_MAX || v > PAGE_ORDER_MAX)
            diag_add(m->diags, DIAG_ERROR, r->path, lines[KEY_ORDER], cols[KEY_ORDER], "'%s' is "
                     "not a whole number from -%d to %d; order puts the pages in order, like "
                     "1, 2, 3", values[KEY_ORDER], PAGE_ORDER_MAX, PAGE_ORDER_MAX);
        else
            p->order = v, p->has_order = true;
    }
}

/* ==== reading a file ==== */

/* Reads a page file whole. Returns a NUL-terminated copy (with *len) to mem_free(), or
 * NULL when it could not be read (reported). */
static char *read_page_file(ContentModel *m, const char *path, size_t *len)
{
    char *buf = NULL;
    FileRead rc = file_read(path, PAGE_FILE_MAX, &buf, len);
    if (rc == FILE_READ_TOO_LARGE)
        diag_add(m->diags, DIAG_ERROR, path, 0, 0, "this page is larger than %d KB; nobody "
                 "reads that much standing at a kiosk, so split it into several pages",
                 PAGE_FILE_MAX / 1024);
    else if (rc != FILE_READ_OK) /* a link to nothing or in a loop, a FIFO, a device */
        diag_add(m->diags, DIAG_ERROR, path, 0, 0, "%s", err_msg());
    return buf;
}

/* Reports the first byte that is not UTF-8 text (or is a zero byte). */
static void check_text(ContentModel *m, const char *path, const char *text, size_t len)
{
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < len;) {
        if (text[i] == '\n') {
            line++;
            line_start = ++i;
            continue;
        }
        size_t n;
        uint32_t cp = utf8_decode(text + i, len - i, &n);
        bool bad = cp == 0xFFFD && !(n == 3 && (unsigned char)text[i] == 0xEF);
        if (bad || text[i] == '\0') {
            int col = (int)count_chars(text + line_start, i - line_start) + 1;
            diag_add(m->diags, DIAG_ERROR, path, line, col, "%s", bad ?
                     "this line is not valid UTF-8 text; save the page as UTF-8 in your text "
                     "editor (letters such as é or ł are spoilt by other encodings)" :
                     "this line has a zero byte in it; a page must be plain text, saved as "
                     "UTF-8");
            return;
        }
        i += n;
    }
}

static int line_table(PageReader *r)
{
    size_t cap = 0;
    r->nlines = 0;
    for (size_t i = 0; i <= r->body_len; i++) {
        if (i > 0 && r->body[i - 1] != '\n')
            continue;
        if (i == r->body_len && i > 0)
            break; /* a final line end does not start another line */
        if (mem_grow((void **)&r->lines, &cap, r->nlines + 1, sizeof *r->lines) != 0)
            return -1;
        r->lines[r->nlines++] = i;
    }
    return 0;
}

static void load_page_file(ContentModel *m, SrcPages *pages, const char *dir_path,
                           const char *name)
{
    const char *path = arena_printf(&m->arena, "%s/%s", dir_path, name);
    const char *id = keep(m, name, strlen(name) - 3);
    const char *lang = "";
    if (!path)
        return;
    const char *dot = strrchr(id, '.');
    if (dot && dot != id) {
        /* about-pals.cy.md: the page about-pals in Welsh. */
        char why[400];
        lang = keep(m, dot + 1, strlen(dot + 1));
        id = keep(m, id, (size_t)(dot - id));
        if (!content_lang_ok(m, lang, why, sizeof why)) {
            diag_add(m->diags, DIAG_WARNING, path, 0, 0, "'%s' in the file name: %s, so the "
                     "page is not read; a page in another language is named <id>.<language>"
                     ".md, like about-pals.cy.md", lang, why);
            return;
        }
    }
    if (!text_is_id(id))
        diag_add(m->diags, DIAG_ERROR, path, 0, 0, "'%s' cannot be a page's file name: the "
                 "name is the page's id, so use only lower-case letters, digits and hyphens "
                 "before .md, like about-pals.md", name);
    size_t len = 0;
    char *file = read_page_file(m, path, &len);
    if (!file)
        return;
    const char *text = file;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3; /* a byte order mark, as some Windows editors write */
        len -= 3;
    }
    check_text(m, path, text, len);

    SrcPage page = {.id = text_is_id(id) ? id : "", .lang = lang, .path = path};
    PageReader r = {.m = m, .path = path};
    if (blank(text, len)) {
        diag_add(m->diags, DIAG_ERROR, path, 0, 0, "this page is empty; %s", details_hint);
        mem_free(file);
        return;
    }
    read_details(&r, &page, text, len);
    cmark_node *doc = NULL;
    if (line_table(&r) == 0)
        doc = cmark_parse_document(r.body, r.body_len,
                                   CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8);
    if (!doc) {
        diag_add(m->diags, DIAG_ERROR, path, 0, 0, "out of memory while reading pages");
    } else {
        size_t errors = m->diags->nerrors;
        walk_document(&r, doc);
        cmark_node_free(doc);
        /* Nothing to show, and no problem that explains why. */
        if (r.nblocks == 0 && m->diags->nerrors == errors)
            diag_add(m->diags, DIAG_ERROR, path, r.body_line, 1, "this page has no text below "
                     "its details; write it after the blank line that ends them");
    }
    if (r.nblocks) {
        page.blocks = arena_alloc(&m->arena, r.nblocks * sizeof *page.blocks);
        if (page.blocks) {
            memcpy(page.blocks, r.blocks, r.nblocks * sizeof *page.blocks);
            page.nblocks = r.nblocks;
        } else {
            diag_add(m->diags, DIAG_ERROR, path, 0, 0, "out of memory while reading pages");
        }
    }
    if (lang[0]) {
        if (mem_grow((void **)&pages->trs, &pages->captrs, pages->ntrs + 1,
                     sizeof *pages->trs) == 0)
            pages->trs[pages->ntrs++] = page;
        else
            diag_add(m->diags, DIAG_ERROR, path, 0, 0, "out of memory while reading pages");
    } else if (mem_grow((void **)&pages->items, &pages->cap, pages->len + 1,
                        sizeof *pages->items) == 0)
        pages->items[pages->len++] = page;
    else
        diag_add(m->diags, DIAG_ERROR, path, 0, 0, "out of memory while reading pages");
    mem_free(r.lines);
    mem_free(r.blocks);
    mem_free(file);
}

/* ==== the pages folder ==== */

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Pages with an order come first, by it; then the rest; file names break ties. */
static int page_cmp(const void *pa, const void *pb)
{
    const SrcPage *a = pa, *b = pb;
    if (a->has_order != b->has_order)
        return a->has_order ? -1 : 1;
    if (a->order != b->order)
        return a->order < b->order ? -1 : 1;
    return strcmp(a->path, b->path);
}

void content_load_pages(ContentModel *m)
{
    SrcPages *pages = mem_zalloc(sizeof *pages);
    if (!pages) {
        diag_add(m->diags, DIAG_ERROR, m->dir, 0, 0, "out of memory while reading pages");
        return;
    }
    m->pages = pages;
    size_t dlen = strlen(m->dir);
    const char *dir_path = arena_printf(&m->arena, "%s%spages", m->dir,
                                        dlen && m->dir[dlen - 1] == '/' ? "" : "/");
    if (!dir_path)
        return;
    DIR *d = opendir(dir_path);
    if (!d) {
        int e = errno;
        struct stat lsb;
        if (e == ENOENT && lstat(dir_path, &lsb) == 0) /* a link to nothing */
            diag_add(m->diags, DIAG_ERROR, dir_path, 0, 0, "the pages folder is a symbolic "
                     "link to a folder that does not exist; link it to the folder, or put "
                     "the folder itself here");
        else if (e != ENOENT) /* no pages folder: no pages */
            diag_add(m->diags, DIAG_ERROR, dir_path, 0, 0, "could not read the pages folder "
                     "(%s)", strerror(e));
        return;
    }
    const char **names = NULL;
    size_t nnames = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ".", "..", and hidden files such as editors' swap files */
        const char *full = arena_printf(&m->arena, "%s/%s", dir_path, e->d_name);
        struct stat sb;
        size_t nlen = strlen(e->d_name);
        if (!full)
            continue;
        /* A link to nothing or in a loop is still a page someone meant to show: it goes on
         * to be read, and reading it reports it by name (it is never dropped silently). */
        if (stat(full, &sb) != 0 && lstat(full, &sb) != 0)
            continue; /* removed meanwhile */
        if (S_ISDIR(sb.st_mode)) {
            diag_add(m->diags, DIAG_WARNING, full, 0, 0, "folders inside pages are not read; "
                     "move its pages up into the pages folder");
        } else if (nlen <= 3 || strcmp(e->d_name + nlen - 3, ".md") != 0) {
            diag_add(m->diags, DIAG_WARNING, full, 0, 0, "only files ending in .md are read as "
                     "pages, so this one is ignored; rename it if it is a page, or move it out "
                     "of the pages folder");
        } else if (mem_grow((void **)&names, &cap, nnames + 1, sizeof *names) == 0) {
            names[nnames++] = keep(m, e->d_name, nlen);
        }
    }
    closedir(d);
    if (nnames)
        qsort(names, nnames, sizeof *names, name_cmp);
    for (size_t i = 0; i < nnames; i++)
        load_page_file(m, pages, dir_path, names[i]);
    mem_free(names);
    if (pages->len)
        qsort(pages->items, pages->len, sizeof *pages->items, page_cmp);
    for (size_t i = 0; i < pages->len; i++)
        if (pages->items[i].id[0] &&
            id_index_put(&pages->ids, pages->items[i].id, (int)i, 0, NULL) < 0)
            diag_add(m->diags, DIAG_ERROR, m->dir, 0, 0, "out of memory while reading pages");
    /* A translation is shown in place of its English page, so it needs one. */
    size_t kept = 0;
    for (size_t i = 0; i < pages->ntrs; i++) {
        SrcPage *t = &pages->trs[i];
        if (t->id[0] && !id_index_get(&pages->ids, t->id)) {
            diag_add(m->diags, DIAG_WARNING, t->path, 0, 0, "there is no English page %s.md "
                     "for this %s page, so the kiosk cannot show it; add %s.md or rename "
                     "this file", t->id, t->lang, t->id);
            continue;
        }
        if (t->id[0])
            pages->trs[kept++] = *t;
    }
    pages->ntrs = kept;
}

size_t content_pages_translated(const ContentModel *m, const char *lang)
{
    size_t n = 0;
    for (size_t i = 0; m->pages && i < m->pages->ntrs; i++)
        n += strcmp(m->pages->trs[i].lang, lang) == 0;
    return n;
}

/* ==== checking links ==== */

/* A link whose target is not there: a warning, since the kiosk leaves the button out
 * (the rest of the page is fine), with the nearest id when there is one. */
static void missing_target(ContentModel *m, const SrcPage *p, const SrcPageBlock *b,
                           const char *guess, const char *id, const char *what,
                           const char *where)
{
    if (guess)
        diag_add(m->diags, DIAG_WARNING, p->path, b->line, b->column, "this link goes to %s "
                 "'%s', which is not in %s; did you mean '%s'? The kiosk leaves out the "
                 "button until it is fixed", what, id, where, guess);
    else
        diag_add(m->diags, DIAG_WARNING, p->path, b->line, b->column, "this link goes to %s "
                 "'%s', which is not in %s; check the spelling, or add it there. The kiosk "
                 "leaves out the button until it is fixed", what, id, where);
}

void content_check_pages(ContentModel *m)
{
    const SrcPages *pages = m->pages;
    if (!pages)
        return;
    for (size_t i = 0; i < pages->len + pages->ntrs; i++) {
        const SrcPage *p = i < pages->len ? &pages->items[i] : &pages->trs[i - pages->len];
        for (size_t k = 0; k < p->nblocks; k++) {
            const SrcPageBlock *b = &p->blocks[k];
            if (b->kind != PAGE_LINK)
                continue;
            bool kiosk_page = strncmp(b->target, "kiosk:page/", 11) == 0;
            const char *id = kiosk_page ? b->target + 11 : strchr(b->target, ':') + 1;
            if (kiosk_page || strncmp(b->target, "page:", 5) == 0) {
                if (!id_index_get(&pages->ids, id))
                    missing_target(m, p, b, id_closest(&pages->ids, id), id, "page",
                                   "the pages folder (as <id>.md)");
            } else if (strncmp(b->target, "place:", 6) == 0) {
                if (m->tdestinations.loaded && !id_index_get(&m->tdestinations.ids, id))
                    missing_target(m, p, b, id_closest(&m->tdestinations.ids, id), id, "place",
                                   "destinations.csv");
            } else if (strncmp(b->target, "service:", 8) == 0) {
                const char *guess = NULL;
                DirLookup found = content_directory_has_service(m, id, &guess);
                if (found == DIR_MISSING)
                    missing_target(m, p, b, guess, id, "service", "services.csv");
                else if (found == DIR_HIDDEN)
                    diag_add(m->diags, DIAG_WARNING, p->path, b->line, b->column, "this link "
                             "goes to service '%s', which is inactive or defunct in "
                             "services.csv, so the kiosk does not show it and leaves out the "
                             "button; link to another service, or remove the link", id);
            }
        }
    }
}

/* ==== writing ==== */

/* The text the search index holds for a page: summary and every block, folded like
 * the query will be (utf8_fold). Returns a string to mem_free(), or NULL. */
static char *search_body(const SrcPage *p)
{
    StrBuf sb;
    strbuf_init(&sb, 0);
    int rc = strbuf_adds(&sb, p->summary);
    for (size_t k = 0; k < p->nblocks && rc == 0; k++) {
        rc |= strbuf_addc(&sb, ' ');
        rc |= strbuf_adds(&sb, p->blocks[k].text);
    }
    char *out = rc == 0 ? utf8_fold_dup(sb.buf ? sb.buf : "") : NULL;
    strbuf_release(&sb);
    return out;
}

/* Adds page p (English or a translation) to the search index, its words folded. */
static void index_page(RowWriter *w, sqlite3_stmt *search, const SrcPage *p)
{
    char *title = utf8_fold_dup(p->title), *body = search_body(p);
    if (!title || !body)
        row_writer_fail(w, "out of memory while writing the search index");
    else
        ROW_INSERT(w, search, "writing the search index", ROW_TEXT(":ref", p->id),
                   ROW_TEXT(":title", title), ROW_TEXT(":body", body));
    mem_free(title);
    mem_free(body);
}

/* The pages in other languages, and their words added to their English page's search
 * row (as its title and body), so a person finds a page in their language too. */
static void write_translated_pages(const SrcPages *pages, RowWriter *w)
{
    if (pages->ntrs == 0)
        return;
    sqlite3_stmt *page = row_writer_prepare(w, "INSERT INTO page_tr(page_id, lang, title,"
                                               " summary) VALUES(:id, :lang, :title, :summary)");
    sqlite3_stmt *block = row_writer_prepare(w, "INSERT INTO page_tr_block(page_id, lang, seq,"
                                                " kind, level, text, target) VALUES(:page,"
                                                " :lang, :seq, :kind, :level, :text, :target)");
    sqlite3_stmt *search = row_writer_prepare(w, "UPDATE search SET title = title || ' ' ||"
                                                 " :title, body = body || ' ' || :body WHERE"
                                                 " kind = 'page' AND ref = :ref");
    for (size_t i = 0; i < pages->ntrs && !w->failed; i++) {
        const SrcPage *p = &pages->trs[i];
        ROW_INSERT(w, page, "writing translated pages", ROW_TEXT(":id", p->id),
                   ROW_TEXT(":lang", p->lang), ROW_TEXT(":title", p->title),
                   ROW_TEXT(":summary", p->summary));
        for (size_t k = 0; k < p->nblocks; k++) {
            const SrcPageBlock *b = &p->blocks[k];
            ROW_INSERT(w, block, "writing translated pages", ROW_TEXT(":page", p->id),
                       ROW_TEXT(":lang", p->lang), ROW_INT(":seq", (int)k),
                       ROW_TEXT(":kind", page_block_kind_name(b->kind)),
                       ROW_INT(":level", b->level), ROW_TEXT(":text", b->text),
                       ROW_TEXT(":target", b->target));
        }
        index_page(w, search, p);
    }
    sqlite3_finalize(page);
    sqlite3_finalize(block);
    sqlite3_finalize(search);
}

void content_write_pages(const ContentModel *m, RowWriter *w)
{
    const SrcPages *pages = m->pages;
    if (!pages || pages->len == 0)
        return;
    sqlite3_stmt *page = row_writer_prepare(w, "INSERT INTO page(id, title, summary, url, sort)"
                                               " VALUES(:id, :title, :summary, :url, :sort)");
    sqlite3_stmt *block = row_writer_prepare(w, "INSERT INTO page_block(page_id, seq, kind,"
                                                " level, text, target) VALUES(:page, :seq,"
                                                " :kind, :level, :text, :target)");
    sqlite3_stmt *search = row_writer_prepare(w, "INSERT INTO search(kind, ref, title, body)"
                                                 " VALUES('page', :ref, :title, :body)");
    for (size_t i = 0; i < pages->len && !w->failed; i++) {
        const SrcPage *p = &pages->items[i];
        ROW_INSERT(w, page, "writing pages", ROW_TEXT(":id", p->id), ROW_TEXT(":title", p->title),
                   ROW_TEXT(":summary", p->summary), ROW_TEXT(":url", p->url),
                   ROW_INT(":sort", (int)i));
        for (size_t k = 0; k < p->nblocks; k++) {
            const SrcPageBlock *b = &p->blocks[k];
            ROW_INSERT(w, block, "writing pages", ROW_TEXT(":page", p->id),
                       ROW_INT(":seq", (int)k), ROW_TEXT(":kind", page_block_kind_name(b->kind)),
                       ROW_INT(":level", b->level), ROW_TEXT(":text", b->text),
                       ROW_TEXT(":target", b->target));
        }
        index_page(w, search, p);
    }
    sqlite3_finalize(page);
    sqlite3_finalize(block);
    sqlite3_finalize(search);
    write_translated_pages(pages, w);
}

/* ==== the rest ==== */

void content_pages_stats(const ContentModel *m, ContentStats *stats)
{
    stats->pages = m->pages ? (int)m->pages->len : 0;
}

void src_pages_free(SrcPages *p)
{
    if (!p)
        return;
    mem_free(p->items);
    mem_free(p->trs);
    id_index_release(&p->ids);
    mem_free(p);
}
