/// The inner product of two float vectors, sixteen lanes at a time. A plain loop is not vectorised: reordering
/// a floating-point sum changes its rounding, so the compiler keeps it sequential, and for the short dense
/// vectors scored one pair at a time (latent cosines of re-rank candidates) that is most of their cost.
enum InnerProduct {
    @inline(__always)
    static func of(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        let ra = UnsafeRawPointer(a)
        let rb = UnsafeRawPointer(b)
        let width = MemoryLayout<SIMD8<Float>>.size
        var low = SIMD8<Float>()
        var high = SIMD8<Float>()
        var k = 0
        while k + 16 <= count {
            low += ra.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            high += ra.loadUnaligned(fromByteOffset: 4 * k + width, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: 4 * k + width, as: SIMD8<Float>.self)
            k += 16
        }
        if k + 8 <= count {
            low += ra.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            k += 8
        }
        var sum = (low + high).sum()
        while k < count {
            sum += a[k] * b[k]
            k += 1
        }
        return sum
    }
}
