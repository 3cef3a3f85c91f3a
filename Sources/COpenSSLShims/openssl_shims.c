// Function wrappers for OpenSSL macros; see COpenSSLShims.h for why each exists.
#include "COpenSSLShims.h"

int shim_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    // The macro casts away const: OpenSSL copies the name, it never writes it.
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

int shim_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}

int shim_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_max_proto_version(ctx, version);
}

void shim_OPENSSL_free(void *pointer) {
    OPENSSL_free(pointer);
}

int shim_sk_GENERAL_NAME_num(const GENERAL_NAMES *names) {
    return sk_GENERAL_NAME_num(names);
}

const GENERAL_NAME *shim_sk_GENERAL_NAME_value(const GENERAL_NAMES *names, int index) {
    return sk_GENERAL_NAME_value(names, index);
}
