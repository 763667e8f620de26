import Foundation
import RecommendCore

/// How a long job reports its phases on standard error: readable lines with rates on a terminal, one
/// timestamped key=value line per phase otherwise (for logs and the journal).
struct ProgressOutput: Sendable {
    /// Lines for a person at a terminal.
    let terminal: Bool

    /// Terminal output when standard error is a terminal.
    static func forStandardError() -> ProgressOutput { ProgressOutput(terminal: isatty(2) == 1) }

    func show(_ event: ReindexEvent) {
        switch event {
        case .phase(let name, let count, let unit, let seconds):
            let rate = seconds > 0 ? Double(count) / seconds : 0
            if terminal, unit == "files" {
                line("\(name): done in \(Console.format(seconds, digits: 3)) s")
            } else if terminal {
                let amount = unit == "bytes" ? Self.bytes(count) : "\(Self.grouped(count)) \(unit)"
                let speed = unit == "bytes" ? "\(Self.bytes(Int(rate)))/s" : "\(Self.grouped(Int(rate)))/s"
                line("\(name): \(amount) in \(Console.format(seconds, digits: seconds < 10 ? 2 : 1)) s (\(speed))")
            } else {
                let key = unit.replacingOccurrences(of: " ", with: "_")
                line(
                    "\(Self.timestamp()) reindex phase=\(name) \(key)=\(count) "
                        + "seconds=\(Console.format(seconds, digits: 3)) rate=\(Int(rate))/s")
            }
        case .note(let text):
            line(terminal ? "note: \(text)" : "\(Self.timestamp()) reindex note: \(text)")
        }
    }

    /// The closing line, on standard output.
    func finish(_ report: ReindexReport) {
        var parts = [
            "generation \(report.generation ?? 0)", "\(report.articles ?? 0) articles", "\(report.mode)",
            Self.bytes(report.indexBytes ?? 0),
        ]
        if let churn = report.churn {
            parts.append(
                "top-10 overlap with the previous generation \(Console.format(churn.meanOverlap, digits: 3)) over "
                    + "\(churn.articlesCompared) articles (\(churn.articlesAdded) added, \(churn.articlesRemoved) removed), "
                    + "\(churn.changedMoreThanHalf) lists changed by more than half")
        }
        parts.append("\(Console.format(report.totalSeconds)) s")
        print("reindexed \(report.index): " + parts.joined(separator: ", "))
    }

    private func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (k, d) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    static func bytes(_ n: Int) -> String {
        n >= 1 << 20 ? "\(Console.format(Double(n) / Double(1 << 20), digits: 1)) MiB" : "\(grouped(n)) bytes"
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date())
    }
}
