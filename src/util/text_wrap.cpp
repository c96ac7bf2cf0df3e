#include "util/text_wrap.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>

namespace diaglot::text {

namespace {

std::size_t columns_of(UChar32 c) {
  const auto width = static_cast<UEastAsianWidth>(u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH));
  if (width == U_EA_WIDE || width == U_EA_FULLWIDTH) return 2;
  const auto category = static_cast<UCharCategory>(u_charType(c));
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR ||
      c == 0x200B)
    return 0;
  return 1;
}

std::size_t columns_of(const icu::UnicodeString& s, int32_t begin, int32_t end) {
  std::size_t n = 0;
  for (int32_t i = begin; i < end; i = s.moveIndex32(i, 1)) n += columns_of(s.char32At(i));
  return n;
}

/// Without the spaces at its end (a break's spaces belong to the piece before it).
int32_t trimmed_end(const icu::UnicodeString& s, int32_t begin, int32_t end) {
  while (end > begin && (s[end - 1] == u' ' || s[end - 1] == u'\t')) --end;
  return end;
}

/// `keep_all`: break only at spaces, as Korean is set (CSS `word-break: keep-all`), where UAX #14
/// would also break between any two syllables.
void wrap_paragraph(const icu::UnicodeString& s, std::size_t width, icu::BreakIterator* lines,
                    bool keep_all, std::vector<std::string>& out) {
  std::string utf8;
  const auto emit = [&](int32_t begin, int32_t end) {
    utf8.clear();
    s.tempSubStringBetween(begin, trimmed_end(s, begin, end)).toUTF8String(utf8);
    out.push_back(utf8);
  };
  if (!lines) {  // no break data: the paragraph as one line
    emit(0, s.length());
    return;
  }
  lines->setText(s);
  int32_t line_start = 0, last_break = 0;
  std::size_t used = 0;  // columns from line_start to last_break, its spaces included
  for (int32_t at = lines->next(); at != icu::BreakIterator::DONE; at = lines->next()) {
    if (keep_all && at < s.length() && s[at - 1] != u' ' && s[at - 1] != u'\t') continue;
    const std::size_t piece = columns_of(s, last_break, trimmed_end(s, last_break, at));
    if (last_break > line_start && used + piece > width) {
      emit(line_start, last_break);
      line_start = last_break;
      used = 0;
    }
    used += columns_of(s, last_break, at);
    last_break = at;
  }
  emit(line_start, s.length());  // the rest, or an empty line for an empty paragraph
}

}  // namespace

std::size_t columns(std::string_view utf8) {
  const icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  return columns_of(s, 0, s.length());
}

std::vector<std::string> wrap(std::string_view utf8, std::size_t width, std::string_view language) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale(std::string(language).c_str());
  const std::string_view code = locale.getLanguage();
  // Japanese breaks between phrases (ICU 72's lw=phrase; an older ICU ignores the keyword and
  // breaks between characters), Korean between words.
  if (code == "ja") locale.setKeywordValue("lw", "phrase", status);
  status = U_ZERO_ERROR;
  const std::unique_ptr<icu::BreakIterator> lines(
      icu::BreakIterator::createLineInstance(locale, status));
  std::vector<std::string> out;
  for (std::size_t begin = 0;;) {
    const std::size_t end = utf8.find('\n', begin);
    const std::string_view paragraph = utf8.substr(begin, end - begin);
    wrap_paragraph(icu::UnicodeString::fromUTF8(
                       icu::StringPiece(paragraph.data(), static_cast<int32_t>(paragraph.size()))),
                   width, U_SUCCESS(status) ? lines.get() : nullptr, code == "ko", out);
    if (end == std::string_view::npos) break;
    begin = end + 1;
  }
  return out;
}

}  // namespace diaglot::text
