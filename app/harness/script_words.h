/* script_words.h: the words of a harness script line (see script.h for the format):
 * splitting a line into words, with "double quotes" around words with spaces (\" and
 * \\ escape inside quotes) and '#' starting a comment, and reading a whole number.
 * Owned by the harness; script.c runs the words, tests/fuzz/fuzz_script.c fuzzes them. */
#ifndef SIGNPOST_SCRIPT_WORDS_H
#define SIGNPOST_SCRIPT_WORDS_H

enum { SCRIPT_MAX_ARGS = 8, SCRIPT_LINE_MAX = 4096 };

typedef struct ScriptLine {
    char *argv[SCRIPT_MAX_ARGS];
    int argc;
} ScriptLine;

/* Splits s in place into words (none for a blank line or a comment). Returns 0, or -1
 * with err_msg() on an unterminated quote, a word run on after a closing quote, or
 * more than SCRIPT_MAX_ARGS words. */
int script_split(char *s, ScriptLine *l);

/* Reads s as a whole number (a long, nothing after it). 0, or -1 with err_msg(). */
int script_parse_int(const char *s, long *out);

#endif
