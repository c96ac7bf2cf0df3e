// Checks split over threads report in the order one thread would.
#include "util/parallel.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "check/arguments.hpp"
#include "check/checks.hpp"

namespace diaglot::check {
namespace {

TEST(for_each_range, covers_every_index_once_and_appends_reports_in_order) {
  const std::size_t n = parallel::min_items * 3 + 17;
  diagnostic_sink sink;
  sink.report(diag::no_messages, {});  // already there: stays first
  std::vector<char> seen(n, 0);
  parallel::for_each_range(
      n, 0, sink, [&](std::size_t begin, std::size_t end, diagnostic_sink& out, std::size_t) {
        for (std::size_t i = begin; i < end; ++i) {
          ++seen[i];
          out.report(diag::placeholder_mismatch, {0, static_cast<std::uint32_t>(i)});
          out.note(diag::note_english_source, {0, static_cast<std::uint32_t>(i)});
        }
      });
  EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), static_cast<std::ptrdiff_t>(n));
  ASSERT_EQ(sink.all().size(), n + 1);
  EXPECT_EQ(sink.error_count(), n + 1);
  for (std::size_t i = 0; i < n; ++i) {
    const diagnostic& d = sink.all()[i + 1];
    ASSERT_EQ(d.where.offset, i);
    ASSERT_EQ(d.notes.size(), 1u);
    ASSERT_EQ(d.notes[0].where.offset, i);
  }
}

TEST(for_each_range, a_small_count_is_one_range_on_the_calling_thread) {
  diagnostic_sink sink;
  std::size_t calls = 0;
  parallel::for_each_range(
      10, 0, sink, [&](std::size_t begin, std::size_t end, diagnostic_sink& out, std::size_t part) {
        ++calls;
        EXPECT_EQ(begin, 0u);
        EXPECT_EQ(end, 10u);
        EXPECT_EQ(part, 0u);
        EXPECT_EQ(&out, &sink);
      });
  EXPECT_EQ(calls, 1u);
}

/// A catalog of many messages, every third one with a translation that breaks something.
model::catalog many_messages(std::size_t n) {
  model::catalog cat;
  cat.locales = {"de", "en"};
  for (std::size_t i = 0; i < n; ++i) {
    model::message m;
    m.id = "m" + std::to_string(100000 + i);
    model::field f;
    f.name = "text";
    f.by_locale["en"].text = "Value {0} of `code`";
    f.by_locale["en"].where = {0, static_cast<std::uint32_t>(2 * i)};
    model::field_text& de = f.by_locale["de"];
    de.text = i % 3 == 0 ? "Wert {1} von code" : i % 3 == 1 ? "Wert {0} von `code`" : "Wert {";
    de.where = {0, static_cast<std::uint32_t>(2 * i + 1)};
    de.segments.push_back({"s", "Value {0} of `code`", de.text, de.where});
    m.fields.push_back(std::move(f));
    m.states["en"] = model::state::final_;
    m.states["de"] = model::state::translated;
    cat.messages.push_back(std::move(m));
  }
  return cat;
}

/// Every report as text, to compare runs.
std::string describe(const diagnostic_sink& sink) {
  std::string out;
  for (const diagnostic& d : sink.all()) {
    out += std::to_string(static_cast<int>(d.code)) + "@" + std::to_string(d.where.offset);
    for (const std::string& a : d.args) out += " " + a;
    for (const diagnostic& n : d.notes) out += " note@" + std::to_string(n.where.offset);
    out += "\n";
  }
  return out;
}

TEST(run_checks, reports_in_message_order_over_many_messages_on_any_number_of_threads) {
  const model::catalog cat = many_messages(parallel::min_items * 2 + 5);
  diagnostic_sink one;
  run_checks(cat, one, 1);
  ASSERT_FALSE(one.all().empty());
  for (std::size_t i = 1; i < one.all().size(); ++i)
    ASSERT_LE(one.all()[i - 1].where.offset, one.all()[i].where.offset) << i;
  // Two reports (placeholders, code spans) for each message whose translation breaks them.
  const std::size_t n = cat.messages.size();
  EXPECT_EQ(one.all().size(), 2 * (n - (n + 1) / 3));
  for (const unsigned jobs : {2u, 3u, 4u}) {
    SCOPED_TRACE(jobs);
    diagnostic_sink many;
    run_checks(cat, many, jobs);
    EXPECT_EQ(describe(many), describe(one));
  }
}

TEST(check_arguments, returns_unusable_texts_in_message_order_on_any_number_of_threads) {
  const model::catalog cat = many_messages(parallel::min_items * 2 + 5);
  diagnostic_sink one;
  const std::vector<unusable_text> unusable = check_arguments(cat, one, nullptr, 1);
  ASSERT_EQ(unusable.size(), cat.messages.size() / 3);
  for (std::size_t k = 0; k < unusable.size(); ++k) {
    EXPECT_EQ(unusable[k].message, 3 * k + 2);
    EXPECT_EQ(unusable[k].locale, "de");
  }
  // One report (DGL1202) for each unusable text, so the order below is checked.
  ASSERT_EQ(one.all().size(), unusable.size());
  for (std::size_t i = 1; i < one.all().size(); ++i)
    ASSERT_LE(one.all()[i - 1].where.offset, one.all()[i].where.offset) << i;
  for (const unsigned jobs : {2u, 3u, 4u}) {
    SCOPED_TRACE(jobs);
    diagnostic_sink many;
    const std::vector<unusable_text> split = check_arguments(cat, many, nullptr, jobs);
    ASSERT_EQ(split.size(), unusable.size());
    for (std::size_t k = 0; k < split.size(); ++k) EXPECT_EQ(split[k].message, unusable[k].message);
    EXPECT_EQ(describe(many), describe(one));
  }
}

TEST(check_catalog, reports_what_both_checks_report_message_by_message_on_any_threads) {
  const model::catalog cat = many_messages(parallel::min_items * 2 + 5);
  diagnostic_sink apart;
  run_checks(cat, apart, 1);
  const std::vector<unusable_text> unusable = check_arguments(cat, apart, nullptr, 1);
  // The same reports, each message's together: ordered by place, run_checks' first at one place
  // (a stable sort of the two passes' reports gives that order).
  std::vector<diagnostic> expected = apart.all();
  std::stable_sort(expected.begin(), expected.end(), [](const diagnostic& a, const diagnostic& b) {
    return a.where.offset / 2 < b.where.offset / 2;
  });
  diagnostic_sink want;
  for (const diagnostic& d : expected) want.report(d.code, d.where, d.args).notes = d.notes;
  for (const unsigned jobs : {1u, 2u, 3u}) {
    SCOPED_TRACE(jobs);
    diagnostic_sink together;
    const std::vector<unusable_text> found = check_catalog(cat, together, nullptr, jobs);
    ASSERT_EQ(found.size(), unusable.size());
    for (std::size_t k = 0; k < found.size(); ++k) {
      EXPECT_EQ(found[k].message, unusable[k].message);
      EXPECT_EQ(found[k].locale, unusable[k].locale);
    }
    EXPECT_EQ(describe(together), describe(want));
    EXPECT_EQ(together.error_count(), apart.error_count());
    EXPECT_EQ(together.warning_count(), apart.warning_count());
  }
}

}  // namespace
}  // namespace diaglot::check
