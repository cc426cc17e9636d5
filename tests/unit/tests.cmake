# Unit test registrations (see tests/CMakeLists.txt).
signpost_unit_test(test_hours sp_hours)
signpost_unit_test(test_core sp_core)
signpost_unit_test(test_i18n sp_i18n)
signpost_unit_test(test_ui sp_ui)
signpost_unit_test(test_layout_engine sp_ui)
signpost_unit_test(test_route sp_route)
signpost_unit_test(test_store sp_store PkgConfig::SQLITE3)
signpost_unit_test(test_config sp_config)
signpost_unit_test(test_content sp_content PkgConfig::SQLITE3)
# Issue 10 part 3: content in several languages.
signpost_unit_test(test_translations sp_content sp_store PkgConfig::SQLITE3)
signpost_unit_test(test_pages sp_content sp_store)
signpost_unit_test(test_search sp_content sp_store PkgConfig::SQLITE3)
signpost_unit_test(test_directions sp_screens sp_content)
signpost_unit_test(test_concern sp_concern)
# Read aloud: espeak-ng voices, Stop, volume, the speech log and the WAV writer.
signpost_unit_test(test_speech sp_speech m)
set_tests_properties(test_speech PROPERTIES TIMEOUT 60)
signpost_unit_test(test_schedule sp_hours)
signpost_unit_test(test_handoff sp_handoff)
signpost_unit_test(test_directory_content sp_content sp_store PkgConfig::SQLITE3)
signpost_unit_test(test_outbox sp_outbox PkgConfig::JANSSON PkgConfig::SQLITE3)
signpost_unit_test(test_outbox_crash sp_outbox PkgConfig::JANSSON PkgConfig::SQLITE3)
signpost_unit_test(test_signpostctl sp_outbox PkgConfig::JANSSON PkgConfig::SQLITE3)
target_compile_definitions(test_signpostctl PRIVATE SIGNPOSTCTL="$<TARGET_FILE:signpostctl>")
add_dependencies(test_signpostctl signpostctl)
# Issue 11 part 3: collecting concerns with proof (collection file, receipt, confirm).
signpost_unit_test(test_collect sp_outbox PkgConfig::JANSSON PkgConfig::SQLITE3)
target_compile_definitions(test_collect PRIVATE SIGNPOSTCTL="$<TARGET_FILE:signpostctl>")
add_dependencies(test_collect signpostctl)
signpost_unit_test(test_publish sp_publish sp_content PkgConfig::SQLITE3 PkgConfig::SODIUM)
target_compile_definitions(test_publish PRIVATE SIGNPOSTCTL="$<TARGET_FILE:signpostctl>")
add_dependencies(test_publish signpostctl)
signpost_unit_test(test_progress sp_core)
signpost_unit_test(test_content_check sp_content sp_store)
signpost_unit_test(test_plansvg sp_plansvg sp_content sp_store)
target_compile_definitions(test_content_check PRIVATE SIGNPOSTCTL="$<TARGET_FILE:signpostctl>")
add_dependencies(test_content_check signpostctl)
signpost_unit_test(test_oruk sp_oruk sp_content sp_store)
target_compile_definitions(test_oruk PRIVATE SIGNPOSTCTL="$<TARGET_FILE:signpostctl>")
add_dependencies(test_oruk signpostctl)
signpost_unit_test(test_content_robust sp_content)
target_compile_definitions(test_content_robust PRIVATE SIGNPOSTCTL="$<TARGET_FILE:signpostctl>")
add_dependencies(test_content_robust signpostctl)
# Pictograms and DRAW_IMAGE through the platform layer (headless software renderer).
signpost_unit_test(test_pictograms sp_platform sp_ui)
set_tests_properties(test_pictograms PROPERTIES ENVIRONMENT "SDL_VIDEODRIVER=offscreen")
# The interface sounds are exactly what assets/sounds/make_sounds.py makes.
find_program(SIGNPOST_PYTHON3 python3)
if(SIGNPOST_PYTHON3)
    add_test(NAME assets_sounds_reproducible
             COMMAND ${SIGNPOST_PYTHON3} ${PROJECT_SOURCE_DIR}/assets/sounds/make_sounds.py --check)
    set_tests_properties(assets_sounds_reproducible PROPERTIES LABELS unit)
endif()
# QR codes read back with libzbar (tests/qr_decode.h); issue 9 part 7.
add_library(signpost_qrdecode STATIC qr_decode.c)
target_include_directories(signpost_qrdecode PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(signpost_qrdecode PUBLIC sp_qr PRIVATE signpost_warnings PkgConfig::ZBAR)
signpost_unit_test(test_qr sp_qr signpost_qrdecode)
# Every route's QR codes, every kiosk, both ways, decoded with libzbar; issue 9 part 2.
signpost_unit_test(test_route_codes sp_screens sp_content signpost_qrdecode)
# The ORUK export against the official HSDS 3.0 and ORUK 3.0 schemas (tests/data/oruk-schema,
# tests/json_schema.h); issue 9 part 7.
add_library(signpost_jsonschema STATIC json_schema.c)
target_include_directories(signpost_jsonschema PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(signpost_jsonschema PUBLIC PkgConfig::JANSSON PRIVATE signpost_warnings)
signpost_unit_test(test_oruk_schema sp_oruk signpost_jsonschema)
# The same export, JSON and CSV, as a strict consumer reads it: python3-jsonschema on the
# JSON, and each standard's datapackage.json (required, types, formats, keys) on the CSV
# (tests/oruk_export_check.py). Run with a Python that has jsonschema (Debian's
# python3-jsonschema is in /usr/bin/python3).
set(_oruk_python ${SIGNPOST_PYTHON3})
foreach(_py ${SIGNPOST_PYTHON3} /usr/bin/python3)
    if(EXISTS ${_py})
        execute_process(COMMAND ${_py} -c "import jsonschema" RESULT_VARIABLE _rc
                        OUTPUT_QUIET ERROR_QUIET)
        if(_rc EQUAL 0)
            set(_oruk_python ${_py})
            break()
        endif()
    endif()
endforeach()
if(_oruk_python)
    add_test(NAME oruk_export_check
             COMMAND ${_oruk_python} ${PROJECT_SOURCE_DIR}/tests/oruk_export_check.py
                     $<TARGET_FILE:signpostctl> ${PROJECT_SOURCE_DIR}/content
                     ${PROJECT_SOURCE_DIR}/tests/data/oruk-schema
                     ${CMAKE_CURRENT_BINARY_DIR}/oruk-export-check)
    set_tests_properties(oruk_export_check PROPERTIES LABELS unit)
endif()
# Run-time language lookup: a small test catalogue compiled here, and the real ones.
set(_i18n_test_locale ${CMAKE_CURRENT_BINARY_DIR}/i18n-locale)
set(_i18n_test_mos)
foreach(code cy pl)
    set(_mo ${_i18n_test_locale}/${code}/LC_MESSAGES/signpost.mo)
    add_custom_command(OUTPUT ${_mo}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${_i18n_test_locale}/${code}/LC_MESSAGES
        COMMAND ${MSGFMT} --check -o ${_mo} ${PROJECT_SOURCE_DIR}/tests/data/i18n/${code}.po
        DEPENDS ${PROJECT_SOURCE_DIR}/tests/data/i18n/${code}.po)
    list(APPEND _i18n_test_mos ${_mo})
endforeach()
add_custom_target(i18n_test_catalogues DEPENDS ${_i18n_test_mos})
signpost_unit_test(test_i18n_lookup sp_i18n)
add_dependencies(test_i18n_lookup i18n_test_catalogues i18n_catalogues)
target_compile_definitions(test_i18n_lookup PRIVATE TEST_LOCALEDIR="${_i18n_test_locale}"
                           REAL_LOCALEDIR="${SIGNPOST_LOCALEDIR}")
# Every catalogue passes msgfmt --check and keeps every placeholder of the English.
add_test(NAME i18n_po_check
         COMMAND sh ${PROJECT_SOURCE_DIR}/tests/i18n_po_check.sh ${MSGFMT} ${PROJECT_SOURCE_DIR}/app/i18n/po)
signpost_unit_test(test_i18n_status sp_i18n)
target_compile_definitions(test_i18n_status PRIVATE SIGNPOSTCTL="$<TARGET_FILE:signpostctl>")
add_dependencies(test_i18n_status signpostctl)
signpost_unit_test(test_textrun sp_textrun)
signpost_unit_test(test_staff sp_staff)
target_compile_definitions(test_staff PRIVATE SIGNPOSTCTL="$<TARGET_FILE:signpostctl>")
add_dependencies(test_staff signpostctl)
# Issue 12 part 4: the fleet on a throwaway PostgreSQL 15 cluster (TLS, roles, row-level
# security, upload, collect, purge, content packs); tests/fleet/pg_cluster.sh starts the
# cluster (as 'nobody' when run as root) and always removes it. Exit 77 = skipped.
add_executable(test_fleet ${PROJECT_SOURCE_DIR}/tests/fleet/test_fleet.c)
target_include_directories(test_fleet PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(test_fleet PRIVATE signpost_warnings signpost_testlib sp_fleet sp_publish sp_usage
                      PkgConfig::JANSSON PkgConfig::SQLITE3 PkgConfig::LIBPQ)
target_compile_definitions(test_fleet PRIVATE SIGNPOSTCTL="$<TARGET_FILE:signpostctl>"
                           CONTENT_DB="${CMAKE_BINARY_DIR}/content.db")
add_dependencies(test_fleet signpostctl content_store)
add_test(NAME fleet_central
         COMMAND bash ${PROJECT_SOURCE_DIR}/tests/fleet/pg_cluster.sh run
                 $<TARGET_FILE:test_fleet>)
set_tests_properties(fleet_central PROPERTIES LABELS unit SKIP_RETURN_CODE 77 TIMEOUT 400)
signpost_unit_test(test_feedback sp_usage sp_outbox PkgConfig::JANSSON PkgConfig::SQLITE3)
signpost_unit_test(test_sync_status sp_outbox)
signpost_unit_test(test_printer sp_printer signpost_escpos_decode signpost_printemu)
# Issue 11 part 7: the PALS report (signpostctl report), read back with poppler-utils.
signpost_unit_test(test_report sp_outbox sp_usage PkgConfig::JANSSON PkgConfig::SQLITE3)
target_compile_definitions(test_report PRIVATE SIGNPOSTCTL="$<TARGET_FILE:signpostctl>")
add_dependencies(test_report signpostctl)
