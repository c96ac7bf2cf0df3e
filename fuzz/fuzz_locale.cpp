// Fuzz target for the runtime's locale parsing, Accept-Language negotiation (no ICU) and lookup
// by string ID: any bytes must give a catalog locale, and find a message only when they are its
// ID, without crashing or allocating.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <diaglot/catalog.hpp>

#include "model/model.hpp"
#include "plan/table_plan.hpp"

namespace {

/// An ID too long for a key record, kept apart in the table's long keys; "A" fits a record.
const std::string& long_id() {
  static const std::string id = "Long." + std::string(150, 'x') + ".Id";
  return id;
}

const diaglot::plan::table_plan& plan() {
  static const diaglot::plan::table_plan p = [] {
    diaglot::model::catalog cat;
    cat.locales = {"de-DE", "en", "ja-JP", "ko-KR", "pt-BR", "zh-Hans", "zh-Hant"};
    diaglot::model::message m;
    m.id = "A";
    diaglot::model::field f;
    f.name = "text";
    for (const auto& l : cat.locales) f.by_locale[l].text = "t " + l;
    m.fields.push_back(f);
    cat.messages.push_back(m);
    m.id = long_id();
    cat.messages.push_back(m);
    return diaglot::plan::make_plan(cat);
  }();
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const diaglot::detail::table table = plan().view();
  const diaglot::catalog c(table);
  // Both IDs are found, whatever inputs the run is given.
  static const bool ids_found = [&] {
    for (const std::string_view id : {std::string_view("A"), std::string_view(long_id())}) {
      const auto m = c.find(id, c.source_locale());
      if (!m || m->id() != id) __builtin_trap();
    }
    return true;
  }();
  (void)ids_found;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const diaglot::locale a = c.locale(text);
  const diaglot::locale b = c.negotiate(text);
  if (a.index() >= c.locale_count() || b.index() >= c.locale_count()) __builtin_trap();
  const auto found = c.find(text, a);
  const bool is_id = text == "A" || text == long_id();
  if (found.has_value() != is_id || (found && found->id() != text)) __builtin_trap();
  return 0;
}
