#include "app/messaging/letter_sender.h"

#include <kainjow/mustache.hpp>

#include <array>
#include <mutex>
#include <sstream>

#include "app/read_file.h"
#include "domain/deadlines/working_days.h"

namespace vg::app {
namespace mustache = kainjow::mustache;
namespace {

constexpr std::array<const char*, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// "23 November 2026": the London date, as a letter is dated.
std::string letter_date(std::chrono::system_clock::time_point at) {
  const auto date = deadlines::london_date(at);
  return std::to_string(static_cast<unsigned>(date.day())) + " " +
         kMonths[static_cast<unsigned>(date.month()) - 1] + " " +
         std::to_string(static_cast<int>(date.year()));
}

// Lines of `text` as a Mustache list of {text}; blank lines dropped.
mustache::data lines_of(const std::string& text) {
  mustache::data list{mustache::data::type::list};
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    mustache::data item;
    item.set("text", line);
    list.push_back(item);
  }
  return list;
}

}  // namespace

struct LetterSender::Template {
  std::mutex mutex;  // kainjow's render is not safe on one template from two threads
  mustache::mustache view;
  explicit Template(const std::string& text) : view(text) {}
};

Result<std::unique_ptr<LetterSender>> LetterSender::load(const std::string& templates_dir,
                                                         const Clock& clock,
                                                         std::string sender_name) {
  const std::string path = templates_dir + "/letter.mustache";
  auto text = read_file(path);
  if (!text) {
    return validation_failed({{path, "unreadable", "The letter template cannot be read"}},
                             "The letter template cannot be read");
  }
  auto letter = std::make_unique<Template>(*text);
  if (!letter->view.is_valid()) {
    return validation_failed({{path, "invalid_template", letter->view.error_message()}},
                             "The letter template is not valid Mustache");
  }
  return std::unique_ptr<LetterSender>(
      new LetterSender(std::move(letter), clock, std::move(sender_name)));
}

LetterSender::LetterSender(std::unique_ptr<Template> letter, const Clock& clock,
                           std::string sender_name)
    : template_(std::move(letter)), clock_(clock), sender_name_(std::move(sender_name)) {}

LetterSender::~LetterSender() = default;

SendResult LetterSender::send(const store::OutboxMessageRecord& message) {
  mustache::data data;
  data.set("subject", message.subject);
  data.set("sender_name", sender_name_);
  data.set("address_lines", lines_of(message.recipient));
  data.set("paragraphs", lines_of(message.body));
  data.set("date", letter_date(clock_.now()));
  data.set("reference", message.id);
  data.set("large_print", message.large_print);
  std::lock_guard lock(template_->mutex);
  std::string html = template_->view.render(data);
  if (!template_->view.error_message().empty()) {
    return {SendResult::Kind::kRetry, "letter_render_failed", {}};
  }
  return {SendResult::Kind::kSent, {}, std::move(html)};
}

}  // namespace vg::app
