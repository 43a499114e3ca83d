// Person match keys: the normalised forms two spellings of one person share, and the keys too
// loose to link people on. Every person here is invented.
#include "domain/casework/person_keys.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

using std::chrono::year;

intake::Referral person(std::string name, std::optional<intake::Date> born, std::string phone) {
  intake::Referral r;
  r.victim_type = intake::VictimType::kPerson;
  r.person.name = std::move(name);
  r.person.date_of_birth = born;
  r.person.phone = std::move(phone);
  return r;
}

TEST(PersonKeys, NameWithDateOfBirthAndPhoneAreKeys) {
  auto keys = person_match_keys(person("Ann Example", year{1990} / 1 / 2, "0151 496 0000"));
  EXPECT_EQ(keys, (std::vector<std::string>{"person:ann example|1990-01-02", "phone:01514960000"}));
}

TEST(PersonKeys, TwoSpellingsOfOnePersonGiveTheSameKeys) {
  EXPECT_EQ(person_match_keys(person("  ANN   example ", year{1990} / 1 / 2, "0151-496-0000")),
            person_match_keys(person("Ann Example", year{1990} / 1 / 2, "+44 151 496 0000")));
  EXPECT_EQ(person_match_keys(person("ann example", year{1990} / 1 / 2, "+44 151 496 0000")),
            person_match_keys(person("Ann  Example", year{1990} / 1 / 2, "01514960000")));
}

TEST(PersonKeys, ANameAloneOrAShortNumberIsNoKey) {
  EXPECT_TRUE(person_match_keys(person("Ann Example", std::nullopt, "")).empty());
  EXPECT_TRUE(person_match_keys(person("", year{1990} / 1 / 2, "101")).empty());
  EXPECT_TRUE(person_match_keys(person("Ann Example", std::nullopt, "496 0000")).empty());
}

TEST(PersonKeys, ABusinessIsKeyedByItsNameAndItsContactsPhoneNeverAsAPerson) {
  intake::Referral shop;
  shop.victim_type = intake::VictimType::kBusiness;
  shop.business.name = "Invented  Corner Shop";
  shop.business.contact_phone = "0151 496 0000";
  shop.person.name = "Ann Example";  // ignored for a business
  shop.person.date_of_birth = year{1990} / 1 / 2;
  EXPECT_EQ(person_match_keys(shop),
            (std::vector<std::string>{"business:invented corner shop", "phone:01514960000"}));
}

TEST(PersonKeys, NumbersAreReadAsDialledAtHome) {
  EXPECT_EQ(dialled_number("+44 7700 900123"), "07700900123");
  EXPECT_EQ(dialled_number("07700 900123"), "07700900123");
  EXPECT_EQ(dialled_number("4477 00900123"), "447700900123");  // no +: not read as a country code
}

}  // namespace
}  // namespace vg::casework
