# Fails when an archive defines or references an ICU symbol: the runtime (and the tables
# generated for it) must link without ICU. Run as: cmake -DNM=nm -DARCHIVES=a.a;b.a -P this file.
# ICU's C functions carry its version ("u_errorName_72", "uloc_getName_72"), its C++ names the
# namespace "icu_72".
foreach(archive IN LISTS ARCHIVES)
  execute_process(COMMAND ${NM} --format=posix ${archive}
    OUTPUT_VARIABLE symbols RESULT_VARIABLE result ERROR_VARIABLE errors)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${NM} failed on ${archive}: ${errors}")
  endif()
  string(REPLACE "\n" ";" lines "${symbols}")
  set(count 0)
  foreach(line IN LISTS lines)
    string(REGEX MATCH "^[^ ]+" name "${line}")
    if(name STREQUAL "")
      continue()
    endif()
    math(EXPR count "${count} + 1")
    if(name MATCHES "icu_[0-9]+" OR name MATCHES "^_?u[a-z]*_[A-Za-z0-9]+_[0-9]+$")
      message(FATAL_ERROR "${archive}: ICU symbol ${name}")
    endif()
  endforeach()
  if(count EQUAL 0)
    message(FATAL_ERROR "${archive}: no symbols read")
  endif()
  message(STATUS "${archive}: ${count} symbols, none from ICU")
endforeach()
