// Umbrella for the CGit2 module: everything libgit2 declares comes in
// through its single public header, plus the one `sys/` header PolicyGit
// needs: the stream interface, to register its own socket stream (for the
// fetch deadline; see GitSocketStream.swift).
#ifndef CGIT2_SHIM_H
#define CGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/stream.h>

#endif
