// The server's own request and response values, so handlers never see Boost.Beast types
// (Beast is compiled only in server.cpp). Handlers must not keep references past the call.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vg::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw request target, path + query
  std::string path;    // decoded path, no query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::map<std::string, std::string> headers;              // names lower-cased
  std::string body;
  // The caller's address, worked out once by the pipeline (http/client_address.h): the socket
  // peer, or the forwarded client when the peer is a trusted proxy. Every per-address limit
  // uses this one.
  std::string remote_address;
  std::string peer_address;  // the socket's peer as the server accepted it
  std::string request_id;
  std::map<std::string, std::string> path_params;  // filled by the router: {id} → value
  std::chrono::steady_clock::time_point received_at{};

  // First value of a query parameter, if present.
  std::optional<std::string> query_param(std::string_view name) const;
  std::vector<std::string> query_params(std::string_view name) const;
  std::optional<std::string> header(std::string_view lower_name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  std::string path_param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void set_header(std::string name, std::string value);
  std::optional<std::string> header(std::string_view name) const;  // case-insensitive
};

Response json_response(int status, std::string body);
Response html_response(int status, std::string body);
Response redirect(std::string location, int status = 303);

// The decoded path and query of an origin-form request target ("/cases?page=2") into `out`;
// false when the target is not one (then `out` keeps no path).
bool read_target(std::string_view target, Request& out);

// Parses an application/x-www-form-urlencoded body (or query string) into ordered pairs.
// Ill-formed UTF-8 in a name or value becomes U+FFFD.
std::vector<std::pair<std::string, std::string>> parse_form(std::string_view encoded);

}  // namespace vg::http
