// What every sub-command needs: printing an error (field by field, never data) and opening the
// configured store, migrated, with the database directory created for a fresh checkout.
#pragma once

#include <memory>
#include <string>

#include "cli/commands.h"
#include "domain/result.h"
#include "store/audit_anchor.h"
#include "store/store.h"

namespace vg::cli {

void print_error(const Error& error);

// A fresh checkout has no var/: create the directory a sqlite:PATH database lives in.
bool ensure_sqlite_directory(const std::string& database_url);

struct Config;

// The audit chain's anchor from the configuration: audit_key, the head file, and the head's log
// line (to stderr, once, for the head the command left, when the store closes: sub-commands
// keep stdout for their output; `serve` logs every change itself).
store::AuditAnchor audit_anchor(const Config& config);

// Loads the configuration, opens the store with `pool_size` connections and applies pending
// migrations. Prints the problem and returns nullptr on failure.
std::unique_ptr<store::Store> open_configured_store(const GlobalOptions& global, int pool_size = 2);

}  // namespace vg::cli
