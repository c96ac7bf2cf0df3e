// The floor of compiling a corpus: parse every .xlf under the given directories with pugixml's
// default options, and nothing else (prints the file and element counts so nothing is skipped).
#include <pugixml.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {
std::size_t count_elements(const pugi::xml_node& n) {
  std::size_t count = n.type() == pugi::node_element ? 1 : 0;
  for (const pugi::xml_node& c : n.children()) count += count_elements(c);
  return count;
}
}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i)
    for (const auto& e : std::filesystem::recursive_directory_iterator(argv[i]))
      if (e.is_regular_file() && e.path().extension() == ".xlf") files.push_back(e.path());
  std::size_t elements = 0;
  for (const auto& f : files) {
    pugi::xml_document doc;
    const pugi::xml_parse_result r = doc.load_file(f.c_str());
    if (!r) {
      std::fprintf(stderr, "%s: %s\n", f.c_str(), r.description());
      return 1;
    }
    elements += count_elements(doc);
  }
  std::printf("%zu files, %zu elements\n", files.size(), elements);
  return 0;
}
