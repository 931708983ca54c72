import Synchronization

/// A value worked out on first use, once, by whichever thread asks first (the others wait for it).
/// The plan names every file of the site, but a rebuild renders few of them: what only rendering
/// reads (a campaign's likes order, the search records) is made when a page first needs it.
final class ComputedOnce<Value: Sendable>: Sendable {
    private let state: Mutex<Value?> = Mutex(nil)
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var value: Value {
        state.withLock { stored in
            if let stored { return stored }
            let made = make()
            stored = made
            return made
        }
    }
}
