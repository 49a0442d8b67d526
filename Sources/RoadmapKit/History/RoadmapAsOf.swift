import Foundation
import GitKit

/// The roadmap as a branch held it at a past moment (`--at DATE`).
public enum RoadmapAsOf {
    /// The commit `branch` held at the end of `day` (`YYYY-MM-DD`) in `timeZone`: the first
    /// commit on the branch's first-parent history whose committer date is at or before that
    /// day's last second. nil when the branch has no commit that old (or the history stops
    /// at a shallow boundary before one). Throws for an unknown branch or a bad day.
    public static func commit(in repository: Repository, onBranch branch: String, endOfDay day: String,
                              timeZone: TimeZone = .current) throws -> ObjectID? {
        guard let date = RoadmapDate(day), date.precision == .day else {
            throw AsOfError.invalidDay(day)
        }
        let tip: ObjectID
        if let target = try repository.referenceTarget("refs/heads/\(branch)") {
            tip = target
        } else {
            tip = try repository.resolveCommit(branch)
        }
        let limit = start(ofDay: date.firstDay + 1, in: timeZone)
        let shallow = try repository.shallowCommitIDs()
        var current: ObjectID? = tip
        while let id = current {
            let info = try repository.commit(id)
            if info.committer.date < limit { return id }
            current = shallow.contains(id) ? nil : info.parents.first
        }
        return nil
    }

    /// The first second of a day (days since 1970-01-01) in a time zone (offsets can differ
    /// by day).
    static func start(ofDay day: Int, in timeZone: TimeZone) -> Date {
        let midnightUTC = Date(timeIntervalSince1970: TimeInterval(day * 86_400))
        let offset = timeZone.secondsFromGMT(for: midnightUTC.addingTimeInterval(-TimeInterval(timeZone.secondsFromGMT(for: midnightUTC))))
        return midnightUTC.addingTimeInterval(-TimeInterval(offset))
    }

    public enum AsOfError: Error, Sendable, Equatable, CustomStringConvertible {
        case invalidDay(String)

        public var description: String {
            switch self {
            case let .invalidDay(day): return "'\(day)' is not a day; write it as YYYY-MM-DD"
            }
        }
    }
}
