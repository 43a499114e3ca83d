// The in-memory search (SearchPath::kIndex) against the store's query (SearchPath::kStore) on the
// demo directory plus generated services: the same ids, order and totals for the bench's whole
// mix of 22,540 searches and for every other filter a search has.
#include "app/directory/service_index.h"

#include <gtest/gtest.h>

#include <fstream>

#include "app/directory/directory_generator.h"
#include "app/directory/search_synonyms_file.h"
#include "domain/directory/postcode.h"
#include "support/demo_directory.h"
#include "support/directory_search_mix.h"

namespace vg::app {
namespace {

class ServiceIndexTest : public DemoDirectoryTest {
 protected:
  void SetUp() override {
    DemoDirectoryTest::SetUp();
    if (HasFatalFailure()) return;
    // Enough services that the mix's second pages are full and paging crosses bitset words.
    std::vector<std::string> organizations;
    const auto before = store_->directory().export_all().value();
    for (const auto& o : before.organizations) organizations.push_back(o.id);
    auto generated = generate_services(kGenerated, 7, organizations, *taxonomy_->get());
    ASSERT_TRUE(admin_->save_services(generated, "test").has_value());
    std::vector<store::PostcodeRepository::Row> rows;
    for (const auto& p : bench_mix::illustrative_postcodes(VG_SOURCE_DIR)) {
      auto normalised = directory::normalise_postcode(p).value();
      rows.push_back({directory::postcode_key(normalised), find_lad(p)});
    }
    ASSERT_TRUE(store_->postcodes().upsert(rows).has_value());
    synonyms_ = load_search_synonyms(std::string(VG_SOURCE_DIR) + "/config").value();
    directory_->set_synonyms(synonyms_);
    by_store_ = std::make_unique<DirectorySearch>(*store_, *taxonomy_, generation_, clock_,
                                                  SearchPath::kStore);
    by_store_->set_synonyms(synonyms_);
  }

  static std::string find_lad(const std::string& postcode) {
    std::istringstream lines(bench_mix::read_file(std::string(VG_SOURCE_DIR) +
                                                  "/config/demo/postcodes-illustrative.csv"));
    std::string line;
    while (std::getline(lines, line)) {
      if (line.rfind(postcode + ",", 0) == 0) {
        auto rest = line.substr(postcode.size() + 1);
        return rest.substr(0, rest.find(','));
      }
    }
    return "";
  }

  // Fails the test, naming `what`, unless both paths answer `search` alike.
  void expect_same(const ServiceSearch& search, const std::string& what) {
    auto index = directory_->search_services(search);
    auto sql = by_store_->search_services(search);
    ASSERT_EQ(index.has_value(), sql.has_value()) << what;
    if (!sql) {
      EXPECT_EQ(index.error().code, sql.error().code) << what;
      return;
    }
    ASSERT_EQ(index->page.total_items, sql->page.total_items) << what;
    ASSERT_EQ(index->page.items.size(), sql->page.items.size()) << what;
    for (std::size_t i = 0; i < sql->page.items.size(); ++i) {
      const ServiceRecord& a = index->page.items[i];
      const ServiceRecord& b = sql->page.items[i];
      ASSERT_EQ(a.id, b.id) << what << " item " << i;
      EXPECT_EQ(a.name, b.name);
      EXPECT_EQ(a.document, b.document);
      EXPECT_EQ(a.taxonomy_term_ids, b.taxonomy_term_ids);
      EXPECT_EQ(a.area_codes, b.area_codes);
      EXPECT_EQ(a.minimum_age, b.minimum_age);
      EXPECT_EQ(a.maximum_age, b.maximum_age);
      EXPECT_EQ(a.search_text, b.search_text);
      // The index's hit carries the fingerprint a page keeps the service's item under, made
      // when the index was built; it must be the one the store's record hashes to now.
      ASSERT_TRUE(index->page.items[i].fingerprint().has_value()) << what;
      EXPECT_FALSE(sql->page.items[i].fingerprint().has_value());
      EXPECT_EQ(directory_->view_key(index->page.items[i]), directory_->view_key(b)) << what;
    }
    ASSERT_EQ(index->postcode.has_value(), sql->postcode.has_value()) << what;
    if (sql->postcode) {
      EXPECT_EQ(index->postcode->status, sql->postcode->status) << what;
    }
    ++compared_;
    if (sql->page.total_items > 0) ++found_some_;
  }

  static constexpr int kGenerated = 1500;
  std::shared_ptr<const directory::SearchSynonyms> synonyms_;
  std::unique_ptr<DirectorySearch> by_store_;
  int compared_ = 0;
  int found_some_ = 0;
};

TEST_F(ServiceIndexTest, TheWholeBenchMixFindsWhatTheStoreFinds) {
  const auto mix = bench_mix::directory_search_mix(VG_SOURCE_DIR);
  ASSERT_GE(mix.size(), 20000u);
  for (const auto& m : mix) {
    expect_same(m.search, m.query);
    if (HasFatalFailure()) return;
  }
  EXPECT_EQ(compared_, static_cast<int>(mix.size()));
  EXPECT_GT(found_some_, compared_ / 4);  // the mix is not mostly empty answers
}

TEST_F(ServiceIndexTest, EveryOtherFilterFindsWhatTheStoreFinds) {
  const auto all = store_->directory().export_all().value();
  std::vector<ServiceSearch> searches;
  auto add = [&searches](auto change) {
    ServiceSearch s;
    change(s);
    searches.push_back(s);
  };
  add([](ServiceSearch& s) { s.include_inactive = true; s.per_page = 100; });
  add([](ServiceSearch& s) { s.include_inactive = true; s.page = 17; s.per_page = 100; });
  add([](ServiceSearch& s) { s.page = 9999; });
  for (int age : {0, 5, 11, 15, 17, 18, 25, 65, 99}) {
    add([age](ServiceSearch& s) { s.age = age; s.per_page = 100; });
  }
  for (std::size_t i = 0; i < all.organizations.size(); i += 3) {
    add([&](ServiceSearch& s) { s.organization_id = all.organizations[i].id; });
  }
  for (const auto& t : all.taxonomies) {
    add([&](ServiceSearch& s) { s.taxonomy_id = t.id; s.page = 2; });
  }
  add([](ServiceSearch& s) { s.taxonomy_id = "no-such-taxonomy"; });
  for (std::size_t i = 0; i + 1 < all.taxonomy_terms.size(); i += 2) {
    add([&](ServiceSearch& s) { s.taxonomy_term_ids = {all.taxonomy_terms[i].id}; });
    add([&](ServiceSearch& s) {
      s.taxonomy_term_ids = {all.taxonomy_terms[i].id, all.taxonomy_terms[i + 1].id};
    });
  }
  for (const char* text :
       {"anti semitic", "antisemitic", "anti-semitic", "ASB", "the rapist", "café", "  ",
        "Support   SERVICE", "domestic abuse support young people advice helpline family"}) {
    add([text](ServiceSearch& s) { s.text = text; s.include_inactive = true; s.per_page = 50; });
  }
  add([](ServiceSearch& s) { s.crime_types = {"domestic_abuse", "stalking_and_harassment"}; });
  add([](ServiceSearch& s) { s.local_authorities = {"E08000012", "E08000014"}; s.age = 16; });
  add([](ServiceSearch& s) { s.crime_types = {"no_such_crime"}; });
  add([](ServiceSearch& s) { s.postcode = "not a postcode"; });
  add([](ServiceSearch& s) { s.postcode = "L1 8JQ"; });  // well-formed, not in the lookup
  add([](ServiceSearch& s) { s.per_page = 0; });
  for (std::size_t i = 0; i < searches.size(); ++i) {
    expect_same(searches[i], "search " + std::to_string(i));
    if (HasFatalFailure()) return;
  }
}

TEST_F(ServiceIndexTest, AWriteInThisProcessShowsAtTheNextSearch) {
  ServiceSearch search;
  search.text = "Quillwort";
  ASSERT_EQ(directory_->search_services(search).value().page.total_items, 0);
  const auto all = store_->directory().export_all().value();
  auto form = admin_->service_form(all.services.at(0).id);
  ASSERT_TRUE(form.has_value());
  form->name = "Quillwort advocacy";
  ASSERT_TRUE(admin_->save_service(*form, "test").has_value());
  // The clock has not moved: only the write this process made can have told the index.
  expect_same(search, "after the write");
  EXPECT_EQ(directory_->search_services(search).value().page.total_items, 1);
}

}  // namespace
}  // namespace vg::app
