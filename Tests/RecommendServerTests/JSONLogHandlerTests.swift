import Foundation
import Logging
import RecommendServer
import Synchronization
import Testing

@Suite struct JSONLogHandlerTests {
    /// Collects the lines a handler writes.
    final class Lines: Sendable {
        private let lines = Mutex<[[UInt8]]>([])

        func append(_ line: [UInt8]) { lines.withLock { $0.append(line) } }

        var all: [[UInt8]] { lines.withLock { $0 } }
    }

    @Test("each event is one line of JSON with time, level, label, message, source and every metadata value")
    func oneLinePerEvent() throws {
        let lines = Lines()
        var logger = Logger(label: "test") { JSONLogHandler(label: $0, sink: lines.append) }
        logger[metadataKey: "request.id"] = "r1"
        logger[metadataKey: "shadowed"] = "base"
        logger.info(
            "a \"quoted\"\nmessage",
            metadata: [
                "http.path": "/v1/articles/a b/related", "shadowed": "explicit",
                "nested": ["list": ["x", "y"], "n": .stringConvertible(3)],
            ])
        logger.debug("below the level")

        let written = lines.all
        try #require(written.count == 1)
        #expect(written[0].last == UInt8(ascii: "\n"))
        #expect(written[0].dropLast().contains(UInt8(ascii: "\n")) == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(written[0])) as? [String: Any])
        #expect(object["level"] as? String == "info")
        #expect(object["label"] as? String == "test")
        #expect(object["message"] as? String == "a \"quoted\"\nmessage")
        #expect(object["source"] as? String == "RecommendServerTests")
        #expect(object["request.id"] as? String == "r1")
        #expect(object["shadowed"] as? String == "explicit")
        #expect(object["http.path"] as? String == "/v1/articles/a b/related")
        let nested = try #require(object["nested"] as? [String: Any])
        #expect(nested["list"] as? [String] == ["x", "y"])
        #expect(nested["n"] as? String == "3")
        let time = try #require(object["time"] as? String)
        let parsed = try Date(time, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true))
        #expect(abs(parsed.timeIntervalSinceNow) < 60)
        #expect(time.count == "2026-11-30T06:31:02.123456Z".count)
    }
}
