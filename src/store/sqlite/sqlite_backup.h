// Backing up and restoring a SQLite database file: a consistent copy of a live database through
// SQLite's online backup API, the checks a file must pass before it replaces a database, and
// whether another process has a database open. Files only; never reads a record's contents.
#pragma once

#include <cstdint>
#include <string>

#include "domain/result.h"

namespace vg::store::sqlite {

// The file a "sqlite:PATH" URL names; `validation_failed` for anything else (":memory:",
// PostgreSQL, a file: URI).
Result<std::string> sqlite_file_of(const std::string& database_url);

// Copies the database at `source_path` into the new file `target_path` (refused with `conflict`
// when it exists) as one snapshot: the backup API reads every page inside one read transaction,
// so a server may keep writing meanwhile (WAL: it is never blocked) and the copy holds all of a
// commit or none of it. Written beside the target first and renamed, so a failed copy leaves no
// file that looks like a backup. Returns the copy's last migration version.
Result<std::int64_t> backup_sqlite_file(const std::string& source_path,
                                        const std::string& target_path);

// Whether another connection has the database file open in WAL mode: every one holds a shared
// lock on the wal-index's dead-man-switch byte while it is open, idle or not (an idle server
// holds no lock on the database file itself, so that cannot tell).
Result<bool> sqlite_file_in_use(const std::string& path);

// The migration version a file says it is at, after checking it is a Victim Gateway database
// (an SQLite file passing quick_check, with schema_migrations and audit_log) no newer than this
// program knows: `validation_failed` saying which check failed.
Result<std::int64_t> check_backup_file(const std::string& path);

// Whether a restore may write `target_path`: `conflict` when it is in use, or exists and
// `replace` is false.
Result<void> check_restore_target(const std::string& target_path, bool replace);

// Puts the database file `from` (closed, with no WAL left) in the place of `target_path`, if
// check_restore_target passes. The target's WAL
// and wal-index files go first, so none of the old database's commits replay over the new one.
Result<void> move_sqlite_file_into_place(const std::string& from, const std::string& target_path,
                                         bool replace);

}  // namespace vg::store::sqlite
