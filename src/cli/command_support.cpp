#include "cli/command_support.h"

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <system_error>

#include "app/clock.h"
#include "cli/config.h"
#include "app/security/notes_field_cipher.h"
#include "cli/notes_keys.h"
#include "http/json_logging.h"
#include "store/open/open_store.h"
#include "store/open/seal_fields.h"

namespace vg::cli {

void print_error(const Error& error) {
  std::cerr << "error: " << error.message << "\n";
  for (const auto& f : error.fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
}

void on_run(CLI::App* command, std::function<int()> run) {
  command->callback([run = std::move(run)] {
    if (int rc = run(); rc != 0) throw CLI::RuntimeError(rc);
  });
}

bool ensure_sqlite_directory(const std::string& database_url) {
  constexpr std::string_view kScheme = "sqlite:";
  if (database_url.rfind(kScheme, 0) != 0) return true;
  const std::string path = database_url.substr(kScheme.size());
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return true;
  const auto parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return true;
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec) {
    std::cerr << "error: cannot create the database directory " << parent << ": " << ec.message()
              << "\n";
    return false;
  }
  return true;
}

namespace {

// A sub-command's head line: printed once, for the last head, when the store closes. A command
// may commit hundreds of times (demo-data, a bulk import) and the head file follows each
// commit; the log needs only where the command left the chain.
class HeadLine {
 public:
  ~HeadLine() {
    if (!last_) return;
    const std::string fields = store::format_audit_head(*last_);
    std::cerr << "{\"ts\":\"" << http::rfc3339_millis(SystemClock().now())
              << "\",\"level\":\"" << (failed_ ? "error" : "info")
              << "\",\"msg\":\"audit head\"," << fields.substr(1, fields.size() - 2);
    if (failed_) std::cerr << ",\"problem\":\"the head file could not be written\"";
    std::cerr << "}\n";
  }
  void seen(const store::AuditHead& head, std::string_view problem) {
    last_ = head;
    failed_ = failed_ || !problem.empty();
  }

 private:
  std::optional<store::AuditHead> last_;
  bool failed_ = false;
};

}  // namespace

store::AuditAnchor audit_anchor(const Config& config) {
  store::AuditAnchor anchor;
  anchor.key = config.audit_key;
  anchor.head_path = config.audit_head;
  // One JSON line, the same fields `serve` logs: only a sequence number and a MAC, no data.
  auto line = std::make_shared<HeadLine>();
  anchor.on_head = [line](const store::AuditHead& head, std::string_view problem) {
    line->seen(head, problem);
  };
  return anchor;
}

bool seal_fields_with_notes_key(const Config& config, store::Store& opened, bool required) {
  if (!required && config.notes_key.empty()) return true;
  auto cipher = configured_notes_cipher(config);
  if (failed(cipher)) return false;
  return !failed(store::seal_fields_with(opened, std::make_shared<const app::NotesFieldCipher>(std::move(*cipher))));
}

std::unique_ptr<store::Store> open_configured_store(const GlobalOptions& global, int pool_size,
                                                    bool notes_key_required) {
  auto config = load_config(global.config_path);
  if (!config) {
    print_error(config.error());
    return nullptr;
  }
  if (!ensure_sqlite_directory(config->database_url)) return nullptr;
  auto store = store::open_store(config->database_url, pool_size, audit_anchor(*config));
  if (!store) {
    print_error(store.error());
    return nullptr;
  }
  if (!seal_fields_with_notes_key(*config, **store, notes_key_required)) return nullptr;
  if (auto migrated = (*store)->migrate(); !migrated) {
    print_error(migrated.error());
    return nullptr;
  }
  return std::move(*store);
}

}  // namespace vg::cli
