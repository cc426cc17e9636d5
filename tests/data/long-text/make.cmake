# Makes the sample content with text of hostile lengths, for the layout test: a place
# whose name is 400 characters, a service whose description is 5,000 characters, and
# single words longer than any screen is wide. Run with cmake -P, given SRC (content/)
# and OUT (a folder to write). Everything else is the sample as it is.
file(REMOVE_RECURSE ${OUT})
file(COPY ${SRC}/ DESTINATION ${OUT})
string(REPEAT "Outpatient Assessment " 18 long_name)            # 396 characters
string(REPEAT "a" 180 one_word)                                  # wider than any screen
string(REPEAT "Help with forms, benefits and letters, and someone to talk to. " 79 long_desc)
file(APPEND ${OUT}/destinations.csv
     "long-name,${long_name}Unit,department,main-g,reception,24 hours,"
     "Step-free. ${one_word},01632 960999,,Summary ${one_word} end.,\"long, test\""
     ",,,,,,,\n") # no translations (name_cy ... summary_ur)
file(APPEND ${OUT}/services.csv
     "long-description,Long ${one_word} service,northgate-hospital,active,\"${long_desc}\","
     "advocacy,,,,Free,English,,,01632 960998,${one_word},,,,,,,2026-10-01\n")
