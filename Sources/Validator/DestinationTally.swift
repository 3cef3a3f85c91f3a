import PostfixLog

/// Counts remote deliveries per recipient domain, each with the TLS it went over, as the
/// lines of one or more mail logs arrive in order. Reads each line's
/// ``PostfixLogEventFields`` (positions, no `String`) and keeps a domain's name once
/// (``DomainTable``): a million lines must not cost a String, a hash of one and a compare
/// of one each.
struct DestinationTally {
    /// Recipient domains, and their counts by the same id.
    private var table = DomainTable()
    private var counts: [DestinationCounts] = []
    /// Lines read.
    private(set) var lines = 0
    private var tie = RequestTLSTie<TLSTrust>()
    /// The SMTP client program names seen (`postfix/smtp`, `postfix-out/smtp`): a few, each
    /// kept once, so that a line's name is found by its bytes.
    private var programs: [(bytes: [UInt8], name: String)] = []
    /// True for a part of a log after the first (read on another core): a delivery of a
    /// process with no TLS line in this part yet depends on the part before, so it waits
    /// in ``unresolved`` for ``merge(_:)``.
    private let isContinuation: Bool
    private var unresolved: [Unresolved] = []

    /// A delivery waiting for the part of the log before: `domain` is an id in this tally's
    /// table (nil for a status that is not counted, whose tie still matters).
    private struct Unresolved {
        var program: String
        var pid: Int
        var queueID: String?
        var domain: Int?
        var status: DeliveryOutcome
        var policyFailure: Bool
    }

    /// A tally for a whole log, or (`isContinuation`) for a later part of one.
    init(isContinuation: Bool = false) {
        self.isContinuation = isContinuation
    }

    /// Counts per recipient domain (lower case).
    var domains: [String: DestinationCounts] {
        var domains: [String: DestinationCounts] = [:]
        domains.reserveCapacity(table.count)
        for (id, name) in table.names.enumerated() {
            // Two byte strings may decode to one name (invalid UTF-8 is repaired): add them up.
            domains[name, default: DestinationCounts()].add(counts[id])
        }
        return domains
    }

    /// Takes one line's bytes (without newline).
    mutating func add(line: UnsafeBufferPointer<UInt8>) {
        lines += 1
        // Only the SMTP client's deliveries leave the host (not local, virtual, pipe or lmtp
        // ones), and only its TLS lines tie to them: another program's lines change nothing
        // that is counted, and are passed over before their message is read.
        guard let fields = PostfixLogEventFields(lineBytes: line, programSuffix: "/smtp") else { return }
        let program = smtpClient(line, fields.program)
        switch fields.kind {
        case .tlsConnection(let trust):
            tie.connectionEstablished(program: program, pid: fields.pid, trust)
        case .delivery(let queueIDRange, let domainRange, let status, let failure):
            let queueID = queueIDRange.map { String(decoding: UnsafeBufferPointer(rebasing: line[$0]), as: UTF8.self) }
            let domain = status == .other ? nil : domainID(line, domainRange)
            if isContinuation && !tie.knows(program: program, pid: fields.pid) {
                unresolved.append(Unresolved(program: program, pid: fields.pid, queueID: queueID, domain: domain,
                                             status: status, policyFailure: failure != nil))
                return
            }
            // Tied even when not counted: a status line ends its process's request either way.
            let trust = tie.delivery(program: program, pid: fields.pid, queueID: queueID)
            if let domain { count(domain, status: status, policyFailure: failure != nil, trust: trust) }
        }
    }

    /// Appends the tally of the part of the log that follows this one: its deliveries that
    /// waited for this part's TLS lines are tied here, in order, then its counts are added.
    mutating func merge(_ later: DestinationTally) {
        var ids: [Int] = []
        ids.reserveCapacity(later.table.count)
        for name in later.table.names { ids.append(domainID(name)) }
        for delivery in later.unresolved {
            let trust = tie.delivery(program: delivery.program, pid: delivery.pid, queueID: delivery.queueID)
            if let domain = delivery.domain {
                count(ids[domain], status: delivery.status, policyFailure: delivery.policyFailure, trust: trust)
            }
        }
        tie.carryOn(with: later.tie)
        for (id, counts) in later.counts.enumerated() {
            self.counts[ids[id]].add(counts)
        }
        lines += later.lines
    }

    private mutating func count(_ domain: Int, status: DeliveryOutcome, policyFailure: Bool, trust: TLSTrust?) {
        switch status {
        case .sent:
            counts[domain].sent += 1
            counts[domain].sentByTrust.add(trust)
        case .deferred: counts[domain].deferred += 1
        case .bounced, .expired: counts[domain].failed += 1
        case .other: break
        }
        if policyFailure { counts[domain].policyFailures += 1 }
    }

    private mutating func domainID(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        let id = table.id(line, range)
        if id == counts.count { counts.append(DestinationCounts()) }
        return id
    }

    private mutating func domainID(_ name: String) -> Int {
        let id = table.id(of: name)
        if id == counts.count { counts.append(DestinationCounts()) }
        return id
    }

    /// The name of the (SMTP client) program at `range` of `line`.
    private mutating func smtpClient(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let name = UnsafeBufferPointer(rebasing: line[range])
        for program in programs where program.bytes.withUnsafeBufferPointer({ Self.equal($0, name) }) { return program.name }
        let program = String(decoding: name, as: UTF8.self)
        programs.append((Array(name), program))
        return program
    }

    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for index in 0..<a.count where a[index] != b[index] { return false }
        return true
    }

    /// A new log file starts: a process's pending TLS line does not carry over files.
    mutating func startFile() {
        tie = RequestTLSTie()
    }
}
