#include "http/http_message.h"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>
#include <cctype>

#include "domain/text/utf8.h"

namespace vg::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::optional<std::string> Request::query_param(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::vector<std::string> Request::query_params(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : query) {
    if (k == name) out.push_back(v);
  }
  return out;
}

std::optional<std::string> Request::header(std::string_view lower_name) const {
  auto it = headers.find(std::string(lower_name));
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  auto raw = header("cookie");
  if (!raw) return std::nullopt;
  std::string_view rest = *raw;
  while (!rest.empty()) {
    auto end = rest.find(';');
    auto pair = rest.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      return std::string(pair.substr(eq + 1));
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return std::nullopt;
}

std::string Request::path_param(std::string_view name) const {
  auto it = path_params.find(std::string(name));
  return it == path_params.end() ? std::string() : it->second;
}

void Response::set_header(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (iequals(k, name)) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> Response::header(std::string_view name) const {
  if (iequals(name, "content-type")) return content_type;
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return v;
  }
  return std::nullopt;
}

Response json_response(int status, std::string body) {
  return Response{status, "application/json", {}, std::move(body)};
}

Response html_response(int status, std::string body) {
  return Response{status, "text/html; charset=utf-8", {}, std::move(body)};
}

Response redirect(std::string location, int status) {
  Response r{status, "text/plain; charset=utf-8", {}, {}};
  r.set_header("Location", std::move(location));
  return r;
}

bool read_target(std::string_view target, Request& out) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return false;
  out.path = url->path();
  if (url->has_query()) out.query = parse_form(url->encoded_query());
  return true;
}

std::vector<std::pair<std::string, std::string>> parse_form(std::string_view encoded) {
  std::vector<std::pair<std::string, std::string>> out;
  // Boost.URL 1.81's parse_query measures the view it returns with strlen (boostorg/url#946), so
  // it is given a terminated copy: a view that ends short of a NUL would be read past its end
  // (found by afl-fuzz; the server's own views happen to end at one).
  const std::string terminated(encoded);
  auto parsed = boost::urls::parse_query(terminated);
  if (!parsed) return out;
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  for (auto it = parsed->begin(); it != parsed->end(); ++it) {
    auto p = *it;
    // Every value a page or handler sees is valid UTF-8: what is stored must read back.
    out.emplace_back(text::to_valid_utf8(p.key.decode(opts)),
                     p.has_value ? text::to_valid_utf8(p.value.decode(opts)) : std::string());
  }
  return out;
}

}  // namespace vg::http
