import ArgumentParser
import RoadmapKit

extension ReviewFormat: ExpressibleByArgument {}
extension ListFormat: ExpressibleByArgument {}
extension Kind: ExpressibleByArgument {}
