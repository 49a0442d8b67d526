import Foundation
import Testing

/// Issue 17 through the binary: `roadmap forecast` on the example roadmap.
@Suite("CLI: forecast")
struct ForecastCLITests {
    @Test func forecastPrintsPercentilesAndSaysItFellBack() throws {
        let s = try Scratch()
        let demo = try s.example()
        let table = try s.roadmap("forecast", "--today", "2026-12-02", in: demo)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("P50") && table.stdout.contains("billing-v2"))
        // The example's history holds one date that held: too thin, and the output says so.
        #expect(table.stdout.contains("fallback: the history is too thin"))
        #expect(table.stdout.contains("LAUNCH BEFORE SHIP DAY"))

        let json = try s.roadmap("forecast", "billing-v2", "--format", "json", "--seed", "5", "--samples", "300", "--today", "2026-12-02", in: demo)
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 1 && document["fallback"] as? Bool == true)
        let items = try #require(document["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == ["billing-v2"])
        let again = try s.roadmap("forecast", "billing-v2", "--format", "json", "--seed", "5", "--samples", "300", "--today", "2026-12-02", in: demo)
        #expect(again.stdout == json.stdout)

        let backtest = try s.roadmap("forecast", "--backtest", "--today", "2026-12-02", in: demo)
        #expect(backtest.status == 0, "\(backtest.stderr)")
        #expect(backtest.stdout.contains("≤ P80") && backtest.stdout.contains("too few to judge"))
    }

    @Test func badInputIsOneLineAndExitTwo() throws {
        let s = try Scratch()
        let demo = try s.example()
        for arguments in [["forecast", "no-such-item"], ["forecast", "--samples", "0"], ["forecast", "--at", "2026-13-01"],
                          ["forecast", "--backtest", "--at", "2026-11-01"], ["timeline", "--forecast"]] {
            let result = try s.roadmap(arguments, in: demo)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
        let unknown = try s.roadmap("forecast", "no-such-item", in: demo)
        #expect(unknown.stderr == "roadmap: error: no item 'no-such-item' in the roadmap; check the id with 'roadmap list'\n")
    }

    @Test func exportDrawsWhiskersOnlyWhenAsked() throws {
        let s = try Scratch()
        let demo = try s.example()
        let plain = try s.roadmap("export", "--format", "html", "--today", "2026-12-02", in: demo)
        #expect(plain.status == 0 && !plain.stdout.contains("class=\"whisker\""))
        let drawn = try s.roadmap("export", "--format", "html", "--forecast", "--today", "2026-12-02", in: demo)
        #expect(drawn.status == 0, "\(drawn.stderr)")
        #expect(drawn.stdout.contains("class=\"whisker\"") && drawn.stdout.contains("forecast P50 "))
    }
}
