// One translation problem, one verdict: a machine translation that dropped code spans is the
// same warning (DGL0503) and serves the same text whether it comes as a bilingual sxs page or as
// the XLIFF 1.2 or 2.0 that `diaglot import` makes of that page; codes a target invents, or
// drops where no code span went, stay an error (DGL0502).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "driver/driver.hpp"
#include "driver/workflow_commands.hpp"
#include "workflow/workflow_support.hpp"

namespace diaglot::workflow {
namespace {

namespace fs = std::filesystem;

const char* const english = R"(---
title: Sample.Gamma
---
# Sample.Gamma

Set `propagateActivity` and `tracing` on both sides. It is rare.
)";

// The Korean sentence lost both code spans, as in the corpus page configuring-tracing.md.
const char* const sxs = R"(---
title: Sample.Gamma
ms.translationtype: MT
ms.contentlocale: ko-KR
---
# <span data-ttu-id="g1-101">Sample.Gamma</span><span class="sxs-lookup"><span data-stu-id="g1-101">Sample.Gamma</span></span>

<span data-ttu-id="g1-102">양쪽에서 활동 전파와 추적을 설정하세요.</span><span class="sxs-lookup"><span data-stu-id="g1-102">Set `propagateActivity` and `tracing` on both sides.</span></span> <span data-ttu-id="g1-103">드문 일입니다.</span><span class="sxs-lookup"><span data-stu-id="g1-103">It is rare.</span></span>
)";

struct verdict {
  std::map<std::string, int> codes;  ///< DGLnnnn -> how often
  std::size_t errors = 0;
  std::string served;  ///< the Korean summary, when the catalog builds
};

verdict compile(const std::vector<std::string>& sources) {
  driver::session s;
  const std::optional<model::catalog> cat = driver::build_catalog({sources, {}, "en"}, s);
  verdict v;
  for (const diagnostic& d : s.sink.all()) ++v.codes[diag_code(d.code)];
  v.errors = s.sink.error_count();
  if (cat && !s.sink.has_errors())
    if (const model::message* m = cat->find("Sample.Gamma"))
      if (const model::field* f = m->find_field("summary"))
        if (const auto t = f->by_locale.find("ko-KR"); t != f->by_locale.end())
          v.served = t->second.text;
  return v;
}

TEST(same_problem, dropped_code_spans_warn_alike_in_markdown_and_xliff) {
  testing::temp_folder tmp("same-problem");
  fs::create_directories(tmp / "en");
  fs::create_directories(tmp / "sxs/ko-KR");
  std::ofstream(tmp / "en/gamma.md", std::ios::binary) << english;
  std::ofstream(tmp / "sxs/ko-KR/gamma.md", std::ios::binary) << sxs;

  verdict markdown = compile({tmp / "en", tmp / "sxs"});
  EXPECT_EQ(markdown.errors, 0u);
  EXPECT_EQ(markdown.codes["DGL0503"], 1);
  EXPECT_EQ(markdown.served, "양쪽에서 활동 전파와 추적을 설정하세요. 드문 일입니다.");

  for (const auto format : {driver::xliff_format::xliff12, driver::xliff_format::xliff20}) {
    const bool v12 = format == driver::xliff_format::xliff12;
    SCOPED_TRACE(v12 ? "xliff12" : "xliff20");
    const std::string out = tmp / (v12 ? "x12" : "x20");
    driver::import_options o;
    o.sources = {tmp / "en", tmp / "sxs"};
    o.format = format;
    o.out_dir = out;
    driver::session s;
    ASSERT_EQ(driver::import(o, s), 0);
    const std::string xlf = out + "/messages.ko-KR.xlf";
    // The XLIFF does carry the difference as inline codes the target lacks.
    EXPECT_NE(testing::read_file(xlf).find("`propagateActivity`"), std::string::npos);

    verdict xliff = compile({tmp / "en", xlf});
    EXPECT_EQ(xliff.errors, 0u);
    EXPECT_EQ(xliff.codes["DGL0502"], 0);
    EXPECT_EQ(xliff.codes["DGL0503"], 1);
    EXPECT_EQ(xliff.served, markdown.served);

    // A target that invents a code the source lacks is still an error.
    std::string text = testing::read_file(xlf);
    const std::string broken = tmp / (v12 ? "broken12.ko-KR.xlf" : "broken20.ko-KR.xlf");
    const std::size_t at = text.find("드문 일입니다.");
    ASSERT_NE(at, std::string::npos);
    text.insert(at, v12 ? "<ph id=\"99\">`x`</ph>" : "<ph id=\"99\"/>");
    std::ofstream(broken, std::ios::binary) << text;
    verdict invented = compile({tmp / "en", broken});
    EXPECT_GE(invented.errors, 1u);
    // XLIFF 2 rejects a target code without a source code before any check runs.
    if (v12) {
      EXPECT_EQ(invented.codes["DGL0502"], 1);
    }
  }
}

}  // namespace
}  // namespace diaglot::workflow
