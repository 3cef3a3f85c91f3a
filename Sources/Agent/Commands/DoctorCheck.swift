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

    var line: String { "\(verdict.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0)) \(what)" }
}
