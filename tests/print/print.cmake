# Printed slips (issue 11 part 4): a printer emulator on a local socket
# (printer_emu.c), an ESC/POS decoder that reads a job back into a page
# (escpos_decode.c; fuzzed by tests/fuzz/fuzz_escpos), and print_check, which saves
# the page as a PNG, decodes its QR codes with libzbar and checks them against what
# the kiosk showed. Each print_* test runs the headless kiosk, pointed at the emulator
# by its kiosk.conf, on a script here (print_run.sh).
find_package(Threads REQUIRED)
add_library(signpost_escpos_decode STATIC ${CMAKE_CURRENT_SOURCE_DIR}/print/escpos_decode.c)
target_include_directories(signpost_escpos_decode PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/print)
target_link_libraries(signpost_escpos_decode PRIVATE signpost_warnings PUBLIC PkgConfig::QRENCODE)
add_library(signpost_printemu STATIC ${CMAKE_CURRENT_SOURCE_DIR}/print/printer_emu.c)
target_include_directories(signpost_printemu PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/print)
target_link_libraries(signpost_printemu PRIVATE signpost_warnings PUBLIC Threads::Threads)
add_executable(printer_emu ${CMAKE_CURRENT_SOURCE_DIR}/print/printer_emu_main.c)
target_link_libraries(printer_emu PRIVATE signpost_warnings signpost_printemu)
add_executable(print_check ${CMAKE_CURRENT_SOURCE_DIR}/print/print_check.c)
target_link_libraries(print_check PRIVATE signpost_warnings signpost_escpos_decode sp_printer
                      PkgConfig::SDL2 PkgConfig::SDL2_TTF PkgConfig::SDL2_IMAGE PkgConfig::ZBAR
                      PkgConfig::JANSSON)

set(PRINT_OUT ${CMAKE_CURRENT_BINARY_DIR}/ui-out)
# signpost_print_test(CASE SCRIPT STORE PAPER QR MODE LANGUAGE [print_check checks...])
function(signpost_print_test case script store paper qr mode lang)
    add_test(NAME print_${case}
             COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/print/print_run.sh $<TARGET_FILE:signpost>
                     $<TARGET_FILE:print_check> $<TARGET_FILE:printer_emu>
                     ${PROJECT_SOURCE_DIR}/kiosk-config/kiosk.conf ${store} ${PRINT_OUT} ${case}
                     ${CMAKE_CURRENT_SOURCE_DIR}/print/${script}.script ${paper} ${qr} ${mode}
                     ${lang} ${ARGN})
    set_tests_properties(print_${case} PROPERTIES LABELS "ui;print")
endfunction()

set(PRINT_STORE ${CMAKE_BINARY_DIR}/content.db)
# The route in full and the screen's QR code, on both papers, both ways of printing QR.
signpost_print_test(route_80_raster print_destination ${PRINT_STORE} 80 raster ok -
    --text-dump destination.json step- --text-dump destination.json dest-name
    --qr-dump destination.json dest-qr)
signpost_print_test(route_58_native print_destination ${PRINT_STORE} 58 native ok -
    --text-dump destination.json step- --qr-dump destination.json dest-qr)
signpost_print_test(route_58_raster print_destination ${PRINT_STORE} 58 raster ok -
    --text-dump destination.json step- --qr-dump destination.json dest-qr)
# The service's contact card.
signpost_print_test(service print_service ${PRINT_STORE} 80 raster ok -
    --text-dump service.json service-contact --text-dump service.json service-name
    --qr-dump service.json service-qr)
# The concern's reference, and none of what was typed.
signpost_print_test(concern print_concern ${PRINT_STORE} 80 raster ok -
    --text-dump concern-sent.json concern-reference --qr-dump concern-sent.json concern-qr
    --text "PALS will contact you" --text "Phone PALS: 01632 960100" --forbid "Quillon" --forbid "Zephyrine"
    --forbid "Marchbank" --forbid "01632 960777" --forbid "Better signs")
# Urdu: text outside the code page, drawn as images.
signpost_print_test(urdu print_urdu ${CMAKE_CURRENT_BINARY_DIR}/scripts.db 80 raster ok ur
    --raster-text --qr-dump destination.json dest-qr)
signpost_print_test(urdu_58 print_urdu ${CMAKE_CURRENT_BINARY_DIR}/scripts.db 58 raster ok ur
    --raster-text --qr-dump destination.json dest-qr)
# The printer's status replies, and a dead printer.
signpost_print_test(paper_out print_status_paper_out ${PRINT_STORE} 80 raster paper-out -)
signpost_print_test(cover_open print_status_cover_open ${PRINT_STORE} 80 raster cover-open -)
signpost_print_test(offline print_status_offline ${PRINT_STORE} 80 raster offline -)
signpost_print_test(dead print_dead ${PRINT_STORE} 80 raster dead -)
# The staff status screen's Printer line: ready, paper out, not reachable (issue 12
# part 3); a check sends no slip.
signpost_print_test(staff_ready staff_printer_ready ${PRINT_STORE} 80 raster ok - --no-slip)
signpost_print_test(staff_paper staff_printer_paper ${PRINT_STORE} 80 raster paper-out - --no-slip)
signpost_print_test(staff_dead staff_printer_dead ${PRINT_STORE} 80 raster dead - --no-slip)
