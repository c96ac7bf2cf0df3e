// The diagnostic sink: what it keeps, counts and drops.
#include "diag/diagnostics.hpp"

#include <gtest/gtest.h>

namespace diaglot {
namespace {

TEST(phrase, is_written_out_in_english_or_from_the_template_given) {
  const std::vector<std::string> args = {
      phrase("difference.missing", "missing {0}", {"`{1}`"}) + "; " +
      phrase("difference.extra", "not in the source {0}", {"`{2}`"})};
  EXPECT_EQ(english_text(diag::placeholder_mismatch, args),
            "placeholders differ from the source: missing `{1}`; not in the source `{2}`");
  const auto upper = [](std::string_view id, std::string_view english) {
    return std::string(id) + "=" + std::string(english);
  };
  EXPECT_EQ(expand_phrases(args, upper),
            std::vector<std::string>{"difference.missing=missing `{1}`; "
                                     "difference.extra=not in the source `{2}`"});
}

TEST(phrase, user_text_cannot_forge_or_break_one) {
  // The marks are dropped from a phrase's own arguments ...
  const std::string p = phrase("difference.missing", "missing {0}",
                               {"a\x1e"
                                "b\x1f"
                                "c"});
  EXPECT_EQ(
      expand_phrases({p}, [](std::string_view, std::string_view e) { return std::string(e); }),
      std::vector<std::string>{"missing abc"});
  // ... and an argument that holds a lone mark, or a mark with no parts, is kept as it is.
  const std::vector<std::string> odd = {"x\x1ey", "\x1e\x1e", "\x1eid\x1e"};
  EXPECT_EQ(expand_phrases(odd, [](std::string_view, std::string_view) { return "!"; }), odd);
}

TEST(diagnostic_sink, an_ignored_warning_is_neither_kept_nor_counted_and_neither_are_its_notes) {
  diagnostic_sink sink;
  EXPECT_TRUE(sink.ignore(diag::stale_translation));
  sink.report(diag::stale_translation, {1, 10}, {"ko", "A"});
  sink.note(diag::note_first_definition, {1, 20});
  sink.report(diag::orphan_translation, {1, 30}, {"B", "ko"});
  sink.note(diag::note_first_definition, {1, 40});
  ASSERT_EQ(sink.all().size(), 1u);
  EXPECT_EQ(sink.all()[0].code, diag::orphan_translation);
  EXPECT_EQ(sink.all()[0].notes.size(), 1u);
  EXPECT_EQ(sink.warning_count(), 1u);
  EXPECT_EQ(sink.ignored_count(), 1u);
}

TEST(diagnostic_sink, errors_cannot_be_ignored) {
  diagnostic_sink sink;
  EXPECT_FALSE(sink.ignore(diag::xml_malformed));
  sink.report(diag::xml_malformed, {1, 0}, {"x"});
  EXPECT_EQ(sink.error_count(), 1u);
  EXPECT_EQ(sink.all().size(), 1u);
}

TEST(diagnostic_sink, what_another_sink_reported_is_ignored_when_appended) {
  // Readers report into a sink of their own thread, appended to the command's.
  diagnostic_sink reader;
  reader.report(diag::stale_translation, {2, 1}, {"ja", "A"});
  reader.note(diag::note_first_definition, {2, 5});
  reader.report(diag::xml_malformed, {2, 9}, {"x"});
  diagnostic_sink command;
  command.ignore(diag::stale_translation);
  command.append(std::move(reader));
  ASSERT_EQ(command.all().size(), 1u);
  EXPECT_EQ(command.all()[0].code, diag::xml_malformed);
  EXPECT_EQ(command.warning_count(), 0u);
  EXPECT_EQ(command.error_count(), 1u);
  EXPECT_EQ(command.ignored_count(), 1u);
}

}  // namespace
}  // namespace diaglot
