// diaglot compiler: which texts of a message are served, asked locale by locale in the order of a
// field's texts. Both maps are ordered by locale, so one walk replaces a lookup per text.
#pragma once

#include <string>

#include "model/model.hpp"

namespace diaglot::check {

/// Whether a message serves its text in a locale (a locale without a state does), for locales
/// asked in increasing order.
class served_walk {
 public:
  explicit served_walk(const model::locale_map<model::state>& states)
      : it_(states.begin()), end_(states.end()) {}

  bool operator()(const std::string& locale) {
    for (; it_ != end_; ++it_) {
      const int c = it_->first.compare(locale);
      if (c > 0) return true;
      if (c == 0) return model::is_served(it_->second);
    }
    return true;
  }

 private:
  model::locale_map<model::state>::const_iterator it_, end_;
};

}  // namespace diaglot::check
