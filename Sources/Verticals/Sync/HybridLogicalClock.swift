/// A hybrid logical clock (Kulkarni et al. 2014): physical milliseconds in the high 48 bits, a
/// logical counter in the low 16. Timestamps from one vertical strictly increase, and a vertical
/// that has seen a peer's timestamp never issues a smaller one, so last-writer-wins on
/// `(hlc, vertical id)` respects causality across verticals.
public struct HybridLogicalClock: Sendable {
    /// Bits of the logical counter.
    public static let counterBits: Int64 = 16
    private(set) var lastMs: Int64 = 0
    private(set) var counter: Int64 = 0
    /// True when the `hybrid-clock` mechanism is removed: timestamps are the vertical's physical
    /// clock reading alone (counter zero), and remote timestamps are not folded in, as in a
    /// last-writer-wins built on wall-clock time.
    public let physicalOnly: Bool

    /// A clock; `physicalOnly` is the `hybrid-clock` ablation.
    public init(physicalOnly: Bool = false) {
        self.physicalOnly = physicalOnly
    }

    /// Packs a physical millisecond and counter into one comparable value.
    public static func pack(ms: Int64, counter: Int64) -> Int64 { (ms << counterBits) | counter }
    /// The physical milliseconds of a packed timestamp.
    public static func physicalMs(_ hlc: Int64) -> Int64 { hlc >> counterBits }

    /// A new timestamp for a local event at physical time `physicalUs`.
    public mutating func tick(physicalUs: Int64) -> Int64 {
        let ms = physicalUs / 1_000
        // The one place the `hybrid-clock` mechanism lives.
        if physicalOnly { return Self.pack(ms: max(0, ms), counter: 0) }
        if ms > lastMs {
            lastMs = ms
            counter = 0
        } else {
            counter += 1
            if counter >= 1 << Self.counterBits {
                // The counter overflowed within one millisecond: borrow the next millisecond.
                lastMs += 1
                counter = 0
            }
        }
        return Self.pack(ms: lastMs, counter: counter)
    }

    /// Folds in a remote timestamp. Returns false, changing nothing, when `remote` is more than
    /// `toleranceUs` ahead of local physical time (a peer with a runaway clock).
    @discardableResult
    public mutating func observe(_ remote: Int64, physicalUs: Int64, toleranceUs: Int64) -> Bool {
        let remoteMs = Self.physicalMs(remote)
        guard remoteMs <= (physicalUs + toleranceUs) / 1_000 else { return false }
        if physicalOnly { return true }
        let remoteCounter = remote & ((1 << Self.counterBits) - 1)
        if remoteMs > lastMs {
            lastMs = remoteMs
            counter = remoteCounter
        } else if remoteMs == lastMs {
            counter = max(counter, remoteCounter)
        }
        return true
    }
}
