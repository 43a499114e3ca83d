#include "store/audit_chain.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "store/instant_text.h"

namespace vg::store {
namespace {

// Netstring-style field: length, colon, bytes, comma. No field's content can shift another's.
void append_field(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ',';
}

// The bytes both formats hash: a format prefix, then every field as a netstring. The prefix
// keeps a keyed MAC from ever being taken for an unkeyed hash of the same fields.
constexpr std::string_view kHashFormat = "vg-audit-1";
constexpr std::string_view kMacFormat = "vg-audit-2";

std::string canonical(std::string_view format, const AuditEntry& entry,
                      const std::string& prev_hash) {
  std::string out(format);
  out += ':';
  append_field(out, prev_hash);
  append_field(out, format_instant(entry.at));
  append_field(out, entry.actor);
  append_field(out, entry.action);
  append_field(out, entry.entity_type);
  append_field(out, entry.entity_id);
  append_field(out, entry.detail);
  return out;
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

std::string mac_with(crypto_auth_hmacsha256_state state, std::string_view message) {
  unsigned char digest[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, digest);
  return std::string(kAuditMacPrefix) + to_hex(digest, sizeof digest);
}

crypto_auth_hmacsha256_state keyed_state(std::string_view key) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  return state;
}

bool is_hex_mac(std::string_view text) {
  if (is_keyed_audit_hash(text)) text.remove_prefix(kAuditMacPrefix.size());
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::optional<std::int64_t> parse_seq(std::string_view text) {
  std::int64_t seq = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), seq);
  if (ec != std::errc() || ptr != text.data() + text.size() || seq < 0) return std::nullopt;
  return seq;
}

// Exactly what format_audit_head writes, and nothing else.
std::optional<AuditHead> parse_head_line(std::string_view line) {
  constexpr std::string_view kSeq = "{\"seq\":";
  constexpr std::string_view kMac = ",\"mac\":\"";
  constexpr std::string_view kEnd = "\"}";
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.substr(0, kSeq.size()) != kSeq) return std::nullopt;
  line.remove_prefix(kSeq.size());
  const auto comma = line.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  auto seq = parse_seq(line.substr(0, comma));
  line.remove_prefix(comma);
  if (!seq || line.substr(0, kMac.size()) != kMac) return std::nullopt;
  line.remove_prefix(kMac.size());
  if (line.size() < kEnd.size() || line.substr(line.size() - kEnd.size()) != kEnd) {
    return std::nullopt;
  }
  line.remove_suffix(kEnd.size());
  if (!is_hex_mac(line)) return std::nullopt;
  return AuditHead{*seq, std::string(line)};
}

// Replaces the head file with `head` unless it already holds a later one. Under an flock on a
// lock file beside it, so processes on one machine sharing the file never move it backwards.
// No fsync: the head must never be ahead of the database, and it is written only after the
// commit; syncing it would add a disk flush per commit for little (see docs/operations.md).
std::string write_head_file(const std::string& path, const AuditHead& head) {
  const std::string lock_path = path + ".lock";
  const int lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd < 0) return "cannot open " + lock_path + ": " + std::strerror(errno);
  std::string problem;
  if (::flock(lock_fd, LOCK_EX) != 0) {
    problem = "cannot lock " + lock_path + ": " + std::strerror(errno);
  } else {
    auto current = read_audit_head(path);
    if (current && *current && (*current)->seq >= head.seq) {
      // Another writer already recorded this point of the chain or a later one.
    } else {
      const std::string temp = path + ".tmp";
      const std::string line = format_audit_head(head) + "\n";
      const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      if (fd < 0) {
        problem = "cannot write " + temp + ": " + std::strerror(errno);
      } else {
        const auto written = ::write(fd, line.data(), line.size());
        const bool ok = written == static_cast<ssize_t>(line.size());
        ::close(fd);
        if (!ok) {
          problem = "cannot write " + temp;
        } else if (::rename(temp.c_str(), path.c_str()) != 0) {
          problem = "cannot replace " + path + ": " + std::strerror(errno);
        }
      }
    }
  }
  ::close(lock_fd);  // releases the flock
  return problem;
}

}  // namespace

std::string audit_hash(const AuditEntry& entry, const std::string& prev_hash) {
  const std::string message = canonical(kHashFormat, entry, prev_hash);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size());
  return to_hex(digest, sizeof digest);
}

std::string audit_mac(std::string_view key, const AuditEntry& entry,
                      const std::string& prev_hash) {
  return mac_with(keyed_state(key), canonical(kMacFormat, entry, prev_hash));
}

std::string default_audit_head_path(const std::string& database_url) {
  constexpr std::string_view kScheme = "sqlite:";
  if (database_url.rfind(kScheme, 0) != 0) return "";
  const std::string path = database_url.substr(kScheme.size());
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return "";
  return path + ".audit-head";
}

std::string format_audit_head(const AuditHead& head) {
  return "{\"seq\":" + std::to_string(head.seq) + ",\"mac\":\"" + head.mac + "\"}";
}

Result<std::optional<AuditHead>> read_audit_head(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && !ec) return std::optional<AuditHead>();
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("unavailable", "The audit head file " + path + " cannot be read");
  std::string line;
  std::getline(in, line);
  auto head = parse_head_line(line);
  if (!head) return fail("validation_failed", "The audit head file " + path + " is malformed");
  return std::optional<AuditHead>(std::move(*head));
}

std::optional<AuditHead> parse_audit_head_argument(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto seq = parse_seq(text.substr(0, colon));
  const auto mac = text.substr(colon + 1);
  if (!seq || !is_hex_mac(mac)) return std::nullopt;
  return AuditHead{*seq, std::string(mac)};
}

AuditChain::AuditChain(AuditAnchor anchor) : anchor_(std::move(anchor)) {
  keyed_ = !anchor_.key.empty();
  if (keyed_) keyed_state_ = keyed_state(anchor_.key);
  sodium_memzero(anchor_.key.data(), anchor_.key.size());  // only the absorbed state is kept
  anchor_.key.clear();
}

std::string AuditChain::mac(const AuditEntry& entry, const std::string& prev_hash) const {
  return mac_with(keyed_state_, canonical(kMacFormat, entry, prev_hash));
}

Result<std::vector<AuditEntry>> AuditChain::seal(const AuditChainEnd& end,
                                                 const std::vector<AuditEntry>& entries) const {
  std::vector<AuditEntry> sealed;
  sealed.reserve(entries.size() + 1);
  std::string prev_hash = end.hash;
  const bool keyed_end = is_keyed_audit_hash(end.hash);
  if (!keyed_ && keyed_end) {
    return fail("audit_key_missing",
                "The audit log is keyed: set audit_key (VG_AUDIT_KEY) to write to this database");
  }
  if (keyed_ && end.seq > 0 && !keyed_end && !entries.empty()) {
    // The hand-over: the first keyed entry's MAC covers the last unkeyed hash, so the unkeyed
    // part can no longer be rewritten either. Its time is the first new entry's: the store
    // never reads the clock.
    AuditEntry hand_over;
    hand_over.at = entries.front().at;
    hand_over.actor = "system:audit";
    hand_over.action = std::string(kAuditHandOverAction);
    hand_over.entity_type = "audit_log";
    hand_over.entity_id = std::to_string(end.seq);
    hand_over.detail = "{\"unkeyed_to_seq\":" + std::to_string(end.seq) +
                       ",\"unkeyed_head\":\"" + end.hash + "\"}";
    sealed.push_back(std::move(hand_over));
  }
  for (const auto& entry : entries) sealed.push_back(entry);
  for (auto& entry : sealed) {
    entry.prev_hash = prev_hash;
    entry.hash = keyed_ ? mac(entry, prev_hash) : audit_hash(entry, prev_hash);
    prev_hash = entry.hash;
  }
  return sealed;
}

void AuditChain::publish(const AuditHead& head) {
  std::lock_guard lock(publish_mutex_);
  // Commits of one process may finish out of order: an older head changes nothing.
  if (head.seq <= published_seq_) return;
  published_seq_ = head.seq;
  std::string problem;
  if (!anchor_.head_path.empty()) problem = write_head_file(anchor_.head_path, head);
  if (anchor_.on_head) anchor_.on_head(head, problem);
}

}  // namespace vg::store
