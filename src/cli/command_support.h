// What every sub-command needs: printing an error (field by field, never data), running as a
// sub-command, and opening the configured store, migrated, with the database directory created
// for a fresh checkout.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/clock.h"
#include "cli/commands.h"
#include "domain/result.h"
#include "store/audit_anchor.h"
#include "store/store.h"

namespace vg::cli {

void print_error(const Error& error);

// Prints a failed result's error; true when it failed, so a command reads
// `if (failed(users)) return 1;`.
template <typename T>
bool failed(const Result<T>& result) {
  if (result) return false;
  print_error(result.error());
  return true;
}

// Makes `run` the sub-command's action: a return code other than 0 is the program's exit code.
void on_run(CLI::App* command, std::function<int()> run);

// A fresh checkout has no var/: create the directory a sqlite:PATH database lives in.
bool ensure_sqlite_directory(const std::string& database_url);

struct Config;

// The audit chain's anchor from the configuration: audit_key, the head file, and the head's log
// line (to stderr, once, for the head the command left, when the store closes: sub-commands
// keep stdout for their output; `serve` logs every change itself).
store::AuditAnchor audit_anchor(const Config& config);

// Gives `store` the notes cipher the configuration describes (notes_keys.h), to seal and open
// referrals' documents and risk answers with: when notes_key is set, or always when `required`
// (then its absence is an error). Prints the problem and returns false on failure.
bool seal_fields_with_notes_key(const Config& config, store::Store& opened, bool required);

// Loads the configuration, opens the store with `pool_size` connections and applies pending
// migrations. Prints the problem and returns nullptr on failure. The store is given the notes key
// as above; a command that stores referrals passes `notes_key_required`, as `serve` requires one.
std::unique_ptr<store::Store> open_configured_store(const GlobalOptions& global, int pool_size = 2,
                                                    bool notes_key_required = false);

// Runs `command(store, clock)` over the configured store (opened as above) and the system clock,
// and returns its exit code; 1 when the store cannot be opened.
template <typename Command>
int with_store(const GlobalOptions& global, Command&& command, int pool_size = 2) {
  auto store = open_configured_store(global, pool_size);
  if (!store) return 1;
  const SystemClock clock;
  return command(*store, static_cast<const Clock&>(clock));
}

}  // namespace vg::cli
