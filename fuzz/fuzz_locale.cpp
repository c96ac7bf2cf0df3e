// Fuzz target for the runtime's locale parsing and Accept-Language negotiation (no ICU): any
// bytes must give a catalog locale, without crashing or allocating.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <diaglot/catalog.hpp>

#include "model/model.hpp"
#include "plan/table_plan.hpp"

namespace {

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
    return diaglot::plan::make_plan(cat);
  }();
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const diaglot::detail::table table = plan().view();
  const diaglot::catalog c(table);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const diaglot::locale a = c.locale(text);
  const diaglot::locale b = c.negotiate(text);
  if (a.index() >= c.locale_count() || b.index() >= c.locale_count()) __builtin_trap();
  (void)c.find(text, a);
  return 0;
}
