#include <cstdio>
#include <string>

#include <diaglot/format.hpp>

#include "files.hpp"
#include "greetings.hpp"

int main() {
  const diaglot::locale ko = app::greetings.locale("ko_KR.UTF-8");
  const auto by_id = app::greetings.find("App.Hello", ko);
  const auto by_code = app::greetings.find(std::uint32_t{0x10}, ko);  // from codes.tsv
  const diaglot::message typed = app::greetings.get(app::ids::App::Hello, ko);
  if (!by_id || !by_code || by_id->text() != typed.text()) return 1;
  if (n::files.size() != 1) return 3;
  // diaglot::format, with the argument count checked at compile time by the typed ID.
  const diaglot::format_result files =
      diaglot::format(app::greetings, app::ids::App::Files, ko, 3, "docs");
  if (!files) return 2;
  std::printf("%s [%s] %s\n", std::string(typed.text()).c_str(),
              std::string(app::greetings.tag(typed.locale())).c_str(), files.value().c_str());
  return 0;
}
