# Unit test registrations (see tests/CMakeLists.txt).
