/// A time setting written as Postfix writes them: a number and a unit (`s`, `m`, `h`,
/// `d`, `w`), or a bare number in the setting's own default unit.
public struct SettingDuration: Sendable, Equatable, CustomStringConvertible {
    /// The length in seconds.
    public var seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    /// The units, as Postfix's time parameters take them.
    private static let units: [Character: Int] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]

    /// Parses `text`; without a unit, `defaultUnit` applies (nil: a unit is required, for
    /// settings where a bare number would be ambiguous).
    static func parse(_ text: String, defaultUnit: Character? = nil) -> Result<SettingDuration, ReasonText> {
        var digits = Substring(text)
        var scale: Int
        if let unit = text.last, let known = units[unit] {
            digits = digits.dropLast()
            scale = known
        } else if let defaultUnit, let known = units[defaultUnit] {
            scale = known
        } else {
            return .failure("expected a number and a unit (s, m, h, d or w), for example 30d")
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(digits) else {
            return .failure("expected a whole number before the unit")
        }
        guard count > 0 else { return .failure("must be greater than zero") }
        let (seconds, overflow) = count.multipliedReportingOverflow(by: scale)
        guard !overflow, seconds <= 100 * 365 * 86_400 else { return .failure("too large") }
        return .success(SettingDuration(seconds: seconds))
    }

    /// The length as a `TimeInterval`.
    public var interval: Double { Double(seconds) }

    /// The largest unit that divides it evenly (`7d`, `90m`, `45s`).
    public var description: String {
        for (unit, scale) in [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60)] where seconds % scale == 0 {
            return "\(seconds / scale)\(unit)"
        }
        return "\(seconds)s"
    }
}
