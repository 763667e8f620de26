/// The transformer's forward pass over a batch of texts.
///
/// The batch's tokens are packed one text after another into one matrix of (all tokens) x hidden rows, with no
/// padding: each projection (query-key-value, attention output, intermediate, output) is one `sgemm` over every
/// token of the batch, and attention runs text by text, head by head, on that text's rows alone, so no token
/// attends to another text's and no padding is ever computed or masked.
extension SentenceEncoder {
    /// The mean-pooled, unit-length embeddings of `sequences` (token ids), one row of `dimensions` floats each.
    /// - Complexity: O(layers x (T x hidden x intermediate + Σ n² x hidden)) for T tokens in texts of n tokens.
    func forward(_ sequences: [[Int32]]) -> [Float] {
        let h = configuration.hiddenSize
        let i = configuration.intermediateSize
        let heads = configuration.heads
        let d = h / heads
        let starts = sequences.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        let t = starts.last!
        let longest = sequences.map(\.count).max() ?? 0
        var pooled = [Float](repeating: 0, count: sequences.count * h)
        guard t > 0 else { return pooled }

        let x = UnsafeMutablePointer<Float>.allocate(capacity: t * h)
        let qkv = UnsafeMutablePointer<Float>.allocate(capacity: t * 3 * h)
        let context = UnsafeMutablePointer<Float>.allocate(capacity: t * h)
        let residual = UnsafeMutablePointer<Float>.allocate(capacity: t * h)
        let intermediate = UnsafeMutablePointer<Float>.allocate(capacity: t * i)
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: longest * longest)
        defer {
            for buffer in [x, qkv, context, residual, intermediate, scores] { buffer.deallocate() }
        }

        // Embeddings: word + position + token type 0, normalised.
        wordEmbeddings.withUnsafeBufferPointer { words in
            positionEmbeddings.withUnsafeBufferPointer { positions in
                tokenTypeEmbedding.withUnsafeBufferPointer { type in
                    for (s, ids) in sequences.enumerated() {
                        for (position, id) in ids.enumerated() {
                            let row = x + (starts[s] + position) * h
                            let word = words.baseAddress! + Int(id) * h
                            let place = positions.baseAddress! + position * h
                            for j in 0..<h { row[j] = word[j] + place[j] + type[j] }
                        }
                    }
                }
            }
        }
        normalize(x, rows: t, embeddingNorm)

        let scale = 1 / Float(d).squareRoot()
        for layer in layers {
            // Queries, keys and values of every token: one product.
            project(x, t, h, through: layer.attention, layer.attentionBias, outputs: 3 * h, into: qkv)
            for s in sequences.indices {
                let n = starts[s + 1] - starts[s]
                let rows = qkv + starts[s] * 3 * h
                for head in 0..<heads {
                    BLAS.multiply(
                        rows + head * d, lda: 3 * h, rows + h + head * d, ldb: 3 * h, transposingB: true,
                        into: scores, ldc: n, m: n, n: n, k: d, alpha: scale)
                    TransformerKernels.softmaxRows(scores, rows: n, columns: n, stride: n)
                    BLAS.multiply(
                        scores, lda: n, rows + 2 * h + head * d, ldb: 3 * h, transposingB: false,
                        into: context + starts[s] * h + head * d, ldc: h, m: n, n: d, k: n)
                }
            }
            // x = norm(x + context Wo + bo)
            residual.update(from: x, count: t * h)
            project(context, t, h, through: layer.attentionOutput, layer.attentionOutputBias, outputs: h, into: x)
            add(residual, to: x, count: t * h)
            normalize(x, rows: t, layer.attentionNorm)
            // x = norm(x + gelu(x Wi + bi) Wo + bo)
            project(x, t, h, through: layer.intermediate, layer.intermediateBias, outputs: i, into: intermediate)
            TransformerKernels.gelu(intermediate, count: t * i)
            residual.update(from: x, count: t * h)
            project(intermediate, t, i, through: layer.output, layer.outputBias, outputs: h, into: x)
            add(residual, to: x, count: t * h)
            normalize(x, rows: t, layer.outputNorm)
        }

        // The mean over each text's tokens, scaled to unit length (the mean's direction is the sum's).
        for s in sequences.indices {
            var sum = [Float](repeating: 0, count: h)
            for r in starts[s]..<starts[s + 1] {
                let row = x + r * h
                for j in 0..<h { sum[j] += row[j] }
            }
            let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let factor = norm > 0 ? 1 / norm : 0
            for j in 0..<h { pooled[s * h + j] = sum[j] * factor }
        }
        return pooled
    }

    /// `output = input W^T + bias` for `rows` rows of `width` floats and `W` of `outputs` x `width`.
    private func project(
        _ input: UnsafeMutablePointer<Float>, _ rows: Int, _ width: Int, through weight: [Float], _ bias: [Float],
        outputs: Int, into output: UnsafeMutablePointer<Float>
    ) {
        bias.withUnsafeBufferPointer { TransformerKernels.fillRows(output, rows: rows, width: outputs, with: $0.baseAddress!) }
        weight.withUnsafeBufferPointer { w in
            BLAS.multiplyTransposed(input, w.baseAddress!, into: output, m: rows, n: outputs, k: width, beta: 1)
        }
    }

    private func add(_ source: UnsafeMutablePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        for k in 0..<count { target[k] += source[k] }
    }

    private func normalize(_ x: UnsafeMutablePointer<Float>, rows: Int, _ norm: (gamma: [Float], beta: [Float])) {
        norm.gamma.withUnsafeBufferPointer { gamma in
            norm.beta.withUnsafeBufferPointer { beta in
                TransformerKernels.layerNorm(
                    x, rows: rows, width: configuration.hiddenSize, gamma: gamma.baseAddress!, beta: beta.baseAddress!,
                    epsilon: configuration.layerNormEpsilon)
            }
        }
    }
}
