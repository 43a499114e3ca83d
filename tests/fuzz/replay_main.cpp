// Runs a libFuzzer target without libFuzzer, so every fuzz target also runs under `make test`
// with the project's own compiler: each seed in the corpus folder, then a bounded number of
// deterministic mutations of them (byte flips, inserts, deletes, splices). A crash or abort
// fails the test; the input that caused it is written to fuzz-crash-<target>.bin first.
// For coverage-guided runs under afl-fuzz with sanitizers: `make fuzz` (docs/operations.md).
#include <algorithm>
#include <chrono>
#include <csignal>
#include <exception>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::string g_current;
std::string g_name = "target";

void save_current() {
  std::ofstream out("fuzz-crash-" + g_name + ".bin", std::ios::binary);
  out << g_current;
}

// The target is given a heap copy of exactly the input's size, as libFuzzer gives it: a
// std::string's terminating NUL (or afl's 1 MiB buffer) would hide a read one past the end, which
// AddressSanitizer reports only when the next byte is not the input's.
void run(const std::string& input) {
  g_current = input;
  const auto copy = std::make_unique<std::uint8_t[]>(input.size());
  std::copy(input.begin(), input.end(), copy.get());
  LLVMFuzzerTestOneInput(copy.get(), input.size());
}

std::string mutate(std::string s, const std::vector<std::string>& corpus, std::mt19937_64& rng) {
  const int edits = 1 + static_cast<int>(rng() % 8);
  for (int e = 0; e < edits; ++e) {
    switch (rng() % 6) {
      case 0:
        if (!s.empty()) s[rng() % s.size()] ^= static_cast<char>(1u << (rng() % 8));
        break;
      case 1:
        s.insert(s.begin() + static_cast<std::ptrdiff_t>(s.empty() ? 0 : rng() % (s.size() + 1)),
                 static_cast<char>(rng() % 256));
        break;
      case 2:
        if (!s.empty()) {
          auto at = rng() % s.size();
          s.erase(at, 1 + rng() % std::min<std::size_t>(16, s.size() - at));
        }
        break;
      case 3: {  // splice in part of another seed
        const auto& other = corpus[rng() % corpus.size()];
        if (other.empty()) break;
        auto from = rng() % other.size();
        auto len = 1 + rng() % std::min<std::size_t>(64, other.size() - from);
        s.insert(s.empty() ? 0 : rng() % (s.size() + 1), other.substr(from, len));
        break;
      }
      case 4: {  // interesting characters for text formats
        static const char* kTokens[] = {"\"", ",", "\n", "{", "}", "[", "]", ":", "null", "-1",
                                        "1e309", "\\u0000", "\xff", "&", "=", "%", "%zz"};
        auto tok = kTokens[rng() % std::size(kTokens)];
        s.insert(s.empty() ? 0 : rng() % (s.size() + 1), tok);
        break;
      }
      default:
        if (s.size() > 1) s.resize(rng() % s.size());
        break;
    }
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " CORPUS_DIR [RUNS]\n";
    return 2;
  }
  const std::filesystem::path dir(argv[1]);
  g_name = dir.filename().string();
  const long runs = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 5000;
  std::set_terminate([] {
    save_current();
    std::abort();
  });
  std::signal(SIGABRT, [](int) { save_current(); std::_Exit(134); });
  std::signal(SIGSEGV, [](int) { save_current(); std::_Exit(139); });

  std::vector<std::string> corpus;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (corpus.empty()) corpus.emplace_back();
  for (const auto& seed : corpus) run(seed);

  // Bounded in count and in time, so a slow target cannot stall the test run.
  std::mt19937_64 rng(20261123);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  long done = 0;
  for (; done < runs && std::chrono::steady_clock::now() < deadline; ++done) {
    run(mutate(corpus[rng() % corpus.size()], corpus, rng));
  }
  std::cout << g_name << ": " << corpus.size() << " seeds, " << done << " mutations, no crash\n";
  return 0;
}
