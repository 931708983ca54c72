import Foundation
import PodiumCore

// podium-fuzz: feeds every loader generated inputs (`Mutator`) in child processes; a child that
// dies is narrowed down to the one input that killed it, which is written to a file.
//
//   podium-fuzz [--target NAME|all] [--inputs N] [--seconds S] [--seed K] [--batch B]
//   podium-fuzz --replay NAME INDEX [--seed K] [--write FILE]   runs one input in this process (and saves it)
//
// It reads its seeds from the repository it is run in (content/, templates/). Exit 0 when no
// input crashed, 1 otherwise. Built with libFuzzer instead (see the README), `LibFuzzer.swift`
// gives the same targets to libFuzzer's own engine.

#if LIBFUZZER
runLibFuzzer()
#else
struct Options {
    var targets = FuzzEntryPoints.Target.allCases
    var inputs: UInt64 = 10_000
    var seconds: Double?
    var seed: UInt64 = 1
    var batch: UInt64 = 2_000
}

func value(_ args: inout ArraySlice<String>) -> String {
    guard let v = args.popFirst() else { FileHandle.standardError.write(Data("podium-fuzz: a value is missing\n".utf8)); exit(64) }
    return v
}

let repository = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
var args = CommandLine.arguments.dropFirst()
var options = Options()

// A child: run inputs [start, start + count) of one target, quietly.
if args.first == "--child" {
    args.removeFirst()
    guard let target = FuzzEntryPoints.Target(rawValue: value(&args)), let start = UInt64(value(&args)),
          let count = UInt64(value(&args)), let seed = UInt64(value(&args)) else { exit(64) }
    let seeds = Seeds.load(target, repository: repository)
    var sink = 0
    for i in start..<(start + count) { sink &+= FuzzEntryPoints.run(target, Mutator.make(seeds, index: i, seed: seed)) }
    exit(sink == -1 ? 2 : 0)
}

if args.first == "--replay" {
    args.removeFirst()
    guard let target = FuzzEntryPoints.Target(rawValue: value(&args)), let index = UInt64(value(&args)) else { exit(64) }
    var dump: String?
    while let arg = args.popFirst() {
        if arg == "--seed" { options.seed = UInt64(value(&args)) ?? 1 } else if arg == "--write" { dump = value(&args) }
    }
    let input = Mutator.make(Seeds.load(target, repository: repository), index: index, seed: options.seed)
    if let dump { _ = FileManager.default.createFile(atPath: dump, contents: Data(input)) }
    print("input \(index) of \(target) (\(input.count) bytes): \(FuzzEntryPoints.run(target, input)) problems")
    exit(0)
}

while let arg = args.popFirst() {
    switch arg {
    case "--target":
        let name = value(&args)
        if name != "all" {
            guard let t = FuzzEntryPoints.Target(rawValue: name) else {
                FileHandle.standardError.write(Data("podium-fuzz: targets are \(FuzzEntryPoints.Target.allCases.map(\.rawValue).joined(separator: ", ")), all\n".utf8))
                exit(64)
            }
            options.targets = [t]
        }
    case "--inputs": options.inputs = UInt64(value(&args)) ?? options.inputs
    case "--seconds": options.seconds = Double(value(&args))
    case "--seed": options.seed = UInt64(value(&args)) ?? options.seed
    case "--batch": options.batch = max(1, UInt64(value(&args)) ?? options.batch)
    default: FileHandle.standardError.write(Data("podium-fuzz: unknown argument \(arg)\n".utf8)); exit(64)
    }
}

/// Runs inputs in a child process; true when it ended normally.
func runChild(_ target: FuzzEntryPoints.Target, _ start: UInt64, _ count: UInt64, seed: UInt64) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    if !FileManager.default.isExecutableFile(atPath: process.executableURL!.path) {
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    }
    process.arguments = ["--child", target.rawValue, String(start), String(count), String(seed)]
    process.standardError = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    do { try process.run() } catch { return false }
    // A batch that takes far longer than inputs take hangs somewhere: that is a failure too.
    let deadline = Date().addingTimeInterval(20 + 0.05 * Double(count))
    while process.isRunning {
        if Date() > deadline {
            process.terminate()
            process.waitUntilExit()
            return false
        }
        usleep(2_000)
    }
    return process.terminationReason == .exit && process.terminationStatus == 0
}

/// The first input of [start, start + count) that crashes, found by halving.
func narrow(_ target: FuzzEntryPoints.Target, _ start: UInt64, _ count: UInt64, seed: UInt64) -> UInt64 {
    var (start, count) = (start, count)
    while count > 1 {
        let half = count / 2
        if !runChild(target, start, half, seed: seed) { count = half } else { start += half; count -= half }
    }
    return start
}

let began = Date()
/// Batches of every target, run on all cores at once; a failing batch is narrowed to its input.
final class Tally: @unchecked Sendable {
    let lock = NSLock()
    var crashes = 0, inputs: [FuzzEntryPoints.Target: UInt64] = [:]
}
let tally = Tally()
let slice = options.seconds.map { $0 / Double(options.targets.count) }
let jobs = options.targets.flatMap { target in
    stride(from: UInt64(0), to: options.inputs, by: Int(options.batch)).map { (target, $0, min(options.batch, options.inputs - $0)) }
}
let seed = options.seed, targets = options.targets
DispatchQueue.concurrentPerform(iterations: ProcessInfo.processInfo.activeProcessorCount) { worker in
    var j = worker
    while j < jobs.count {
        let (target, start, count) = jobs[j]
        j += ProcessInfo.processInfo.activeProcessorCount
        // With --seconds, target k may run until k + 1 equal slices of the time have passed.
        if let slice, let k = targets.firstIndex(of: target), Date().timeIntervalSince(began) >= slice * Double(k + 1) { continue }
        if !runChild(target, start, count, seed: seed) {
            let index = narrow(target, start, count, seed: seed)
            let input = Mutator.make(Seeds.load(target, repository: repository), index: index, seed: seed)
            let file = "podium-fuzz-crash-\(target.rawValue)-\(seed)-\(index)"
            _ = FileManager.default.createFile(atPath: file, contents: Data(input))
            print("CRASH OR HANG \(target.rawValue) input \(index) (seed \(seed)): written to \(file); replay with podium-fuzz --replay \(target.rawValue) \(index) --seed \(seed)")
            tally.lock.withLock { tally.crashes += 1 }
        }
        tally.lock.withLock { tally.inputs[target, default: 0] += count }
    }
}
for target in options.targets { print("\(target.rawValue): \(tally.inputs[target] ?? 0) inputs") }
let total = tally.inputs.values.reduce(0, +), crashes = tally.crashes
print("podium-fuzz: \(total) inputs, \(crashes) crashes, \(String(format: "%.1f", Date().timeIntervalSince(began))) s on \(ProcessInfo.processInfo.activeProcessorCount) cores (seed \(seed))")
exit(crashes == 0 ? 0 : 1)
#endif
