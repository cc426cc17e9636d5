# UI tests: the real kiosk, headless, driven by scripts in tests/ui/*.script against the
# sample content store. Screenshots and dumps land in ${UI_OUT}; golden images are
# compared with tests/golden/ref (UPDATE_GOLDEN=1 ctest -L golden refreshes them), and
# QR codes on screenshots are decoded with libzbar and checked against the dump.
set(UI_OUT ${CMAKE_CURRENT_BINARY_DIR}/ui-out)
file(MAKE_DIRECTORY ${UI_OUT})
set(UI_CONFIG ${PROJECT_SOURCE_DIR}/kiosk-config/kiosk.conf)
set(UI_STORE ${CMAKE_BINARY_DIR}/content.db)

add_executable(golden_compare ui/golden_compare.c)
target_link_libraries(golden_compare PRIVATE signpost_warnings PkgConfig::SDL2 PkgConfig::SDL2_IMAGE)
pkg_check_modules(JANSSON REQUIRED IMPORTED_TARGET jansson)
add_executable(qr_check ui/qr_check.c)
target_link_libraries(qr_check PRIVATE signpost_warnings PkgConfig::SDL2 PkgConfig::SDL2_IMAGE
                      PkgConfig::ZBAR PkgConfig::JANSSON)

# signpost_script_test(NAME [SIZE WxH] [STORE file] [SETUP fixture] [LANGUAGE code]
#                      [ARGS arg...]): runs tests/ui/NAME.script (LANGUAGE: the kiosk's
# --language, for right-to-left and scripts; ARGS: more options, such as --speech-log).
function(signpost_script_test name)
    cmake_parse_arguments(ST "" "SIZE;STORE;SETUP;OUTBOX;LANGUAGE" "ARGS" ${ARGN})
    set(ST_LANG_ARGS "")
    if(ST_LANGUAGE)
        set(ST_LANG_ARGS --language ${ST_LANGUAGE})
    endif()
    if(NOT ST_OUTBOX)
        set(ST_OUTBOX ${UI_OUT}/outbox-${name}.db)
    endif()
    if(NOT ST_SIZE)
        set(ST_SIZE 1920x1080)
    endif()
    if(NOT ST_STORE)
        set(ST_STORE ${UI_STORE})
    endif()
    add_test(NAME ui_${name}
             COMMAND signpost --headless --date 2026-11-22 --size ${ST_SIZE} --config ${UI_CONFIG}
                     --store ${ST_STORE} --outbox ${ST_OUTBOX} ${ST_LANG_ARGS} ${ST_ARGS}
                     --script ${CMAKE_CURRENT_SOURCE_DIR}/ui/${name}.script
             WORKING_DIRECTORY ${UI_OUT})
    set_tests_properties(ui_${name} PROPERTIES LABELS ui)
    if(ST_SETUP)
        set_tests_properties(ui_${name} PROPERTIES FIXTURES_SETUP ${ST_SETUP})
    endif()
endfunction()

# signpost_golden(NAME FIXTURE): compares ${UI_OUT}/NAME.png with tests/golden/ref/NAME.png.
function(signpost_golden name fixture)
    add_test(NAME golden_${name}
             COMMAND golden_compare ${UI_OUT}/${name}.png
                     ${CMAKE_CURRENT_SOURCE_DIR}/golden/ref/${name}.png ${UI_OUT}/${name}-diff.png)
    set_tests_properties(golden_${name} PROPERTIES LABELS golden FIXTURES_REQUIRED ${fixture})
endfunction()

# signpost_qr_check(NAME FIXTURE [EXPECTED]): decodes the QR on ${UI_OUT}/NAME.png.
function(signpost_qr_check name fixture)
    add_test(NAME qr_${name} COMMAND qr_check ${UI_OUT}/${name}.png ${UI_OUT}/${name}.json ${ARGN})
    set_tests_properties(qr_${name} PROPERTIES LABELS qr FIXTURES_REQUIRED ${fixture})
endfunction()

include(${CMAKE_CURRENT_SOURCE_DIR}/ui/scripts.cmake)

# A bad kiosk.conf shows the out-of-order screen (and logs file:line), never a blank one.
add_test(NAME ui_bad_config
         COMMAND signpost --headless --config ${PROJECT_SOURCE_DIR}/tests/data/config/several-problems.conf
                 --store ${UI_STORE} --script ${CMAKE_CURRENT_SOURCE_DIR}/ui/out_of_order.script
         WORKING_DIRECTORY ${UI_OUT})
set_tests_properties(ui_bad_config PROPERTIES LABELS ui)
# Without --headless the kiosk refuses SDL's offscreen and dummy drivers: nothing would be seen.
add_test(NAME ui_refuses_offscreen COMMAND signpost --windowed --store ${UI_STORE}
         --config ${UI_CONFIG})
set_tests_properties(ui_refuses_offscreen PROPERTIES LABELS ui
    ENVIRONMENT "SDL_VIDEODRIVER=offscreen"
    PASS_REGULAR_EXPRESSION "no display: SDL chose the 'offscreen' video driver")

# Touch targets of at least 9 mm (36 px at the default 4 px/mm) on every dumped screen.
add_executable(target_check ui/target_check.c)
target_link_libraries(target_check PRIVATE signpost_warnings PkgConfig::JANSSON)
add_test(NAME ui_touch_targets
         COMMAND target_check 36 ${UI_OUT}/home.json ${UI_OUT}/destination.json
                 ${UI_OUT}/destination-web.json ${UI_OUT}/portrait-destination.json
                 ${UI_OUT}/search-page.json)
set_tests_properties(ui_touch_targets PROPERTIES LABELS ui
    FIXTURES_REQUIRED "shots_home;shots_destination;shots_destination_web;shots_portrait;shots_search")

# A concern from the form to the PALS export, with nothing typed left on disk or in logs.
add_executable(export_check ui/export_check.c)
target_link_libraries(export_check PRIVATE signpost_warnings PkgConfig::JANSSON)
add_test(NAME ui_concern_export
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/ui/concern_export_check.sh
                 $<TARGET_FILE:signpost> $<TARGET_FILE:signpostctl> $<TARGET_FILE:export_check>
                 ${UI_CONFIG} ${UI_STORE} ${CMAKE_CURRENT_SOURCE_DIR}/ui/concern.script ${UI_OUT}
                 ${PROJECT_SOURCE_DIR}/kiosk-config/demo-keys/pals-secret.key)
set_tests_properties(ui_concern_export PROPERTIES LABELS ui)

# Issue 10 part 8: a communication-needs request of its own, from the home tile to the
# PALS exports (JSON, CSV, FHIR with the AIS flag), nothing typed left on disk or in logs.
add_test(NAME ui_needs_export
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/ui/needs_export_check.sh
                 $<TARGET_FILE:signpost> $<TARGET_FILE:signpostctl> $<TARGET_FILE:export_check>
                 ${UI_CONFIG} ${UI_STORE} ${CMAKE_CURRENT_SOURCE_DIR}/ui/needs.script ${UI_OUT}
                 ${PROJECT_SOURCE_DIR}/kiosk-config/demo-keys/pals-secret.key)
set_tests_properties(ui_needs_export PROPERTIES LABELS ui)

# Issue 12 part 3: the staff screen's Sync line, from sync's status file.
add_test(NAME ui_staff_sync
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/ui/staff_sync_check.sh
                 $<TARGET_FILE:signpost> ${UI_CONFIG} ${UI_STORE} ${UI_OUT})
set_tests_properties(ui_staff_sync PROPERTIES LABELS ui)

# Issue 11 part 3: collect at the kiosk, open at PALS with a receipt, confirm back.
add_test(NAME ui_staff_collect
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/ui/staff_collect_check.sh
                 $<TARGET_FILE:signpost> $<TARGET_FILE:signpostctl> ${UI_CONFIG} ${UI_STORE}
                 ${CMAKE_CURRENT_SOURCE_DIR}/ui ${UI_OUT}
                 ${PROJECT_SOURCE_DIR}/kiosk-config/demo-keys/pals-secret.key)
set_tests_properties(ui_staff_collect PROPERTIES LABELS ui)
# Issue 12 part 3: a damaged live store falls back to the last known good one.
add_test(NAME ui_content_fallback
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/ui/content_fallback_check.sh
                 $<TARGET_FILE:signpost> ${UI_CONFIG} ${UI_STORE}
                 ${PROJECT_SOURCE_DIR}/tests/data/stores/damaged.db ${CMAKE_CURRENT_SOURCE_DIR}/ui
                 ${UI_OUT})
set_tests_properties(ui_content_fallback PROPERTIES LABELS ui)
# Issue 11 part 2: Update content from a signed pack on the drive.
add_test(NAME ui_staff_content
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/ui/staff_content_check.sh
                 $<TARGET_FILE:signpost> $<TARGET_FILE:signpostctl> ${UI_CONFIG}
                 ${PROJECT_SOURCE_DIR}/content ${CMAKE_CURRENT_SOURCE_DIR}/ui ${UI_OUT})
set_tests_properties(ui_staff_content PROPERTIES LABELS ui)

# signpostctl content preview: every screen of the sample content as a PNG of the size
# asked for, an index.html linking them all, and refusals (tests/ui/test_preview.c).
add_executable(test_preview ui/test_preview.c)
target_include_directories(test_preview PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(test_preview PRIVATE signpost_warnings signpost_testlib sp_store)
target_compile_definitions(test_preview PRIVATE
    TEST_DATA_DIR="${SIGNPOST_TEST_DATA}" SOURCE_ROOT="${SIGNPOST_SOURCE_ROOT}"
    TEST_TMP_DIR="${CMAKE_CURRENT_BINARY_DIR}/tmp" SIGNPOSTCTL="$<TARGET_FILE:signpostctl>"
    SAMPLE_STORE="${UI_STORE}")
add_dependencies(test_preview signpostctl content_store)
add_test(NAME ui_preview COMMAND test_preview)
set_tests_properties(ui_preview PROPERTIES LABELS ui)

# Content with warnings only: the kiosk leaves out link buttons that lead nowhere and
# says when no route reaches a place (tests/data/check/warnings).
add_test(NAME ui_check_warnings_store
         COMMAND signpostctl content build ${SIGNPOST_TEST_DATA}/check/warnings
                 -o ${UI_OUT}/check-warnings.db)
set_tests_properties(ui_check_warnings_store PROPERTIES LABELS ui
    FIXTURES_SETUP check_warnings_store)
signpost_script_test(check_warnings STORE ${UI_OUT}/check-warnings.db)
set_tests_properties(ui_check_warnings PROPERTIES FIXTURES_REQUIRED check_warnings_store)

# Content switches between people: the headless kiosk runs a script while signpostctl
# publishes good, damaged, tampered and unsigned stores (tests/ui/content_reload_check.sh).
foreach(reload_script reload reload_signed reload_recover reload_runtime)
    add_test(NAME ui_${reload_script}
             COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/ui/content_reload_check.sh
                     $<TARGET_FILE:signpost> $<TARGET_FILE:signpostctl> ${PROJECT_SOURCE_DIR}/content
                     ${UI_CONFIG} ${CMAKE_CURRENT_SOURCE_DIR}/ui/${reload_script}.script ${UI_OUT})
    set_tests_properties(ui_${reload_script} PROPERTIES LABELS ui TIMEOUT 180)
endforeach()

# Every screen of the sample content at three screen sizes, three text sizes and both
# contrasts: nothing cut off, overlapping, off the screen or too small to touch
# (tests/ui/test_layout.c, app/ui/audit.h).
add_executable(test_layout ui/test_layout.c)
target_include_directories(test_layout PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(test_layout PRIVATE signpost_warnings sp_harness m)
add_dependencies(test_layout content_store)
add_test(NAME ui_layout COMMAND test_layout ${UI_STORE} ${UI_CONFIG})
set_tests_properties(ui_layout PROPERTIES LABELS ui)
# Issue 10 parts 6 and 7 (tests/ui/test_keys.c): text contrast measured on the pixels
# of every screen, every control reachable with Tab, the focus ring at least 3:1.
add_executable(test_keys ui/test_keys.c)
target_include_directories(test_keys PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(test_keys PRIVATE signpost_warnings sp_harness m)
add_dependencies(test_keys content_store)
add_test(NAME ui_keys_contrast COMMAND test_keys ${UI_STORE} ${UI_CONFIG})
# Hundreds of renders: minutes on a busy machine (815 s seen with the cores shared).
set_tests_properties(ui_keys_contrast PROPERTIES LABELS ui TIMEOUT 3600)
# The same with a 400-character place name, a 5,000-character service description and
# words wider than the screen: they wrap, never overflow or clip.
set(LONG_TEXT_CONTENT ${CMAKE_CURRENT_BINARY_DIR}/long-text-content)
set(LONG_TEXT_STORE ${CMAKE_CURRENT_BINARY_DIR}/long-text.db)
add_custom_command(
    OUTPUT ${LONG_TEXT_STORE}
    COMMAND ${CMAKE_COMMAND} -DSRC=${PROJECT_SOURCE_DIR}/content -DOUT=${LONG_TEXT_CONTENT}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/data/long-text/make.cmake
    COMMAND signpostctl content build ${LONG_TEXT_CONTENT} -o ${LONG_TEXT_STORE} > /dev/null
    DEPENDS signpostctl ${SIGNPOST_CONTENT_FILES} ${CMAKE_CURRENT_SOURCE_DIR}/data/long-text/make.cmake
    COMMENT "Building the long-text test store")
add_custom_target(long_text_store ALL DEPENDS ${LONG_TEXT_STORE})
add_test(NAME ui_layout_long_text COMMAND test_layout ${LONG_TEXT_STORE} ${UI_CONFIG})
set_tests_properties(ui_layout_long_text PROPERTIES LABELS ui)

# The destination and service screens on that content (tests/ui/long_text.script): the
# long words wrap in the scroll regions and the buttons and QR codes stay reachable.
signpost_script_test(long_text STORE ${LONG_TEXT_STORE})

# Issue 9 part 4: the on-screen keyboard types what people write. The concern form filled
# in key by key with `osk` (layers, Shift, Caps lock, the email keyboard and dial pad),
# checked through the PALS export, wide and in portrait; and `osk` names a character
# that no key can type.
foreach(size 1920x1080 1080x1920)
    add_test(NAME ui_concern_osk_${size}
             COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/ui/concern_osk_check.sh
                     $<TARGET_FILE:signpost> $<TARGET_FILE:signpostctl> $<TARGET_FILE:export_check>
                     ${UI_CONFIG} ${UI_STORE} ${CMAKE_CURRENT_SOURCE_DIR}/ui/concern_osk.script
                     ${UI_OUT} ${PROJECT_SOURCE_DIR}/kiosk-config/demo-keys/pals-secret.key ${size})
    set_tests_properties(ui_concern_osk_${size} PROPERTIES LABELS ui)
endforeach()
add_test(NAME ui_osk_unreachable
         COMMAND signpost --headless --date 2026-11-22 --config ${UI_CONFIG} --store ${UI_STORE}
                 --outbox ${UI_OUT}/outbox-osk-unreachable.db
                 --script ${CMAKE_CURRENT_SOURCE_DIR}/ui/osk_unreachable.script
         WORKING_DIRECTORY ${UI_OUT})
set_tests_properties(ui_osk_unreachable PROPERTIES LABELS ui
    PASS_REGULAR_EXPRESSION "osk_unreachable.script:[0-9]+: osk: cannot reach 'Ω' \\(character 4 of")

# Issue 10 part 4: text that every script can read. Place names in Urdu, Arabic, Bengali
# and Gurmukhi (tests/data/scripts/make.cmake), in Urdu (right to left) and Bengali;
# scripts_check proves the mirroring, that no glyph was missing, that the names are
# drawn and differ; the Urdu screen's QR code still scans (QR codes never mirror);
# content check names the cells no configured font can draw.
set(SCRIPTS_CONTENT ${CMAKE_CURRENT_BINARY_DIR}/scripts-content)
set(SCRIPTS_STORE ${CMAKE_CURRENT_BINARY_DIR}/scripts.db)
add_custom_command(
    OUTPUT ${SCRIPTS_STORE}
    COMMAND ${CMAKE_COMMAND} -DSRC=${PROJECT_SOURCE_DIR}/content -DOUT=${SCRIPTS_CONTENT}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/data/scripts/make.cmake
    COMMAND signpostctl content build ${SCRIPTS_CONTENT} -o ${SCRIPTS_STORE} > /dev/null
    DEPENDS signpostctl ${SIGNPOST_CONTENT_FILES} ${CMAKE_CURRENT_SOURCE_DIR}/data/scripts/make.cmake
    COMMENT "Building the every-script test store")
add_custom_target(scripts_store ALL DEPENDS ${SCRIPTS_STORE})
# Issue 10 part 3: content in several languages: Welsh, Urdu (right to left) and Polish
# content where the sample has it, English marked where it has not (shots looked at).
signpost_script_test(content_lang_cy)
signpost_script_test(content_lang_ur)
signpost_script_test(content_lang_pl)
# Issue 10 part 1: the language picker, one person's choice (shots looked at).
signpost_script_test(lang_picker)
signpost_script_test(lang_picker_portrait SIZE 1080x1920)
signpost_script_test(scripts_ur STORE ${SCRIPTS_STORE} LANGUAGE ur SETUP shots_scripts_ur)
signpost_script_test(scripts_bn STORE ${SCRIPTS_STORE} LANGUAGE bn SETUP shots_scripts_bn)
add_executable(scripts_check ui/scripts_check.c)
target_link_libraries(scripts_check PRIVATE signpost_warnings PkgConfig::SDL2 PkgConfig::SDL2_IMAGE
                      PkgConfig::JANSSON)
add_test(NAME ui_scripts_check COMMAND scripts_check ${UI_OUT})
set_tests_properties(ui_scripts_check PROPERTIES LABELS ui
    FIXTURES_REQUIRED "shots_scripts_ur;shots_scripts_bn")
signpost_qr_check(scripts-ur-urdu-qr shots_scripts_ur "prefix:Northgate General Hospital: ذیابیطس کلینک تک راستہ")
add_test(NAME content_check_fonts
         COMMAND signpostctl content check ${SCRIPTS_CONTENT} --quiet --config ${UI_CONFIG})
set_tests_properties(content_check_fonts PROPERTIES LABELS unit
    DEPENDS ui_scripts_ur
    PASS_REGULAR_EXPRESSION "destinations.csv:[0-9]+:2: warning: no configured font can draw U\\+1F642 \\(column 'name'[^\n]*\n[^\n]*destinations.csv:[0-9]+:10: warning: no configured font can draw U\\+0BA4 \\(column 'summary'")
add_test(NAME content_check_fonts_pages
         COMMAND signpostctl content check ${SCRIPTS_CONTENT} --quiet)
set_tests_properties(content_check_fonts_pages PROPERTIES LABELS unit
    DEPENDS ui_scripts_ur
    PASS_REGULAR_EXPRESSION "pages/about-pals.md:47:8: warning: no configured font can draw U\\+0BA4")

# Issue 11 parts 5 and 6: the Friends and Family Test through the home tile, and the
# usage figures (the five-sessions threshold for unmatched searches), end to end.
signpost_script_test(fft SETUP shots_fft)
signpost_script_test(fft_large SETUP shots_fft_large)
signpost_script_test(fft_ur LANGUAGE ur SETUP shots_fft_ur)
add_test(NAME ui_fft_check
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/ui/fft_check.sh
                 $<TARGET_FILE:signpost> $<TARGET_FILE:signpostctl> ${UI_CONFIG} ${UI_STORE}
                 ${CMAKE_CURRENT_SOURCE_DIR}/ui ${UI_OUT}
                 ${PROJECT_SOURCE_DIR}/kiosk-config/demo-keys/pals-secret.key)
set_tests_properties(ui_fft_check PROPERTIES LABELS ui)
add_test(NAME ui_usage_check
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/ui/usage_check.sh
                 $<TARGET_FILE:signpost> $<TARGET_FILE:signpostctl> ${UI_CONFIG} ${UI_STORE}
                 ${CMAKE_CURRENT_SOURCE_DIR}/ui ${UI_OUT})
set_tests_properties(ui_usage_check PROPERTIES LABELS ui)
