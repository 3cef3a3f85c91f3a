import Foundation
import PolicyProbe

/// One `probe --format json` document (docs/probe-json.md) and when its run happened.
public struct ProbeResultsFile: Sendable, Hashable {
    /// The name the report shows for the file (the path as given).
    public var name: String
    /// When the run happened: the `started` time the probe wrote, else the time the
    /// caller gives (the command gives the file's modification time).
    public var runTime: Date
    /// The run's results, decoded with the probe's own model.
    public var report: ProbeRunReport

    /// A results file from an already decoded report.
    public init(name: String, runTime: Date, report: ProbeRunReport) {
        self.name = name
        self.runTime = runTime
        self.report = report
    }

    /// Decodes `data` as probe JSON, schema version 1.
    ///
    /// - Throws: ``ReportInputError/invalid(file:reason:)`` with the JSON path of the bad
    ///   field, ``ReportInputError/unsupportedVersion(file:version:)``, or
    ///   ``ReportInputError/blindRun(file:message:)`` for a run whose host could not reach
    ///   port 25 (its verdicts are no results).
    public init(decoding data: Data, name: String, runTime: Date) throws(ReportInputError) {
        // The version first, so that a newer schema is named as such rather than as
        // whichever of its fields this model happens to trip over.
        struct Versioned: Decodable { var version: Int }
        let decoder = JSONDecoder()
        let version: Int
        do {
            version = try decoder.decode(Versioned.self, from: data).version
        } catch {
            throw .invalid(file: name, reason: Self.describe(error))
        }
        guard version == 1 else { throw .unsupportedVersion(file: name, version: version) }
        do {
            report = try decoder.decode(ProbeRunReport.self, from: data)
        } catch {
            throw .invalid(file: name, reason: Self.describe(error))
        }
        if let blind = report.blindRunner { throw .blindRun(file: name, message: blind.message) }
        self.name = name
        self.runTime = report.started.flatMap { try? Date($0, strategy: .iso8601) } ?? runTime
    }

    /// A decoding error as one line: where in the document, and what.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "top level" : String(text.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "missing field '\(key.stringValue)' at \(parent)"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type), found null"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0))" } ?? ""
            return "\(path(context.codingPath)): \(context.debugDescription)\(underlying)"
        @unknown default:
            return "\(error)"
        }
    }
}
