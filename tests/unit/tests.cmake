# Unit test registrations (see tests/CMakeLists.txt).
signpost_unit_test(test_hours sp_hours)
