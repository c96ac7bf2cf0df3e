// Time to first lookup with ICU: open the resource bundle for LANGUAGE's first entry, one lookup
// with a UTF-8 result.
#include <unicode/ures.h>

#include <unistd.h>

#include <cstdlib>
#include <string>

int main() {
  const char* language = std::getenv("LANGUAGE");
  std::string locale = language ? language : "";
  locale = locale.substr(0, locale.find(':'));
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* bundle = ures_open(DIAGLOT_BENCH_RES_DIR "/", locale.c_str(), &status);
  if (U_FAILURE(status)) return 1;
  char buffer[4096];
  std::int32_t n = sizeof buffer;
  const char* text = ures_getUTF8StringByKey(
      bundle, "System.ServiceModel.Federation.Strings.ActivityProcessAction", buffer, &n, false,
      &status);
  if (U_FAILURE(status)) return 1;
  const bool ok = ::write(1, text, static_cast<std::size_t>(n)) == n;
  ures_close(bundle);
  return ok ? 0 : 1;
}
