import Dispatch

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
func concurrently<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    nonisolated(unsafe) var first: A?
    nonisolated(unsafe) var second: B?
    DispatchQueue.concurrentPerform(iterations: 2) { i in
        if i == 0 { first = a() } else { second = b() }
    }
    return (first!, second!)
}
