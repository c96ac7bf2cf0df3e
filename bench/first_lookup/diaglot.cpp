// Time to first lookup with diaglot: resolve the locale from LANGUAGE, find one message by its
// string ID, use its text. The table is constant data in the executable; nothing is loaded.
#include <cstdio>
#include <cstdlib>

#include "wcf.hpp"

int main() {
  const char* language = std::getenv("LANGUAGE");
  const diaglot::locale l = wcf::wcf.negotiate(language ? language : "");
  const auto m = wcf::wcf.find("System.ServiceModel.Federation.Strings.ActivityProcessAction", l);
  if (!m || m->text().empty()) return 1;
  return std::fwrite(m->text().data(), 1, m->text().size(), stdout) == m->text().size() ? 0 : 1;
}
