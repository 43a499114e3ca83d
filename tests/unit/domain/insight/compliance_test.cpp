#include "domain/insight/compliance.h"

#include <gtest/gtest.h>

namespace vg::insight {
namespace {

using namespace std::chrono;

const MonthPeriod kQ1{year{2026} / January, year{2026} / March};
const MonthPeriod kQ4{year{2025} / October, year{2025} / December};

FactGroup group(std::string service, bool enhanced = false) {
  FactGroup g;
  g.service_id = std::move(service);
  g.funding_stream = "victims_grant";
  g.enhanced = enhanced;
  return g;
}

// A small fixed data set, each figure worked out by hand in the comments.
std::vector<FactGroup> this_quarter() {
  auto alpha_basic = group("svc-a");
  alpha_basic.first_contact = {12, 4};
  alpha_basic.needs_assessment = {20, 3};
  alpha_basic.police_referral = {12, 8};
  auto alpha_enhanced = group("svc-a", true);
  alpha_enhanced.first_contact = {6, 2};  // Alpha: 18 met, 6 breached in all
  auto beta = group("svc-b");
  beta.first_contact = {9, 7};
  beta.needs_assessment = {12, 8};
  return {alpha_basic, alpha_enhanced, beta};
}

std::vector<FactGroup> last_quarter() {
  auto alpha = group("svc-a");
  alpha.first_contact = {10, 10};
  alpha.police_referral = {4, 1};
  auto beta = group("svc-b");
  beta.first_contact = {5, 5};
  return {alpha, beta};
}

ComplianceReport report() {
  return compliance_report("invented-area", kQ1, this_quarter(), kQ4, last_quarter(),
                           {{"svc-a", "Alpha"}, {"svc-b", "Beta"}});
}

const EntitlementCompliance& entitlement(const ComplianceReport& r, const std::string& code) {
  for (const auto& e : r.entitlements) {
    if (e.code == code) return e;
  }
  throw std::runtime_error("no " + code);
}

FactGroup in_stream(std::string service, std::string stream, MetCount first_contact) {
  auto g = group(std::move(service));
  g.funding_stream = std::move(stream);
  g.first_contact = first_contact;
  return g;
}

TEST(ComplianceReport, AllServicesByFundingStreamInTheStreamsOrder) {
  // Alpha 20 met, 6 breached and Beta 10 and 6 of the grant; Beta 8 and 4 of ASB support.
  const auto r = compliance_report("invented-area", kQ1,
                                   {in_stream("svc-a", "victims_grant", {20, 6}), in_stream("svc-b", "victims_grant", {10, 6}),
                                    in_stream("svc-b", "asb_support", {8, 4})},
                                   kQ4, {}, {{"svc-a", "Alpha"}, {"svc-b", "Beta"}});
  const auto& e = r.entitlements[1];
  ASSERT_EQ(e.code, "first_contact");
  ASSERT_EQ(e.streams.size(), 2u);
  EXPECT_EQ(e.streams[0].funding_stream, "victims_grant");
  EXPECT_EQ(e.streams[0].funding_stream_label, "Victims' grant (Ministry of Justice)");
  EXPECT_EQ(e.streams[0].service_id, "");
  EXPECT_EQ(e.streams[1].funding_stream, "asb_support");
  // ASB support's 4 breached is small: its 8 met is hidden beside it, then the grant's 12
  // breached (16 - 4) and 30 met (38 - 8). Every total stays: 42, 12, 38, 16, 54.
  EXPECT_EQ(e.streams[1].current.breached.state, CellState::kSmall);
  EXPECT_EQ(e.streams[1].current.met.state, CellState::kHidden);
  EXPECT_EQ(e.streams[0].current.breached.state, CellState::kHidden);
  EXPECT_EQ(e.streams[0].current.met.state, CellState::kHidden);
  EXPECT_EQ(e.streams[0].current.evidenced.value, 42);
  EXPECT_TRUE(e.streams[0].current.evidenced.shown());
  EXPECT_FALSE(e.streams[0].current.percent_met.has_value()) << "met not shown";
  EXPECT_EQ(e.all.current.met.value, 38);
  EXPECT_TRUE(e.all.current.met.shown());
  EXPECT_TRUE(e.all.current.breached.shown());
  EXPECT_EQ(e.streams[0].previous.evidenced.state, CellState::kSmall) << "none the quarter before";
}

TEST(ComplianceReport, AnAllServicesFigureTheStreamsMustHideIsHiddenByServiceToo) {
  // By stream, breached is the grant's 4 (Alpha 4, Beta 0) and ASB support's 4 (Gamma): two small
  // counts at their most, so their 8 is hidden, and with it the 45 met (53 - 8). By service
  // alone the 8 would be shown (4, 0 and 4 could be 4, 3 and 1); here it is hidden as well.
  const std::vector<FactGroup> groups = {in_stream("svc-a", "victims_grant", {20, 4}),
                                         in_stream("svc-b", "victims_grant", {15, 0}),
                                         in_stream("svc-c", "asb_support", {10, 4})};
  const auto r = compliance_report("invented-area", kQ1, groups, kQ4, {}, {});
  const auto& e = r.entitlements[1];
  EXPECT_EQ(e.all.current.breached.value, 8);
  EXPECT_EQ(e.all.current.breached.state, CellState::kHidden);
  EXPECT_EQ(e.all.current.met.state, CellState::kHidden);
  EXPECT_EQ(e.all.current.evidenced.value, 53);
  EXPECT_TRUE(e.all.current.evidenced.shown());
  for (const auto& line : e.services) EXPECT_FALSE(line.current.met.shown()) << line.service_id;
}

TEST(ComplianceReport, EveryEntitlementInOrder) {
  const auto r = report();
  ASSERT_EQ(r.entitlements.size(), kEntitlementCodes.size());
  for (std::size_t i = 0; i < kEntitlementCodes.size(); ++i) EXPECT_EQ(r.entitlements[i].code, kEntitlementCodes[i]);
  EXPECT_EQ(r.previous, kQ4);
}

TEST(ComplianceReport, FirstContactByServiceComparedWithThePeriodBefore) {
  const auto& e = entitlement(report(), "first_contact");
  EXPECT_TRUE(e.recorded);
  ASSERT_EQ(e.services.size(), 2u);
  const auto& alpha = e.services[0];
  EXPECT_EQ(alpha.service, "Alpha");
  EXPECT_EQ(alpha.current.met.value, 18);
  EXPECT_EQ(alpha.current.breached.value, 6);
  EXPECT_EQ(alpha.current.evidenced.value, 24);
  EXPECT_TRUE(alpha.current.met.shown() && alpha.current.breached.shown() && alpha.current.evidenced.shown());
  EXPECT_DOUBLE_EQ(*alpha.current.percent_met, 75.0);     // 18 / 24
  EXPECT_DOUBLE_EQ(*alpha.previous.percent_met, 50.0);    // 10 / 20
  EXPECT_DOUBLE_EQ(*alpha.change_points, 25.0);
  EXPECT_DOUBLE_EQ(*e.services[1].current.percent_met, 56.25);  // Beta 9 / 16
  // All services: 27 met of 40 (67.5%) against 15 of 30 (50%).
  EXPECT_EQ(e.all.current.met.value, 27);
  EXPECT_EQ(e.all.current.breached.value, 13);
  EXPECT_EQ(e.all.current.evidenced.value, 40);
  EXPECT_DOUBLE_EQ(*e.all.current.percent_met, 67.5);
  EXPECT_DOUBLE_EQ(*e.all.previous.percent_met, 50.0);
  EXPECT_DOUBLE_EQ(*e.all.change_points, 17.5);
}

TEST(ComplianceReport, ASmallBreachIsSuppressedWithEnoughElseThatNoTotalTellsIt) {
  const auto& e = entitlement(report(), "needs_assessment");
  ASSERT_EQ(e.services.size(), 2u);
  const auto& alpha = e.services[0];
  const auto& beta = e.services[1];
  EXPECT_EQ(alpha.current.breached.state, CellState::kSmall);    // 3
  EXPECT_EQ(alpha.current.met.state, CellState::kHidden) << "else 23 - 20 tells the 3";
  EXPECT_EQ(beta.current.breached.state, CellState::kHidden) << "else 11 - 8 tells it";
  EXPECT_EQ(beta.current.met.state, CellState::kHidden) << "else 32 - 12 tells Alpha's met";
  EXPECT_FALSE(alpha.current.percent_met.has_value());
  EXPECT_FALSE(beta.current.percent_met.has_value());
  EXPECT_EQ(alpha.current.evidenced.value, 23);
  EXPECT_TRUE(alpha.current.evidenced.shown());
  EXPECT_TRUE(beta.current.evidenced.shown());
  // The all-services line stays: 32 met of 43.
  EXPECT_EQ(e.all.current.met.value, 32);
  EXPECT_TRUE(e.all.current.met.shown());
  EXPECT_EQ(e.all.current.breached.value, 11);
  EXPECT_NEAR(*e.all.current.percent_met, 74.42, 0.01);
  // Nothing before: every previous figure is small, no share and no change.
  EXPECT_EQ(e.all.previous.evidenced.state, CellState::kSmall);
  EXPECT_FALSE(e.all.previous.percent_met.has_value());
  EXPECT_FALSE(e.all.change_points.has_value());
}

TEST(ComplianceReport, APeriodOfSmallCountsShowsOnlyItsTotal) {
  const auto& e = entitlement(report(), "police_referral");
  ASSERT_EQ(e.services.size(), 1u);
  EXPECT_DOUBLE_EQ(*e.all.current.percent_met, 60.0);  // 12 of 20
  EXPECT_EQ(e.all.previous.met.state, CellState::kSmall);       // 4
  EXPECT_EQ(e.all.previous.breached.state, CellState::kSmall);  // 1
  EXPECT_EQ(e.all.previous.evidenced.value, 5);
  EXPECT_TRUE(e.all.previous.evidenced.shown());
  EXPECT_FALSE(e.all.change_points.has_value());
}

TEST(ComplianceReport, EnhancedRightsCountOnlyEnhancedVictimsFirstContact) {
  const auto& e = entitlement(report(), "enhanced_rights");
  ASSERT_EQ(e.services.size(), 1u);
  EXPECT_EQ(e.services[0].service, "Alpha");
  EXPECT_EQ(e.all.current.evidenced.value, 8);  // 6 met, 2 breached
  EXPECT_TRUE(e.all.current.evidenced.shown());
  EXPECT_EQ(e.all.current.breached.state, CellState::kSmall);
  EXPECT_EQ(e.all.current.met.state, CellState::kHidden) << "else 8 - 6 tells the 2";
}

TEST(ComplianceReport, NothingEvidencedIsNotRecordedRatherThanNoneMet) {
  const auto& e = entitlement(report(), "restorative_justice");
  EXPECT_FALSE(e.recorded);
  EXPECT_TRUE(e.services.empty());
  EXPECT_FALSE(e.all.current.percent_met.has_value());
  EXPECT_FALSE(e.all.current.met.shown());
}

TEST(ComplianceReport, AReferralGivenNoServiceHasItsOwnLine) {
  auto g = group("");
  g.first_contact = {7, 7};
  const auto r = compliance_report("invented-area", kQ1, {g}, kQ4, {}, {});
  const auto& e = entitlement(r, "first_contact");
  ASSERT_EQ(e.services.size(), 1u);
  EXPECT_EQ(e.services[0].service, "No service (signposted or waiting)");
  EXPECT_DOUBLE_EQ(*e.all.current.percent_met, 50.0);
}

}  // namespace
}  // namespace vg::insight
