#include "app/accounts/totp.h"

#include <gtest/gtest.h>

namespace vg::app {
namespace {

// RFC 6238 appendix B, SHA-1 rows: the 20-byte ASCII key "12345678901234567890".
constexpr std::string_view kRfcKey = "12345678901234567890";

struct Vector {
  std::int64_t step;
  const char* eight_digits;
};

constexpr Vector kRfcVectors[] = {
    {0x1, "94287082"},       {0x23523EC, "07081804"}, {0x23523ED, "14050471"},
    {0x273EF07, "89005924"}, {0x3F940AA, "69279037"}, {0x27BC86AA, "65353130"},
};

TEST(Totp, MatchesTheRfc6238Sha1TestVectors) {
  for (const auto& v : kRfcVectors) {
    EXPECT_EQ(totp_code(kRfcKey, v.step, 8), v.eight_digits) << v.step;
    // Six digits are the same code modulo 10^6: the last six.
    EXPECT_EQ(totp_code(kRfcKey, v.step), std::string(v.eight_digits).substr(2)) << v.step;
  }
}

TEST(Totp, FindsTheStepACodeWasForWithinTheRangeOnly) {
  const std::string code = totp_code(kRfcKey, 0x23523ED);
  EXPECT_EQ(totp_matching_step(kRfcKey, code, 0x23523EC, 0x23523EE), 0x23523ED);
  EXPECT_EQ(
      totp_matching_step(kRfcKey, code.substr(0, 3) + " " + code.substr(3), 0x23523EC, 0x23523EE),
      0x23523ED)
      << "typed as the app shows it";
  EXPECT_EQ(totp_matching_step(kRfcKey, code, 0x23523EE, 0x23523F0), std::nullopt);
  EXPECT_EQ(totp_matching_step(kRfcKey, "", 0, 5), std::nullopt);
}

TEST(Totp, Base32RoundTripsAndIgnoresCaseAndSpaces) {
  EXPECT_EQ(base32_encode(kRfcKey), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(base32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"), std::string(kRfcKey));
  EXPECT_EQ(base32_decode("not base32!"), std::nullopt);
}

TEST(Totp, NewSecretsAreTwentyRandomBytesInBase32) {
  const std::string a = new_totp_secret();
  const std::string b = new_totp_secret();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  ASSERT_TRUE(base32_decode(a));
  EXPECT_EQ(base32_decode(a)->size(), kTotpSecretBytes);
}

TEST(Totp, TheSetupUriIsWhatAuthenticatorAppsRead) {
  EXPECT_EQ(otpauth_uri("Victim Gateway", "casey@example.org", "GEZDGNBV"),
            "otpauth://totp/Victim%20Gateway:casey%40example.org?secret=GEZDGNBV"
            "&issuer=Victim%20Gateway&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(base32_groups("GEZDGNBVGY"), "GEZD GNBV GY");
}

}  // namespace
}  // namespace vg::app
