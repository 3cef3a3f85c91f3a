// Umbrella for the CGit2 module: everything libgit2 declares comes in
// through its single public header.
#ifndef CGIT2_SHIM_H
#define CGIT2_SHIM_H

#include <git2.h>

#endif
