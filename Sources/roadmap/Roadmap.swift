import ArgumentParser
import RoadmapKit

@main
struct Roadmap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roadmap",
        abstract: "Keep a product roadmap and a marketing roadmap in git, and check one against the other."
    )
}
