// CShims: the few C entry points Swift cannot call directly.
//
// Swift imports C functions and simple constant macros, but not function-like
// macros and not variadic functions. Each shim here exists because the API it
// wraps is one of those; everything else is called straight from COpenSSL,
// CCurl or CGit2. Add a shim only for that reason, and say which it is.
//
// Not shimmed, on purpose:
// - SSL_get_peer_certificate: in OpenSSL 3 it is a macro for
//   SSL_get1_peer_certificate, a real function Swift calls directly (the
//   caller owns the returned X509 and frees it with X509_free).
// - libgit2's functions: its API has no macros or variadic functions we
//   need; its GIT_*_OPTIONS_INIT initialiser macros have function
//   equivalents (git_fetch_options_init, ...). One libgit2 *type* is here
//   (shim_git_socket_stream): a struct layout Swift cannot declare.
#ifndef CSHIMS_H
#define CSHIMS_H

#include <stddef.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <curl/curl.h>
#include <git2.h>
#include <git2/sys/stream.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: - OpenSSL (function-like macros over SSL_ctrl / SSL_CTX_ctrl)

/// Sets the SNI host name sent in the ClientHello. Wraps the macro
/// SSL_set_tlsext_host_name. Returns 1 on success, 0 on failure.
int shim_SSL_set_tlsext_host_name(SSL *ssl, const char *name);

/// Sets the lowest protocol version the context will negotiate (for example
/// TLS1_2_VERSION; 0 means the library's lowest). Wraps the macro
/// SSL_CTX_set_min_proto_version. Returns 1 on success, 0 on failure.
int shim_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version);

/// Sets the highest protocol version the context will negotiate (0 means
/// the library's highest). Wraps the macro SSL_CTX_set_max_proto_version.
/// Returns 1 on success, 0 on failure.
int shim_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version);

/// Frees memory that OpenSSL allocated and handed to the caller (for example
/// from X509_NAME_oneline or i2d_X509 with a NULL buffer). Wraps the macro
/// OPENSSL_free, which passes the caller's file and line to CRYPTO_free.
void shim_OPENSSL_free(void *pointer);

/// Number of entries in a GENERAL_NAMES stack (a certificate's subjectAltName,
/// from X509_get_ext_d2i). Wraps the macro sk_GENERAL_NAME_num.
int shim_sk_GENERAL_NAME_num(const GENERAL_NAMES *names);

/// The entry at `index` of a GENERAL_NAMES stack, borrowed from the stack.
/// Wraps the macro sk_GENERAL_NAME_value.
const GENERAL_NAME *shim_sk_GENERAL_NAME_value(const GENERAL_NAMES *names, int index);

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

// MARK: - libgit2 (a struct layout Swift cannot declare)

/// A socket stream handed to libgit2 by PolicyGit's registered
/// GIT_STREAM_STANDARD constructor (GitSocketStream.swift).
///
/// The first four members repeat libgit2 1.5's internal `git_socket_stream`
/// (src/libgit2/streams/socket.h: the public `git_stream`, `char *host`,
/// `char *port`, the socket): libgit2's SSH transport does not read through
/// the stream but casts it to that internal type and hands `socket` to
/// libssh2, so a replacement stream must start with exactly this prefix.
/// `owner` is PolicyGit's own: the Swift object that owns this memory.
typedef struct shim_git_socket_stream {
    git_stream parent;
    char *host;
    char *port;
    int socket;
    void *owner;
} shim_git_socket_stream;

#ifdef __cplusplus
}
#endif

#endif
