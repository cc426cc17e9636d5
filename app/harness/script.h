/* script.h: the headless harness. A script is a text file, one command a line, '#'
 * starts a comment; arguments with spaces are quoted with "double quotes" (\" and \\
 * escape inside quotes). Verbs:
 *   tap TARGET | tap X Y      press and release on an element (id or visible label)
 *                             or a point; an element scrolled out of view is first
 *                             scrolled into view by dragging its list, as a person would
 *   touch TARGET              press and release where TARGET is laid out even when
 *                             something covers it (what a touch through an overlay does)
 *   drag X1 Y1 X2 Y2          press, move and release
 *   hold TARGET MS | hold X Y MS  press, keep still for MS on the virtual clock
 *                             (deadlines fire meanwhile), release
 *   type TEXT                 text into the focused field
 *   osk TEXT                  types TEXT by tapping the on-screen keyboard's keys as a
 *                             person would, switching layers, Shift and Caps lock as
 *                             needed (see osk.h); fails naming the first character no
 *                             key can reach
 *   key NAME                  Return (Enter), Backspace, Tab, Shift+Tab, Escape, Left,
 *                             Right, Up, Down, Help (F1): as a keyboard or keypad sends
 *   tab-to TARGET             presses Tab until TARGET (id or label) has the keyboard
 *                             focus (down-to, up-to: Down or Up); fails when the focus
 *                             comes round without reaching it
 *   expect-focus TARGET       fail unless TARGET has the keyboard focus, ring showing
 *   wait MS                   advance the virtual clock (idle timeouts fire)
 *   shot FILE.png             screenshot
 *   dump FILE.json            the accessibility tree (see dump.c): every element with
 *                             its role, name, rectangle, clip, state, parent and order
 *   expect TEXT               fail unless a visible element's label or text contains TEXT
 *   expect-not TEXT           fail if one does
 *   expect-screen NAME        fail unless the current screen is NAME
 *   reload                    look for a newly published content store now, as the run
 *                             loop does every few seconds: only between people (home
 *                             screen, untouched since the idle timeout, or out of order
 *                             because of the content); a new store that passes its
 *                             checks is switched to, a refused one is logged and the
 *                             kiosk keeps what it has. Never fails the line by itself
 *   language CODE             ui_set_language (BCP 47: en, cy, ur, ar, bn, pa...): the
 *                             direction, fonts and keyboard letters (a test hook; the
 *                             kiosk's --language does the same at start)
 *   wait-print                waits (real time, up to 15 s) until the slip tapped for has
 *                             gone to the printer or failed, then draws a frame: the
 *                             Print button then says "Printed" or the problem
 * A failing line stops the run; script_run returns 1 and prints "FILE:LINE: message". */
#ifndef SIGNPOST_SCRIPT_H
#define SIGNPOST_SCRIPT_H

#include "runner.h"

#include <stdio.h>

/* Runs the script at path. Returns 0 when every line passed, 1 when one failed
 * (message on `err`), 2 when the file could not be read. */
int script_run(Runner *r, const char *path, FILE *err);

/* Writes the dump JSON of the current frame to path. 0 or -1 (err_msg). */
int dump_write(const Runner *r, const char *path);

#endif
