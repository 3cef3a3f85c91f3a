import PolicySync

/// The function libFuzzer calls with each input: the bytes are an `agent.cf`. Parsing
/// must either give a configuration or every error with its line, sorted, within the
/// file; the same text given again must give the same answer. A crash, a hang or a
/// sanitizer report is a bug.
func agentConfigurationFuzzTest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
    let first: Result<AgentConfiguration, ConfigurationErrors>
    do {
        first = .success(try AgentConfiguration.parse(text, file: "agent.cf"))
    } catch {
        first = .failure(error)
        guard !error.errors.isEmpty else { fatalError("a failed parse with no error") }
        for problem in error.errors {
            guard problem.file == "agent.cf", (0...lineCount).contains(problem.line) else {
                fatalError("error outside the file: \(problem)")
            }
        }
        let lines = error.errors.map(\.line)
        guard lines == lines.sorted() else { fatalError("errors out of line order") }
    }
    let second = Result { () throws(ConfigurationErrors) in try AgentConfiguration.parse(text, file: "agent.cf") }
    switch (first, second) {
    case (.success(let a), .success(let b)) where a == b: break
    case (.failure(let a), .failure(let b)) where a.description == b.description: break
    default: fatalError("the same text parsed two ways")
    }
    return 0
}
