// gzip (zlib) for responses: whether a client accepts it, whether a body is worth it, and the
// codec itself. Must never compress a response that already has a Content-Encoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/http_message.h"

namespace vg::http {

// Bodies smaller than this gain too little to pay for the CPU and the gzip header.
inline constexpr std::size_t kGzipMinBytes = 1024;

// True when the Accept-Encoding value lists gzip (or *) with a non-zero q.
bool accepts_gzip(std::string_view accept_encoding);

// text/*, JSON (including problem+json), JavaScript, CSS, SVG, YAML, XML.
bool is_compressible(std::string_view content_type);

// RFC 1952 gzip of `data`; level 1 (fast) to 9 (small).
std::string gzip_compress(std::string_view data, int level = 6);
// The inverse; nullopt for anything that is not a complete gzip stream, or that would inflate
// beyond `max_bytes` (tests and checks only: the server never inflates client data).
std::optional<std::string> gunzip(std::string_view data, std::size_t max_bytes = 64u << 20);

// Compresses `response` in place when the request accepts gzip and the body is compressible and
// large enough; adds Vary: Accept-Encoding to every compressible response either way.
void maybe_gzip(const Request& request, Response& response);

}  // namespace vg::http
