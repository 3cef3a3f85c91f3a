import Foundation
import PolicyDeploy
import ReleaseTrust

/// What `status` reports, read from the state directory only (no network, no Postfix).
struct StatusReport: Encodable {
    var map: String
    var tag: String?
    var commit: String?
    var signer: String?
    var deployedAt: Date?
    var ageSeconds: Int?
    var entries: Int?
    var releaseDate: Date?
    var expires: Date?
    var expiresInSeconds: Int?
    var lastRunAt: Date?
    var lastOutcome: String?
    var lastError: String?
    var lastSuccessAt: Date?

    init(map: String, state: DeploymentState, record: AgentRecord, now: Date) {
        self.map = map
        tag = state.tag
        commit = state.commit
        signer = record.release?.tag == state.tag ? record.release?.signer : nil
        deployedAt = state.deployedAt
        ageSeconds = state.deployedAt.map { Int(now.timeIntervalSince($0)) }
        entries = state.deployed?.entryCount
        releaseDate = record.release?.taggerDate
        expires = record.release?.expires
        expiresInSeconds = record.release.map { Int($0.expires.timeIntervalSince(now)) }
        lastRunAt = state.lastRunAt
        lastOutcome = state.lastOutcome?.rawValue
        lastError = state.lastError
        lastSuccessAt = record.lastSuccessAt
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        // Encoding plain strings, numbers and dates cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    var text: String {
        func date(_ value: Date?) -> String { value.map(ReleaseExpiry.format) ?? "never" }
        var lines = ["map: \(map)"]
        if let tag {
            lines.append("release: \(tag) (commit \(commit ?? "?"))" + (signer.map { ", signed by \($0)" } ?? ""))
        } else {
            lines.append("release: none deployed")
        }
        lines.append("deployed: \(date(deployedAt))" + (ageSeconds.map { " (age \(StatusReport.duration($0)))" } ?? ""))
        lines.append("entries: \(entries.map(String.init) ?? "none")")
        if let expires, let remaining = expiresInSeconds {
            lines.append("expires: \(date(expires)) " + (remaining > 0 ? "(in \(StatusReport.duration(remaining)))" : "(EXPIRED)"))
        }
        lines.append("last run: \(date(lastRunAt)) \(lastOutcome ?? "")")
        lines.append("last success: \(date(lastSuccessAt))")
        if let lastError { lines.append("last error: \(lastError)") }
        return lines.joined(separator: "\n")
    }

    static func duration(_ seconds: Int) -> String {
        switch seconds {
        case ..<120: "\(seconds) s"
        case ..<7_200: "\(seconds / 60) min"
        case ..<172_800: "\(seconds / 3_600) h"
        default: "\(seconds / 86_400) d"
        }
    }
}
