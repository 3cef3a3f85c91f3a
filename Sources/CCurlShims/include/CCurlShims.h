// CCurlShims: the libcurl entry points Swift cannot call directly.
//
// Swift does not import variadic C functions (curl_easy_setopt, curl_easy_getinfo)
// nor function-like macros; each shim here wraps one of those, typed for the kind of
// value it passes. Everything else is called straight from CCurl.
#ifndef CCURLSHIMS_H
#define CCURLSHIMS_H

#include <stddef.h>
#include <curl/curl.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: - libcurl (curl_easy_setopt is variadic)

/// The write callback libcurl calls with each chunk of a response body.
/// Same signature as curl_write_callback; return the number of bytes taken
/// (size * count), anything else aborts the transfer.
typedef size_t (*shim_curl_write_callback)(char *data, size_t size, size_t count, void *context);

/// curl_easy_setopt for options that take a long (CURLOPT_TIMEOUT, ...).
CURLcode shim_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);

/// curl_easy_setopt for options that take a string (CURLOPT_URL, ...).
/// libcurl copies the string, so it need only live for the call.
CURLcode shim_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);

/// curl_easy_setopt for options that take a data pointer (CURLOPT_WRITEDATA,
/// ...). libcurl keeps the pointer: it must outlive the transfer.
CURLcode shim_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);

/// curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback). A separate
/// shim because a function pointer is not a data pointer in C.
CURLcode shim_curl_easy_setopt_writefunction(CURL *handle, shim_curl_write_callback callback);

/// curl_easy_getinfo for items that return a long (CURLINFO_RESPONSE_CODE,
/// ...). curl_easy_getinfo is variadic.
CURLcode shim_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);

/// curl_easy_getinfo for items that return a string (CURLINFO_CONTENT_TYPE,
/// CURLINFO_REDIRECT_URL, ...). The string belongs to the handle and lives
/// until the next transfer or curl_easy_cleanup; it may be NULL.
CURLcode shim_curl_easy_getinfo_string(CURL *handle, CURLINFO info, char **value);

/// curl_version_info(CURLVERSION_NOW): CURLVERSION_NOW is a macro naming the
/// newest struct layout these headers know, which Swift does not import; the
/// caller gets the layout it was compiled against, as libcurl intends.
curl_version_info_data *shim_curl_version_info_now(void);

#ifdef __cplusplus
}
#endif

#endif
