// A deliberate dynamic initializer: proves the no_dynamic_init check can fail.
#include <string>
std::string diaglot_sample_with_dynamic_init = std::to_string(42);
