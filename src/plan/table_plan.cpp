#include "plan/table_plan.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <new>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "diaglot/catalog.hpp"
#include "diaglot/hash.hpp"
#include "locale/locale_data.hpp"
#include "locale/match_data.hpp"
#include "plan/id_sample.hpp"
#include "plan/perfect_hash.hpp"
#include "plan/string_pool.hpp"
#include "util/parallel.hpp"

namespace diaglot::plan {

namespace {

constexpr std::uint32_t no_text = 0xffffffffu;

template <typename T>
std::uint32_t count32(const std::vector<T>& v) {
  return static_cast<std::uint32_t>(v.size());
}

template <typename T>
const T* data_or(const std::vector<T>& v, const T& dummy) {
  return v.empty() ? &dummy : v.data();
}

/// Writes v at p as little-endian bytes, as the table stores integers.
template <typename T>
void put_le(unsigned char* p, T v) {
  for (std::size_t b = 0; b < sizeof(T); ++b) p[b] = static_cast<unsigned char>(v >> (8 * b));
}

bool host_is_little_endian() {
  const std::uint32_t one = 1;
  unsigned char first = 0;
  std::memcpy(&first, &one, 1);
  return first == 1;
}

/// v as the table reads it, little-endian bytes: v's own storage on a little-endian host, else
/// a converted copy kept in `copies`.
template <typename T>
detail::le_array<T> le_view(const std::vector<T>& v,
                            std::vector<std::vector<unsigned char>>& copies) {
  static const unsigned char zeros[sizeof(T)] = {};
  if (v.empty()) return {zeros};
  if (host_is_little_endian()) return {reinterpret_cast<const unsigned char*>(v.data())};
  std::vector<unsigned char>& bytes = copies.emplace_back(v.size() * sizeof(T));
  for (std::size_t i = 0; i < v.size(); ++i) put_le(&bytes[i * sizeof(T)], v[i]);
  return {bytes.data()};
}

std::uint32_t pack(locale_data::match_answer a) {
  if (a.locale == locale_data::match_answer::no_match) return detail::no_match;
  return std::uint32_t{a.distance} << 16 | a.locale;
}

/// AA..ZZ are 0..675, 000..999 are 676..1675 (as the runtime reads them).
std::uint32_t region_code(const std::string& r) {
  if (r.size() == 2) return static_cast<std::uint32_t>((r[0] - 'A') * 26 + (r[1] - 'A'));
  return 676u + static_cast<std::uint32_t>((r[0] - '0') * 100 + (r[1] - '0') * 10 + (r[2] - '0'));
}

/// The matching facts as flat arrays: keys in the pool, answers deduplicated.
void plan_matching(const locale_data::match_data& match, string_pool& pool, table_plan& p) {
  for (const auto& fact : match.likely) {
    p.likely.push_back(pool.add(fact.key));
    p.likely.push_back(pool.add(fact.script));
    p.likely.push_back(pool.add(fact.region));
  }
  for (const auto& [from, to] : match.aliases) {
    p.alias.push_back(pool.add(from));
    p.alias.push_back(pool.add(to));
  }
  std::vector<std::pair<std::string, const locale_data::match_rule*>> rules;
  for (const auto& r : match.rules)
    rules.emplace_back(r.script.empty() ? r.language : r.language + "-" + r.script, &r);
  std::sort(rules.begin(), rules.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::map<std::uint32_t, std::uint32_t> answer_index;
  for (const auto& [key, r] : rules) {
    p.match_rule.push_back(pool.add(key));
    p.match_rule.push_back(pack(r->otherwise));
    p.match_rule.push_back(count32(p.match_region));
    p.match_rule.push_back(static_cast<std::uint32_t>(r->regions.size()));
    std::vector<std::uint32_t> listed;
    for (const auto& [region, answer] : r->regions) {
      const std::uint32_t packed = pack(answer);
      const auto [it, inserted] = answer_index.try_emplace(packed, count32(p.match_answer));
      if (inserted) p.match_answer.push_back(packed);
      listed.push_back(region_code(region) << 16 | it->second);
    }
    std::sort(listed.begin(), listed.end());
    p.match_region.insert(p.match_region.end(), listed.begin(), listed.end());
  }
  if (p.match_answer.size() > 0xffff)
    throw std::length_error("diaglot: too many distinct locale-match answers");
}

/// Splits the pool into `shards` parts of about equal size at string boundaries and rewrites
/// every offset into the table's (shard, byte) form.
void shard_pool(std::uint32_t shards, table_plan& p) {
  p.pool_shard_start.assign(1, 0);
  if (shards <= 1) {
    p.pool_shard_bits = 32;
    return;
  }
  std::uint32_t bits = 32;
  while ((std::uint64_t{1} << (32 - bits)) < shards) --bits;
  const std::size_t target = (p.pool.size() + shards - 1) / shards;
  for (std::size_t pos = 0; pos < p.pool.size();) {
    // Every pool string ends with a NUL, the last one too.
    const auto* nul =
        static_cast<const char*>(std::memchr(&p.pool[pos], '\0', p.pool.size() - pos));
    const std::size_t end = static_cast<std::size_t>(nul - p.pool.data()) + 1;
    // A shard ends before the string that would take it past its share of the whole.
    if (end > p.pool_shard_start.size() * target && pos > p.pool_shard_start.back() &&
        p.pool_shard_start.size() < shards)
      p.pool_shard_start.push_back(pos);
    pos = end;
  }
  for (std::size_t k = 0; k < p.pool_shard_start.size(); ++k)
    if (p.shard(k).size() > (std::uint64_t{1} << bits))
      throw std::length_error("diaglot: a pool shard exceeds its offset range; use more shards");
  p.pool_shard_bits = bits;
  auto remap = [&](std::uint32_t& offset) {
    const auto k = static_cast<std::size_t>(
        std::upper_bound(p.pool_shard_start.begin(), p.pool_shard_start.end(), offset) -
        p.pool_shard_start.begin() - 1);
    offset = static_cast<std::uint32_t>(k << bits | (offset - p.pool_shard_start[k]));
  };
  for (auto* v : {&p.locale_tag, &p.locale_likely, &p.likely, &p.alias, &p.field_name})
    for (std::uint32_t& o : *v) remap(o);
  for (std::size_t i = 0; i < p.match_rule.size(); i += 4) remap(p.match_rule[i]);
  for (auto& l : p.texts) {
    for (std::uint64_t& e : l) {
      auto offset = static_cast<std::uint32_t>(e);
      remap(offset);
      e = (e & ~std::uint64_t{0xffffffffu}) | offset;
    }
  }
}

constexpr unsigned char key_record_filler = '.';

/// The key record size (as a power of two, 16 to 128 bytes) for these IDs: the smallest that
/// holds all but one in a hundred, the rest kept apart; when none does, the smallest that holds
/// as many as the largest. Small records keep more of a big table in the cache; each ID kept
/// apart costs its lookups a second read.
std::uint32_t key_record_shift_for(const std::vector<std::string_view>& ids) {
  constexpr std::uint32_t smallest = 4, largest = 7;
  std::size_t longer[largest + 1] = {};  // [k]: IDs that do not fit a record of 2^k bytes
  for (const std::string_view id : ids)
    for (std::uint32_t k = smallest; k <= largest; ++k)
      if (id.size() + 2 > (std::size_t{1} << k)) ++longer[k];
  for (std::uint32_t k = smallest; k <= largest; ++k)
    if (longer[k] * 100 <= ids.size()) return k;
  for (std::uint32_t k = smallest; k < largest; ++k)
    if (longer[k] == longer[largest]) return k;
  return largest;
}

}  // namespace

line_aligned_bytes::line_aligned_bytes(std::size_t size) : size_(size) {
  const std::size_t room = std::max<std::size_t>(size, 1);
  bytes_.reset(static_cast<unsigned char*>(::operator new (room, std::align_val_t{64})));
  std::memset(bytes_.get(), 0, room);
}

line_aligned_bytes::line_aligned_bytes(const line_aligned_bytes& other)
    : line_aligned_bytes(other.size_) {
  if (size_ != 0) std::memcpy(bytes_.get(), other.bytes_.get(), size_);
}

std::string_view table_plan::id(std::size_t i) const {
  return detail::key_in(key_records.data() + (i << key_record_shift),
                        reinterpret_cast<const unsigned char*>(long_keys.data()));
}

detail::table table_plan::view() const {
  static const std::uint32_t dummy32 = 0;
  static const char empty = '\0';
  view_shards_.clear();
  for (std::size_t k = 0; k < pool_shard_start.size(); ++k)
    view_shards_.push_back(pool.empty() ? &empty : pool.data() + pool_shard_start[k]);
  view_bytes_.clear();
  view_texts_.clear();
  for (const std::vector<std::uint64_t>& l : texts) view_texts_.push_back(le_view(l, view_bytes_));
  detail::table t{};
  t.layout_version = table_layout_version;
  t.pool_shard = view_shards_.data();
  t.pool_shard_bits = pool_shard_bits;
  t.locale_count = count32(locales);
  t.source_locale = source_locale;
  t.locale_tag = data_or(locale_tag, dummy32);
  t.locale_likely = data_or(locale_likely, dummy32);
  t.locale_match = data_or(locale_match, dummy32);
  t.likely_count = count32(likely) / 3;
  t.likely = data_or(likely, dummy32);
  t.alias_count = count32(alias) / 2;
  t.alias = data_or(alias, dummy32);
  t.match_rule_count = count32(match_rule) / 4;
  t.match_rule = data_or(match_rule, dummy32);
  t.match_region = data_or(match_region, dummy32);
  t.match_answer_count = count32(match_answer);
  t.match_answer = data_or(match_answer, dummy32);
  t.message_count = count32(message_code);
  t.key_record_shift = key_record_shift;
  t.key_records = key_records.data();
  static const unsigned char no_long_keys = 0;
  t.long_keys =
      long_keys.empty() ? &no_long_keys : reinterpret_cast<const unsigned char*>(long_keys.data());
  t.message_code = le_view(message_code, view_bytes_);
  t.message_fields = le_view(message_fields, view_bytes_);
  t.message_main = le_view(message_main, view_bytes_);
  t.id_hash = {hash_seed, count32(bucket), le_view(bucket, view_bytes_)};
  t.id_sample = id_sample;
  t.field_count = count32(field_name);
  t.field_name = le_view(field_name, view_bytes_);
  t.texts = view_texts_.data();
  t.locale_chain_start = locale_chain_start.data();
  t.locale_chain = locale_chain.data();
  t.code_count = count32(code_value);
  t.code_value = le_view(code_value, view_bytes_);
  t.code_message = le_view(code_message, view_bytes_);
  t.code_hash = {code_seed, count32(code_bucket), le_view(code_bucket, view_bytes_)};
  return t;
}

table_plan make_plan(const model::catalog& cat, const plan_options& options) {
  table_plan p;
  const std::size_t locale_count = cat.locales.size();
  if (locale_count == 0 || locale_count > std::numeric_limits<std::uint16_t>::max())
    throw std::invalid_argument("diaglot: a table needs 1 to 65535 locales");
  const auto locale_count32 = static_cast<std::uint32_t>(locale_count);

  // Locales and the likely-subtags facts the runtime matches requests with.
  p.locales = cat.locales;
  std::unordered_map<std::string_view, std::uint32_t> locale_index;
  for (std::uint32_t i = 0; i < locale_count32; ++i) locale_index.emplace(cat.locales[i], i);
  const auto source = locale_index.find(cat.source_locale);
  if (source == locale_index.end())
    throw std::invalid_argument("diaglot: the source locale is not among the catalog locales");
  p.source_locale = source->second;

  const locale_data::match_data match =
      locale_data::build_match_data(cat.locales, cat.source_locale);
  // The locales and matching facts are added to the pool one by one, the field names and texts
  // in one batch (string_pool::defer). Bytes: the texts' are counted, the short locale and
  // matching strings have room.
  const std::size_t strings = 1 + 4 * locale_count + 3 * match.likely.size() +
                              2 * match.aliases.size() + match.rules.size();
  std::size_t bytes = 64 * strings;
  for (const model::message& m : cat.messages)
    for (const model::field& f : m.fields) {
      bytes += f.name.size() + 1;
      for (const auto& [locale, text] : f.by_locale) bytes += text.text.size() + 1;
    }
  string_pool pool(p.pool, strings, bytes);
  for (std::size_t i = 0; i < locale_count; ++i) {
    p.locale_tag.push_back(pool.add(cat.locales[i]));
    p.locale_likely.push_back(pool.add(match.locales[i].language));
    p.locale_likely.push_back(pool.add(match.locales[i].script));
    p.locale_likely.push_back(pool.add(match.locales[i].region));
  }
  for (std::size_t i = 0; i < locale_count; ++i) {
    p.locale_match.push_back(std::uint32_t{match.rank[i]} << 3 | match.flags[i]);
    p.locale_match.push_back(match.answer[i]);
  }
  plan_matching(match, pool, p);

  // Each locale's chain as catalog indices, computed once per locale.
  std::vector<std::vector<std::uint32_t>> chains(locale_count);
  for (std::size_t i = 0; i < locale_count; ++i) {
    for (const std::string& tag :
         locale_data::fallback_chain(cat.locales[i], cat.locales, cat.source_locale)) {
      const auto it = locale_index.find(tag);
      if (it == locale_index.end()) continue;
      if (std::find(chains[i].begin(), chains[i].end(), it->second) == chains[i].end())
        chains[i].push_back(it->second);
    }
  }
  // As the table stores them: each starts with the locale itself and reaches the source locale
  // (served when no locale has a field); a text entry has four bits for its step.
  std::vector<std::uint64_t> source_step(locale_count);
  p.locale_chain_start.push_back(0);
  for (std::uint32_t i = 0; i < locale_count32; ++i) {
    std::vector<std::uint32_t>& chain = chains[i];
    if (chain.empty() || chain[0] != i) {
      chain.erase(std::remove(chain.begin(), chain.end(), i), chain.end());
      chain.insert(chain.begin(), i);
    }
    auto source_at = std::find(chain.begin(), chain.end(), p.source_locale);
    if (source_at == chain.end()) source_at = chain.insert(chain.end(), p.source_locale);
    source_step[i] = static_cast<std::uint64_t>(source_at - chain.begin());
    if (chain.size() > 16) throw std::length_error("diaglot: a fallback chain of over 16 locales");
    for (const std::uint32_t c : chain) p.locale_chain.push_back(static_cast<std::uint16_t>(c));
    p.locale_chain_start.push_back(static_cast<std::uint32_t>(p.locale_chain.size()));
  }

  // The perfect hash decides where each message lives.
  const std::size_t message_count = cat.messages.size();
  if (message_count >= detail::pilot_direct)
    throw std::length_error("diaglot: too many messages for one table");
  std::vector<std::string_view> ids;
  ids.reserve(message_count);
  for (const model::message& m : cat.messages) ids.emplace_back(m.id);
  p.id_sample = choose_id_sample(ids);
  // IDs that share their sample need not be distinct in it: the hash places them by the whole ID.
  std::optional<perfect_hash> ph = build_perfect_hash(ids, p.id_sample);
  if (!ph) throw std::invalid_argument("diaglot: message IDs are not distinct");
  p.hash_seed = ph->seed;
  p.bucket = stored_buckets(*ph);
  const std::vector<std::uint32_t>& slot_of = ph->slot_of;

  std::vector<std::uint32_t> message_at(message_count);
  for (std::size_t k = 0; k < message_count; ++k)
    message_at[slot_of[k]] = static_cast<std::uint32_t>(k);
  // Main fields first, at their message's slot; the other fields after them.
  p.message_fields.assign(message_count + 1, 0);
  p.message_main.assign(message_count, detail::no_main);
  // An empty table keeps one record, of length 0: the runtime reads slot 0's. The NUL after an
  // ID lets a literal of generated code end there (see the emitter's split_binary); what follows
  // it is never read, and is a byte that a literal writes as itself, one character rather than
  // an escape.
  p.key_record_shift = key_record_shift_for(ids);
  const std::size_t record_size = std::size_t{1} << p.key_record_shift;
  p.key_records = line_aligned_bytes(std::max<std::size_t>(message_count, 1) * record_size);
  std::memset(p.key_records.data(), key_record_filler, p.key_records.size());
  if (message_count == 0) {
    // Length 0 and, kept apart at offset 0, an empty ID: harmless to read, though find() tests
    // for emptiness first (an empty query would match it).
    std::memset(p.key_records.data(), 0, 5);
    p.long_keys.assign(5, '\0');
  }
  std::uint64_t total_fields = message_count;
  p.message_fields[0] = static_cast<std::uint32_t>(message_count);
  for (std::size_t slot = 0; slot < message_count; ++slot) {
    const model::message& m = cat.messages[message_at[slot]];
    for (std::size_t i = 0; i < m.fields.size(); ++i) {
      if (m.fields[i].name == "summary" || m.fields[i].name == "text") {
        p.message_main[slot] = static_cast<std::uint32_t>(i);
        break;
      }
    }
    total_fields += m.fields.size() - (p.message_main[slot] != detail::no_main ? 1 : 0);
    if (total_fields >= std::numeric_limits<std::uint32_t>::max() / 2)
      throw std::length_error("diaglot: too many fields for one table");
    p.message_fields[slot + 1] = static_cast<std::uint32_t>(total_fields);
    if (m.id.find('\0') != std::string::npos)
      throw std::invalid_argument("diaglot: a message ID holds a NUL byte");
    unsigned char* record = p.key_records.data() + slot * record_size;
    if (!m.id.empty() && m.id.size() + 2 <= record_size) {
      record[0] = static_cast<unsigned char>(m.id.size());
      std::memcpy(record + 1, m.id.data(), m.id.size());
      record[1 + m.id.size()] = 0;
    } else {
      if (p.long_keys.size() + 4 + m.id.size() + 1 > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("diaglot: the long message IDs exceed 4 GiB");
      record[0] = 0;  // kept apart: where follows
      put_le(record + 1, static_cast<std::uint32_t>(p.long_keys.size()));
      unsigned char length[4];
      put_le(length, static_cast<std::uint32_t>(m.id.size()));
      p.long_keys.append(reinterpret_cast<const char*>(length), 4);
      p.long_keys += m.id;
      p.long_keys += '\0';  // as in a record: every ID is a C string too
    }
  }
  const auto field_total = static_cast<std::uint32_t>(total_fields);
  p.message_code.resize(message_count);
  p.field_name.assign(field_total, 0);
  // A message without a main field keeps "" in the requested locale itself (step 0) as text().
  p.texts.assign(locale_count, std::vector<std::uint64_t>(field_total, 0));

  // Messages in catalog order, so that the pool does not depend on the hash seed; each is
  // written at its slot. Field names and texts get pool tickets here, offsets once the pool
  // has resolved them all: a text entry holds its ticket meanwhile, and an empty text (or none)
  // gets offset 0, where "" is.
  std::vector<std::uint8_t> served(locale_count);
  struct located {
    std::uint32_t offset = no_text, length = 0;
  };
  std::vector<located> text_at(locale_count);
  // Locales whose text of the field is marked not for translation: they serve the source's.
  std::vector<std::uint8_t> source_only(locale_count);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> codes;  // (code, slot)
  std::vector<std::uint32_t> name_ticket(field_total, no_text);
  // Calls visit(catalog index, value) for each locale of a locale_map the catalog has. Both are
  // sorted by tag: one walk side by side, no lookup per text.
  const auto for_each_catalog_locale = [&](const auto& by_locale, const auto& visit) {
    std::size_t l = 0;
    for (const auto& [tag, value] : by_locale) {
      while (l < locale_count && cat.locales[l] < tag) ++l;
      if (l == locale_count) return;
      if (cat.locales[l] == tag) visit(l, value);
    }
  };
  for (std::size_t k = 0; k < message_count; ++k) {
    const model::message& m = cat.messages[k];
    const std::uint32_t slot = slot_of[k];
    p.message_code[slot] = m.code ? *m.code : detail::no_code;
    if (m.code) codes.emplace_back(*m.code, slot);
    std::fill(served.begin(), served.end(), std::uint8_t{1});
    for_each_catalog_locale(m.states, [&](std::size_t locale, model::state st) {
      served[locale] = model::is_served(st) ? 1 : 0;
    });
    std::uint32_t next = p.message_fields[slot];
    for (std::size_t i = 0; i < m.fields.size(); ++i) {
      const model::field& f = m.fields[i];
      const std::uint32_t field = i == p.message_main[slot] ? slot : next++;
      name_ticket[field] = pool.defer(f.name);
      std::fill(text_at.begin(), text_at.end(), located{});
      std::fill(source_only.begin(), source_only.end(), std::uint8_t{0});
      for_each_catalog_locale(f.by_locale, [&](std::size_t locale, const model::field_text& text) {
        if (!served[locale]) return;
        if (!text.served()) {
          source_only[locale] = text.source_only();
          return;
        }
        if (text.text.size() > detail::text_length_mask)
          throw std::length_error("diaglot: a text exceeds 256 MiB");
        text_at[locale] = {pool.defer(text.text), static_cast<std::uint32_t>(text.text.size())};
      });
      for (std::size_t l = 0; l < locale_count; ++l) {
        // "" in the source locale when no locale has the field.
        located text{0, 0};
        std::uint64_t step = source_step[l];
        for (std::size_t c = 0; c < chains[l].size(); ++c) {
          if (source_only[chains[l][c]]) {
            text = text_at[p.source_locale].offset != no_text ? text_at[p.source_locale]
                                                              : located{0, 0};
            break;
          }
          if (text_at[chains[l][c]].offset != no_text) {
            text = text_at[chains[l][c]];
            step = c;
            break;
          }
        }
        p.texts[l][field] = text.offset | std::uint64_t{text.length} << detail::text_length_shift |
                            step << detail::text_step_shift;
      }
    }
  }

  const std::vector<std::uint32_t> offset_of = pool.resolve(options.jobs);
  for (std::size_t field = 0; field < field_total; ++field)
    if (name_ticket[field] != no_text) p.field_name[field] = offset_of[name_ticket[field]];
  parallel::for_each_index(locale_count, options.jobs, [&](std::size_t l) {
    for (std::uint64_t& e : p.texts[l]) {
      const bool empty = ((e >> detail::text_length_shift) & detail::text_length_mask) == 0;
      e = (e & ~std::uint64_t{0xffffffffu}) |
          (empty ? 0 : offset_of[static_cast<std::uint32_t>(e)]);
    }
  });

  // Codes by their own perfect hash; sorted first, so the result does not depend on input order.
  std::sort(codes.begin(), codes.end());
  std::vector<std::uint32_t> code_keys;
  for (const auto& c : codes) code_keys.push_back(c.first);
  std::optional<perfect_hash> code_ph = build_perfect_hash(code_keys);
  if (!code_ph) throw std::invalid_argument("diaglot: numeric codes are not distinct");
  p.code_seed = code_ph->seed;
  p.code_bucket = stored_buckets(*code_ph);
  p.code_value.resize(codes.size());
  p.code_message.resize(codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) {
    p.code_value[code_ph->slot_of[i]] = codes[i].first;
    p.code_message[code_ph->slot_of[i]] = codes[i].second;
  }

  shard_pool(options.shards, p);
  return p;
}

}  // namespace diaglot::plan
