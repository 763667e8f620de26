import ArgumentParser

/// The `--index` option shared by every subcommand.
struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: "The index file.")
    var index: String = "recommend.index"
}
