// `victim-gateway backup --to FILE` and `victim-gateway restore --from FILE [--replace]`: a
// consistent copy of a SQLite database taken while `serve` runs, and putting one back (checked,
// migrated forward, its audit chain verified, retention's erasures made since applied again, its
// head file written). For PostgreSQL both explain
// pg_dump and pg_restore instead (docs/operations.md, "Back up and restore"). Print no data.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/audit/audit_verifier.h"
#include "app/protection/erasure_replay.h"
#include "app/protection/retention_job.h"
#include "cli/background_jobs.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "store/audit_anchor.h"
#include "store/open/open_store.h"
#include "store/sqlite/sqlite_backup.h"

namespace vg::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPostgresBackup =
    "PostgreSQL is backed up with its own tools, not by victim-gateway:\n"
    "  pg_dump --format=custom --file=vg.dump \"$VG_DATABASE_URL\"\n"
    "and the audit head file (audit_head) copied beside it. See docs/operations.md,\n"
    "\"Back up and restore\".\n";
constexpr const char* kPostgresRestore =
    "PostgreSQL is restored with its own tools, not by victim-gateway:\n"
    "  createdb vg_restored && pg_restore --exit-on-error --no-owner --dbname=vg_restored vg.dump\n"
    "then point VG_DATABASE_URL at it, run `victim-gateway migrate` and `victim-gateway\n"
    "verify-audit --head SEQ:MAC` with the head kept with the dump. See docs/operations.md.\n";

// The head file a backup keeps beside itself: where the copied chain ends, so a restore can tell
// the copy was not cut short since.
std::string backup_head_path(const std::string& backup) { return backup + ".audit-head"; }

Result<void> write_head_file(const std::string& path, const store::AuditHead& head) {
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::trunc);
    out << store::format_audit_head(head) << "\n";
    if (!out.flush()) return std::unexpected(Error{"unavailable", "Cannot write " + path, {}});
  }
  std::error_code error;
  fs::rename(partial, path, error);
  if (error) return std::unexpected(Error{"unavailable", "Cannot write " + path, {}});
  return {};
}

// The chain's last entry as a head; nullopt for an empty log.
Result<std::optional<store::AuditHead>> chain_end(store::AuditLog& log, std::int64_t last_seq) {
  if (last_seq == 0) return std::optional<store::AuditHead>{};
  auto entries = VG_TRY(log.read(last_seq - 1, 1));
  if (entries.empty()) return std::optional<store::AuditHead>{};
  return std::optional<store::AuditHead>{store::AuditHead{entries.front().seq, entries.front().hash}};
}

int backup(const GlobalOptions& global, const std::string& to) {
  auto config = load_config(global.config_path);
  if (failed(config)) return 2;
  auto source = store::sqlite::sqlite_file_of(config->database_url);
  if (!source) {
    std::cout << kPostgresBackup;
    return 2;
  }
  auto version = store::sqlite::backup_sqlite_file(*source, to);
  if (failed(version)) return 1;
  // The copy's own chain end, read from the copy: a restore checks the chain reaches it.
  auto copy = store::open_store("sqlite:" + to, 1);
  if (failed(copy)) return 1;
  auto checked = app::verify_audit_chain((*copy)->audit(), {config->audit_key, {}});
  if (failed(checked)) return 1;
  auto head = chain_end((*copy)->audit(), checked->last_seq);
  if (failed(head)) return 1;
  if (*head && failed(write_head_file(backup_head_path(to), **head))) return 1;
  std::cout << "backed up to " << to << " at migration " << *version << ", audit log "
            << checked->last_seq << " entries\n";
  return 0;
}

int restore(const GlobalOptions& global, const std::string& from, bool replace) {
  auto config = load_config(global.config_path);
  if (failed(config)) return 2;
  auto target = store::sqlite::sqlite_file_of(config->database_url);
  if (!target) {
    std::cout << kPostgresRestore;
    return 2;
  }
  if (!ensure_sqlite_directory(config->database_url)) return 1;
  // Refused before any copying when the target is in use or would be overwritten unasked.
  if (failed(store::sqlite::check_restore_target(*target, replace))) return 1;
  auto version = store::sqlite::check_backup_file(from);
  if (failed(version)) return 1;
  // Copied, migrated and verified under a name of its own; put in place only when it passes.
  const std::string staged = *target + ".restoring";
  for (const char* suffix : {"", "-wal", "-shm", ".audit-head"}) {
    std::error_code ignored;
    fs::remove(staged + suffix, ignored);
  }
  // The erasures the database being replaced has made: the backup may predate some of them.
  // Its ledger is read before anything is replaced; one that cannot be read stops the restore,
  // rather than bring an erased person back.
  std::vector<store::CaseErasure> ledger;
  if (fs::exists(*target)) {  // closed again at the end of this block, before the copying
    auto current = store::open_store("sqlite:" + *target, 1);
    if (failed(current)) return 1;
    auto current_retention = store::open_retention(**current);
    if (failed(current_retention)) return 1;
    auto read = app::erasure_ledger(**current_retention);
    if (!read) {
      std::cout << "restore REFUSED: the erasure ledger of " << *target << " cannot be read\n";
      return 1;
    }
    ledger = std::move(*read);
  }
  auto copied = store::sqlite::backup_sqlite_file(from, staged);
  if (failed(copied)) return 1;
  app::AuditVerifyOptions verify{config->audit_key, {}};
  auto kept_head = store::read_audit_head(backup_head_path(from));
  if (failed(kept_head)) return 1;
  if (*kept_head) verify.heads.push_back(**kept_head);
  std::optional<store::AuditHead> head;
  int applied = 0;
  int erased = 0;
  {
    store::AuditAnchor anchor;
    anchor.key = config->audit_key;
    anchor.head_path = staged + ".audit-head";
    auto store = store::open_store("sqlite:" + staged, 1, anchor);
    if (failed(store)) return 1;
    auto migrated = (*store)->migrate();
    if (failed(migrated)) return 1;
    applied = *migrated;
    auto checked = app::verify_audit_chain((*store)->audit(), verify);
    if (failed(checked)) return 1;
    if (checked->first_broken_seq) {
      std::cout << "restore REFUSED: the backup's audit log is broken at entry "
                << *checked->first_broken_seq << ": " << checked->problem << "\n";
      return 1;
    }
    // Erasures made since the backup was taken: the schedule decides by dates, so every case
    // erased since is due again and goes now, before anyone can read it.
    auto retention = store::open_retention(**store);
    if (failed(retention)) return 1;
    const SystemClock clock;
    app::RetentionJob job(**store, **retention, clock, retention_periods(*config));
    auto reapplied = job.erase_due();
    if (failed(reapplied)) return 1;
    erased = reapplied->erased;
    // Then every erasure the replaced database made that the copy does not show (on request
    // or by the schedule), whatever the dates say.
    auto replayed = app::replay_erasures(ledger, **retention, clock);
    if (failed(replayed)) return 1;
    erased += *replayed;
    auto after = app::verify_audit_chain((*store)->audit(), verify);
    if (failed(after)) return 1;
    auto end = chain_end((*store)->audit(), after->last_seq);
    if (failed(end)) return 1;
    head = *end;
  }
  std::error_code ignored;
  fs::remove(staged + ".audit-head", ignored);
  auto placed = store::sqlite::move_sqlite_file_into_place(staged, *target, replace);
  if (failed(placed)) return 1;
  // The restored chain's end becomes the database's head: the old head (of the database it
  // replaced, further on) would make verify-audit call the restored log cut short.
  const std::string head_path = config->audit_head.empty()
                                    ? store::default_audit_head_path(config->database_url)
                                    : config->audit_head;
  if (head && !head_path.empty() && failed(write_head_file(head_path, *head))) return 1;
  std::cout << "restored " << from << " (migration " << *version << ", " << applied
            << " migrations applied), audit log intact: " << (head ? head->seq : 0)
            << " entries" << (verify.heads.empty() ? "" : ", up to the backup's head")
            << "; retention re-applied: " << erased << " cases erased\n";
  return 0;
}

// `replay-erasures --from URL`: after a restore done with the database's own tools (pg_restore),
// every erasure the database at URL (the one the backup replaces: its ledger, by the schedule or
// on request) made is made again in the configured (restored) database. SQLite's `restore` does
// this by itself. Prints counts only.
int replay_erasures_from(const GlobalOptions& global, const std::string& from) {
  std::vector<store::CaseErasure> ledger;
  {
    auto source = store::open_store(from, 1);
    if (failed(source)) return 1;
    auto source_retention = store::open_retention(**source);
    if (failed(source_retention)) return 1;
    auto read = app::erasure_ledger(**source_retention);
    if (failed(read)) return 1;
    ledger = std::move(*read);
  }
  return with_store(global, [&](store::Store& store, const Clock& clock) {
    auto retention = store::open_retention(store);
    if (failed(retention)) return 1;
    auto replayed = app::replay_erasures(ledger, **retention, clock);
    if (failed(replayed)) return 1;
    std::cout << "replay-erasures: " << ledger.size() << " erasures in the ledger read, " << *replayed
              << " made again in this database\n";
    return 0;
  });
}

}  // namespace

void register_backup(CLI::App& app, const GlobalOptions& global) {
  auto* backup_cmd = app.add_subcommand(
      "backup", "Copy the SQLite database into a new file, consistently, while serve runs");
  auto to = std::make_shared<std::string>();
  backup_cmd->add_option("--to", *to, "The backup file to create (must not exist)")->required();
  on_run(backup_cmd, [&global, to] { return backup(global, *to); });

  auto* restore_cmd = app.add_subcommand(
      "restore", "Put a backup in place of the SQLite database (stop serve first)");
  auto from = std::make_shared<std::string>();
  auto replace = std::make_shared<bool>(false);
  restore_cmd->add_option("--from", *from, "The backup file")->required();
  restore_cmd->add_flag("--replace", *replace, "Overwrite the database when it exists");
  on_run(restore_cmd, [&global, from, replace] { return restore(global, *from, *replace); });

  auto* replay_cmd = app.add_subcommand(
      "replay-erasures",
      "After restoring with pg_restore: make again in this database every erasure the database at --from made");
  auto source = std::make_shared<std::string>();
  replay_cmd->add_option("--from", *source, "The database the backup replaces (its URL)")->required();
  on_run(replay_cmd, [&global, source] { return replay_erasures_from(global, *source); });
}

}  // namespace vg::cli
