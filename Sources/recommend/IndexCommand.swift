import ArgumentParser
import RecommendCore

struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build an index from JSON Lines or CSV feeds (plain or .gz) or directories of them."
    )

    @Argument(help: "Input files or directories.")
    var inputs: [String] = ["Data/articles.jsonl"]

    @OptionGroup var location: IndexLocation

    @Option(help: "What to do with a repeated id.")
    var duplicates = DuplicatePolicy.fail

    @Option(help: "Weight of the headline similarity (0...1).")
    var titleWeight: Float?

    @Option(help: "Weight of the latent (LSA) cosine blended into the score (0...1).")
    var semanticWeight: Float?

    @Option(help: "Latent dimensions blended into the score.")
    var semanticDimensions: Int?

    @OptionGroup var modelLocation: ModelLocation

    @Flag(help: "Leave out the embedding channel (default: on when its model is installed).")
    var noEmbedding = false

    @Option(
        help: "The embedding model: its folder's name in the models folder (default wordllama-l2-256; all-minilm-l6-v2 for the sentence encoder).")
    var embeddingModel: String?

    @Option(help: "Weight of the embedding cosine for a pair of articles without terms (0: no embedding channel).")
    var embeddingWeight: Float?

    @Option(help: "Terms of lexical evidence the embedding channel is worth (its weight falls as articles grow).")
    var embeddingEvidence: Float?

    @Option(help: "Related articles stored per article.")
    var neighbours: Int?

    @Flag(inversion: .prefixedNo, help: "Stem words (Porter2).")
    var stem = true

    @Option(help: "Score every pair exactly below this many articles.")
    var exactBelow: Int?

    @Option(help: "Dimensions of the LSA used to find candidates.")
    var denseDimensions: Int?

    @Option(help: "Principal axes of the embeddings searched for candidates beside the LSA.")
    var embeddingCandidateDimensions: Int?

    @Option(help: "Below this many articles dense candidates come from all pairs; above, from an inverted file.")
    var exhaustiveBelow: Int?

    @Option(help: "Inverted-file cells each article searches.")
    var probes: Int?

    @Option(help: "Fit the LSA on a sample of this many articles and project the rest (0: fit on every article).")
    var latentSample: Int?

    @Option(help: "Strongest terms per article used to find lexical candidates.")
    var lexicalTerms: Int?

    @Option(help: "Dense candidates per article re-ranked exactly.")
    var candidates: Int?

    @Option(help: "Pseudo-relevance feedback neighbours (0: off).")
    var feedbackNeighbours: Int?

    @Option(help: "Weight of the feedback neighbours' mean score.")
    var feedbackWeight: Float?

    @Option(help: "Group near-duplicates whose body cosine is at least this (default 0.9).")
    var nearDuplicateCosine: Float?

    @Flag(help: "Do not group near-duplicates.")
    var noNearDuplicates = false

    @Option(help: "Topics to make: a number >= 1, or auto (the data chooses from 2...40 by its largest eigengap).")
    var topics = TopicCountArgument.auto

    @Option(help: "Seed of every random choice (dense vectors, topic seeding); the same seed gives the same index.")
    var seed: UInt64?

    @Option(help: "The index whose topic ids a rebuild keeps (default: the existing file at --index, if any).")
    var previous: String?

    @Flag(help: "Ignore any previous index: topic ids start again from t1.")
    var noPrevious = false

    @Option(help: "Related lists to print after the summary.")
    var show = 0

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        if let titleWeight, !(0...1).contains(titleWeight) { throw ValidationError("--title-weight must be in 0...1") }
        if let neighbours, neighbours < 1 { throw ValidationError("--neighbours must be at least 1") }
        if let semanticWeight, !(0...1).contains(semanticWeight) {
            throw ValidationError("--semantic-weight must be in 0...1")
        }
        if let embeddingWeight, !(0...1).contains(embeddingWeight) {
            throw ValidationError("--embedding-weight must be in 0...1")
        }
        if let embeddingEvidence, !(embeddingEvidence > 0) {
            throw ValidationError("--embedding-evidence must be a number of terms above 0")
        }
        if let nearDuplicateCosine, !(0...1).contains(nearDuplicateCosine) {
            throw ValidationError("--near-duplicate-cosine must be in 0...1")
        }
        if noPrevious, previous != nil { throw ValidationError("--previous and --no-previous exclude each other") }
        if noEmbedding, embeddingModel != nil {
            throw ValidationError("--embedding-model and --no-embedding exclude each other")
        }
    }

    func run() async throws {
        var configuration = RecommendConfiguration()
        configuration.text.stem = stem
        if let titleWeight { configuration.weighting.titleWeight = titleWeight }
        if let neighbours { configuration.similarity.neighbours = neighbours }
        if let semanticWeight { configuration.weighting.semanticWeight = semanticWeight }
        if let semanticDimensions { configuration.weighting.semanticDimensions = semanticDimensions }
        if let embeddingWeight { configuration.weighting.embeddingWeight = embeddingWeight }
        if let embeddingEvidence { configuration.weighting.embeddingEvidence = embeddingEvidence }
        if let embeddingModel { configuration.embedding?.model = embeddingModel }
        if noEmbedding || configuration.weighting.embeddingWeight == 0 { configuration.embedding = nil }
        if let exactBelow { configuration.similarity.exactBelow = exactBelow }
        if let denseDimensions { configuration.similarity.denseDimensions = denseDimensions }
        if let embeddingCandidateDimensions {
            configuration.similarity.embeddingCandidateDimensions = embeddingCandidateDimensions
        }
        if let exhaustiveBelow { configuration.similarity.exhaustiveBelow = exhaustiveBelow }
        if let probes { configuration.similarity.probes = probes }
        if let latentSample { configuration.similarity.latentSample = latentSample > 0 ? latentSample : nil }
        if let lexicalTerms { configuration.similarity.lexicalTerms = lexicalTerms }
        if let candidates { configuration.similarity.candidates = candidates }
        if let feedbackNeighbours { configuration.similarity.feedbackNeighbours = feedbackNeighbours }
        if let feedbackWeight { configuration.similarity.feedbackWeight = feedbackWeight }
        if let nearDuplicateCosine { configuration.nearDuplicates?.bodyCosine = nearDuplicateCosine }
        if noNearDuplicates { configuration.nearDuplicates = nil }
        configuration.topics.count = topics.count
        if let seed { configuration.similarity.seed = seed }
        let builder = IndexBuilder(
            configuration: configuration, duplicates: duplicates, embedder: modelLocation.embedder(for: configuration))
        let report = try Console.run {
            let (previousTopics, ignored) =
                noPrevious
                ? (nil, nil) : try RecommendIndex.previousTopics(at: previous ?? location.index, required: previous != nil)
            var report = try builder.build(inputs: inputs, previous: previousTopics, writingTo: location.index)
            report.topics?.previousIgnored = ignored
            return report
        }
        try Console.run {
            if json {
                print(try JSONCoding.pretty(report))
            } else {
                Console.printReport(report, index: location.index)
            }
            guard show > 0 else { return }
            // The lists as `related` serves them (near-duplicates collapsed), so the first ones a user sees are.
            let index = try RecommendIndex(path: location.index)
            let ranker = try RelatedRanker(index: index, loadingVectors: false)
            var query = RelatedQuery()
            query.limit = min(5, max(1, index.metadata.neighbours))
            for i in stride(from: 0, to: index.count, by: max(1, index.count / show)).prefix(show) {
                print("")
                Console.printRelated(try ranker.related(to: i, query))
            }
        }
    }
}
