// Fixed-type wrappers for the variadic curl_easy_setopt; see CCurlShims.h.
#include "CCurlShims.h"

CURLcode shim_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode shim_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode shim_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode shim_curl_easy_setopt_writefunction(CURL *handle, shim_curl_write_callback callback) {
    // Passed through libcurl's own callback type so the variadic call reads
    // exactly the type libcurl expects.
    curl_write_callback function = callback;
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, function);
}

CURLcode shim_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode shim_curl_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

curl_version_info_data *shim_curl_version_info_now(void) {
    return curl_version_info(CURLVERSION_NOW);
}
