import Foundation

/// Reads the JSON of `gh project item-list NUMBER --owner OWNER --format json` into a table.
///
/// The shape follows the GitHub CLI's serializer (cli/cli, pkg/cmd/project/shared/format/json.go):
/// `{"items": [...], "totalCount": N}`; each item has `id` (`PVTI_…`), `content` (`type` Issue,
/// PullRequest or DraftIssue, `title`, `body`, and for issues and pull requests `number`,
/// `repository`, `url`), and one key per project field, named by the field's name with its
/// first letter lower-cased: `title`, `status` (a single-select's option name), `assignees` and
/// `labels` (lists), `iteration` (`{title, startDate, duration}`), `milestone` (`{title,
/// description, dueOn}`), date fields as `YYYY-MM-DD`, numbers and text as they are.
///
/// The key of an item is its issue or pull request URL (stable when the item moves between
/// projects), or for a draft its project item id. An iteration or milestone becomes a release
/// whose date is the iteration's last day or the milestone's due day.
enum GitHubProjectReader {
    /// The column holding each item's key.
    static let keyColumn = "item key"

    static func read(_ bytes: [UInt8], path: String) throws(ImportInputError) -> SourceTable {
        let body = try SourceText.decode(bytes, path: path)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(body), options: [])
        } catch {
            throw ImportInputError(path: path, location: nil, "not valid JSON (\(describe(error))); give the output of gh project item-list --format json")
        }
        guard let document = object as? [String: Any], let items = document["items"] as? [Any] else {
            throw ImportInputError(path: path, location: nil, "expected an object with an \"items\" list, as gh project item-list --format json writes")
        }
        var columns: [String] = [keyColumn]
        var known = Set(columns)
        var rows: [SourceTable.Row] = []
        var releaseDates: [String: String] = [:]
        for (index, element) in items.enumerated() {
            let label = "items[\(index)]"
            guard let item = element as? [String: Any] else {
                throw ImportInputError(path: path, location: nil, "\(label): an item is an object")
            }
            var values: [SourceTable.Value] = []
            func add(_ column: String, _ text: String) {
                if known.insert(column).inserted { columns.append(column) }
                values.append(SourceTable.Value(column: column, text: text, location: nil))
            }
            let content = item["content"] as? [String: Any] ?? [:]
            let url = content["url"] as? String
            guard let key = (url?.isEmpty == false ? url : nil) ?? item["id"] as? String, !key.isEmpty else {
                throw ImportInputError(path: path, location: nil, "\(label): the item has neither a content url nor an id")
            }
            add(keyColumn, key)
            for name in ["type", "url", "repository", "number", "body"] {
                if let value = content[name], let text = scalarText(value) { add(name == "body" ? "body" : "content.\(name)", text) }
            }
            if item["title"] == nil, let title = content["title"] as? String { add("title", title) }
            for name in item.keys.sorted() where name != "id" && name != "content" {
                guard let value = item[name] else { continue }
                if let list = value as? [Any] {
                    for entry in list {
                        if let text = scalarText(entry) { add(name, name == "assignees" ? "@" + text : text) }
                    }
                } else if let object = value as? [String: Any] {
                    // An iteration or a milestone: its title names a release with a date.
                    guard let title = object["title"] as? String else { continue }
                    add(name, title)
                    if let start = object["startDate"] as? String, let duration = object["duration"] as? Int,
                       let first = RoadmapDate(start), first.precision == .day, duration > 0 {
                        let last = RoadmapDate.civil(fromDayNumber: first.firstDay + duration - 1)
                        releaseDates[title] = RoadmapDate.format(year: last.year, month: last.month, day: last.day)
                    } else if let due = object["dueOn"] as? String, let day = ImportDate.parse(due) {
                        releaseDates[title] = day
                    }
                } else if let text = scalarText(value) {
                    add(name, text)
                }
            }
            rows.append(SourceTable.Row(values: values, location: nil, label: label))
        }
        return SourceTable(path: path, columns: columns, rows: rows, releaseDates: releaseDates)
    }

    static func scalarText(_ value: Any) -> String? {
        if let s = value as? String { return s }
        if let n = value as? NSNumber {
            // JSON numbers: whole ones without a fraction (issue numbers, story points).
            let d = n.doubleValue
            return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        }
        return nil
    }

    static func describe(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        return text.replacingOccurrences(of: "\n", with: " ")
    }
}
