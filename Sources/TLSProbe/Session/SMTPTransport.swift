/// A byte stream an SMTP dialogue runs over: the plain socket before STARTTLS, the TLS
/// connection after. Both wait with `poll(2)` and give up at the step's deadline.
protocol SMTPTransport: AnyObject {
    /// Reads what is available (waiting until something is), at most `buffer.count` bytes;
    /// 0 means the peer closed the connection.
    func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: StepDeadline) throws -> Int
    /// Writes all of `bytes`.
    func send(_ bytes: [UInt8], deadline: StepDeadline) throws
}
