import PolicySync

/// One finding of `doctor`.
struct DoctorCheck: Sendable {
    enum Verdict: String, Sendable {
        case ok = "ok"
        case fail = "FAIL"
    }

    var verdict: Verdict
    var what: String

    static func ok(_ what: String) -> DoctorCheck { DoctorCheck(verdict: .ok, what: what) }
    static func fail(_ what: String) -> DoctorCheck { DoctorCheck(verdict: .fail, what: what) }

    /// A finding of the library's host checks.
    init(_ check: HostCheck) {
        self.init(verdict: check.passed ? .ok : .fail, what: check.message)
    }

    init(verdict: Verdict, what: String) {
        self.verdict = verdict
        self.what = what
    }

    var line: String { "\(verdict.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0)) \(what)" }
}
