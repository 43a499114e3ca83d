// One libcurl easy handle, owned (and libcurl's global set-up done once, before any handle), for
// the senders that speak SMTP and HTTP. Holds no message; reports no URL or address.
#pragma once

#include <curl/curl.h>

#include <memory>

namespace vg::app {

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using CurlList = std::unique_ptr<curl_slist, CurlDeleter>;

// A fresh handle with signals off (several threads may send at once); nullptr when libcurl
// cannot make one.
CurlHandle new_curl_handle();

// Appends `item` to `list`, keeping the list owned.
void append(CurlList& list, const char* item);

}  // namespace vg::app
