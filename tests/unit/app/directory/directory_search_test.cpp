// Searching the demo directory through DirectorySearch on a real (in-memory SQLite) store:
// crime-type families, area and postcode filters, and the views people see.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/directory/directory_search.h"
#include "support/demo_directory.h"

namespace vg::app {
namespace {

class DirectorySearchTest : public DemoDirectoryTest {};

TEST_F(DirectorySearchTest, AStrandFindsGeneralHateCrimeServicesAndThatStrandsSpecialists) {
  ServiceSearch s;
  s.crime_types = {"hate_crime_sexual_orientation"};
  auto found = names(s);
  EXPECT_TRUE(found.contains("Hate crime advocacy – Anthony Walker Foundation consortium"));
  EXPECT_TRUE(found.contains("LGBT hate crime helpline – LGBT Foundation"));
  EXPECT_FALSE(found.contains("Antisemitic hate crime support – CST"));  // religion and race only
}

TEST_F(DirectorySearchTest, HateCrimeFindsEveryStrandsSpecialists) {
  ServiceSearch s;
  s.crime_types = {"hate_crime"};
  auto found = names(s);
  EXPECT_TRUE(found.contains("LGBT hate crime helpline – LGBT Foundation"));
  EXPECT_TRUE(found.contains("Antisemitic hate crime support – CST"));
  EXPECT_FALSE(found.contains("Business crime support – Staffordshire Victim Gateway"));
}

TEST_F(DirectorySearchTest, SeveralCrimeTypesFindServicesForAnyOfThem) {
  ServiceSearch business, road, both;
  business.crime_types = {"business_crime"};
  road.crime_types = {"road_traffic_crime"};
  both.crime_types = {"business_crime", "road_traffic_crime"};
  auto b = names(business), r = names(road), either = names(both);
  EXPECT_TRUE(either.contains("Business crime support – Staffordshire Victim Gateway"));
  EXPECT_TRUE(either.contains("Support after a road crash – RoadPeace"));
  for (const auto& n : b) EXPECT_TRUE(either.contains(n)) << n;
  for (const auto& n : r) EXPECT_TRUE(either.contains(n)) << n;
}

TEST_F(DirectorySearchTest, AreaAndCrimeTypeTogetherNarrowToBoth) {
  ServiceSearch s;
  s.crime_types = {"domestic_abuse"};
  s.local_authorities = {"E08000012"};  // Liverpool
  auto found = names(s);
  EXPECT_TRUE(found.contains("Children and young people affected by domestic abuse – Listening Ear"));
  EXPECT_FALSE(found.contains("Staffordshire Victim Gateway"));
  EXPECT_FALSE(found.contains("Refuge and outreach – Wirral Women and Children's Aid"));
}

TEST_F(DirectorySearchTest, BadCrimeTypesAndAreasAreNamedWithDifferentCodes) {
  ServiceSearch s;
  s.crime_types = {"Domestic Abuse!", "no_such_crime", "children_and_young_people"};
  s.local_authorities = {"Liverpool"};
  auto r = directory_->search_services(s);
  ASSERT_FALSE(r.has_value());
  std::multiset<std::string> codes;
  for (const auto& f : r.error().fields) codes.insert(f.field + ":" + f.code);
  EXPECT_EQ(codes.count("crime_type:malformed"), 1u);
  EXPECT_EQ(codes.count("crime_type:unknown"), 2u);  // an audience is not a crime type
  EXPECT_EQ(codes.count("local_authority:malformed"), 1u);

  ServiceSearch elsewhere;
  elsewhere.local_authorities = {"E09000001"};  // the City of London: well formed, not covered
  auto r2 = directory_->search_services(elsewhere);
  ASSERT_FALSE(r2.has_value());
  EXPECT_EQ(field_codes(r2.error())["local_authority"], "unknown");
}

TEST_F(DirectorySearchTest, PostcodesResolveOnlyOnceTheLookupIsLoaded) {
  ServiceSearch s;
  s.postcode = "l18jq";
  EXPECT_EQ(directory_->postcode_search_available(), false);
  auto before = directory_->search_services(s);
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(before->postcode->status, PostcodeStatus::kLookupNotLoaded);
  EXPECT_TRUE(before->page.items.empty());  // never "everywhere" for a postcode we cannot place

  // Loaded by another process (import-postcodes): seen at the next look, no restart.
  ASSERT_TRUE(store_->postcodes().upsert({{"L18JQ", "E08000012"}, {"ST41AA", "E06000021"}}));
  EXPECT_EQ(directory_->postcode_search_available(), true);
  auto liverpool = directory_->search_services(s);
  ASSERT_TRUE(liverpool.has_value());
  EXPECT_EQ(liverpool->postcode->status, PostcodeStatus::kResolved);
  EXPECT_EQ(liverpool->postcode->normalised, "L1 8JQ");
  EXPECT_FALSE(liverpool->postcode->illustrative);
  ServiceSearch by_area;
  by_area.local_authorities = {"E08000012"};
  EXPECT_EQ(liverpool->page.total_items, directory_->search_services(by_area)->page.total_items);

  s.postcode = "ZZ99 9ZZ";
  EXPECT_EQ(directory_->search_services(s)->postcode->status, PostcodeStatus::kNotFound);
  // The demo's invented postcodes (inward letters Royal Mail never issues) say so.
  ASSERT_TRUE(store_->postcodes().upsert({{"L10VV", "E08000012"}}));
  s.postcode = "L1 0VV";
  auto invented = directory_->search_services(s);
  ASSERT_TRUE(invented.has_value());
  EXPECT_EQ(invented->postcode->status, PostcodeStatus::kResolved);
  EXPECT_TRUE(invented->postcode->illustrative);
  s.postcode = "NOT A POSTCODE";
  auto malformed = directory_->search_services(s);
  ASSERT_FALSE(malformed.has_value());
  EXPECT_EQ(field_codes(malformed.error())["postcode"], "malformed");
}

TEST_F(DirectorySearchTest, AServiceViewSaysWhatPeopleNeed) {
  auto view = directory_->view_service("b557d28f-f4c7-4b0b-a461-5828f93b49f5").value();  // Catch22
  EXPECT_EQ(view.organization_name, "Catch22");
  EXPECT_NE(std::find(view.crime_types.begin(), view.crime_types.end(), "Child sexual exploitation"),
            view.crime_types.end());
  EXPECT_NE(std::find(view.areas.begin(), view.areas.end(), "Liverpool"), view.areas.end());
  EXPECT_FALSE(view.phones.empty());
  EXPECT_TRUE(view.illustrative_contact_details);
}

// Views are kept between pages, but never outlive the record they were made from: any change
// to what a view shows, made through this service or in the database by another process, is
// shown the next time.
TEST_F(DirectorySearchTest, AServiceViewFollowsItsRecordWhateverChangedIt) {
  ServiceSearch s;
  s.text = "Catch22";
  auto found = directory_->search_services(s);
  ASSERT_TRUE(found.has_value());
  ASSERT_FALSE(found->page.items.empty());
  ServiceRecord record = found->page.items.front();
  const ServiceView first = directory_->view_of(record);
  EXPECT_EQ(directory_->view_of(record).description, first.description);

  // As another process's import would leave it: the same id, another document.
  auto changed = record;
  const auto at = changed.document.find(first.email);
  ASSERT_FALSE(first.email.empty());
  ASSERT_NE(at, std::string::npos);
  changed.document.replace(at, first.email.size(), "changed@example.invalid");
  EXPECT_EQ(directory_->view_of(changed).email, "changed@example.invalid");
  changed.name = "Renamed invented service";
  EXPECT_EQ(directory_->view_of(changed).name, "Renamed invented service");
  changed.area_codes.clear();
  EXPECT_TRUE(directory_->view_of(changed).areas.empty());
  EXPECT_EQ(directory_->view_of(record).email, first.email);  // and back
}

}  // namespace
}  // namespace vg::app
