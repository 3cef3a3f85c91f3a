// Umbrella for the CCurl module: curl/curl.h also brings in the easy and
// multi interfaces.
#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H

#include <curl/curl.h>

#endif
