// Test support for plan, emit and runtime tests: builds model::catalog values directly (the
// readers and model::build_catalog are tested elsewhere and are not needed here).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "model/model.hpp"

namespace diaglot::testing {

class catalog_builder {
 public:
  explicit catalog_builder(std::vector<std::string> locales, std::string source = "en") {
    cat_.locales = std::move(locales);
    cat_.source_locale = std::move(source);
  }

  /// Sets a field's text in a locale (fields keep the order they are first named in).
  catalog_builder& text(const std::string& id, const std::string& field, const std::string& locale,
                        const std::string& text) {
    model::message& m = message(id);
    model::field* f = nullptr;
    for (model::field& existing : m.fields)
      if (existing.name == field) f = &existing;
    if (!f) {
      m.fields.push_back({field, {}});
      f = &m.fields.back();
    }
    model::field_text& t = f->by_locale[locale];
    t.name = field;
    t.text = text;
    return *this;
  }

  /// Marks a field's text in a locale not for translation (XLIFF translate="no"), its text the
  /// unit's own English.
  catalog_builder& source_only(const std::string& id, const std::string& field,
                               const std::string& locale, const std::string& english) {
    text(id, field, locale, english);
    for (model::field& f : message(id).fields)
      if (f.name == field) f.by_locale[locale].set_source_only();
    return *this;
  }

  /// Sets the state of a message's text in a locale.
  catalog_builder& state(const std::string& id, const std::string& locale, model::state st) {
    message(id).states[locale] = st;
    return *this;
  }

  catalog_builder& code(const std::string& id, std::uint32_t code) {
    message(id).code = code;
    return *this;
  }

  /// The catalog, messages sorted by ID as the model keeps them.
  model::catalog build() const {
    model::catalog out = cat_;
    for (const auto& [id, m] : messages_) out.messages.push_back(m);
    return out;
  }

 private:
  model::message& message(const std::string& id) {
    model::message& m = messages_[id];
    m.id = id;
    return m;
  }

  model::catalog cat_;
  std::map<std::string, model::message> messages_;
};

}  // namespace diaglot::testing
