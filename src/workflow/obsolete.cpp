// diaglot compiler: finding the units `diaglot merge` marked obsolete, for stats. The readers skip
// them (their English is gone, so they are neither served nor checked); coverage still counts the
// translation work they hold until `merge --drop-obsolete` removes them.
#include <pugixml.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "locale/locale_data.hpp"
#include "read/readers.hpp"
#include "util/files.hpp"
#include "workflow/segmenter.hpp"
#include "workflow/workflow.hpp"
#include "workflow/xliff12.hpp"
#include "workflow/xliff20.hpp"
#include "xliff/xliff2.hpp"

namespace diaglot::workflow {

namespace {

/// A canonical target locale other than the source locale.
std::optional<std::string> target_locale(std::string_view tag, const std::string& source_locale) {
  std::optional<std::string> canonical = locale_data::canonicalize(std::string(tag));
  if (!canonical || *canonical == source_locale) return std::nullopt;
  return canonical;
}

void split_name(std::string_view name, obsolete_unit& u) {
  const std::size_t hash = name.rfind('#');
  if (hash != std::string_view::npos && hash > 0 && hash + 1 < name.size()) {
    u.message = std::string(name.substr(0, hash));
    u.field = std::string(name.substr(hash + 1));
  } else {
    u.message = std::string(name);
    u.field = "text";
  }
}

/// As the XLIFF 1.2 reader decides it (src/read/xliff12_reader.cpp).
bool is_obsolete12(pugi::xml_node unit) {
  if (std::string_view(unit.attribute("translate").value()) != "no") return false;
  for (pugi::xml_node c = unit.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && xliff12::local_name(c) == "note" &&
        std::string_view(c.attribute("from").value()) == "diaglot" &&
        std::string_view(c.child_value()).substr(0, xliff12::obsolete_note.size()) ==
            xliff12::obsolete_note)
      return true;
  return false;
}

void scan12(std::uint32_t file, const source_manager& sources, const std::string& source_locale,
            std::vector<obsolete_unit>& out) {
  const std::string& bytes = sources.contents(file);
  pugi::xml_document doc;
  if (!doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata))
    return;
  for (pugi::xml_node f = doc.document_element().first_child(); f; f = f.next_sibling()) {
    if (f.type() != pugi::node_element || xliff12::local_name(f) != "file") continue;
    const std::optional<std::string> locale =
        target_locale(f.attribute("target-language").value(), source_locale);
    if (!locale) continue;
    for (pugi::xpath_node n : f.select_nodes(".//*[local-name()='trans-unit']")) {
      const pugi::xml_node unit = n.node();
      if (!is_obsolete12(unit)) continue;
      obsolete_unit u;
      const std::string_view resname = unit.attribute("resname").value();
      split_name(resname.empty() ? std::string_view(unit.attribute("id").value()) : resname, u);
      u.locale = *locale;
      u.source = xliff12::render(xliff12::child(unit, "source"));
      // As stats counts a current field's: the segments extract cuts its English into.
      for (const piece& p : segment_field(u.source)) u.segments += p.segment;
      u.segments = std::max<std::size_t>(u.segments, 1);
      u.where = {file,
                 static_cast<std::uint32_t>(unit.offset_debug() < 0 ? 0 : unit.offset_debug())};
      out.push_back(std::move(u));
    }
  }
}

void scan20(std::uint32_t file, const source_manager& sources, const std::string& source_locale,
            std::vector<obsolete_unit>& out) {
  diagnostic_sink ignored;  // the reader reports what is wrong with the file
  const std::optional<xliff::document> doc = xliff::parse(sources.contents(file), file, ignored);
  if (!doc || ignored.has_errors() || !doc->has("trgLang")) return;
  const std::optional<std::string> locale = target_locale(doc->get("trgLang"), source_locale);
  if (!locale) return;
  xliff::for_each_unit(*doc, [&](const xliff::unit& x, const xliff::unit_context&) {
    if (x.get("translate") != "no" || !xliff20::is_obsolete(x)) return;
    obsolete_unit u;
    split_name(x.message_name(), u);
    u.locale = *locale;
    u.source = xliff20::unit_source(x);
    u.segments = static_cast<std::size_t>(
        std::count_if(x.segments.begin(), x.segments.end(),
                      [](const xliff::segment& s) { return !s.ignorable; }));
    u.segments = std::max<std::size_t>(u.segments, 1);
    u.where = {file, x.offset == xliff::no_offset ? 0 : x.offset};
    out.push_back(std::move(u));
  });
}

}  // namespace

std::vector<obsolete_unit> obsolete_units(const source_manager& sources,
                                          const std::string& source_locale) {
  std::vector<obsolete_unit> out;
  for (std::uint32_t f = 0; f < sources.size(); ++f) {
    // Both marks spell "obsolete": most files have none and need no second parse.
    if (!files::is_xliff(sources.path(f)) ||
        sources.contents(f).find("obsolete") == std::string::npos)
      continue;
    if (read::is_xliff2_document(sources.contents(f)))
      scan20(f, sources, source_locale, out);
    else
      scan12(f, sources, source_locale, out);
  }
  return out;
}

}  // namespace diaglot::workflow
