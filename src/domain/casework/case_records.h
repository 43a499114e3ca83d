// Cases as stored: the case every referral becomes in its area's gateway team queue, its
// Victims' Code clocks, its timeline, and the teams and caseworkers who hold cases. Pure values.
// A case row carries facts for queues and access decisions only; the victim's details stay in
// the referral's document and never appear here.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vg::casework {

using Instant = std::chrono::system_clock::time_point;
using Date = std::chrono::year_month_day;

// A gateway team: the people of one gateway organisation who hold one area's cases.
struct Team {
  std::string id;  // UUID
  std::string organisation_id;
  std::string area;  // area pack id
  std::string name;
};

// A caseworker's place in a team: what they can take on and how much.
struct TeamMember {
  std::string user_id;
  std::string team_id;
  // Codes: "isva", "idva", "children", "business", "lang:<ISO 639-1>" (e.g. "lang:pl").
  std::vector<std::string> skills;
  int capacity = 20;  // open cases they can hold
};

// kMerged: merged into another case of the same person (domain/casework/case_merge.h); out of
// every queue, kept whole, and open again if the merge is undone.
enum class CaseStatus { kOpen, kUnableToContact, kClosed, kMerged };

struct CaseRecord {
  std::string id;         // the referral's id (one case per referral)
  std::string reference;  // the referral's, e.g. "MY-2026-000123"
  std::string area;
  std::string local_authority;  // GSS code where it happened
  std::string channel;          // police | self | partner | phone | chat
  std::string offence_category;
  std::string service_id;  // routing's choice, may be empty
  int risk_rank = 0;       // 0 standard, 1 medium, 2 high: queues put high first
  bool enhanced = false;   // Victims' Code enhanced rights
  std::string consent_state;  // assessment::ConsentState code
  bool possible_duplicate = false;
  std::vector<std::string> needs_skills;  // skills a caseworker for this case should have
  std::string source_organisation_id;     // who sent it; empty for a self-referral
  std::string team_id;                    // empty until the area has a gateway team
  std::string holder_organisation_id;     // the team's organisation
  std::string allocated_to;               // user id; empty = unallocated
  CaseStatus status = CaseStatus::kOpen;
  std::optional<Date> next_due;  // the nearest Victims' Code clock still running
  int handovers = 0;             // times the case moved from one named caseworker to another
  Instant opened_at{};
  Instant updated_at{};
  std::int64_t version = 1;  // bumped by every change: the second of two edits is refused
};

// One Victims' Code clock on a case: `met_at` set when what it times was done.
struct CaseDeadline {
  std::string case_id;
  std::string code;  // first_contact | needs_assessment
  Date due_date{};
  int working_days = 0;
  std::optional<Instant> met_at;
};

// One line of the case's timeline. `detail` is a small JSON object of codes and numbers, never
// free text typed about the victim.
struct CaseEvent {
  std::int64_t seq = 0;  // assigned by the store, increasing
  std::string case_id;
  Instant at{};
  std::string actor;  // user id, or "system:<job>"
  std::string kind;   // allocated | handed_over | contact_attempt | consent_given | ...
  std::string detail;
  // The case version the change that wrote it made (app::change_case fills it in); 0 for an
  // event that left the version alone. Shows a refused stale change what happened since.
  std::int64_t case_version = 0;
};

// A filtered, paged look at a team's queue. Empty filters match everything.
struct CaseQuery {
  std::vector<std::string> areas;  // required: the actor's areas
  std::string holder_organisation_id;  // only cases this organisation holds (or sent); required
  std::string local_authority;
  std::string service_id;
  std::optional<int> risk_rank;
  std::string channel;
  std::optional<bool> enhanced;
  bool awaiting_consent = false;
  bool unallocated = false;
  bool possible_duplicate = false;
  std::string allocated_to;
  bool include_closed = false;
  int page = 1;
  int per_page = 25;
};

// Queues count this many matching cases at most; beyond it they say "more than".
inline constexpr std::int64_t kCountedCases = 1000;

struct CasePage {
  std::vector<CaseRecord> items;
  std::int64_t total_items = 0;    // at most kCountedCases
  bool more_than_counted = false;  // more cases match than kCountedCases
};

// How many open cases a caseworker holds now.
struct Caseload {
  std::string user_id;
  int open_cases = 0;
};

std::string_view to_code(CaseStatus status);
std::optional<CaseStatus> case_status_from_code(std::string_view code);

}  // namespace vg::casework
