import Foundation
import Verticals

/// A line of a shard's output that `simctl fuzz merge` cannot use (exit status 2).
public struct FuzzMergeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// Column within the line (1-based).
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int = 1, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

extension FuzzSummary {
    /// Combines the JSON lines of several campaigns (shards of one range, usually) into one
    /// summary. Seed lines are the truth; summary lines contribute their base, range and slice so
    /// that seeds nobody reported are counted as missing. The result does not depend on the order
    /// of files or lines. A seed reported twice must have the same verdict both times.
    public static func merge(_ files: [(name: String, text: String)]) throws(FuzzMergeError) -> FuzzSummary {
        var outcomes: [UInt64: FuzzSeedOutcome] = [:]
        var duplicates = 0
        var bases = Set<String>()
        var ranges = Set<String>()
        var shards = Set<String>()
        for (name, text) in files {
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let leading = line.prefix { $0 == " " || $0 == "\t" || $0 == "\r" }.utf8.count
                if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
                let located = { (problem: FuzzLineError) in
                    FuzzMergeError(file: name, line: index + 1, column: problem.column, message: problem.message)
                }
                let value: JSONValue
                do {
                    value = try JSONValue.parse(line.utf8)
                } catch {
                    throw located(
                        FuzzLineError(
                            column: error.offset + 1,
                            "\(error.reason) (expected a JSON line written by simctl fuzz --json)"))
                }
                guard case .object = value else {
                    throw located(
                        FuzzLineError(column: leading + 1, "expected a JSON object written by simctl fuzz --json"))
                }
                if value["summary"] == .bool(true) {
                    do {
                        bases.formUnion(try names("bases", in: value))
                        ranges.formUnion(try names("seeds_range", in: value))
                        shards.formUnion(try names("shards", in: value))
                    } catch {
                        throw located(error)
                    }
                    continue
                }
                let outcome: FuzzSeedOutcome
                do {
                    outcome = try FuzzSeedOutcome(json: value)
                } catch {
                    throw located(
                        FuzzLineError(
                            "\(error.message) (expected a seed line: seed, pass, failed, faults, requests, wall_ms; or a summary line)"
                        ))
                }
                if let earlier = outcomes[outcome.seed] {
                    guard earlier.sameVerdict(as: outcome) else {
                        throw located(FuzzLineError("seed \(outcome.seed) is reported again with a different result"))
                    }
                    duplicates += 1
                    continue
                }
                outcomes[outcome.seed] = outcome
            }
        }
        let all = outcomes.values.sorted { $0.seed < $1.seed }
        var summary = FuzzSummary(
            bases: bases.sorted(), ranges: ranges.sorted(), shards: shards.sorted(by: shardOrder), seeds: all.count,
            passed: all.filter(\.pass).count, failures: all.filter { !$0.pass }, checks: [:],
            missing: try missingSeeds(ranges: ranges.sorted(), seen: all.map(\.seed), file: files.first?.name ?? ""),
            duplicates: duplicates, wallMs: all.reduce(0) { $0 + $1.wallMs }, seedsPerMinute: nil)
        for failure in summary.failures { for name in failure.failed { summary.checks[name, default: 0] += 1 } }
        return summary
    }

    /// The list of strings under `key` of a summary line.
    static func names(_ key: String, in summary: JSONValue) throws(FuzzLineError) -> [String] {
        guard let value = summary[key] else { throw FuzzLineError("summary line without `\(key)`") }
        guard case .array(let items) = value else {
            throw FuzzLineError("summary field `\(key)` is \(value.serialized()) (expected a list of strings)")
        }
        var names: [String] = []
        for item in items {
            guard case .string(let name) = item else {
                throw FuzzLineError("summary field `\(key)` holds \(item.serialized()) (expected a string)")
            }
            names.append(name)
        }
        return names
    }

    static func shardOrder(_ a: String, _ b: String) -> Bool {
        func key(_ text: String) -> (Int, Int) {
            let parts = text.split(separator: "/").compactMap { Int($0) }
            return parts.count == 2 ? (parts[1], parts[0]) : (Int.max, Int.max)
        }
        return key(a) != key(b) ? key(a) < key(b) : a < b
    }

    /// Seeds inside the union of `ranges` that `seen` (sorted) lacks.
    static func missingSeeds(ranges: [String], seen: [UInt64], file: String) throws(FuzzMergeError) -> Int {
        var intervals: [(UInt64, UInt64)] = []
        for text in ranges {
            let selection: SeedSelection
            do {
                selection = try SeedSelection.parse(seeds: text, shard: nil)
            } catch {
                throw FuzzMergeError(
                    file: file, line: 1, message: "summary names an invalid seed range \(text): \(error)")
            }
            intervals.append((selection.first, selection.last))
        }
        intervals.sort { $0 < $1 }
        var merged: [(UInt64, UInt64)] = []
        for interval in intervals {
            if let last = merged.last, interval.0 <= last.1 &+ 1 {
                merged[merged.count - 1].1 = max(last.1, interval.1)
            } else {
                merged.append(interval)
            }
        }
        var missing: UInt64 = 0
        for (low, high) in merged {
            let inside = seen.filter { $0 >= low && $0 <= high }.count
            missing += (high - low + 1) - UInt64(inside)
        }
        return Int(missing)
    }
}
