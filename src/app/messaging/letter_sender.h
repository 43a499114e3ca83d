// Letters to victims are printed by staff, not sent: this "sender" renders the message as a
// printable HTML letter (web/templates/letters/letter.mustache; large print when asked) and the
// outbox keeps it as "ready_to_print". No external send; it never logs the letter.
#pragma once

#include <memory>
#include <string>

#include "app/clock.h"
#include "app/messaging/message_sender.h"
#include "domain/result.h"

namespace vg::app {

class LetterSender final : public MessageSender {
 public:
  // Reads `<templates_dir>/letter.mustache`; `validation_failed` naming the file when it cannot
  // be read or parsed.
  static Result<std::unique_ptr<LetterSender>> load(const std::string& templates_dir,
                                                    const Clock& clock,
                                                    std::string sender_name = "Victims' Gateway");
  ~LetterSender() override;

  // Always kSent with the letter's HTML (every value escaped), or kRetry when it cannot render.
  SendResult send(const store::OutboxMessageRecord& message) override;

 private:
  struct Template;
  LetterSender(std::unique_ptr<Template> letter, const Clock& clock, std::string sender_name);

  std::unique_ptr<Template> template_;
  const Clock& clock_;
  std::string sender_name_;
};

}  // namespace vg::app
