#include "app/casework/case_notes.h"

#include <boost/json.hpp>

#include "app/security/random_token.h"

namespace vg::app {

namespace json = boost::json;

Result<CaseNotesView> CaseNotes::open(const access::Actor& actor, const std::string& case_id) {
  CaseNotesView view;
  view.header = VG_TRY(
      read_case_support(store_, clock_, actor, case_id, "case.notes_read",
                        [&](const casework::CaseRecord&, store::UnitOfWork& unit) -> Result<void> {
                          for (auto& n : VG_TRY(unit.support().notes(case_id))) {
                            auto text = VG_TRY(cipher_.open(n.text));
                            view.notes.push_back({std::move(n), std::move(text)});
                          }
                          return {};
                        }));
  return view;
}

Result<casework::CaseRecord> CaseNotes::add(const access::Actor& actor, const std::string& case_id,
                                            std::int64_t expected_version,
                                            const std::string& text) {
  if (text.empty()) return validation_failed({{"text", "required", "Enter the note"}});
  if (text.size() > kMaxCaseNoteBytes) {
    return validation_failed({{"text", "too_long", "Enter a note of 10,000 characters or fewer"}});
  }
  const auto sealed = cipher_.seal(text);
  return change_case(
      store_, clock_, actor, access::Action::kWorkCase, case_id, expected_version,
      "case.note_added",
      [&](casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
        casework::CaseNoteRecord note{random_uuid(), c.id, sealed, actor.user_id, clock_.now()};
        VG_CHECK(unit.support().insert_note(note));
        CaseChangeMade made;
        // The note's id and key only: its words are never in the audit log.
        made.audit_detail =
            json::serialize(json::object{{"note_id", note.id}, {"key_id", sealed.key_id}});
        made.events.push_back(
            {0, {}, {}, {}, "note_added", json::serialize(json::object{{"note_id", note.id}})});
        return made;
      });
}

}  // namespace vg::app
