#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>

#include "model/model.hpp"

namespace diaglot::model {
namespace {

TEST(shared_text, reads_like_an_optional_string) {
  const shared_text none;
  EXPECT_FALSE(none.has_value());
  EXPECT_FALSE(none);
  EXPECT_EQ(none.value_or("fallback"), "fallback");
  EXPECT_NE(none, "");  // no text is not the empty text

  const shared_text empty = std::string();
  EXPECT_TRUE(empty.has_value());
  EXPECT_EQ(empty, "");

  const shared_text hello = "Hello";
  EXPECT_TRUE(hello);
  EXPECT_EQ(*hello, "Hello");
  EXPECT_EQ(hello->size(), 5u);
  EXPECT_EQ(hello, std::string("Hello"));
  EXPECT_EQ(std::string("Hello"), hello);
  EXPECT_NE(hello, "Hello!");
  EXPECT_EQ(hello.value_or("fallback"), "Hello");
}

TEST(shared_text, null_is_no_text) {
  const shared_text none = nullptr;
  EXPECT_FALSE(none.has_value());
  EXPECT_EQ(none, nullptr);
  EXPECT_NE(shared_text("x"), nullptr);
  shared_text t = "x";
  t = nullptr;
  EXPECT_FALSE(t.has_value());
  // A copy, which outlives the temporary it may have come from.
  const std::string fallback = shared_text().value_or(std::string("made here"));
  EXPECT_EQ(fallback, "made here");
}

TEST(shared_text, compares_by_text_not_by_storage) {
  const shared_text a = "Hello", b = "Hello", c = "Bye";
  EXPECT_NE(a.shared(), b.shared());
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(shared_text(), shared_text());
  EXPECT_NE(a, shared_text());
}

TEST(shared_text, copies_share_one_buffer) {
  const auto bytes = std::make_shared<const std::string>("The English");
  const shared_text first(bytes), second(bytes);
  const shared_text copy = first;
  EXPECT_EQ(first->data(), second->data());
  EXPECT_EQ(copy->data(), bytes->data());
  EXPECT_EQ(bytes.use_count(), 4);
  EXPECT_FALSE(shared_text(std::shared_ptr<const std::string>()).has_value());
}

TEST(shared_text, prints_its_text_or_none) {
  std::ostringstream out;
  out << shared_text("Hi") << ' ' << shared_text();
  EXPECT_EQ(out.str(), "\"Hi\" (none)");
}

}  // namespace
}  // namespace diaglot::model
