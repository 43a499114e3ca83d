// Invented referrals for demonstrations and benchmarks: a plausible mix of channels, offence
// types, flags, ages and local authorities for an area, the same for the same seed. Every
// person is made up ("Demo" surnames, drama-range phone numbers); none is real.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "app/intake/area_pack.h"

namespace vg::app {

class ReferralGenerator {
 public:
  ReferralGenerator(const AreaPack& pack, std::vector<std::string> local_authorities,
                    std::string police_force_code, std::uint64_t seed);

  // The next referral in the API's JSON shape. `police_only` for bulk feeds.
  boost::json::object next(bool police_only = false);

 private:
  const AreaPack& pack_;
  std::vector<std::string> local_authorities_;
  std::string force_;
  std::mt19937_64 rng_;
  std::uint64_t seed_;
  std::uint64_t count_ = 0;
};

// The same referral as one CSV row of the bulk feed, and the header it goes under.
std::string referral_feed_header();
std::string referral_feed_row(const boost::json::object& referral);

}  // namespace vg::app
