#include "http/static_files.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "app/security/random_token.h"
#include "http/gzip.h"
#include "http/problem.h"

namespace vg::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
// Unhashed names (favicon.ico, robots.txt) can change under the same URL: cache briefly.
constexpr std::string_view kShortLived = "public, max-age=3600";
constexpr int kMaxDepth = 2;  // /assets/{file} and /assets/{dir}/{file}

Result<std::string> read_file(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return fail("unavailable", "cannot read " + path.string() + ": " + ec.message());
  if (size > StaticFiles::kMaxFileBytes) {
    return fail("unavailable", path.string() + " is too large to serve from memory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("unavailable", "cannot open " + path.string());
  std::string data(size, '\0');
  in.read(data.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in.gcount()) != size) {
    return fail("unavailable", "short read on " + path.string());
  }
  return data;
}

StaticAsset make_asset(std::string body, std::string_view filename, bool immutable) {
  StaticAsset a;
  a.content_type = StaticFiles::content_type_for(filename);
  // Appended, not `"\"" + … + "\""`: g++ 12 at -O3 wrongly reports -Wrestrict on that
  // operator+ chain (GCC bug 105329), and Release builds treat warnings as errors.
  const auto digest = app::sha256_hex(body);
  a.etag.reserve(34);
  a.etag.push_back('"');
  a.etag.append(digest, 0, 32);
  a.etag.push_back('"');
  a.immutable = immutable;
  if (body.size() >= kGzipMinBytes && is_compressible(a.content_type)) {
    auto packed = gzip_compress(body, 9);  // once at start: spend the CPU for the smallest file
    if (packed.size() < body.size()) a.gzipped = std::move(packed);
  }
  a.body = std::move(body);
  return a;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  // A list of entity tags, weak ones compared weakly as RFC 9110 says for If-None-Match.
  std::string_view rest = if_none_match;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    auto tag = rest.substr(0, comma);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

bool hidden(const fs::path& p) { return p.filename().string().starts_with("."); }

// Walks `dir` to kMaxDepth, refusing symlinks so nothing outside the build can be pulled in.
Result<void> load_tree(const fs::path& dir, const std::string& url_prefix, int depth,
                       std::map<std::string, StaticAsset, std::less<>>& out) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto& entry = *it;
    if (hidden(entry.path())) continue;
    const auto status = entry.symlink_status(ec);
    if (ec) break;
    const std::string name = entry.path().filename().string();
    if (fs::is_directory(status)) {
      if (depth + 1 < kMaxDepth) {
        VG_CHECK(load_tree(entry.path(), url_prefix + name + "/", depth + 1, out));
      }
      continue;
    }
    if (!fs::is_regular_file(status)) continue;
    auto body = VG_TRY(read_file(entry.path()));
    out[url_prefix + name] = make_asset(std::move(body), name, StaticFiles::is_hashed_name(name));
  }
  if (ec) return fail("unavailable", "cannot list " + dir.string() + ": " + ec.message());
  return {};
}

}  // namespace

std::string StaticFiles::content_type_for(std::string_view filename) {
  auto dot = filename.rfind('.');
  std::string ext = dot == std::string_view::npos ? "" : std::string(filename.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "webmanifest") return "application/manifest+json";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

bool StaticFiles::is_hashed_name(std::string_view filename) {
  auto dot = filename.find('.');
  if (dot == std::string_view::npos) return false;
  auto stem = filename.substr(0, dot);
  auto dash = stem.rfind('-');
  if (dash == std::string_view::npos) return false;
  auto hash = stem.substr(dash + 1);
  return hash.size() >= 8 && std::all_of(hash.begin(), hash.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Result<void> StaticFiles::load(const std::string& web_root) {
  const fs::path static_dir = fs::path(web_root) / "static";
  const fs::path build_dir = static_dir / "build";
  std::map<std::string, StaticAsset, std::less<>> loaded;
  VG_CHECK(load_tree(build_dir / "assets", "/assets/", 0, loaded));

  // Everything the manifest names is content-hashed by the build: cache it for a year.
  auto manifest_text = VG_TRY(read_file(build_dir / "manifest.json"));
  boost::system::error_code ec;
  auto manifest = boost::json::parse(manifest_text, ec);
  if (ec || !manifest.is_object()) {
    return fail("unavailable", (build_dir / "manifest.json").string() + " is not a JSON object");
  }
  for (const auto& [logical, url] : manifest.as_object()) {
    if (!url.is_string()) {
      return fail("unavailable", "manifest entry " + std::string(logical) + " is not a string");
    }
    auto it = loaded.find(std::string_view(url.as_string()));
    if (it == loaded.end()) {
      return fail("unavailable", "manifest names " + std::string(url.as_string()) +
                                     ", which the build did not write");
    }
    it->second.immutable = true;
  }

  for (const char* name : {"favicon.ico", "robots.txt"}) {
    std::error_code exists_ec;
    const auto path = static_dir / name;
    if (!fs::is_regular_file(fs::symlink_status(path, exists_ec))) continue;
    auto body = VG_TRY(read_file(path));
    loaded[std::string("/") + name] = make_asset(std::move(body), name, false);
  }
  assets_ = std::move(loaded);
  return {};
}

const StaticAsset* StaticFiles::find(std::string_view url_path) const {
  auto it = assets_.find(url_path);
  return it == assets_.end() ? nullptr : &it->second;
}

Response StaticFiles::serve(const Request& request) const {
  const auto* asset = find(request.path);
  if (!asset) return problem_response(404, "Not Found");
  Response r;
  r.content_type = asset->content_type;
  r.set_header("Cache-Control", std::string(asset->immutable ? kImmutable : kShortLived));
  r.set_header("ETag", asset->etag);
  if (is_compressible(asset->content_type)) r.set_header("Vary", "Accept-Encoding");
  if (auto inm = request.header("if-none-match"); inm && etag_matches(*inm, asset->etag)) {
    r.status = 304;
    return r;
  }
  auto accept = request.header("accept-encoding");
  if (!asset->gzipped.empty() && accept && accepts_gzip(*accept)) {
    r.body = asset->gzipped;
    r.set_header("Content-Encoding", "gzip");
  } else {
    r.body = asset->body;
  }
  return r;
}

void add_static_routes(Router& router, AppContext& ctx) {
  auto files = std::make_shared<StaticFiles>();
  if (auto loaded = files->load(ctx.settings.web_root); !loaded) {
    spdlog::error("static files not loaded: {}", loaded.error().message);
    return;
  }
  Handler handler = [files](Request& request) { return files->serve(request); };
  router.add("GET", "/assets/{file}", Guard::everyone(), handler);
  router.add("GET", "/assets/{dir}/{file}", Guard::everyone(), handler);
  for (const char* path : {"/favicon.ico", "/robots.txt"}) {
    if (files->find(path)) router.add("GET", path, Guard::everyone(), handler);
  }
}

}  // namespace vg::http
