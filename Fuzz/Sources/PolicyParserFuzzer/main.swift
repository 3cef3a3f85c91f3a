import CFuzzerDriver
import Glibc

// libFuzzer's driver parses its own flags (-runs=, -max_len=, corpus directories).
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in policyParserFuzzTest(data, size) })
