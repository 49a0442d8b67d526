import Foundation
import Testing
import Yams
@testable import RoadmapKit

/// Throughput of our parser and of Yams `compose` on the same corpus of typical item files.
/// Not a test of speed: disabled unless ROADMAP_BENCH=1, it prints figures and asserts nothing
/// about time. Run: ROADMAP_BENCH=1 swift test -c release --filter "YAML Format benchmark"
@Suite("YAML Format benchmark")
struct YAMLBenchmark {
    static func item(_ i: Int) -> String {
        """
        # Release \(i)
        kind: release
        title: "Billing v\(i)"
        status: planned
        owner: '@team-\(i % 7)'
        date: 2026-0\(i % 9 + 1)-15
        version: \(i).0.0
        tier: \(["major", "minor", "patch"][i % 3])
        marketing: required
        tags: [billing, payments, q\(i % 4 + 1)]
        theme: theme-\(i % 5)
        start: 2026-Q1
        end: 2026-Q2
        waive:
          launch-lag: {reason: "agreed with marketing", until: 2026-09-01}
        channels:
          - email
          - blog
          - webinar

        description: |
          The billing rewrite ships invoices, dunning and tax handling
          for every region. It replaces the legacy engine (see #\(i)).

          Rollout is staged: 10 %, 50 %, then everyone.
        x-jira: BILL-\(i)   # tracking ticket

        """
    }

    /// One round over the corpus, in its own function so that
    /// `valgrind --tool=callgrind --toggle-collect='*YAMLBenchmark*parseAll*'` counts exactly the
    /// parses (and the documents' deallocation): instructions / 10 = per round of 1,000 items.
    @inline(never)
    static func parseAll(_ files: [[UInt8]]) throws -> Int {
        var sink = 0
        for f in files { sink &+= try YAMLParser.parse(f).root.pairs?.count ?? 0 }
        return sink
    }

    @Test("prints MB/s for our parser and for Yams compose", .enabled(if: ProcessInfo.processInfo.environment["ROADMAP_BENCH"] == "1"))
    func throughput() throws {
        let files = (0..<2000).map { Array(Self.item($0).utf8) }
        let strings = files.map { String(decoding: $0, as: UTF8.self) }
        let total = Double(files.reduce(0) { $0 + $1.count })
        func timeBest(_ rounds: Int, _ body: () throws -> Void) rethrows -> Double {
            let clock = ContinuousClock()
            var best = Double.infinity
            for _ in 0..<rounds {
                let t = clock.measure { try? body() }
                best = min(best, Double(t.components.seconds) + Double(t.components.attoseconds) / 1e18)
            }
            return best
        }
        var sink = 0
        let ours = try timeBest(5) { sink &+= try Self.parseAll(files) }
        let yams = try timeBest(2) {
            for s in strings { if try Yams.compose(yaml: s, .basic) != nil { sink &+= 1 } }
        }
        print(String(format: "YAML benchmark: %d files, %.0f KB; ours %.1f MB/s, Yams compose %.1f MB/s (%.0fx) [sink %d]",
                     files.count, total / 1024, total / ours / 1e6, total / yams / 1e6, yams / ours, sink))
        #expect(sink > 0)
    }
}
