// The markdown reader: English trace pages, bilingual sxs pages and translated (monolingual)
// pages. All three go through the same block and field rules, so that the fields of a translated
// page line up with those of its English page, and the target view of an sxs page gives the same
// texts as the live page it was published as.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "locale/locale_data.hpp"
#include "read/markdown_blocks.hpp"
#include "read/readers.hpp"

namespace diaglot::read {

namespace {

using namespace markdown;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view line_of(std::string_view text, const line_range& l) {
  return text.substr(l.begin, l.end - l.begin);
}

// --- front matter -------------------------------------------------------------------------------

struct front_value {
  std::string text;
  std::size_t at = 0;  ///< index in the normalized text of the value (its quote when quoted)
  std::vector<std::string> items;
};

struct front_matter {
  bool present = false;
  bool ok = true;
  std::size_t body_line = 0;  ///< first line after the closing `---`
  std::size_t open_at = 0;    ///< index of the opening `---`
  std::map<std::string, front_value> values;

  const front_value* find(const std::string& key) const {
    const auto it = values.find(key);
    return it == values.end() ? nullptr : &it->second;
  }
};

std::string unquote(std::string_view v) {
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
    std::string out;
    for (std::size_t i = 1; i + 1 < v.size(); ++i) {
      if (v[i] == '\\' && i + 2 < v.size()) ++i;
      out += v[i];
    }
    return out;
  }
  if (v.size() >= 2 && v.front() == '\'' && v.back() == '\'') {
    std::string out;
    for (std::size_t i = 1; i + 1 < v.size(); ++i) {
      if (v[i] == '\'' && i + 2 < v.size() && v[i + 1] == '\'') ++i;
      out += v[i];
    }
    return out;
  }
  return std::string(v);
}

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

front_matter parse_front_matter(const mapped_text& page, const std::vector<line_range>& lines,
                                std::uint32_t file, diagnostic_sink& sink) {
  front_matter fm;
  if (lines.empty() || trim(line_of(page.text, lines[0])) != "---") return fm;
  fm.present = true;
  fm.open_at = lines[0].begin;
  const auto at = [&](std::size_t index) { return source_location{file, page.original(index)}; };
  std::string list_key;
  std::size_t i = 1;
  for (; i < lines.size(); ++i) {
    const std::string_view line = line_of(page.text, lines[i]);
    if (trim(line) == "---") break;
    const std::string_view content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    if (content.front() == '-' && (content.size() == 1 || content[1] == ' ')) {
      if (list_key.empty()) {
        sink.report(diag::front_matter_syntax, at(lines[i].begin));
        fm.ok = false;
        continue;
      }
      fm.values[list_key].items.push_back(unquote(trim(content.substr(1))));
      continue;
    }
    std::size_t k = 0;
    while (k < line.size() && is_key_char(line[k])) ++k;
    const bool has_value = k + 1 < line.size() && (line[k + 1] == ' ' || line[k + 1] == '\t');
    if (k == 0 || k == line.size() || line[k] != ':' || (k + 1 < line.size() && !has_value)) {
      sink.report(diag::front_matter_syntax, at(lines[i].begin));
      fm.ok = false;
      continue;
    }
    const std::string key(line.substr(0, k));
    const std::string_view raw = trim(line.substr(k + 1));
    front_value v;
    v.text = unquote(raw);
    v.at = raw.empty() ? lines[i].end
                       : lines[i].begin + static_cast<std::size_t>(raw.data() - line.data());
    list_key = raw.empty() ? key : std::string();
    fm.values.emplace(key, std::move(v));  // the first of repeated keys wins
  }
  if (i == lines.size()) {
    sink.report(diag::front_matter_unterminated, at(fm.open_at));
    fm.ok = false;
    return fm;
  }
  fm.body_line = i + 1;
  return fm;
}

/// `code:` as decimal or 0x hexadecimal, below 0xFFFFFFFF.
std::optional<std::uint32_t> parse_code(std::string_view v) {
  int base = 10;
  if (v.size() > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
    base = 16;
    v.remove_prefix(2);
  }
  if (v.empty() || v.size() > 10) return std::nullopt;
  std::uint64_t n = 0;
  for (const char c : v) {
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    if (base == 16 && c >= 'a' && c <= 'f') d = c - 'a' + 10;
    if (base == 16 && c >= 'A' && c <= 'F') d = c - 'A' + 10;
    if (d < 0) return std::nullopt;
    n = n * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
  }
  if (n >= 0xFFFFFFFFu) return std::nullopt;
  return static_cast<std::uint32_t>(n);
}

// --- body -> fields -----------------------------------------------------------------------------

struct page_field {
  std::string name;
  std::string text;
  std::string shape;
  std::size_t begin = 0;  ///< index in the parsed text of the field's first byte
  std::vector<std::pair<std::size_t, std::size_t>> line_spans;  ///< lines of its blocks
  std::vector<std::size_t> block_begins;
};

struct page_parse {
  bool has_h1 = false;
  std::string h1_text;
  std::size_t h1_begin = 0;
  std::vector<page_field> fields;
  std::vector<std::size_t> unterminated_fences;  ///< where each never-closed fence opens
};

/// A heading's text without `#` marks and anchors, its anchor, and where the text begins.
struct heading_text {
  std::string text, anchor;
  std::size_t begin = 0;
};

heading_text read_heading(const block& b) {
  heading_text h;
  std::size_t content_begin = 0;
  const std::string_view content = heading_content(b.text, content_begin);
  std::size_t skipped = 0;
  h.text = strip_anchors(content, h.anchor, skipped);
  h.begin = b.begin + content_begin + skipped;
  return h;
}

page_parse parse_page(std::string_view text, const std::vector<line_range>& lines,
                      std::size_t first_line) {
  const std::vector<block> blocks = parse_blocks(text, lines, first_line);
  page_parse page;
  std::vector<std::size_t> prelude;
  struct section {
    std::size_t heading;
    std::vector<std::size_t> body;
  };
  std::vector<section> sections;
  std::size_t h1 = blocks.size();
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const block& b = blocks[i];
    if (b.unterminated_fence) page.unterminated_fences.push_back(b.begin);
    if (b.heading_level == 2) {
      sections.push_back({i, {}});
    } else if (!sections.empty()) {
      sections.back().body.push_back(i);
    } else if (b.heading_level == 1 && h1 == blocks.size()) {
      h1 = i;
    } else {
      prelude.push_back(i);
    }
  }

  const auto make_field = [&](std::string name, const std::vector<std::size_t>& members,
                              std::size_t fallback_begin) {
    page_field f;
    f.name = std::move(name);
    f.begin = members.empty() ? fallback_begin : blocks[members.front()].begin;
    for (const std::size_t m : members) {
      const block& b = blocks[m];
      if (!f.text.empty() || !f.shape.empty()) f.text += "\n\n";
      f.text += b.text;
      f.shape += static_cast<char>(b.kind);
      f.line_spans.emplace_back(b.first_line, b.end_line);
      f.block_begins.push_back(b.begin);
    }
    return f;
  };
  const auto heading_field = [&](std::string name, std::size_t index, const heading_text& h) {
    page_field f;
    f.name = std::move(name);
    f.text = h.text;
    f.shape = "h";
    f.begin = h.begin;
    f.line_spans.emplace_back(blocks[index].first_line, blocks[index].end_line);
    f.block_begins.push_back(blocks[index].begin);
    return f;
  };

  if (h1 != blocks.size()) {
    const heading_text h = read_heading(blocks[h1]);
    page.has_h1 = true;
    page.h1_text = h.text;
    page.h1_begin = h.begin;
    page.fields.push_back(heading_field("title", h1, h));
  }
  if (!prelude.empty()) {
    page.fields.push_back(make_field("summary", {prelude.front()}, 0));
    if (prelude.size() > 1) {
      page.fields.push_back(
          make_field("intro", std::vector<std::size_t>(prelude.begin() + 1, prelude.end()), 0));
    }
  }
  std::set<std::string> names;
  for (std::size_t s = 0; s < sections.size(); ++s) {
    const heading_text h = read_heading(blocks[sections[s].heading]);
    std::string name = !h.anchor.empty() ? h.anchor : slug(h.text);
    if (name.empty()) name = "section-" + std::to_string(s + 1);
    // Field names must be unique within a message; a repeated heading gets a number.
    if (names.count(name)) {
      int n = 2;
      while (names.count(name + "-" + std::to_string(n))) ++n;
      name += "-" + std::to_string(n);
    }
    names.insert(name);
    page.fields.push_back(heading_field(name + ".heading", sections[s].heading, h));
    page.fields.push_back(make_field(name, sections[s].body, blocks[sections[s].heading].begin));
  }
  return page;
}

// --- sxs views ----------------------------------------------------------------------------------

struct span_pair {
  std::string id, target, source;
  std::size_t at = 0;         ///< index in the page of `<span data-ttu-id`
  std::size_t source_at = 0;  ///< index in the page of the source text
  std::size_t line = 0;
};

/// Replaces each span pair by its target (in `target`) and its source (in `source`), line for
/// line; reports malformed pairs.
void build_views(const mapped_text& page, const std::vector<line_range>& lines, std::uint32_t file,
                 diagnostic_sink& sink, mapped_text& target, mapped_text& source,
                 std::vector<span_pair>& pairs) {
  constexpr std::string_view open = "<span data-ttu-id=\"";
  constexpr std::string_view close = "</span>";
  constexpr std::string_view lookup = "<span class=\"sxs-lookup\"><span data-stu-id=\"";
  constexpr std::string_view close_both = "</span></span>";
  const std::string_view text = page.text;
  const auto at = [&](std::size_t index) { return source_location{file, page.original(index)}; };
  std::map<std::string, std::size_t> seen;

  for (std::size_t li = 0; li < lines.size(); ++li) {
    const std::size_t end = lines[li].end;
    // Segments never span lines, so every search stops at the line end.
    const auto find = [&](std::string_view what, std::size_t from) {
      const std::size_t p = text.find(what, from);
      return p == std::string_view::npos || p + what.size() > end ? std::string_view::npos : p;
    };
    // An attribute value `ID">` starting at `from`: the index of its closing quote, or npos.
    const auto id_end = [&](std::size_t from) { return find("\">", from); };
    std::size_t copied = lines[li].begin;
    std::size_t pos = copied;
    while (true) {
      const std::size_t p = find(open, pos);
      if (p == std::string_view::npos) break;
      const std::size_t id_begin = p + open.size();
      const std::size_t id_close = id_end(id_begin);
      const std::string id(
          text.substr(id_begin, (id_close == std::string_view::npos ? end : id_close) - id_begin));
      const auto unpaired = [&] {
        sink.report(diag::span_unpaired, at(p), {id});
        pos = id_begin;
      };
      if (id_close == std::string_view::npos) {
        unpaired();
        continue;
      }
      const std::size_t target_begin = id_close + 2;
      const std::size_t target_end = find(close, target_begin);
      if (target_end == std::string_view::npos ||
          text.compare(target_end + close.size(), lookup.size(), lookup) != 0 ||
          target_end + close.size() + lookup.size() > end) {
        unpaired();
        continue;
      }
      const std::size_t sid_begin = target_end + close.size() + lookup.size();
      const std::size_t sid_close = id_end(sid_begin);
      const std::size_t source_end =
          sid_close == std::string_view::npos ? sid_close : find(close_both, sid_close + 2);
      if (source_end == std::string_view::npos) {
        unpaired();
        continue;
      }
      const std::string sid(text.substr(sid_begin, sid_close - sid_begin));
      if (sid != id) {
        sink.report(diag::span_id_mismatch, at(p), {id, sid});
      }
      if (const auto [first, inserted] = seen.emplace(id, p); !inserted) {
        sink.report(diag::duplicate_segment, at(p), {id});
        sink.note(diag::note_first_definition, at(first->second));
      }
      span_pair found;
      found.id = id;
      found.target = std::string(text.substr(target_begin, target_end - target_begin));
      found.source = std::string(text.substr(sid_close + 2, source_end - sid_close - 2));
      found.at = p;
      found.source_at = sid_close + 2;
      found.line = li;
      target.append(page, copied, p);
      source.append(page, copied, p);
      // A block or heading that starts with a segment starts, for a reader of the file, at
      // its `<span`: the first byte of each replacement points there.
      const std::size_t target_first = target.text.size();
      target.append(page, target_begin, target_end);
      if (target.text.size() > target_first) target.offsets[target_first] = page.original(p);
      const std::size_t source_first = source.text.size();
      source.append(page, sid_close + 2, source_end);
      if (source.text.size() > source_first) source.offsets[source_first] = page.original(p);
      pos = copied = source_end + close_both.size();
      pairs.push_back(std::move(found));
    }
    const std::size_t line_end = li + 1 < lines.size() ? lines[li + 1].begin : text.size();
    target.append(page, copied, line_end);
    source.append(page, copied, line_end);
  }
}

// --- entries ------------------------------------------------------------------------------------

/// The canonical tag, or nullopt after reporting `invalid_locale` at `where`.
std::optional<std::string> canonical_locale(const std::string& tag, source_location where,
                                            diagnostic_sink& sink) {
  if (std::optional<std::string> c = locale_data::canonicalize(tag)) return c;
  const std::string hint = locale_data::suggest(tag);
  sink.report(diag::invalid_locale, where,
              {tag, hint.empty() ? "" : "; did you mean `" + hint + "`?"});
  return std::nullopt;
}

model::field_text to_field(const page_field& f, const mapped_text& view, std::uint32_t file) {
  model::field_text out;
  out.name = f.name;
  out.text = f.text;
  out.set_shape(f.shape);
  out.where = {file, view.original(f.begin)};
  return out;
}

bool on_lines(const page_field& f, std::size_t line) {
  return std::any_of(f.line_spans.begin(), f.line_spans.end(),
                     [&](const auto& span) { return line >= span.first && line < span.second; });
}

void report_fences(const page_parse& parse, const mapped_text& view, std::uint32_t file,
                   diagnostic_sink& sink) {
  for (const std::size_t at : parse.unterminated_fences)
    sink.report(diag::fence_unterminated, {file, view.original(at)});
}

std::string base_name(const std::string& path) {
  const std::size_t slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool is_markdown_path(const std::string& path) {
  if (path.size() < 3) return false;
  std::string ext = path.substr(path.size() - 3);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return ext == ".md";
}

// --- alignment ----------------------------------------------------------------------------------

const char* kind_name(char kind) {
  switch (static_cast<block_kind>(kind)) {
    case block_kind::paragraph:
      return "a paragraph";
    case block_kind::list_item:
      return "a list";
    case block_kind::quote:
      return "a blockquote";
    case block_kind::table:
      return "a table";
    case block_kind::code:
      return "a code block";
    case block_kind::heading:
      return "a heading";
  }
  return "a block";
}

/// `section `x`` for section fields (`x` and `x.heading`), else `field `x``.
std::string describe_field(const std::string& name, const std::vector<model::field_text>& all) {
  constexpr std::string_view suffix = ".heading";
  if (name.size() > suffix.size() &&
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
    return "section `" + name.substr(0, name.size() - suffix.size()) + "`";
  for (const model::field_text& f : all)
    if (f.name == name + ".heading") return "section `" + name + "`";
  return "field `" + name + "`";
}

std::string blocks_word(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " block" : " blocks");
}

/// The file offsets of the blocks of one field of a page, parsed again (only to place a warning).
std::vector<std::uint32_t> field_block_offsets(std::uint32_t file, const std::string& name,
                                               context& ctx) {
  const mapped_text page = normalize_line_ends(ctx.sources.contents(file));
  const std::vector<line_range> lines = split_lines(page.text);
  diagnostic_sink quiet;
  const front_matter fm = parse_front_matter(page, lines, file, quiet);
  const page_parse parse = parse_page(page.text, lines, fm.body_line);
  std::vector<std::uint32_t> out;
  for (const page_field& f : parse.fields) {
    if (f.name != name) continue;
    for (const std::size_t b : f.block_begins) out.push_back(page.original(b));
  }
  return out;
}

/// Why a translated page does not align with its English page, where, and the English place to
/// compare with; empty when it aligns.
std::string misalignment(const model::entry& english, const model::entry& page, context& ctx,
                         source_location& where, source_location& english_where) {
  const auto& en = english.fields;
  const auto& tr = page.fields;
  const auto has = [](const std::vector<model::field_text>& fs, const std::string& name) {
    return std::any_of(fs.begin(), fs.end(), [&](const auto& f) { return f.name == name; });
  };
  for (std::size_t k = 0; k < std::max(en.size(), tr.size()); ++k) {
    where = k < tr.size() ? tr[k].where : (tr.empty() ? page.where : tr.back().where);
    english_where = k < en.size() ? en[k].where : english.where;
    if (k >= tr.size() || (k < en.size() && en[k].name != tr[k].name && !has(tr, en[k].name)))
      return describe_field(en[k].name, en) + " is missing";
    if (k >= en.size() || !has(en, tr[k].name))
      return describe_field(tr[k].name, tr) + " is not in the English page";
    if (en[k].name != tr[k].name)
      return describe_field(tr[k].name, tr) + " comes in a different order than in English";
    const std::string& a = en[k].shape();
    const std::string& b = tr[k].shape();
    if (a == b) continue;
    std::size_t first = 0;
    while (first < a.size() && first < b.size() && a[first] == b[first]) ++first;
    const std::vector<std::uint32_t> offsets =
        field_block_offsets(page.where.file, tr[k].name, ctx);
    if (!offsets.empty()) where.offset = offsets[std::min(first, offsets.size() - 1)];
    if (a.size() != b.size()) {
      return describe_field(tr[k].name, tr) + " has " + blocks_word(a.size()) + " in English and " +
             std::to_string(b.size()) + " here";
    }
    return "block " + std::to_string(first + 1) + " of " + describe_field(tr[k].name, tr) + " is " +
           kind_name(a[first]) + " in English and " + kind_name(b[first]) + " here";
  }
  return {};
}

}  // namespace

std::vector<model::entry> read_markdown(std::uint32_t file, context& ctx) {
  const std::size_t errors_before = ctx.sink.error_count();
  const mapped_text page = normalize_line_ends(ctx.sources.contents(file));
  const std::vector<line_range> lines = split_lines(page.text);
  const auto at = [&](std::size_t index) { return source_location{file, page.original(index)}; };

  const front_matter fm = parse_front_matter(page, lines, file, ctx.sink);
  if (!fm.ok) return {};

  std::optional<std::uint32_t> code;
  source_location code_where;
  if (const front_value* v = fm.find("code")) {
    code = parse_code(v->text);
    code_where = at(v->at);
    if (!code) ctx.sink.report(diag::invalid_code_value, at(v->at), {v->text});
  }
  std::optional<std::string> content_locale;
  if (const front_value* v = fm.find("ms.contentlocale"))
    content_locale = canonical_locale(v->text, at(v->at), ctx.sink);
  const std::string source_locale =
      locale_data::canonicalize(ctx.source_locale).value_or(ctx.source_locale);
  const std::string asset_id = fm.find("ms.assetid") ? fm.find("ms.assetid")->text : "";
  const std::string title = fm.find("title") ? fm.find("title")->text : "";
  // Machine translations (`ms.translationtype: MT`) are served like human ones for now: every
  // page of the corpus is MT, and without them there would be nothing to serve. A later issue
  // may give them their own state.
  const model::state st = model::state::translated;

  const bool sxs = page.text.find("data-ttu-id") != std::string::npos;
  if (!sxs) {
    const page_parse parse = parse_page(page.text, lines, fm.body_line);
    report_fences(parse, page, file, ctx.sink);
    const bool translated =
        fm.find("ms.contentlocale") && content_locale && *content_locale != source_locale;
    if (!translated && title.empty() && !parse.has_h1) ctx.sink.report(diag::missing_title, at(0));
    if (ctx.sink.error_count() != errors_before) return {};

    model::entry e;
    e.locale = translated ? *content_locale : source_locale;
    e.kind = translated ? model::origin::translation : model::origin::source;
    e.st = st;
    e.code = code;
    e.code_where = code_where;
    e.asset_id = asset_id;
    // A translated page gets its ID from its English page, in align_translated_pages.
    if (!translated) e.id = !title.empty() ? title : parse.h1_text;
    // Where the ID is given: `title:` when it names the page (a duplicate ID is fixed there),
    // else the H1 it comes from.
    e.where = !translated && !title.empty() ? at(fm.find("title")->at)
              : parse.has_h1                ? at(parse.h1_begin)
              : fm.find("title") != nullptr ? at(fm.find("title")->at)
                                            : at(0);
    for (const page_field& f : parse.fields) e.fields.push_back(to_field(f, page, file));
    return {std::move(e)};
  }

  if (!fm.find("ms.contentlocale"))
    ctx.sink.report(diag::missing_content_locale, at(fm.present ? fm.open_at : 0));
  mapped_text target_view, source_view;
  std::vector<span_pair> pairs;
  build_views(page, lines, file, ctx.sink, target_view, source_view, pairs);
  const std::vector<line_range> target_lines = split_lines(target_view.text);
  const std::vector<line_range> source_lines = split_lines(source_view.text);
  const page_parse target = parse_page(target_view.text, target_lines, fm.body_line);
  const page_parse source = parse_page(source_view.text, source_lines, fm.body_line);
  report_fences(source, source_view, file, ctx.sink);
  if (!source.has_h1) ctx.sink.report(diag::missing_title, at(0));
  if (ctx.sink.error_count() != errors_before || !content_locale) return {};

  model::entry derived;
  derived.id = source.h1_text;  // the front-matter title is translated
  derived.locale = source_locale;
  derived.kind = model::origin::derived_source;
  derived.code = code;
  derived.code_where = code_where;
  derived.asset_id = asset_id;
  derived.where = {file, source_view.original(source.h1_begin)};
  for (const page_field& f : source.fields) {
    model::field_text out = to_field(f, source_view, file);
    for (const span_pair& p : pairs) {
      if (on_lines(f, p.line))
        out.segments.push_back({p.id, p.source, p.source, {file, page.original(p.source_at)}});
    }
    derived.fields.push_back(std::move(out));
  }

  model::entry translation;
  translation.id = derived.id;
  translation.locale = *content_locale;
  translation.kind = model::origin::translation;
  translation.st = st;
  translation.code = code;
  translation.code_where = code_where;
  translation.asset_id = asset_id;
  translation.where =
      target.has_h1 ? source_location{file, target_view.original(target.h1_begin)} : derived.where;
  // The views differ only inside spans, so both parses give the same fields; should a target
  // change a line's block structure, fields are still paired by position when the counts agree.
  const bool same_fields = target.fields.size() == source.fields.size();
  for (std::size_t i = 0; i < target.fields.size(); ++i) {
    const page_field& f = target.fields[i];
    model::field_text out = to_field(f, target_view, file);
    const page_field* from = nullptr;
    if (same_fields) {
      from = &source.fields[i];
    } else {
      for (const page_field& s : source.fields)
        if (s.name == f.name) from = &s;
    }
    if (from) {
      out.name = from->name;
      out.made_from = from->text;
    }
    for (const span_pair& p : pairs) {
      if (on_lines(f, p.line)) out.segments.push_back({p.id, p.source, p.target, at(p.at)});
    }
    translation.fields.push_back(std::move(out));
  }
  return {std::move(derived), std::move(translation)};
}

void align_translated_pages(std::vector<model::entry>& entries, context& ctx) {
  const auto path_of = [&](const model::entry& e) -> std::string {
    return e.where.known() && e.where.file < ctx.sources.size() ? ctx.sources.path(e.where.file)
                                                                : std::string();
  };
  // Per file, whether it is markdown: asked once a file, not once an entry. Without any, there
  // is nothing to align, and the entries (of XLIFF files, tens of thousands) are not walked.
  std::vector<char> markdown_file(ctx.sources.size());
  for (std::uint32_t f = 0; f < markdown_file.size(); ++f)
    markdown_file[f] = is_markdown_path(ctx.sources.path(f));
  if (std::find(markdown_file.begin(), markdown_file.end(), 1) == markdown_file.end()) return;
  const auto in_markdown = [&](const model::entry& e) {
    return e.where.known() && e.where.file < markdown_file.size() && markdown_file[e.where.file];
  };
  std::map<std::string, std::size_t> by_asset, by_name;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const model::entry& e = entries[i];
    if (e.kind != model::origin::source || !in_markdown(e)) continue;
    const std::string path = path_of(e);
    if (!e.asset_id.empty()) by_asset.emplace(e.asset_id, i);
    by_name.emplace(base_name(path), i);
  }

  std::vector<bool> keep(entries.size(), true);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    model::entry& e = entries[i];
    if (e.kind != model::origin::translation || !in_markdown(e)) continue;
    // sxs pages say what each field was made from; only monolingual pages need an English page.
    if (std::any_of(e.fields.begin(), e.fields.end(),
                    [](const model::field_text& f) { return f.made_from.has_value(); }))
      continue;
    std::optional<std::size_t> match;
    if (const auto a = by_asset.find(e.asset_id); !e.asset_id.empty() && a != by_asset.end())
      match = a->second;
    else if (const auto n = by_name.find(base_name(path_of(e))); n != by_name.end())
      match = n->second;
    if (!match) {
      ctx.sink.report(diag::no_english_page, e.where);
      keep[i] = false;
      continue;
    }
    const model::entry& english = entries[*match];
    source_location where, english_where;
    const std::string why = misalignment(english, e, ctx, where, english_where);
    if (!why.empty()) {
      ctx.sink.report(diag::blocks_misaligned, where, {why});
      ctx.sink.note(diag::note_english_source, english_where);
      keep[i] = false;
      continue;
    }
    e.id = english.id;
    for (std::size_t k = 0; k < e.fields.size(); ++k)
      e.fields[k].made_from = english.fields[k].text;
  }

  // Dropped entries are closed up in place, the others keeping their order.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (!keep[i]) continue;
    if (kept != i) entries[kept] = std::move(entries[i]);
    ++kept;
  }
  entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(kept), entries.end());
}

}  // namespace diaglot::read
