// Umbrella for the CResolv module: the resolver state, queries and the
// message parser.
//
// glibc names its resolver entry points through macros (res_ninit is
// `#define res_ninit __res_ninit`, likewise res_nmkquery, res_nsend,
// res_nclose, dn_expand), which Swift does not import; the static inline
// functions below give them callable names, and set the one server a query
// goes to through the public fields (see cresolv_set_ipv4_server).
#ifndef CRESOLV_SHIM_H
#define CRESOLV_SHIM_H

#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/nameser.h>
#include <resolv.h>
#include <netdb.h>

/// res_ninit: fills `state` from /etc/resolv.conf. Returns 0 or -1.
static inline int cresolv_ninit(res_state state) { return res_ninit(state); }

/// res_nclose: closes sockets and frees what res_ninit allocated in `state`.
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

/// Makes `address` (IPv4, with port) the only server of `state`, through the
/// resolver's public interface: `nsaddr_list` and `nscount`, which res_nsend
/// reads on every call (an entry whose family is set wins over the extended
/// state res_ninit may have filled from resolv.conf). There is no public field
/// for an IPv6 server; those work when /etc/resolv.conf names them.
static inline void cresolv_set_ipv4_server(res_state state, const struct sockaddr_in *address) {
    state->nsaddr_list[0] = *address;
    state->nscount = 1;
}

#endif
