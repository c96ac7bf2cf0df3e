// diaglot compiler: a small text writer for generated code. Fixed text is written as templates
// with {{NAME}} placeholders (as flatbuffers' CodeWriter does) instead of long `<<` chains; bulk
// data is appended raw.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace diaglot::emit {

class code_writer {
 public:
  /// Sets the value that replaces {{key}}.
  void set(const std::string& key, std::string value) { vars_[key] = std::move(value); }

  /// Appends text with each {{key}} replaced by its value, then a newline.
  void line(std::string_view text) {
    for (;;) {
      const std::size_t open = text.find("{{");
      if (open == std::string_view::npos) break;
      const std::size_t close = text.find("}}", open + 2);
      if (close == std::string_view::npos) break;
      out_.append(text.substr(0, open));
      const auto it = vars_.find(std::string(text.substr(open + 2, close - open - 2)));
      if (it == vars_.end())
        throw std::logic_error("code_writer: no value for " +
                               std::string(text.substr(open, close + 2 - open)));
      out_ += it->second;
      text.remove_prefix(close + 2);
    }
    out_.append(text);
    out_.push_back('\n');
  }

  /// Appends text as it is.
  void raw(std::string_view text) { out_.append(text); }

  std::string& buffer() { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::map<std::string, std::string> vars_;
  std::string out_;
};

}  // namespace diaglot::emit
