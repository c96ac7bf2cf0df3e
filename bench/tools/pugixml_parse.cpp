// Floors of compiling a corpus of .xlf files (every one under the given directories).
// - By default: parse each file with pugixml's default options, one after another, and nothing
//   else (prints the file and element counts so nothing is skipped).
// - With --extract: what a lean reader and model would do at the least, on one thread per core
//   as diaglot reads: parse each file in place, keep a record of views into the parsed file for
//   each <trans-unit> (its name, source and target), then group the records by name. No
//   validation, no diagnostics, no locations, no inline markup: a bound on how fast diaglot's
//   reading and model could become, not a compiler.
#include <pugixml.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace {

std::size_t count_elements(const pugi::xml_node& n) {
  std::size_t count = n.type() == pugi::node_element ? 1 : 0;
  for (const pugi::xml_node& c : n.children()) count += count_elements(c);
  return count;
}

int parse_only(const std::vector<std::filesystem::path>& files) {
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

/// A unit as the lean reader keeps it: views into its parsed file.
struct unit {
  std::string_view name, source, target;
};

/// One file, parsed in place: its bytes and tree stay while its units are used.
struct parsed_file {
  std::string bytes;
  pugi::xml_document doc;
  std::vector<unit> units;
  bool ok = false;
};

bool named(const pugi::xml_node& n, const char* name) { return std::strcmp(n.name(), name) == 0; }

void collect(const pugi::xml_node& parent, std::vector<unit>& out) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    if (named(c, "group")) {
      collect(c, out);
    } else if (named(c, "trans-unit")) {
      const char* name = c.attribute("resname").value();
      if (*name == '\0') name = c.attribute("id").value();
      out.push_back({name, c.child("source").child_value(), c.child("target").child_value()});
    }
  }
}

void read_file(const std::filesystem::path& path, parsed_file& f) {
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (!in) return;
  f.bytes.resize(std::filesystem::file_size(path));
  const bool read = std::fread(f.bytes.data(), 1, f.bytes.size(), in) == f.bytes.size();
  std::fclose(in);
  if (!read || !f.doc.load_buffer_inplace(f.bytes.data(), f.bytes.size(), pugi::parse_default,
                                          pugi::encoding_utf8))
    return;
  for (pugi::xml_node file = f.doc.document_element().child("file"); file;
       file = file.next_sibling("file"))
    collect(file.child("body"), f.units);
  f.ok = true;
}

int extract(const std::vector<std::filesystem::path>& paths) {
  using clock = std::chrono::steady_clock;
  const clock::time_point start = clock::now();
  std::vector<parsed_file> files(paths.size());
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t i = next++; i < paths.size(); i = next++) read_file(paths[i], files[i]);
  };
  std::vector<std::thread> threads(std::max(1u, std::thread::hardware_concurrency()) - 1);
  for (std::thread& t : threads) t = std::thread(worker);
  worker();
  for (std::thread& t : threads) t.join();
  const clock::time_point read = clock::now();
  std::size_t units = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!files[i].ok) {
      std::fprintf(stderr, "%s: cannot read or parse\n", paths[i].c_str());
      return 1;
    }
    units += files[i].units.size();
  }
  std::unordered_map<std::string_view, std::uint32_t> group_of;
  group_of.reserve(units / 8);
  std::vector<std::uint32_t> group(units);
  std::size_t k = 0;
  for (const parsed_file& f : files)
    for (const unit& u : f.units)
      group[k++] =
          group_of.try_emplace(u.name, static_cast<std::uint32_t>(group_of.size())).first->second;
  const clock::time_point grouped = clock::now();
  const auto ms = [](clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
  };
  std::printf("%zu files, %zu units, %zu names; reading and extracting %.1f ms, grouping %.1f ms\n",
              files.size(), units, group_of.size(), ms(read - start), ms(grouped - read));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool lean = false;
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--extract") {
      lean = true;
      continue;
    }
    for (const auto& e : std::filesystem::recursive_directory_iterator(argv[i]))
      if (e.is_regular_file() && e.path().extension() == ".xlf") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return lean ? extract(files) : parse_only(files);
}
