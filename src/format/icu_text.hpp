// diaglot formatting, internal: UTF-8 <-> ICU UTF-16, keeping byte offsets so that positions ICU
// reports (in UTF-16 units) can be given back as byte offsets into the UTF-8 text.
#pragma once

#include <unicode/unistr.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace diaglot::icu_text {

/// The text as UTF-16; invalid UTF-8 becomes U+FFFD. When `byte_at` is given it receives, for every
/// UTF-16 index and for the end, the byte offset of the character there.
icu::UnicodeString to_utf16(std::string_view text, std::vector<std::size_t>* byte_at = nullptr);

std::string to_utf8(const icu::UnicodeString& s);

}  // namespace diaglot::icu_text
