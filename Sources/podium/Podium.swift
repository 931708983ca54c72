import ArgumentParser
import Foundation
import PodiumCore
import PodiumServe

@main
enum Main {
    static func main() async {
        MemoryTuning.apply()
        await Podium.main()
    }
}

struct Podium: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podium",
        abstract: "Publishes the results of workers' campaigns as a static website.",
        discussion: """
            Exit status: 0 success; 1 the site has errors (each printed as path:line:column: message); \
            64 the command line is wrong.
            """,
        subcommands: [Build.self, Check.self, Init.self, Serve.self])
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

/// glibc's `mallopt` (malloc.h is not part of Swift's Glibc module).
@_silgen_name("mallopt") func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32

/// How the allocator serves a build, set for every command before anything is allocated (the
/// threads' heaps take some of it when they are made, so setting it later has a smaller effect).
/// `podium serve` builds in its own process and gains the same, holding at most the padding
/// (64 MB per heap) more between rebuilds.
enum MemoryTuning {
    static func apply() {
        // Large buffers (a download of 100,000 rows, a 400 MB entries file) are mapped and given
        // back when freed, instead of staying in the heap as holes: glibc's default threshold
        // grows with the blocks freed, so a big site kept most of its peak. Measured at 100,000
        // entries: peak 632 → 578 MB, time within noise.
        _ = glibcMallopt(-3 /* M_MMAP_THRESHOLD */, 256 << 10)
        // Heaps grow and shrink 64 MB at a time (address space: a page is resident only once
        // touched), so memory freed at a heap's top stays for the next allocation instead of being
        // returned and faulted in again page by page.
        _ = glibcMallopt(-2 /* M_TOP_PAD */, 64 << 20)
    }
}

func printDiagnostics(_ diagnostics: [Diagnostic]) {
    for d in diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render the site into public/ (or --output), replacing it only when the whole build succeeds.")

    @OptionGroup var options: SiteOptions
    @Option(name: .long, help: "Write the site here instead of SITE/public.") var output: String?
    @Option(name: .customLong("as-of"), help: "The day the site describes (YYYY-MM-DD); overrides site.json.") var asOf: String?
    @Flag(help: "Remove the replaced site at once (by default it is left, hidden beside the output, and the next build removes it while loading).") var tidy = false

    func run() throws {
        var build = BuildOptions(site: options.siteURL, output: output.map { URL(fileURLWithPath: $0).standardizedFileURL }, asOf: try parseDate(asOf), tidy: tidy)
        build.keepsMemoryUntilExit = true
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

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build, serve public/ on 127.0.0.1, rebuild and reload open pages when content or templates change.")

    @OptionGroup var options: SiteOptions
    @Option(name: .long, help: "The port (default 8080; 0 picks a free one).") var port: UInt16 = 8080

    func run() async throws {
        let server = try DevServer(site: options.siteURL, port: port)
        let actual: UInt16
        do { actual = try await server.start() } catch let error as ServeError {
            FileHandle.standardError.write(Data("podium serve: \(error)\n".utf8))
            throw ExitCode(1)
        }
        DevServer.say("serving http://127.0.0.1:\(actual)\(server.basePath) — edit content/ or templates/ and open pages reload; Ctrl-C stops")
        // Ctrl-C: stop the server cleanly, then exit 0.
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .main)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            interrupt.setEventHandler { done.resume() }
            interrupt.resume()
        }
        await server.stop()
        DevServer.say("stopped")
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a small new site (one campaign, one notice) that builds and checks clean.")

    @Argument(help: "The folder for the new site.") var directory: String

    func run() throws {
        let folder = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        do { try SiteTemplate.write(to: folder) } catch let d as Diagnostic {
            FileHandle.standardError.write(Data((d.description + "\n").utf8))
            throw ExitCode(1)
        }
        print("wrote a new site into \(folder.path): cd there and run podium check, then podium build")
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate everything the build reads; print every error and warning.",
        discussion: "Exit status: 0 no errors (and, with --strict, no warnings); 1 errors; 2 warnings under --strict; 64 the command line is wrong.")

    @OptionGroup var options: SiteOptions
    @Option(name: .customLong("as-of"), help: "The day the site describes (YYYY-MM-DD).") var asOf: String?
    @Flag(help: "Treat warnings as failure (exit status 2).") var strict = false

    func run() throws {
        let (diagnostics, awards) = SiteBuilder.review(BuildOptions(site: options.siteURL, asOf: try parseDate(asOf)))
        let errors = diagnostics.errors, warnings = diagnostics.warnings
        let review = AwardReview.text(awards)
        print(review + (review.isEmpty ? "" : "\n") + CheckReport.text(errors: errors, warnings: warnings), terminator: "")
        if !errors.isEmpty { throw ExitCode(1) }
        if strict && !warnings.isEmpty { throw ExitCode(2) }
    }
}

/// The report of `podium check`: errors by file, warnings by kind, each with counts, then a summary.
enum CheckReport {
    static func ordered(_ list: [Diagnostic]) -> [Diagnostic] {
        list.enumerated().sorted { a, b in
            if a.element.path != b.element.path { return a.element.path < b.element.path }
            let la = a.element.line ?? 0, lb = b.element.line ?? 0
            return la != lb ? la < lb : a.offset < b.offset
        }.map(\.element)
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    static func text(errors: [Diagnostic], warnings: [Diagnostic]) -> String {
        var out = ""
        if !errors.isEmpty {
            out += "Errors\n"
            var byFile: [(String, [Diagnostic])] = []
            for d in ordered(errors) {
                if byFile.last?.0 == d.path { byFile[byFile.count - 1].1.append(d) } else { byFile.append((d.path, [d])) }
            }
            for (file, list) in byFile {
                out += "\n\(file) (\(plural(list.count, "error")))\n"
                for d in list { out += "  \(d)\n" }
            }
        }
        if !warnings.isEmpty {
            out += (out.isEmpty ? "" : "\n") + "Warnings\n"
            var kinds: [String: [Diagnostic]] = [:]
            for d in warnings { kinds[d.category, default: []].append(d) }
            for kind in kinds.keys.sorted() {
                let list = ordered(kinds[kind]!)
                out += "\n\(kind) (\(list.count))\n"
                for d in list { out += "  \(d)\n" }
            }
        }
        let files = Set(errors.map(\.path)).count
        out += (out.isEmpty ? "" : "\n") + "\(plural(errors.count, "error"))" + (files > 0 ? " in \(plural(files, "file"))" : "")
            + ", \(plural(warnings.count, "warning"))\n"
        return out
    }
}
