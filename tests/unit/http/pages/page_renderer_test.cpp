// Rendering: the shared layout, titles, error summaries, and escaping of hostile text.
#include "http/pages/page_renderer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "http/pages/page_data.h"
#include "http/pages/template_pool.h"

namespace vg::http {
namespace {

namespace fs = std::filesystem;

// A web root with the real templates and a small manifest, so tests need no asset build.
class PageRendererTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("vg-pages-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "static" / "build");
    fs::copy(fs::path(VG_SOURCE_DIR) / "web" / "templates", root_ / "templates",
             fs::copy_options::recursive);
    std::ofstream(root_ / "static" / "build" / "manifest.json")
        << R"({"application.css": "/assets/application-0123abcd.css",
               "application.js": "/assets/application-4567ef01.js",
               "images/favicon.svg": "/assets/favicon-89abcdef.svg"})";
  }
  void TearDown() override { fs::remove_all(root_); }

  PageRenderer loaded() {
    PageRenderer renderer(root_.string());
    auto ok = renderer.load();
    EXPECT_TRUE(ok) << (ok ? "" : ok.error().message);
    return renderer;
  }

  static pages::FormFields none() { return {}; }

  fs::path root_;
};

mustache::data message_page(std::string heading, std::string message) {
  auto page = pages::public_page(heading);
  page.set("heading", std::move(heading));
  page.set("message", std::move(message));
  return page;
}

TEST_F(PageRendererTest, LoadsEveryRealTemplate) {
  PageRenderer renderer(root_.string());
  auto ok = renderer.load();
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(renderer.asset_url("application.css"), "/assets/application-0123abcd.css");
  EXPECT_EQ(renderer.asset_url("nothing.css"), "");
}

TEST_F(PageRendererTest, LoadFailsWhenAssetsWereNeverBuilt) {
  fs::remove(root_ / "static" / "build" / "manifest.json");
  PageRenderer renderer(root_.string());
  auto ok = renderer.load();
  ASSERT_FALSE(ok);
  EXPECT_NE(ok.error().message.find("npm run build:web"), std::string::npos);
}

TEST_F(PageRendererTest, LoadFailsOnABrokenTemplate) {
  std::ofstream(root_ / "templates" / "broken.mustache") << "{{#open}} never closed";
  PageRenderer renderer(root_.string());
  EXPECT_FALSE(renderer.load());
}

TEST_F(PageRendererTest, PublicPageHasSkipLinkExitThisPageAndHashedAssets) {
  auto html = loaded().render("message", message_page("Page not found", "Check the address."));
  EXPECT_NE(html.find(R"(<a href="#main-content" class="govuk-skip-link")"), std::string::npos);
  EXPECT_NE(html.find(R"(id="main-content")"), std::string::npos);
  EXPECT_NE(html.find(R"(data-module="govuk-exit-this-page")"), std::string::npos);
  EXPECT_NE(html.find(R"(href="/refer/exit")"), std::string::npos);
  EXPECT_NE(html.find("govuk-phase-banner"), std::string::npos);
  EXPECT_NE(html.find("Open Government Licence v3.0"), std::string::npos);
  EXPECT_NE(html.find(R"(href="/accessibility")"), std::string::npos);
  EXPECT_NE(html.find(R"(href="/privacy")"), std::string::npos);
  EXPECT_NE(html.find(R"(href="/assets/application-0123abcd.css")"), std::string::npos);
  EXPECT_NE(html.find(R"(<script type="module" src="/assets/application-4567ef01.js">)"),
            std::string::npos);
  EXPECT_NE(html.find("<title>Page not found \u2013 Find support after a crime</title>"),
            std::string::npos);
  // Nothing of the template language leaks into the page.
  EXPECT_EQ(html.find("}}"), std::string::npos);
  EXPECT_EQ(html.find("{{"), std::string::npos);
}

TEST_F(PageRendererTest, NoInlineScriptAnywhere) {
  auto html = loaded().render("start", pages::public_page("Find support after a crime"));
  size_t pos = 0;
  int scripts = 0;
  while ((pos = html.find("<script", pos)) != std::string::npos) {
    auto end = html.find('>', pos);
    EXPECT_NE(html.substr(pos, end - pos).find(" src="), std::string::npos) << "inline script";
    ++scripts;
    pos = end;
  }
  EXPECT_EQ(scripts, 1);
}

TEST_F(PageRendererTest, StaffPageUsesMojHeaderAndNoExitThisPage) {
  app::CurrentUser user;
  user.user.display_name = "Alex Admin";
  user.user.role = accounts::Role::kAdministrator;
  user.csrf_token = "token-123";
  auto page = pages::staff_page("Directory", "Directory admin", user);
  pages::set_sub_navigation(page, {{"Directory", "/admin"}, {"Your account", "/staff"}}, "/admin");
  page.set("heading", "Directory");
  page.set("message", "Hello");
  auto html = loaded().render("message", std::move(page));
  EXPECT_NE(html.find("moj-header"), std::string::npos);
  EXPECT_NE(html.find("moj-sub-navigation"), std::string::npos);
  EXPECT_NE(html.find(R"(href="/admin" aria-current="page")"), std::string::npos);
  EXPECT_EQ(html.find("govuk-exit-this-page"), std::string::npos);
  EXPECT_NE(html.find(R"(name="csrf_token" value="token-123")"), std::string::npos);
  EXPECT_NE(html.find("<title>Directory \u2013 Directory admin \u2013 Victim Gateway</title>"),
            std::string::npos);
}

TEST_F(PageRendererTest, FormErrorsPrefixTitleAndLinkSummaryToFields) {
  auto page = pages::public_page("Sign in", "Staff");
  page.set("csrf_token", "t");
  page.set("email", "someone@example.org");
  pages::add_field_errors(page, {{"email", "unauthorized", "Enter a correct email address and password"},
                                 {"email", "other", "A second error for the same field"}});
  auto html = loaded().render("sign_in", std::move(page));
  EXPECT_NE(html.find("<title>Error: Sign in \u2013 Staff \u2013 Find support after a crime</title>"),
            std::string::npos);
  EXPECT_NE(html.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(html.find(R"(<a href="#email">Enter a correct email address and password</a>)"),
            std::string::npos);
  EXPECT_NE(html.find(R"(id="email-error")"), std::string::npos);
  EXPECT_NE(html.find("govuk-input--error"), std::string::npos);
  // One message per field.
  EXPECT_EQ(html.find("A second error"), std::string::npos);
  // What they typed is kept.
  EXPECT_NE(html.find(R"(value="someone@example.org")"), std::string::npos);
}

TEST_F(PageRendererTest, NoErrorPrefixWithoutErrors) {
  auto page = pages::public_page("Sign in", "Staff");
  auto html = loaded().render("sign_in", std::move(page));
  EXPECT_EQ(html.find("Error:"), std::string::npos);
  EXPECT_EQ(html.find("govuk-error-summary"), std::string::npos);
}

TEST_F(PageRendererTest, HostileTextIsEscaped) {
  const std::string hostile = R"(<script>alert("x")</script><img src=x onerror='y'> & {{title}})";
  auto html = loaded().render("message", message_page(hostile, hostile));
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("onerror=&apos;y&apos;"), std::string::npos);
  // Data is never parsed as a template.
  EXPECT_NE(html.find("&amp; {{title}}"), std::string::npos);
}

TEST_F(PageRendererTest, ServicePageNeverLinksToUnsafeUrls) {
  auto page = pages::public_page("A service", "Services");
  mustache::data service;
  service.set("name", "<b>Evil</b> service");
  service.set("organization_name", "Org");
  service.set("description", "Help");
  service.set("has_website", true);
  service.set("website", "javascript:alert(1)");
  service.set("has_website_href", !pages::safe_web_url("javascript:alert(1)").empty());
  service.set("website_href", pages::safe_web_url("javascript:alert(1)"));
  service.set("has_contact", true);
  service.set("has_phones", false);
  service.set("has_email", false);
  service.set("has_opening_times", false);
  page.set("service", service);
  auto html = loaded().render("service", std::move(page));
  EXPECT_EQ(html.find("href=\"javascript:"), std::string::npos);
  EXPECT_NE(html.find("javascript:alert(1)"), std::string::npos);  // shown as text
  EXPECT_NE(html.find("&lt;b&gt;Evil&lt;/b&gt; service"), std::string::npos);
}

TEST(PageTitle, FollowsGovukPattern) {
  EXPECT_EQ(PageRenderer::page_title("Results", "Search", "Service", false),
            "Results \u2013 Search \u2013 Service");
  EXPECT_EQ(PageRenderer::page_title("Results", "", "Service", true),
            "Error: Results \u2013 Service");
  EXPECT_EQ(PageRenderer::page_title("Service", "", "Service", false), "Service");
  EXPECT_EQ(PageRenderer::page_title("Results", "Service", "Service", false), "Results \u2013 Service");
}

TEST(LinkTargets, OnlySafeSchemesBecomeLinks) {
  EXPECT_EQ(pages::safe_web_url("https://www.example.org/help"), "https://www.example.org/help");
  EXPECT_EQ(pages::safe_web_url("  http://example.org  "), "http://example.org");
  EXPECT_EQ(pages::safe_web_url("javascript:alert(1)"), "");
  EXPECT_EQ(pages::safe_web_url("JaVaScRiPt:alert(1)"), "");
  EXPECT_EQ(pages::safe_web_url("data:text/html,<b>x</b>"), "");
  EXPECT_EQ(pages::safe_web_url("https:///nohost"), "");
  EXPECT_EQ(pages::safe_web_url("https://exa mple.org"), "");
  EXPECT_EQ(pages::tel_href("0151 123 4567"), "tel:01511234567");
  EXPECT_EQ(pages::tel_href("+44 (0)151 123"), "tel:+440151123");
  EXPECT_EQ(pages::tel_href("call us"), "");
  EXPECT_EQ(pages::mailto_href("help@example.org"), "mailto:help@example.org");
  EXPECT_EQ(pages::mailto_href("a@b.org?bcc=c@d.org"), "");
  EXPECT_EQ(pages::mailto_href("not an email"), "");
}

TEST(UrlEncode, KeepsUnreservedAndEncodesTheRest) {
  EXPECT_EQ(pages::url_encode("L1 8JQ"), "L1%208JQ");
  EXPECT_EQ(pages::url_encode("a&b=c/d?\"<"), "a%26b%3Dc%2Fd%3F%22%3C");
  EXPECT_EQ(pages::url_encode("crime:domestic_abuse-1.~"), "crime%3Adomestic_abuse-1.~");
}

// A public page's layout is kept per title and Back link: what it renders is what rendering the
// whole layout around the content gives, for each page, however many times, hostile text too.
TEST_F(PageRendererTest, KeptPublicFrameRendersAsTheWholeLayout) {
  auto renderer = loaded();
  TemplatePool::Sources templates, partials;
  for (const auto& entry : fs::directory_iterator(root_ / "templates")) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    templates.emplace(entry.path().stem().string(), std::string(std::istreambuf_iterator<char>(in), {}));
  }
  for (const auto& entry : fs::directory_iterator(root_ / "templates" / "partials")) {
    std::ifstream in(entry.path());
    partials.emplace("partials/" + entry.path().stem().string(),
                     std::string(std::istreambuf_iterator<char>(in), {}));
  }
  auto pool = TemplatePool::create(templates, partials);
  ASSERT_TRUE(pool);
  // What render() gave before frames were kept: the layout rendered whole around the content.
  auto whole = [&](mustache::data data) {
    data.set("service_name", std::string(kPublicServiceName));
    const auto* page_title = data.get("page_title");
    const auto* errors = data.get("has_errors");
    data.set("title", PageRenderer::page_title(page_title->string_value(), "", kPublicServiceName,
                                               errors != nullptr && errors->is_true()));
    mustache::data assets;
    assets.set("css", renderer.asset_url("application.css"));
    assets.set("js", renderer.asset_url("application.js"));
    assets.set("favicon", renderer.asset_url("images/favicon.svg"));
    data.set("assets", assets);
    data.set("content", (*pool)->render("message", data));
    return (*pool)->render("layout", data);
  };
  const std::string hostile = "<!--vg-content--> <script>alert('x')</script> & \"quotes\"";
  for (int round = 0; round < 2; ++round) {
    for (const auto& heading : {std::string("Page not found"), hostile}) {
      auto page = message_page(heading, "Text " + heading);
      EXPECT_EQ(renderer.render("message", page), whole(page)) << heading;
      page.set("back_href", "/find-support?keywords=" + heading);
      EXPECT_EQ(renderer.render("message", page), whole(page)) << heading << " with Back";
      page.set("has_errors", true);
      EXPECT_EQ(renderer.render("message", page), whole(page)) << heading << " with errors";
    }
  }
}

}  // namespace
}  // namespace vg::http
