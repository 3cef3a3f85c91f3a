import Foundation

/// A complete HTTP response, written byte for byte as a file that ``PolicyHTTPSServer``
/// sends back (`openssl s_server -HTTP` sends the file as the whole response).
public struct LabHTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The reason phrase.
    public var reason: String
    /// Header lines (`Name: value`), in order.
    public var headers: [String]
    /// The body.
    public var body: Data

    /// A response with these parts.
    public init(status: Int, reason: String, headers: [String], body: Data) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// 200 with `text` as the body and the given content type (RFC 8461 wants text/plain).
    public static func policy(_ text: String, contentType: String = "text/plain") -> LabHTTPResponse {
        let body = Data(text.utf8)
        return LabHTTPResponse(status: 200, reason: "OK", headers: ["Content-Type: \(contentType)", "Content-Length: \(body.count)"], body: body)
    }

    /// A redirect to `location`, with a policy-looking body that a client must not use.
    public static func redirect(to location: String, status: Int = 301) -> LabHTTPResponse {
        let body = Data("version: STSv1\nmode: enforce\nmx: moved.example.test\nmax_age: 86400\n".utf8)
        return LabHTTPResponse(status: status, reason: "Moved", headers: ["Location: \(location)", "Content-Type: text/plain", "Content-Length: \(body.count)"], body: body)
    }

    /// 404 with a short text body.
    public static func notFound() -> LabHTTPResponse {
        let body = Data("not found\n".utf8)
        return LabHTTPResponse(status: 404, reason: "Not Found", headers: ["Content-Type: text/plain", "Content-Length: \(body.count)"], body: body)
    }

    /// 200 text/plain with a body of `bytes` bytes: a valid policy padded with an extension
    /// field. Without `declaresLength` there is no Content-Length, so a client can only find
    /// out by counting while it receives.
    public static func oversized(bytes: Int, declaresLength: Bool) -> LabHTTPResponse {
        let head = "version: STSv1\nmode: enforce\nmx: mx.example.test\nmax_age: 86400\npadding: "
        let body = Data((head + String(repeating: "x", count: max(0, bytes - head.utf8.count - 1)) + "\n").utf8)
        var headers = ["Content-Type: text/plain"]
        if declaresLength { headers.append("Content-Length: \(body.count)") }
        return LabHTTPResponse(status: 200, reason: "OK", headers: headers, body: body)
    }

    /// The bytes on the wire: HTTP/1.0 status line, headers, blank line, body (the
    /// connection closes after it).
    public func serialized() throws -> Data {
        for line in [reason] + headers where line.contains("\r") || line.contains("\n") {
            throw LabError.invalidArgument("HTTP header or reason with a line break: \(line)")
        }
        var data = Data("HTTP/1.0 \(status) \(reason)\r\n".utf8)
        for header in headers { data.append(Data("\(header)\r\n".utf8)) }
        data.append(Data("Connection: close\r\n\r\n".utf8))
        data.append(body)
        return data
    }
}
