#include "emit/cpp_emitter.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "diaglot/version.hpp"
#include "emit/code_writer.hpp"
#include "format/syntax.hpp"

namespace diaglot::emit {

namespace {

// MSVC rejects a string literal above 65,535 bytes after concatenation (C1091) and a single
// quoted piece above 16,380 (C2026): chunks stay under the first, lines far under the second.
constexpr std::size_t chunk_limit = 60 * 1024;
constexpr std::size_t line_bytes = 2048;
constexpr std::size_t values_per_line = 16;

bool is_ident_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// C++ keywords, alternative tokens, and names that common headers define as macros.
bool is_taken_word(const std::string& s) {
  static const std::set<std::string> words = {
      // C++20 keywords and alternative tokens
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
      "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept",
      "const", "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await",
      "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast",
      "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto",
      "if", "import", "inline", "int", "long", "module", "mutable", "namespace", "new", "noexcept",
      "not", "not_eq", "nullptr", "operator", "or", "or_eq", "private", "protected", "public",
      "register", "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
      "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local",
      "throw", "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
      "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
      // macros of the C and POSIX headers, GNU predefines and <windows.h>
      "NULL", "EOF", "errno", "assert", "offsetof", "stdin", "stdout", "stderr", "BUFSIZ",
      "CHAR_BIT", "SIZE_MAX", "INT_MAX", "unix", "linux", "i386", "TRUE", "FALSE", "DELETE",
      "ERROR", "IN", "OUT", "OPTIONAL", "CONST", "VOID", "min", "max", "near", "far", "small",
      "interface"};
  return words.count(s) != 0;
}

// --- text for generated files ------------------------------------------------------------------

void append_octal(std::string& out, unsigned char c) {
  out += '\\';
  out += static_cast<char>('0' + ((c >> 6) & 7));
  out += static_cast<char>('0' + ((c >> 3) & 7));
  out += static_cast<char>('0' + (c & 7));
}

/// Bytes as the inside of a string literal. Non-ASCII bytes are written as three-digit octal
/// escapes: the literal then holds the same bytes whatever source and execution character sets
/// the compiler assumes (MSVC without /utf-8 would re-encode raw UTF-8), and a three-digit octal
/// escape cannot swallow a following digit as a hex escape would ("\x41" "B" pitfalls).
void append_escaped(std::string& out, std::string_view s) {
  char previous = 0;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '?':
        // "??x" would be a trigraph under -trigraphs or before C++17.
        out += previous == '?' ? "\\?" : "?";
        break;
      default:
        if (c < 0x20 || c >= 0x7f)
          append_octal(out, c);
        else
          out += ch;
    }
    previous = ch;
  }
}

/// Text for a `//` comment: as it is when plain, else quoted with escapes, so that nothing in it
/// (a trailing backslash, a newline, a trigraph) can reach the next line.
std::string comment_text(std::string_view s) {
  bool plain = !s.empty() && s.back() != '\\' && s.find("??") == std::string_view::npos;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7f) plain = false;
  }
  if (plain) return std::string(s);
  std::string out = "\"";
  append_escaped(out, s);
  out += '"';
  return out;
}

template <typename T>
void append_number(std::string& out, T value) {
  char buf[24];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, result.ptr);
}

template <typename T>
void append_array(std::string& out, const char* type, const char* name,
                  const std::vector<T>& values) {
  out += "constexpr ";
  out += type;
  out += ' ';
  out += name;
  out += "[] = {";
  if (values.empty()) {
    out += "0};  // empty: a placeholder element\n\n";
    return;
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += i % values_per_line == 0 ? "\n    " : " ";
    append_number(out, values[i]);
    out += ',';
  }
  out += "\n};\n\n";
}

/// One member of the pool struct: a run of whole strings as a literal, or a piece of one string
/// too long for a literal, as characters.
struct chunk {
  std::size_t begin, end;
  bool literal;
};

std::vector<chunk> split_pool(const std::string& pool) {
  std::vector<chunk> chunks;
  std::size_t pos = 0;
  while (pos < pool.size()) {
    std::size_t end = pos;
    while (end < pool.size()) {
      const std::size_t next = pool.find('\0', end) + 1;
      if (next - pos > chunk_limit) break;
      end = next;
    }
    if (end > pos) {
      chunks.push_back({pos, end, true});
      pos = end;
    } else {
      const std::size_t next = pool.find('\0', pos) + 1;
      for (; pos < next; pos = std::min(next, pos + chunk_limit))
        chunks.push_back({pos, std::min(next, pos + chunk_limit), false});
    }
  }
  return chunks;
}

/// Writes a literal chunk: one pool string per line (long ones continue on further lines); each
/// string's NUL is an explicit "\0", except the last one's, which the literal itself supplies.
void append_literal_chunk(std::string& out, std::string_view bytes) {
  while (!bytes.empty()) {
    const std::size_t nul = bytes.find('\0');
    std::string_view s = bytes.substr(0, nul);
    bytes.remove_prefix(nul + 1);
    do {
      const std::string_view piece = s.substr(0, line_bytes);
      s.remove_prefix(piece.size());
      out += "    \"";
      append_escaped(out, piece);
      if (s.empty() && !bytes.empty()) out += "\\0";
      out += "\"\n";
    } while (!s.empty());
  }
}

void append_char_chunk(std::string& out, std::string_view bytes) {
  out += "    {";
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out += i % values_per_line == 0 ? "\n        '" : " '";
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\' && c != '?')
      out += static_cast<char>(c);
    else
      append_octal(out, c);
    out += "',";
  }
  out += "\n    }";
}

// --- typed IDs ---------------------------------------------------------------------------------

struct id_scope {
  struct leaf {
    std::string id, plain, name;
    std::uint32_t index;
    std::vector<std::string> args;  ///< argument names in call order; none: a plain message_id
  };
  std::vector<leaf> leaves;                  // sorted by ID
  std::map<std::string, id_scope> children;  // namespaces by mangled name
};

std::vector<std::string_view> split_id(std::string_view id) {
  std::vector<std::string_view> parts;
  for (;;) {
    const std::size_t dot = id.find('.');
    parts.push_back(id.substr(0, dot));
    if (dot == std::string_view::npos) return parts;
    id.remove_prefix(dot + 1);
  }
}

/// Gives every leaf a name unique in its scope: a name taken by several IDs, or by a namespace,
/// gets a numbered suffix, in sorted-ID order; the first such ID keeps the plain name when no
/// namespace has it.
void resolve_names(id_scope& scope) {
  std::map<std::string, int> uses;
  for (const auto& l : scope.leaves) ++uses[l.plain];
  std::set<std::string> taken;
  for (const auto& [name, child] : scope.children) taken.insert(name);
  for (auto& l : scope.leaves)
    if (uses[l.plain] == 1 && !taken.count(l.plain)) taken.insert(l.name = l.plain);
  for (auto& l : scope.leaves) {
    if (!l.name.empty()) continue;
    if (!taken.count(l.plain)) {
      taken.insert(l.name = l.plain);
      continue;
    }
    const std::string stem = l.plain.back() == '_' ? l.plain : l.plain + "_";
    for (int n = 2;; ++n) {
      std::string candidate = stem + std::to_string(n);
      if (!taken.count(candidate) && !uses.count(candidate)) {
        taken.insert(l.name = std::move(candidate));
        break;
      }
    }
  }
  for (auto& [name, child] : scope.children) resolve_names(child);
}

void append_scope(std::string& out, const id_scope& scope) {
  for (const auto& l : scope.leaves) {
    if (l.args.empty()) {
      out += "inline constexpr ::diaglot::message_id ";
      out += l.name;
      out += '{';
      append_number(out, l.index);
    } else {
      // message_id_n<N>{{index}, {"name", ...}}: diaglot::format checks the count at compile time.
      out += "inline constexpr ::diaglot::message_id_n<";
      append_number(out, l.args.size());
      out += "> ";
      out += l.name;
      out += "{{";
      append_number(out, l.index);
      out += "}, {";
      for (std::size_t i = 0; i < l.args.size(); ++i) {
        out += i ? ", \"" : "\"";
        append_escaped(out, l.args[i]);
        out += '"';
      }
      out += '}';
    }
    out += "};  // ";
    out += comment_text(l.id);
    out += '\n';
  }
  for (const auto& [name, child] : scope.children) {
    out += "namespace " + name + " {\n";
    append_scope(out, child);
    out += "}  // namespace " + name + "\n";
  }
}

/// The arguments a message takes: those of all its source-language fields, in call order.
std::vector<std::string> message_arguments(const catalog& c, std::uint32_t index) {
  const message m = c.at(index, c.source_locale());
  std::vector<syntax::argument_use> all;
  for (std::size_t f = 0; f < m.field_count(); ++f) {
    const std::string_view text = m.field_text(f);
    std::vector<syntax::argument_use> uses;
    syntax::error err;
    if (syntax::argument_uses(text, detect_syntax(text), uses, err))
      all.insert(all.end(), uses.begin(), uses.end());
  }
  return syntax::call_order(all);
}

std::string typed_ids(const plan::table_plan& plan) {
  const detail::table table = plan.view();
  const catalog c(table);
  std::vector<std::pair<std::string_view, std::uint32_t>> ids;
  for (std::size_t i = 0; i < plan.message_ids.size(); ++i)
    ids.emplace_back(plan.message_ids[i], static_cast<std::uint32_t>(i));
  std::sort(ids.begin(), ids.end());
  id_scope root;
  for (const auto& [id, index] : ids) {
    const std::vector<std::string_view> parts = split_id(id);
    id_scope* scope = &root;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i)
      scope = &scope->children[mangle_identifier(std::string(parts[i]))];
    scope->leaves.push_back({std::string(id),
                             mangle_identifier(std::string(parts.back())),
                             {},
                             index,
                             message_arguments(c, index)});
  }
  resolve_names(root);
  std::string out;
  append_scope(out, root);
  return out;
}

/// "a::b" with each part made a valid identifier; empty stays empty.
std::string namespace_name(const std::string& ns) {
  std::string out;
  std::string_view rest = ns;
  while (!rest.empty()) {
    const std::size_t sep = rest.find("::");
    if (!out.empty()) out += "::";
    out += mangle_identifier(std::string(rest.substr(0, sep)));
    if (sep == std::string_view::npos) break;
    rest.remove_prefix(sep + 2);
  }
  return out;
}

std::string banner(const cpp_options& options) {
  std::string out = "// Generated by diaglot ";
  out += version_string;
  out += " from:\n";
  for (const std::string& input : options.inputs) out += "//   " + comment_text(input) + "\n";
  out += "// Do not edit.\n\n";
  return out;
}

}  // namespace

std::string mangle_identifier(const std::string& part) {
  std::string out;
  for (const char ch : part) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xc0) == 0x80) continue;  // one '_' per UTF-8 sequence, at its lead byte
    const char mapped = is_ident_char(c) ? ch : '_';
    // No "__" anywhere: such names are reserved to the implementation.
    if (mapped == '_' && !out.empty() && out.back() == '_') continue;
    out += mapped;
  }
  // "_Upper" is reserved too: drop the underscore.
  if (out.size() > 1 && out[0] == '_' && out[1] >= 'A' && out[1] <= 'Z') out.erase(0, 1);
  if (out.empty()) return "_";
  if (out[0] >= '0' && out[0] <= '9') return "_" + out;
  if (is_taken_word(out)) out += '_';
  return out;
}

cpp_files emit_cpp(const plan::table_plan& plan, const cpp_options& options) {
  const std::string object = mangle_identifier(options.name.empty() ? "catalog" : options.name);
  const std::string ns = namespace_name(options.name_space);
  const std::string stem = options.name.empty() ? object : options.name;

  code_writer h;
  h.set("NAME", object);
  h.set("NS", ns);
  h.raw(banner(options));
  h.line("#pragma once");
  h.line("");
  h.line("#include <diaglot/catalog.hpp>");
  h.line("");
  if (!ns.empty()) {
    h.line("namespace {{NS}} {");
    h.line("");
  }
  h.line("/// The compiled catalog.");
  h.line("extern const ::diaglot::catalog {{NAME}};");
  h.line("");
  h.line("/// Typed message IDs: get() reads them as direct indexes; each names the string ID.");
  h.line("namespace ids {");
  h.raw(typed_ids(plan));
  h.line("}  // namespace ids");
  if (!ns.empty()) {
    h.line("");
    h.line("}  // namespace {{NS}}");
  }

  code_writer s;
  std::string include;
  append_escaped(include, stem + ".hpp");
  s.set("INCLUDE", include);
  s.set("NAME", object);
  s.set("NS", ns);
  s.set("LAYOUT", std::to_string(table_layout_version));
  s.set("STEM", include.substr(0, include.size() - 4));
  s.raw(banner(options));
  s.line("#include \"{{INCLUDE}}\"");
  s.line("");
  s.line("#include <cstdint>");
  s.line("");
  s.line("static_assert(::diaglot::table_layout_version == {{LAYOUT}},");
  s.line(
      "              \"{{STEM}}.cpp was generated for table layout {{LAYOUT}}: regenerate it with "
      "\"");
  s.line("              \"the diaglot that matches these runtime headers\");");
  s.line("");
  s.line("namespace {");
  s.line("");

  // The pool: one char array per chunk, laid end to end in one struct and read as one blob.
  const std::vector<chunk> chunks = split_pool(plan.pool);
  std::string& out = s.buffer();
  out += "// Every string, NUL-terminated; split into arrays under 64 KiB for MSVC.\n";
  out += "struct pool_chunks_ {\n";
  for (std::size_t i = 0; i < chunks.size(); ++i)
    out += "  char c" + std::to_string(i) + "[" + std::to_string(chunks[i].end - chunks[i].begin) +
           "];\n";
  if (chunks.empty()) out += "  char c0[1];\n";
  out += "};\n\n";
  out += "constexpr pool_chunks_ pool_ = {\n";
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    const std::string_view bytes(plan.pool.data() + chunks[i].begin,
                                 chunks[i].end - chunks[i].begin);
    if (chunks[i].literal)
      append_literal_chunk(out, bytes);
    else
      append_char_chunk(out, bytes);
    if (out.back() == '\n') out.pop_back();
    out += ",\n";
  }
  if (chunks.empty()) out += "    \"\",\n";
  out += "};\n";
  const std::size_t pool_size = std::max<std::size_t>(plan.pool.size(), 1);
  out += "static_assert(sizeof(pool_chunks_) == " + std::to_string(pool_size) +
         ", \"the pool chunks must be contiguous\");\n\n";

  append_array(out, "std::uint32_t", "locale_tag_", plan.locale_tag);
  append_array(out, "std::uint32_t", "locale_likely_", plan.locale_likely);
  append_array(out, "std::uint32_t", "locale_match_", plan.locale_match);
  append_array(out, "std::uint32_t", "likely_", plan.likely);
  append_array(out, "std::uint32_t", "alias_", plan.alias);
  append_array(out, "std::uint32_t", "match_rule_", plan.match_rule);
  append_array(out, "std::uint32_t", "match_region_", plan.match_region);
  append_array(out, "std::uint32_t", "match_answer_", plan.match_answer);
  append_array(out, "std::uint32_t", "message_id_", plan.message_id);
  append_array(out, "std::uint32_t", "message_code_", plan.message_code);
  append_array(out, "std::uint32_t", "message_fields_", plan.message_fields);
  append_array(out, "std::uint32_t", "field_name_", plan.field_name);
  append_array(out, "std::uint32_t", "slot_text_", plan.slot_text);
  append_array(out, "std::uint16_t", "slot_locale_", plan.slot_locale);
  append_array(out, "std::uint32_t", "bucket_pilot_", plan.bucket_pilot);
  append_array(out, "std::uint32_t", "code_value_", plan.code_value);
  append_array(out, "std::uint32_t", "code_message_", plan.code_message);

  const detail::table t = plan.view();
  auto number = [](std::uint64_t v) { return std::to_string(v); };
  char seed[24];
  const auto seed_end = std::to_chars(seed, seed + sizeof seed, plan.hash_seed, 16).ptr;
  s.set("POOL_SIZE", number(plan.pool.size()));
  s.set("LOCALE_COUNT", number(t.locale_count));
  s.set("SOURCE_LOCALE", number(t.source_locale));
  s.set("LIKELY_COUNT", number(t.likely_count));
  s.set("ALIAS_COUNT", number(t.alias_count));
  s.set("MATCH_RULE_COUNT", number(t.match_rule_count));
  s.set("MATCH_ANSWER_COUNT", number(t.match_answer_count));
  s.set("MESSAGE_COUNT", number(t.message_count));
  s.set("FIELD_COUNT", number(t.field_count));
  s.set("HASH_SEED", "0x" + std::string(seed, seed_end) + "ull");
  s.set("BUCKET_COUNT", number(t.bucket_count));
  s.set("CODE_COUNT", number(t.code_count));
  s.line("constexpr ::diaglot::detail::table table_ = {");
  s.line("    {{LAYOUT}},  // layout_version");
  s.line("    pool_.c0,");
  s.line("    {{POOL_SIZE}},  // pool_size");
  s.line("    {{LOCALE_COUNT}},  // locale_count");
  s.line("    {{SOURCE_LOCALE}},  // source_locale");
  s.line("    locale_tag_,");
  s.line("    locale_likely_,");
  s.line("    locale_match_,");
  s.line("    {{LIKELY_COUNT}},  // likely_count");
  s.line("    likely_,");
  s.line("    {{ALIAS_COUNT}},  // alias_count");
  s.line("    alias_,");
  s.line("    {{MATCH_RULE_COUNT}},  // match_rule_count");
  s.line("    match_rule_,");
  s.line("    match_region_,");
  s.line("    {{MATCH_ANSWER_COUNT}},  // match_answer_count");
  s.line("    match_answer_,");
  s.line("    {{MESSAGE_COUNT}},  // message_count");
  s.line("    message_id_,");
  s.line("    message_code_,");
  s.line("    message_fields_,");
  s.line("    {{FIELD_COUNT}},  // field_count");
  s.line("    field_name_,");
  s.line("    slot_text_,");
  s.line("    slot_locale_,");
  s.line("    {{HASH_SEED}},  // hash_seed");
  s.line("    {{BUCKET_COUNT}},  // bucket_count");
  s.line("    bucket_pilot_,");
  s.line("    {{CODE_COUNT}},  // code_count");
  s.line("    code_value_,");
  s.line("    code_message_,");
  s.line("};");
  s.line("");
  s.line("}  // namespace");
  s.line("");
  // The header's `extern const` declaration gives this definition external linkage.
  if (ns.empty()) {
    s.line("constexpr ::diaglot::catalog {{NAME}}{table_};");
  } else {
    s.line("namespace {{NS}} {");
    s.line("constexpr ::diaglot::catalog {{NAME}}{table_};");
    s.line("}  // namespace {{NS}}");
  }
  return {h.take(), s.take()};
}

}  // namespace diaglot::emit
