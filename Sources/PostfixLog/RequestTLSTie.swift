/// The rule that ties a delivery to the TLS connection it went over, whatever is kept of
/// that connection (a whole ``TLSConnectionRecord``, or only its ``TLSTrust``).
///
/// An SMTP client process (one program and PID) handles one delivery request at a time,
/// and logs `... TLS connection established ...` after the handshake and before the status
/// lines of the recipients it delivered over that connection (one line per recipient, all
/// with the request's queue id). A TLS connection is never reused for another request
/// (Postfix turns connection caching off once STARTTLS succeeded), so a TLS line belongs to
/// the status lines that follow it with the first queue id that follows it, and to no
/// other: a later request by the same process without a TLS line of its own went in
/// plaintext (or made no connection). ``DeliveryTLSMatcher`` applies it to records.
///
/// Inlinable, so that a caller's `Connection` type is specialised into its own code: called
/// for every line of a large log, the generic version spent its time looking up metadata.
public struct RequestTLSTie<Connection> {
    @usableFromInline
    struct ProcessKey: Hashable {
        @usableFromInline let program: String
        @usableFromInline let pid: Int

        @inlinable
        init(program: String, pid: Int) {
            self.program = program
            self.pid = pid
        }

        /// The PID alone: it tells processes apart (programs with one PID are rare, and `==`
        /// still compares the program), and hashing the program's String for every line of a
        /// large log cost more than the rest of the lookup.
        @inlinable
        func hash(into hasher: inout Hasher) {
            hasher.combine(pid)
        }

        @inlinable
        static func == (a: ProcessKey, b: ProcessKey) -> Bool {
            a.pid == b.pid && a.program == b.program
        }
    }

    @usableFromInline
    struct Pending {
        /// Nil once a later request of the process showed the connection was not for it: the
        /// entry stays, so that ``knows(program:pid:)`` can tell such a process from an unseen one.
        @usableFromInline var connection: Connection?
        /// The queue id of the first status line after the TLS line; nil until it comes.
        @usableFromInline var queueID: String?

        @inlinable
        init(connection: Connection?, queueID: String?) {
            self.connection = connection
            self.queueID = queueID
        }
    }

    @usableFromInline
    var pending: [ProcessKey: Pending] = [:]

    /// Nothing pending.
    @inlinable
    public init() {}

    /// A TLS line: `connection` belongs to the next request of this process.
    @inlinable
    public mutating func connectionEstablished(program: String, pid: Int, _ connection: Connection) {
        pending[ProcessKey(program: program, pid: pid)] = Pending(connection: connection, queueID: nil)
    }

    /// A status line: the connection it went over, or nil (plaintext, or no connection).
    @inlinable
    public mutating func delivery(program: String, pid: Int, queueID: String?) -> Connection? {
        let key = ProcessKey(program: program, pid: pid)
        guard let entry = pending[key], let connection = entry.connection else { return nil }
        if entry.queueID == nil || queueID == nil {
            pending[key]?.queueID = queueID
            return connection
        }
        if entry.queueID == queueID { return connection }
        // Another request by the same process: the TLS line was not for it.
        pending[key]?.connection = nil
        return nil
    }

    /// True once this process logged a TLS line here. For a later part of a log read on its
    /// own, a delivery of a process it does not know yet depends on the part before.
    @inlinable
    public func knows(program: String, pid: Int) -> Bool {
        pending[ProcessKey(program: program, pid: pid)] != nil
    }

    /// Carries on with `later`, the state a later part of the same log ended with (after
    /// its deliveries of processes it did not know were replayed here): every process
    /// `later` knows takes its state from there.
    @inlinable
    public mutating func carryOn(with later: RequestTLSTie) {
        pending.merge(later.pending) { _, newer in newer }
    }
}
