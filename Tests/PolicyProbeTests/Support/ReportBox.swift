import PolicyProbe

/// Carries a probe report from the task that made it to the waiting test thread
/// (written once, before the semaphore that the reader waits on is signalled).
final class ReportBox: @unchecked Sendable {
    var report: ProbeRunReport?
}
