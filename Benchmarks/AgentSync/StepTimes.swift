/// The step and deploy-phase durations the agent logs at debug level
/// (`step finished [... ms=N step=NAME]`, `deploy phase finished [... ms=N phase=NAME]`).
struct StepTimes {
    private(set) var steps: [(name: String, milliseconds: Int)] = []
    private(set) var phases: [String: Int] = [:]

    init(log: String) {
        for line in log.split(separator: "\n") {
            guard let milliseconds = Self.field("ms", in: line).flatMap({ Int($0) }) else { continue }
            if line.contains("step finished"), let step = Self.field("step", in: line) {
                steps.append((step, milliseconds))
            } else if line.contains("deploy phase finished"), let phase = Self.field("phase", in: line) {
                phases[phase, default: 0] += milliseconds
            }
        }
    }

    /// A step's time in seconds (0 when it did not run).
    func step(_ name: String) -> Double {
        Double(steps.filter { $0.name == name }.map(\.milliseconds).reduce(0, +)) / 1000
    }

    /// A deploy phase's time in seconds.
    func phase(_ name: String) -> Double { Double(phases[name] ?? 0) / 1000 }

    var summary: String {
        (steps.map { "\($0.name) \($0.milliseconds)" } + phases.sorted { $0.key < $1.key }.map { "(\($0.key) \($0.value))" })
            .joined(separator: ", ")
    }

    /// The value of `name=VALUE` in a log line's metadata (`[a=1 b=2]`).
    private static func field(_ name: String, in line: Substring) -> String? {
        guard let range = line.range(of: " \(name)=") ?? line.range(of: "[\(name)=") else { return nil }
        let value = line[range.upperBound...].prefix { $0 != " " && $0 != "]" }
        return value.isEmpty ? nil : String(value)
    }
}
