/* content_fonts.c: text the kiosk's fonts cannot draw. Every cell of every CSV table in
 * a content folder, and every line of its information pages (the .md files in
 * pages/), is looked up in the configured font files (app/textrun, FreeType); a
 * character no font has (it would show as a placeholder with its code point) is a
 * warning naming the table, row, column and code point (for a page: its line and
 * column). */
#include "content.h"

#include "csv_table.h"
#include "err.h"
#include "files.h"
#include "mem.h"
#include "textrun.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Which character of s (counting from 1) starts at byte at. */
static size_t nth_char(const char *s, size_t at)
{
    size_t nth = 1;
    for (size_t k = 0; k < at; k++)
        nth += ((unsigned char)s[k] & 0xC0) != 0x80;
    return nth;
}

static void check_table(const TextFonts *f, const char *dir, const char *file,
                        DiagList *diags, size_t *found)
{
    CsvTable t;
    csv_table_init(&t);
    DiagList scratch; /* the table's own problems are the content check's to report */
    diag_init(&scratch);
    if (csv_table_read(&t, dir, file, NULL, 0, &scratch) == 0) {
        for (size_t r = 0; r < t.nrows; r++) {
            const CsvRow *row = &t.rows[r];
            for (size_t c = 0; c < row->nfields; c++) {
                size_t at = 0;
                uint32_t cp = textfonts_missing(f, row->fields[c], &at);
                if (!cp)
                    continue;
                const char *col = c < t.ncols ? t.header[c] : "?";
                size_t nth = nth_char(row->fields[c], at);
                diag_add(diags, DIAG_WARNING, t.path, row->line, (int)c + 1,
                         "no configured font can draw U+%04X (column '%s', character %zu); "
                         "the kiosk shows its code in a box instead: use other "
                         "characters, or add a font for them in kiosk.conf [paths]",
                         (unsigned)cp, col, nth);
                (*found)++;
            }
        }
    }
    diag_release(&scratch);
    csv_table_release(&t);
}

static void check_page(const TextFonts *f, const char *dir, const char *name, DiagList *diags,
                       size_t *found)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/pages/%s", dir, name);
    char *text = NULL;
    size_t len = 0;
    if (file_read(path, 4u << 20, &text, &len) != FILE_READ_OK)
        return; /* the content check reports pages it cannot read */
    int line = 1;
    for (char *s = text; s && *s; line++) {
        char *nl = strchr(s, '\n');
        if (nl)
            *nl = '\0';
        size_t at = 0;
        uint32_t cp = textfonts_missing(f, s, &at);
        if (cp) {
            diag_add(diags, DIAG_WARNING, path, line, (int)nth_char(s, at),
                     "no configured font can draw U+%04X; the kiosk shows its code in a box "
                     "instead: use other characters, or add a font for them in kiosk.conf "
                     "[paths]", (unsigned)cp);
            (*found)++;
        }
        s = nl ? nl + 1 : NULL;
    }
    mem_free(text);
}

static void check_pages(const TextFonts *f, const char *dir, DiagList *diags, size_t *found)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/pages", dir);
    DIR *d = opendir(path);
    if (!d)
        return;
    char *names[256] = {0};
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && n < sizeof names / sizeof names[0]) {
        size_t len = strlen(de->d_name);
        if (len > 3 && strcmp(de->d_name + len - 3, ".md") == 0 && de->d_name[0] != '.')
            if ((names[n] = mem_strdup(de->d_name)) != NULL)
                n++;
    }
    closedir(d);
    qsort(names, n, sizeof names[0], by_name);
    for (size_t i = 0; i < n; i++) {
        check_page(f, dir, names[i], diags, found);
        mem_free(names[i]);
    }
}

int content_check_fonts(const char *src_dir, const char *const *fonts, size_t nfonts,
                        DiagList *diags, size_t *found)
{
    *found = 0;
    TextFonts *f = textfonts_open(fonts, nfonts);
    if (!f)
        return -1;
    DIR *d = opendir(src_dir);
    if (!d) {
        textfonts_close(f);
        return err_set("%s could not be opened", src_dir);
    }
    char *names[64] = {0};
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && n < sizeof names / sizeof names[0]) {
        size_t len = strlen(de->d_name);
        if (len > 4 && strcmp(de->d_name + len - 4, ".csv") == 0 && de->d_name[0] != '.')
            if ((names[n] = mem_strdup(de->d_name)) != NULL)
                n++;
    }
    closedir(d);
    qsort(names, n, sizeof names[0], by_name);
    for (size_t i = 0; i < n; i++) {
        check_table(f, src_dir, names[i], diags, found);
        mem_free(names[i]);
    }
    check_pages(f, src_dir, diags, found);
    textfonts_close(f);
    return 0;
}
