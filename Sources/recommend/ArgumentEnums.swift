public import ArgumentParser
public import Logging
public import RecommendCore

// Options whose values are a fixed set take the enum itself: `--help` lists the values and a wrong one is
// refused by the parser with the same list.

extension DuplicatePolicy: ExpressibleByArgument {}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// `--topics`: a number of topics, or `auto` (the data chooses).
enum TopicCountArgument: ExpressibleByArgument {
    case auto
    case count(Int)

    init?(argument: String) {
        if argument == "auto" {
            self = .auto
        } else if let count = Int(argument), count >= 1 {
            self = .count(count)
        } else {
            return nil
        }
    }

    var defaultValueDescription: String {
        switch self {
        case .auto: "auto"
        case .count(let count): "\(count)"
        }
    }

    /// The count asked for, nil for `auto`.
    var count: Int? {
        if case .count(let count) = self { count } else { nil }
    }
}
