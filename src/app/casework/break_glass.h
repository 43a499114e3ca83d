// Break glass: a person recording why they need a case that another team of their organisation
// holds, which lets them read it for a few hours (or until they sign out), every read saying so
// in the audit log. Never lets anyone work the case; never writes their words to the audit log.
#pragma once

#include <chrono>
#include <string>

#include "app/clock.h"
#include "app/security/notes_cipher.h"
#include "domain/access/access_table.h"
#include "domain/casework/break_glass.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

inline constexpr std::size_t kMaxBreakGlassNoteBytes = 500;

// What the page asking for a reason may show of the case: its reference, nothing more.
struct BreakGlassAsk {
  std::string case_id;
  std::string reference;
};

class BreakGlass {
 public:
  BreakGlass(store::Store& store, const Clock& clock, const NotesCipher& cipher)
      : store_(store), clock_(clock), cipher_(cipher) {}

  // How long a recorded reason lets the person read the case (VG_BREAK_GLASS_HOURS; default 8).
  void set_lasting(std::chrono::minutes lasting) { lasting_ = lasting; }
  std::chrono::minutes lasting() const { return lasting_; }

  // The case's reference, when `actor` reaches the case only by break glass; `not_found` when
  // the table does not reach it at all or reaches it as of right (nothing to ask). Not audited:
  // it shows nothing of the victim.
  Result<BreakGlassAsk> ask(const access::Actor& actor, const std::string& case_id);

  // Records the reason (a casework::BreakGlassReason code) and the person's optional note
  // (sealed), audited as case.break_glass with the code. `validation_failed` (field "reason")
  // for no or an unknown code, (field "note") for a note over kMaxBreakGlassNoteBytes; nothing
  // is recorded then. `not_found` as ask.
  Result<casework::BreakGlassGrant> record(const access::Actor& actor, const std::string& case_id,
                                           const std::string& reason_code, const std::string& note);

  // Ends every grant of `user_id` (they signed out), audited when there was one.
  Result<void> end_all(const std::string& user_id);

 private:
  store::Store& store_;
  const Clock& clock_;
  const NotesCipher& cipher_;
  std::chrono::minutes lasting_{8 * 60};
};

}  // namespace vg::app
