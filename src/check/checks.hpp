// diaglot compiler: checks that compare each translation with its English source.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "diag/diagnostics.hpp"
#include "model/model.hpp"

namespace diaglot::check {

/// Placeholders of a message text: "{0}", "{name}", "{1,-10}" (as "{1}"), ignoring "{{", "}}"
/// escapes and anything inside markdown code spans or fences.
std::set<std::string> placeholders(std::string_view text);

/// Number of markdown inline code spans (`code`) outside code fences.
std::size_t code_span_count(std::string_view text);

/// Runs every check over every translation of every message.
void run_checks(const model::catalog& cat, diagnostic_sink& sink);

}  // namespace diaglot::check
