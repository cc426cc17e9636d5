/* osk.h: the harness's `osk TEXT` verb (see script.h): types TEXT by tapping the keys
 * of the on-screen keyboard as a person would, switching layers, Shift and Caps lock
 * as needed. Owned by the harness; it only reads the frame's elements and pushes
 * pointer events, so it tests the keyboard exactly as a finger would. */
#ifndef SIGNPOST_OSK_H
#define SIGNPOST_OSK_H

#include "runner.h"

/* The id of the keyboard every screen draws ("kbd"): its keys are "kbd-...". */
#define OSK_KEYBOARD_ID "kbd"

/* Types text (UTF-8) on the keyboard now on screen. 0, or -1 with err_msg naming the
 * first character no key can reach (and where it is in text). */
int osk_type(Runner *r, const char *text);

#endif
