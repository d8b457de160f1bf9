import Sim

/// Where each component of a topology sits in the drawing: rows of registrars, domains, the
/// edge, then one column per vertical (compute above database and bucket).
///
/// Verticals are spread evenly; a domain that points straight at one vertical sits above it; a
/// domain behind the edge sits above the middle of its targets, moved aside when that place is
/// taken; a registrar sits above its domains.
struct TopologyLayout {
    /// A rectangle of the drawing.
    struct Box: Equatable {
        var x: Double
        var y: Double
        var w: Double
        var h: Double
        var cx: Double { x + w / 2 }
        var cy: Double { y + h / 2 }
        var bottom: Double { y + h }
        var right: Double { x + w }
    }

    /// The parts of a vertical a fault may hit.
    enum Part {
        case column, compute, database, bucket
    }

    static let registrarY = 44.0
    static let registrarHeight = 40.0
    static let domainY = 116.0
    static let domainHeight = 46.0
    static let edgeY = 200.0
    static let edgeHeight = 58.0
    static let columnY = 300.0
    static let computeHeight = 86.0
    static let storageHeight = 36.0

    let width: Double
    let height: Double
    let columns: [Box]
    let compute: [Box]
    let database: [Box]
    let bucket: [Box]
    let domains: [Box]
    /// Registrars in first-use order, with their boxes.
    let registrars: [(name: String, box: Box)]
    let edge: Box?
    /// y of the arcs drawn below the columns for sync links between non-adjacent verticals.
    let arcY: Double

    init(topology: Topology) {
        let count = max(topology.verticals.count, 1)
        width = max(1100, Double(count) * 340 + 60)
        let slot = (width - 60) / Double(count)
        let columnWidth = min(330, slot - 84)
        var columns: [Box] = []
        var compute: [Box] = []
        var database: [Box] = []
        var bucket: [Box] = []
        for index in 0..<topology.verticals.count {
            let cx = 30 + slot * (Double(index) + 0.5)
            let column = Box(
                x: cx - columnWidth / 2, y: Self.columnY,
                w: columnWidth, h: 28 + Self.computeHeight + 10 + 2 * Self.storageHeight + 8 + 12)
            columns.append(column)
            compute.append(Box(x: column.x + 12, y: column.y + 28, w: column.w - 24, h: Self.computeHeight))
            let storageY = column.y + 28 + Self.computeHeight + 10
            database.append(Box(x: column.x + 12, y: storageY, w: column.w - 24, h: Self.storageHeight))
            bucket.append(
                Box(x: column.x + 12, y: storageY + Self.storageHeight + 8, w: column.w - 24, h: Self.storageHeight))
        }
        self.columns = columns
        self.compute = compute
        self.database = database
        self.bucket = bucket
        let columnBottom = columns.first?.bottom ?? Self.columnY
        let hasArcs = topology.verticals.count > 2
        arcY = columnBottom + 46
        height = columnBottom + (hasArcs ? 84 : 40) + 24

        let domainWidth = min(210, slot - 20)
        let centres = Self.domainCentres(
            topology, columnCentres: columns.map(\.cx), boxWidth: domainWidth, width: width)
        domains = centres.map {
            Box(x: $0 - domainWidth / 2, y: Self.domainY, w: domainWidth, h: Self.domainHeight)
        }
        var registrars: [(String, Box)] = []
        let registrarWidth = min(180, domainWidth)
        for (index, domain) in topology.domains.enumerated()
        where !registrars.contains(where: { $0.0 == domain.registrar }) {
            let owned = topology.domains.indices.filter { topology.domains[$0].registrar == domain.registrar }
            let cx = owned.map { centres[$0] }.reduce(0, +) / Double(owned.count)
            _ = index
            registrars.append(
                (
                    domain.registrar,
                    Box(x: cx - registrarWidth / 2, y: Self.registrarY, w: registrarWidth, h: Self.registrarHeight)
                ))
        }
        self.registrars = registrars
        if topology.edge != nil, let fronted = topology.domains.firstIndex(where: { $0.edge != nil }) {
            let edgeWidth = min(250, slot)
            edge = Box(x: centres[fronted] - edgeWidth / 2, y: Self.edgeY, w: edgeWidth, h: Self.edgeHeight)
        } else {
            edge = nil
        }
    }

    /// Domain centres: a direct domain above its vertical, an edge domain above the middle of
    /// its targets or at the nearest free place; overlaps between direct domains are pushed right.
    static func domainCentres(_ topology: Topology, columnCentres: [Double], boxWidth: Double, width: Double)
        -> [Double]
    {
        let gap = boxWidth + 16
        func centre(of targets: [String]) -> Double {
            let xs = targets.compactMap { id in topology.verticals.firstIndex { $0.id == id } }.map {
                columnCentres[$0]
            }
            return xs.isEmpty ? width / 2 : xs.reduce(0, +) / Double(xs.count)
        }
        var placed: [Int: Double] = [:]
        // Direct domains first, left to right, pushed right when they would overlap.
        let direct = topology.domains.indices.filter { topology.domains[$0].edge == nil }
            .sorted { (centre(of: topology.domains[$0].targets), $0) < (centre(of: topology.domains[$1].targets), $1) }
        var lastX = -Double.infinity
        for index in direct {
            let x = max(centre(of: topology.domains[index].targets), lastX + gap)
            placed[index] = x
            lastX = x
        }
        // Edge domains: the free spot nearest the middle of their targets.
        for index in topology.domains.indices where topology.domains[index].edge != nil {
            let wanted = centre(of: topology.domains[index].targets)
            let taken = placed.values.sorted()
            var best = wanted
            var bestDistance = Double.infinity
            var candidate = boxWidth / 2 + 10
            while candidate <= width - boxWidth / 2 - 10 {
                if taken.allSatisfy({ abs($0 - candidate) >= gap }), abs(candidate - wanted) < bestDistance {
                    best = candidate
                    bestDistance = abs(candidate - wanted)
                }
                candidate += 5
            }
            placed[index] = best
        }
        return topology.domains.indices.map { placed[$0] ?? width / 2 }
    }

    /// The box of `part` of vertical `index`.
    func box(_ part: Part, _ index: Int) -> Box {
        switch part {
        case .column: return columns[index]
        case .compute: return compute[index]
        case .database: return database[index]
        case .bucket: return bucket[index]
        }
    }
}
