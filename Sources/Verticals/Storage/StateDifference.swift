import Foundation

/// One row or object on which verticals' ``StateDigest``s disagree, and what each holds: the
/// detail of a failed convergence check and each line of `simctl audit`.
public struct StateDifference: Sendable, Equatable, CustomStringConvertible {
    /// What one vertical holds of the differing row or object.
    public struct Holding: Sendable, Equatable {
        public let vertical: String
        /// The vertical's entry, nil when it holds no such row or object.
        public let entry: StateDigest.Entry?
    }

    public let item: StateDigest.Item
    /// Every vertical's holding, in the order the digests were given.
    public let holdings: [Holding]

    /// `runbook id=r1: aws hlc 5 origin aws (sha256 1a2b3c4d5e6f), scaleway absent`.
    public var description: String {
        let held = holdings.map { holding in
            guard let entry = holding.entry else { return "\(holding.vertical) absent" }
            return "\(holding.vertical) \(entry.version) (sha256 \(entry.sha256Hex.prefix(12)))"
        }
        return "\(item): \(held.joined(separator: ", "))"
    }

    /// Every row and object whose digest is not the same on all `digests` (absent counts as a
    /// value), in the canonical order of ``StateDigest``: tables in ``ReplicatedTable/all`` order
    /// by key, then objects by key. Empty when the state digests are equal.
    public static func between(_ digests: [(vertical: String, digest: StateDigest)]) -> [StateDifference] {
        guard let first = digests.first, !digests.allSatisfy({ $0.digest.sha256Hex == first.digest.sha256Hex })
        else { return [] }
        let byItem = digests.map { digest in
            Dictionary(digest.digest.entries.map { ($0.item, $0) }, uniquingKeysWith: { first, _ in first })
        }
        var items: [StateDigest.Item] = []
        var seen: Set<StateDigest.Item> = []
        for digest in digests {
            for entry in digest.digest.entries where seen.insert(entry.item).inserted { items.append(entry.item) }
        }
        items.sort(by: canonicallyPrecedes)
        return items.compactMap { item in
            let held = byItem.map { $0[item] }
            let reference = held[0]?.sha256Hex
            guard held.contains(where: { $0?.sha256Hex != reference }) else { return nil }
            return StateDifference(
                item: item,
                holdings: digests.indices.map { Holding(vertical: digests[$0].vertical, entry: held[$0]) })
        }
    }

    /// The canonical order of entries: tables in ``ReplicatedTable/all`` order, rows by key, then
    /// objects; keys compared bytewise as UTF-8, column by column (SQLite's binary collation).
    static func canonicallyPrecedes(_ lhs: StateDigest.Item, _ rhs: StateDigest.Item) -> Bool {
        func rank(_ item: StateDigest.Item) -> (Int, [String]) {
            switch item {
            case .row(let table, let key):
                return (ReplicatedTable.all.firstIndex { $0.name == table } ?? ReplicatedTable.all.count, key)
            case .object(let key):
                return (ReplicatedTable.all.count + 1, [key])
            }
        }
        let (left, right) = (rank(lhs), rank(rhs))
        if left.0 != right.0 { return left.0 < right.0 }
        for (a, b) in zip(left.1, right.1) where a != b {
            return a.utf8.lexicographicallyPrecedes(b.utf8)
        }
        return left.1.count < right.1.count
    }
}
