internal import Foundation

/// What an index records of the model its embedding channel was computed with, so that a text is never
/// embedded by another model than the articles were (their vectors would not be comparable).
public struct EmbeddingModelIdentity: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The model's folder name (e.g. `wordllama-l2-256`).
    public var name: String
    /// CRC-32 of the vector table file and of the tokenizer file, in hexadecimal: another file under the same
    /// name is another model.
    public var fingerprint: String
    /// The length of its vectors.
    public var dimensions: Int

    public init(name: String, fingerprint: String, dimensions: Int) {
        self.name = name
        self.fingerprint = fingerprint
        self.dimensions = dimensions
    }

    public var description: String {
        isFeed ? "the feed's own vectors (\(dimensions) dimensions)" : "'\(name)' (\(dimensions) dimensions, fingerprint \(fingerprint))"
    }

    /// The vectors a feed carries itself (`Article.embedding`), computed by a model the index does not have.
    public static func feed(dimensions: Int) -> EmbeddingModelIdentity {
        EmbeddingModelIdentity(name: "(feed)", fingerprint: "", dimensions: dimensions)
    }

    /// Whether the vectors came with the feed: a text then has an embedding only when its query gives one.
    public var isFeed: Bool { name == "(feed)" }
}

/// The two kinds of embedding model: a static table of token vectors, or a transformer sentence encoder.
public enum EmbeddingModel: Sendable {
    case table(StaticEmbedding)
    case encoder(SentenceEncoder)

    /// The length of every embedding.
    public var dimensions: Int {
        switch self {
        case .table(let model): model.dimensions
        case .encoder(let model): model.dimensions
        }
    }

    /// Reads the model in `directory`: a sentence encoder when the folder holds a transformer's `config.json`,
    /// else a static table.
    /// - Throws: `EmbeddingError` naming the file at fault.
    public init(directory: String) throws(EmbeddingError) {
        if FileManager.default.fileExists(atPath: directory + "/" + SentenceEncoder.configurationFileName) {
            self = .encoder(try SentenceEncoder(directory: directory))
        } else {
            self = .table(try StaticEmbedding(directory: directory))
        }
    }
}

/// Embeds articles and texts for the embedding channel: the headline and the lead (the first `leadWords` words
/// of the body) as one text, "headline. lead", as sentence-embedding pipelines do. A static model's vector is a
/// mean over tokens, and a long body would drown the headline and the opening, where a news article says what it
/// is about; a sentence encoder reads a bounded number of tokens anyway.
public struct ArticleEmbedder: Sendable {
    public let model: EmbeddingModel
    public let identity: EmbeddingModelIdentity
    /// Words of the body embedded after the headline.
    public let leadWords: Int
    /// The tokens of words seen in texts embedded one at a time, shared by every copy of this embedder.
    private let caches = TokenCachePool()

    public init(model: EmbeddingModel, identity: EmbeddingModelIdentity, leadWords: Int) {
        self.model = model
        self.identity = identity
        self.leadWords = leadWords
    }

    /// Reads the model named `name` from the folder `directory/name` (`model.safetensors`, `tokenizer.json`, and
    /// for a sentence encoder `config.json`).
    /// - Throws: `EmbeddingError.notInstalled` when there is no such folder, or the error naming the file at fault.
    public init(name: String, in directory: String, leadWords: Int) throws(EmbeddingError) {
        let folder = directory + "/" + name
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notInstalled(model: name, directory: directory)
        }
        let model = try EmbeddingModel(directory: folder)
        let table = try EmbeddingError.contents(of: folder + "/" + StaticEmbedding.tableFileName)
        let tokenizer = try EmbeddingError.contents(of: folder + "/" + StaticEmbedding.tokenizerFileName)
        let fingerprint = [table, tokenizer].map { bytes in
            bytes.withUnsafeBytes { String(format: "%08x", Checksum.crc32($0)) }
        }.joined(separator: "-")
        self.init(
            model: model, identity: EmbeddingModelIdentity(name: name, fingerprint: fingerprint, dimensions: model.dimensions),
            leadWords: leadWords)
    }

    /// The text embedded for an article: "headline. lead" (either alone when the other is empty).
    public func text(title: String, body: String) -> String {
        let lead = Self.leadingWords(of: body, count: leadWords)
        let headline = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if headline.isEmpty { return lead }
        return lead.isEmpty ? headline : headline + ". " + lead
    }

    /// The first `count` words of `text` (runs of non-space characters), with the spacing between them as it is.
    /// - Complexity: O(length of those words): the rest of the text is not read.
    static func leadingWords(of text: String, count: Int) -> String {
        let scalars = text.unicodeScalars
        var words = 0
        var start: String.UnicodeScalarView.Index?
        var end = scalars.startIndex
        var inWord = false
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let c = scalars[index]
            let isSpace = c.isASCII ? (c == " " || (c.value >= 0x09 && c.value <= 0x0D)) : c.properties.isWhitespace
            if !isSpace {
                if !inWord {
                    if words == count { break }
                    words += 1
                    if start == nil { start = index }
                }
                end = scalars.index(after: index)
            }
            inWord = !isSpace
            index = scalars.index(after: index)
        }
        guard let start else { return "" }
        return String(scalars[start..<end])
    }

    /// The unit embedding of an article or a text with this headline and body. The words of the texts embedded
    /// before it are looked up instead of encoded again (`TokenCachePool`).
    public func embed(title: String, body: String) -> [Float] {
        let text = text(title: title, body: body)
        switch model {
        case .table(let table): return caches.withCache { table.embed(text, cache: &$0) }
        case .encoder(let encoder): return encoder.embed(text)
        }
    }

    /// The unit embeddings of `articles`, one row each in order, computed on every core.
    /// - Complexity: O(tokenizing the headlines and leads + tokens × dimensions), divided among the cores.
    public func embed(_ articles: [Article]) -> DenseMatrix {
        let texts = articles.map { text(title: $0.title, body: $0.body) }
        switch model {
        case .table(let table): return table.embed(texts)
        case .encoder(let encoder): return encoder.embed(texts)
        }
    }

    /// The vectors `articles` carry themselves (`Article.embedding`), `dimensions` long, as rows in order: each
    /// scaled to unit length, all zeros for an article without one (it then has no embedding part).
    public static func feedVectors(of articles: [Article], dimensions: Int) -> DenseMatrix {
        var rows = DenseMatrix(zeros: articles.count, dimensions)
        for (i, article) in articles.enumerated() {
            guard let vector = article.embedding, vector.count == dimensions else { continue }
            rows.storage.replaceSubrange((i * dimensions)..<((i + 1) * dimensions), with: vector)
        }
        rows.normalizeRows()
        return rows
    }
}

extension ArticleEmbedder {
    /// The models folder a command uses when none is named: `$RECOMMEND_MODELS`, else `Models` in the current
    /// folder (where `Scripts/install-model` installs).
    public static func defaultModelsDirectory(environment: [String: String]) -> String {
        environment["RECOMMEND_MODELS"].flatMap { $0.isEmpty ? nil : $0 } ?? "Models"
    }

    /// The model the configuration's embedding channel asks for, from `directory`, or why it cannot be had.
    public static func load(for options: EmbeddingOptions?, in directory: String) -> Result<ArticleEmbedder, EmbeddingError> {
        guard let options else { return .failure(.notInstalled(model: "(none configured)", directory: directory)) }
        return Result { () throws(EmbeddingError) in
            try ArticleEmbedder(name: options.model, in: directory, leadWords: options.leadWords)
        }
    }

    /// The model of the embedding channel of the index described by `metadata`, read from `directory`; nil when
    /// the index has no embedding channel.
    /// - Throws: `EmbeddingError.otherModel` when the model found is another one or none (naming `path`), or the
    ///   error naming the damaged model file.
    public static func load(forIndex metadata: IndexMetadata, at path: String, in directory: String) throws(EmbeddingError)
        -> ArticleEmbedder?
    {
        guard let built = metadata.embedding, !built.isFeed else { return nil }
        let leadWords = metadata.configuration.embedding?.leadWords ?? EmbeddingOptions().leadWords
        let found: ArticleEmbedder
        do {
            found = try ArticleEmbedder(name: built.name, in: directory, leadWords: leadWords)
        } catch .notInstalled {
            throw .otherModel(index: path, built: built, found: nil)
        }
        guard found.identity == built else { throw .otherModel(index: path, built: built, found: found.identity) }
        return found
    }
}
