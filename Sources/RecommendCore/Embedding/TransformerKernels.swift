/// The element-wise and row-wise steps of a transformer layer between its matrix products, eight floats at a
/// time: layer normalisation, GELU, the attention softmax. Each works in place on row-major buffers.
enum TransformerKernels {
    typealias Lanes = SIMD8<Float>

    /// Sets each of the `rows` rows of `width` floats at `p` to `bias`.
    static func fillRows(_ p: UnsafeMutablePointer<Float>, rows: Int, width: Int, with bias: UnsafePointer<Float>) {
        for r in 0..<rows { (p + r * width).update(from: bias, count: width) }
    }

    /// Normalises each row of `width` floats at `p` to mean 0 and variance 1 (the variance over the row, not the
    /// unbiased one, plus `epsilon`), then scales by `gamma` and shifts by `beta`, as `torch.nn.LayerNorm`.
    static func layerNorm(
        _ p: UnsafeMutablePointer<Float>, rows: Int, width: Int, gamma: UnsafePointer<Float>,
        beta: UnsafePointer<Float>, epsilon: Float
    ) {
        let vectorEnd = width - width % Lanes.scalarCount
        for r in 0..<rows {
            let row = p + r * width
            var sum = Lanes()
            var j = 0
            while j < vectorEnd {
                sum += load(row + j)
                j += Lanes.scalarCount
            }
            var total = sum.sum()
            for k in vectorEnd..<width { total += row[k] }
            let mean = total / Float(width)
            var squares = Lanes()
            j = 0
            while j < vectorEnd {
                let centred = load(row + j) - mean
                squares += centred * centred
                j += Lanes.scalarCount
            }
            var variance = squares.sum()
            for k in vectorEnd..<width { variance += (row[k] - mean) * (row[k] - mean) }
            let scale = 1 / (variance / Float(width) + epsilon).squareRoot()
            j = 0
            while j < vectorEnd {
                store((load(row + j) - mean) * scale * load(gamma + j) + load(beta + j), row + j)
                j += Lanes.scalarCount
            }
            for k in vectorEnd..<width { row[k] = (row[k] - mean) * scale * gamma[k] + beta[k] }
        }
    }

    /// Replaces each of the `count` floats at `p` by its GELU, `x/2 (1 + erf(x/√2))` (the exact form BERT uses,
    /// not the tanh approximation).
    static func gelu(_ p: UnsafeMutablePointer<Float>, count: Int) {
        let vectorEnd = count - count % Lanes.scalarCount
        var i = 0
        while i < vectorEnd {
            let x = load(p + i)
            store(0.5 * x * (1 + erf(x * Float(0.5).squareRoot())), p + i)
            i += Lanes.scalarCount
        }
        for k in vectorEnd..<count {
            let x = Lanes(repeating: p[k])
            p[k] = (0.5 * x * (1 + erf(x * Float(0.5).squareRoot())))[0]
        }
    }

    /// Replaces each of the `rows` rows of `columns` floats (row stride `stride`) at `p` by its softmax.
    static func softmaxRows(_ p: UnsafeMutablePointer<Float>, rows: Int, columns: Int, stride: Int) {
        let vectorEnd = columns - columns % Lanes.scalarCount
        for r in 0..<rows {
            let row = p + r * stride
            var largest = -Float.infinity
            for j in 0..<columns { largest = max(largest, row[j]) }
            var sum = Lanes()
            var j = 0
            while j < vectorEnd {
                let e = exp(load(row + j) - largest)
                store(e, row + j)
                sum += e
                j += Lanes.scalarCount
            }
            var total = sum.sum()
            for k in vectorEnd..<columns {
                row[k] = exp(Lanes(repeating: row[k] - largest))[0]
                total += row[k]
            }
            let scale = 1 / total
            for k in 0..<columns { row[k] *= scale }
        }
    }

    /// erf, within 5e-7 of the exact value everywhere: a rational approximation on [-4, 4] (beyond it erf is ±1
    /// in single precision), the one Eigen and XLA use.
    static func erf(_ x: Lanes) -> Lanes {
        let x = pointwiseMin(pointwiseMax(x, Lanes(repeating: -4)), Lanes(repeating: 4))
        let x2 = x * x
        var p = x2 * -2.72614225801306e-10 + 2.77068142495902e-08
        p = x2 * p - 2.10102402082508e-06
        p = x2 * p - 5.69250639462346e-05
        p = x2 * p - 7.34990630326855e-04
        p = x2 * p - 2.95459980854025e-03
        p = x2 * p - 1.60960333262415e-02
        p = x * p
        var q = x2 * -1.45660718464996e-05 - 2.13374055278905e-04
        q = x2 * q - 1.68282697438203e-03
        q = x2 * q - 7.37332916720468e-03
        q = x2 * q - 1.42647390514189e-02
        return p / q
    }

    /// e^x for x <= 0 (a softmax's shifted scores), within 2 units in the last place: x = n ln 2 + r with
    /// |r| <= ln 2 / 2, e^r by Cephes' polynomial, 2^n put in the exponent bits. Below -87 it gives about 1e-38.
    static func exp(_ x: Lanes) -> Lanes {
        let x = pointwiseMax(x, Lanes(repeating: -87))
        let n = (x * 1.44269504088896341).rounded(.toNearestOrEven)
        let r = x - n * 0.693359375 + n * 2.12194440e-4
        var p = r * 1.9875691500e-4 + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let y = p * r * r + r + 1
        // 2^n from n's bits: adding 1.5 x 2^23 puts the integer n in the low bits of the significand (a
        // lane-wise conversion to Int32 is not vectorised and cost a sixth of the forward pass).
        let shifted = unsafeBitCast(n + 12_582_912, to: SIMD8<UInt32>.self)
        let exponent = (shifted &- 0x4B40_0000 &+ 127) &<< 23
        return y * unsafeBitCast(exponent, to: Lanes.self)
    }

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> Lanes {
        UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
    }

    @inline(__always) static func load(_ p: UnsafeMutablePointer<Float>) -> Lanes {
        UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
    }

    @inline(__always) static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
    }
}
