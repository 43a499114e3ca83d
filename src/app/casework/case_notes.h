// Case notes: what a caseworker writes about the victim's situation. Special-category free text:
// sealed at rest under the notes key, read only through an audited read, and never in a log, an
// error, the timeline or the audit log (those say a note was added, by whom, and its id).
#pragma once

#include <string>
#include <vector>

#include "app/casework/case_change.h"
#include "app/casework/case_support_read.h"
#include "app/security/notes_cipher.h"
#include "domain/casework/support_records.h"

namespace vg::app {

inline constexpr std::size_t kMaxCaseNoteBytes = 10000;

struct CaseNoteView {
  casework::CaseNoteRecord record;
  std::string text;  // opened
};

struct CaseNotesView {
  CaseSupportHeader header;
  std::vector<CaseNoteView> notes;  // newest first
};

class CaseNotes {
 public:
  CaseNotes(store::Store& store, const Clock& clock, const NotesCipher& cipher)
      : store_(store), clock_(clock), cipher_(cipher) {}

  // Audited ("case.notes_read").
  Result<CaseNotesView> open(const access::Actor& actor, const std::string& case_id);

  // `validation_failed` (field "text") when empty or over kMaxCaseNoteBytes. A closed case still
  // takes notes (what happened after closing is part of its record).
  Result<casework::CaseRecord> add(const access::Actor& actor, const std::string& case_id,
                                   std::int64_t expected_version, const std::string& text);

 private:
  store::Store& store_;
  const Clock& clock_;
  const NotesCipher& cipher_;
};

}  // namespace vg::app
