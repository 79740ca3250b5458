# Our own targets build with warnings as errors; third-party headers are included as SYSTEM.
option(CADENZA_WERROR "Treat warnings in our code as errors" ON)
function(cadenza_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  if(CADENZA_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# cadenza_module(<name> [NEEDS_TORCH] DEPS ... [TORCH_DEPS ...] [TORCH_DEFINES ...]): library
# cadenza_<name> from every .cpp in the calling folder (so adding a file touches no CMake), with
# src/ as its include root. Two programs link the modules (app/CMakeLists.txt): cadenza_all holds
# every module, cadenza_lite the torch-free ones that the instant-start `cadenza` links.
#   NEEDS_TORCH: the module is libtorch through and through (model, train, ...): cadenza_all only.
#   TORCH_DEPS / TORCH_DEFINES: the module works without libtorch and does more with it (the MLP,
#     CNN genre models). With libtorch it is built twice: cadenza_<name> with them, and
#     cadenza_<name>_lite without them (its DEPS mapped to their _lite variants).
#   HOT_LOOPS: numeric loops that dominate a command's time (dsp, features): -O3 in optimised
#     builds, for its loop vectoriser, and -fno-math-errno, so that sqrt is one instruction that
#     vectorises (errno is never read). Both keep every IEEE operation and its order (no FMA on
#     x86-64's baseline, no reassociation), so values stay bit for bit those of -O2.
function(cadenza_module name)
  cmake_parse_arguments(ARG "NEEDS_TORCH;HOT_LOOPS" "" "DEPS;TORCH_DEPS;TORCH_DEFINES" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  set(full_deps ${ARG_DEPS})
  if(CADENZA_WITH_TORCH)
    list(APPEND full_deps ${ARG_TORCH_DEPS})
  endif()
  cadenza_library(cadenza_${name} "${sources}" "${full_deps}")
  if(ARG_HOT_LOOPS)
    cadenza_hot_loops(cadenza_${name})
  endif()
  if(CADENZA_WITH_TORCH AND ARG_TORCH_DEFINES)
    target_compile_definitions(cadenza_${name} PRIVATE ${ARG_TORCH_DEFINES})
  endif()
  target_link_libraries(cadenza_all INTERFACE cadenza_${name})
  if(ARG_NEEDS_TORCH)
    return()
  endif()
  # A module that uses one with a torch-free variant needs its own (eval's charts use classify's
  # font): linking the full one would bring libtorch into the instant-start program.
  set(has_lite_dep OFF)
  foreach(dep IN LISTS ARG_DEPS)
    if(TARGET ${dep}_lite)
      set(has_lite_dep ON)
    endif()
  endforeach()
  if(CADENZA_WITH_TORCH AND (ARG_TORCH_DEPS OR ARG_TORCH_DEFINES OR has_lite_dep))
    set(lite_deps)
    foreach(dep IN LISTS ARG_DEPS)
      if(TARGET ${dep}_lite)
        list(APPEND lite_deps ${dep}_lite)
      else()
        list(APPEND lite_deps ${dep})
      endif()
    endforeach()
    cadenza_library(cadenza_${name}_lite "${sources}" "${lite_deps}")
    if(ARG_HOT_LOOPS)
      cadenza_hot_loops(cadenza_${name}_lite)
    endif()
    target_link_libraries(cadenza_lite INTERFACE cadenza_${name}_lite)
  else()
    target_link_libraries(cadenza_lite INTERFACE cadenza_${name})
  endif()
endfunction()

function(cadenza_hot_loops target)
  target_compile_options(${target} PRIVATE $<$<CONFIG:Release,RelWithDebInfo>:-O3 -fno-math-errno>)
endfunction()

function(cadenza_library target sources deps)
  if(NOT sources)  # a module that is only headers so far
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${target} INTERFACE ${deps})
  else()
    add_library(${target} STATIC ${sources})
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${target} PUBLIC ${deps})
    cadenza_warnings(${target})
  endif()
endfunction()

# cadenza_test(<name> DEPS ... [LABELS ...]): a GoogleTest program from every .cpp in the calling
# folder, registered with CTest test by test and labelled by cadenza_label_tests().
function(cadenza_test name)
  cmake_parse_arguments(ARG "" "" "DEPS;LABELS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_executable(${name} ${sources})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} cadenza_test_support GTest::gtest_main)
  cadenza_warnings(${name})
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 120 PROPERTIES ENVIRONMENT
    "CADENZA_SHARED_DATA=${CADENZA_SHARED_DATA}")
  cadenza_label_tests(${name} ${ARG_LABELS})
endfunction()

# Labels for the tests of a GoogleTest program, given once the tests are discovered: the
# program's own labels (e.g. torch), `slow` or `quick` by tests/labels.cmake, and `shared-data`
# for those that read ../shared/data. `ctest -L quick` is the one-minute loop.
function(cadenza_label_tests target)
  set(CADENZA_TEST_TARGET ${target})
  set(CADENZA_TEST_LABELS "${ARGN}")
  configure_file(${PROJECT_SOURCE_DIR}/tests/labels.cmake
                 ${CMAKE_CURRENT_BINARY_DIR}/${target}_labels.cmake @ONLY)
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES
               ${CMAKE_CURRENT_BINARY_DIR}/${target}_labels.cmake)
endfunction()
