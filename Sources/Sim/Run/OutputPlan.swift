import Foundation

/// Where `--trace`, `--html` and `--junit` write. With one scenario each names a file. With
/// several, `--trace` and `--html` name a folder (created if missing, one level) holding one
/// file per scenario, `NAME-seedN.jsonl` / `NAME-seedN.html`; `--junit` names one report of every
/// run, or, when it is an existing folder, a folder of `NAME-seedN.xml` files, one per scenario.
struct OutputPlan {
    var trace: ((Int) -> OutputFile)?
    var html: ((Int) -> OutputFile)?
    var junit: OutputFile?
    var junitPerScenario: ((Int) -> OutputFile)?
    var foldersToCreate: [URL] = []

    /// `names` are the runs' folder names (`NAME-seedN`), unique within the plan.
    init(request: RunPlan.Request, names: [String]) throws(RunRequestError) {
        let several = names.count > 1
        if let path = request.trace {
            trace = try Self.files(path, option: "--trace", kind: .trace, ext: "jsonl", names: names, several: several)
        }
        if let path = request.html {
            html = try Self.files(path, option: "--html", kind: .html, ext: "html", names: names, several: several)
        }
        if let path = request.junit {
            if several, RunFolder.kind(of: URL(fileURLWithPath: path)) == .directory {
                junitPerScenario = try Self.files(
                    path, option: "--junit", kind: .junit, ext: "xml", names: names, several: true)
            } else {
                junit = OutputFile(option: "--junit", path: path, kind: .junit)
            }
        }
        foldersToCreate = [request.trace, request.html].compactMap { path in
            guard several, let path, RunFolder.kind(of: URL(fileURLWithPath: path)) == .missing else { return nil }
            return URL(fileURLWithPath: path).standardizedFileURL
        }
    }

    /// The file for each run: `path` itself (one scenario) or `path/NAME.ext` (several).
    static func files(
        _ path: String, option: String, kind: OutputFile.Kind, ext: String, names: [String], several: Bool
    ) throws(RunRequestError) -> (Int) -> OutputFile {
        guard several else { return { _ in OutputFile(option: option, path: path, kind: kind) } }
        try checkFolder(path, option: option)
        let folder = URL(fileURLWithPath: path).standardizedFileURL
        return { index in
            OutputFile(option: option, path: folder.appendingPathComponent("\(names[index]).\(ext)").path, kind: kind)
        }
    }

    /// A folder for one file per scenario: an existing folder, or a missing one whose parent is a
    /// folder simctl may create it in.
    static func checkFolder(_ path: String, option: String) throws(RunRequestError) {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        switch RunFolder.kind(of: url) {
        case .directory:
            return
        case .missing:
            let parent = url.deletingLastPathComponent()
            guard RunFolder.isDirectory(parent), access(parent.path, W_OK) == 0 else {
                throw .outputFolder(
                    "\(option) \(url.path): with several scenarios names a folder (one file per scenario); \(parent.path) is not a folder simctl can create it in"
                )
            }
        case .file, .link, .other:
            throw .outputFolder(
                "\(option) \(url.path): with several scenarios names a folder (one file per scenario), found a file; refusing to overwrite it"
            )
        }
    }
}
