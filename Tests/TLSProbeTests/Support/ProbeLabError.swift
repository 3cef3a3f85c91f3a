/// A lab helper got output it cannot read.
enum ProbeLabError: Error {
    case unexpectedOutput(String)
}
