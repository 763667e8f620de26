import ArgumentParser

@main
struct Recommend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Related articles and topics for a news archive.",
        subcommands: [
            IndexCommand.self, RelatedCommand.self, QueryCommand.self, TopicsCommand.self, TopicCommand.self,
            ExportCommand.self, EvalCommand.self, ServeCommand.self, ReindexCommand.self, VerifyCommand.self,
            LoadSQLiteCommand.self,
        ]
    )
}
