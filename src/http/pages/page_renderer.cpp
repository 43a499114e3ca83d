#include "http/pages/page_renderer.h"

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace vg::http {
namespace {

constexpr std::string_view kLayout = "layout";

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("unavailable", "cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool is_true(const mustache::data& data, const std::string& key) {
  const auto* value = data.get(key);
  return value != nullptr && value->is_true();
}

std::string string_or_empty(const mustache::data& data, const std::string& key) {
  const auto* value = data.get(key);
  return value != nullptr && value->is_string() ? value->string_value() : std::string();
}

}  // namespace

PageRenderer::PageRenderer(std::string web_root) : web_root_(std::move(web_root)) {}

Result<void> PageRenderer::load() {
  namespace fs = std::filesystem;
  const fs::path root(web_root_);
  const fs::path template_dir = root / "templates";
  std::error_code ec;
  if (!fs::is_directory(template_dir, ec)) {
    return fail("unavailable", "no templates folder at " + template_dir.string());
  }
  std::map<std::string, std::string, std::less<>> templates;
  std::map<std::string, std::string, std::less<>> partials;
  for (const auto& [dir, prefix, into] :
       {std::tuple{template_dir, "", &templates},
        std::tuple{template_dir / "partials", "partials/", &partials}}) {
    if (!fs::is_directory(dir, ec)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
      auto text = VG_TRY(read_file(entry.path()));
      // Parse now so a broken template stops start-up instead of failing a person's request.
      mustache::mustache parsed(text);
      if (!parsed.is_valid()) {
        return fail("invalid_template",
                    entry.path().filename().string() + ": " + parsed.error_message());
      }
      into->emplace(prefix + entry.path().stem().string(), std::move(text));
    }
  }
  if (!templates.contains(kLayout)) return fail("unavailable", "templates/layout.mustache is missing");

  const fs::path manifest_path = root / "static" / "build" / "manifest.json";
  auto manifest_text = read_file(manifest_path);
  if (!manifest_text) {
    return fail("unavailable", manifest_text.error().message +
                                   " (build the web assets first: npm run build:web)");
  }
  boost::system::error_code json_error;
  auto manifest = boost::json::parse(*manifest_text, json_error);
  if (json_error || !manifest.is_object()) {
    return fail("unavailable", manifest_path.string() + " is not a JSON object");
  }
  std::map<std::string, std::string, std::less<>> assets;
  for (const auto& [name, url] : manifest.as_object()) {
    if (url.is_string()) assets.emplace(std::string(name), std::string(url.as_string()));
  }
  for (const char* required : {"application.css", "application.js"}) {
    if (!assets.contains(required)) {
      return fail("unavailable", std::string("the asset manifest has no ") + required);
    }
  }
  templates_ = std::move(templates);
  partials_ = std::move(partials);
  assets_ = std::move(assets);
  return {};
}

std::string PageRenderer::asset_url(std::string_view logical_name) const {
  auto it = assets_.find(logical_name);
  return it == assets_.end() ? std::string() : it->second;
}

std::string PageRenderer::page_title(std::string_view page, std::string_view section,
                                     std::string_view service_name, bool has_errors) {
  // An en dash with spaces either side, as GOV.UK titles are written.
  constexpr std::string_view kSeparator = " \u2013 ";
  std::string title = has_errors ? "Error: " : "";
  title += page;
  // A section named like the page or the service would only repeat itself.
  if (!section.empty() && section != page && section != service_name) {
    title += kSeparator;
    title += section;
  }
  if (page != service_name) {
    title += kSeparator;
    title += service_name;
  }
  return title;
}

std::string PageRenderer::render_template(std::string_view name, mustache::data& data) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) {
    throw std::logic_error("unknown template: " + std::string(name));
  }
  mustache::mustache tmpl(it->second);
  std::string html = tmpl.render(data);
  if (!tmpl.is_valid()) {
    throw std::logic_error("template " + std::string(name) + ": " + tmpl.error_message());
  }
  return html;
}

namespace {

// Partials are looked up in the data, so every partial rides along as a named entry.
void add_partials(mustache::data& data, const std::map<std::string, std::string, std::less<>>& partials) {
  for (const auto& [name, text] : partials) {
    const std::string* source = &text;
    data.set(name, mustache::partial([source] { return *source; }));
  }
}

}  // namespace

std::string PageRenderer::render_fragment(std::string_view partial_name, mustache::data data) const {
  auto it = partials_.find(partial_name);
  if (it == partials_.end()) throw std::logic_error("unknown partial: " + std::string(partial_name));
  add_partials(data, partials_);
  mustache::mustache tmpl(it->second);
  std::string html = tmpl.render(data);
  if (!tmpl.is_valid()) {
    throw std::logic_error("partial " + std::string(partial_name) + ": " + tmpl.error_message());
  }
  return html;
}

std::string PageRenderer::render(std::string_view template_name, mustache::data data) const {
  add_partials(data, partials_);
  const bool staff = is_true(data, "staff");
  const std::string service_name(staff ? kStaffServiceName : kPublicServiceName);
  data.set("service_name", service_name);
  data.set("title", page_title(string_or_empty(data, "page_title"), string_or_empty(data, "section"),
                               service_name, is_true(data, "has_errors")));
  mustache::data assets;
  assets.set("css", asset_url("application.css"));
  assets.set("js", asset_url("application.js"));
  assets.set("favicon", asset_url("images/favicon.svg"));
  data.set("assets", assets);

  data.set("content", render_template(template_name, data));
  return render_template(kLayout, data);
}

}  // namespace vg::http
