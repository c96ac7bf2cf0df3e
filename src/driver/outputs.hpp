// diaglot driver: writing the output files of a run (compile, extract, import, merge).
#pragma once

#include <vector>

#include "driver/driver.hpp"
#include "util/files.hpp"

namespace diaglot::driver {

/// What write_outputs does with a file that exists and holds other bytes.
enum class existing_files {
  replace,  ///< a generated file, or one merge has carried the work of
  keep,     ///< it may hold translators' work: reported (DGL0805), and no file is written
};

/// Writes the files of one run, all or none (files::output_set): each staged on up to `jobs`
/// threads, then renamed into place. Reports every file that could not be written, in order.
void write_outputs(std::vector<files::output> outputs, session& s, unsigned jobs = 1,
                   existing_files existing = existing_files::replace);

}  // namespace diaglot::driver
