import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One client connection: the SMTP dialogue, STARTTLS, and the configured misbehaviour.
/// Owns the connection's descriptor and closes it in `deinit`.
final class ServerSession {
    private let descriptor: Int32
    private let configuration: ServerConfiguration
    private var tls: ServerTLSStream?
    private var buffer: [UInt8] = []
    /// Longest command line accepted (RFC 5321: 512 with CRLF); longer ones end the session.
    private static let maximumLineLength = 4_096

    init(descriptor: Int32, configuration: ServerConfiguration) {
        self.descriptor = descriptor
        self.configuration = configuration
        // Bounded reads and writes: an abandoned client cannot hold a thread forever.
        var timeout = timeval(tv_sec: configuration.idleTimeoutSeconds, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        tls?.shutdown()
        close(descriptor)
    }

    /// Runs the dialogue until QUIT, end of stream, an error or the idle timeout.
    func serve() {
        if configuration.behaviour == .stallBanner {
            // Say nothing; wait (bounded by the idle timeout) until the client gives up.
            var scratch = [UInt8](repeating: 0, count: 512)
            while scratch.withUnsafeMutableBytes({ recv(descriptor, $0.baseAddress, $0.count, 0) }) > 0 {}
            return
        }
        guard reply("220 \(configuration.hostname) ESMTP TLSPolicyLab") else { return }
        while let line = readLine() {
            let verb = line.split(separator: " ", maxSplits: 1).first.map { $0.uppercased() } ?? ""
            switch verb {
            case "EHLO":
                guard ehlo() else { return }
            case "HELO":
                guard reply("250 \(configuration.hostname)") else { return }
            case "STARTTLS":
                guard tls == nil, offersSTARTTLS else {
                    guard reply("502 5.5.1 STARTTLS not available") else { return }
                    continue
                }
                guard startTLS() else { return }
            case "MAIL", "RCPT", "RSET", "NOOP":
                guard reply("250 2.0.0 Ok") else { return }
            case "DATA":
                guard reply("354 End data with <CR><LF>.<CR><LF>"), readMessage(), reply("250 2.0.0 Ok: queued") else { return }
            case "QUIT":
                _ = reply("221 2.0.0 Bye")
                return
            default:
                guard reply("502 5.5.2 Error: command not recognized") else { return }
            }
        }
    }

    private var offersSTARTTLS: Bool {
        configuration.tls != nil && configuration.behaviour != .noStarttls
    }

    private func ehlo() -> Bool {
        if configuration.behaviour == .endlessEhlo && tls == nil {
            // Continuation lines until the client hangs up (the write fails) or the idle timeout.
            var index = 0
            while reply("250-\(configuration.hostname) endless line \(index)") { index += 1 }
            return false
        }
        var lines = [configuration.hostname, "PIPELINING", "SIZE 10240000", "8BITMIME"]
        if offersSTARTTLS && tls == nil { lines.append("STARTTLS") }
        lines.append("ENHANCEDSTATUSCODES")
        let text = lines.enumerated().map { index, line in
            "250\(index == lines.count - 1 ? " " : "-")\(line)"
        }.joined(separator: "\r\n")
        return reply(text)
    }

    private func startTLS() -> Bool {
        guard let context = configuration.tls, reply("220 2.0.0 Ready to start TLS") else { return false }
        buffer.removeAll()
        if configuration.behaviour == .garbageAfterStarttls {
            // A moment's pause, so that the garbage arrives as a separate read, where the client's
            // TLS stack (not its SMTP reader) meets it.
            usleep(100_000)
            _ = writeRaw(Array("this is not a TLS record\r\n".utf8) + [UInt8](repeating: 0x41, count: 512))
            return false
        }
        do {
            let stream = try context.makeStream(descriptor: descriptor)
            try stream.accept()
            tls = stream
            return true
        } catch {
            FileHandle.standardError.write(Data("LabSMTPServer: \(error)\n".utf8))
            return false
        }
    }

    private func readMessage() -> Bool {
        while let line = readLine() {
            if line == "." { return true }
        }
        return false
    }

    /// Sends `text` with CRLF, after the configured latency.
    private func reply(_ text: String) -> Bool {
        if configuration.latencyMilliseconds > 0 {
            usleep(UInt32(clamping: configuration.latencyMilliseconds * 1_000))
        }
        return writeRaw(Array("\(text)\r\n".utf8))
    }

    private func writeRaw(_ bytes: [UInt8]) -> Bool {
        if let tls { return tls.write(bytes) }
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 {
                if sent < 0 && errno == EINTR { continue }
                return false
            }
            offset += sent
        }
        return true
    }

    /// The next line without CRLF; nil at end of stream, on error, or when a line is too long.
    private func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > 0 && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(newline + 1)
                return line
            }
            guard buffer.count <= Self.maximumLineLength else { return nil }
            var chunk = [UInt8](repeating: 0, count: 4_096)
            let count: Int = chunk.withUnsafeMutableBytes { raw in
                if let tls { return tls.read(into: raw) }
                while true {
                    let received = recv(descriptor, raw.baseAddress, raw.count, 0)
                    if received < 0 && errno == EINTR { continue }
                    return max(0, received)
                }
            }
            guard count > 0 else { return nil }
            buffer.append(contentsOf: chunk[..<count])
        }
    }
}
