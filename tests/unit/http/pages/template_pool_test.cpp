// Templates parsed once with their partials written in: the same output as the library gives
// when it looks partials up at render time, including a partial that uses itself.
#include "http/pages/template_pool.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <thread>

namespace vg::http {
namespace {

namespace mustache = kainjow::mustache;

const TemplatePool::Sources kPartials = {
    {"partials/greeting", "<p>Hello {{name}}</p>{{> partials/signature}}"},
    {"partials/signature", "<small>{{team}}</small>"},
    // A field whose revealed fields are fields.
    {"partials/field", "<li>{{label}}{{#children}}<ul>{{> partials/field}}</ul>{{/children}}</li>"},
};

std::shared_ptr<const TemplatePool> pool_of(TemplatePool::Sources templates) {
  auto pool = TemplatePool::create(templates, kPartials);
  EXPECT_TRUE(pool.has_value()) << (pool ? "" : pool.error().message);
  return pool ? *pool : nullptr;
}

// What the library itself renders, given the partials in the data.
std::string library_render(const std::string& source, mustache::data data) {
  for (const auto& [name, text] : kPartials) data.set(name, text);
  mustache::mustache tmpl(source);
  return tmpl.render(data);
}

TEST(TemplatePool, PartialsWrittenInRenderAsTheLibraryWould) {
  const std::string page = "<main>{{#people}}{{> partials/greeting}}{{/people}}</main>";
  auto pool = pool_of({{"page", page}});
  ASSERT_TRUE(pool);
  mustache::data people{mustache::data::type::list};
  for (const char* name : {"Ada Inventedname", "<script>"}) {
    mustache::data person;
    person.set("name", name);
    people.push_back(person);
  }
  mustache::data data;
  data.set("people", people);
  data.set("team", "Invented team");
  const std::string expected = library_render(page, data);
  EXPECT_EQ(pool->render("page", data), expected);
  EXPECT_NE(expected.find("&lt;script&gt;"), std::string::npos);  // escaped, as before
  EXPECT_EQ(expected.find("{{"), std::string::npos);
}

TEST(TemplatePool, APartialThatUsesItselfRendersEveryLevel) {
  const std::string page = "<ul>{{#fields}}{{> partials/field}}{{/fields}}</ul>";
  auto pool = pool_of({{"form", page}});
  ASSERT_TRUE(pool);
  mustache::data leaf;
  leaf.set("label", "Leaf");
  // Set, even empty: Mustache would otherwise find the enclosing field's children, for ever.
  leaf.set("children", mustache::data{mustache::data::type::list});
  mustache::data leaves{mustache::data::type::list};
  leaves.push_back(leaf);
  mustache::data middle;
  middle.set("label", "Middle");
  middle.set("children", leaves);
  mustache::data middles{mustache::data::type::list};
  middles.push_back(middle);
  mustache::data top;
  top.set("label", "Top");
  top.set("children", middles);
  mustache::data fields{mustache::data::type::list};
  fields.push_back(top);
  mustache::data data;
  data.set("fields", fields);
  EXPECT_EQ(pool->render("form", data),
            "<ul><li>Top<ul><li>Middle<ul><li>Leaf</li></ul></li></ul></li></ul>");
  // A partial rendered on its own, as a fragment.
  mustache::data one;
  one.set("label", "Alone");
  one.set("children", mustache::data{mustache::data::type::list});
  EXPECT_EQ(pool->render("partials/field", one), "<li>Alone</li>");
}

TEST(TemplatePool, AMissingPartialOrABrokenTemplateStopsCreationNamingTheFile) {
  auto missing = TemplatePool::create({{"page", "{{> partials/nowhere}}"}}, kPartials);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message, "page.mustache: no partial partials/nowhere");
  auto broken = TemplatePool::create({{"page", "{{#open}}never closed"}}, kPartials);
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().message.rfind("page.mustache: ", 0), 0u) << broken.error().message;
}

TEST(TemplatePool, AnUnknownTemplateIsAProgrammerError) {
  auto pool = pool_of({{"page", "x"}});
  ASSERT_TRUE(pool);
  mustache::data data;
  EXPECT_THROW(pool->render("other", data), std::logic_error);
}

// Threads rendering one template at once each get a parsed copy of their own.
TEST(TemplatePool, ThreadsRenderingAtOnceGetTheirOwnAnswers) {
  auto pool = pool_of({{"page", "{{#people}}{{> partials/greeting}}{{/people}}"}});
  ASSERT_TRUE(pool);
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        mustache::data person;
        // fmt, not a `"…" + std::to_string()` chain: g++ 12 at -O3 reports a false -Wrestrict
        // on that (GCC bug 105329), and the Release build treats warnings as errors.
        person.set("name", fmt::format("Person {}-{}", t, i));
        mustache::data people{mustache::data::type::list};
        people.push_back(person);
        mustache::data data;
        data.set("people", people);
        data.set("team", fmt::format("T{}", t));
        const std::string expected = fmt::format("<p>Hello Person {}-{}</p><small>T{}</small>", t, i, t);
        if (pool->render("page", data) != expected) ++wrong[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace vg::http
