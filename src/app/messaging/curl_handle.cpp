#include "app/messaging/curl_handle.h"

#include <mutex>

namespace vg::app {

CurlHandle new_curl_handle() {
  // curl_global_init is not safe to race with itself or with other threads' handles.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CurlHandle curl(curl_easy_init());
  if (curl) curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  return curl;
}

void append(CurlList& list, const char* item) {
  curl_slist* grown = curl_slist_append(list.get(), item);
  if (grown) {
    list.release();
    list.reset(grown);
  }
}

}  // namespace vg::app
