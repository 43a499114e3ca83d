// HSDS 3.0 import and export against a real (in-memory SQLite) store: the Open Referral examples
// import, export and re-import to identical JSON; a broken copy of each is refused with JSON
// paths and changes nothing.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/clock.h"
#include "app/directory/directory_transfer.h"
#include "store/open/open_store.h"
#include "store/store.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

namespace json = boost::json;

std::string read(const std::string& relative) {
  std::ifstream in(std::string(VG_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Directory {
  std::unique_ptr<store::Store> store;
  FixedClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}};
  std::unique_ptr<DirectoryTransfer> service;

  Directory() {
    store = store::open_store("sqlite::memory:", 1).value();
    EXPECT_TRUE(store->migrate().has_value());
    service = std::make_unique<DirectoryTransfer>(*store, clock);
  }
};

// Every object of the export, by id.
std::map<std::string, json::value> by_id(const std::string& exported) {
  std::map<std::string, json::value> out;
  const auto root = json::parse(exported);
  for (const auto& [key, list] : root.as_object()) {
    for (const auto& item : list.as_array()) out[std::string(item.at("id").as_string())] = item;
  }
  return out;
}

// The top-level HSDS objects of an example file (a page's contents, or the object itself).
std::vector<json::value> objects_of(const json::value& file) {
  if (file.is_object() && file.as_object().contains("contents")) {
    const auto& c = file.at("contents").as_array();
    return {c.begin(), c.end()};
  }
  return {file};
}

class ExampleRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(ExampleRoundTrip, ImportsExportsAndReimportsToIdenticalJson) {
  const std::string text = read(GetParam());
  Directory first;
  auto imported = first.service->import_hsds(text, "test");
  ASSERT_TRUE(imported.has_value()) << imported.error().message << " "
                                    << (imported.error().fields.empty() ? "" : imported.error().fields[0].field + " " + imported.error().fields[0].message);
  const std::string exported = first.service->export_hsds().value();

  // Every object in the example comes back out exactly as it went in.
  const auto out = by_id(exported);
  for (const auto& object : objects_of(json::parse(text))) {
    const std::string id(object.at("id").as_string());
    ASSERT_TRUE(out.contains(id)) << id;
    EXPECT_EQ(out.at(id), object) << id;
  }

  Directory second;
  ASSERT_TRUE(second.service->import_hsds(exported, "test").has_value());
  EXPECT_EQ(second.service->export_hsds().value(), exported);
}

TEST_P(ExampleRoundTrip, BrokenCopyIsRefusedWithPathsAndChangesNothing) {
  auto file = json::parse(read(GetParam()));
  // Break the first object twice over: an id that is not a UUID, and no name.
  json::object* first = file.as_object().contains("contents")
                            ? &file.at("contents").as_array()[0].as_object()
                            : &file.as_object();
  (*first)["id"] = "not-a-uuid";
  first->erase("name");
  const std::string prefix = file.as_object().contains("contents") ? "$.contents[0]" : "$";

  Directory d;
  // Something already there, which a refused import must leave alone.
  ASSERT_TRUE(d.service->import_hsds(read("config/taxonomy/victim-support.json"), "test").has_value());
  const std::string before = d.service->export_hsds().value();
  auto refused = d.service->import_hsds(json::serialize(file), "test");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "validation_failed");
  std::vector<std::string> paths;
  for (const auto& f : refused.error().fields) paths.push_back(f.field);
  EXPECT_NE(std::find(paths.begin(), paths.end(), prefix + ".id"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), prefix + ".name"), paths.end());
  EXPECT_EQ(d.service->export_hsds().value(), before);
}

INSTANTIATE_TEST_SUITE_P(
    OpenReferralExamples, ExampleRoundTrip,
    ::testing::Values("data/hsds/examples/service_list.json", "data/hsds/examples/organization_list.json",
                      "data/hsds/examples/taxonomy.json", "data/hsds/examples/taxonomy_list.json",
                      "data/hsds/examples/taxonomy_term.json", "data/hsds/oruk/examples/service_list.json",
                      "data/hsds/oruk/examples/organization_list.json", "data/hsds/oruk/examples/taxonomy.json",
                      "data/hsds/oruk/examples/taxonomy_list.json",
                      "data/hsds/oruk/examples/taxonomy_term.json"));

TEST(DirectoryImport, NotJsonIsRefused) {
  Directory d;
  auto r = d.service->import_hsds("{\"id\": ", "test");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().fields.at(0).field, "$");
}

TEST(DirectoryImport, ServiceWithoutAKnownOrganisationIsRefused) {
  Directory d;
  auto r = d.service->import_hsds(
      R"({"id":"5d0bb47e-3f6f-4a5c-9b0c-0c7a1d2e3f40","name":"Lonely","status":"active",)"
      R"("organization_id":"6e1cc58f-4a7a-4b6d-8c1d-1d8b2e3f4a51"})",
      "test");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().fields.at(0).field, "$.organization_id");
  EXPECT_EQ(r.error().fields.at(0).code, "unknown");
}

TEST(DirectoryImport, WrongTypesAndFormatsAreNamedByPath) {
  Directory d;
  auto r = d.service->import_hsds(
      R"({"contents":[{"id":"5d0bb47e-3f6f-4a5c-9b0c-0c7a1d2e3f40","name":"S","status":"open",)"
      R"("email":"not an email","minimum_age":"twelve","organization":{"id":"6e1cc58f-4a7a-4b6d-8c1d-1d8b2e3f4a51","name":"O","description":"D"},)"
      R"("phones":[{"id":"7f2dd690-5b8b-4c7e-9d2e-2e9c3f4a5b62"}],"url":null}]})",
      "test");
  ASSERT_FALSE(r.has_value());
  std::map<std::string, std::string> codes;
  for (const auto& f : r.error().fields) codes[f.field] = f.code;
  EXPECT_EQ(codes["$.contents[0].status"], "enum");
  EXPECT_EQ(codes["$.contents[0].email"], "format");
  EXPECT_EQ(codes["$.contents[0].minimum_age"], "type");
  EXPECT_EQ(codes["$.contents[0].phones[0].number"], "required");
  EXPECT_EQ(codes["$.contents[0].url"], "null");
}

// A refuge imported from another directory: where it is never reaches the store, whether its
// locations come nested in the service or listed on their own, and a place stored for it before
// it was marked confidential goes too. Its front door (phone and online) is what is exported.
TEST(DirectoryImport, AConfidentialServiceKeepsOnlyItsFrontDoor) {
  Directory d;
  ASSERT_TRUE(d.service->import_hsds(read("config/taxonomy/victim-support.json"), "test").has_value());
  const std::string service = "5d0bb47e-3f6f-4a5c-9b0c-0c7a1d2e3f40";
  const std::string org = R"({"id":"6e1cc58f-4a7a-4b6d-8c1d-1d8b2e3f4a51","name":"Invented Refuges","description":"D"})";
  const std::string place = R"({"id":"8a3ee7a1-6c9c-4d8f-8e3f-3fad4a5b6c73","service_id":")" + service +
      R"(","location_id":"9b4ff8b2-7dad-4e90-9f40-4abe5b6c7d84","location":{"id":"9b4ff8b2-7dad-4e90-9f40-4abe5b6c7d84",)"
      R"("location_type":"physical","name":"Invented Refuge House","addresses":[{"id":"ab5009c3-8ebe-4fa1-8a51-5bcf6c7d8e95",)"
      R"("address_1":"1 Invented Street","city":"Liverpool","state_province":"Merseyside","postal_code":"L1 0AA",)"
      R"("country":"GB","address_type":"physical"}]}})";
  const std::string standalone = R"({"id":"bc6110d4-9fcf-4ab2-9b62-6cd07d8e9fa6","service_id":")" + service +
      R"(","location_id":"cd7221e5-a0d0-4bc3-8c73-7de18e9fa0b7","location":{"id":"cd7221e5-a0d0-4bc3-8c73-7de18e9fa0b7",)"
      R"("location_type":"physical","name":"Second Invented House","latitude":53.41,"longitude":-2.98}})";
  auto service_json = [&](bool confidential) {
    std::string attributes = confidential
        ? R"(,"attributes":[{"id":"de8332f6-b1e1-4cd4-9d84-8ef29fa0b1c8","link_id":")" + service +
              R"(","link_type":"record_note","link_entity":"service","taxonomy_term_id":"5b0c8e3a-7f21-4d6e-a8c4-2e9f1d3b6a70"}])"
        : std::string();
    return R"({"id":")" + service + R"(","name":"Invented Refuge","status":"active","url":"https://refuge.example.org",)"
           R"("organization":)" + org + R"(,"service_at_locations":[)" + place + "]" + attributes + "}";
  };
  // Before anyone said it was a refuge, its house is stored like any other place.
  ASSERT_TRUE(d.service->import_hsds(service_json(false), "test").has_value()) << "the plain import";
  EXPECT_NE(d.service->export_hsds().value().find("Invented Street"), std::string::npos);

  auto marked = d.service->import_hsds(R"({"contents":[)" + service_json(true) + "," + standalone + "]}", "test");
  ASSERT_TRUE(marked.has_value()) << (marked ? "" : marked.error().message);
  const auto exported = d.service->export_hsds().value();
  for (const char* gone : {"Invented Street", "L1 0AA", "Refuge House", "Second Invented House", "latitude"}) {
    EXPECT_EQ(exported.find(gone), std::string::npos) << gone;
  }
  int locations = 0;
  const auto parsed = json::parse(exported);
  for (const auto& sal : parsed.at("service_at_locations").as_array()) {
    if (sal.at("service_id").as_string() != service) continue;
    ++locations;
    EXPECT_EQ(sal.at("location").at("location_type"), "virtual");
    EXPECT_EQ(sal.at("location").at("url"), "https://refuge.example.org");
  }
  EXPECT_EQ(locations, 1);

  // Listed on its own later, a place for it is still not kept.
  ASSERT_TRUE(d.service->import_hsds(standalone, "test").has_value());
  EXPECT_EQ(d.service->export_hsds().value().find("Second Invented House"), std::string::npos);
}

// HSDS lets an organisation carry locations of its own; for the one that runs a refuge they may
// be the refuge. Once any service of it is confidential it keeps none, whether the organisation
// was stored first (it is written again without them) or arrives after (they are never kept).
TEST(DirectoryImport, TheOrganisationOfAConfidentialServiceKeepsNoLocations) {
  Directory d;
  ASSERT_TRUE(d.service->import_hsds(read("config/taxonomy/victim-support.json"), "test").has_value());
  const std::string org_id = "7f2dd6a0-5b8b-4c7e-9d2e-2e9c3f4a5b62";
  const std::string service_id = "8a3ee7b1-6c9c-4d8f-8e3f-3fad4a5b6c74";
  const std::string org = R"({"id":")" + org_id + R"(","name":"Invented Shelters","description":"D",)"
      R"("locations":[{"id":"9b4ff8c2-7dad-4e90-9f40-4abe5b6c7d85","location_type":"physical","name":"Invented Head Office",)"
      R"("addresses":[{"id":"ab5009d3-8ebe-4fa1-8a51-5bcf6c7d8e96","address_1":"7 Invented Close","city":"Liverpool",)"
      R"("state_province":"Merseyside","postal_code":"L2 0BB","country":"GB","address_type":"physical"}]}]})";
  auto service_json = [&](bool confidential) {
    std::string attributes = confidential
        ? R"(,"attributes":[{"id":"de8332f7-b1e1-4cd4-9d84-8ef29fa0b1c9","link_id":")" + service_id +
              R"(","link_type":"record_note","link_entity":"service","taxonomy_term_id":"5b0c8e3a-7f21-4d6e-a8c4-2e9f1d3b6a70"}])"
        : std::string();
    return R"({"id":")" + service_id + R"(","organization_id":")" + org_id +
           R"(","name":"Invented Shelter","status":"active","url":"https://shelter.example.org")" + attributes + "}";
  };
  auto holds_address = [&] {
    const auto exported = d.service->export_hsds().value();
    return exported.find("Invented Close") != std::string::npos || exported.find("L2 0BB") != std::string::npos ||
           exported.find("Invented Head Office") != std::string::npos;
  };

  ASSERT_TRUE(d.service->import_hsds(R"({"contents":[)" + org + "," + service_json(false) + "]}", "test").has_value());
  EXPECT_TRUE(holds_address()) << "an organisation running no refuge keeps its places";

  auto marked = d.service->import_hsds(service_json(true), "test");
  ASSERT_TRUE(marked.has_value()) << (marked ? "" : marked.error().message);
  EXPECT_FALSE(holds_address()) << "stored first: written again without them";
  const auto exported = json::parse(d.service->export_hsds().value());
  bool found = false;
  for (const auto& o : exported.at("organizations").as_array()) {
    if (o.at("id").as_string() != org_id) continue;
    found = true;
    EXPECT_EQ(o.at("name"), "Invented Shelters") << "the rest of it is kept";
  }
  EXPECT_TRUE(found);

  ASSERT_TRUE(d.service->import_hsds(org, "test").has_value());
  EXPECT_FALSE(holds_address()) << "arriving after: never kept";
}

// In a process that also searches, an import shows at once: the taxonomy is read again and
// the caches of answers are told.
TEST(DirectoryImport, AnImportShowsInThisProcesssCachesAtOnce) {
  Directory d;
  TaxonomyCache taxonomy(*d.store, d.clock);
  DirectoryGeneration generation;
  DirectoryTransfer transfer(*d.store, d.clock, taxonomy, generation);
  EXPECT_EQ(taxonomy.get()->by_code("domestic_abuse"), nullptr);
  const auto before = generation.current();
  ASSERT_TRUE(transfer.import_hsds(read("config/taxonomy/victim-support.json"), "test").has_value());
  EXPECT_NE(taxonomy.get()->by_code("domestic_abuse"), nullptr);
  EXPECT_GT(generation.current(), before);
}

}  // namespace
}  // namespace vg::app
