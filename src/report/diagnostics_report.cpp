#include "report/diagnostics_report.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <system_error>

#include "diaglot/version.hpp"
#include "util/json.hpp"

namespace diaglot::report {

namespace {

const char* severity_name(severity s) {
  return s == severity::error ? "error" : s == severity::warning ? "warning" : "note";
}

void append_json_one(std::string& out, const diagnostic& d, const source_manager& sources,
                     const message_text_fn& text) {
  out += "{\"code\": ";
  json::append_string(out, diag_code(d.code));
  out += ", \"severity\": ";
  json::append_string(out, severity_name(d.level));
  if (d.where.known()) {
    const line_column pos = sources.position(d.where);
    out += ", \"file\": ";
    json::append_string(out, sources.path(d.where.file));
    out +=
        ", \"line\": " + std::to_string(pos.line) + ", \"column\": " + std::to_string(pos.column);
  }
  out += ", \"message\": ";
  json::append_string(out, text(d.code, d.args));
}

/// A message string as SARIF 2.1.0 reads one (§3.11.5): `{n}` is a placeholder for the message's
/// `arguments[n]`, and a literal brace is doubled. Messages quote placeholders (`{0}`, `{dir}`)
/// and carry no arguments.
std::string sarif_message(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    out += c;
    if (c == '{' || c == '}') out += c;
  }
  return out;
}

/// A code's message template in the language of `text`: each placeholder given as itself.
std::string message_template(const message_text_fn& text, diag code) {
  std::vector<std::string> placeholders;
  for (int i = 0; i < 10; ++i) placeholders.push_back("{" + std::to_string(i) + "}");
  return text(code, placeholders);
}

namespace fs = std::filesystem;

/// The run's working directory, absolute and lexically normal, without a trailing separator:
/// `given`, else the process's; empty when it is not known.
fs::path working_directory(const std::string& given) {
  std::error_code ec;
  fs::path dir = given.empty() ? fs::current_path(ec) : fs::absolute(given, ec);
  if (ec || dir.empty()) return {};
  dir = dir.lexically_normal();
  if (!dir.has_filename() && dir.has_relative_path()) dir = dir.parent_path();  // "/a/b/"
  return dir;
}

/// Where an artifact is, as the members of an artifactLocation (§3.4): a path under `base` (the
/// working directory) as a URI relative to SRCROOT, any other path as an absolute `file://` URI
/// without a base, and every path as given when there is no base.
std::string artifact_location(const std::string& path, const fs::path& base) {
  std::string uri = path_to_uri(path);
  bool under_base = false;
  if (!base.empty() && !path.empty()) {
    const fs::path p(path);
    const fs::path whole = (p.is_absolute() ? p : base / p).lexically_normal();
    const fs::path relative = whole.lexically_relative(base);
    // Under the base: a path that neither climbs out of it nor is the base itself.
    under_base = !relative.empty() && *relative.begin() != ".." && relative != ".";
    uri = path_to_uri(under_base ? relative.generic_string() : whole.string());
  }
  std::string out = "\"uri\": ";
  json::append_string(out, uri);
  if (under_base) out += ", \"uriBaseId\": \"SRCROOT\"";
  return out;
}

/// `"physicalLocation": {...}` of a known place; `locations` are the artifactLocation members of
/// each file.
void append_physical_location(std::string& out, const diagnostic& d, const source_manager& sources,
                              const std::vector<std::string>& locations) {
  const line_column pos = sources.position(d.where);
  out += "\"physicalLocation\": {\"artifactLocation\": {";
  out += locations[d.where.file];
  out += ", \"index\": " + std::to_string(d.where.file) + "}";
  if (pos.line > 0)
    out += ", \"region\": {\"startLine\": " + std::to_string(pos.line) +
           ", \"startColumn\": " + std::to_string(pos.column) + "}";
  out += "}";
}

/// `"name": {"text": ...}` and, when given, `"markdown"`.
void append_multiformat(std::string& out, std::string_view name, const std::string& text,
                        const std::string* markdown) {
  out += ", ";
  json::append_string(out, name);
  out += ": {\"text\": ";
  json::append_string(out, text);
  if (markdown) {
    out += ", \"markdown\": ";
    json::append_string(out, *markdown);
  }
  out += "}";
}

}  // namespace

std::string diagnostics_json(const std::vector<diagnostic>& ds, const source_manager& sources,
                             const message_text_fn& text) {
  std::string out = "[";
  for (std::size_t i = 0; i < ds.size(); ++i) {
    if (i) out += ",\n ";
    append_json_one(out, ds[i], sources, text);
    out += ", \"notes\": [";
    for (std::size_t j = 0; j < ds[i].notes.size(); ++j) {
      if (j) out += ", ";
      append_json_one(out, ds[i].notes[j], sources, text);
      out += "}";
    }
    out += "]}";
  }
  out += "]\n";
  return out;
}

std::string path_to_uri(const std::string& path) {
  std::string out;
  if (!path.empty() && path[0] == '/') out = "file://";
  for (const char ch : path) {
    const unsigned char c = static_cast<unsigned char>(ch);
    // RFC 3986 unreserved characters and the path's own separators pass; the rest is encoded.
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += ch;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string diagnostics_sarif(const std::vector<diagnostic>& ds, const source_manager& sources,
                              const message_text_fn& text, const sarif_options& options) {
  // Rules: every code reported, ascending, so ruleIndex is stable for the same diagnostics.
  std::vector<diag> codes;
  for (const diagnostic& d : ds) codes.push_back(d.code);
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  std::map<diag, std::size_t> rule_index;
  for (std::size_t i = 0; i < codes.size(); ++i) rule_index[codes[i]] = i;

  std::string out =
      "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
      "  \"version\": \"2.1.0\",\n  \"runs\": [{\n    \"tool\": {\"driver\": {\n"
      "      \"name\": \"diaglot\",\n";
  out += "      \"version\": ";
  json::append_string(out, version_string);
  out += ",\n      \"semanticVersion\": ";
  json::append_string(out, version_string);
  out += ",\n      \"rules\": [";
  for (std::size_t i = 0; i < codes.size(); ++i) {
    out += i ? ",\n        " : "\n        ";
    out += "{\"id\": ";
    json::append_string(out, diag_code(codes[i]));
    out += ", \"shortDescription\": {\"text\": ";
    json::append_string(out, message_template(text, codes[i]));
    out += "}";
    // SARIF requires a non-empty text of a multiformatMessageString: a code without a page, or
    // with an empty one, gets no help rather than an empty one.
    const std::optional<rule_help> help =
        options.help ? options.help(codes[i]) : std::optional<rule_help>();
    if (help && !help->description.empty())
      append_multiformat(out, "fullDescription", help->description, nullptr);
    out += ", \"defaultConfiguration\": {\"level\": ";
    json::append_string(out, severity_name(diag_severity(codes[i])));
    out += "}";
    if (help && !help->page.empty()) append_multiformat(out, "help", help->page, &help->page);
    out += "}";
  }
  out += codes.empty() ? "]\n" : "\n      ]\n";
  out += "    }},\n    \"language\": ";
  json::append_string(out, options.language);
  out += ",\n    \"columnKind\": \"unicodeCodePoints\",\n";
  const fs::path base = working_directory(options.working_directory);
  if (!base.empty()) {
    std::string root = path_to_uri(base.string());
    if (root.back() != '/') root += '/';  // §3.14.14: a base URI ends with a slash
    out += "    \"originalUriBaseIds\": {\"SRCROOT\": {\"uri\": ";
    json::append_string(out, root);
    out += "}},\n";
  }
  std::vector<std::string> locations;
  locations.reserve(sources.size());
  for (std::uint32_t f = 0; f < sources.size(); ++f)
    locations.push_back(artifact_location(sources.path(f), base));
  out += "    \"artifacts\": [";
  for (std::uint32_t f = 0; f < sources.size(); ++f) {
    out += f ? ",\n      " : "\n      ";
    out += "{\"location\": {" + locations[f] + "}}";
  }
  out += sources.size() ? "\n    ],\n" : "],\n";
  out += "    \"results\": [";
  for (std::size_t i = 0; i < ds.size(); ++i) {
    const diagnostic& d = ds[i];
    out += i ? ",\n      " : "\n      ";
    out += "{\"ruleId\": ";
    json::append_string(out, diag_code(d.code));
    out += ", \"ruleIndex\": " + std::to_string(rule_index[d.code]) + ", \"level\": ";
    json::append_string(out, severity_name(d.level));
    out += ", \"message\": {\"text\": ";
    json::append_string(out, sarif_message(text(d.code, d.args)));
    out += "}";
    if (d.where.known()) {
      out += ", \"locations\": [{";
      append_physical_location(out, d, sources, locations);
      out += "}]";
    }
    bool first_related = true;
    for (std::size_t j = 0; j < d.notes.size(); ++j) {
      const diagnostic& n = d.notes[j];
      out += first_related ? ", \"relatedLocations\": [" : ", ";
      first_related = false;
      out += "{\"id\": " + std::to_string(j) + ", ";
      // A note about no place in a file is a location with only a message (SARIF §3.28).
      if (n.where.known()) {
        append_physical_location(out, n, sources, locations);
        out += ", ";
      }
      out += "\"message\": {\"text\": ";
      json::append_string(out, sarif_message(text(n.code, n.args)));
      out += "}}";
    }
    if (!first_related) out += "]";
    out += "}";
  }
  out += ds.empty() ? "]\n" : "\n    ]\n";
  out += "  }]\n}\n";
  return out;
}

}  // namespace diaglot::report
