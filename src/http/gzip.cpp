#include "http/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace vg::http {
namespace {

constexpr int kGzipWindowBits = 15 + 16;  // 15-bit window, +16 = gzip header instead of zlib
constexpr int kMemLevel = 8;
// Dynamic bodies are compressed per request: a middle level keeps CPU low for little size cost.
constexpr int kDynamicLevel = 5;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// q=0 (or 0.0, 0.00, 0.000) refuses a coding; anything else accepts it.
bool q_is_zero(std::string_view params) {
  while (!params.empty()) {
    auto semi = params.find(';');
    auto param = trim(params.substr(0, semi));
    if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      auto value = param.substr(2);
      return std::all_of(value.begin(), value.end(), [](char c) { return c == '0' || c == '.'; });
    }
    if (semi == std::string_view::npos) break;
    params.remove_prefix(semi + 1);
  }
  return false;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  bool star = false;
  std::string_view rest = accept_encoding;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    auto item = rest.substr(0, comma);
    auto semi = item.find(';');
    auto coding = trim(item.substr(0, semi));
    auto params = semi == std::string_view::npos ? std::string_view{} : item.substr(semi + 1);
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) return !q_is_zero(params);
    if (coding == "*") star = !q_is_zero(params);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return star;
}

bool is_compressible(std::string_view content_type) {
  auto semi = content_type.find(';');
  std::string type(trim(content_type.substr(0, semi)));
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (type.starts_with("text/")) return true;
  if (type.ends_with("+json") || type.ends_with("+xml")) return true;
  return type == "application/json" || type == "application/javascript" ||
         type == "application/x-javascript" || type == "application/yaml" ||
         type == "application/xml" || type == "image/svg+xml" ||
         type == "application/manifest+json";
}

std::string gzip_compress(std::string_view data, int level) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, kGzipWindowBits, kMemLevel, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(data.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  // deflateBound guarantees one Z_FINISH call is enough.
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  return out;
}

std::optional<std::string> gunzip(std::string_view data, std::size_t max_bytes) {
  z_stream zs{};
  if (inflateInit2(&zs, kGzipWindowBits) != Z_OK) return std::nullopt;
  std::string out;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  char chunk[16384];
  int rc = Z_OK;
  // Bounded: every pass either produces output (capped by max_bytes) or ends the stream.
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    const std::size_t produced = sizeof chunk - zs.avail_out;
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    if (out.size() + produced > max_bytes) {
      rc = Z_MEM_ERROR;
      break;
    }
    out.append(chunk, produced);
    if (rc == Z_OK && produced == 0 && zs.avail_in == 0) {
      rc = Z_BUF_ERROR;  // truncated input
      break;
    }
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

void maybe_gzip(const Request& request, Response& response) {
  if (response.body.empty() || !is_compressible(response.content_type)) return;
  if (response.header("Content-Encoding")) return;
  auto vary = response.header("Vary");
  if (!vary) {
    response.headers.emplace_back("Vary", "Accept-Encoding");
  } else if (vary->find("Accept-Encoding") == std::string::npos) {
    response.set_header("Vary", *vary + ", Accept-Encoding");
  }
  if (response.body.size() < kGzipMinBytes) return;
  auto accept = request.header("accept-encoding");
  if (!accept || !accepts_gzip(*accept)) return;
  response.body = gzip_compress(response.body, kDynamicLevel);
  response.headers.emplace_back("Content-Encoding", "gzip");
}

}  // namespace vg::http
