// `victim-gateway import-referrals FILE --org ID`: a police force's bulk daily feed, as CSV (with
// a header row) or JSON Lines (docs/formats/referral-feed.md). It streams (memory does not grow
// with the file: at most two batches are held, one being stored while the next is prepared),
// shows progress on a terminal, stores valid rows in batches (one transaction each), and ends
// with a summary and a rejects file giving line, field and reason. Rows already held (the same
// force, crime reference and victim) are recognised, so running a file again, or again after
// the import was killed midway, adds nothing twice and loses nothing.
#include <boost/json.hpp>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <future>
#include <iostream>

#include "app/clock.h"
#include "app/intake/feed_import.h"
#include "app/intake/referral_csv.h"
#include "app/intake/referral_json.h"
#include "cli/command_support.h"
#include "cli/config.h"

namespace vg::cli {
namespace {

struct ImportOptions {
  std::string file;
  std::string organisation_id;
  std::string rejects;
  int batch = 1000;
  bool progress = false;  // show progress even when standard error is not a terminal
};

struct Totals {
  std::int64_t lines = 0, accepted = 0, duplicates = 0, rejected = 0;
};

std::string csv_cell(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += "\"\"";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out + "\"";
}

class Importer {
 public:
  Importer(app::FeedImport& intake, const ImportOptions& options, std::ostream& rejects)
      : intake_(intake), options_(options), rejects_(rejects),
        progress_(options.progress || ::isatty(2) != 0) {}

  void reject(std::int64_t line, const std::string& field, const std::string& code,
              const std::string& reason) {
    rejects_ << line << "," << csv_cell(field) << "," << csv_cell(code) << "," << csv_cell(reason) << "\n";
  }

  bool add(std::int64_t line, boost::json::object referral) {
    pending_.push_back({line, std::move(referral)});
    if (pending_.size() >= static_cast<std::size_t>(options_.batch)) return flush();
    return true;
  }

  // Prepares the rows read so far as a batch (checked, assessed, routed), then hands it to a
  // second thread to store while this one reads and prepares the next: the CPU work and
  // SQLite's writing overlap instead of taking turns. Batches are still stored one at a time,
  // in file order.
  bool flush() {
    if (pending_.empty()) return true;
    auto prepared = intake_.prepare_feed_batch(pending_, options_.organisation_id, "system:import-referrals");
    pending_.clear();
    if (!prepared) {
      print_error(prepared.error());
      return false;
    }
    if (!settle()) return false;
    storing_ = std::async(std::launch::async, [this, batch = std::move(*prepared)]() mutable {
      return intake_.store_feed_batch(std::move(batch));
    });
    return true;
  }

  // Waits for the batch being stored, if any, and counts and reports its rows.
  bool settle() {
    if (!storing_.valid()) return true;
    auto outcomes = storing_.get();
    if (!outcomes) {
      print_error(outcomes.error());
      return false;
    }
    for (const auto& o : *outcomes) {
      switch (o.kind) {
        case app::FeedRowOutcome::Kind::kAccepted: ++totals.accepted; break;
        case app::FeedRowOutcome::Kind::kDuplicate: ++totals.duplicates; break;
        case app::FeedRowOutcome::Kind::kRejected:
          ++totals.rejected;
          for (const auto& e : o.errors) reject(o.line, column ? column(e.field) : e.field, e.code, e.message);
          break;
      }
    }
    show_progress(false);
    return true;
  }

  void rejected_line(std::int64_t line, const Error& e) {
    ++totals.rejected;
    for (const auto& f : e.fields) reject(line, f.field, f.code, f.message);
  }

  void show_progress(bool done) {
    if (!progress_) return;
    std::cerr << "\r  " << totals.lines << " lines read: " << totals.accepted << " accepted, "
              << totals.duplicates << " duplicates, " << totals.rejected << " rejected"
              << (done ? "\n" : "") << std::flush;
  }

  Totals totals;
  std::function<std::string(const std::string&)> column;

 private:
  app::FeedImport& intake_;
  const ImportOptions& options_;
  std::ostream& rejects_;
  bool progress_;
  std::vector<app::FeedRow> pending_;
  std::future<Result<std::vector<app::FeedRowOutcome>>> storing_;  // the batch being stored
};

int import_referrals(const GlobalOptions& global, ImportOptions options) {
  std::ifstream in(options.file, std::ios::binary);
  std::string line;
  if (!in || !std::getline(in, line)) {
    std::cerr << "error: cannot read " << options.file << "\n";
    return 2;
  }
  auto config = load_config(global.config_path);
  if (failed(config)) return 2;
  // The referrals are stored sealed with the notes key, as the server's are: none without it.
  auto store = open_configured_store(global, 2, true);
  if (!store) return 1;
  auto org = store->accounts().find_organisation(options.organisation_id);
  if (!org || !*org) {
    std::cerr << "error: --org: there is no organisation with that id\n";
    return 2;
  }
  // A feed holds police referrals, and only the force that owns them sends them: every row is
  // also checked against the force's own codes and areas.
  if ((*org)->kind != "police") {
    std::cerr << "error: --org: a bulk feed comes from a police force; this organisation is a "
              << (*org)->kind << "\n";
    return 2;
  }
  if (options.rejects.empty()) options.rejects = options.file + ".rejects.csv";
  std::ofstream rejects(options.rejects, std::ios::trunc);
  if (!rejects) {
    std::cerr << "error: cannot write " << options.rejects << "\n";
    return 2;
  }
  rejects << "line,field,code,reason\n";

  SystemClock clock;
  app::AreaPacks packs(*store, clock, config->config_dir);
  app::SenderScopes scopes(*store, clock);
  app::FeedImport feed(*store, clock, packs, scopes);
  Importer importer(feed, options, rejects);

  // JSON Lines when the first line is an object; otherwise CSV with that line as its header.
  const bool json_lines = line.find_first_not_of(" \t\xEF\xBB\xBF") != std::string::npos &&
                          line[line.find_first_not_of(" \t\xEF\xBB\xBF")] == '{';
  std::optional<app::ReferralCsvLayout> layout;
  std::int64_t line_no = 1;
  auto handle = [&](std::int64_t n, const std::string& text) -> bool {
    ++importer.totals.lines;
    if (text.empty() || text == "\r") {
      --importer.totals.lines;
      return true;
    }
    if (json_lines) {
      auto object = app::parse_referral_object(text);  // refuses a member named twice, too
      if (!object) {
        importer.rejected_line(n, object.error());
        return true;
      }
      return importer.add(n, std::move(*object));
    }
    auto row = layout->row(text);
    if (!row) {
      importer.rejected_line(n, row.error());
      return true;
    }
    return importer.add(n, std::move(*row));
  };
  if (json_lines) {
    if (!handle(line_no, line)) return 1;
  } else {
    auto parsed = app::ReferralCsvLayout::from_header(line);
    if (!parsed) {
      std::cerr << "error: " << options.file << " line 1: " << parsed.error().message << "\n";
      for (const auto& f : parsed.error().fields) std::cerr << "  " << f.message << "\n";
      return 2;  // bad input, not a database error: running it again would not help
    }
    layout = std::move(*parsed);
    importer.column = [&layout](const std::string& path) { return layout->column_for(path); };
  }
  while (std::getline(in, line)) {
    if (!handle(++line_no, line)) return 1;
  }
  if (!importer.flush() || !importer.settle()) return 1;
  importer.show_progress(true);
  const auto& t = importer.totals;
  std::cout << "imported " << options.file << ": " << t.lines << " rows, " << t.accepted
            << " accepted, " << t.duplicates << " duplicates, " << t.rejected << " rejected\n";
  if (t.rejected > 0) {
    std::cout << "rejected rows (line, field, reason): " << options.rejects << "\n";
    return 3;
  }
  return 0;
}

}  // namespace

void register_import_referrals(CLI::App& app, const GlobalOptions& global) {
  auto* cmd = app.add_subcommand("import-referrals",
                                 "Import a police bulk feed (CSV with a header, or JSON Lines)");
  auto options = std::make_shared<ImportOptions>();
  cmd->add_option("FILE", options->file, "The feed file")->required();
  cmd->add_option("--org", options->organisation_id, "The sending organisation's id")->required();
  cmd->add_option("--rejects", options->rejects, "Where to write rejected rows (default FILE.rejects.csv)");
  cmd->add_option("--batch", options->batch, "Rows per transaction")->check(CLI::Range(1, 100000));
  cmd->add_flag("--progress", options->progress,
                "Show progress on standard error even when it is not a terminal");
  on_run(cmd, [&global, options] { return import_referrals(global, *options); });
}

}  // namespace vg::cli
