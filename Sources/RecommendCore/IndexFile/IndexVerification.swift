/// What `IndexVerifier` found in an index file: every problem, each naming the part of the file it lies in.
public struct IndexVerification: Sendable, Codable, Equatable {
    /// One thing wrong with the file.
    public struct Problem: Sendable, Codable, Equatable, CustomStringConvertible {
        /// The damaged part: a section tag (`RIDX`, `TOPT`, ...), `header`, `section table` or `file`.
        public var section: String
        public var detail: String

        public var description: String { "\(section): \(detail)" }
    }

    /// One section of the file as its table lists it.
    public struct Section: Sendable, Codable, Equatable {
        public var tag: String
        public var offset: Int
        public var bytes: Int
    }

    public var path: String
    /// False when the file could not be opened at all (missing, unreadable, not a regular file).
    public var readable = true
    /// The format version in the header, when the header could be read.
    public var formatVersion: UInt32?
    /// Articles and terms the metadata declares, when it could be read.
    public var articles: Int?
    public var terms: Int?
    public var sections: [Section] = []
    public var problems: [Problem] = []

    /// Whether nothing is wrong.
    public var isSound: Bool { problems.isEmpty }

    /// The parts of the file found damaged, in file order, each once.
    public var damagedSections: [String] {
        var seen = Set<String>()
        return problems.map(\.section).filter { seen.insert($0).inserted }
    }
}
