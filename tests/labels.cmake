# Run by ctest after the tests of @CADENZA_TEST_TARGET@ are discovered (cadenza_label_tests in
# cmake/Warnings.cmake): gives each test its labels. The patterns match test names; keep them
# true when adding a test that takes more than a few seconds or reads ../shared/data.

# Tests that take more than ~3 s on the 2-core machine (measured: ctest --test-dir build -j1).
set(slow_tests "@CADENZA_SLOW_TEST_REGEX@")
# Tests that read ../shared/data (they skip without it, and fail under CADENZA_REQUIRE_DATA=1).
set(shared_data_tests "@CADENZA_SHARED_DATA_TEST_REGEX@")

foreach(test IN LISTS @CADENZA_TEST_TARGET@_TESTS)
  set(labels @CADENZA_TEST_LABELS@)
  if(slow_tests AND test MATCHES "${slow_tests}")
    list(APPEND labels slow)
  else()
    list(APPEND labels quick)
  endif()
  if(shared_data_tests AND test MATCHES "${shared_data_tests}")
    list(APPEND labels shared-data)
  endif()
  set_tests_properties("${test}" PROPERTIES LABELS "${labels}")
endforeach()
