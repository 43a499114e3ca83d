// Fuzz target for the safeguarding concern form's reader (domain/chat/chat_concern.h): the kind's
// code and the advisor's note as posted. The input is split at its first NUL into the kind and
// the note. No crash; a refusal names only the fields "kind" and "note", each once, each with a
// message; an accepted concern has a known kind and a non-empty note within the limit, with no
// control characters or carriage returns, that reads back unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "domain/chat/chat_concern.h"
#include "domain/text/control_characters.h"
#include "domain/text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto split = input.find('\0');
  const std::string_view kind = input.substr(0, split);
  const std::string_view note = split == std::string_view::npos ? std::string_view() : input.substr(split + 1);
  auto concern = vg::chat::read_concern(kind, note);
  if (!concern) {
    const auto& e = concern.error();
    if (e.code != "validation_failed" || e.fields.empty() || e.fields.size() > 2) std::abort();
    std::set<std::string> fields;
    for (const auto& f : e.fields) {
      if ((f.field != "kind" && f.field != "note") || f.message.empty() || !fields.insert(f.field).second) std::abort();
    }
    return 0;
  }
  if (vg::chat::to_code(concern->kind) != kind) std::abort();
  const auto& n = concern->note;
  if (n.empty() || vg::text::code_points(n) > vg::chat::kMaxConcernNoteCharacters) std::abort();
  if (!vg::text::is_valid_utf8(n) || vg::text::find_control_character(n) || n.find('\r') != std::string::npos) {
    std::abort();
  }
  auto again = vg::chat::read_concern(kind, n);
  if (!again || again->note != n || again->kind != concern->kind) std::abort();
  return 0;
}
