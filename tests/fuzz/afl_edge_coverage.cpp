// Edge coverage for AFL++ from g++'s -fsanitize-coverage=trace-pc (see cmake/fuzzing.cmake):
// g++ calls __sanitizer_cov_trace_pc at the start of every basic block; this records the edge
// from the previous block to this one in the map AFL++'s runtime (afl-compiler-rt.o) shares
// with afl-fuzz, the same way AFL's own instrumentation does (prev >> 1 keeps A->B and B->A apart).
#include <cstdint>

extern "C" {
extern std::uint8_t* __afl_area_ptr;  // afl-compiler-rt.o: a dummy map until afl-fuzz attaches

void __sanitizer_cov_trace_pc() {
  static thread_local std::uintptr_t previous = 0;
  constexpr std::uintptr_t kMapMask = (1u << 16) - 1;  // AFL++'s default map: 64 KiB
  const auto pc = reinterpret_cast<std::uintptr_t>(__builtin_return_address(0));
  const std::uintptr_t here = (pc ^ (pc >> 16)) & kMapMask;
  ++__afl_area_ptr[here ^ previous];
  previous = here >> 1;
}
}
