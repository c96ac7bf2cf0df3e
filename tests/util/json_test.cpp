// JSON strings: escaped per RFC 8259, and always UTF-8, whatever bytes they are given.
#include "util/json.hpp"

#include <gtest/gtest.h>
#include <unicode/ustring.h>

#include <random>
#include <string>

#include "util/utf8.hpp"

namespace diaglot::json {
namespace {

constexpr std::string_view fffd = "\xEF\xBF\xBD";

/// s with each ill-formed sequence replaced by U+FFFD, as ICU decodes it.
std::string icu_replaced(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strFromUTF8WithSub(nullptr, 0, &length, s.data(), static_cast<int32_t>(s.size()), 0xFFFD,
                       nullptr, &status);
  std::u16string units(static_cast<std::size_t>(length), u'\0');
  status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(units.data(), length, nullptr, s.data(), static_cast<int32_t>(s.size()),
                       0xFFFD, nullptr, &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  std::string out(4 * units.size(), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &length, units.data(),
              static_cast<int32_t>(units.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<std::size_t>(length));
  return out;
}

std::string replaced(std::string s) {
  for (std::size_t at; (at = s.find('#')) != std::string::npos;) s.replace(at, 1, fffd);
  return s;
}

TEST(json, escapes_controls_quotes_and_backslashes_and_keeps_utf8) {
  EXPECT_EQ(quote("a\"b\\c\nd\re\tf\x01g\x1F"), R"("a\"b\\c\nd\re\tf\u0001g\u001f")");
  const std::string text =
      "caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80 \xEF\xBF\xBF \xF4\x8F\xBF\xBF \x7F";
  EXPECT_EQ(quote(text), '"' + text + '"');
}

TEST(json, turns_each_ill_formed_sequence_into_one_replacement_character) {
  struct example {
    std::string bytes, json;  // '#' in json: U+FFFD
  };
  const example examples[] = {
      {"bad\xFF.md", "bad#.md"},                  // a Latin-1 file name
      {"caf\xE9.md", "caf#.md"},                  // Latin-1 followed by ASCII
      {"a\x80z", "a#z"},                          // a continuation byte alone
      {"\xC0\x80", "##"},                         // overlong: C0 never starts one
      {"\xE0\x80\x80", "###"},                    // overlong three bytes
      {"\xF0\x80\x80\x80", "####"},               // overlong four bytes
      {"\xED\xA0\x80", "###"},                    // a surrogate
      {"\xF4\x90\x80\x80", "####"},               // above U+10FFFF
      {"\xF5\x80", "##"},                         // never a lead byte
      {"x\xE2\x82", "x#"},                        // truncated at the end
      {"\xF0\x9F\x98!", "#!"},                    // truncated before ASCII
      {"\xE2\x82\xE2\x82\xAC", "#\xE2\x82\xAC"},  // truncated, then the euro sign
      {"\"\xFF\\", "\\\"#\\\\"},                  // beside escapes
      // Unicode 16.0, table 3-8: U+FFFD for each maximal subpart.
      {"\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", "a###b#c##d"},
  };
  for (const example& e : examples) {
    const std::string out = quote(e.bytes);
    EXPECT_EQ(out, '"' + replaced(e.json) + '"') << ::testing::PrintToString(e.bytes);
    EXPECT_EQ(utf8::first_invalid(out), std::string_view::npos);
  }
}

TEST(json, replaces_as_icu_does_on_random_bytes) {
  // Bytes that need no escape, biased to lead and continuation bytes.
  std::mt19937 random(20260301);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const std::size_t length = random() % 12;
    while (s.size() < length) {
      const unsigned pick = random() % 4;
      unsigned char c = pick == 0   ? static_cast<unsigned char>(0x20 + random() % 0x5F)
                        : pick == 1 ? static_cast<unsigned char>(0x80 + random() % 0x40)
                                    : static_cast<unsigned char>(0xC0 + random() % 0x40);
      if (c == '"' || c == '\\') c = 'x';
      s += static_cast<char>(c);
    }
    ASSERT_EQ(quote(s), '"' + icu_replaced(s) + '"') << ::testing::PrintToString(s);
  }
}

}  // namespace
}  // namespace diaglot::json
