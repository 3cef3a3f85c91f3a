import CFuzzerDriver
import Glibc

/// Hands the process to libFuzzer's driver, which parses its own flags (-runs=, -max_len=,
/// corpus directories) and calls `test` with each input. SwiftPM renames an executable's
/// `main`, so libFuzzer's own cannot be used; each fuzzer's entry point calls this.
public func runLibFuzzer(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, test))
}
