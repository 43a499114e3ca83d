// Mustache templates parsed once, not at every render. Partials ({{> partials/x}}) are written
// into the templates that use them when the pool is made, so rendering parses neither (but for
// a partial that uses itself): the library parses a template in its constructor and a partial
// each time it meets one, which was a third of a directory page's time. A parsed template is used by one thread at a time (the
// library's render is not const), so each template keeps a few parsed copies to lend out.
#pragma once

#include <kainjow/mustache.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace vg::http {

class TemplatePool {
 public:
  using Sources = std::map<std::string, std::string, std::less<>>;

  // `templates` and `partials` by name ("layout", "partials/error_summary"); partials can be
  // rendered on their own too. Fails, naming the file, on a template that does not parse or a
  // partial that does not exist.
  static Result<std::shared_ptr<const TemplatePool>> create(const Sources& templates,
                                                            const Sources& partials);

  bool contains(std::string_view name) const { return entries_.contains(name); }
  // Throws std::logic_error for an unknown name or a render error: programmer errors. Adds the
  // partials to `data` when the template still has a tag for one (a partial that uses itself).
  std::string render(std::string_view name, kainjow::mustache::data& data) const;

 private:
  struct Entry {
    std::string source;  // partials written in
    bool uses_partials = false;  // a tag is left: a partial that uses itself
    std::mutex mutex;
    std::vector<std::unique_ptr<kainjow::mustache::mustache>> idle;
  };
  std::map<std::string, std::unique_ptr<Entry>, std::less<>> entries_;
};

}  // namespace vg::http
