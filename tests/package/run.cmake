# Installs diaglot into a scratch prefix, then configures, builds and runs tests/package/project
# against it: the installed package works from outside the source tree.
set(prefix ${WORK}/prefix)
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${prefix} RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "install failed")
endif()
# A sanitizer build installs an instrumented runtime: its users must link the sanitizers too.
set(flags "")
if(SANITIZE)
  set(flags "-fsanitize=address,undefined")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${PROJECT} -B ${WORK}/build -G Ninja
  -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX} "-DCMAKE_CXX_FLAGS=${flags}"
  RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "configuring the downstream project failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK}/build RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "building the downstream project failed")
endif()
execute_process(COMMAND ${WORK}/build/user OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(rc OR NOT out STREQUAL "설치된 diaglot에서 인사드립니다. [ko-KR] docs에 파일 3개가 있습니다.\n")
  message(FATAL_ERROR "downstream program: status ${rc}, output `${out}`")
endif()
message(STATUS "downstream project: ${out}")

# With Make: a file removed from a SOURCES directory is gone from the catalog after one build.
# (Make once kept the old catalog until a second build: CMake reran for the glob, and the
# removed file was in no dependency list any more.)
set(project_copy ${WORK}/make-project)
file(COPY ${PROJECT}/ DESTINATION ${project_copy})
file(WRITE ${project_copy}/messages/extra.md
  "---\ntitle: App.Extra\n---\n# App.Extra\n\nAn extra message.\n")
execute_process(COMMAND ${CMAKE_COMMAND} -S ${project_copy} -B ${WORK}/make-build
  -G "Unix Makefiles" -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX}
  "-DCMAKE_CXX_FLAGS=${flags}" OUTPUT_QUIET RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "configuring the downstream project for Make failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK}/make-build --target greetings
  OUTPUT_QUIET RESULT_VARIABLE rc)
file(READ ${WORK}/make-build/greetings.gen/greetings.hpp header)
if(rc OR NOT header MATCHES "Extra")
  message(FATAL_ERROR "the Make build did not compile messages/extra.md")
endif()
# A second apart, so that the directory's time moves past the stamp's.
execute_process(COMMAND ${CMAKE_COMMAND} -E sleep 1)
file(REMOVE ${project_copy}/messages/extra.md)
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK}/make-build --target greetings
  OUTPUT_QUIET RESULT_VARIABLE rc)
file(READ ${WORK}/make-build/greetings.gen/greetings.hpp header)
if(rc OR header MATCHES "Extra")
  message(FATAL_ERROR "the Make build kept App.Extra after messages/extra.md was removed")
endif()
