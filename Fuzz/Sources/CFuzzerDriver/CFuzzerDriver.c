// The declaration in include/ is all this module provides; the definition comes from
// libFuzzer, linked by -sanitize=fuzzer.
#include "CFuzzerDriver.h"
