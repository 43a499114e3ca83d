#include "http/pages/page_renderer.h"

#include <boost/json.hpp>

#include <filesystem>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "app/read_file.h"

namespace vg::http {
namespace {

constexpr std::string_view kLayout = "layout";
// Stands for the content while a public page's frame is rendered. Nothing else in the layout's
// output can hold it: every other value there is escaped, which turns its "<" into "&lt;".
constexpr std::string_view kContentMarker = "<!--vg-content-->";
// Frames kept: titles include "page 3 of 40", so there are many; past this, start again.
constexpr std::size_t kMaxFrames = 4096;

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
      into->emplace(prefix + entry.path().stem().string(), VG_TRY(app::read_file(entry.path())));
    }
  }
  if (!templates.contains(kLayout)) return fail("unavailable", "templates/layout.mustache is missing");

  const fs::path manifest_path = root / "static" / "build" / "manifest.json";
  auto manifest_text = app::read_file(manifest_path);
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
  templates_ = VG_TRY(TemplatePool::create(templates, partials));
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

std::string PageRenderer::render_fragment(std::string_view partial_name, mustache::data data) const {
  if (!partial_name.starts_with("partials/")) {
    throw std::logic_error("unknown partial: " + std::string(partial_name));
  }
  return templates_->render(partial_name, data);
}

void PageRenderer::add_layout_data(mustache::data& data) const {
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
}

std::string PageRenderer::render(std::string_view template_name, mustache::data data) const {
  add_layout_data(data);
  std::string content = templates_->render(template_name, data);
  return in_layout(std::move(content), data);
}

std::string PageRenderer::render_around(std::string content, mustache::data data) const {
  add_layout_data(data);
  return in_layout(std::move(content), data);
}

std::string PageRenderer::in_layout(std::string content, mustache::data& data) const {
  const bool staff = is_true(data, "staff");
  // Public pages: the layout reads only the title and the Back link (layout.mustache), so the
  // frame made for them is the same for every page that has them.
  const auto* back = data.get("back_href");
  if (!staff && (back == nullptr || back->is_string())) {
    std::string key = string_or_empty(data, "title");
    if (back != nullptr) {
      key += '\0';
      key += back->string_value();
    }
    if (auto frame = public_frame(key, data)) {
      std::string html;
      html.reserve(frame->before.size() + content.size() + frame->after.size());
      html += frame->before;
      html += content;
      html += frame->after;
      return html;
    }
  }
  data.set("content", std::move(content));
  return templates_->render(kLayout, data);
}

std::shared_ptr<const PageRenderer::Frame> PageRenderer::public_frame(const std::string& key,
                                                                      mustache::data& data) const {
  {
    std::lock_guard lock(frames_->mutex);
    if (auto found = frames_->by_key.find(key); found != frames_->by_key.end()) return found->second;
  }
  data.set("content", std::string(kContentMarker));
  const std::string html = templates_->render(kLayout, data);
  const auto at = html.find(kContentMarker);
  if (at == std::string::npos || html.find(kContentMarker, at + 1) != std::string::npos) {
    return nullptr;  // a layout that shows its content other than once is rendered whole
  }
  auto frame = std::make_shared<const Frame>(
      Frame{html.substr(0, at), html.substr(at + kContentMarker.size())});
  std::lock_guard lock(frames_->mutex);
  if (frames_->by_key.size() >= kMaxFrames) frames_->by_key.clear();
  frames_->by_key.insert_or_assign(key, frame);
  return frame;
}

}  // namespace vg::http
