// Umbrella for the CResolv module: the resolver state, queries and the
// message parser.
//
// glibc names its resolver entry points through macros (res_ninit is
// `#define res_ninit __res_ninit`, likewise res_nmkquery, res_nsend,
// res_nclose, dn_expand), which Swift does not import; the static inline
// functions below give them callable names. They also set the one server a
// query goes to, which for IPv6 means glibc's extended state (see
// cresolv_set_server).
#ifndef CRESOLV_SHIM_H
#define CRESOLV_SHIM_H

#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/nameser.h>
#include <resolv.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

/// res_ninit: fills `state` from /etc/resolv.conf. Returns 0 or -1.
static inline int cresolv_ninit(res_state state) { return res_ninit(state); }

/// res_nclose: closes sockets and frees what res_ninit (and
/// cresolv_set_server) allocated in `state`.
static inline void cresolv_nclose(res_state state) { res_nclose(state); }

/// res_nmkquery for a QUERY of `name` (class IN) and `type`. Returns the
/// query length, or -1.
static inline int cresolv_mkquery(res_state state, const char *name, int type,
                                  unsigned char *buffer, int length) {
    return res_nmkquery(state, ns_o_query, name, ns_c_in, type, NULL, 0, NULL, buffer, length);
}

/// res_nsend: sends `query` and returns the reply length (reply in `answer`),
/// or -1 with errno set (ETIMEDOUT when every try timed out).
static inline int cresolv_send(res_state state, const unsigned char *query, int queryLength,
                               unsigned char *answer, int answerLength) {
    return res_nsend(state, query, queryLength, answer, answerLength);
}

/// dn_expand: the compressed name at `source` inside message
/// [`message`, `end`) into `destination`. Returns the compressed length, or -1.
static inline int cresolv_dn_expand(const unsigned char *message, const unsigned char *end,
                                    const unsigned char *source, char *destination, int size) {
    return dn_expand(message, end, source, destination, size);
}

/// Adds option bits (RES_USE_DNSSEC, RES_TRUSTAD, ...) and sets the per-try
/// timeout (seconds) and the number of tries.
static inline void cresolv_configure(res_state state, unsigned long options, int retransSeconds, int tries) {
    state->options |= options;
    state->retrans = retransSeconds;
    state->retry = tries;
}

/// Makes `address` (IPv4 or IPv6, with port) the only server of `state`.
/// Returns 0, or -1 for an unknown family or when memory runs out.
///
/// glibc keeps IPv6 servers in `_u._ext.nsaddrs` (heap memory that
/// res_nclose frees) and uses one when the matching `nsaddr_list` entry has
/// family 0; res_ninit may already have put servers there from resolv.conf,
/// so those are freed first.
static inline int cresolv_set_server(res_state state, const struct sockaddr *address, socklen_t length) {
    for (int index = 0; index < MAXNS; index++) {
        if (index < state->nscount && state->_u._ext.nsaddrs[index] != NULL) {
            free(state->_u._ext.nsaddrs[index]);
        }
        state->_u._ext.nsaddrs[index] = NULL;
    }
    if (address->sa_family == AF_INET && length >= (socklen_t)sizeof(struct sockaddr_in)) {
        memcpy(&state->nsaddr_list[0], address, sizeof(struct sockaddr_in));
    } else if (address->sa_family == AF_INET6 && length >= (socklen_t)sizeof(struct sockaddr_in6)) {
        struct sockaddr_in6 *copy = malloc(sizeof(struct sockaddr_in6));
        if (copy == NULL) {
            state->nscount = 0;
            return -1;
        }
        memcpy(copy, address, sizeof(struct sockaddr_in6));
        memset(&state->nsaddr_list[0], 0, sizeof(struct sockaddr_in));
        state->_u._ext.nsaddrs[0] = copy;
    } else {
        state->nscount = 0;
        return -1;
    }
    state->nscount = 1;
    return 0;
}

#endif
