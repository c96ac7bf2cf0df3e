// The translator workflow over the real corpus: what extract, import and merge write validates
// against the OASIS schemas, real tools (translate-toolkit, Qt's lrelease) read it as we mean
// it, translations survive extract -> fill -> compile and merge, byte for byte.
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include <diaglot/catalog.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "driver/driver.hpp"
#include "driver/workflow_commands.hpp"
#include "plan/table_plan.hpp"
#include "read/readers.hpp"
#include "util/files.hpp"
#include "workflow/workflow.hpp"
#include "workflow/workflow_support.hpp"
#include "workflow/xliff12.hpp"
#include "workflow/xliff20.hpp"
#include "xliff/xliff2.hpp"

namespace diaglot::workflow {
namespace {

namespace fs = std::filesystem;
using testing::temp_folder;

const char* const corpus_locales[] = {"ko-KR", "ja-JP", "zh-CN", "ru-RU", "de-DE"};

std::string report(const driver::session& s) {
  std::string out;
  for (const diagnostic& d : s.sink.all())
    if (d.level == severity::error) out += render(d, s.sources);
  return out;
}

void write_file(const std::string& path, const std::string& contents) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << contents;
}

/// What the runtime serves: message -> field -> (text, serving locale).
using lookups = std::map<std::string, std::map<std::string, std::pair<std::string, std::string>>>;

/// Compiles sources in memory and looks every message up in `locale`; nullopt after errors,
/// which go to `errors`.
std::optional<lookups> compile_and_look_up(const std::vector<std::string>& sources,
                                           const std::string& locale,
                                           std::vector<diagnostic>* errors = nullptr) {
  driver::session s;
  const std::optional<model::catalog> cat = driver::build_catalog({sources, {}, "en"}, s);
  if (errors)
    for (const diagnostic& d : s.sink.all())
      if (d.level == severity::error) errors->push_back(d);
  if (!cat) return std::nullopt;
  const plan::table_plan plan = plan::make_plan(*cat);
  const detail::table table = plan.view();
  const catalog c(table);
  const diaglot::locale l = c.locale(locale);
  lookups out;
  for (std::size_t i = 0; i < c.size(); ++i) {
    const message m = c.at(i, l);
    auto& fields = out[std::string(m.id())];
    for (std::size_t f = 0; f < m.field_count(); ++f)
      fields[std::string(m.field_name(f))] = {std::string(m.field_text(f)),
                                              std::string(c.tag(m.field_locale(f)))};
  }
  return out;
}

/// The (message#field) names that differ between two lookups.
std::set<std::string> differences(const lookups& a, const lookups& b) {
  std::set<std::string> out;
  for (const auto& [id, fields] : a) {
    const auto other = b.find(id);
    for (const auto& [name, value] : fields)
      if (other == b.end() || !other->second.count(name) || other->second.at(name) != value)
        out.insert(unit_name(id, name));
  }
  for (const auto& [id, fields] : b)
    for (const auto& [name, value] : fields)
      if (!a.count(id) || !a.at(id).count(name)) out.insert(unit_name(id, name));
  return out;
}

/// Every <trans-unit> of an XLIFF 1.2 document by name.
std::map<std::string, pugi::xml_node> units_of(const pugi::xml_document& doc) {
  std::map<std::string, pugi::xml_node> out;
  for (pugi::xml_node f : doc.document_element().children("file"))
    for (pugi::xml_node u : f.child("body").children("trans-unit"))
      out.emplace(u.attribute("resname").value(), u);
  return out;
}

bool load(pugi::xml_document& doc, const std::string& path) {
  return static_cast<bool>(
      doc.load_file(path.c_str(), pugi::parse_default | pugi::parse_ws_pcdata));
}

// --- extract ------------------------------------------------------------------------------------

TEST(corpus_workflow, extract_writes_valid_stable_xliff_for_every_locale) {
  DIAGLOT_REQUIRE_SHARED(en, "corpus/wcf-traces/en");
  DIAGLOT_REQUIRE_SHARED(schemas, "schemas");
  DIAGLOT_REQUIRE_PROGRAM("xmllint");
  temp_folder tmp("extract");
  for (const auto format : {driver::xliff_format::xliff12, driver::xliff_format::xliff20}) {
    const bool v12 = format == driver::xliff_format::xliff12;
    SCOPED_TRACE(v12 ? "xliff12" : "xliff20");
    std::map<std::string, std::string> first;
    // A folder for each format and run: extract does not replace what another wrote.
    for (const std::string run : {v12 ? "12a" : "20a", v12 ? "12b" : "20b"}) {
      driver::extract_options o;
      o.sources = {en};
      o.target_locales = {"ko-KR", "ja-JP", "zh-CN", "ru-RU", "de-DE"};
      o.format = format;
      o.out_dir = tmp / run;
      driver::session s;
      unit_counts counts;
      ASSERT_EQ(driver::extract(o, s, &counts), 0) << report(s);
      for (const char* locale : corpus_locales) {
        const std::string path = tmp / (run + "/messages." + locale + ".xlf");
        const std::string bytes = testing::read_file(path);
        if (first.count(locale)) {
          EXPECT_EQ(bytes, first[locale]) << "a second extraction differs: " << locale;
          continue;
        }
        first[locale] = bytes;
        for (const char* schema :
             v12 ? std::vector<const char*>{testing::xliff12_strict, testing::xliff12_transitional}
                 : std::vector<const char*>{testing::xliff20_core}) {
          const testing::command_result r = testing::validate(path, schema);
          EXPECT_EQ(r.status, 0) << r.output;
        }
      }
      if (run.back() == 'a') {
        std::cout << (v12 ? "XLIFF 1.2" : "XLIFF 2.0") << " extract: " << counts.units << " units, "
                  << counts.segments << " segments per locale\n";
        EXPECT_EQ(counts.units, 2652u);
        EXPECT_EQ(counts.with_target, 0u);
      }
    }
  }
}

// --- extract, fill from the sxs segments, compile
// -------------------------------------------------

/// The translations of an sxs folder: message#field -> the translation field.
struct sxs_translations {
  source_manager sources;
  diagnostic_sink sink;
  std::vector<model::entry> entries;
  std::map<std::string, const model::field_text*> fields;
  std::set<std::string> machine;  ///< message IDs from `ms.translationtype: MT` pages

  explicit sxs_translations(const std::string& folder) {
    read::context ctx{sources, sink};
    entries = read::load_sources({folder}, {}, ctx).entries;
    for (const model::entry& e : entries) {
      if (e.kind != model::origin::translation) continue;
      if (is_machine_translated(sources.contents(e.where.file))) machine.insert(e.id);
      for (const model::field_text& f : e.fields) fields.emplace(unit_name(e.id, f.name), &f);
    }
  }
};

struct fill_counts {
  std::size_t by_segments = 0;        ///< English as in the sxs page: built segment by segment
  std::size_t whole = 0;              ///< English of another revision: the page's translation as is
  std::size_t without = 0;            ///< no translation in the sxs pages
  std::set<std::string> lost_markup;  ///< the translation lost protected markdown
};

std::size_t code_count(const std::string& markdown) {
  std::size_t n = 0;
  for (const run& r : protect_field(markdown)) n += r.kind == run::code;
  return n;
}

/// Fills the targets of an extracted XLIFF 1.2 file as a translator would from the sxs pages:
/// each sentence of the English gets the translation of the same sxs sentence, the markup
/// between them stays. A translation that lost some of the source's protected markdown (machine
/// translation dropped it) is filled in too, as the sxs page serves it.
fill_counts fill(const std::string& path, const sxs_translations& sxs) {
  fill_counts counts;
  pugi::xml_document doc;
  EXPECT_TRUE(load(doc, path));
  for (auto& [name, u] : units_of(doc)) {
    const auto it = sxs.fields.find(name);
    if (it == sxs.fields.end()) {
      ++counts.without;
      continue;
    }
    const model::field_text& t = *it->second;
    const std::string source = xliff12::render(u.child("source"));
    std::string target;
    if (t.made_from == source) {
      std::size_t at = 0;
      for (const model::segment& s : t.segments) {
        const std::size_t found = source.find(s.source, at);
        EXPECT_NE(found, std::string::npos) << name << ": " << s.source;
        if (found == std::string::npos) break;
        target += source.substr(at, found - at) + s.target;
        at = found + s.source.size();
      }
      target += source.substr(at);
      EXPECT_EQ(target, t.text) << name;
      ++counts.by_segments;
    } else {
      target = t.text;
      ++counts.whole;
    }
    // Kept: a dropped code span is a warning (DGL0503) whether it comes as markdown or XLIFF.
    if (code_count(target) < code_count(source)) counts.lost_markup.insert(name);
    pugi::xml_node ws = u.insert_child_after(pugi::node_pcdata, u.child("seg-source"));
    ws.set_value("\n        ");
    pugi::xml_node target_node = u.insert_child_after("target", ws);
    const std::string message = name.substr(0, name.rfind('#'));
    target_node.append_attribute("state") =
        sxs.machine.count(message) ? "needs-review-translation" : "translated";
    if (sxs.machine.count(message))
      target_node.append_attribute("state-qualifier") = "leveraged-mt";
    xliff12::set_protected(target_node, target, source);
  }
  EXPECT_TRUE(doc.save_file(path.c_str(), "", pugi::format_raw));
  return counts;
}

TEST(corpus_workflow, extract_fill_compile_serves_what_the_sxs_pages_serve) {
  DIAGLOT_REQUIRE_SHARED(traces, "corpus/wcf-traces");
  temp_folder tmp("roundtrip");
  driver::extract_options o;
  o.sources = {traces + "/en"};
  o.target_locales.assign(std::begin(corpus_locales), std::end(corpus_locales));
  o.out_dir = tmp.str();
  driver::session s;
  ASSERT_EQ(driver::extract(o, s), 0) << report(s);

  for (const char* locale : corpus_locales) {
    SCOPED_TRACE(locale);
    const std::string xlf = tmp / (std::string("messages.") + locale + ".xlf");
    const sxs_translations sxs(traces + "/sxs/" + locale);
    const fill_counts filled = fill(xlf, sxs);
    std::cout << locale << ": " << filled.by_segments << " units filled sentence by sentence, "
              << filled.whole << " from pages of another English revision, "
              << filled.lost_markup.size() << " of them lost protected markdown\n";

    std::vector<diagnostic> errors;
    const std::optional<lookups> via_xliff =
        compile_and_look_up({traces + "/en", xlf}, locale, &errors);
    for (const diagnostic& d : errors) ADD_FAILURE() << diag_code(d.code) << " " << d.args[0];
    ASSERT_TRUE(via_xliff);
    const std::optional<lookups> direct =
        compile_and_look_up({traces + "/en", traces + "/sxs/" + locale}, locale);
    ASSERT_TRUE(direct);
    EXPECT_EQ(via_xliff->size(), 423u);
    // The same texts from the same locales, the Korean unit whose machine translation dropped
    // two code spans included (a warning, DGL0503, in both forms).
    EXPECT_EQ(differences(*direct, *via_xliff), std::set<std::string>{});
    if (std::string(locale) == "ko-KR") {
      EXPECT_EQ(filled.lost_markup.size(), 1u);
    }
  }
}

// --- import
// ---------------------------------------------------------------------------------------

TEST(corpus_workflow, import_keeps_what_the_pages_serve_in_both_formats) {
  DIAGLOT_REQUIRE_SHARED(traces, "corpus/wcf-traces");
  DIAGLOT_REQUIRE_SHARED(schemas, "schemas");
  DIAGLOT_REQUIRE_PROGRAM("xmllint");
  temp_folder tmp("import");
  // Bilingual sxs pages, and monolingual translated pages matched to their English pages.
  for (const char* pages : {"sxs", "live"}) {
    for (const auto format : {driver::xliff_format::xliff12, driver::xliff_format::xliff20}) {
      const bool v12 = format == driver::xliff_format::xliff12;
      SCOPED_TRACE(std::string(pages) + (v12 ? " xliff12" : " xliff20"));
      const std::string out = tmp / (std::string(pages) + (v12 ? "12" : "20"));
      driver::import_options o;
      o.sources = {traces + "/en", traces + "/" + pages};
      o.format = format;
      o.out_dir = out;
      driver::session s;
      unit_counts counts;
      ASSERT_EQ(driver::import(o, s, &counts), 0) << report(s);
      std::cout << (v12 ? "XLIFF 1.2" : "XLIFF 2.0") << " import of the " << pages
                << " pages: " << counts.units << " units in 5 locales, " << counts.with_target
                << " with a target\n";
      EXPECT_EQ(counts.units, 5u * 2652u);
      for (const char* locale : corpus_locales) {
        SCOPED_TRACE(locale);
        const std::string xlf = out + "/messages." + locale + ".xlf";
        const testing::command_result r =
            testing::validate(xlf, v12 ? testing::xliff12_strict : testing::xliff20_core);
        EXPECT_EQ(r.status, 0) << r.output;

        std::vector<diagnostic> errors;
        const std::optional<lookups> via_xliff =
            compile_and_look_up({traces + "/en", xlf}, locale, &errors);
        for (const diagnostic& d : errors) ADD_FAILURE() << diag_code(d.code) << " " << d.args[0];
        ASSERT_TRUE(via_xliff);
        const std::optional<lookups> direct =
            compile_and_look_up({traces + "/en", traces + "/" + pages + "/" + locale}, locale);
        ASSERT_TRUE(direct);
        EXPECT_EQ(differences(*direct, *via_xliff), std::set<std::string>{});
      }
    }
  }
}

// --- real readers -------------------------------------------------------------------------------

/// A smaller import for the slow tools: the conceptual pages (tables, lists, code, images) and
/// a few trace pages, in every locale.
std::vector<std::string> sample_pages(const std::string& traces, const std::string& folder) {
  std::vector<std::string> out;
  std::size_t traces_taken = 0;
  for (const std::string& path : files::list_recursive(traces + "/" + folder, {".md"})) {
    const std::string name = fs::path(path).filename().string();
    const bool trace_page = name.rfind("system-", 0) == 0 || name.rfind("microsoft-", 0) == 0;
    if (!trace_page || (++traces_taken % 40 == 0)) out.push_back(path);
  }
  return out;
}

/// translate-toolkit's state classes: translated (approved), fuzzy, or untranslated.
std::string po_class(pugi::xml_node unit) {
  const pugi::xml_node target = unit.child("target");
  const std::string text = target ? xliff12::render(target) : "";
  if (text.empty()) return "untranslated";
  return std::string(unit.attribute("approved").value()) == "yes" ? "translated" : "fuzzy";
}

/// The units of po2xliff's output, by the location (our unit name) xliff2po kept.
std::map<std::string, pugi::xml_node> units_by_location(const pugi::xml_document& doc) {
  std::map<std::string, pugi::xml_node> out;
  for (pugi::xpath_node n : doc.select_nodes("//*[local-name()='trans-unit']"))
    for (pugi::xml_node g = n.node().first_child(); g; g = g.next_sibling())
      if (std::string(g.attribute("name").value()) == "po-reference")
        out.emplace(g.first_child().child_value(), n.node());
  return out;
}

/// The first child element with a local name, whatever its namespace prefix.
pugi::xml_node local_child(pugi::xml_node parent, const char* local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && xliff12::local_name(c) == local) return c;
  return {};
}

class real_readers : public ::testing::Test {
 protected:
  /// Our XLIFF 1.2 of a sample of every locale, plus units in every state.
  void SetUp() override {
    const std::string traces = testing::shared_path("corpus/wcf-traces");
    if (traces.empty()) GTEST_SKIP();
    std::vector<std::string> sources = sample_pages(traces, "en");
    for (const char* locale : corpus_locales) {
      const std::vector<std::string> pages = sample_pages(traces, std::string("sxs/") + locale);
      sources.insert(sources.end(), pages.begin(), pages.end());
    }
    driver::import_options o;
    o.sources = sources;
    o.out_dir = tmp_.str();
    driver::session s;
    ASSERT_EQ(driver::import(o, s), 0) << report(s);
    // One more file with a unit in each state, translated or not.
    unit_set states;
    states.target_locale = "ko-KR";
    const model::state all[] = {model::state::initial, model::state::needs_translation,
                                model::state::needs_review, model::state::translated,
                                model::state::final_};
    for (const model::state st : all) {
      unit u;
      u.message = "States";
      u.field = model::to_string(st);
      u.page = "states.md";
      u.source = "In state `" + u.field + "`, see [this](x.md).";
      u.target = "상태 `" + u.field + "`, [이것](x.md) 참조.";
      u.st = st;
      states.by_page[u.page].push_back(u);
    }
    unit untranslated;
    untranslated.message = "States";
    untranslated.field = "none";
    untranslated.page = "states.md";
    untranslated.source = "Not translated yet.";
    states.by_page["states.md"].push_back(untranslated);
    write_file(tmp_ / "states.ko-KR.xlf", xliff12::write(states));
    files_ = {tmp_ / "states.ko-KR.xlf"};
    for (const char* locale : corpus_locales)
      files_.push_back(tmp_ / (std::string("messages.") + locale + ".xlf"));

    // And a merged file: a page gone (obsolete units), a sentence changed (a unit to review,
    // with its previous source), a section added (units without a target).
    const std::vector<std::string> english = sample_pages(traces, "en");
    for (std::size_t i = 1; i < english.size(); ++i) {
      std::string page = testing::read_file(english[i]);
      if (i == 1)
        page.replace(page.find("## <a name"), 0, "## <a name=\"new\"></a>New\n\nNew.\n\n");
      if (i == 2) page.replace(page.find(". ", page.find("\n# ")), 2, ". Edited. ");
      write_file(tmp_ / ("en/" + fs::path(english[i]).filename().string()), page);
    }
    fs::copy_file(tmp_ / "messages.de-DE.xlf", tmp_ / "merged.de-DE.xlf");
    driver::merge_options m;
    m.sources = {tmp_ / "en"};
    m.xliff_files = {tmp_ / "merged.de-DE.xlf"};
    driver::session ms;
    merge_counts c;
    ASSERT_EQ(driver::merge(m, ms, &c), 0) << report(ms);
    ASSERT_GT(c.obsolete, 0u);
    ASSERT_GT(c.review, 0u);
    ASSERT_GT(c.added, 0u);
    files_.push_back(tmp_ / "merged.de-DE.xlf");
  }

  temp_folder tmp_{"readers"};
  std::vector<std::string> files_;
};

/// The import of every corpus page, as XLIFF 1.2 files of `shards` deterministic page sets
/// (page i of the sorted English goes to shard i mod shards, with its translations).
/// translate-toolkit's xliff2po slows down with the square of the units that share a source
/// text (every page has a "Description"), so a whole-corpus file takes 20 s each; shards of
/// about 530 units keep every unit while staying under a second each.
std::vector<std::string> import_all_pages_in_shards(const std::string& out, std::size_t shards) {
  const std::string traces = testing::shared_path("corpus/wcf-traces");
  const std::vector<std::string> english = files::list_recursive(traces + "/en", {".md"});
  std::map<std::string, std::size_t> shard_of;  // page file name -> shard
  for (std::size_t i = 0; i < english.size(); ++i)
    shard_of[fs::path(english[i]).filename().string()] = i % shards;
  std::vector<std::vector<std::string>> sources(shards);
  for (const std::string& folder : {std::string("en"), std::string("sxs")})
    for (const std::string& page : files::list_recursive(traces + "/" + folder, {".md"})) {
      const auto it = shard_of.find(fs::path(page).filename().string());
      EXPECT_NE(it, shard_of.end()) << page;
      if (it != shard_of.end()) sources[it->second].push_back(page);
    }
  std::vector<std::string> files;
  for (std::size_t k = 0; k < shards; ++k) {
    driver::import_options o;
    o.sources = sources[k];
    o.out_dir = out + "/shard" + std::to_string(k);
    driver::session s;
    EXPECT_EQ(driver::import(o, s), 0) << report(s);
    for (const char* locale : corpus_locales)
      files.push_back(o.out_dir + "/messages." + locale + ".xlf");
  }
  return files;
}

TEST_F(real_readers, translate_toolkit_takes_our_xliff_to_po_and_back_intact) {
  DIAGLOT_REQUIRE_PROGRAM("xliff2po");
  DIAGLOT_REQUIRE_PROGRAM("po2xliff");
  // Every unit of the corpus import (5 x 2,652), and the states and merged files of SetUp.
  std::vector<std::string> all = import_all_pages_in_shards(tmp_.str(), 5);
  all.push_back(files_.front());  // the unit in each state
  all.push_back(files_.back());   // the merged file
  std::size_t checked = 0;
  for (const std::string& xlf : all) {
    SCOPED_TRACE(xlf);
    const std::string po = xlf + ".po", back = xlf + ".back.xlf";
    testing::command_result r =
        testing::run_command("xliff2po --progress=none '" + xlf + "' '" + po + "'");
    ASSERT_EQ(r.status, 0) << r.output;
    r = testing::run_command("po2xliff --progress=none '" + po + "' '" + back + "'");
    ASSERT_EQ(r.status, 0) << r.output;

    pugi::xml_document ours, theirs;
    ASSERT_TRUE(load(ours, xlf));
    ASSERT_TRUE(load(theirs, back));
    const std::map<std::string, pugi::xml_node> after = units_by_location(theirs);
    for (const auto& [name, u] : units_of(ours)) {
      const auto it = after.find(name);
      ASSERT_NE(it, after.end()) << name;
      const pugi::xml_node target = local_child(it->second, "target");
      const pugi::xml_node our_target = u.child("target");
      EXPECT_EQ(target ? xliff12::render(target) : "",
                our_target ? xliff12::render(our_target) : "")
          << name;
      EXPECT_EQ(xliff12::render(local_child(it->second, "source")),
                xliff12::render(u.child("source")))
          << name;
      // PO has three states; ours map onto them and come back as they went.
      const std::string st = our_target.attribute("state").value();
      const std::string expected = !our_target || xliff12::render(our_target).empty()
                                       ? "untranslated"
                                   : st == "translated" || st == "final" ? "translated"
                                   : st == "needs-review-translation"    ? "fuzzy"
                                                                         : "fuzzy";
      EXPECT_EQ(po_class(u), expected) << name;
      EXPECT_EQ(po_class(it->second), expected) << name;
      ++checked;
    }
  }
  std::cout << "translate-toolkit: " << checked << " units to PO and back\n";
  EXPECT_GE(checked, 5u * 2652u);
}

TEST_F(real_readers, a_po_round_trip_through_translate_toolkit_checks_as_our_file_does) {
  DIAGLOT_REQUIRE_PROGRAM("xliff2po");
  DIAGLOT_REQUIRE_PROGRAM("pomerge");
  // As a translator works in PO: xliff2po, edit, then pomerge into the XLIFF file (here with no
  // edit). The PO flattens inline codes into their markdown; the file must check as before.
  // (pomerge writes a fuzzy unit back as needs-translation, so the machine translations of the
  // import are not served after it; the file of every state has translated units with codes.)
  const std::vector<std::string> english =
      sample_pages(testing::shared_path("corpus/wcf-traces"), "en");
  const auto errors = [&](const std::string& xlf) {
    std::vector<std::string> sources = english;
    sources.push_back(xlf);
    driver::session s;
    const auto cat = driver::build_catalog({sources, {}, "en"}, s);
    std::vector<std::string> out;
    for (const diagnostic& d : s.sink.all())
      if (d.level == severity::error) out.push_back(render(d, s.sources));
    EXPECT_TRUE(cat) << xlf;
    return out;
  };
  std::size_t flattened = 0;
  for (std::size_t i = 0; i + 1 < files_.size(); ++i) {  // states, messages.<locale>.xlf
    const std::string xlf = files_[i], po = xlf + ".po", back = xlf + ".pomerge.xlf";
    SCOPED_TRACE(xlf);
    testing::command_result r =
        testing::run_command("xliff2po --progress=none '" + xlf + "' '" + po + "'");
    ASSERT_EQ(r.status, 0) << r.output;
    r = testing::run_command("pomerge --progress=none -t '" + xlf + "' -i '" + po + "' -o '" +
                             back + "'");
    ASSERT_EQ(r.status, 0) << r.output;
    pugi::xml_document doc;
    ASSERT_TRUE(load(doc, back));
    for (const auto& [name, u] : units_of(doc)) {
      const pugi::xml_node target = local_child(u, "target");
      flattened +=
          target && local_child(local_child(u, "source"), "ph") && !local_child(target, "ph");
    }
    EXPECT_EQ(errors(back), errors(xlf));
  }
  EXPECT_GT(flattened, 0u) << "no target lost its codes: the test shows nothing";
}

TEST_F(real_readers, qt_lrelease_compiles_our_xliff_without_warnings) {
  DIAGLOT_REQUIRE_PROGRAM("lrelease");
  DIAGLOT_REQUIRE_PROGRAM("lconvert");
  // Qt is fast: the whole corpus import, one file per locale, and the states and merged files.
  std::vector<std::string> all = import_all_pages_in_shards(tmp_ / "qt", 1);
  all.push_back(files_.front());
  all.push_back(files_.back());
  std::size_t checked = 0;
  for (const std::string& xlf : all) {
    SCOPED_TRACE(xlf);
    const testing::command_result r =
        testing::run_command("lrelease -idbased '" + xlf + "' -qm '" + xlf + ".qm'");
    ASSERT_EQ(r.status, 0) << r.output;
    std::istringstream lines(r.output);
    for (std::string line; std::getline(lines, line);) {
      const bool expected = line.rfind("Updating ", 0) == 0 ||
                            line.find("Generated ") != std::string::npos ||
                            line.find("Ignored ") != std::string::npos;
      EXPECT_TRUE(expected) << "lrelease said: " << line;
    }
    // What Qt read: each message's translation, finished when approved.
    const testing::command_result ts =
        testing::run_command("lconvert -i '" + xlf + "' -o '" + xlf + ".ts'");
    ASSERT_EQ(ts.status, 0) << ts.output;
    pugi::xml_document qt, ours;
    ASSERT_TRUE(qt.load_file((xlf + ".ts").c_str(), pugi::parse_default | pugi::parse_ws_pcdata));
    ASSERT_TRUE(load(ours, xlf));
    std::map<std::string, pugi::xml_node> messages;
    for (pugi::xpath_node m : qt.select_nodes("//message"))
      messages.emplace(m.node().attribute("id").value(), m.node());
    for (const auto& [name, u] : units_of(ours)) {
      const auto it = messages.find(name);
      ASSERT_NE(it, messages.end()) << name;
      const pugi::xml_node target = u.child("target");
      EXPECT_EQ(it->second.child("source").child_value(), xliff12::render(u.child("source")));
      EXPECT_EQ(it->second.child("translation").child_value(),
                target ? xliff12::render(target) : "")
          << name;
      // Finished when approved; obsolete units are Qt's obsolete (or vanished, when approved).
      const std::string type = it->second.child("translation").attribute("type").value();
      const bool approved = std::string(u.attribute("approved").value()) == "yes";
      if (std::string(u.attribute("translate").value()) == "no")
        EXPECT_EQ(type, approved ? "vanished" : "obsolete") << name;
      else
        EXPECT_EQ(type.empty(), approved) << name;
      ++checked;
    }
  }
  std::cout << "Qt lrelease/lconvert: " << checked << " units read as written\n";
  EXPECT_GE(checked, 5u * 2652u);
}

// --- merge
// ----------------------------------------------------------------------------------------

/// Edits the English pages as a writer would, in place; returns how many pages each kind of
/// edit touched.
std::map<std::string, std::size_t> edit_english(const std::string& folder) {
  std::map<std::string, std::size_t> done;
  std::size_t i = 0;
  for (const std::string& path : files::list_recursive(folder, {".md"})) {
    ++i;
    std::string text = testing::read_file(path);
    const std::string heading = "## <a name=\"description\"></a>Description";
    const std::size_t h = text.find(heading);
    // The first paragraph line of the description: its sentences, without the line's end.
    std::size_t line = h == std::string::npos ? h : text.find("\n\n", h);
    while (line != std::string::npos && line + 2 < text.size() && text[line + 2] == ' ' &&
           text[line + 3] == ' ')
      line = text.find("\n", line + 2);
    std::size_t begin = line == std::string::npos ? line : line + 2;
    const std::size_t end = begin == std::string::npos ? begin : text.find('\n', begin);
    std::string para = begin == std::string::npos ? "" : text.substr(begin, end - begin);
    std::string tail;
    while (!para.empty() && para.back() == ' ') tail += ' ', para.pop_back();
    const std::size_t split = para.find(". ");
    const bool two = split != std::string::npos && para.size() > split + 2;
    const auto replace_para = [&](const std::string& p) {
      text.replace(begin, end - begin, p + tail);
    };
    switch (i % 10) {
      case 1:  // a sentence changed
        if (!para.empty() && para.size() > 3) {
          replace_para(para.substr(0, para.size() - 1) + ", as written.");
          ++done["changed sentence"];
        }
        break;
      case 2:  // a sentence added
        if (!para.empty()) {
          replace_para(para + " This sentence is new.");
          ++done["added sentence"];
        }
        break;
      case 3:  // a sentence removed
        if (two) {
          replace_para(para.substr(0, split + 1));
          ++done["removed sentence"];
        }
        break;
      case 4:  // sentences reordered
        if (two) {
          replace_para(para.substr(split + 2) + " " + para.substr(0, split + 1));
          ++done["reordered sentences"];
        }
        break;
      case 5: {  // a section added
        const std::size_t see = text.find("## <a name=\"see-also\"></a>");
        if (see != std::string::npos) {
          text.insert(see, "## <a name=\"remarks\"></a>Remarks\n\nThis remark is new.\n\n");
          ++done["added section"];
        }
        break;
      }
      case 6: {  // a section removed
        const std::size_t see = text.find("## <a name=\"see-also\"></a>");
        if (see != std::string::npos) {
          text.erase(see);
          ++done["removed section"];
        }
        break;
      }
      case 7: {  // sections reordered: see also before the description
        const std::size_t see = text.find("## <a name=\"see-also\"></a>");
        if (h != std::string::npos && see != std::string::npos && see > h) {
          std::string moved = text.substr(see);
          if (moved.back() != '\n') moved += '\n';
          text.erase(see);
          text.insert(h, moved + "\n");
          ++done["reordered sections"];
        }
        break;
      }
      case 8:  // a page removed, now and then
        if (i % 40 == 8) {
          fs::remove(path);
          ++done["removed page"];
          continue;
        }
        break;
      default:
        break;
    }
    std::ofstream(path, std::ios::binary) << text;
  }
  return done;
}

/// The English of every field of the pages in a folder.
std::map<std::string, std::string> english_of(const std::string& folder) {
  driver::session s;
  const std::optional<model::catalog> cat = driver::build_catalog({{folder}, {}, "en"}, s);
  EXPECT_TRUE(cat) << report(s);
  std::map<std::string, std::string> out;
  if (cat)
    for (const english_field& e : english_fields(*cat, s.sources))
      out[unit_name(e.message->id, e.text->name)] = e.text->text;
  return out;
}

TEST(corpus_workflow, merge_keeps_every_translation_and_marks_exactly_the_changes) {
  DIAGLOT_REQUIRE_SHARED(traces, "corpus/wcf-traces");
  DIAGLOT_REQUIRE_SHARED(schemas, "schemas");
  DIAGLOT_REQUIRE_PROGRAM("xmllint");
  temp_folder tmp("merge");
  fs::copy(traces + "/en", tmp / "en");

  // Every corpus translation, as reviewed translations (state translated), in both formats.
  driver::session s;
  const std::optional<model::catalog> cat =
      driver::build_catalog({{traces + "/en", traces + "/sxs"}, {}, "en"}, s);
  ASSERT_TRUE(cat);
  std::vector<unit_set> sets = import_units(*cat, s.sources);
  ASSERT_EQ(sets.size(), 5u);
  std::map<std::string, std::map<std::string, std::string>> before;  // locale -> name -> source
  std::vector<std::string> files12, files20;
  for (unit_set& set : sets) {
    for (auto& [page, units] : set.by_page)
      for (unit& u : units) {
        u.st = model::state::translated;
        u.machine = false;
        before[set.target_locale][unit_name(u.message, u.field)] = u.source;
      }
    files12.push_back(tmp / ("12/" + set.target_locale + ".xlf"));
    files20.push_back(tmp / ("20/" + set.target_locale + ".xlf"));
    write_file(files12.back(), xliff12::write(set));
    write_file(files20.back(), xliff20::write(set));
  }

  const std::map<std::string, std::size_t> edits = edit_english(tmp / "en");
  for (const auto& [what, n] : edits) std::cout << "edit: " << what << " in " << n << " pages\n";
  EXPECT_EQ(edits.size(), 8u);
  const std::map<std::string, std::string> now = english_of(tmp / "en");

  // What the merge must do, from the units' English and the new English. XLIFF 1.2 marks every
  // changed unit for review; XLIFF 2 marks the units whose sentences changed (when only the
  // markup between them changed, each sentence keeps its translation and state).
  const auto sentences = [](const std::string& text) {
    std::vector<std::string> out;
    for (const piece& p : segment_field(text))
      if (p.segment) out.push_back(join(p.runs));
    return out;
  };
  std::size_t changed = 0, added = 0, obsolete = 0, kept = 0, sentences_changed = 0;
  std::map<std::string, std::set<std::string>> review12, review20;
  for (const auto& [locale, units] : before) {
    for (const auto& [name, source] : units) {
      const auto it = now.find(name);
      if (it == now.end()) {
        ++obsolete;
      } else if (it->second != source) {
        ++changed;
        review12[locale].insert(name);
        if (sentences(it->second) != sentences(source)) {
          review20[locale].insert(name);
          ++sentences_changed;
        }
      } else {
        ++kept;
      }
    }
    for (const auto& [name, text] : now) added += !units.count(name);
  }

  for (const bool v12 : {true, false}) {
    SCOPED_TRACE(v12 ? "xliff12" : "xliff20");
    const std::vector<std::string>& files = v12 ? files12 : files20;
    std::map<std::string, std::string> bytes_before;
    for (const std::string& f : files) bytes_before[f] = testing::read_file(f);

    driver::merge_options o;
    o.sources = {tmp / "en"};
    o.xliff_files = files;
    driver::session ms;
    merge_counts c;
    ASSERT_EQ(driver::merge(o, ms, &c), 0) << report(ms);
    std::cout << (v12 ? "XLIFF 1.2" : "XLIFF 2.0") << " merge over 5 locales: kept " << c.kept
              << ", changed " << c.changed << " (for review " << c.review << "), added " << c.added
              << ", obsolete " << c.obsolete << ", lost " << c.lost << "\n";
    EXPECT_EQ(c.lost, 0u);
    EXPECT_EQ(c.kept, kept);
    EXPECT_EQ(c.changed, changed);
    EXPECT_EQ(c.review, v12 ? changed : sentences_changed);
    EXPECT_EQ(c.added, added);
    EXPECT_EQ(c.obsolete, obsolete);

    for (std::size_t i = 0; i < files.size(); ++i) {
      const std::string& f = files[i];
      const std::string locale = fs::path(f).stem().string();
      const testing::command_result r =
          testing::validate(f, v12 ? testing::xliff12_strict : testing::xliff20_core);
      EXPECT_EQ(r.status, 0) << r.output;
      // Exactly the changed units need review; every old target is still there.
      std::set<std::string> review;
      if (v12) {
        pugi::xml_document before_doc, after_doc;
        ASSERT_TRUE(before_doc.load_string(bytes_before[f].c_str(),
                                           pugi::parse_default | pugi::parse_ws_pcdata));
        ASSERT_TRUE(load(after_doc, f));
        const auto after_units = units_of(after_doc);
        for (const auto& [name, u] : units_of(before_doc)) {
          const auto it = after_units.find(name);
          ASSERT_NE(it, after_units.end()) << name;
          EXPECT_EQ(xliff12::render(it->second.child("target")), xliff12::render(u.child("target")))
              << name;
        }
        for (const auto& [name, u] : after_units)
          if (std::string(u.child("target").attribute("state").value()) ==
              "needs-review-translation")
            review.insert(name);
      } else {
        diagnostic_sink sink;
        const std::optional<xliff::document> before_doc = xliff::parse(bytes_before[f], 0, sink);
        const std::optional<xliff::document> after_doc =
            xliff::parse(testing::read_file(f), 0, sink);
        ASSERT_TRUE(before_doc && after_doc);
        std::map<std::string, const xliff::unit*> after_units;
        xliff::for_each_unit(*after_doc, [&](const xliff::unit& u, const xliff::unit_context&) {
          after_units.emplace(std::string(u.message_name()), &u);
          for (const xliff::segment& seg : u.segments)
            if (seg.get("subState") == "diaglot:needs-review")
              review.insert(std::string(u.message_name()));
        });
        xliff::for_each_unit(*before_doc, [&](const xliff::unit& u, const xliff::unit_context&) {
          const auto it = after_units.find(std::string(u.message_name()));
          ASSERT_NE(it, after_units.end());
          const std::string old = xliff20::unit_target(u);
          // Kept where it was, or in the unit's change tracking when its English changed.
          const std::string merged = testing::read_file(f);
          if (xliff20::unit_target(*it->second) != old) {
            std::string escaped;
            pugi::xml_document d;
            d.append_child(pugi::node_pcdata).set_value(old.c_str());
            std::ostringstream o;
            d.print(o, "", pugi::format_raw);
            EXPECT_NE(merged.find("<ctr:item property=\"content\">" + o.str() + "</ctr:item>"),
                      std::string::npos)
                << u.message_name();
          }
        });
      }
      EXPECT_EQ(review, v12 ? review12[locale] : review20[locale]) << locale;
    }

    // A second merge finds nothing to do and leaves every file as it is.
    std::map<std::string, std::string> bytes_after;
    for (const std::string& f : files) bytes_after[f] = testing::read_file(f);
    driver::session again;
    merge_counts c2;
    ASSERT_EQ(driver::merge(o, again, &c2), 0) << report(again);
    EXPECT_EQ(c2.changed + c2.added + c2.obsolete + c2.lost, 0u);
    for (const std::string& f : files) EXPECT_EQ(testing::read_file(f), bytes_after[f]) << f;
  }
}

}  // namespace
}  // namespace diaglot::workflow
