/// Counts finished entries for progress reports.
actor ProgressCounter {
    private var done = 0
    func increment() -> Int {
        done += 1
        return done
    }
}
