// Umbrella for the CGit2 module: everything libgit2 declares comes in
// through its single public header, plus the one `sys/` header PolicyGit
// needs: the stream interface, to register its own socket stream (for the
// fetch deadline; see GitSocketStream.swift).
#ifndef CGIT2_SHIM_H
#define CGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/stream.h>

// A struct layout Swift cannot declare (no functions: libgit2's API has no
// macros or variadic functions PolicyGit needs).

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

#endif
