# Makes the sample content with place names and summaries in Urdu, Arabic, Bengali and
# Gurmukhi (with a phone number and English place names inside them), for the
# every-script test (tests/ui/scripts.script) and content check's font coverage: one
# place also has an emoji and a Tamil letter, which no configured font draws. Run with
# cmake -P, given SRC (content/) and OUT (a folder to write).
file(REMOVE_RECURSE ${OUT})
file(COPY ${SRC}/ DESTINATION ${OUT})
file(APPEND ${OUT}/destinations.csv
     "urdu-clinic,ذیابیطس کلینک,department,main-g,reception,24 hours,,01632 960301,,"
     "اپنی ملاقات کے لیے 01632 960123 پر فون کریں,\"urdu, test\",,,,,,,\n"
     "arabic-clinic,عيادة السكري,department,main-g,reception,24 hours,,01632 960302,,"
     "اتصل بالرقم 01632 960123 لموعدك في Main reception,\"arabic, test\",,,,,,,\n"
     "bengali-clinic,ডায়াবেটিস ক্লিনিক,department,main-g,reception,24 hours,,01632 960303,,"
     "অ্যাপয়েন্টমেন্টের জন্য 01632 960123 নম্বরে ফোন করুন।,\"bengali, test\",,,,,,,\n"
     "gurmukhi-clinic,ਸ਼ੂਗਰ ਕਲੀਨਿਕ,department,main-g,reception,24 hours,,01632 960304,,"
     "ਮੁਲਾਕਾਤ ਲਈ 01632 960123 ਤੇ ਫ਼ੋਨ ਕਰੋ।,\"gurmukhi, test\",,,,,,,\n"
     "emoji-corner,Play corner 🙂,department,main-g,reception,24 hours,,,,"
     "Tamil sign: தமிழ்,\"emoji, test\",,,,,,,\n")
# (The seven commas: no translations, name_cy ... summary_ur.)
# A page ending with a Tamil word (line 41).
file(APPEND ${OUT}/pages/about-pals.md "\nTamil: தமிழ்\n")
