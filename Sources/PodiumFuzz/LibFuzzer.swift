#if LIBFUZZER
import Foundation
import PodiumCore

/// libFuzzer's entry: the first byte picks the target, the rest is the input.
/// Built with `swift build -c release --product podium-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -DLIBFUZZER`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let targets = FuzzEntryPoints.Target.allCases
    let target = targets[Int(data[0]) % targets.count]
    _ = FuzzEntryPoints.run(target, Array(UnsafeBufferPointer(start: data + 1, count: size - 1)))
    return 0
}

/// A Swift executable has its own `main`, so libFuzzer's engine is started from it.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
               _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

func runLibFuzzer() -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
}
#endif
