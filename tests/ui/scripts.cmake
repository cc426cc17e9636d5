# Script tests (see tests/ui/tests.cmake for the functions).
signpost_script_test(home SETUP shots_home)
signpost_script_test(find_az)
signpost_script_test(find_type)
signpost_script_test(search SETUP shots_search)
signpost_script_test(destination SETUP shots_destination)
signpost_script_test(destination_web SETUP shots_destination_web)
signpost_script_test(idle)
signpost_script_test(still_there_touch SETUP shots_still_there)
signpost_golden(still-there-contrast shots_still_there)
signpost_script_test(accessibility)
signpost_script_test(portrait SIZE 1080x1920 SETUP shots_portrait)
signpost_script_test(out_of_order STORE ${CMAKE_CURRENT_BINARY_DIR}/no-such-store.db)

signpost_golden(home shots_home)
signpost_golden(destination shots_destination)
signpost_golden(portrait-destination shots_portrait)

signpost_qr_check(destination shots_destination
    "prefix:Northgate General Hospital: directions to Coronary Care Unit (Main Building, First floor)")
signpost_qr_check(destination-web shots_destination_web https://northgate.example.org/pharmacy)
signpost_qr_check(portrait-destination shots_portrait
    "prefix:Northgate General Hospital: directions to Delivery Suite")
signpost_script_test(out_of_order_damaged STORE ${PROJECT_SOURCE_DIR}/tests/data/stores/damaged.db)
signpost_script_test(support SETUP shots_support)
signpost_script_test(service_notices)
signpost_script_test(page SETUP shots_page)
signpost_script_test(search_all)
signpost_script_test(search_forgive)
signpost_script_test(search_hostile)
signpost_script_test(concern_privacy)
signpost_script_test(concern_urgent)
signpost_script_test(concern_failed OUTBOX ${CMAKE_CURRENT_BINARY_DIR}/no-such-dir/outbox.db)
signpost_script_test(concern_discard)
signpost_script_test(concern_portrait SIZE 1080x1920)
signpost_script_test(concern_small SIZE 1280x720)
signpost_script_test(scroll_small SIZE 1080x1920)
# Nothing typed is in the accessibility tree under the concern form's privacy cover.
add_test(NAME ui_concern_cover
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/ui/concern_cover_check.sh $<TARGET_FILE:signpost>
                 ${UI_CONFIG} ${UI_STORE} ${CMAKE_CURRENT_SOURCE_DIR}/ui/concern_cover.script ${UI_OUT})
set_tests_properties(ui_concern_cover PROPERTIES LABELS ui)

signpost_golden(service shots_support)
signpost_golden(page shots_page)
signpost_qr_check(service shots_support "prefix:BEGIN:VCARD")
signpost_qr_check(service-phone shots_support "prefix:tel:+441632960")
signpost_qr_check(page shots_page "prefix:https://northgate.example.org/")
signpost_golden(portrait-home shots_portrait)
signpost_script_test(page_kiosk_link)

# Golden screenshots at both orientations and text sizes (tests/ui/golden_*.script):
# home, a destination, a service and three steps of the concern form.
signpost_script_test(golden_landscape SETUP shots_golden_landscape)
signpost_script_test(golden_landscape_large SETUP shots_golden_landscape_large)
signpost_script_test(golden_portrait SIZE 1080x1920 SETUP shots_golden_portrait)
signpost_script_test(golden_portrait_large SIZE 1080x1920 SETUP shots_golden_portrait_large)
foreach(step concern-intro concern-who concern-what)
    signpost_golden(${step} shots_golden_landscape)
    signpost_golden(large-${step} shots_golden_landscape_large)
    signpost_golden(portrait-${step} shots_golden_portrait)
    signpost_golden(portrait-large-${step} shots_golden_portrait_large)
endforeach()
foreach(view home destination service)
    signpost_golden(large-${view} shots_golden_landscape_large)
    signpost_golden(portrait-large-${view} shots_golden_portrait_large)
endforeach()
signpost_golden(portrait-service shots_golden_portrait)

# Issue 9 part 2: a route in two codes on a narrow panel, each decoded.
signpost_script_test(destination_parts SIZE 400x2800 SETUP shots_destination_parts)
signpost_qr_check(destination-parts-1 shots_destination_parts
    "prefix:Northgate General Hospital: directions to Delivery Suite (Riverside Wing, First floor) (part 1 of 2)")
signpost_qr_check(destination-parts-2 shots_destination_parts
    "prefix:Northgate General Hospital: directions to Delivery Suite (Riverside Wing, First floor) (part 2 of 2)")
signpost_script_test(staff SETUP shots_staff)
signpost_script_test(staff_out_of_order STORE ${CMAKE_CURRENT_BINARY_DIR}/no-such-store.db)

# Issue 10 part 5: read aloud, offline. Each script runs with --speech-log and
# --speech-wav; speech_check holds the log and the WAV to the script's .expect file
# (utterances with their language, volume and rate, in order; a valid, non-silent WAV;
# words that must never be heard). The concern form with a headset must echo the name
# typed, and speech_check must fail on that log with the room's expectations: the
# check can see a personal answer that is spoken.
add_executable(speech_check ui/speech_check.c)
target_link_libraries(speech_check PRIVATE signpost_warnings PkgConfig::JANSSON m)
foreach(speech speech_tour speech_concern speech_concern_headset speech_content_cy)
    signpost_script_test(${speech} SETUP shots_${speech}
        ARGS --speech-log ${UI_OUT}/${speech}.log --speech-wav ${UI_OUT}/${speech}.wav)
    add_test(NAME ui_${speech}_check
             COMMAND speech_check ${UI_OUT}/${speech}.log ${UI_OUT}/${speech}.wav
                     ${CMAKE_CURRENT_SOURCE_DIR}/ui/${speech}.expect
             WORKING_DIRECTORY ${UI_OUT})
    set_tests_properties(ui_${speech}_check PROPERTIES LABELS ui FIXTURES_REQUIRED shots_${speech})
endforeach()
add_test(NAME ui_speech_check_catches_spoken_answers
         COMMAND speech_check ${UI_OUT}/speech_concern_headset.log
                 ${UI_OUT}/speech_concern_headset.wav
                 ${CMAKE_CURRENT_SOURCE_DIR}/ui/speech_concern.expect
         WORKING_DIRECTORY ${UI_OUT})
set_tests_properties(ui_speech_check_catches_spoken_answers PROPERTIES LABELS ui WILL_FAIL TRUE
    FIXTURES_REQUIRED shots_speech_concern_headset)
# The speech controls under the header while read aloud is on.
signpost_golden(speech-bar shots_speech_tour)
# Issue 10 part 6: journeys with keys alone (Tab, arrows, Return, Escape, Help).
signpost_script_test(keys_find)
signpost_script_test(keys_service)
signpost_script_test(keys_page)
signpost_script_test(keys_concern)
signpost_script_test(keys_find_portrait_large SIZE 1080x1920)
# Issue 9 part 1: the map on the destination screen (map_check.py measures it).
signpost_script_test(map SETUP shots_map)
signpost_script_test(map_portrait SIZE 1080x1920 SETUP shots_map_portrait)
signpost_script_test(map_large SETUP shots_map_large)
foreach(m "map;0.40" "map-portrait;0.30" "map-large;0.20")
    list(GET m 0 dump)
    list(GET m 1 share)
    add_test(NAME ui_map_check_${dump}
             COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/ui/map_check.py ${UI_OUT}/${dump}.json
                     ${share} ${UI_OUT}/${dump}-step.json)
    set_tests_properties(ui_map_check_${dump} PROPERTIES LABELS ui
                         FIXTURES_REQUIRED "shots_map;shots_map_portrait;shots_map_large")
endforeach()
