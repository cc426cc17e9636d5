#!/bin/sh
# make_pot.sh: writes the gettext template (po/signpost.pot) from strings.def: one
# entry per string, msgctxt = the id, msgid = the English text; P() entries get
# msgid_plural. Usage: make_pot.sh strings.def out.pot
set -eu
in=$1 out=$2
{
  printf '# Signpost interface strings: template generated from app/i18n/strings.def.\n'
  printf '# Do not edit: change strings.def and rebuild.\nmsgid ""\nmsgstr ""\n'
  printf '"Project-Id-Version: Signpost\\n"\n"MIME-Version: 1.0\\n"\n'
  printf '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
  printf '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"\n'
  sed -n -e 's/^S(\([A-Z0-9_]*\), \(".*"\))$/\n#: strings.def\nmsgctxt "\1"\nmsgid \2\nmsgstr ""/p' \
         -e 's/^P(\([A-Z0-9_]*\), \(".*"\), \(".*"\))$/\n#: strings.def\nmsgctxt "\1"\nmsgid \2\nmsgid_plural \3\nmsgstr[0] ""\nmsgstr[1] ""/p' "$in"
} > "$out.tmp"
mv "$out.tmp" "$out"
