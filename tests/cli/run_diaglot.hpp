// The real diaglot program (DIAGLOT_EXE) run as a user runs it, for the CLI tests.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "support/corpus.hpp"

namespace diaglot::testing {

struct result {
  int status = -1;
  std::string out, err;
};

/// s as one shell word.
inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (const char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// A fresh, empty folder for one test.
inline std::filesystem::path temp_dir(const std::string& name) {
  // ctest runs tests as parallel processes: the pid keeps their folders apart.
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("diaglot-cli-test-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// Runs diaglot in folder `cwd` (when given) with an environment prefix, capturing its output.
inline result run_diaglot(const std::vector<std::string>& args, const std::string& env,
                          const std::filesystem::path& cwd) {
  static int counter = 0;
  const std::filesystem::path dir = temp_dir("run" + std::to_string(++counter));
  std::string cmd = cwd.empty() ? std::string() : "cd " + quote(cwd.string()) + " && ";
  cmd += "env -u LC_ALL -u LC_MESSAGES " + env + " " + quote(DIAGLOT_EXE);
  for (const std::string& a : args) cmd += " " + quote(a);
  cmd += " >" + quote((dir / "out").string()) + " 2>" + quote((dir / "err").string());
  const int raw = std::system(cmd.c_str());
  result r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_file((dir / "out").string());
  r.err = read_file((dir / "err").string());
  std::filesystem::remove_all(dir);
  return r;
}

/// Runs diaglot with arguments and an environment prefix such as "LANG=C", capturing output.
/// (The prefix is a C string so that a folder cannot be passed for it by mistake.)
inline result run(const std::vector<std::string>& args, const char* env = "LANG=C LANGUAGE=") {
  return run_diaglot(args, env, {});
}

/// The same in the C locale, in folder `cwd`.
inline result run_in(const std::filesystem::path& cwd, const std::vector<std::string>& args) {
  return run_diaglot(args, "LANG=C LANGUAGE=", cwd);
}

}  // namespace diaglot::testing
