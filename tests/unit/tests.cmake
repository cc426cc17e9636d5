# Unit test registrations (see tests/CMakeLists.txt).
signpost_unit_test(test_hours sp_hours)
signpost_unit_test(test_core sp_core)
signpost_unit_test(test_i18n sp_i18n)
signpost_unit_test(test_ui sp_ui)
signpost_unit_test(test_route sp_route)
signpost_unit_test(test_store sp_store PkgConfig::SQLITE3)
signpost_unit_test(test_config sp_config)
signpost_unit_test(test_content sp_content PkgConfig::SQLITE3)
