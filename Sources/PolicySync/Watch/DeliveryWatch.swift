import Foundation
import Logging
import PolicyDeploy
import PostfixLog
import TLSPolicy

/// The delivery watch: each sync run reads what Postfix logged since the last run and
/// counts, per key of the live table, deliveries and deferrals whose reason is a TLS
/// policy failure (recognised by ``PostfixLog``'s classifier of Postfix's own texts).
///
/// A recipient domain is matched to the live map as Postfix's SMTP client matches it
/// (`PolicyLookup`: the domain, then its `.parent` keys); mail to a destination without an entry is not counted. Only the
/// key is kept: no address, no local part, no reply text leaves the log.
///
/// Reading the log never fails a sync: the map Postfix needs must not wait on a log file.
/// A read that fails is recorded (``DeliveryWatchState/lastError``, a warning, a metric,
/// `status`) and the next run tries again from the same place.
struct DeliveryWatch {
    /// Bytes of a plain log file one run reads at most (over both files of a rotation).
    static let byteLimit = 32 << 20
    /// Journal entries one run reads at most.
    static let entryLimit = 100_000

    var context: SyncContext

    /// Reads and counts; updates `state` whatever happens.
    func run(_ state: inout DeliveryWatchState, now: Date) async {
        let setting = context.configuration.mailLog.resolved()
        let source: String
        switch setting {
        case .off, .automatic:
            return
        case .file(let path):
            source = path
        case .journal:
            source = context.configuration.journalFile.map { "journal:\($0)" } ?? "journal"
        }
        if state.source != source {
            state.position = nil
            state.journalCursor = nil
            state.source = source
        }
        let started = ContinuousClock.now
        var tally = Tally(map: context.configuration.map, now: now)
        do {
            switch setting {
            case .file(let path):
                let reader = MailLogFileReader(path: path, byteLimit: Self.byteLimit)
                let (chunk, position) = try reader.read(after: state.position)
                for note in chunk.notes { context.logger.notice("\(note)") }
                if chunk.capped {
                    context.logger.notice("delivery watch: read the \(Self.byteLimit)-byte limit of \(path) this run; the rest next run")
                }
                for line in chunk.lines {
                    line.withUnsafeBufferPointer { tally.add(PostfixLogRecord(lineBytes: $0)) }
                }
                tally.lines = chunk.lines.count
                state.position = position
            default:
                let reader = JournalReader(journalFile: context.configuration.journalFile,
                                           entryLimit: Self.entryLimit, runner: context.tools.runner)
                let (entries, cursor, capped) = try await reader.read(after: state.journalCursor)
                if capped {
                    context.logger.notice("delivery watch: read the \(Self.entryLimit)-entry limit of the journal this run; the rest next run")
                }
                for entry in entries {
                    guard let program = entry.identifier, let message = entry.message else { continue }
                    let line = PostfixLogLine(program: program, pid: entry.processID ?? 0, message: message,
                                              timestamp: entry.realtime.flatMap(PostfixLogTimestamp.init(journalRealtime:)))
                    tally.add(line.record)
                }
                tally.lines = entries.count
                state.journalCursor = cursor
            }
        } catch {
            state.readErrors += 1
            state.lastError = error.description
            state.lastErrorAt = now
            context.logger.warning("delivery watch: \(error.description) (the sync goes on)")
            return
        }
        tally.apply(to: &state)
        state.lastReadAt = now
        state.lastReadLines = tally.lines
        state.lastError = nil
        state.lastErrorAt = nil
        let elapsed = started.duration(to: .now).components
        let milliseconds = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
        context.logger.info("delivery watch read the mail log", metadata: [
            "source": "\(source)", "lines": "\(tally.lines)", "ms": "\(milliseconds)",
        ])
        for (key, count) in tally.newPolicyDeferrals.sorted(by: { $0.key < $1.key }) {
            context.logger.warning("policy deferrals for \(key): mail to this key's destinations is being deferred by its TLS policy",
                                   metadata: ["key": "\(key)", "deferrals": "\(count)"])
        }
    }

    /// One run's counts, applied to the state at the end (a failed read changes no count).
    private struct Tally {
        /// The live map: its keys are read on the first line to count, so that a run with
        /// nothing new in the log (most of them) does not read the whole table.
        let map: MapLocation
        let now: Date
        private var lookup: PolicyLookup<Void>?
        var lines = 0
        var delivered: [String: Int] = [:]
        var policyDeferrals: [String: [(time: Date, failure: String)]] = [:]
        var newPolicyDeferrals: [String: Int] { policyDeferrals.mapValues(\.count) }

        init(map: MapLocation, now: Date) {
            self.map = map
            self.now = now
        }

        mutating func add(_ record: PostfixLogRecord?) {
            guard case .delivery(let delivery)? = record else { return }
            if lookup == nil {
                lookup = PolicyLookup(PolicyTable.storedKeys(in: map.readSource() ?? []).map { (key: $0, value: ()) })
            }
            guard let key = lookup?.match(domain: delivery.recipientDomain)?.key else { return }
            if delivery.status == .sent {
                delivered[key, default: 0] += 1
            } else if let failure = delivery.tlsPolicyFailure {
                policyDeferrals[key, default: []].append((time(of: delivery.timestamp), failure.rawValue))
            }
        }

        /// The line's time; a syslog stamp without a year is read in this year (last
        /// year when that would be more than a day ahead); never later than now.
        private func time(of stamp: PostfixLogTimestamp?) -> Date {
            guard let stamp else { return now }
            let year = Calendar(identifier: .gregorian).component(.year, from: now)
            guard var date = stamp.date(year: year) else { return now }
            if date > now.addingTimeInterval(86_400), let earlier = stamp.date(year: year - 1) { date = earlier }
            return min(date, now)
        }

        func apply(to state: inout DeliveryWatchState) {
            for (key, count) in delivered { state.keys[key, default: PolicyKeyDeliveries()].delivered += count }
            for (key, deferrals) in policyDeferrals {
                for deferral in deferrals {
                    state.keys[key, default: PolicyKeyDeliveries()].countPolicyDeferral(at: deferral.time, failure: deferral.failure)
                }
            }
            for key in state.keys.keys { state.keys[key]?.prune(now: now) }
        }
    }
}
