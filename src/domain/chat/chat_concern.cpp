#include "domain/chat/chat_concern.h"

#include <array>
#include <utility>

#include "domain/chat/chat_message.h"
#include "domain/text/utf8.h"

namespace vg::chat {
namespace {

struct KindText {
  ConcernKind kind;
  std::string_view code;
  std::string_view label;
  std::string_view task_title;
};

constexpr std::array<KindText, 5> kKinds = {{
    {ConcernKind::kChildAtRisk, "child_at_risk", "Child at risk",
     "Make a referral to children's safeguarding: a concern was raised in live chat"},
    {ConcernKind::kAdultAtRisk, "adult_at_risk", "Adult at risk",
     "Make an adult safeguarding referral: a concern was raised in live chat"},
    {ConcernKind::kDangerToLife, "danger_to_life", "Immediate danger to life",
     "Check that 999 was called and the victim is safe: danger to life was raised in live chat"},
    {ConcernKind::kDomesticAbuseHighRisk, "domestic_abuse_high_risk", "Domestic abuse, high risk (MARAC)",
     "Complete a DASH and consider the MARAC: high-risk domestic abuse was raised in live chat"},
    {ConcernKind::kOther, "other", "Other safeguarding concern",
     "Act on the safeguarding concern raised in live chat"},
}};

const KindText& text_of(ConcernKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k;
  }
  return kKinds.back();
}

}  // namespace

std::string_view to_code(ConcernKind kind) { return text_of(kind).code; }
std::string_view to_label(ConcernKind kind) { return text_of(kind).label; }
std::string_view task_title(ConcernKind kind) { return text_of(kind).task_title; }

std::optional<ConcernKind> concern_kind_from_code(std::string_view code) {
  for (const auto& k : kKinds) {
    if (k.code == code) return k.kind;
  }
  return std::nullopt;
}

Result<ConcernInput> read_concern(std::string_view kind_code, std::string_view note) {
  std::vector<FieldError> errors;
  ConcernInput input;
  if (auto kind = concern_kind_from_code(kind_code)) {
    input.kind = *kind;
  } else {
    errors.push_back({"kind", "required", "Select what kind of concern it is"});
  }
  // A note is read as a chat message is (line endings, trimming, no control characters), with
  // its own limit and the form's own words.
  if (auto read = read_chat_message(note); !read) {
    const auto& code = read.error().fields.front().code;
    if (code == "required") {
      errors.push_back({"note", "required", "Enter a note about the concern"});
    } else if (code == "too_long") {
      errors.push_back({"note", "too_long", "Note must be 1,000 characters or fewer"});
    } else {
      errors.push_back({"note", "invalid", "Note must only include letters, numbers and punctuation"});
    }
  } else if (text::code_points(*read) > kMaxConcernNoteCharacters) {
    errors.push_back({"note", "too_long", "Note must be 1,000 characters or fewer"});
  } else {
    input.note = std::move(*read);
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The concern was not recorded");
  return input;
}

}  // namespace vg::chat
