/* handoff.h: what the kiosk hands to a phone for a service: a vCard 3.0 contact card
 * (RFC 2426: an organisation's card, N empty and ORG set; phones with their
 * descriptions as labels, email, web address, address, and meeting times in the note;
 * text escaped for ; , \ and new lines; CRLF line ends; lines folded at 75 octets), or a
 * tel: link in international form (RFC 3966, "tel:+441632960123"), or the web
 * address. Nothing personal ever goes in: only content. Pure C over the Site. */
#ifndef SIGNPOST_HANDOFF_H
#define SIGNPOST_HANDOFF_H

#include "site.h"

#include <stddef.h>

/* The card for service v (of the Site s, which has its organisations and places).
 * It stays small enough to scan from a screen: fields
 * are dropped in order (note, then address, then email) rather than exceeding cap.
 * Returns 0, or -1 when even the minimal card (name and a way to reach) does not fit. */
int handoff_vcard(const Site *s, const Service *v, char *out, size_t cap);

/* "tel:+441632960123" for a UK or international number as volunteers write it
 * ("01632 960123", "+44 1632 960123", "0800 123 4567"). Returns 0, or -1 when the
 * text is not a phone number. */
int handoff_tel_uri(const char *number, char *out, size_t cap);

/* True when `number` is a plausible UK (0 + 9 or 10 digits) or international (+ and
 * 8 to 15 digits) number; spaces, hyphens and brackets are allowed. */
bool handoff_phone_valid(const char *number);

#endif
