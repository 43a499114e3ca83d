// RFC 9457 problem details. Titles are fixed per code so clients can show them; `detail` is the
// Error's own message, which by contract carries no personal data. Internal failures never
// describe themselves to the client: their detail stays generic.
#include "http/problem.h"

#include <boost/json.hpp>
#include <string_view>

namespace vg::http {
namespace {

struct ProblemKind {
  std::string_view code;
  int status;
  std::string_view title;
};

// One row per stable Error code; the URN is derived from the code so it never changes by accident.
constexpr ProblemKind kKinds[] = {
    {"validation_failed", 400, "Your request is not valid"},
    {"unauthorized", 401, "You need to sign in or send an API key"},
    {"forbidden", 403, "You are not allowed to do this"},
    {"not_found", 404, "Not found"},
    {"conflict", 409, "The record has changed or already exists"},
    // Versioned changes over the API (If-Match): stale, or not said at all.
    {"precondition_failed", 412, "The record has changed since you read it"},
    {"precondition_required", 428, "Say which version of the record you are changing"},
    {"locked", 423, "The account is locked"},
    {"too_many_requests", 429, "Too many requests"},
    {"unavailable", 503, "The service is unavailable"},
    {"internal", 500, "Internal server error"},
};

const ProblemKind* kind_for(std::string_view code) {
  for (const auto& k : kKinds) {
    if (k.code == code) return &k;
  }
  return nullptr;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 423:
      return "Locked";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return status >= 500 ? "Server Error" : "Client Error";
  }
}

Response render(boost::json::object body, int status) {
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = boost::json::serialize(body);
  return r;
}

}  // namespace

int status_for(const Error& error) {
  const auto* kind = kind_for(error.code);
  return kind ? kind->status : 500;
}

Response problem_response(const Error& error, int status) {
  if (status == 0) status = status_for(error);
  const auto* kind = kind_for(error.code);
  boost::json::object body;
  if (kind) {
    std::string type = "urn:victim-gateway:problem:";
    for (char c : kind->code) type += c == '_' ? '-' : c;
    body["type"] = type;
    body["title"] = kind->title;
  } else {
    body["type"] = "about:blank";
    body["title"] = reason_phrase(status);
  }
  body["status"] = status;
  // A 5xx message may describe internals (a driver's text); the log has it, the client does not.
  const bool internal = status >= 500 && error.code != "unavailable";
  if (internal) {
    body["detail"] = "Something went wrong on our side. Try again later.";
  } else if (!error.message.empty()) {
    body["detail"] = error.message;
  }
  if (!error.fields.empty() && !internal) {
    boost::json::array errors;
    for (const auto& f : error.fields) {
      errors.push_back(
          boost::json::object{{"field", f.field}, {"code", f.code}, {"message", f.message}});
    }
    body["errors"] = std::move(errors);
  }
  return render(std::move(body), status);
}

Response problem_response(int status, std::string title, std::string detail) {
  boost::json::object body;
  body["type"] = "about:blank";
  body["title"] = title.empty() ? std::string(reason_phrase(status)) : std::move(title);
  body["status"] = status;
  if (!detail.empty()) body["detail"] = std::move(detail);
  return render(std::move(body), status);
}

}  // namespace vg::http
