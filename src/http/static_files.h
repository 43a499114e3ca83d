// Static assets held in memory: the front-end build's content-hashed files under /assets/ (cached
// for a year) plus /favicon.ico and /robots.txt. Must never serve a file it did not load at start,
// so no request path can reach the file system.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "http/app_context.h"
#include "http/http_message.h"
#include "http/router.h"

namespace vg::http {

struct StaticAsset {
  std::string content_type;
  std::string body;
  std::string gzipped;  // empty when gzip would not help
  std::string etag;     // strong, quoted
  bool immutable = false;
};

class StaticFiles {
 public:
  // Files larger than this are not meant to be served from memory; load() refuses them.
  static constexpr std::size_t kMaxFileBytes = 16u << 20;

  // Reads <web_root>/static/build/assets/** (as /assets/...), the manifest beside it, and
  // favicon.ico / robots.txt from <web_root>/static when present. Compresses each file once.
  // Fails when the build directory or its manifest is missing or names a file that is not there.
  Result<void> load(const std::string& web_root);

  // The asset for a URL path such as "/assets/application-3f2a9c1b.css", or null.
  const StaticAsset* find(std::string_view url_path) const;

  // 200 (gzip when accepted), 304 for a matching If-None-Match, 404 problem for unknown paths.
  Response serve(const Request& request) const;

  std::size_t size() const { return assets_.size(); }

  static std::string content_type_for(std::string_view filename);
  // "name-3f2a9c1b.css": a hyphen, at least 8 hex digits, then the extension.
  static bool is_hashed_name(std::string_view filename);

 private:
  std::map<std::string, StaticAsset, std::less<>> assets_;  // by URL path
};

// Loads the web root's static files and registers GET /assets/{file}, /assets/{dir}/{file}, and
// /favicon.ico and /robots.txt when present. A failed load is logged and serves nothing.
void add_static_routes(Router& router, AppContext& ctx);

}  // namespace vg::http
