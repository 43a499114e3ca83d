// The results list from kept pieces (partials/result_item through ServiceFragments) renders
// exactly what search.mustache's list rendered from every service's template data, hostile text
// included; and a piece is kept while its service reads the same, and made again when not.
#include "http/pages/service_fragments.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/pages/page_data.h"
#include "http/pages/page_renderer.h"
#include "http/pages/service_page_data.h"
#include "http/pages/template_pool.h"

namespace vg::http {
namespace {

namespace fs = std::filesystem;

// search.mustache's results list before the pieces were kept (commit 45f9bd5), verbatim.
const std::string kOldList = R"OLD(      <ul class="app-result-list">
        {{#services}}
        <li class="app-result">
          <h3 class="govuk-heading-m app-result__title"><a class="govuk-link" href="{{href}}">{{name}}</a></h3>
          <p class="govuk-body-s govuk-!-margin-bottom-2">{{organization_name}}</p>
          {{#self_referral}}<p class="govuk-body govuk-!-margin-bottom-2"><strong class="govuk-tag govuk-tag--green">You can refer yourself</strong></p>{{/self_referral}}
          <p class="govuk-body">{{summary}}</p>
          <dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2">
            {{#has_audiences}}
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Who it is for</dt>
              <dd class="govuk-summary-list__value">{{audiences}}</dd>
            </div>
            {{/has_audiences}}
            {{> partials/contact_rows}}
          </dl>
          {{#illustrative}}<p class="govuk-body-s">Contact details are illustrative (demonstration data).</p>{{/illustrative}}
        </li>
        {{/services}}
      </ul>
)OLD";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The list as search.mustache holds it now, from {{#has_results}}'s <ul> to its </ul>.
std::string new_list_source() {
  const auto page = read_text(fs::path(VG_SOURCE_DIR) / "web" / "templates" / "search.mustache");
  const auto from = page.find("      <ul class=\"app-result-list\">\n");
  const auto to = page.find("      </ul>\n", from);
  EXPECT_NE(from, std::string::npos);
  EXPECT_NE(to, std::string::npos);
  return page.substr(from, to + std::string("      </ul>\n").size() - from);
}

// Invented services: every optional field present and absent, and text that must be escaped.
std::vector<app::ServiceView> sample_views() {
  std::vector<app::ServiceView> views;
  app::ServiceView full;
  full.id = "0b7e2c1a-9f3d-4c5e-8a6b-1d2e3f4a5b6c";
  full.name = "Riverside <Invented> Support & \"Advice\"";
  full.organization_name = "Invented Trust 'Ltd'";
  full.description = std::string(300, 'x') + " words <script>alert(1)</script> \u00e9t\u00e9";
  full.url = "https://invented.example/help?a=1&b=<2>";
  full.email = "help@invented.example";
  full.phones = {"0151 496 0000", "07700 900123", "x"};
  full.opening_times = {"Monday to Friday, 9am to 5pm", "Saturday <10am>"};
  full.crime_types = {"Hate crime", "Stalking"};
  full.audiences = {"Children & young people", "Adults"};
  full.kinds_of_help = {"Advocacy"};
  full.areas = {"Liverpool", "Wirral"};
  full.eligibility = "Anyone \"affected\"";
  full.languages = "English, Polish";
  full.self_referral = true;
  full.illustrative_contact_details = true;
  views.push_back(full);
  app::ServiceView bare;
  bare.id = "id with spaces/and?query";
  bare.name = "Bare service";
  views.push_back(bare);
  app::ServiceView hostile = full;
  hostile.id = "2";
  hostile.url = "javascript:alert(1)";
  hostile.email = "a@b.example?bcc=c@d.example";
  hostile.self_referral = false;
  hostile.illustrative_contact_details = false;
  hostile.description = "Short {{name}} text";
  views.push_back(hostile);
  return views;
}

class ServiceFragmentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("vg-fragments-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "static" / "build");
    fs::copy(fs::path(VG_SOURCE_DIR) / "web" / "templates", root_ / "templates",
             fs::copy_options::recursive);
    std::ofstream(root_ / "static" / "build" / "manifest.json")
        << R"({"application.css": "/a.css", "application.js": "/a.js"})";
  }
  void TearDown() override { fs::remove_all(root_); }

  TemplatePool::Sources partials() const {
    TemplatePool::Sources out;
    for (const auto& entry : fs::directory_iterator(root_ / "templates" / "partials")) {
      out.emplace("partials/" + entry.path().stem().string(), read_text(entry.path()));
    }
    return out;
  }

  fs::path root_;
};

TEST_F(ServiceFragmentsTest, ResultListFromPiecesRendersAsTheOldList) {
  PageRenderer renderer(root_.string());
  ASSERT_TRUE(renderer.load());
  auto pool = TemplatePool::create({{"old", kOldList}, {"new", new_list_source()}}, partials());
  ASSERT_TRUE(pool) << pool.error().message;
  const auto views = sample_views();
  // Every order and count a page can show: one service, several, each alone.
  for (std::size_t count = 1; count <= views.size(); ++count) {
    mustache::data old_data;
    mustache::data services{mustache::data::type::list};
    std::string items;
    for (std::size_t i = 0; i < count; ++i) {
      services.push_back(pages::service_data(views[i]));
      std::string html = renderer.render_fragment("partials/result_item", pages::service_data(views[i]));
      ASSERT_EQ(html.back(), '\n');  // kept as rendered: each item ends its own line
      items += html;
    }
    old_data.set("services", services);
    mustache::data new_data;
    new_data.set("result_items", items);
    const auto old_html = (*pool)->render("old", old_data);
    EXPECT_EQ((*pool)->render("new", new_data), old_html) << count << " services";
    EXPECT_EQ(old_html.find("<script>"), std::string::npos);
    EXPECT_EQ(old_html.find("href=\"javascript:"), std::string::npos);  // shown, never linked
  }
}

TEST_F(ServiceFragmentsTest, KeepsAPieceWhileItsKeyIsTheSame) {
  pages::ServiceFragments fragments;
  int renders = 0;
  auto render = [&renders] { return "piece " + std::to_string(++renders); };
  const app::ServiceViewKey key{42, nullptr};
  EXPECT_EQ(*fragments.get("a", key, render), "piece 1");
  EXPECT_EQ(*fragments.get("a", key, render), "piece 1");
  EXPECT_EQ(*fragments.get("b", key, render), "piece 2");
  // The service changed (here or in another process): its key moved on.
  EXPECT_EQ(*fragments.get("a", app::ServiceViewKey{43, nullptr}, render), "piece 3");
  EXPECT_EQ(*fragments.get("a", app::ServiceViewKey{43, nullptr}, render), "piece 3");
  EXPECT_EQ(renders, 3);
}

}  // namespace
}  // namespace vg::http
