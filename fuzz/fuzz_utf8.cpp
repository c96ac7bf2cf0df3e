// Fuzz target for UTF-8 validation: the vector validator and the byte-by-byte one name the same
// first ill-formed byte for any input, at any offset from the 32-byte blocks (the input is
// also checked from each of its first 32 bytes on).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "util/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (std::size_t skip = 0; skip < 32 && skip <= size; ++skip) {
    const std::string_view s = text.substr(skip);
    if (diaglot::utf8::first_invalid(s) != diaglot::utf8::detail::first_invalid_scalar(s))
      __builtin_trap();
  }
  return 0;
}
