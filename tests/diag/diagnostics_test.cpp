// The diagnostic sink: what it keeps, counts and drops.
#include "diag/diagnostics.hpp"

#include <gtest/gtest.h>

namespace diaglot {
namespace {

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
