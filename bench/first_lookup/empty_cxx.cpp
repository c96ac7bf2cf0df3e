// The floor of a fresh C++ process that loads libstdc++ (as one that uses std::string_view's
// checked substr does, like diaglot's runtime): an empty main otherwise.
#include <string_view>

int main(int argc, char** argv) {
  return std::string_view(argv[0]).substr(static_cast<std::size_t>(argc) - 1).empty() ? 1 : 0;
}
