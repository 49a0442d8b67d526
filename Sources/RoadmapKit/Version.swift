public enum RoadmapKitVersion { public static let string = "0.1.0" }
