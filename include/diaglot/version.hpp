// diaglot: the version of the runtime and of the compiler that generates tables for it.
#pragma once

/// Major * 10000 + minor * 100 + patch, as in project(VERSION) of the top CMakeLists.txt.
#define DIAGLOT_VERSION 100  // 0.1.0

namespace diaglot {

/// The version as text ("0.1.0"), named in the banner of generated files.
inline constexpr const char* version_string = "0.1.0";

}  // namespace diaglot
