// diaglot compiler: the XLIFF 1.2 reader. One document gives, per <trans-unit>, an English entry
// derived from its <source> and, when it has a <target>, a translation entry.
//
// Conventions:
// - The message ID of a unit is its `resname`, else its `id`. A name of the form `MESSAGE#field`
//   names the message `MESSAGE` and its field `field`; any other name is a message whose one
//   field is `text`. Units naming the same message merge into one entry per (message, locale),
//   their fields in document order.
// - Text is kept verbatim: whitespace is never collapsed, with or without xml:space, because
//   resx-generated files rely on runs of spaces without declaring xml:space="preserve". XML's
//   own end-of-line normalization still turns CRLF into LF.
// - Inline elements are protected placeholders: <g> and <mrk> give their content, <x>, <bx> and
//   <ex> give nothing, <ph>, <bpt>, <ept> and <it> give their native code (without <sub>). Each is
//   recorded as `name:id` in source_codes / target_codes so a check can compare them; but a
//   segment mark (`<mrk mtype="seg">`, as in <seg-source> and in CAT tools' targets) is not.
// - XML allows only its five entities and character references to XML characters. pugixml keeps
//   other `&...;` text (an HTML `&nbsp;`, a stray `&`) as it is; the reader reports it instead
//   of serving it.
// - A unit with `translate="no"` (its own, or its group's or file's): the target locale serves
//   the English as the catalog has it (model::field_text::source_only), whatever a target says.
// - <note>s are ignored, except that a unit `diaglot merge` marked obsolete (`translate="no"` and
//   a `<note from="diaglot">obsolete: ...</note>`) is skipped: its English is gone.
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "locale/locale_data.hpp"
#include "read/readers.hpp"
#include "util/string_view_map.hpp"
#include "xliff/xml_syntax.hpp"

namespace diaglot::read {

namespace {

/// The part of a possibly prefixed XML name after the colon.
std::string_view local_name(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is_element(const pugi::xml_node& node, std::string_view local) {
  if (node.type() != pugi::node_element) return false;
  // Unprefixed names are the rule: compared as they are before a prefix is looked for.
  const char* name = node.name();
  if (std::strncmp(name, local.data(), local.size()) == 0 && name[local.size()] == '\0')
    return true;
  return local_name(node) == local;
}

/// The first child element with this local name, whatever its prefix.
pugi::xml_node child_element(const pugi::xml_node& parent, std::string_view local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
    if (is_element(c, local)) return c;
  return {};
}

/// A source or target rendered as served text, with its inline codes in document order.
struct rendered {
  std::string text;
  std::vector<std::string> codes;
};

void add_code(const pugi::xml_node& node, std::string_view id_attribute, rendered& out) {
  std::string code(local_name(node));
  code += ':';
  code += node.attribute(std::string(id_attribute).c_str()).value();
  out.codes.push_back(std::move(code));
}

/// The native code inside <ph>, <bpt>, <ept> or <it>: its text without <sub> (translatable text
/// that belongs to the code, not to the message).
void append_native_code(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
}

void render_content(const pugi::xml_node& parent, rendered& out) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    switch (c.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata:
        out.text += c.value();
        break;
      case pugi::node_element: {
        const std::string_view name = local_name(c);
        if (name == "g") {
          add_code(c, "id", out);
          render_content(c, out);
        } else if (name == "mrk") {
          // A segment mark (what CAT tools put in a target when the unit has a <seg-source>)
          // is structure, not a code the translation must keep.
          if (std::string_view(c.attribute("mtype").value()) != "seg") add_code(c, "mid", out);
          render_content(c, out);
        } else if (name == "x" || name == "bx" || name == "ex") {
          add_code(c, "id", out);
        } else if (name == "ph" || name == "bpt" || name == "ept" || name == "it") {
          add_code(c, "id", out);
          append_native_code(c, out.text);
        } else {
          // Not XLIFF inline markup: keep its text rather than lose words.
          render_content(c, out);
        }
        break;
      }
      default:  // comments and processing instructions are not text
        break;
    }
  }
}

/// Whether a target written as plain text holds every inline code of `source` as its native
/// text, as often as the source does: the same text with its markup flattened, as a PO round
/// trip (translate-toolkit's xliff2po and po2xliff) writes it. A code without native text
/// (<x/>, <g>) cannot be written so.
bool holds_codes_as_text(const pugi::xml_node& source, std::string_view target) {
  std::map<std::string, std::size_t> wanted;
  bool ok = true;
  const auto walk = [&](const pugi::xml_node& parent, const auto& self) -> void {
    for (pugi::xml_node c = parent.first_child(); c && ok; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view name = local_name(c);
      if (name == "ph" || name == "bpt" || name == "ept" || name == "it") {
        std::string native;
        append_native_code(c, native);
        ok = !native.empty();
        ++wanted[native];
      } else if (name == "mrk" && std::string_view(c.attribute("mtype").value()) == "seg") {
        self(c, self);
      } else {
        ok = false;
      }
    }
  };
  walk(source, walk);
  for (const auto& [native, n] : wanted) {
    std::size_t found = 0;
    for (std::size_t at = target.find(native); at != std::string_view::npos && found < n;
         at = target.find(native, at + native.size()))
      ++found;
    ok = ok && found >= n;
  }
  return ok;
}

/// The text of an element that holds nothing but text (one text or CDATA node, or none), as the
/// usual source and target do; else null.
const char* plain_text(const pugi::xml_node& node) {
  const pugi::xml_node only = node.first_child();
  if (!only) return "";
  if (only.next_sibling() || (only.type() != pugi::node_pcdata && only.type() != pugi::node_cdata))
    return nullptr;
  return only.value();
}

rendered render(const pugi::xml_node& node) {
  rendered out;
  if (const char* plain = plain_text(node)) {
    out.text = plain;  // the usual: one allocation of its size
    return out;
  }
  render_content(node, out);
  // Appending grew the buffer by doubling; the text is kept for the whole compile.
  if (out.text.capacity() > out.text.size() + out.text.size() / 8) out.text.shrink_to_fit();
  return out;
}

bool is_name_byte(unsigned char c) {
  return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':' || c >= 0x80;
}

/// What is wrong with the reference that starts at `s[at]` (an `&`), or empty when it is one of
/// XML's five entities or a character reference to an XML character.
std::string bad_reference(std::string_view s, std::size_t at) {
  std::size_t end = at + 1;
  if (end < s.size() && s[end] == '#') {
    ++end;
    const bool hex = end < s.size() && s[end] == 'x';
    if (hex) ++end;
    const std::size_t digits_start = end;
    std::uint32_t value = 0;
    bool overflow = false;
    while (end < s.size() && (hex ? std::isxdigit(static_cast<unsigned char>(s[end]))
                                  : std::isdigit(static_cast<unsigned char>(s[end])))) {
      const char c = s[end];
      const std::uint32_t digit = c <= '9' ? static_cast<std::uint32_t>(c - '0')
                                           : static_cast<std::uint32_t>((c | 0x20) - 'a' + 10);
      if (value > 0x10FFFF) overflow = true;
      value = overflow ? value : value * (hex ? 16 : 10) + digit;
      ++end;
    }
    if (end == digits_start || end >= s.size() || s[end] != ';')
      return "`&` must start a reference; write `&amp;` for a literal ampersand";
    const bool is_char =
        !overflow &&
        (value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value <= 0xD7FF) ||
         (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF));
    if (!is_char)
      return "`" + std::string(s.substr(at, end + 1 - at)) + "` is not a valid character reference";
    return {};
  }
  while (end < s.size() && is_name_byte(static_cast<unsigned char>(s[end]))) ++end;
  if (end == at + 1 || end >= s.size() || s[end] != ';' ||
      std::isdigit(static_cast<unsigned char>(s[at + 1])))
    return "`&` must start a reference; write `&amp;` for a literal ampersand";
  const std::string_view name = s.substr(at + 1, end - at - 1);
  if (name == "lt" || name == "gt" || name == "amp" || name == "quot" || name == "apos") return {};
  // pugixml keeps undefined entities as text; XML forbids them (an HTML `&nbsp;` is the usual).
  return "undefined entity `&" + std::string(name) + ";`";
}

/// Offsets and descriptions of malformed references in character data and attribute values of
/// a document pugixml accepted; comments, CDATA, processing instructions and DOCTYPE are skipped.
std::vector<std::pair<std::size_t, std::string>> bad_references(std::string_view s) {
  // Only `&` and `<` start anything: jump from one to the next (memchr, not byte by byte).
  const auto next = [&](char c, std::size_t from) {
    const void* p = from < s.size() ? std::memchr(s.data() + from, c, s.size() - from) : nullptr;
    return p ? static_cast<std::size_t>(static_cast<const char*>(p) - s.data()) : s.size();
  };
  // Nearly every file has none, and `&` is far rarer than `<` (WCF corpus: 5.8 k against
  // 377 k): every `&` is looked at first, and the walk from tag to tag that tells character data
  // from comments, CDATA and the like is taken only when one of them is malformed.
  std::size_t amp = next('&', 0);
  while (amp < s.size() && bad_reference(s, amp).empty()) amp = next('&', amp + 1);
  if (amp == s.size()) return {};

  std::vector<std::pair<std::size_t, std::string>> out;
  const auto skip_past = [&](std::size_t from, std::string_view end) {
    const std::size_t at = s.find(end, from);
    return at == std::string_view::npos ? s.size() : at + end.size();
  };
  std::size_t i = 0, lt = next('<', 0);
  amp = next('&', 0);
  while (true) {
    if (amp < i) amp = next('&', i);
    if (lt < i) lt = next('<', i);
    i = std::min(amp, lt);
    if (i >= s.size()) break;
    if (s[i] == '&') {
      std::string what = bad_reference(s, i);
      if (!what.empty()) out.emplace_back(i, std::move(what));
      ++i;
    } else if (i + 1 < s.size() && s[i + 1] != '!' && s[i + 1] != '?') {
      ++i;  // a tag, as nearly every `<` is: none of the constructs below
    } else if (s.compare(i, 4, "<!--") == 0) {
      i = skip_past(i + 4, "-->");
    } else if (s.compare(i, 9, "<![CDATA[") == 0) {
      i = skip_past(i + 9, "]]>");
    } else if (s.compare(i, 2, "<?") == 0) {
      i = skip_past(i + 2, "?>");
    } else if (s.compare(i, 9, "<!DOCTYPE") == 0) {
      int depth = 0;
      for (++i; i < s.size() && (s[i] != '>' || depth > 0); ++i) {
        if (s[i] == '[') ++depth;
        if (s[i] == ']') --depth;
      }
      ++i;
    } else {
      ++i;
    }
  }
  return out;
}

/// Whether a root with this qualified name, `version` and namespace for its prefix is XLIFF 2.x
/// (2.1 keeps the 2.0 namespace).
bool is_xliff2_root(std::string_view qname, std::string_view version, std::string_view ns) {
  const std::size_t colon = qname.find(':');
  if (qname.substr(colon == std::string_view::npos ? 0 : colon + 1) != "xliff") return false;
  return (!version.empty() && version[0] == '2') || ns == "urn:oasis:names:tc:xliff:document:2.0" ||
         ns == "urn:oasis:names:tc:xliff:document:2.2";
}

/// The namespace attribute that names the namespace of an element with this qualified name:
/// "xmlns" or "xmlns:PREFIX".
std::string namespace_attribute(std::string_view qname) {
  const std::size_t colon = qname.find(':');
  return colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(qname.substr(0, colon));
}

/// is_xliff2_document decided from the raw root start tag (after a BOM, declaration, comments,
/// processing instructions and a DOCTYPE), without parsing the document; nullopt when the tag
/// does not read plainly (a reference in a value, a malformed or unclosed construct).
std::optional<bool> root_tag_says_xliff2(std::string_view s) {
  constexpr std::size_t npos = std::string_view::npos;
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::size_t i = s.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  const auto skip_space = [&] {
    while (i < s.size() && space(s[i])) ++i;
  };
  const auto skip_past = [&](std::string_view end) {
    const std::size_t at = s.find(end, i);
    i = at == npos ? s.size() : at + end.size();
  };
  while (true) {
    skip_space();
    if (s.compare(i, 2, "<?") == 0) {
      skip_past("?>");
    } else if (s.compare(i, 4, "<!--") == 0) {
      skip_past("-->");
    } else if (s.compare(i, 9, "<!DOCTYPE") == 0) {
      int depth = 0;
      for (i += 9; i < s.size() && (s[i] != '>' || depth > 0); ++i)
        depth += (s[i] == '[') - (s[i] == ']');
      i = std::min(i + 1, s.size());  // past the `>`, or at the end of an unclosed DOCTYPE
    } else {
      break;
    }
  }
  if (i >= s.size() || s[i] != '<') return std::nullopt;
  const std::size_t name_start = ++i;
  while (i < s.size() && !space(s[i]) && s[i] != '>' && s[i] != '/') ++i;
  const std::string_view qname = s.substr(name_start, i - name_start);
  const std::string xmlns = namespace_attribute(qname);
  std::string_view version, ns;
  while (true) {
    skip_space();
    if (i >= s.size()) return std::nullopt;
    if (s[i] == '>' || s[i] == '/') break;
    const std::size_t name_at = i;
    while (i < s.size() && s[i] != '=' && !space(s[i]) && s[i] != '>') ++i;
    const std::string_view name = s.substr(name_at, i - name_at);
    skip_space();
    if (i >= s.size() || s[i] != '=') return std::nullopt;
    ++i;
    skip_space();
    if (i >= s.size() || (s[i] != '"' && s[i] != '\'')) return std::nullopt;
    const std::size_t end = s.find(s[i], i + 1);
    if (end == npos) return std::nullopt;
    const std::string_view value = s.substr(i + 1, end - i - 1);
    i = end + 1;
    if (value.find('&') != npos) return std::nullopt;
    if (name == "version") version = value;
    if (name == xmlns) ns = value;
  }
  return is_xliff2_root(qname, version, ns);
}

}  // namespace

bool is_xliff2_document(std::string_view document) {
  if (const std::optional<bool> plain = root_tag_says_xliff2(document)) return *plain;
  pugi::xml_document doc;
  if (!doc.load_buffer(document.data(), document.size(), pugi::parse_default, pugi::encoding_utf8))
    return false;
  const pugi::xml_node root = doc.document_element();
  return is_xliff2_root(root.name(), root.attribute("version").value(),
                        root.attribute(namespace_attribute(root.name()).c_str()).value());
}

namespace {

/// Maps a <target state> to the model; nullopt for a value XLIFF 1.2 does not define.
std::optional<model::state> map_state(std::string_view s) {
  if (s == "new") return model::state::initial;
  if (s == "needs-translation" || s == "needs-adaptation" || s == "needs-l10n")
    return model::state::needs_translation;
  if (s.substr(0, 13) == "needs-review-") return model::state::needs_review;
  if (s == "translated") return model::state::translated;
  if (s == "signed-off" || s == "final") return model::state::final_;
  return std::nullopt;
}

/// Whether `diaglot merge` marked this unit, whose `translate` is "no", obsolete (see
/// src/workflow/xliff12.hpp).
bool is_obsolete(const pugi::xml_node& unit) {
  for (pugi::xml_node c = unit.first_child(); c; c = c.next_sibling())
    if (is_element(c, "note") && std::string_view(c.attribute("from").value()) == "diaglot" &&
        std::string_view(c.child_value()).substr(0, xliff12_obsolete_note.size()) ==
            xliff12_obsolete_note)
      return true;
  return false;
}

/// The English a translation waiting for review was made from, as `diaglot merge` keeps it when
/// the English changes: `<note from="diaglot">previous source: ...</note>` (see
/// src/workflow/xliff12.hpp). Null when the unit has none.
const char* previous_source(const pugi::xml_node& unit) {
  constexpr std::string_view prefix = xliff12_previous_source_note;
  for (pugi::xml_node c = unit.first_child(); c; c = c.next_sibling()) {
    if (!is_element(c, "note") || std::string_view(c.attribute("from").value()) != "diaglot")
      continue;
    const char* text = c.child_value();
    if (std::string_view(text).substr(0, prefix.size()) == prefix) return text + prefix.size();
  }
  return nullptr;
}

class xliff12_reader {
 public:
  // pugixml parses in place, so the reader needs bytes of its own: the file's own when it is
  // evicted once parsed anyway, else a copy.
  xliff12_reader(std::uint32_t file, context& ctx)
      : file_(file),
        ctx_(ctx),
        buffer_(ctx.evict_sources ? ctx.sources.take(file) : ctx.sources.contents(file)),
        shared_(ctx.sources_seen) {}

  std::vector<model::entry> run() {
    // Looked for before parsing, which changes buffer_; reported only if it parses.
    const std::vector<std::pair<std::size_t, std::string>> bad = bad_references(buffer_);
    // Parsed in place so every name and value points into buffer_, which has the file's bytes
    // at the file's offsets: a pointer difference is a source offset.
    const unsigned options = pugi::parse_default | pugi::parse_ws_pcdata;
    const pugi::xml_parse_result result =
        doc_.load_buffer_inplace(buffer_.data(), buffer_.size(), options, pugi::encoding_utf8);
    if (!result) {
      const auto offset = static_cast<std::size_t>(result.offset);
      ctx_.sink.report(diag::xml_malformed, at_offset(offset),
                       {xliff::syntax::parse_error_text(result.description(), offset, buffer_)});
      return {};
    }
    for (const auto& [offset, what] : bad)
      ctx_.sink.report(diag::xml_malformed, at_offset(offset), {what});
    if (!bad.empty()) return {};
    const pugi::xml_node root = doc_.document_element();
    if (local_name(root) != "xliff") {
      ctx_.sink.report(diag::not_xliff, at(root), {root.name()});
      return {};
    }
    // An <xliff> of another vocabulary. One with no namespace at all is read: XLIFF 1.2 asks for
    // it, but files that leave it out are common and say what they are by their elements.
    const std::string xmlns = namespace_attribute(root.name());
    if (const pugi::xml_attribute ns = root.attribute(xmlns.c_str());
        ns && *ns.value() != '\0' &&  // xmlns="" is no namespace
        std::string_view(ns.value()).rfind("urn:oasis:names:tc:xliff:document:1.", 0) != 0) {
      ctx_.sink.report(diag::not_xliff, at(root),
                       {std::string(root.name()) + " " + xmlns + "=\"" + ns.value() + "\""});
      return {};
    }
    // A unit gives at most two entries (its English and its translation). Room for them up
    // front: a vector grown by doubling would take fresh pages at every step, none of which
    // the next step can reuse, and the pages of room left unused are never touched.
    std::size_t units = 0;
    for (pugi::xml_node f = root.first_child(); f; f = f.next_sibling())
      if (is_element(f, "file"))
        if (const pugi::xml_node body = child_element(f, "body")) units += count_units(body);
    entries_.reserve(2 * units);
    for (pugi::xml_node f = root.first_child(); f; f = f.next_sibling())
      if (is_element(f, "file")) read_file(f);
    shared_.flush();
    return std::move(entries_);
  }

 private:
  source_location at_offset(std::size_t offset) const {
    return {file_, static_cast<std::uint32_t>(std::min(offset, buffer_.size()))};
  }

  /// The `<` that opens an element.
  source_location at(const pugi::xml_node& node) const {
    const std::ptrdiff_t name = node.offset_debug();
    return at_offset(name > 0 ? static_cast<std::size_t>(name - 1) : 0);
  }

  /// The value of an attribute, or its element when the value is not in the buffer (empty).
  source_location at(const pugi::xml_attribute& attribute, const pugi::xml_node& owner) const {
    const char* value = attribute.value();
    const char* begin = buffer_.data();
    // std::less orders any two pointers; an empty value may point outside the buffer.
    const std::less<const char*> before;
    if (!before(value, begin) && before(value, begin + buffer_.size()) && *value != '\0')
      return at_offset(static_cast<std::size_t>(value - buffer_.data()));
    return at(owner);
  }

  std::optional<std::string> locale_of(const pugi::xml_attribute& attribute,
                                       const pugi::xml_node& owner) {
    const std::string tag = attribute.value();
    if (std::optional<std::string> canonical = locale_data::canonicalize(tag)) return canonical;
    const std::string suggestion = locale_data::suggest(tag);
    ctx_.sink.report(diag::invalid_locale, at(attribute, owner),
                     {tag, suggestion.empty() ? "" : "; did you mean `" + suggestion + "`?"});
    return std::nullopt;
  }

  void read_file(const pugi::xml_node& file) {
    const pugi::xml_attribute source_language = file.attribute("source-language");
    if (!source_language) {
      ctx_.sink.report(diag::missing_attribute, at(file), {"file", "source-language"});
      return;
    }
    const std::optional<std::string> source_locale = locale_of(source_language, file);
    if (!source_locale) return;
    const pugi::xml_attribute target_language = file.attribute("target-language");
    file_state fs;
    fs.source_locale = ctx_.source_of(*source_locale);
    fs.derived_open = &open_[{fs.source_locale, model::origin::derived_source}];
    if (target_language) {
      fs.has_target_language = true;
      fs.target_locale = locale_of(target_language, file);
      if (fs.target_locale && ctx_.declared_locales)
        ctx_.declared_locales->push_back(*fs.target_locale);
      if (fs.target_locale)
        fs.translation_open = &open_[{*fs.target_locale, model::origin::translation}];
    }
    if (const pugi::xml_node body = child_element(file, "body")) read_units(body, true, fs);
    if (fs.saw_target && !fs.has_target_language)
      ctx_.sink.report(diag::missing_target_language, at(file));
  }

  /// Message (a view into buffer_) -> the entry taking its fields, for one (locale, kind).
  using open_entries = string_view_map<std::uint32_t>;

  struct file_state {
    std::string source_locale;
    bool has_target_language = false;
    std::optional<std::string> target_locale;  ///< nullopt when absent or invalid
    bool saw_target = false;
    // The open entries of this file's locales, looked up once rather than per unit.
    open_entries* derived_open = nullptr;
    open_entries* translation_open = nullptr;
  };

  /// How many units a <body> or <group> holds, its groups' included.
  static std::size_t count_units(const pugi::xml_node& parent) {
    std::size_t n = 0;
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
      n += is_element(c, "trans-unit") ? 1 : is_element(c, "group") ? count_units(c) : 0;
    return n;
  }

  /// Units of a <body> or <group>; `translate` is inherited from the enclosing group.
  void read_units(const pugi::xml_node& parent, bool translate, file_state& fs) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
      if (is_element(c, "group")) {
        const pugi::xml_attribute t = c.attribute("translate");
        read_units(c, t ? std::string_view(t.value()) != "no" : translate, fs);
      } else if (is_element(c, "trans-unit")) {
        read_unit(c, translate, fs);
      }
    }
  }

  /// What read_unit uses of a <trans-unit>, found in one pass over its attributes and one over
  /// its children (each the first of its name, as pugixml's lookups would give).
  struct unit_parts {
    std::string_view id, resname;  // views into the parsed buffer, which outlives the reader
    pugi::xml_attribute translate, approved;
    pugi::xml_node source, target;
  };

  static unit_parts parts_of(const pugi::xml_node& unit) {
    unit_parts u;
    for (pugi::xml_attribute a = unit.first_attribute(); a; a = a.next_attribute()) {
      const std::string_view name = a.name();
      if (name == "id" && u.id.empty())
        u.id = a.value();
      else if (name == "resname" && u.resname.empty())
        u.resname = a.value();
      else if (name == "translate" && !u.translate)
        u.translate = a;
      else if (name == "approved" && !u.approved)
        u.approved = a;
    }
    for (pugi::xml_node c = unit.first_child(); c; c = c.next_sibling()) {
      if (!u.source && is_element(c, "source"))
        u.source = c;
      else if (!u.target && is_element(c, "target"))
        u.target = c;
    }
    return u;
  }

  void read_unit(const pugi::xml_node& unit, bool translate, file_state& fs) {
    const unit_parts u = parts_of(unit);
    const std::string_view id = u.id;
    if (id.empty()) {
      ctx_.sink.report(diag::missing_attribute, at(unit), {"trans-unit", "id"});
      return;
    }
    const bool translate_no = u.translate && std::string_view(u.translate.value()) == "no";
    if (translate_no && is_obsolete(unit)) return;
    const std::string_view name = u.resname.empty() ? id : u.resname;
    std::string_view message = name, field_name = "text";
    // find (memchr) first: most names have no `#`, and rfind steps back a byte at a time.
    std::size_t hash = name.find('#');
    if (hash != std::string_view::npos) hash = name.rfind('#');
    if (hash != std::string_view::npos && hash > 0 && hash + 1 < name.size()) {
      message = name.substr(0, hash);
      field_name = name.substr(hash + 1);
    }

    const pugi::xml_node source = u.source;
    if (!source) {
      ctx_.sink.report(diag::missing_source, at(unit), {std::string(id)});
      return;
    }
    if (u.translate) translate = !translate_no;
    const pugi::xml_node target = u.target;
    const bool has_target = translate && target;
    if (has_target) fs.saw_target = true;
    const bool translated = has_target && fs.target_locale;
    const bool source_only = !translate && fs.target_locale;  // the locale serves the English

    // The English of a translation: the bytes another file gave this unit when they are the
    // same, else a rendering of its own (recorded for the files after this one when the unit
    // had none). A plain source is compared before it is rendered: most units share theirs.
    model::shared_text made_from;
    rendered src;
    if (translated || source_only) {
      std::shared_ptr<const std::string> seen = shared_.recorded(name);
      const char* plain = seen ? plain_text(source) : nullptr;
      if (plain && *seen == plain) {
        made_from = std::move(seen);
      } else {
        src = render(source);
        made_from = shared_.share(name, seen, std::move(src.text));
      }
    } else {
      src = render(source);
    }

    // A unit is its field's whole text, not split into segments (model::segment).
    if (!derived_earlier(message, fs)) {
      model::field_text f;
      f.name = field_name;
      f.where = at(source);
      f.set_codes(src.codes, src.codes);
      if (made_from)
        f.text = *made_from;
      else
        f.text = std::move(src.text);  // the last use of the source text: no translation follows
      add_field(*fs.derived_open, message, fs.source_locale, model::origin::derived_source,
                model::state::translated, at(unit), std::move(f));
    }
    if (source_only) {
      add_field(*fs.translation_open, message, *fs.target_locale, model::origin::translation,
                model::state::final_, at(unit),
                model::source_only_text(std::string(field_name), std::move(made_from), at(source)));
      return;
    }
    if (!translated) return;

    model::state st = model::state::translated;
    const char* written = "";  // the state attribute, when it gave st
    if (const pugi::xml_attribute state = target.attribute("state")) {
      if (const std::optional<model::state> mapped = map_state(state.value())) {
        st = *mapped;
        written = state.value();
      } else {
        ctx_.sink.report(diag::unknown_state, at(state, target), {state.value()});
        st = model::state::needs_translation;
      }
    } else if (std::string_view(u.approved.value()) == "yes") {
      st = model::state::final_;
    }
    rendered tgt = render(target);
    model::field_text f;
    f.name = field_name;
    f.text = std::move(tgt.text);
    f.made_from = std::move(made_from);
    // A stale translation is reviewed against the English it was made from, not broken by
    // markup the English changed since.
    if (st == model::state::needs_review)
      if (const char* before = previous_source(unit)) f.made_from = std::string(before);
    if (tgt.codes.empty() && !src.codes.empty() && plain_text(target) &&
        holds_codes_as_text(source, f.text))
      tgt.codes = src.codes;
    f.set_codes(std::move(src.codes), std::move(tgt.codes));
    f.where = at(target);
    // An empty target of a text that has words is unfinished work: Qt's lconvert, for one,
    // writes its unfinished messages so, with no state.
    if (f.text.empty() && f.made_from && !f.made_from->empty() && st > model::state::initial) {
      st = model::state::initial;
      written = "";  // not what the attribute says
    }
    if (!model::is_served(st)) f.set_unserved(st, written);
    add_field(*fs.translation_open, message, *fs.target_locale, model::origin::translation, st,
              at(unit), std::move(f));
  }

  /// Whether a file before this one (in path order) gives the English of this message, as far as
  /// the files parsed so far tell: then the loader would drop what this file derives (see
  /// context::derived), so it is not built.
  bool derived_earlier(std::string_view message, const file_state& fs) const {
    if (!ctx_.derived || fs.source_locale != ctx_.source_locale) return false;
    const std::optional<std::uint32_t> first = ctx_.derived->first_file(message);
    return first && *first < file_;
  }

  /// Adds a field to the entry of (message, locale, kind), whose open entries are `open`,
  /// starting one when there is none or when it already has this field (a repeated unit, which
  /// the catalog reports as a duplicate).
  void add_field(open_entries& open, std::string_view message, const std::string& locale,
                 model::origin kind, model::state st, source_location unit_where,
                 model::field_text f) {
    const auto [it, added] = open.try_emplace(message, static_cast<std::uint32_t>(entries_.size()));
    if (!added) {
      model::entry& e = entries_[*it];
      const bool repeated =
          std::any_of(e.fields.begin(), e.fields.end(),
                      [&](const model::field_text& x) { return x.name == f.name; });
      if (!repeated) {
        e.st = model::with_text(e.st, st);
        e.fields.push_back(std::move(f));
        return;
      }
      // The repeat starts the entry later units join.
      *it = static_cast<std::uint32_t>(entries_.size());
    }
    model::entry e;
    e.id = message;
    e.locale = locale;
    e.kind = kind;
    e.st = st;
    e.where = unit_where;
    e.fields.push_back(std::move(f));
    entries_.push_back(std::move(e));
  }

  std::uint32_t file_;
  context& ctx_;
  std::string buffer_;
  pugi::xml_document doc_;
  std::vector<model::entry> entries_;
  /// The sources other files gave (unit names are views into buffer_).
  shared_sources shared_;
  /// (locale, kind) -> its open entries. A std::map: file_state keeps pointers into it.
  std::map<std::pair<std::string, model::origin>, open_entries> open_;
};

}  // namespace

std::vector<model::entry> read_xliff12(std::uint32_t file, context& ctx) {
  // Decided before this reader takes the bytes to parse them in place, which would leave
  // read_xliff2 to read the file again.
  if (is_xliff2_document(ctx.sources.contents(file))) return read_xliff2(file, ctx);
  return xliff12_reader(file, ctx).run();
}

}  // namespace diaglot::read
