// The demo directory (the victim-support taxonomy and the three seed areas' organisations and
// services) loaded into an in-memory SQLite store through the directory's own use cases, for
// the tests of those use cases. Test code only.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include "app/directory/area_directory_file.h"
#include "app/directory/directory_admin.h"
#include "app/directory/directory_search.h"
#include "app/directory/directory_transfer.h"
#include "store/open/open_store.h"
#include "store/store.h"
#include "support/fixed_clock.h"

namespace vg::app {

class DemoDirectoryTest : public ::testing::Test {
 protected:
  static std::string read(const std::string& relative) {
    std::ifstream in(std::string(VG_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  void SetUp() override {
    store_ = store::open_store("sqlite::memory:", 1).value();
    ASSERT_TRUE(store_->migrate().has_value());
    taxonomy_ = std::make_unique<TaxonomyCache>(*store_, clock_);
    directory_ = std::make_unique<DirectorySearch>(*store_, *taxonomy_, generation_, clock_);
    admin_ = std::make_unique<DirectoryAdmin>(*store_, clock_, *taxonomy_, generation_);
    DirectoryTransfer transfer(*store_, clock_, *taxonomy_, generation_);
    ASSERT_TRUE(transfer.import_hsds(read("config/taxonomy/victim-support.json"), "test"));
    for (const char* area : {"greater-manchester", "merseyside", "staffordshire"}) {
      auto parsed = parse_area_directory(read(std::string("config/areas/") + area + "/directory.json"));
      ASSERT_TRUE(parsed.has_value()) << area;
      for (const auto& org : parsed->organizations) {
        ASSERT_TRUE(admin_->save_organization(org, "test").has_value()) << org.name;
      }
      auto saved = admin_->save_services(parsed->services, "test");
      ASSERT_TRUE(saved.has_value()) << area << ": " << saved.error().message;
    }
  }

  // The names of the services a search finds (up to 100).
  std::set<std::string> names(ServiceSearch search) {
    search.per_page = 100;
    auto result = directory_->search_services(search);
    EXPECT_TRUE(result.has_value());
    std::set<std::string> out;
    if (result) {
      for (const auto& s : result->page.items) out.insert(s->name);
    }
    return out;
  }

  std::map<std::string, std::string> field_codes(const Error& e) {
    std::map<std::string, std::string> out;
    for (const auto& f : e.fields) out[f.field] = f.code;
    return out;
  }

  std::unique_ptr<store::Store> store_;
  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}};
  std::unique_ptr<TaxonomyCache> taxonomy_;
  DirectoryGeneration generation_;
  std::unique_ptr<DirectorySearch> directory_;
  std::unique_ptr<DirectoryAdmin> admin_;
};

}  // namespace vg::app
