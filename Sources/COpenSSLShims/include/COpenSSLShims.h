// COpenSSLShims: the OpenSSL entry points Swift cannot call directly.
//
// Swift imports C functions and simple constant macros, but not function-like
// macros. Each shim here wraps one of OpenSSL's function-like macros; everything
// else is called straight from COpenSSL. Add a shim only for that reason.
//
// Not shimmed, on purpose: SSL_get_peer_certificate, which in OpenSSL 3 is a
// macro for SSL_get1_peer_certificate, a real function Swift calls directly (the
// caller owns the returned X509 and frees it with X509_free).
#ifndef COPENSSLSHIMS_H
#define COPENSSLSHIMS_H

#include <stddef.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

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

#ifdef __cplusplus
}
#endif

#endif
