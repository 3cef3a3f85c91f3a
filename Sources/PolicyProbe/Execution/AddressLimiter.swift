/// At most `limit` probe sessions at once to one address, so that hundreds of entries
/// sharing a provider's MX host never look like a flood to it.
actor AddressLimiter {
    private let limit: Int
    private var active: [String: Int] = [:]
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Waits until a session slot for `address` is free and takes it.
    func acquire(_ address: String) async {
        if active[address, default: 0] < limit {
            active[address, default: 0] += 1
            return
        }
        await withCheckedContinuation { continuation in
            waiting[address, default: []].append(continuation)
        }
    }

    /// Gives a slot back, handing it straight to the next waiter if there is one.
    func release(_ address: String) {
        if var queue = waiting[address], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[address] = queue.isEmpty ? nil : queue
            next.resume()
            return
        }
        let count = active[address, default: 1] - 1
        active[address] = count > 0 ? count : nil
    }
}
