/// The `limit` destinations with the most deliveries, most first, ties by domain name
/// (the report's order), chosen from any number offered one at a time without sorting them
/// all: offers collect until there are twice `limit`, then the best `limit` are kept, so
/// that the work is about n log(limit) for n offers, and most offers (below the last kept
/// one) cost one comparison.
struct TopDestinations {
    let limit: Int
    private var kept: [(domain: String, delivered: Int)] = []
    /// The last of the best `limit` after the latest cut: an offer that does not precede it
    /// can never be among them.
    private var floor: (domain: String, delivered: Int)?

    init(limit: Int) {
        self.limit = max(limit, 0)
    }

    /// Considers one destination.
    mutating func offer(domain: String, delivered: Int) {
        if let floor, !Self.precedes((domain, delivered), floor) { return }
        kept.append((domain, delivered))
        if kept.count >= 2 * limit, limit > 0 { cut() }
    }

    /// The best `limit`, in report order.
    var ranked: [String] {
        var top = self
        top.cut()
        return top.kept.map(\.domain)
    }

    private mutating func cut() {
        kept.sort(by: Self.precedes)
        if kept.count > limit { kept.removeLast(kept.count - limit) }
        floor = kept.count == limit ? kept.last : nil
    }

    /// Report order: more deliveries first, then domain names in ascending order.
    private static func precedes(_ a: (domain: String, delivered: Int), _ b: (domain: String, delivered: Int)) -> Bool {
        a.delivered != b.delivered ? a.delivered > b.delivered : a.domain < b.domain
    }
}
