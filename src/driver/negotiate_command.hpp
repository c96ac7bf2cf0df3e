// diaglot compiler: `diaglot negotiate`, the runtime's locale negotiation over sources built in
// memory, as a library call.
#pragma once

#include <string>

#include "driver/driver.hpp"

namespace diaglot::driver {

struct negotiate_options : source_options {
  std::string accept_language;  ///< an Accept-Language value or a LANGUAGE colon list
  bool explain = false;         ///< also say why
  /// The reason's words in the reader's language (UI strings negotiate.*); empty: English.
  phrase_template_fn words;
};

/// The reason for a negotiation ("`de-AT` is closest to de-DE (CLDR distance 4, ...); 1 item(s)
/// weighed"), in the words given.
std::string negotiation_text(const catalog& c, const catalog::negotiation& n,
                             const phrase_template_fn& words = {});

/// Builds the table in memory and negotiates as generated code would; `out` gets the chosen
/// catalog locale's tag and, with explain, the reason, one line each.
int negotiate(const negotiate_options& options, session& s, std::string& out);

}  // namespace diaglot::driver
