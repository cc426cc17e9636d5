# Script tests (see tests/ui/tests.cmake for the functions).
