#include "store/sqlite/sqlite_backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string_view>
#include <thread>

#include "store/sql/migration_version.h"
#include "store/sqlite/sqlite_database.h"

namespace vg::store::sqlite {
namespace {

namespace fs = std::filesystem;

// Byte 128 of the wal-index: SQLite's unix VFS holds a shared lock there from opening the
// wal-index until the connection closes (UNIX_SHM_DMS = UNIX_SHM_BASE 120 + SQLITE_SHM_NLOCK 8).
constexpr off_t kDeadManSwitchByte = 128;
// A page step that met a lock waits this long before trying again, at most this many times.
constexpr auto kBusyPause = std::chrono::milliseconds(20);
constexpr int kBusyTries = 1500;

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;

Error file_error(std::string message) { return Error{"unavailable", std::move(message), {}}; }

Result<Db> open_file(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    return std::unexpected(file_error("Cannot open " + path + ": " +
                                      (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc))));
  }
  sqlite3_busy_timeout(raw, 5000);
  return db;
}

// The first column of the first row of `sql`, as an integer; nullopt when no row.
Result<std::optional<std::int64_t>> single_integer(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
    return std::unexpected(Error{"validation_failed", sqlite3_errmsg(db), {}});
  }
  std::optional<std::int64_t> value;
  const int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
    value = sqlite3_column_int64(stmt, 0);
  }
  const bool failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
  std::string message = failed ? sqlite3_errmsg(db) : "";
  sqlite3_finalize(stmt);
  if (failed) return std::unexpected(Error{"validation_failed", message, {}});
  return value;
}

Error not_a_backup(const std::string& why) {
  return Error{"validation_failed", "Not a Victim Gateway database this program can restore: " + why,
               {{"from", "invalid", why}}};
}

std::int64_t latest_known_version() {
  std::int64_t latest = 0;
  for (const auto& [name, sql] : kMigrations) {
    if (auto v = migration_version(name)) latest = std::max(latest, *v);
  }
  return latest;
}

void remove_quietly(const std::string& path) {
  std::error_code ignored;
  fs::remove(path, ignored);
}

}  // namespace

Result<std::string> sqlite_file_of(const std::string& database_url) {
  constexpr std::string_view kScheme = "sqlite:";
  if (std::string_view(database_url).substr(0, kScheme.size()) != kScheme) {
    return validation_failed({{"database_url", "not_sqlite", "Only a sqlite: database is a file"}},
                             "The database is not a SQLite file");
  }
  std::string path = database_url.substr(kScheme.size());
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) {
    return validation_failed({{"database_url", "not_a_file", "Name the database as sqlite:PATH"}},
                             "The database is not a plain SQLite file");
  }
  return path;
}

Result<std::int64_t> backup_sqlite_file(const std::string& source_path,
                                        const std::string& target_path) {
  if (fs::exists(target_path)) {
    return std::unexpected(Error{"conflict", target_path + " exists already: name a new file",
                                 {{"to", "exists", "The file exists already"}}});
  }
  if (!fs::exists(source_path)) {
    return std::unexpected(Error{"not_found", "There is no database at " + source_path, {}});
  }
  const std::string partial = target_path + ".partial";
  remove_quietly(partial);
  {
    Db source = VG_TRY(open_file(source_path, SQLITE_OPEN_READONLY));
    Db target = VG_TRY(open_file(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    sqlite3_backup* backup = sqlite3_backup_init(target.get(), "main", source.get(), "main");
    if (!backup) {
      std::string why = sqlite3_errmsg(target.get());
      target.reset();
      remove_quietly(partial);
      return std::unexpected(file_error("Cannot start the backup: " + why));
    }
    // Every page in one step: one read transaction on the source, so one snapshot. A step that
    // meets a lock (a writer checkpointing) is tried again from where it stopped.
    int rc = SQLITE_OK;
    for (int tries = 0; tries < kBusyTries; ++tries) {
      rc = sqlite3_backup_step(backup, -1);
      if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
      std::this_thread::sleep_for(kBusyPause);
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      target.reset();
      remove_quietly(partial);
      return std::unexpected(file_error(std::string("The backup did not complete: ") +
                                        sqlite3_errstr(rc)));
    }
    // A self-contained file: no WAL beside it to lose when it is copied elsewhere.
    if (sqlite3_exec(target.get(), "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr) !=
        SQLITE_OK) {
      std::string why = sqlite3_errmsg(target.get());
      target.reset();
      remove_quietly(partial);
      return std::unexpected(file_error("Cannot finish the backup: " + why));
    }
  }
  auto version = check_backup_file(partial);
  if (!version) {
    remove_quietly(partial);
    return version;
  }
  // Durable before it is named: fsync the file, then the rename.
  if (int fd = ::open(partial.c_str(), O_RDONLY); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  std::error_code error;
  fs::rename(partial, target_path, error);
  if (error) {
    remove_quietly(partial);
    return std::unexpected(file_error("Cannot name the backup " + target_path + ": " + error.message()));
  }
  return version;
}

Result<bool> sqlite_file_in_use(const std::string& path) {
  const std::string shm = path + "-shm";
  const int fd = ::open(shm.c_str(), O_RDONLY);
  if (fd < 0) return false;  // no wal-index: nobody has it open in WAL mode
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = kDeadManSwitchByte;
  lock.l_len = 1;
  const int rc = ::fcntl(fd, F_GETLK, &lock);
  ::close(fd);
  if (rc != 0) return std::unexpected(file_error("Cannot tell whether " + path + " is in use"));
  return lock.l_type != F_UNLCK;
}

Result<std::int64_t> check_backup_file(const std::string& path) {
  if (!fs::is_regular_file(path)) return std::unexpected(not_a_backup("there is no such file"));
  auto opened = open_file(path, SQLITE_OPEN_READONLY);
  if (!opened) return std::unexpected(not_a_backup("SQLite cannot open it"));
  sqlite3* db = opened->get();
  auto ok = [&]() -> bool {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &stmt, nullptr) != SQLITE_OK) return false;
    bool fine = sqlite3_step(stmt) == SQLITE_ROW &&
                std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) == "ok";
    sqlite3_finalize(stmt);
    return fine;
  }();
  if (!ok) return std::unexpected(not_a_backup("it is not an intact SQLite database"));
  auto tables = single_integer(db,
                               "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                               "('schema_migrations', 'audit_log', 'referrals')");
  if (!tables || !*tables || **tables != 3) {
    return std::unexpected(not_a_backup("it has no Victim Gateway tables"));
  }
  auto version = single_integer(db, "SELECT max(version) FROM schema_migrations");
  if (!version || !*version) return std::unexpected(not_a_backup("it records no migration"));
  if (**version > latest_known_version()) {
    return std::unexpected(not_a_backup("it is at migration " + std::to_string(**version) +
                                        ", newer than this program's " +
                                        std::to_string(latest_known_version())));
  }
  return **version;
}

Result<void> check_restore_target(const std::string& target_path, bool replace) {
  if (VG_TRY(sqlite_file_in_use(target_path))) {
    return std::unexpected(Error{"conflict",
                                 target_path + " is in use (a server has it open): stop it first",
                                 {{"database_url", "in_use", "A process has the database open"}}});
  }
  if (fs::exists(target_path) && !replace) {
    return std::unexpected(Error{"conflict",
                                 target_path + " exists: restore into a new file, or give --replace",
                                 {{"database_url", "exists", "The database exists already"}}});
  }
  return {};
}

Result<void> move_sqlite_file_into_place(const std::string& from, const std::string& target_path,
                                         bool replace) {
  VG_CHECK(check_restore_target(target_path, replace));
  remove_quietly(target_path + "-wal");
  remove_quietly(target_path + "-shm");
  remove_quietly(target_path + "-journal");
  std::error_code error;
  fs::rename(from, target_path, error);
  if (error) {
    return std::unexpected(file_error("Cannot put the restored database in place: " + error.message()));
  }
  return {};
}

}  // namespace vg::store::sqlite
