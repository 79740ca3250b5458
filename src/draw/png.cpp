#include "draw/png.h"

#include <csetjmp>
#include <stdexcept>

#include "draw/png_library.h"

namespace cadenza::draw {
namespace {
void append_bytes(png_structp png, png_bytep data, png_size_t size) {
  static_cast<std::string*>(libpng().get_io_ptr(png))
      ->append(reinterpret_cast<const char*>(data), size);
}
void no_flush(png_structp) {}
}  // namespace

std::string encode_png(const std::uint8_t* pixels, int width, int height, int channels) {
  if (width <= 0 || height <= 0 || (channels != 1 && channels != 3))
    throw std::runtime_error("encode_png: bad image shape " + std::to_string(width) + "x" +
                             std::to_string(height) + "x" + std::to_string(channels));
  const PngLibrary& lib = libpng();
  png_structp png = lib.create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? lib.create_info_struct(png) : nullptr;
  if (!png || !info) {
    lib.destroy_write_struct(&png, &info);
    throw std::runtime_error("libpng: out of memory");
  }
  std::string bytes;
  // libpng reports errors by longjmp; nothing with a destructor is created after this point.
  if (setjmp(*lib.set_longjmp_fn(png, std::longjmp, sizeof(std::jmp_buf)))) {  // png_jmpbuf
    lib.destroy_write_struct(&png, &info);
    throw std::runtime_error("libpng: could not encode the image");
  }
  lib.set_write_fn(png, &bytes, append_bytes, no_flush);
  lib.set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
               channels == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  lib.write_info(png, info);
  const std::size_t stride = static_cast<std::size_t>(width) * static_cast<std::size_t>(channels);
  for (int y = 0; y < height; ++y)
    lib.write_row(png, const_cast<png_bytep>(pixels + static_cast<std::size_t>(y) * stride));
  lib.write_end(png, nullptr);
  lib.destroy_write_struct(&png, &info);
  return bytes;
}

}  // namespace cadenza::draw
