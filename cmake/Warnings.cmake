# Our own targets build with warnings as errors; third-party headers are included as SYSTEM.
option(CADENZA_WERROR "Treat warnings in our code as errors" ON)
function(cadenza_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  if(CADENZA_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# cadenza_module(<name> DEPS ...): library cadenza_<name> from every .cpp in the calling
# folder (so adding a file touches no CMake), with src/ as its include root.
function(cadenza_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  if(NOT sources)  # a module that is only headers so far
    add_library(cadenza_${name} INTERFACE)
    target_include_directories(cadenza_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(cadenza_${name} INTERFACE ${ARG_DEPS})
  else()
    add_library(cadenza_${name} STATIC ${sources})
    target_include_directories(cadenza_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(cadenza_${name} PUBLIC ${ARG_DEPS})
    cadenza_warnings(cadenza_${name})
  endif()
  target_link_libraries(cadenza_all INTERFACE cadenza_${name})
endfunction()

# cadenza_test(<name> DEPS ...): a GoogleTest program from every .cpp in the calling folder,
# registered with CTest test by test.
function(cadenza_test name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_executable(${name} ${sources})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} cadenza_test_support GTest::gtest_main)
  cadenza_warnings(${name})
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 120 PROPERTIES ENVIRONMENT
    "CADENZA_SHARED_DATA=${CADENZA_SHARED_DATA}")
endfunction()
