#include "model/model.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <set>
#include <string_view>
#include <tuple>

#include "util/parallel.hpp"
#include "util/prefetch.hpp"
#include "util/string_view_map.hpp"

namespace diaglot::model {

const char* to_string(state s) {
  switch (s) {
    case state::initial:
      return "new";
    case state::needs_translation:
      return "needs-translation";
    case state::needs_review:
      return "needs-review";
    case state::translated:
      return "translated";
    case state::final_:
      return "final";
  }
  return "?";
}

const field_markup& field_text::markup() const {
  static const field_markup none;
  return markup_ ? *markup_ : none;
}

void field_text::set_codes(std::vector<std::string> source, std::vector<std::string> target) {
  if (source.empty() && target.empty() && !markup_) return;  // most texts: nothing to hold
  field_markup m = markup();
  m.source_codes = std::move(source);
  m.target_codes = std::move(target);
  set_markup(std::move(m));
}

void field_text::set_shape(std::string shape) {
  if (shape.empty() && !markup_) return;
  field_markup m = markup();
  m.shape = std::move(shape);
  set_markup(std::move(m));
}

void field_text::set_unserved(state s, std::string as_written) {
  field_markup m = markup();
  m.unserved = s;
  m.unserved_as = std::move(as_written);
  set_markup(std::move(m));
}

field_text source_only_text(std::string name, shared_text english, source_location where) {
  field_text f;
  f.name = std::move(name);
  f.text = english.value_or("");
  f.made_from = std::move(english);
  f.where = where;
  f.set_source_only();
  return f;
}

std::string field_text::unserved_word() const {
  if (!markup_ || !markup_->unserved) return {};
  return markup_->unserved_as.empty() ? to_string(*markup_->unserved) : markup_->unserved_as;
}

void field_text::set_source_only() {
  field_markup m = markup();
  m.source_only = true;
  set_markup(std::move(m));
}

void field_text::set_markup(field_markup m) {
  if (m.empty())
    markup_.reset();
  else
    markup_ = std::make_shared<const field_markup>(std::move(m));
}

const field* message::find_field(const std::string& name) const {
  for (const field& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

const message* catalog::find(const std::string& id) const {
  const auto it = std::lower_bound(messages.begin(), messages.end(), id,
                                   [](const message& m, const std::string& k) { return m.id < k; });
  return it != messages.end() && it->id == id ? &*it : nullptr;
}

namespace {

std::string hex(std::uint32_t code) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%X", code);
  return buf;
}

std::string_view last_dotted_part(std::string_view id) {
  const std::size_t dot = id.rfind('.');
  return dot == std::string_view::npos ? id : id.substr(dot + 1);
}

/// Entries of one message, split by role.
struct message_entries {
  std::vector<entry*> sources, derived, translations;
};

/// The name of a field two definitions of one message both give (an XLIFF unit repeated), to
/// name `MESSAGE#field` rather than the message; empty when they share none.
std::string repeated_field(const entry& first, const entry& again) {
  for (const field_text& b : again.fields)
    for (const field_text& a : first.fields)
      if (a.name == b.name) return b.name;
  return {};
}

/// Picks the English definition: an explicit source page wins over English recovered from a
/// bilingual file; two explicit definitions are an error.
entry* choose_source(const std::string& id, const message_entries& e, diagnostic_sink& sink) {
  for (std::size_t i = 1; i < e.sources.size(); ++i) {
    sink.report(diag::duplicate_id, e.sources[i]->where, {id, e.sources[i]->locale});
    sink.note(diag::note_first_definition, e.sources[0]->where);
  }
  if (!e.sources.empty()) return e.sources[0];
  if (!e.derived.empty()) return e.derived[0];
  return nullptr;
}

/// Adds a translation's fields to the message, moving them out of the entry.
void add_translation(message& m, entry& t, const std::string& source_locale,
                     diagnostic_sink& sink) {
  std::optional<source_location> stale, english;  // the first stale field, and its English
  for (field_text& ft : t.fields) {
    auto it = std::find_if(m.fields.begin(), m.fields.end(),
                           [&](const field& f) { return f.name == ft.name; });
    if (it == m.fields.end()) continue;  // a field the English does not have is not served
    const field_text& source = it->by_locale.at(source_locale);
    if (!stale && ft.made_from && *ft.made_from != source.text) {
      stale = ft.where.known() ? ft.where : t.where;
      english = source.where.known() ? source.where : m.where;
    }
    it->by_locale[t.locale] = std::move(ft);
  }
  m.states[t.locale] = t.st;
  m.locale_where[t.locale] = t.where;
  if (stale) {
    sink.report(diag::stale_translation, *stale, {t.locale, m.id});
    sink.note(diag::note_english_source, *english);  // the changed field, not the title
  }
}

/// Frees what an entry holds once the catalog has taken what it needs.
void release(entry& e) {
  std::vector<field_text>().swap(e.fields);
  std::string().swap(e.asset_id);
}

/// Messages built from a range of groups, and the locales they have.
struct built {
  std::vector<message> messages;
  std::set<std::string> locales;
};

/// Builds the message of one ID from its entries [begin, end), or reports why there is none;
/// moves what it keeps out of the entries and frees the rest. `group` is scratch space that
/// the calls of one thread share.
void build_message(std::vector<entry>& entries, std::uint32_t* begin, std::uint32_t* end,
                   const std::string& source_locale, diagnostic_sink& sink, message_entries& group,
                   built& out) {
  // By what the entries say, not by the order they arrived in: kind, locale and place, the
  // index breaking ties so the order is total.
  std::sort(begin, end, [&](std::uint32_t i, std::uint32_t j) {
    const entry& a = entries[i];
    const entry& b = entries[j];
    return std::tie(a.kind, a.locale, a.where.file, a.where.offset, i) <
           std::tie(b.kind, b.locale, b.where.file, b.where.offset, j);
  });
  const std::string& id = entries[*begin].id;
  group.sources.clear();
  group.derived.clear();
  group.translations.clear();
  for (const std::uint32_t* i = begin; i != end; ++i) {
    entry& e = entries[*i];
    const bool in_source_locale = e.locale == source_locale;
    if (e.kind == origin::source && in_source_locale)
      group.sources.push_back(&e);
    else if (e.kind == origin::derived_source && in_source_locale)
      group.derived.push_back(&e);
    else if (!in_source_locale)
      group.translations.push_back(&e);
  }
  const auto release_group = [&] {
    for (const std::uint32_t* i = begin; i != end; ++i) release(entries[*i]);
  };
  if (id.empty()) return;

  entry* src = choose_source(id, group, sink);
  if (!src) {
    for (const entry* t : group.translations)
      sink.report(diag::orphan_translation, t->where, {id, t->locale});
    release_group();
    return;
  }

  message m;
  m.id = id;
  m.where = src->where;
  m.explicit_source = src->kind == origin::source;
  m.code = src->code;
  if (src->code) m.code_where = src->code_where.known() ? src->code_where : src->where;
  // Each entry of the group is at most one locale: room for all of them, and no more.
  const std::size_t group_locales = 1 + group.translations.size();
  m.fields.reserve(src->fields.size());
  for (field_text& ft : src->fields) {
    field f;
    f.name = ft.name;
    f.by_locale.reserve(group_locales);
    f.by_locale.emplace(source_locale, std::move(ft));
    m.fields.push_back(std::move(f));
  }
  m.states.reserve(group_locales);
  m.locale_where.reserve(group_locales);
  m.states[source_locale] = state::final_;
  m.locale_where[source_locale] = src->where;

  // The English each translation was made from is compared with the source's below: asked for
  // all at once first, the bytes (in blocks no stage has touched since reading) arrive together
  // rather than one cache miss after another.
  for (const entry* t : group.translations)
    for (const field_text& ft : t->fields)
      if (ft.made_from) prefetch(ft.made_from->data(), ft.made_from->size());
  // One translation per locale; a second one is a duplicate definition, reported before the
  // first's fields move into the message.
  std::vector<bool> repeated(group.translations.size());
  for (std::size_t i = 1; i < group.translations.size(); ++i) {
    const entry* first = group.translations[i - 1];
    const entry* t = group.translations[i];
    if (first->locale != t->locale) continue;
    repeated[i] = true;
    const std::string field = repeated_field(*first, *t);
    sink.report(diag::duplicate_id, t->where, {field.empty() ? id : id + "#" + field, t->locale});
    sink.note(diag::note_first_definition, first->where);
  }
  for (std::size_t i = 0; i < group.translations.size(); ++i) {
    if (repeated[i]) continue;
    add_translation(m, *group.translations[i], source_locale, sink);
    out.locales.insert(group.translations[i]->locale);
  }
  release_group();
  out.messages.push_back(std::move(m));
}

}  // namespace

catalog build_catalog(std::vector<entry> entries, const code_table& codes,
                      const std::string& source_locale, diagnostic_sink& sink, unsigned jobs) {
  // Order by what the entries say, not by the order they arrived in: by ID here, then within
  // an ID (build_message). Indices are ordered rather than the entries, which are large;
  // entries are grouped by ID through a hash first, so only the distinct IDs are compared as
  // strings (many entries share one).
  const std::size_t n = entries.size();
  string_view_map<std::uint32_t> group_of;
  group_of.reserve(n / 4 + 16);
  std::vector<std::string_view> group_id;
  std::vector<std::uint32_t> group_of_entry(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto [it, inserted] =
        group_of.try_emplace(entries[i].id, static_cast<std::uint32_t>(group_id.size()));
    if (inserted) group_id.emplace_back(entries[i].id);
    group_of_entry[i] = *it;
  }
  group_of = {};
  std::vector<std::uint32_t> by_id(group_id.size());
  for (std::size_t g = 0; g < by_id.size(); ++g) by_id[g] = static_cast<std::uint32_t>(g);
  std::sort(by_id.begin(), by_id.end(),
            [&](std::uint32_t a, std::uint32_t b) { return group_id[a] < group_id[b]; });
  std::vector<std::uint32_t> rank(group_id.size());
  for (std::size_t k = 0; k < by_id.size(); ++k) rank[by_id[k]] = static_cast<std::uint32_t>(k);
  std::vector<std::uint32_t> start(group_id.size() + 1, 0);
  for (std::size_t i = 0; i < n; ++i) ++start[rank[group_of_entry[i]] + 1];
  for (std::size_t k = 1; k < start.size(); ++k) start[k] += start[k - 1];
  std::vector<std::uint32_t> order(n);
  {
    std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
      order[next[rank[group_of_entry[i]]]++] = static_cast<std::uint32_t>(i);
  }

  // The groups are independent: ranges of them become messages on several threads, each
  // reporting into its own sink, joined in ID order.
  const std::size_t group_count = by_id.size();
  std::vector<built> parts(parallel::range_count(group_count, jobs));
  parallel::for_each_range(
      group_count, jobs, sink,
      [&](std::size_t first, std::size_t last, diagnostic_sink& local, std::size_t part) {
        message_entries group;
        for (std::size_t k = first; k < last; ++k)
          build_message(entries, order.data() + start[k], order.data() + start[k + 1],
                        source_locale, local, group, parts[part]);
      });

  catalog cat;
  cat.source_locale = source_locale;
  std::set<std::string> locales = {source_locale};
  std::size_t message_count = 0;
  for (const built& b : parts) message_count += b.messages.size();
  cat.messages.reserve(message_count);
  for (built& b : parts) {
    std::move(b.messages.begin(), b.messages.end(), std::back_inserter(cat.messages));
    locales.insert(b.locales.begin(), b.locales.end());
  }

  // Codes from the table, matched by the last dotted part of an ID: the messages each name
  // matches, in catalog order. Only the table's names are indexed (none, for most catalogs).
  std::vector<std::vector<message*>> matches(codes.by_name.size());
  if (!codes.by_name.empty()) {
    string_view_map<std::uint32_t> code_of_name;
    code_of_name.reserve(codes.by_name.size());
    std::uint32_t k = 0;
    for (const auto& named : codes.by_name) code_of_name.try_emplace(named.first, k++);
    for (message& m : cat.messages)
      if (const std::uint32_t* c = code_of_name.find(last_dotted_part(m.id)))
        matches[*c].push_back(&m);
  }
  std::size_t k = 0;
  for (const auto& [name, value] : codes.by_name) {
    const std::vector<message*>& named = matches[k++];
    if (named.empty()) continue;
    const auto w = codes.where.find(name);
    const source_location where = w != codes.where.end() ? w->second : source_location{};
    if (named.size() > 1) {
      sink.report(diag::ambiguous_code_name, where, {name, named[0]->id, named[1]->id});
      continue;
    }
    message& m = *named[0];
    if (m.code && *m.code != value) {
      sink.report(diag::code_conflict, m.code_where, {m.id, hex(*m.code), hex(value)});
      continue;
    }
    if (!m.code) {
      m.code = value;
      m.code_where = where;
    }
  }

  // A code names one message.
  std::map<std::uint32_t, const message*> by_code;
  for (const message& m : cat.messages) {
    if (!m.code) continue;
    const auto [it, inserted] = by_code.emplace(*m.code, &m);
    if (!inserted) {
      sink.report(diag::duplicate_code, m.code_where, {hex(*m.code), it->second->id, m.id});
      sink.note(diag::note_first_definition, it->second->code_where);
    }
  }

  cat.locales.assign(locales.begin(), locales.end());
  return cat;
}

}  // namespace diaglot::model
