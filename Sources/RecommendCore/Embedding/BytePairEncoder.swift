/// Byte-pair encoding as Llama tokenizers use it (the `BPE` model of a Hugging Face `tokenizer.json`): each
/// character starts as its own token, or as the `<0xNN>` tokens of its UTF-8 bytes when it is not in the
/// vocabulary (byte fallback), or as the unknown token (consecutive ones fused into one when `fuseUnknown`); then
/// adjacent pairs are merged, lowest merge rank first and leftmost first among equal ranks, until no pair of the
/// merge list remains.
///
/// Merges run on a priority queue over a linked list of symbols, O(n log n) for n characters. A text whose
/// normaliser marks word starts with U+2581 is encoded word by word when no merge can join a character to a
/// following U+2581 (checked when the merges are loaded), which gives the same tokens.
struct BytePairEncoder: Sendable {
    struct Merge: Sendable {
        let rank: Int32
        let id: Int32
    }

    /// The ids of the single-character tokens.
    private let characterIDs: [UInt32: Int32]
    /// `characterIDs` for ASCII, -1 where absent.
    private let asciiIDs: [Int32]
    /// The ids of the 256 `<0xNN>` tokens when byte fallback is on, -1 where absent; empty when it is off.
    private let byteIDs: [Int32]
    /// Merges keyed by `left << 32 | right` token ids.
    private let merges: [UInt64: Merge]
    private let unknownID: Int32?
    private let fuseUnknown: Bool
    /// Whole words found in the vocabulary skip the merges (`ignore_merges`).
    private let wholeWords: [[UInt8]: Int32]?
    /// Whether texts may be encoded word by word, split before each U+2581 that follows another character.
    let splitsAtWordStarts: Bool

    static let wordStart: Unicode.Scalar = "\u{2581}"

    /// - Parameters:
    ///   - vocabulary: token text and id, as written.
    ///   - merges: the merge list, highest priority first.
    /// - Throws: a reason when a merge names a token missing from the vocabulary or the unknown token is missing.
    init(
        vocabulary: [(token: String, id: Int32)], merges: [(String, String)], unknownToken: String?, fuseUnknown: Bool,
        byteFallback: Bool, ignoreMerges: Bool
    ) throws(TokenizerModel.LoadFailure) {
        var ids: [[UInt8]: Int32] = [:]
        ids.reserveCapacity(vocabulary.count)
        var characterIDs: [UInt32: Int32] = [:]
        for (token, id) in vocabulary {
            ids[Array(token.utf8)] = id
            var scalars = token.unicodeScalars.makeIterator()
            if let first = scalars.next(), scalars.next() == nil { characterIDs[first.value] = id }
        }
        var mergeTable: [UInt64: Merge] = [:]
        mergeTable.reserveCapacity(merges.count)
        var joinsWordStart = false
        for (rank, (left, right)) in merges.enumerated() {
            guard let leftID = ids[Array(left.utf8)], let rightID = ids[Array(right.utf8)] else {
                throw .bad("merge \(rank) ('\(left) \(right)') names a token missing from the vocabulary")
            }
            guard let id = ids[Array(left.utf8) + Array(right.utf8)] else {
                throw .bad("merge \(rank) ('\(left) \(right)') makes a token missing from the vocabulary")
            }
            // A later duplicate replaces an earlier one, as in the reference.
            mergeTable[UInt64(UInt32(bitPattern: leftID)) << 32 | UInt64(UInt32(bitPattern: rightID))] =
                Merge(rank: Int32(rank), id: id)
            let joined = Array((left + right).unicodeScalars)
            if zip(joined, joined.dropFirst()).contains(where: { $0 != Self.wordStart && $1 == Self.wordStart }) {
                joinsWordStart = true
            }
        }
        if let unknownToken {
            guard let id = ids[Array(unknownToken.utf8)] else {
                throw .bad("the unknown token '\(unknownToken)' is not in the vocabulary")
            }
            unknownID = id
        } else {
            unknownID = nil
        }
        self.characterIDs = characterIDs
        asciiIDs = (0..<128).map { characterIDs[UInt32($0)] ?? -1 }
        byteIDs = byteFallback ? (0..<256).map { ids[Array("<0x\(Self.hex($0))>".utf8)] ?? -1 } : []
        self.merges = mergeTable
        self.fuseUnknown = fuseUnknown
        wholeWords = ignoreMerges ? ids : nil
        splitsAtWordStarts = !joinsWordStart && !ignoreMerges && characterIDs[Self.wordStart.value] != nil
    }

    /// Appends the tokens of `text` (one word, or words marked by U+2581) to `ids`. Words already in `cache` are
    /// not merged again: a word's tokens depend on the word alone, and news text repeats its words.
    /// - Complexity: O(n log n) for n characters of words not in the cache, O(n) for the others.
    func encode(_ text: [Unicode.Scalar], into ids: inout [Int32], cache: inout TokenCache) {
        var scratch = Scratch()
        guard splitsAtWordStarts else {
            encodeWord(text[...], into: &ids, scratch: &scratch)
            return
        }
        func word(_ range: Range<Int>) {
            let key = Array(text[range])
            if let cached = cache.words[key] {
                ids.append(contentsOf: cached)
                return
            }
            let first = ids.count
            encodeWord(text[range], into: &ids, scratch: &scratch)
            cache.remember(key, Array(ids[first...]))
        }
        var start = 0
        for i in 1..<max(1, text.count) where text[i] == Self.wordStart && text[i - 1] != Self.wordStart {
            word(start..<i)
            start = i
        }
        if start < text.count { word(start..<text.count) }
    }

    /// Symbol arrays reused across the words of one text.
    private struct Scratch {
        var ids: [Int32] = []
        var previous: [Int32] = []
        var next: [Int32] = []
        var alive: [Bool] = []
        var queue = MergeQueue()
    }

    private func encodeWord(_ word: ArraySlice<Unicode.Scalar>, into out: inout [Int32], scratch: inout Scratch) {
        if let wholeWords, let id = wholeWords[Array(String(String.UnicodeScalarView(word)).utf8)] {
            out.append(id)
            return
        }
        var symbols: [Int32] = []
        swap(&symbols, &scratch.ids)
        symbols.removeAll(keepingCapacity: true)
        // An unknown token waiting to be added: it is added before the next known character or at the end, so
        // byte-fallback tokens between two unknown characters go before it, as in the reference.
        var pendingUnknown = false
        for c in word {
            let known = c.isASCII ? asciiIDs[Int(c.value)] : characterIDs[c.value] ?? -1
            if known >= 0 {
                if pendingUnknown, let unknownID { symbols.append(unknownID) }
                pendingUnknown = false
                symbols.append(known)
                continue
            }
            if !byteIDs.isEmpty {
                let bytes = UTF8.encode(c)!
                if bytes.allSatisfy({ byteIDs[Int($0)] >= 0 }) {
                    for byte in bytes { symbols.append(byteIDs[Int(byte)]) }
                    continue
                }
            }
            guard let unknownID else { continue }
            if pendingUnknown && !fuseUnknown { symbols.append(unknownID) }
            pendingUnknown = true
        }
        if pendingUnknown, let unknownID { symbols.append(unknownID) }
        merge(&symbols, scratch: &scratch)
        out.append(contentsOf: symbols)
        swap(&symbols, &scratch.ids)
    }

    /// Applies the merges to `symbols`, leaving the surviving tokens in order.
    private func merge(_ symbols: inout [Int32], scratch: inout Scratch) {
        let n = symbols.count
        guard n > 1 else { return }
        scratch.previous.removeAll(keepingCapacity: true)
        scratch.next.removeAll(keepingCapacity: true)
        scratch.alive.removeAll(keepingCapacity: true)
        scratch.previous.append(contentsOf: (0..<Int32(n)).map { $0 - 1 })
        scratch.next.append(contentsOf: (1...Int32(n)).map { $0 == n ? -1 : $0 })
        scratch.alive.append(contentsOf: repeatElement(true, count: n))
        scratch.queue.removeAll()
        for i in 0..<(n - 1) {
            if let merge = merges[Self.pair(symbols[i], symbols[i + 1])] {
                scratch.queue.push(rank: merge.rank, position: Int32(i), id: merge.id)
            }
        }
        while let top = scratch.queue.pop() {
            let position = Int(top.position)
            guard scratch.alive[position] else { continue }
            let right = Int(scratch.next[position])
            guard right >= 0 else { continue }
            // Skip an entry made stale by an earlier merge.
            guard let current = merges[Self.pair(symbols[position], symbols[right])], current.id == top.id else {
                continue
            }
            symbols[position] = top.id
            scratch.alive[right] = false
            let after = scratch.next[right]
            scratch.next[position] = after
            if after >= 0 { scratch.previous[Int(after)] = Int32(position) }
            let before = scratch.previous[position]
            if before >= 0, let merge = merges[Self.pair(symbols[Int(before)], top.id)] {
                scratch.queue.push(rank: merge.rank, position: before, id: merge.id)
            }
            if after >= 0, let merge = merges[Self.pair(top.id, symbols[Int(after)])] {
                scratch.queue.push(rank: merge.rank, position: Int32(position), id: merge.id)
            }
        }
        var kept = 0
        for i in 0..<n where scratch.alive[i] {
            symbols[kept] = symbols[i]
            kept += 1
        }
        symbols.removeLast(n - kept)
    }

    @inline(__always)
    private static func pair(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }

    private static func hex(_ byte: Int) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[byte >> 4], digits[byte & 15]])
    }
}

/// A binary min-heap of candidate merges ordered by rank, then position.
private struct MergeQueue {
    struct Entry {
        /// `rank << 32 | position`: the order of the queue.
        let key: UInt64
        let id: Int32
        var rank: Int32 { Int32(truncatingIfNeeded: key >> 32) }
        var position: Int32 { Int32(truncatingIfNeeded: key & 0xFFFF_FFFF) }
    }

    private var heap: [Entry] = []

    mutating func removeAll() { heap.removeAll(keepingCapacity: true) }

    mutating func push(rank: Int32, position: Int32, id: Int32) {
        heap.append(Entry(key: UInt64(UInt32(rank)) << 32 | UInt64(UInt32(position)), id: id))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].key < heap[parent].key else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Entry? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { break }
            let right = left + 1
            let smaller = right < heap.count && heap[right].key < heap[left].key ? right : left
            guard heap[smaller].key < heap[parent].key else { break }
            heap.swapAt(smaller, parent)
            parent = smaller
        }
        return top
    }
}
