import ArgumentParser
import Foundation
import RecommendCore

/// The `--models` option of the commands that embed text (index, reindex, query, serve, eval).
struct ModelLocation: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The folder holding embedding models (default: $RECOMMEND_MODELS, else Models).", valueName: "dir"))
    var models: String?

    /// The folder named, or the default one.
    var directory: String {
        models ?? ArticleEmbedder.defaultModelsDirectory(environment: ProcessInfo.processInfo.environment)
    }

    /// The model the configuration's embedding channel asks for, or why it cannot be had.
    func embedder(for configuration: RecommendConfiguration) -> Result<ArticleEmbedder, EmbeddingError> {
        ArticleEmbedder.load(for: configuration.embedding, in: directory)
    }

    /// The embedding model of the index at `path` (nil when it has no embedding channel).
    func embedder(for index: RecommendIndex) throws -> ArticleEmbedder? {
        try ArticleEmbedder.load(forIndex: index.metadata, at: index.path, in: directory)
    }
}
