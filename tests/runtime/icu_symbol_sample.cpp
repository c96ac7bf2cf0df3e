// A library that uses ICU, to prove that no_icu_symbols.cmake catches it (that test must fail).
#include <unicode/utypes.h>

const char* diaglot_icu_symbol_sample(int code) {
  return u_errorName(static_cast<UErrorCode>(code));
}
