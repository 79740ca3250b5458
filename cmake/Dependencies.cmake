# Everything comes from Debian packages installed by scripts/setup.
#
# CADENZA_TRAINING_ONLY builds just what training needs (tokens, data, model, train and the
# `train`/`tokenize` commands) against any libtorch, e.g. the one inside a pip torch on a CUDA
# machine that has none of the Debian packages; header-only libraries then come from
# CADENZA_EXTRA_INCLUDE (see docs/training.md, "CUDA").
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

set(CADENZA_EXTRA_INCLUDE "" CACHE PATH "folder with CLI/, nlohmann/, eigen3/ when not installed")
function(cadenza_header_only target package)
  find_package(${package} QUIET ${ARGN})
  if(NOT TARGET ${target})
    if(NOT CADENZA_EXTRA_INCLUDE)
      message(FATAL_ERROR "${package} not found: run scripts/setup (or set CADENZA_EXTRA_INCLUDE)")
    endif()
    add_library(${target} INTERFACE IMPORTED GLOBAL)
    target_include_directories(${target} INTERFACE ${CADENZA_EXTRA_INCLUDE}
                                                   ${CADENZA_EXTRA_INCLUDE}/eigen3)
  endif()
endfunction()
cadenza_header_only(CLI11::CLI11 CLI11)
cadenza_header_only(nlohmann_json::nlohmann_json nlohmann_json)
cadenza_header_only(Eigen3::Eigen Eigen3 NO_MODULE)
find_package(PNG REQUIRED)

if(NOT CADENZA_TRAINING_ONLY)
  pkg_check_modules(SNDFILE REQUIRED IMPORTED_TARGET sndfile)
  pkg_check_modules(SOXR REQUIRED IMPORTED_TARGET soxr)
  pkg_check_modules(FFTW REQUIRED IMPORTED_TARGET fftw3 fftw3f)
  pkg_check_modules(FLUIDSYNTH REQUIRED IMPORTED_TARGET fluidsynth)
endif()

if(CADENZA_WITH_TORCH)
  find_package(Torch REQUIRED)
endif()
if(CADENZA_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(CADENZA_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

# Tests and benchmarks find the shared data folder here (or through $CADENZA_SHARED_DATA).
set(CADENZA_SHARED_DATA "${PROJECT_SOURCE_DIR}/../shared/data" CACHE PATH "shared data folder")
