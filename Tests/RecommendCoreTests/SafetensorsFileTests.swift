import Foundation
import TestSupport
import Testing

@testable import RecommendCore

/// The bytes of a safetensors file: the header length, `header` padded with spaces to a multiple of 8, `data`.
func safetensorsBytes(header: String, data: [UInt8]) -> [UInt8] {
    var json = Array(header.utf8)
    while json.count % 8 != 0 { json.append(0x20) }
    return (0..<8).map { UInt8(truncatingIfNeeded: UInt64(json.count) >> (8 * $0)) } + json + data
}

func littleEndian(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
func littleEndian(_ value: Float) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) } }

@Suite struct SafetensorsFileTests {
    /// Half-precision bit patterns and their values: 1, -2, 0.5, the largest half, the smallest subnormal, infinity.
    static let halves: [(UInt16, Float)] = [
        (0x3C00, 1), (0xC000, -2), (0x3800, 0.5), (0x7BFF, 65504), (0x0001, 0x1p-24), (0x7C00, .infinity),
    ]
    static let singles: [Float] = [1.5, -0.25, 3e38]

    /// A file with a 2 x 3 F16 tensor followed by a 3-element F32 tensor, and metadata.
    static var validFile: [UInt8] {
        let header = #"""
            {"__metadata__":{"format":"pt"},"half":{"dtype":"F16","shape":[2,3],"data_offsets":[0,12]},"single":{"dtype":"F32","shape":[3],"data_offsets":[12,24]}}
            """#
        return safetensorsBytes(
            header: header, data: halves.flatMap { littleEndian($0.0) } + singles.flatMap { littleEndian($0) })
    }

    @Test("I64 and I32 tensors (a checkpoint's position ids) read back as their values")
    func readsIntegers() throws {
        let i64: [Int64] = [0, 1, -2, 511]
        let i32: [Int32] = [7, -8]
        let data = i64.flatMap { v in (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
            + i32.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        let bytes = safetensorsBytes(
            header: #"{"ids":{"dtype":"I64","shape":[1,4],"data_offsets":[0,32]},"#
                + #""small":{"dtype":"I32","shape":[2],"data_offsets":[32,40]}}"#, data: data)
        let file = try SafetensorsFile(bytes: bytes, file: "ids.safetensors")
        #expect(try file.floats("ids") == [0, 1, -2, 511])
        #expect(try file.floats("small") == [7, -8])
    }

    @Test("F16 and F32 tensors read back as their values, with shapes and names")
    func readsValues() throws {
        let file = try SafetensorsFile(bytes: Self.validFile, file: "valid.safetensors")
        #expect(file.tensors.map(\.name) == ["half", "single"])
        #expect(try file.tensor(named: "half").shape == [2, 3])
        #expect(try file.tensor(named: "half").dtype == .f16)
        #expect(try file.floats("half") == Self.halves.map(\.1))
        #expect(try file.floats("single") == Self.singles)
    }

    @Test("every half-precision bit pattern converts as Float16 converts it", .enabled(if: Self.hasFloat16))
    func halfConversion() {
        #if !(os(macOS) && arch(x86_64))
            for bits in UInt16.min...UInt16.max {
                let expected = Float(Float16(bitPattern: bits))
                let converted = SafetensorsFile.float(half: bits)
                #expect(converted.bitPattern == expected.bitPattern || (converted.isNaN && expected.isNaN))
            }
        #endif
    }

    static var hasFloat16: Bool {
        #if os(macOS) && arch(x86_64)
            false
        #else
            true
        #endif
    }

    @Test("a file on disk is read, and a missing file is named")
    func readsFromDisk() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("model.safetensors", Self.validFile)
        #expect(try SafetensorsFile(path: path).floats("single") == Self.singles)
        let error = #expect(throws: EmbeddingError.self) {
            try SafetensorsFile(path: directory.file("absent.safetensors"))
        }
        guard case .unreadable(let file, _) = error else {
            Issue.record("expected unreadable, got \(String(describing: error))")
            return
        }
        #expect(file.hasSuffix("absent.safetensors"))
    }

    /// A damaged file and the error case it must give.
    static let damages: [(String, [UInt8], String)] = [
        ("empty file", [], "truncated"),
        ("shorter than the length field", [8, 0, 0, 0, 0], "truncated"),
        ("header length beyond the file", [0xE8, 0x03, 0, 0, 0, 0, 0, 0] + Array("{}".utf8), "headerBeyondFile"),
        (
            "header length near 2^64", [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF] + Array("{}".utf8),
            "headerBeyondFile"
        ),
        ("truncated inside the data", Array(validFile.dropLast(3)), "badOffsets"),
        ("header not JSON", safetensorsBytes(header: "{\"a\": [1, 2", data: []), "badHeader"),
        ("header not an object", safetensorsBytes(header: "[1, 2]", data: []), "badHeader"),
        (
            "header not UTF-8", safetensorsBytes(header: "{\"\u{00E9}\": 1}", data: []).map { $0 == 0xC3 ? 0xFF : $0 },
            "badHeader"
        ),
        (
            "tensor without data_offsets",
            safetensorsBytes(header: #"{"t":{"dtype":"F32","shape":[1]}}"#, data: [0, 0, 0, 0]), "badHeader"
        ),
        (
            "negative shape",
            safetensorsBytes(header: #"{"t":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]),
            "badHeader"
        ),
        (
            "unknown dtype",
            safetensorsBytes(
                header: #"{"t":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}"#, data: Array(repeating: 0, count: 8)),
            "unknownDType"
        ),
        (
            "offsets past the data",
            safetensorsBytes(header: #"{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [0, 0, 0, 0]),
            "badOffsets"
        ),
        (
            "offsets reversed",
            safetensorsBytes(header: #"{"t":{"dtype":"F32","shape":[0],"data_offsets":[4,0]}}"#, data: [0, 0, 0, 0]),
            "badOffsets"
        ),
        (
            "offsets not shape x dtype size",
            safetensorsBytes(
                header: #"{"t":{"dtype":"F16","shape":[2,2],"data_offsets":[0,6]}}"#,
                data: Array(repeating: 0, count: 8)),
            "badOffsets"
        ),
        (
            "shape product overflows",
            safetensorsBytes(
                header: #"{"t":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}"#,
                data: [0, 0, 0, 0]),
            "badOffsets"
        ),
    ]

    @Test("every damage is refused with its own error, naming the file", arguments: damages)
    func damaged(_ name: String, _ bytes: [UInt8], _ expected: String) {
        let error = #expect(throws: EmbeddingError.self, "\(name)") {
            try SafetensorsFile(bytes: bytes, file: "damaged.safetensors")
        }
        guard let error else { return }
        #expect(Self.kind(error) == expected, "\(name): \(error)")
        #expect(error.description.hasPrefix("damaged.safetensors: "))
    }

    @Test("a missing tensor is named with the ones the file holds")
    func missingTensor() throws {
        let file = try SafetensorsFile(bytes: Self.validFile, file: "valid.safetensors")
        let error = #expect(throws: EmbeddingError.self) { try file.floats("embedding.weight") }
        #expect(
            error
                == .missingTensor(file: "valid.safetensors", tensor: "embedding.weight", available: ["half", "single"]))
        #expect(
            error?.description
                == "valid.safetensors: no tensor named 'embedding.weight'; the file holds 'half', 'single'")
    }

    static func kind(_ error: EmbeddingError) -> String {
        switch error {
        case .unreadable: "unreadable"
        case .truncated: "truncated"
        case .headerBeyondFile: "headerBeyondFile"
        case .badHeader: "badHeader"
        case .unknownDType: "unknownDType"
        case .badOffsets: "badOffsets"
        case .missingTensor: "missingTensor"
        case .badTokenizer: "badTokenizer"
        case .unsupportedComponent: "unsupportedComponent"
        case .mismatchedTable: "mismatchedTable"
        case .badModelConfiguration: "badModelConfiguration"
        case .mismatchedWeight: "mismatchedWeight"
        case .notInstalled: "notInstalled"
        case .otherModel: "otherModel"
        }
    }
}
