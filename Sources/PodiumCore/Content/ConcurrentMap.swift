import Dispatch
import Synchronization

extension Array where Element: Sendable {
    /// `map` on all cores, results in order. For independent pieces of real work (a file, a week).
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: count) { i in slots[i] = transform(self[i]) }
        return results.map { $0! }
    }
}

/// Runs two independent pieces of work at once and returns both results.
///
/// The second runs on another thread while this one runs the first. Not `concurrentPerform`:
/// libdispatch divides the width of an apply started inside another apply's block, so on two
/// cores a `concurrentMap` inside either piece would run on one core.
func concurrently<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    nonisolated(unsafe) var second: B?
    let group = DispatchGroup()
    let first = withoutActuallyEscaping(b) { b in
        DispatchQueue.global().async(group: group) { second = b() }
        let first = a()
        // The second piece is done before `b` stops being valid.
        group.wait()
        return first
    }
    return (first, second!)
}

/// A flag any of several workers may raise, read once they are all done.
final class FailureFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    func set() { raised.store(true, ordering: .relaxed) }
    var isSet: Bool { raised.load(ordering: .relaxed) }
}
