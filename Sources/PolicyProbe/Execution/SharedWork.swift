/// Work done once per key however many callers ask for it: the first caller starts the
/// task, later ones await the same task (one MX lookup per domain, one probe per
/// address and settings).
actor SharedWork<Key: Hashable & Sendable, Value: Sendable> {
    private var tasks: [Key: Task<Value, Never>] = [:]

    /// The value for `key`, computing it with `work` only the first time.
    func value(for key: Key, _ work: @escaping @Sendable () async -> Value) async -> Value {
        if let task = tasks[key] { return await task.value }
        let task = Task { await work() }
        tasks[key] = task
        return await task.value
    }

    /// How many distinct keys were computed.
    var count: Int { tasks.count }
}
