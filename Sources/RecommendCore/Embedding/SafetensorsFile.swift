internal import Foundation

/// A safetensors file: an 8-byte little-endian header length, a JSON header describing each tensor (`dtype`,
/// `shape`, `data_offsets` into the data section), then the raw little-endian tensor bytes.
///
/// Nothing in the header is trusted: the header length is checked against the file size, and every tensor's
/// byte range against the data section and against its shape times its element size, when the file is opened.
public struct SafetensorsFile: Sendable {
    /// The element types read and converted to `Float`. The integer types are there because transformer
    /// checkpoints carry small integer tensors beside their weights (BERT's `embeddings.position_ids`).
    public enum DType: String, Sendable, CaseIterable {
        case f16 = "F16"
        case bf16 = "BF16"
        case f32 = "F32"
        case i32 = "I32"
        case i64 = "I64"

        /// Bytes per element.
        public var size: Int {
            switch self {
            case .f16, .bf16: 2
            case .f32, .i32: 4
            case .i64: 8
            }
        }
    }

    /// One tensor's description from the header.
    public struct Tensor: Sendable, Equatable {
        public let name: String
        public let dtype: DType
        public let shape: [Int]
        /// The tensor's bytes within the data section.
        public let byteRange: Range<Int>

        /// The number of elements: the product of the shape (1 for a scalar).
        public var count: Int { shape.reduce(1, *) }
    }

    /// The path the file was read from (or the name given with its bytes), used in error messages.
    public let file: String
    /// The tensors, in header order.
    public let tensors: [Tensor]
    private let bytes: [UInt8]
    private let dataStart: Int

    /// Reads and checks the file at `path`.
    /// - Throws: `EmbeddingError` naming `path` when the file cannot be read or is damaged.
    public init(path: String) throws(EmbeddingError) {
        try self.init(bytes: try EmbeddingError.contents(of: path), file: path)
    }

    /// Checks `bytes` as a safetensors file; `file` names it in errors.
    /// - Throws: `EmbeddingError.truncated`, `.headerBeyondFile`, `.badHeader`, `.unknownDType`, `.badOffsets`.
    public init(bytes: [UInt8], file: String) throws(EmbeddingError) {
        guard bytes.count >= 8 else { throw .truncated(file: file, size: bytes.count) }
        let headerLength = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << (8 * UInt64($1)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw .headerBeyondFile(file: file, headerLength: headerLength, fileSize: bytes.count)
        }
        let dataStart = 8 + Int(headerLength)
        let header: JSONValue
        do {
            header = try JSONValue.parse(bytes[8..<dataStart])
        } catch {
            throw .badHeader(file: file, reason: error.description)
        }
        guard let members = header.members else {
            throw .badHeader(file: file, reason: "the header is not a JSON object")
        }
        let dataSize = bytes.count - dataStart
        var tensors: [Tensor] = []
        for (name, description) in members where name != "__metadata__" {
            tensors.append(try Self.tensor(name, description, dataSize: dataSize, file: file))
        }
        self.file = file
        self.tensors = tensors
        self.bytes = bytes
        self.dataStart = dataStart
    }

    /// The tensor named `name` (compared byte for byte).
    /// - Throws: `EmbeddingError.missingTensor`, listing the names the file holds.
    public func tensor(named name: String) throws(EmbeddingError) -> Tensor {
        guard let tensor = tensors.first(where: { $0.name.utf8.elementsEqual(name.utf8) }) else {
            throw .missingTensor(file: file, tensor: name, available: tensors.map(\.name))
        }
        return tensor
    }

    /// The elements of the tensor named `name` as `Float`, in row-major order.
    /// - Throws: `EmbeddingError.missingTensor`.
    /// - Complexity: O(elements).
    public func floats(_ name: String) throws(EmbeddingError) -> [Float] {
        floats(try tensor(named: name))
    }

    /// The elements of `tensor` (one of `tensors`) as `Float`, in row-major order.
    public func floats(_ tensor: Tensor) -> [Float] {
        let count = tensor.count
        let start = dataStart + tensor.byteRange.lowerBound
        return bytes.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: count) { out, initialized in
                switch tensor.dtype {
                case .f32:
                    for i in 0..<count {
                        out[i] = Float(
                            bitPattern: UInt32(
                                littleEndian: raw.loadUnaligned(fromByteOffset: start + 4 * i, as: UInt32.self)))
                    }
                case .f16:
                    for i in 0..<count {
                        out[i] = Self.float(
                            half: UInt16(
                                littleEndian: raw.loadUnaligned(fromByteOffset: start + 2 * i, as: UInt16.self)))
                    }
                case .bf16:
                    for i in 0..<count {
                        let bits = UInt16(
                            littleEndian: raw.loadUnaligned(fromByteOffset: start + 2 * i, as: UInt16.self))
                        out[i] = Float(bitPattern: UInt32(bits) << 16)
                    }
                case .i32:
                    for i in 0..<count {
                        out[i] = Float(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: start + 4 * i, as: Int32.self)))
                    }
                case .i64:
                    for i in 0..<count {
                        out[i] = Float(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * i, as: Int64.self)))
                    }
                }
                initialized = count
            }
        }
    }

    /// The IEEE 754 half-precision number with bit pattern `bits`, exactly. Written out because `Float16` is not
    /// available on every platform the package builds for.
    static func float(half bits: UInt16) -> Float {
        let sign = UInt32(bits >> 15) << 31
        let exponent = UInt32(bits >> 10) & 0x1F
        let mantissa = UInt32(bits) & 0x3FF
        switch exponent {
        case 0:
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)
        default:
            return Float(bitPattern: sign | (exponent + 112) << 23 | mantissa << 13)
        }
    }

    private static func tensor(_ name: String, _ description: JSONValue, dataSize: Int, file: String)
        throws(EmbeddingError) -> Tensor
    {
        guard description.members != nil else {
            throw .badHeader(file: file, reason: "the entry of tensor '\(name)' is not an object")
        }
        guard let dtypeName = description["dtype"]?.string else {
            throw .badHeader(file: file, reason: "tensor '\(name)' has no \"dtype\" string")
        }
        guard let dtype = DType(rawValue: dtypeName) else {
            throw .unknownDType(file: file, tensor: name, dtype: dtypeName)
        }
        guard let shapeValues = description["shape"]?.array else {
            throw .badHeader(file: file, reason: "tensor '\(name)' has no \"shape\" array")
        }
        var shape: [Int] = []
        var count = 1
        for value in shapeValues {
            guard let dimension = value.integer, dimension >= 0 else {
                throw .badHeader(
                    file: file, reason: "tensor '\(name)' has a shape entry that is not a non-negative integer")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw .badOffsets(
                    file: file, tensor: name, reason: "the shape \(shapeValues.compactMap(\.integer)) overflows")
            }
            shape.append(dimension)
            count = product
        }
        guard let offsets = description["data_offsets"]?.array, offsets.count == 2,
            let begin = offsets[0].integer, let end = offsets[1].integer
        else {
            throw .badHeader(file: file, reason: "tensor '\(name)' has no \"data_offsets\" pair of integers")
        }
        guard 0 <= begin, begin <= end, end <= dataSize else {
            throw .badOffsets(
                file: file, tensor: name,
                reason: "data_offsets [\(begin), \(end)] lie outside the data section of \(dataSize) bytes")
        }
        let (expected, overflow) = count.multipliedReportingOverflow(by: dtype.size)
        guard !overflow, end - begin == expected else {
            throw .badOffsets(
                file: file, tensor: name,
                reason: "data_offsets [\(begin), \(end)] hold \(end - begin) bytes, but shape \(shape) of \(dtypeName)"
                    + " needs \(overflow ? "more than Int.max" : String(expected))")
        }
        return Tensor(name: name, dtype: dtype, shape: shape, byteRange: begin..<end)
    }
}
