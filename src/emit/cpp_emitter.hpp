// diaglot compiler: writes a table plan as C++: a header with the catalog object and typed IDs,
// and sources with constant data only (no dynamic initializer, no timestamps): NAME.cpp with
// the table, and one NAME.shardK.cpp per further pool shard, compiled in parallel.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "plan/table_plan.hpp"

namespace diaglot::emit {

struct cpp_options {
  std::string name;                 ///< file stem and catalog object name, e.g. "wcf_traces"
  std::string name_space;           ///< C++ namespace, "a::b"; empty = global
  std::vector<std::string> inputs;  ///< named in the banner
  /// Threads to write the files on (0: one per core); the output is the same for any number.
  unsigned jobs = 0;
};

struct cpp_files {
  std::string header;
  /// NAME.cpp, in pieces built side by side: the file is the pieces one after the other.
  std::vector<std::string> source;
  /// NAME.shard1.cpp, NAME.shard2.cpp, ...: the further pool shards of a sharded plan.
  std::vector<std::string> shards;
};

cpp_files emit_cpp(const plan::table_plan& plan, const cpp_options& options);

/// A C++ identifier for one dotted-ID part: invalid characters become '_' (one per UTF-8
/// character, never "__"), a leading digit gets a '_' prefix, "_Upper" loses its '_', and a
/// keyword or common macro name gets a '_' suffix. Collisions are resolved by the emitter.
std::string mangle_identifier(std::string_view part);

/// What is wrong with `ns` as the generated code's namespace ("a::b"), as a translated phrase
/// (diag::phrase), or "" when nothing is.
std::string namespace_problem(const std::string& ns);

}  // namespace diaglot::emit
