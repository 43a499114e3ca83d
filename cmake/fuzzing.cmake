# Builds for finding bugs rather than for shipping (docs/operations.md "Fuzzing"); both off in
# the ordinary build, so what operators run and CI tests stays the plain Release build.
#
# VG_SANITIZE: every target with AddressSanitizer and UndefinedBehaviorSanitizer; the first
# report ends the program, so a fuzz run or test counts it as a crash.
option(VG_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(VG_SANITIZE)
  set(VG_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all
      -fno-omit-frame-pointer)
  add_compile_options(${VG_SANITIZER_FLAGS})
  add_link_options(${VG_SANITIZER_FLAGS})
endif()

# VG_AFL: coverage-guided fuzzing with AFL++ (Debian's afl++) and g++. Debian's clang cannot
# build this code and the afl++ 4.04c GCC plugin refuses Debian 12's current g++ (it was built
# against 12.2.0-14, the compiler is 12.2.0-14+deb12u1), so g++'s own -fsanitize-coverage=trace-pc
# instruments every basic block and tests/fuzz/afl_edge_coverage.cpp turns those calls into the
# edge map AFL++'s runtime shares with afl-fuzz. Each *_fuzz.cpp is then also built as *_afl,
# with AFL++'s libFuzzer-compatible driver (persistent mode, input in shared memory).
option(VG_AFL "Build AFL++ fuzz targets (needs Debian's afl++)" OFF)
if(VG_AFL)
  find_file(VG_AFL_RUNTIME afl-compiler-rt.o PATHS /usr/lib/afl NO_DEFAULT_PATH REQUIRED)
  find_file(VG_AFL_DRIVER libAFLDriver.a PATHS /usr/lib/afl NO_DEFAULT_PATH REQUIRED)
  add_compile_options(-fsanitize-coverage=trace-pc)
  # The callback itself must not be instrumented, or every call would recurse (nor checked by the
  # sanitizers: it runs at every block). Every program of this build carries it and AFL++'s
  # runtime; outside afl-fuzz they only count into a dummy map.
  add_library(vg_afl_edge_coverage STATIC ${CMAKE_SOURCE_DIR}/tests/fuzz/afl_edge_coverage.cpp
              ${VG_AFL_RUNTIME})
  target_compile_options(vg_afl_edge_coverage PRIVATE -fno-sanitize-coverage=trace-pc
                         -fno-sanitize=all)
  link_libraries(vg_afl_edge_coverage)
  # The driver (main, __AFL_LOOP) needs the runtime after it on the link line.
  add_library(vg_afl_driver STATIC IMPORTED)
  set_target_properties(vg_afl_driver PROPERTIES IMPORTED_LOCATION ${VG_AFL_DRIVER}
                        INTERFACE_LINK_LIBRARIES vg_afl_edge_coverage)
endif()
