/* script_words.c: the words of a harness script line (see script_words.h). */
#include "script_words.h"

#include "err.h"

#include <errno.h>
#include <stdlib.h>

/* Splits s in place into words; quoted words may hold spaces. Returns -1 on an
 * unterminated quote or too many words. */
int script_split(char *s, ScriptLine *l)
{
    l->argc = 0;
    char *p = s;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (!*p || *p == '#')
            return 0;
        if (l->argc == SCRIPT_MAX_ARGS)
            return err_set("too many words (at most %d)", SCRIPT_MAX_ARGS);
        if (*p == '"') {
            char *out = ++p, *start = out;
            while (*p && *p != '"') {
                if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
                    p++;
                *out++ = *p++;
            }
            if (*p != '"')
                return err_set("a quote is not closed");
            p++;
            *out = '\0';
            l->argv[l->argc++] = start;
            if (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
                return err_set("put a space after the closing quote");
            if (*p)
                p++;
        } else {
            l->argv[l->argc++] = p;
            while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
                p++;
            if (*p)
                *p++ = '\0';
        }
    }
}

int script_parse_int(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end)
        return err_set("'%s' is not a whole number", s);
    *out = v;
    return 0;
}
