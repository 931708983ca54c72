import ArgumentParser
import Foundation
import PodiumCore

@main
struct Podium: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podium",
        abstract: "Publishes the results of workers' campaigns as a static website.",
        discussion: """
            Exit status: 0 success; 1 the site has errors (each printed as path:line:column: message); \
            64 the command line is wrong.
            """,
        subcommands: [Build.self, Check.self])
}

struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder (the one holding content/). Default: the current folder.")
    var site: String = "."

    var siteURL: URL { URL(fileURLWithPath: site, isDirectory: true).standardizedFileURL }
}

func parseDate(_ text: String?) throws -> CalendarDate? {
    guard let text else { return nil }
    guard let date = CalendarDate(text) else { throw ValidationError("--as-of needs a real date as YYYY-MM-DD, not \"\(text)\"") }
    return date
}

func printDiagnostics(_ diagnostics: [Diagnostic]) {
    for d in diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render the site into public/ (or --output), replacing it only when the whole build succeeds.")

    @OptionGroup var options: SiteOptions
    @Option(name: .long, help: "Write the site here instead of SITE/public.") var output: String?
    @Option(name: .customLong("as-of"), help: "The day the site describes (YYYY-MM-DD); overrides site.json.") var asOf: String?

    func run() throws {
        let build = BuildOptions(site: options.siteURL, output: output.map { URL(fileURLWithPath: $0).standardizedFileURL }, asOf: try parseDate(asOf))
        switch SiteBuilder.build(build) {
        case .success(let report):
            let warnings = report.diagnostics.warnings.count
            print("built \(report.pages) pages, \(report.files) files in all (\(report.written) written, \(report.kept) unchanged), into \(report.destination.path)" +
                  (warnings > 0 ? " (\(warnings) warnings: run podium check)" : ""))
        case .failure(let failure):
            printDiagnostics(failure.diagnostics.filter { $0.severity == .error })
            let count = failure.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(Data("build failed: \(count) error\(count == 1 ? "" : "s"); public/ was left as it was\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate everything the build reads; print every error and warning.")

    @OptionGroup var options: SiteOptions
    @Option(name: .customLong("as-of"), help: "The day the site describes (YYYY-MM-DD).") var asOf: String?

    func run() throws {
        let diagnostics = SiteBuilder.check(BuildOptions(site: options.siteURL, asOf: try parseDate(asOf)))
        // By file, then position: a report people read top to bottom.
        func ordered(_ list: [Diagnostic]) -> [Diagnostic] {
            list.enumerated().sorted { a, b in
                if a.element.path != b.element.path { return a.element.path < b.element.path }
                let la = a.element.line ?? 0, lb = b.element.line ?? 0
                return la != lb ? la < lb : a.offset < b.offset
            }.map(\.element)
        }
        let errors = ordered(diagnostics.errors), warnings = ordered(diagnostics.warnings)
        for d in errors + warnings { print(d.description) }
        print("\(errors.count) error\(errors.count == 1 ? "" : "s"), \(warnings.count) warning\(warnings.count == 1 ? "" : "s")")
        if !errors.isEmpty { throw ExitCode(1) }
    }
}
