import Foundation
import TLSPolicyLab

// Benchmark: tls-policy-agent sync over a loopback smart-HTTPS remote (lighttpd and
// `git http-backend`, a test-CA certificate), against the reference tools on the same
// remote and table. Run it through Benchmarks/agent-sync, which builds the release agent.
//
//   1. a full deploy of a new release of ENTRIES entries: its fetch against `git fetch` of
//      the same tag (goal <= 1.0x); everything after the fetch except `postfix check` and
//      `postfix reload` (printed apart) against `postmap` alone (goal <= 2.0x); merge +
//      render + validate against `postmap` (goal <= 0.5x);
//   2. a no-op sync against `git fetch` + `git verify-tag` (goal <= 1.0x);
//   3. peak memory of both syncs.

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: AgentSyncBenchmark AGENT [ENTRIES] [ROUNDS]\n".utf8))
    exit(2)
}
let benchmark = AgentSyncBenchmark(agent: arguments[1], entries: arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000,
                                   rounds: arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5)
do {
    try benchmark.run()
} catch {
    FileHandle.standardError.write(Data("agent-sync: \(error)\n".utf8))
    exit(1)
}
