import Foundation

/// Validates a JSON instance against a JSON Schema with Python's `jsonschema` (run through
/// Foundation `Process`); returns the validation errors, empty when the instance is valid.
func jsonSchemaErrors(instance: String, schema: String, validator: String) throws -> [String] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("roadmap-schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let schemaURL = dir.appendingPathComponent("schema.json"), instanceURL = dir.appendingPathComponent("instance.json")
    try schema.write(to: schemaURL, atomically: true, encoding: .utf8)
    try instance.write(to: instanceURL, atomically: true, encoding: .utf8)
    let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1])); instance = json.load(open(sys.argv[2]))
        cls = getattr(jsonschema, sys.argv[3]); cls.check_schema(schema)
        for e in cls(schema).iter_errors(instance): print(list(e.absolute_path), e.message)
        """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, schemaURL.path, instanceURL.path, validator]
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    if process.terminationStatus != 0 {
        return ["python failed: " + String(decoding: errData, as: UTF8.self)]
    }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
}
