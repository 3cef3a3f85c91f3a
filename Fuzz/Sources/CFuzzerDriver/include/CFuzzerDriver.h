// libFuzzer's driver entry (compiler-rt), declared for Swift. SwiftPM renames an
// executable's main for testability, so libFuzzer's own main() cannot be used; the
// Swift entry point hands control to the driver instead.
#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));

#endif
