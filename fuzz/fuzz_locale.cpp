// Fuzz target for the runtime's locale parsing, Accept-Language negotiation (no ICU) and lookup
// by string ID: any bytes must give a catalog locale, and find a message only when they are its
// ID, without crashing or allocating.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <diaglot/catalog.hpp>

#include "model/model.hpp"
#include "plan/table_plan.hpp"

namespace {

/// The table's IDs: "A" fits a key record and is hashed whole; one too long for a record is kept
/// apart in the long keys; two alike in their first and last 150 bytes share what the ID hash
/// samples (their bucket is placed by the whole-ID hash); twenty more make the sample pay.
const std::vector<std::string>& ids() {
  static const std::vector<std::string> all = [] {
    const std::string wide(150, 'w');
    std::vector<std::string> v = {"A", "Long." + std::string(150, 'x') + ".Id", wide + "a" + wide,
                                  wide + "b" + wide};
    for (int i = 0; i < 20; ++i) v.push_back("Trace.Channel.Message" + std::to_string(i));
    return v;
  }();
  return all;
}

const diaglot::plan::table_plan& plan() {
  static const diaglot::plan::table_plan p = [] {
    diaglot::model::catalog cat;
    cat.locales = {"de-DE", "en", "ja-JP", "ko-KR", "pt-BR", "zh-Hans", "zh-Hant"};
    diaglot::model::message m;
    diaglot::model::field f;
    f.name = "text";
    for (const auto& l : cat.locales) f.by_locale[l].text = "t " + l;
    m.fields.push_back(f);
    for (const std::string& id : ids()) {
      m.id = id;
      cat.messages.push_back(m);
    }
    std::sort(cat.messages.begin(), cat.messages.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    return diaglot::plan::make_plan(cat);
  }();
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const diaglot::detail::table table = plan().view();
  const diaglot::catalog c(table);
  // Every ID is found, whatever inputs the run is given, and the sample is on.
  static const bool ids_found = [&] {
    if (table.id_sample.sampled != 1) __builtin_trap();
    for (const std::string& id : ids()) {
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
  const bool is_id = std::find(ids().begin(), ids().end(), text) != ids().end();
  if (found.has_value() != is_id || (found && found->id() != text)) __builtin_trap();
  return 0;
}
