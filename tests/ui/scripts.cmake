# Script tests (see tests/ui/tests.cmake for the functions).
signpost_script_test(home SETUP shots_home)
signpost_script_test(find_az)
signpost_script_test(find_type)
signpost_script_test(search SETUP shots_search)
signpost_script_test(destination SETUP shots_destination)
signpost_script_test(destination_web SETUP shots_destination_web)
signpost_script_test(idle)
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
