#include "http/pages/template_pool.h"

#include <algorithm>
#include <stdexcept>

namespace vg::http {
namespace {

namespace mustache = kainjow::mustache;

// Parsed copies kept per template; more are made when more threads render it at once.
constexpr std::size_t kMaxIdle = 8;

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// `source` with every {{> name}} replaced by that partial's text, itself expanded. A partial
// that uses itself (a field whose revealed fields are fields) cannot be written in: its tag
// stays, for the library to fill from the render's data.
Result<std::string> with_partials(std::string_view source, const TemplatePool::Sources& partials,
                                  const std::string& file, std::vector<std::string_view>& open) {
  std::string out;
  out.reserve(source.size());
  std::size_t from = 0;
  for (;;) {
    const auto tag = source.find("{{>", from);
    if (tag == std::string_view::npos) break;
    const auto close = source.find("}}", tag);
    if (close == std::string_view::npos) break;  // left for the parser to report
    const auto name = trimmed(source.substr(tag + 3, close - tag - 3));
    const auto partial = partials.find(name);
    if (partial == partials.end()) {
      return fail("invalid_template", file + ": no partial " + std::string(name));
    }
    out.append(source.substr(from, close + 2 - from));
    if (std::find(open.begin(), open.end(), name) == open.end()) {
      out.resize(out.size() - (close + 2 - tag));  // the tag, replaced by the text
      open.push_back(partial->first);
      out += VG_TRY(with_partials(partial->second, partials, file, open));
      open.pop_back();
    }
    from = close + 2;
  }
  out.append(source.substr(from));
  return out;
}

}  // namespace

Result<std::shared_ptr<const TemplatePool>> TemplatePool::create(const Sources& templates,
                                                                  const Sources& partials) {
  auto pool = std::make_shared<TemplatePool>();
  for (const auto* sources : {&templates, &partials}) {
    for (const auto& [name, text] : *sources) {
      auto entry = std::make_unique<Entry>();
      std::vector<std::string_view> open;
      if (sources == &partials) open.push_back(name);
      entry->source = VG_TRY(with_partials(text, partials, name + ".mustache", open));
      entry->uses_partials = entry->source.find("{{>") != std::string::npos;
      auto parsed = std::make_unique<mustache::mustache>(entry->source);
      // Parsed now so a broken template stops start-up instead of failing a person's request.
      if (!parsed->is_valid()) {
        return fail("invalid_template", name + ".mustache: " + parsed->error_message());
      }
      entry->idle.push_back(std::move(parsed));
      pool->entries_.emplace(name, std::move(entry));
    }
  }
  return std::shared_ptr<const TemplatePool>(std::move(pool));
}

std::string TemplatePool::render(std::string_view name, mustache::data& data) const {
  const auto found = entries_.find(name);
  if (found == entries_.end()) throw std::logic_error("unknown template: " + std::string(name));
  Entry& entry = *found->second;
  if (entry.uses_partials) {
    // The library looks partials up in the data: each one it may meet, as expanded here.
    for (const auto& [other, candidate] : entries_) {
      if (!other.starts_with("partials/")) continue;
      const std::string* source = &candidate->source;
      data.set(other, mustache::partial([source] { return *source; }));
    }
  }
  std::unique_ptr<mustache::mustache> parsed;
  {
    std::lock_guard lock(entry.mutex);
    if (!entry.idle.empty()) {
      parsed = std::move(entry.idle.back());
      entry.idle.pop_back();
    }
  }
  if (!parsed) parsed = std::make_unique<mustache::mustache>(entry.source);
  std::string html = parsed->render(data);
  if (!parsed->is_valid()) {
    // Not lent out again: its error message would stay.
    throw std::logic_error("template " + std::string(name) + ": " + parsed->error_message());
  }
  std::lock_guard lock(entry.mutex);
  if (entry.idle.size() < kMaxIdle) entry.idle.push_back(std::move(parsed));
  return html;
}

}  // namespace vg::http
