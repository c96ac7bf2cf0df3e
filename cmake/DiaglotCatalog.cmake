# diaglot_add_catalog(<target> SOURCES <file|dir>... [NAME <stem>] [NAMESPACE <ns>]
#                     [CODES <tsv>...] [SOURCE_LOCALE <tag>] [SHARDS <n>]
#                     [IGNORE <DGLnnnn>...])
#
# Compiles message sources with diaglot at build time into <stem>.hpp/.cpp and a static library
# <target> that links diaglot::runtime. SHARDS <n> splits the data over n source files
# (<stem>.cpp, <stem>.shard1.cpp, ...) that build in parallel: worth it for large catalogs. Regenerated when any input changes (a depfile lists every
# file read, so files added to a source directory are picked up on the next build). IGNORE names
# warnings the build does not print (errors cannot be ignored): e.g. DGL0404 for translations
# known to lag their English.
#
# The compiler is DIAGLOT_COMPILER where the caller sets it (the installed package's config sets
# diaglot::diaglot), else the diaglot target of a build that holds diaglot as a subdirectory,
# else a diaglot found on the PATH.

function(diaglot_add_catalog target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "NAME;NAMESPACE;SOURCE_LOCALE;SHARDS"
                        "SOURCES;CODES;IGNORE")
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "diaglot_add_catalog(${target}): SOURCES is required")
  endif()
  # A misspelt keyword would otherwise be taken for a source or dropped without a word.
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "diaglot_add_catalog(${target}): unknown arguments: "
                        "${arg_UNPARSED_ARGUMENTS} (keywords: SOURCES NAME NAMESPACE CODES "
                        "SOURCE_LOCALE SHARDS IGNORE)")
  endif()
  if(arg_KEYWORDS_MISSING_VALUES)
    message(FATAL_ERROR "diaglot_add_catalog(${target}): ${arg_KEYWORDS_MISSING_VALUES} "
                        "needs a value")
  endif()
  if(DEFINED DIAGLOT_COMPILER)
    set(compiler ${DIAGLOT_COMPILER})
    set(compiler_depends ${DIAGLOT_COMPILER_DEPENDS})
  elseif(TARGET diaglot)
    set(compiler $<TARGET_FILE:diaglot>)
    set(compiler_depends diaglot)
  else()
    find_program(DIAGLOT_EXECUTABLE diaglot REQUIRED)
    set(compiler ${DIAGLOT_EXECUTABLE})
    set(compiler_depends ${DIAGLOT_EXECUTABLE})
  endif()
  # Values are tested with DEFINED, not for truth: `n`, `no` and `off` are a namespace or a
  # locale (Norwegian) to diaglot, but false to if().
  if(NOT DEFINED arg_NAME)
    set(arg_NAME ${target})
  endif()
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/${target}.gen)
  set(args compile --out ${out_dir} --name ${arg_NAME} --depfile ${out_dir}/${arg_NAME}.d)
  if(DEFINED arg_NAMESPACE)
    list(APPEND args --namespace ${arg_NAMESPACE})
  endif()
  if(DEFINED arg_SOURCE_LOCALE)
    list(APPEND args --source-locale ${arg_SOURCE_LOCALE})
  endif()
  set(sources ${out_dir}/${arg_NAME}.cpp)
  if(arg_SHARDS AND arg_SHARDS GREATER 1)
    list(APPEND args --shards ${arg_SHARDS})
    math(EXPR last "${arg_SHARDS} - 1")
    foreach(k RANGE 1 ${last})
      list(APPEND sources ${out_dir}/${arg_NAME}.shard${k}.cpp)
    endforeach()
  endif()
  set(depends)
  foreach(codes IN LISTS arg_CODES)
    # Relative to the calling CMakeLists.txt, as SOURCES are: the command runs in the build tree.
    get_filename_component(codes ${codes} ABSOLUTE)
    list(APPEND args --codes ${codes})
    list(APPEND depends ${codes})
  endforeach()
  foreach(code IN LISTS arg_IGNORE)
    list(APPEND args --ignore ${code})
  endforeach()
  foreach(src IN LISTS arg_SOURCES)
    get_filename_component(src ${src} ABSOLUTE)
    list(APPEND args ${src})
    if(IS_DIRECTORY ${src})
      # Files known at configure time; the depfile adds what later appears.
      file(GLOB_RECURSE found CONFIGURE_DEPENDS ${src}/*.md ${src}/*.xlf ${src}/*.xliff)
      # And the directories, whose times change when a file is added or removed: Make, once
      # CMake has rerun for the glob, did not rebuild for a removed file until the next build.
      # (A new directory comes with a new source file, which reruns CMake by the glob above.)
      file(GLOB_RECURSE entries LIST_DIRECTORIES true ${src}/*)
      set(dirs ${src})
      foreach(entry IN LISTS entries)
        if(IS_DIRECTORY ${entry})
          list(APPEND dirs ${entry})
        endif()
      endforeach()
      list(APPEND depends ${found} ${dirs})
    else()
      list(APPEND depends ${src})
    endif()
  endforeach()

  # diaglot leaves an output whose bytes did not change alone, so that nothing including it
  # rebuilds; the stamp is what says the catalog is up to date. Ninja restats the byproducts;
  # Make, which does not, would otherwise run the compiler on every build once any input changed.
  set(stamp ${out_dir}/${arg_NAME}.stamp)
  list(APPEND args --stamp ${stamp})
  add_custom_command(
    OUTPUT ${stamp}
    BYPRODUCTS ${out_dir}/${arg_NAME}.hpp ${sources}
    COMMAND ${compiler} ${args}
    DEPENDS ${depends} ${compiler_depends}
    DEPFILE ${out_dir}/${arg_NAME}.d
    COMMENT "diaglot: compiling catalog ${arg_NAME}"
    VERBATIM)
  add_library(${target} STATIC ${sources} ${out_dir}/${arg_NAME}.hpp ${stamp})
  # The generated sources hold texts as raw UTF-8.
  target_compile_options(${target} PRIVATE $<$<CXX_COMPILER_ID:MSVC>:/utf-8>)
  target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${out_dir}>)
  target_link_libraries(${target} PUBLIC diaglot::runtime)
endfunction()
