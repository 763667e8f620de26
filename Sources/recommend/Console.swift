import ArgumentParser
import Foundation
import RecommendCore

/// How the CLI talks to people: errors on standard error with an exit code, reports and lists as text.
enum Console {
    /// Runs `body`, then flushes standard output; a library error, or output that could not be written (a full
    /// disk, a closed pipe), is printed as one line on standard error and ends the process with status 1 (a
    /// reindex error with the status of its step, see `exitCode(for:)`).
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            let result = try body()
            try flushStandardOutput()
            return result
        } catch FeedError.noArticles(let report) {
            printIssues(report.issues)
            printError(FeedError.noArticles(report: report).description)
            throw ExitCode(1)
        } catch let error as ReindexError {
            printError(error.description)
            throw ExitCode(exitCode(for: error))
        } catch let error as any Error & CustomStringConvertible
            where error is FeedError || error is IndexFileError || error is QueryError || error is OutputError
            || error is LinearAlgebraError || error is OverridesError || error is EvaluationError
            || error is DatabaseError
        {
            printError(error.description)
            throw ExitCode(1)
        }
    }

    /// Writes out what `print` buffered.
    /// - Throws: `OutputError.writeFailed` when standard output refused any of it.
    private static func flushStandardOutput() throws(OutputError) {
        // `print` writes through the C streams, whose flush reports a write that failed, now or while printing.
        if fflush(nil) != 0 { throw .writeFailed(path: "standard output", reason: String(cString: strerror(errno))) }
    }

    /// The exit status of a failed reindex, by step (sysexits.h): 65 the source (EX_DATAERR), 70 the build or
    /// validation (EX_SOFTWARE), 73 writing or installing (EX_CANTCREAT), 74 the report (EX_IOERR), 75 locked by
    /// another run or the source database locked by a writer (EX_TEMPFAIL: worth a retry).
    static func exitCode(for error: ReindexError) -> Int32 {
        switch error {
        case .locked, .unavailable: return 75
        default: break
        }
        switch error.step {
        case .read: return 65
        case .previous, .build, .validate: return 70
        case .lock, .write, .rotate, .install: return 73
        case .report: return 74
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    /// A line about what was done, on standard error (standard output may be carrying data).
    static func printNote(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    static func printWarning(_ message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    /// The first 20 feed issues as warnings on standard error, and how many more there are.
    static func printIssues(_ issues: [FeedIssue]) {
        for issue in issues.prefix(20) {
            FileHandle.standardError.write(Data("warning: \(issue)\n".utf8))
        }
        if issues.count > 20 {
            FileHandle.standardError.write(Data("warning: ... and \(issues.count - 20) more\n".utf8))
        }
    }

    static func printReport(_ report: BuildReport, index: String) {
        printIssues(report.feed.issues)
        print("indexed \(report.articles) articles into \(index) (\(report.terms) terms, \(report.method))")
        print(report.feed.summary)
        if let model = report.embedding { print("embedding channel: \(model)") }
        let similarity = report.similarity
        if let search = similarity.search, let recall = similarity.sampledRecall {
            print(
                "candidate search: sgemm \(format(search.gemmSeconds))s at \(format(search.gemmGFLOPS, digits: 0)) GFLOP/s, "
                    + (search.partitionSeconds > 0 ? "cells \(format(search.partitionSeconds))s, " : "")
                    + "selection \(format(search.selectionSeconds))s, exact re-rank \(format(similarity.rankingSeconds))s; "
                    + "recall of the exact top-10 on a 200-article sample \(format(recall, digits: 3))")
        }
        let phases = report.phases.map { "\($0.name) \(format($0.seconds))s (cpu \(format($0.coresBusy, digits: 1))x)" }
            .joined(separator: ", ")
        print("time: \(phases); total \(format(report.totalSeconds))s")
        for adjustment in report.adjustments { print("adjusted: \(adjustment)") }
        if let topics = report.topics {
            let how =
                switch topics.count.rule {
                case .auto: "chosen by the largest eigengap"
                case .previous: "the previous index's count, still nearly the best eigengap"
                case .fixed:
                    topics.count.asked.map { "asked for \($0), at most \(topics.count.requested) here" } ?? "asked for"
                }
            let unassigned =
                topics.unassigned > 0 ? ", \(topics.unassigned) articles without usable terms have none" : ""
            print("topics: \(topics.topics) (\(how))\(unassigned)")
            if let changes = topics.changes { print("topic changes: \(changes.summary)") }
            if let ignored = topics.previousIgnored {
                let warning = "warning: previous index not used for topic ids: \(ignored)\n"
                FileHandle.standardError.write(Data(warning.utf8))
            }
        }
    }

    static func printTopic(_ topic: TopicSummary) {
        print("\(topic.id)  \(topic.size) articles  \(topic.labelTerms.joined(separator: ", "))")
        for article in topic.centralArticles { print("      \(article.id)  \(article.title)") }
    }

    static func printRelated(
        _ related: [RelatedArticle], of article: ArticleSummary, alsoPublishedAs: [String]? = nil,
        topic: TopicSummary? = nil
    ) {
        print("\(article.id)  \(article.title)  \(article.published.map { String($0.prefix(10)) } ?? "")")
        if let topic {
            print("topic \(topic.id): \(topic.labelTerms.joined(separator: ", ")) (\(topic.size) articles)")
        }
        if let alsoPublishedAs { print("     also published as: \(alsoPublishedAs.joined(separator: ", "))") }
        for entry in related {
            let date = entry.article.published.map { String($0.prefix(10)) } ?? "-"
            let rank = String(entry.rank).leftPadded(3)
            print(
                "\(rank). \(format(Double(entry.score), digits: 3))  \(entry.article.id)  \(date)  \(entry.article.title)"
            )
            if entry.pinned == true { print("       pinned by an editor") }
            if let ids = entry.alsoPublishedAs { print("       also published as: \(ids.joined(separator: ", "))") }
            if let explanation = entry.explanation {
                let parts = (explanation.terms + [explanation.topic, explanation.meaning].compactMap { $0 }).map {
                    "\($0.term) \(Int(($0.share * 100).rounded()))%"
                }
                print("       why: \(parts.joined(separator: ", "))")
            }
        }
    }

    /// A list with what the controls added: near-duplicates left out, pins, and the terms behind each score.
    static func printRelated(_ response: RelatedResponse) {
        printRelated(
            response.related, of: response.article ?? ArticleSummary(id: "(text)", title: ""),
            alsoPublishedAs: response.alsoPublishedAs, topic: response.topic)
    }

    static func format(_ value: Double, digits: Int = 2) -> String {
        String(format: "%.\(digits)f", value)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
