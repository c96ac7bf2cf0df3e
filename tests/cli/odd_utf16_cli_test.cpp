// The real diaglot program on a UTF-16 file with an odd number of bytes (DGL0006): the whole
// diagnostic, its quoted line and caret at the end of the file's last line with text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli/run_diaglot.hpp"
#include "support/utf16.hpp"

namespace {

namespace fs = std::filesystem;
using diaglot::testing::result;
using diaglot::testing::run;
using diaglot::testing::temp_dir;

TEST(odd_utf16_cli, a_utf16_file_with_an_odd_byte_after_its_last_line_quotes_that_line) {
  const fs::path dir = temp_dir("odd-after-newline");
  const std::string path = (dir / "odd.ko.xlf").string();
  const std::string header =
      ": error: the file is UTF-16, as its byte order mark says, but has an odd number of "
      "bytes: its last character is cut in half [DGL0006]\n";
  const std::string footer = "1 error(s), 0 warning(s)\nhow to fix: diaglot explain DGL0006\n";
  // One byte after the final line break, after empty lines; and the last `>` cut in half.
  struct odd_case {
    std::u16string text;
    bool extra_byte;
    std::string diagnostic;
  };
  const std::u16string text = u"<xliff version=\"1.2\">\n  <!-- -->\n</xliff>";
  const odd_case cases[] = {
      {text + u"\n", true, ":3:9" + header + "  </xliff>\n          ^\n"},
      {text + u"\r\n\r\n\n", true, ":3:9" + header + "  </xliff>\n          ^\n"},
      {text, false, ":3:8" + header + "  </xliff\n         ^\n"},
  };
  for (const odd_case& c : cases) {
    SCOPED_TRACE(c.diagnostic);
    for (const bool le : {true, false}) {
      std::string bytes = diaglot::testing::utf16_file(c.text, le);
      if (c.extra_byte)
        bytes += '\x20';
      else
        bytes.pop_back();
      std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
      const result r = run({"check", path});
      EXPECT_EQ(r.status, 1) << r.err;
      EXPECT_EQ(r.err, path + c.diagnostic + footer);
    }
  }
}

}  // namespace
