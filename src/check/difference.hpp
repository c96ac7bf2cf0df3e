// diaglot compiler: how the checks word what a translation lost or gained against its source, as
// phrases the user reads in their own language (diag::phrase, UI strings `difference.*`).
#pragma once

#include <string>

#include "diag/diagnostics.hpp"

namespace diaglot::check {

/// "missing A; not in the source B", either part left out when its list is empty; empty when
/// both are. The lists are written out already (`` `{0}`, `{1}` ``).
inline std::string difference(const std::string& missing, const std::string& extra) {
  std::string out;
  if (!missing.empty()) out = phrase("difference.missing", "missing {0}", {missing});
  if (!extra.empty())
    out += (out.empty() ? "" : "; ") + phrase("difference.extra", "not in the source {0}", {extra});
  return out;
}

}  // namespace diaglot::check
