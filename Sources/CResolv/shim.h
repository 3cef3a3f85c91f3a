// Umbrella for the CResolv module: the resolver state, queries and the
// message parser.
#ifndef CRESOLV_SHIM_H
#define CRESOLV_SHIM_H

#include <sys/types.h>
#include <netinet/in.h>
#include <arpa/nameser.h>
#include <resolv.h>
#include <netdb.h>

#endif
