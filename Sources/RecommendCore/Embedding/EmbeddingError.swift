internal import Foundation

/// Problems that stop loading an embedding model: its vector table or weights (safetensors), its configuration
/// or its tokenizer (`tokenizer.json`). Every message names the file and what is wrong with it.
public enum EmbeddingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// The file is shorter than the 8-byte header length a safetensors file starts with.
    case truncated(file: String, size: Int)
    /// The header length field points past the end of the file.
    case headerBeyondFile(file: String, headerLength: UInt64, fileSize: Int)
    /// The safetensors header is not JSON, or not an object of tensor descriptions.
    case badHeader(file: String, reason: String)
    /// A tensor's element type is not one this reader converts to `Float`.
    case unknownDType(file: String, tensor: String, dtype: String)
    /// A tensor's byte range lies outside the data section, or its length is not shape x element size.
    case badOffsets(file: String, tensor: String, reason: String)
    /// The file has no tensor of the requested name.
    case missingTensor(file: String, tensor: String, available: [String])
    /// The tokenizer file is not JSON, or lacks or misspells a field the tokenizer needs.
    case badTokenizer(file: String, reason: String)
    /// The tokenizer file uses a component (normalizer, pre-tokenizer, model, post-processor or option) that
    /// is not implemented; only Llama-style BPE with byte fallback and BERT WordPiece are.
    case unsupportedComponent(file: String, component: String)
    /// The vector table does not fit the tokenizer: not a matrix, or fewer rows than token ids.
    case mismatchedTable(file: String, reason: String)
    /// A transformer model's configuration is not JSON, lacks a field, or describes an architecture that is not
    /// implemented (only a BERT encoder with absolute positions and GELU is).
    case badModelConfiguration(file: String, reason: String)
    /// A transformer weight the configuration needs is missing from the weights file or has another shape.
    case mismatchedWeight(file: String, tensor: String, reason: String)
    /// The models folder has no folder of the model's name (the model is not installed there).
    case notInstalled(model: String, directory: String)
    /// The index was built with another model than the one found (or with none where one is needed).
    case otherModel(index: String, built: EmbeddingModelIdentity, found: EmbeddingModelIdentity?)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "\(file): cannot read: \(reason)"
        case .truncated(let file, let size):
            "\(file): truncated: \(size) bytes, but a safetensors file starts with an 8-byte header length"
        case .headerBeyondFile(let file, let headerLength, let fileSize):
            "\(file): the header length field says \(headerLength) bytes, but only \(max(0, fileSize - 8)) follow it"
                + " (the file is truncated or not safetensors)"
        case .badHeader(let file, let reason):
            "\(file): bad safetensors header: \(reason)"
        case .unknownDType(let file, let tensor, let dtype):
            "\(file): tensor '\(tensor)' has dtype '\(dtype)'; only F16, BF16, F32, I32 and I64 are read"
        case .badOffsets(let file, let tensor, let reason):
            "\(file): tensor '\(tensor)': \(reason)"
        case .missingTensor(let file, let tensor, let available):
            "\(file): no tensor named '\(tensor)'; the file holds "
                + (available.isEmpty ? "no tensor" : available.map { "'\($0)'" }.joined(separator: ", "))
        case .badTokenizer(let file, let reason):
            "\(file): bad tokenizer: \(reason)"
        case .unsupportedComponent(let file, let component):
            "\(file): unsupported tokenizer component: \(component)"
                + " (supported: Llama-style BPE with byte fallback, BERT WordPiece)"
        case .mismatchedTable(let file, let reason):
            "\(file): the vector table does not fit the tokenizer: \(reason)"
        case .badModelConfiguration(let file, let reason):
            "\(file): bad model configuration: \(reason)"
        case .mismatchedWeight(let file, let tensor, let reason):
            "\(file): weight '\(tensor)' does not fit the model configuration: \(reason)"
        case .notInstalled(let model, let directory):
            "the embedding model '\(model)' is not installed in \(directory) (Scripts/install-model installs it; "
                + "--models or RECOMMEND_MODELS name another models folder)"
        case .otherModel(let index, let built, let found):
            "\(index) was built with the embedding model \(built)"
                + (found.map { ", but the model found is \($0)" } ?? ", which is not loaded")
                + "; install that model or rebuild the index"
        }
    }
}

extension EmbeddingError {
    /// The bytes of the model file at `path`.
    /// - Throws: `EmbeddingError.unreadable` naming `path` and the system's reason.
    static func contents(of path: String) throws(EmbeddingError) -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
    }
}
