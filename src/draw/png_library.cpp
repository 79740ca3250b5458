#include "draw/png_library.h"

#include "common/shared_library.h"

namespace cadenza::draw {
namespace {

PngLibrary open_library() {
  static const SharedLibrary library("libpng16.so.16", "libpng16-16");
  PngLibrary f{};
  library.bind("png_create_write_struct", f.create_write_struct);
  library.bind("png_create_info_struct", f.create_info_struct);
  library.bind("png_destroy_write_struct", f.destroy_write_struct);
  library.bind("png_set_longjmp_fn", f.set_longjmp_fn);
  library.bind("png_get_io_ptr", f.get_io_ptr);
  library.bind("png_set_write_fn", f.set_write_fn);
  library.bind("png_set_IHDR", f.set_IHDR);
  library.bind("png_write_info", f.write_info);
  library.bind("png_write_row", f.write_row);
  library.bind("png_write_end", f.write_end);
  return f;
}

}  // namespace

const PngLibrary& libpng() {
  static const PngLibrary library = open_library();
  return library;
}

}  // namespace cadenza::draw
