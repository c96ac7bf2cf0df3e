// diaglot compiler: `diaglot lookup ... --arg NAME=VALUE`, a message formatted as diaglot::format
// formats it at run time.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <diaglot/format.hpp>

#include "diag/diagnostics.hpp"
#include "driver/driver.hpp"

namespace diaglot::driver {

/// The value of `--arg NAME=VALUE`, typed as the text says: an integer ("42", "-7"), a decimal
/// ("2.5"), an ISO 8601 UTC time ("2024-05-01T10:00:00Z"), else text.
struct lookup_argument {
  enum class kind { text, integer, decimal, time } type = kind::text;
  std::string_view name, text;
  long long integer = 0;
  double decimal = 0;
  std::chrono::system_clock::time_point time;
  format_arg as_format_arg() const;
};

/// Parses "NAME=VALUE" (a view into `arg`); nullopt without '=' or with an empty name.
std::optional<lookup_argument> parse_lookup_argument(std::string_view arg);

/// A message with every field formatted with `args` ("NAME=VALUE"), laid out as lookup_text or
/// messages_json lays it out. A field that cannot be formatted is shown as it is, and reported
/// (DGL1208).
std::string formatted_lookup(const catalog& c, const message& m,
                             const std::vector<std::string>& args, output_format format,
                             diagnostic_sink& sink);

}  // namespace diaglot::driver
