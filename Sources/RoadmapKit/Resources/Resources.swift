/// The files the tool carries with it: item templates, the example roadmap and the git hooks.
public enum Resources {
    /// The contents of `relativePath` (e.g. `templates/release.yaml`), nil when not shipped.
    public static func text(_ relativePath: String) -> String? {
        EmbeddedResources.files[relativePath]
    }

    /// Every shipped path, sorted.
    public static var paths: [String] { EmbeddedResources.files.keys.sorted() }
}
