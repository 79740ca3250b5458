#pragma once
// libpng, opened at the first encoded picture instead of linked: it and zlib would load in every
// cadenza command, for the few that draw. Declarations come from <png.h>.
#include <png.h>

namespace cadenza::draw {

struct PngLibrary {
  decltype(&::png_create_write_struct) create_write_struct;
  decltype(&::png_create_info_struct) create_info_struct;
  decltype(&::png_destroy_write_struct) destroy_write_struct;
  decltype(&::png_set_longjmp_fn) set_longjmp_fn;  // what the png_jmpbuf macro calls
  decltype(&::png_get_io_ptr) get_io_ptr;
  decltype(&::png_set_write_fn) set_write_fn;
  decltype(&::png_set_IHDR) set_IHDR;
  decltype(&::png_write_info) write_info;
  decltype(&::png_write_row) write_row;
  decltype(&::png_write_end) write_end;
};

// Loads libpng16.so.16 once (thread-safe). Throws std::runtime_error naming the library and the
// Debian package when it cannot be opened or lacks a function.
const PngLibrary& libpng();

}  // namespace cadenza::draw
