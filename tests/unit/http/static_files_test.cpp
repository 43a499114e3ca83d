#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http/gzip.h"

namespace vg::http {
namespace {

namespace fs = std::filesystem;

// A throwaway web root with a build the way web/build.mjs writes it.
class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("vg-static-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "static/build/assets/fonts");
    css_.assign(5000, 'a');
    css_ = "body{color:#0b0c0c}" + css_;
    write("static/build/assets/application-3f2a9c1b.css", css_);
    write("static/build/assets/fonts/arial-0011aabb.woff2", std::string("wOF2\0\0", 6));
    write("static/build/assets/notes.txt", "plain");
    write("static/build/manifest.json",
          R"({"application.css":"/assets/application-3f2a9c1b.css"})");
    write("static/robots.txt", "User-agent: *\nDisallow: /admin\n");
    write("secret.txt", "do not serve");
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const std::string& rel, const std::string& body) {
    std::ofstream(root_ / rel, std::ios::binary) << body;
  }

  Request get(std::string path) {
    Request r;
    r.method = "GET";
    r.path = std::move(path);
    return r;
  }

  fs::path root_;
  std::string css_;
};

TEST_F(StaticFilesTest, ServesHashedAssetsWithLongCachingAndETag) {
  StaticFiles files;
  ASSERT_TRUE(files.load(root_.string()));
  auto r = files.serve(get("/assets/application-3f2a9c1b.css"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(r.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(r.body, css_);
  auto etag = r.header("ETag");
  ASSERT_TRUE(etag);
  EXPECT_TRUE(etag->starts_with("\"") && etag->ends_with("\""));
}

TEST_F(StaticFilesTest, ServesPrecompressedGzipWhenAccepted) {
  StaticFiles files;
  ASSERT_TRUE(files.load(root_.string()));
  auto req = get("/assets/application-3f2a9c1b.css");
  req.headers["accept-encoding"] = "gzip";
  auto r = files.serve(req);
  EXPECT_EQ(r.header("Content-Encoding"), "gzip");
  EXPECT_EQ(r.header("Vary"), "Accept-Encoding");
  EXPECT_EQ(gunzip(r.body), css_);
}

TEST_F(StaticFilesTest, AnswersNotModifiedForAMatchingETag) {
  StaticFiles files;
  ASSERT_TRUE(files.load(root_.string()));
  auto etag = *files.serve(get("/assets/application-3f2a9c1b.css")).header("ETag");
  auto req = get("/assets/application-3f2a9c1b.css");
  req.headers["if-none-match"] = "\"other\", " + etag;
  auto r = files.serve(req);
  EXPECT_EQ(r.status, 304);
  EXPECT_TRUE(r.body.empty());
}

TEST_F(StaticFilesTest, ContentTypesBySuffixAndSubdirectories) {
  StaticFiles files;
  ASSERT_TRUE(files.load(root_.string()));
  auto font = files.serve(get("/assets/fonts/arial-0011aabb.woff2"));
  EXPECT_EQ(font.status, 200);
  EXPECT_EQ(font.content_type, "font/woff2");
  EXPECT_EQ(font.header("Cache-Control"), "public, max-age=31536000, immutable");
  auto txt = files.serve(get("/assets/notes.txt"));
  EXPECT_EQ(txt.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(txt.header("Cache-Control"), "public, max-age=3600");  // not hashed
  EXPECT_EQ(StaticFiles::content_type_for("a.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(StaticFiles::content_type_for("a.svg"), "image/svg+xml");
  EXPECT_EQ(StaticFiles::content_type_for("a.png"), "image/png");
  EXPECT_EQ(StaticFiles::content_type_for("a.ico"), "image/x-icon");
  EXPECT_EQ(StaticFiles::content_type_for("a.js.map"), "application/json");
}

TEST_F(StaticFilesTest, RobotsFromTheStaticRoot) {
  StaticFiles files;
  ASSERT_TRUE(files.load(root_.string()));
  auto r = files.serve(get("/robots.txt"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "User-agent: *\nDisallow: /admin\n");
  EXPECT_FALSE(files.find("/favicon.ico"));  // not in this build
}

TEST_F(StaticFilesTest, RefusesPathTraversalAndUnknownNames) {
  StaticFiles files;
  ASSERT_TRUE(files.load(root_.string()));
  for (const char* path :
       {"/assets/../manifest.json", "/assets/../../secret.txt", "/assets/..%2F..%2Fsecret.txt",
        "/assets/./notes.txt", "/assets//notes.txt", "/assets/fonts/../notes.txt", "/secret.txt",
        "/assets/", "/assets/missing-12345678.css", "/static/robots.txt"}) {
    auto r = files.serve(get(path));
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body.find("do not serve"), std::string::npos) << path;
  }
}

TEST_F(StaticFilesTest, RefusesSymlinksOutOfTheBuild) {
  fs::create_symlink(root_ / "secret.txt", root_ / "static/build/assets/link-12345678.txt");
  StaticFiles files;
  ASSERT_TRUE(files.load(root_.string()));
  EXPECT_FALSE(files.find("/assets/link-12345678.txt"));
}

TEST_F(StaticFilesTest, LoadFailsWhenTheManifestNamesAMissingFile) {
  write("static/build/manifest.json", R"({"application.js":"/assets/application-deadbeef.js"})");
  StaticFiles files;
  auto loaded = files.load(root_.string());
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find("application-deadbeef.js"), std::string::npos);
}

TEST_F(StaticFilesTest, LoadFailsWithoutABuild) {
  fs::remove_all(root_ / "static/build");
  StaticFiles files;
  EXPECT_FALSE(files.load(root_.string()));
}

TEST(StaticFileNames, RecognisesContentHashes) {
  EXPECT_TRUE(StaticFiles::is_hashed_name("application-3f2a9c1b.css"));
  EXPECT_TRUE(StaticFiles::is_hashed_name("govuk-frontend-341e674d.js"));
  EXPECT_TRUE(StaticFiles::is_hashed_name("app-3f2a9c1b.js.map"));
  EXPECT_FALSE(StaticFiles::is_hashed_name("application.css"));
  EXPECT_FALSE(StaticFiles::is_hashed_name("icon-close.svg"));
  EXPECT_FALSE(StaticFiles::is_hashed_name("app-3f2a9c.css"));
  EXPECT_FALSE(StaticFiles::is_hashed_name("robots.txt"));
}

}  // namespace
}  // namespace vg::http
