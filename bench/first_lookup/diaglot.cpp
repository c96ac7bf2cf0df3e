// Time to first lookup with diaglot: resolve the locale from LANGUAGE, find one message by its
// string ID, use its text. The table is constant data in the executable; nothing is loaded.
// Like every first-lookup program, it writes the text with one write(2): stdio's first fwrite
// sets up a heap and a buffer (about 25 us), a cost of the C library that is not the lookup's.
#include <unistd.h>

#include <cstdlib>

#include "wcf.hpp"

int main() {
  const char* language = std::getenv("LANGUAGE");
  const diaglot::locale l = wcf::wcf.negotiate(language ? language : "");
  const auto m = wcf::wcf.find("System.ServiceModel.Federation.Strings.ActivityProcessAction", l);
  if (!m || m->text().empty()) return 1;
  const std::string_view text = m->text();
  return ::write(1, text.data(), text.size()) == static_cast<ssize_t>(text.size()) ? 0 : 1;
}
