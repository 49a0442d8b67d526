import ArgumentParser
import RoadmapKit

extension ReviewFormat: ExpressibleByArgument {}
extension ListFormat: ExpressibleByArgument {}
extension Kind: ExpressibleByArgument {}

/// `--audience`: an unknown name is a usage error naming the four.
extension Audience: ExpressibleByArgument {}

/// The `--audience` option of every read, view and export command (SPEC §12).
struct AudienceOption: ParsableArguments {
    @Option(help: ArgumentHelp("Show the roadmap as this audience sees it: public, stakeholders, key or team.", valueName: "AUDIENCE"))
    var audience: Audience = .team
}
