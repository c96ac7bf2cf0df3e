#include "support/corpus.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace diaglot::testing {

std::string shared_path(const std::string& relative) {
  const std::filesystem::path p = std::filesystem::path(DIAGLOT_SHARED_DIR) / relative;
  std::error_code ec;
  if (!std::filesystem::exists(p, ec)) return {};
  return std::filesystem::weakly_canonical(p, ec).string();
}

std::string fixture_path(const std::string& relative) {
  return (std::filesystem::path(DIAGLOT_FIXTURES_DIR) / relative).string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace diaglot::testing
