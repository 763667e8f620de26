internal import Foundation

/// A first-in, first-out queue between threads that holds at most `capacity` items: `put` waits while it is
/// full, `take` while it is empty. For a producer on a thread of its own and a consumer that must not wait on
/// work queued to a shared pool (which may have no thread free for it).
final class BoundedChannel<Item>: @unchecked Sendable {
    private let capacity: Int
    private var items: [Item] = []
    private let condition = NSCondition()

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Appends `item`, first waiting for room.
    func put(_ item: Item) {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity { condition.wait() }
        items.append(item)
        condition.broadcast()
    }

    /// Removes and returns the oldest item, first waiting for one.
    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }
}
