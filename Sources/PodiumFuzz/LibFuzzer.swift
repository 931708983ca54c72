#if LIBFUZZER
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
#endif
