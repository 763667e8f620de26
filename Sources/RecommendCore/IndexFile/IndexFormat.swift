/// The layout of an index file (all integers little-endian):
///
/// ```
/// offset  size  field
///      0     8  magic "RCMDIDX\0"
///      8     4  format version
///     12     4  section count S
///     16     8  file length in bytes
///     24     4  CRC-32 of the section table
///     28     4  CRC-32 of bytes 0..<28
///     32  32*S  section table: tag (4 ASCII bytes), reserved (4), offset (8), length (8), CRC-32 (4), reserved (4)
///      …        sections, each starting on a 64-byte boundary so arrays can be used in place
/// ```
///
/// Sections are typed arrays (`Int32`, `Float`, `Int64`, `UInt64`), string tables (count `c`, `c + 1` offsets
/// as `UInt64`, then UTF-8 bytes) or JSON (the metadata). Every section has its own checksum, checked when the
/// section is first used, so a query that needs only the related lists does not read the whole file. The last
/// section, `BLKS`, holds a checksum per 4 KiB block of every other section, so that a query about one article
/// checks only the blocks it reads (files without it are checked a section at a time).
enum IndexFormat {
    static let magic: [UInt8] = Array("RCMDIDX\0".utf8)
    /// The version this build writes. Version 2 stores the whole configuration (version 1 left out the
    /// near-duplicate options); version 1 files are still read, their grouping taken from the `DUPG` section.
    /// Version 3 may hold an embedding channel (`EMBV`, `EMBM`), which a reader of version 2 would ignore and
    /// then answer texts without: such a reader must refuse the file, so the version is raised.
    static let version: UInt32 = 3
    /// The versions this build reads.
    static let readableVersions: ClosedRange<UInt32> = 1...3
    static let headerSize = 32
    static let sectionEntrySize = 32
    static let alignment = 64
    /// The bytes covered by one block checksum.
    static let blockSize = 4096

    /// The number of block checksums of a section of `length` bytes.
    static func blockCount(_ length: Int) -> Int { (length + blockSize - 1) / blockSize }
}

/// The sections of an index file.
enum SectionTag: String, CaseIterable, Sendable {
    /// JSON: `IndexMetadata`.
    case metadata = "META"
    /// String table: article ids, in article order.
    case ids = "IDS_"
    /// `Int32` per article: article numbers sorted by id bytes, for lookup by id.
    case idOrder = "IDOR"
    /// String table: headlines.
    case titles = "TITL"
    /// `Int64` per article: publication time in seconds since the epoch, `Int64.min` when unknown.
    case published = "DATE"
    /// String table: categories ("" when none).
    case categories = "CATG"
    /// String table: URLs ("" when none).
    case urls = "URLS"
    /// String table: index terms.
    case terms = "TERM"
    /// String table: the surface form shown for each term.
    case displayForms = "DISP"
    /// `Float` per term: headline idf.
    case titleIDF = "IDFT"
    /// `Float` per term: body idf.
    case bodyIDF = "IDFB"
    /// Headline vectors, CSR: `UInt64` row starts, `Int32` columns, `Float` values.
    case titleRows = "TROW"
    case titleColumns = "TCOL"
    case titleValues = "TVAL"
    /// Body vectors, CSR.
    case bodyRows = "BROW"
    case bodyColumns = "BCOL"
    case bodyValues = "BVAL"
    /// `Float` article x latent dimension: unit latent vectors (empty without a semantic blend).
    case semanticVectors = "SEMV"
    /// `Float` per article: length of the latent coordinates before normalising.
    case semanticNorms = "SEMN"
    /// `Float` per latent dimension: singular values.
    case semanticSingularValues = "SEMS"
    /// `Float` article x embedding dimension: unit embedding vectors, centred on the mean. Optional: present
    /// exactly when the metadata names an embedding model.
    case embeddingVectors = "EMBV"
    /// `Float` per embedding dimension: the mean the vectors are centred on (a new text is centred on it too).
    case embeddingMean = "EMBM"
    /// `Float` axis x model dimension: the principal axes the vectors are projected on. Optional: present exactly
    /// when the metadata gives `embeddingAxes`.
    case embeddingAxes = "EMBA"
    /// `Int32` article x slot: related article numbers, -1 for an empty slot.
    case relatedIndices = "RIDX"
    /// `Float` article x slot: related scores.
    case relatedScores = "RSCO"
    /// `Int32` per article: the first article of its near-duplicate group (itself when it has none). Optional:
    /// absent when grouping is off or the index predates it, and then every article is its own group.
    case duplicateGroups = "DUPG"
    /// JSON: the `TopicTable` (ids, label terms, sizes, central articles, how the count was chosen).
    case topicTable = "TOPT"
    /// `Int32` per article: its topic id, -1 for none.
    case articleTopics = "TOPA"
    /// `Float` per article: cosine to its topic's centroid (how central it is).
    case topicCentrality = "TOPW"
    /// Topic centroids in term space, one CSR row per topic in table order: `UInt64` row starts, `Int32` term
    /// ids, `Float` values.
    case centroidRows = "TCRW"
    case centroidColumns = "TCCL"
    case centroidValues = "TCVL"
    /// `UInt32` per 4 KiB block of every other section, in table order, each section's blocks counted from its
    /// start (the last one may be short): their CRC-32. Optional; when present, the last section of the table.
    case blockChecksums = "BLKS"

    var code: UInt32 {
        var value: UInt32 = 0
        for (i, byte) in rawValue.utf8.enumerated() { value |= UInt32(byte) << (8 * UInt32(i)) }
        return value
    }
}
