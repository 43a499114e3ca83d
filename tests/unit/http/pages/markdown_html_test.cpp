// Markdown to GOV.UK HTML: the Design System's classes on what cmark makes, and nothing an editor
// (or a mistake) writes gets through as markup or a script link.
#include "http/pages/markdown_html.h"

#include <gtest/gtest.h>

#include "app/content/help_library.h"

namespace vg::http::pages {
namespace {

TEST(MarkdownHtml, WritesTheGovukClasses) {
  const std::string html = markdown_html(
      "# Top\n\n## Section\n\nSome *text* and a [link](/help).\n\n- one\n- two\n\n1. first\n\n> inset\n\n---\n");
  EXPECT_NE(html.find("<h2 class=\"govuk-heading-m\">Top</h2>"), std::string::npos) << html;
  EXPECT_NE(html.find("<h2 class=\"govuk-heading-m\">Section</h2>"), std::string::npos) << html;
  EXPECT_NE(html.find("<p class=\"govuk-body\">Some <em>text</em> and a <a class=\"govuk-link\" href=\"/help\">link</a>.</p>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<ul class=\"govuk-list govuk-list--bullet\">"), std::string::npos) << html;
  EXPECT_NE(html.find("<ol class=\"govuk-list govuk-list--number\">"), std::string::npos) << html;
  EXPECT_NE(html.find("<div class=\"govuk-inset-text\">"), std::string::npos) << html;
  EXPECT_NE(html.find("govuk-section-break"), std::string::npos) << html;
}

TEST(MarkdownHtml, RawHtmlAndScriptLinksNeverPassThrough) {
  const std::string html = markdown_html(
      "<script>alert(1)</script>\n\nA <b onclick=\"x\">tag</b> and <p> text.\n\n[x](javascript:alert(1)) "
      "[y](data:text/html,hi) [z](//elsewhere.example/) [ok](https://www.gov.uk/) [t](tel:101)\n");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("onclick"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_EQ(html.find("data:"), std::string::npos) << html;
  EXPECT_EQ(html.find("//elsewhere"), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"https://www.gov.uk/\""), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"tel:101\""), std::string::npos) << html;
}

TEST(MarkdownHtml, EveryShippedPageRendersWithoutRawHtml) {
  auto loaded = app::content::HelpLibrary::from_directory(std::string(VG_SOURCE_DIR) + "/content");
  ASSERT_TRUE(loaded);
  for (const auto& page : loaded->library.pages()) {
    const std::string html = markdown_html(page.markdown);
    EXPECT_FALSE(html.empty()) << page.slug;
    EXPECT_EQ(page.markdown.find("<!--"), std::string::npos) << page.slug;
    EXPECT_EQ(html.find("href=\"#\""), std::string::npos) << page.slug << ": a link the site would not follow";
  }
}

}  // namespace
}  // namespace vg::http::pages
