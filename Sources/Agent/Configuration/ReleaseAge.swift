/// A time limit written as Postfix writes them: a number and a unit (`s`, `m`, `h`, `d`, `w`).
struct ReleaseAge: Sendable, Equatable, CustomStringConvertible {
    var seconds: Int

    static func parse(_ text: String) -> Result<ReleaseAge, ReasonText> {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        guard let unit = text.last, let scale = units[unit] else {
            return .failure("expected a number and a unit (s, m, h, d or w), for example 30d")
        }
        guard let count = Int(text.dropLast()), count > 0 else {
            return .failure("expected a positive whole number before the unit")
        }
        let (seconds, overflow) = count.multipliedReportingOverflow(by: scale)
        guard !overflow else { return .failure("too large") }
        return .success(ReleaseAge(seconds: seconds))
    }

    var description: String { "\(seconds)s" }
}
