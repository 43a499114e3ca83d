// A case's support as stored: needs assessments (at assessment and at close), the support plan's
// actions, notes, complaints, restorative justice, the closure and its outcomes, and a caseworker's
// draft of a long form. Pure values. Free text about the victim is only ever here sealed
// (SealedText, opened in app/ with the notes key): never plain, never in a log or an audit entry.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "domain/casework/case_records.h"
#include "domain/casework/needs.h"

namespace vg::casework {

// Free text as the store keeps it: libsodium secretbox output (base64 of nonce and box) and the
// id of the key that sealed it, so keys can rotate with old rows still readable.
struct SealedText {
  std::string key_id;
  std::string sealed;
  bool operator==(const SealedText&) const = default;
};

// The needs as rated at one stage: "assessment" (the needs assessment; the latest stands) or
// "close" (rated again when the case closed). `notes` seals a JSON object of domain code -> note.
struct NeedsAssessmentRecord {
  std::string case_id;
  std::string stage;  // assessment | close
  NeedRatings ratings;
  SealedText notes;
  std::string assessed_by;  // user id
  Instant assessed_at{};
};

struct PlanActionRecord {
  std::string id;  // UUID
  std::string case_id;
  SealedText text;    // what will be done
  std::string owner;  // user id of who does it
  Date due{};
  std::optional<Instant> done_at;
  std::string created_by;
  Instant created_at{};
};

struct CaseNoteRecord {
  std::string id;  // UUID
  std::string case_id;
  SealedText text;
  std::string written_by;
  Instant written_at{};
};

// A complaint (Victims' Code right 12): codes and dates only.
struct ComplaintRecord {
  std::string id;  // UUID
  std::string case_id;
  Date received_on{};
  std::string summary;  // ComplaintSubject code
  std::string outcome;  // ComplaintOutcome code
  std::optional<Date> closed_on;
  std::string recorded_by;
  Instant recorded_at{};
};

// Restorative justice (right 7): when it was offered and what the victim answered.
struct RestorativeJusticeRecord {
  std::string case_id;
  Date offered_on{};
  std::string answer;  // RjAnswer code
  std::optional<Date> answered_on;
  std::string recorded_by;
  Instant recorded_at{};
};

struct CaseClosureRecord {
  std::string case_id;
  std::string reason;                           // CloseReason code
  std::map<std::string, std::string> outcomes;  // domain code -> NeedOutcome code
  std::string closed_by;
  Instant closed_at{};
};

// A caseworker's unfinished form about a case (one per person, case and form), sealed: it holds
// free text. Saved on "Save and come back later", restored when the form is opened again.
struct FormDraftRecord {
  std::string case_id;
  std::string user_id;
  std::string form;  // "needs"
  SealedText content;
  Instant saved_at{};
};

}  // namespace vg::casework
