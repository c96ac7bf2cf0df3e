// Test support: everything a catalog answers, as text. The emitter tests compare the dump of a
// compiled generated table with the dump of the plan it came from, so this header is included
// both by test_emit and by the small program the tests compile.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "diaglot/catalog.hpp"

namespace diaglot::testing {

inline void dump_bytes(std::string& out, std::string_view s) {
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += ch;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
}

/// Every message in every locale, with the locale that served each field, and whether finding
/// it again by ID and by code reaches the same table entry.
inline std::string dump(const catalog& c) {
  std::string out;
  for (std::size_t l = 0; l < c.locale_count(); ++l) {
    const locale loc(static_cast<std::uint16_t>(l));
    out += "locale ";
    dump_bytes(out, c.tag(loc));
    out += c.locale(c.tag(loc)) == loc ? " resolves to itself\n" : " resolves elsewhere\n";
  }
  out += "source ";
  dump_bytes(out, c.tag(c.source_locale()));
  out += '\n';
  for (std::size_t i = 0; i < c.size(); ++i) {
    const message first = c.at(i, c.source_locale());
    out += "message ";
    dump_bytes(out, first.id());
    if (const auto code = first.code()) {
      out += " code " + std::to_string(*code);
      const auto by_code = c.find(*code, c.source_locale());
      out += by_code && by_code->id().data() == first.id().data() ? " found" : " LOST";
    }
    const auto by_id = c.find(first.id(), c.source_locale());
    out += by_id && by_id->id().data() == first.id().data() ? " found\n" : " LOST\n";
    for (std::size_t l = 0; l < c.locale_count(); ++l) {
      const message m = c.at(i, locale(static_cast<std::uint16_t>(l)));
      for (std::size_t f = 0; f < m.field_count(); ++f) {
        out += "  ";
        dump_bytes(out, c.tag(m.requested_locale()));
        out += ' ';
        dump_bytes(out, m.field_name(f));
        out += " from ";
        dump_bytes(out, c.tag(m.field_locale(f)));
        out += ": ";
        dump_bytes(out, m.field_text(f));
        out += '\n';
      }
    }
  }
  return out;
}

}  // namespace diaglot::testing
