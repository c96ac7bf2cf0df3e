// Fuzz target for message formatting: any pattern, in every syntax, with arguments of every
// kind, gives a text or an error value, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <diaglot/format.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const diaglot::format_arg args[] = {diaglot::format_arg(21), diaglot::format_arg("x"),
                                      diaglot::format_arg(2.5)};
  for (const auto syntax : {diaglot::message_syntax::literal, diaglot::message_syntax::composite,
                            diaglot::message_syntax::icu})
    for (const char* locale : {"en", "ru", "ar"}) {
      const diaglot::format_result r =
          diaglot::format_text(locale, text, syntax, diaglot::format_args(args));
      if (!r && r.error().offset > size) __builtin_trap();
    }
  return 0;
}
