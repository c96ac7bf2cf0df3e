// Time to first lookup with gettext: setlocale, bind the domain, one pgettext-style lookup (the
// .mo file is opened and mapped on the first call).
#include <libintl.h>
#include <unistd.h>

#include <clocale>
#include <cstring>

int main() {
  std::setlocale(LC_ALL, "");
  ::bindtextdomain("wcf", DIAGLOT_BENCH_MO_DIR);
  ::bind_textdomain_codeset("wcf", "UTF-8");
  static const char key[] =
      "System.ServiceModel.Federation.Strings.ActivityProcessAction\004Process action '{0}'.";
  const char* text = ::dcgettext("wcf", key, LC_MESSAGES);
  if (text == key) return 1;
  const std::size_t n = std::strlen(text);
  return ::write(1, text, n) == static_cast<ssize_t>(n) ? 0 : 1;
}
