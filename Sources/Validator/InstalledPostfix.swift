import Foundation
import TLSPolicy

/// What the Postfix installed on this machine says about itself, through `postconf`.
struct InstalledPostfix {
    /// `mail_version`, when Postfix is installed (its compiled-in default: no main.cf needed).
    var version: PostfixVersion? {
        InstalledPostfix.postconf(["-d", "-h", "mail_version"]).flatMap(PostfixVersion.init)
    }

    /// `smtp_dns_support_level = dnssec` in the active main.cf. Without a main.cf there is
    /// nothing to ask (and postconf's fatal error costs a second), so the answer is no.
    var doesDNSSEC: Bool {
        guard FileManager.default.fileExists(atPath: "/etc/postfix/main.cf") else { return false }
        return InstalledPostfix.postconf(["-h", "smtp_dns_support_level"]) == "dnssec"
    }

    /// Nothing is asked until a value is needed.
    static func detect() -> InstalledPostfix { InstalledPostfix() }

    private static func postconf(_ arguments: [String]) -> String? {
        let candidates = ["/usr/sbin/postconf", "/usr/local/sbin/postconf"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
