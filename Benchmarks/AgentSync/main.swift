import Foundation
import TLSPolicyLab

// Benchmark: tls-policy-agent sync over a loopback smart-HTTPS remote (lighttpd and
// `git http-backend`, a test-CA certificate), against the reference tools on the same
// remote and table. Run it through Benchmarks/agent-sync, which builds the release agent.
//
//   1. ROUNDS full deploys, each of a new release of ENTRIES entries whose every entry
//      changed (a third marked `#@ dane`, the DANE variant, a few overrides): the fetch
//      against `git fetch` of the same tag (goal <= 1.0x); everything after the fetch
//      except `postfix check` and `postfix reload` (printed apart) against `postmap` alone
//      on the deployed table (goal <= 2.0x); merge + render + validate against `postmap`
//      (goal <= 0.5x). VALUES `distinct` gives every entry a value of its own, the
//      merge's worst case; `repeated` (default) repeats them as real releases do;
//   2. ROUNDS no-op syncs against `git fetch` + `git verify-tag` (goal <= 1.0x);
//   3. peak memory of both kinds of sync.

let arguments = CommandLine.arguments
let values = arguments.count > 4 ? arguments[4] : "repeated"
guard arguments.count >= 2, ["repeated", "distinct"].contains(values) else {
    FileHandle.standardError.write(Data("usage: AgentSyncBenchmark AGENT [ENTRIES] [ROUNDS] [repeated|distinct]\n".utf8))
    exit(2)
}
let benchmark = AgentSyncBenchmark(agent: arguments[1], entries: arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000,
                                   rounds: max(1, arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5),
                                   distinctValues: values == "distinct")
do {
    try benchmark.run()
} catch {
    FileHandle.standardError.write(Data("agent-sync: \(error)\n".utf8))
    exit(1)
}
