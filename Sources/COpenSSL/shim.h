// Umbrella for the COpenSSL module: the headers TLS probing and DANE need
// (connections, errors, certificate checks, digests, PEM input).
#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H

#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#endif
