import Foundation
import RoadmapKit
import Testing

/// The binary carries templates/, hooks/ and web/; this fails while the embedded copy is stale
/// (run scripts/embed-resources.sh).
@Suite("Embedded resources")
struct EmbeddedResourcesTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyTemplateAndHookIsEmbeddedAsItIsOnDisk() throws {
        var onDisk: [String] = []
        for folder in ["templates", "hooks", "web"] {
            let base = Self.packageRoot.appendingPathComponent(folder)
            let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])
            while let url = walker?.nextObject() as? URL {
                guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
                let relative = folder + "/" + url.path.dropFirst(base.path.count + 1)
                onDisk.append(relative)
                let text = try String(contentsOf: url, encoding: .utf8)
                #expect(Resources.text(relative) == text, "\(relative) differs from its embedded copy: run scripts/embed-resources.sh")
            }
        }
        #expect(Resources.paths == onDisk.sorted())
        #expect(onDisk.contains("templates/release.yaml"))
    }
}
