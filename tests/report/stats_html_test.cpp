// The HTML stats page: self-contained, and rendered by headless Chromium into a screenshot that
// shows the page (not a blank or error page): its bars and heatmap cells in their colours.
#include <gtest/gtest.h>
#include <png.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "driver/report_commands.hpp"
#include "report/stats.hpp"
#include "report/stats_support.hpp"
#include "support/corpus.hpp"

namespace diaglot::report {
namespace {

namespace fs = std::filesystem;

std::string fixture_html() {
  driver::stats_options o;
  o.sources = {testing::fixture_path("stats")};
  o.format = driver::stats_format::html;
  driver::session s;
  std::string out;
  EXPECT_EQ(driver::stats(o, s, out), driver::success);
  return out;
}

TEST(stats_html, is_one_self_contained_page) {
  const std::string html = fixture_html();
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  // Nothing to fetch: no scripts, stylesheets, images, fonts or links to anywhere.
  for (const char* fetch :
       {"<script", "<link", "<img", "src=", "href=", "url(", "@import", "http:", "https:"})
    EXPECT_EQ(html.find(fetch), std::string::npos) << fetch;
  EXPECT_NE(html.find("<th class=\"group\">Contoso.Widgets</th>"), std::string::npos);
  EXPECT_NE(html.find("<th class=\"locale\">ko-KR</th>"), std::string::npos);
  EXPECT_EQ(html.find("</html>\n"), html.size() - 8);
}

TEST(stats_html, escapes_names) {
  catalog_stats s;
  s.source_locale = "en";
  s.locales.push_back({"x<y", {}, {}, {}, 0});
  group_stats g;
  g.name = "A&B<script>";
  g.words_by_locale["x<y"] = {};
  s.groups.push_back(g);
  const std::string html = stats_html(s);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("A&amp;B&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("x&lt;y"), std::string::npos);
}

// 29 of 50 words is 58%: 0.58 * 100 is 57.99999999999999 in binary floating point, which the
// page showed as 57% while the text report said 58.0% and the JSON 0.5800.
TEST(stats_html, rounds_shares_down_exactly) {
  counts ko, group;
  ko[progress::translated] = group[progress::translated] = 29;
  ko[progress::new_] = 21;
  group[progress::stale] = 21;
  catalog_stats s = testing::one_locale(ko, group);
  const std::string html = stats_html(s);
  EXPECT_NE(html.find("<b>58%</b>"), std::string::npos) << html;
  EXPECT_NE(html.find("\">58%<small>42% stale</small></td>"), std::string::npos) << html;
  EXPECT_EQ(html.find("57%"), std::string::npos);
  // One word short of all of them is still not 100%.
  s.locales[0].words[progress::translated] = 29999;
  s.locales[0].words[progress::new_] = 1;
  EXPECT_NE(stats_html(s).find("<b>99%</b>"), std::string::npos);
}

/// An RGBA image read with libpng's simplified API.
struct image {
  std::uint32_t width = 0, height = 0;
  std::vector<unsigned char> rgba;
};

bool read_png(const std::string& path, image& out) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&png, path.c_str())) return false;
  png.format = PNG_FORMAT_RGBA;
  out.width = png.width;
  out.height = png.height;
  out.rgba.resize(PNG_IMAGE_SIZE(png));
  if (!png_image_finish_read(&png, nullptr, out.rgba.data(), 0, nullptr)) {
    png_image_free(&png);
    return false;
  }
  return true;
}

std::size_t pixels_near(const image& img, int r, int g, int b, int tolerance) {
  std::size_t n = 0;
  for (std::size_t i = 0; i + 3 < img.rgba.size(); i += 4)
    if (std::abs(img.rgba[i] - r) <= tolerance && std::abs(img.rgba[i + 1] - g) <= tolerance &&
        std::abs(img.rgba[i + 2] - b) <= tolerance)
      ++n;
  return n;
}

std::string find_chromium() {
  for (const char* dir : {"/usr/bin", "/usr/local/bin", "/snap/bin"})
    for (const char* name : {"chromium", "chromium-browser"}) {
      const fs::path p = fs::path(dir) / name;
      if (fs::exists(p)) return p.string();
    }
  return {};
}

/// Renders the page with headless Chromium and returns the screenshot's path, or "".
std::string screenshot(const std::string& html, const fs::path& dir, const std::string& size) {
  const std::string chromium = find_chromium();
  if (chromium.empty()) return {};
  const fs::path page = dir / "stats.html", shot = dir / "stats.png", profile = dir / "profile";
  std::ofstream(page, std::ios::binary) << html;
  // No network, no first-run work, a fresh profile: the page is all Chromium loads.
  const std::string command =
      "timeout 180 " + chromium +
      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
      " --disable-background-networking --disable-component-update --disable-sync"
      " --user-data-dir='" +
      profile.string() + "' --screenshot='" + shot.string() + "' --window-size=" + size +
      " 'file://" + page.string() + "' > '" + (dir / "chromium.log").string() + "' 2>&1";
  const int status = std::system(command.c_str());
  EXPECT_EQ(status, 0) << command;
  return fs::exists(shot) ? shot.string() : std::string();
}

struct temp_dir {
  fs::path path;
  temp_dir() {
    path = fs::temp_directory_path() /
           ("diaglot-stats-html-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

void require_chromium() {
  if (!find_chromium().empty()) return;
  if (const char* ci = std::getenv("CI"); ci && std::string(ci) == "true")
    FAIL() << "chromium is missing, and CI=true requires it (tools/dev.sh setup installs it)";
  GTEST_SKIP() << "chromium is not installed (tools/dev.sh setup installs it); skipped";
}

/// What the screenshot of a stats page must show.
void expect_rendered_page(const std::string& png, std::uint32_t width, std::uint32_t height) {
  image img;
  ASSERT_TRUE(read_png(png, img)) << png;
  EXPECT_EQ(img.width, width);
  EXPECT_EQ(img.height, height);
  const std::size_t all = static_cast<std::size_t>(img.width) * img.height;
  const std::size_t white = pixels_near(img, 255, 255, 255, 0);
  // Not blank: a good part of the page is drawn.
  EXPECT_LT(white, all * 95 / 100);
  // The translated bar (#2e9e5b), a fully translated heatmap cell (hsl(120, 70%, 72%) =
  // #86ea86) and dark text (#1d2330) are all there, in solid areas, not just a few pixels.
  EXPECT_GT(pixels_near(img, 0x2e, 0x9e, 0x5b, 2), 500u);
  EXPECT_GT(pixels_near(img, 0x86, 0xea, 0x86, 3), 1000u);
  EXPECT_GT(pixels_near(img, 0x1d, 0x23, 0x30, 24), 200u);
}

TEST(stats_html, chromium_renders_the_fixture_page) {
  require_chromium();
  temp_dir dir;
  const std::string png = screenshot(fixture_html(), dir.path, "1000,700");
  ASSERT_FALSE(png.empty()) << "no screenshot; see chromium.log";
  expect_rendered_page(png, 1000, 700);
}

TEST(stats_html, chromium_renders_the_sxs_corpus_page) {
  require_chromium();
  DIAGLOT_REQUIRE_SHARED(root, "corpus/wcf-traces");
  driver::stats_options o;
  o.sources = {root + "/en"};
  for (const char* l : {"ko-KR", "ja-JP", "zh-CN", "ru-RU", "de-DE"})
    o.sources.push_back(root + "/sxs/" + l);
  o.format = driver::stats_format::html;
  driver::session s;
  std::string html;
  ASSERT_EQ(driver::stats(o, s, html), driver::success);
  temp_dir dir;
  const std::string png = screenshot(html, dir.path, "1280,1200");
  ASSERT_FALSE(png.empty()) << "no screenshot; see chromium.log";
  expect_rendered_page(png, 1280, 1200);
}

}  // namespace
}  // namespace diaglot::report
