// diaglot runtime: the user's message language from the environment, as gettext finds it.
// No ICU, no allocation.
#pragma once

#include <string_view>

#include "diaglot/catalog.hpp"

namespace diaglot {

/// The locale-related environment of a process (or of a request a server acts for).
struct locale_environment {
  std::string_view language;     ///< LANGUAGE: a colon list of preferences ("ko:ja:en")
  std::string_view lc_all;       ///< LC_ALL
  std::string_view lc_messages;  ///< LC_MESSAGES
  std::string_view lang;         ///< LANG
};

/// The catalog locale for this environment, as gettext chooses: the locale name is the first
/// non-empty of LC_ALL, LC_MESSAGES, LANG ("C" when none); "C" or "POSIX" means the untranslated
/// source, and LANGUAGE is then ignored; otherwise LANGUAGE, when set, is negotiated in place of
/// the locale name.
locale environment_locale(const catalog& c, const locale_environment& env) noexcept;

/// The same for this process's environment (reads it with std::getenv: call it before, not
/// while, another thread changes the environment).
locale process_locale(const catalog& c) noexcept;

}  // namespace diaglot
