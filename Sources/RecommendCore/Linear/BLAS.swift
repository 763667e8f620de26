internal import COpenBLAS

/// The one door to OpenBLAS (BLAS and the LAPACK it carries). No C type leaves this file.
enum BLAS {
    /// `C = alpha * A * B^T + beta * C` for row-major `A` (m x k), `B` (n x k), `C` (m x n).
    static func multiplyTransposed(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, blasint(m), blasint(n), blasint(k), alpha, a, blasint(k), b,
            blasint(k), beta, c, blasint(n))
    }

    /// `C = alpha * A * op(B) + beta * C` for row-major matrices given with their row strides: `A` (m x k, row
    /// stride `lda`), `op(B)` either `B` (k x n, stride `ldb`) or `B^T` with `B` (n x k, stride `ldb`), `C` (m x n,
    /// stride `ldc`). For products on slices of wider matrices (one attention head's columns of a row block).
    static func multiply(
        _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int, transposingB: Bool,
        into c: UnsafeMutablePointer<Float>, ldc: Int, m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, transposingB ? CblasTrans : CblasNoTrans, blasint(m), blasint(n), blasint(k),
            alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    /// `y = A x` for row-major `A` (m x n).
    static func multiplyVector(
        _ a: UnsafePointer<Float>, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, m: Int, n: Int
    ) {
        cblas_sgemv(CblasRowMajor, CblasNoTrans, blasint(m), blasint(n), 1, a, blasint(n), x, 1, 0, y, 1)
    }

    /// `C = A * B` for row-major `A` (m x k), `B` (k x n), `C` (m x n).
    static func multiply(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, blasint(m), blasint(n), blasint(k), 1, a, blasint(k), b,
            blasint(n), 0, c, blasint(n))
    }

    /// `C = A^T * A` for row-major `A` (m x n); `C` is n x n, both triangles filled.
    static func gram(_ a: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>, m: Int, n: Int) {
        cblas_sgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, blasint(n), blasint(n), blasint(m), 1, a, blasint(n), a,
            blasint(n), 0, c, blasint(n))
    }

    /// Replaces the columns of the row-major `m x n` matrix `a` (m >= n) by an orthonormal basis of their
    /// span (LQ factorisation of its column-major transpose).
    static func orthonormalizeColumns(_ a: inout [Float], rows m: Int, columns n: Int) throws(LinearAlgebraError) {
        precondition(a.count == m * n && m >= n)
        var rowsL = Int32(n)
        var colsL = Int32(m)
        var lda = Int32(n)
        var tau = [Float](repeating: 0, count: n)
        var info: Int32 = 0
        var query: Float = 0
        var lwork: Int32 = -1
        sgelqf_(&rowsL, &colsL, &a, &lda, &tau, &query, &lwork, &info)
        lwork = Int32(query)
        var work = [Float](repeating: 0, count: max(1, Int(lwork)))
        sgelqf_(&rowsL, &colsL, &a, &lda, &tau, &work, &lwork, &info)
        guard info == 0 else { throw .lapack(routine: "sgelqf", info: Int(info)) }
        var k = Int32(n)
        lwork = -1
        sorglq_(&rowsL, &colsL, &k, &a, &lda, &tau, &query, &lwork, &info)
        lwork = Int32(query)
        work = [Float](repeating: 0, count: max(1, Int(lwork)))
        sorglq_(&rowsL, &colsL, &k, &a, &lda, &tau, &work, &lwork, &info)
        guard info == 0 else { throw .lapack(routine: "sorglq", info: Int(info)) }
    }

    /// Eigenvalues (ascending) and eigenvectors of the symmetric `n x n` matrix `a`; on return row `j` of `a`
    /// (row-major) is the eigenvector of eigenvalue `j`.
    static func symmetricEigen(_ a: inout [Float], n: Int) throws(LinearAlgebraError) -> [Float] {
        var jobz = Int8(UInt8(ascii: "V"))
        var uplo = Int8(UInt8(ascii: "U"))
        var size = Int32(n)
        var lda = Int32(n)
        var w = [Float](repeating: 0, count: n)
        var info: Int32 = 0
        var query: Float = 0
        var iquery: Int32 = 0
        var lwork: Int32 = -1
        var liwork: Int32 = -1
        ssyevd_(&jobz, &uplo, &size, &a, &lda, &w, &query, &lwork, &iquery, &liwork, &info)
        lwork = Int32(query)
        liwork = iquery
        var work = [Float](repeating: 0, count: max(1, Int(lwork)))
        var iwork = [Int32](repeating: 0, count: max(1, Int(liwork)))
        ssyevd_(&jobz, &uplo, &size, &a, &lda, &w, &work, &lwork, &iwork, &liwork, &info)
        guard info == 0 else { throw .lapack(routine: "ssyevd", info: Int(info)) }
        return w
    }

    /// Runs `body` with OpenBLAS limited to one thread per call, for code that calls BLAS from several workers
    /// at once (each with its own core), then restores the previous setting.
    static func withSingleThread<T>(_ body: () throws -> T) rethrows -> T {
        let previous = openblas_get_num_threads()
        openblas_set_num_threads(1)
        defer { openblas_set_num_threads(previous) }
        return try body()
    }
}

/// How many threads OpenBLAS may use for one call. A batch job wants every core in each big product (the
/// default); a service answering many small queries at once wants one thread per call, so that concurrent
/// requests use the cores and no call waits on OpenBLAS's worker threads.
public enum BLASThreads {
    /// Sets the threads per BLAS call for the whole process.
    public static func set(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }
}

/// A failure inside the linear-algebra library.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A LAPACK routine reported an error code.
    case lapack(routine: String, info: Int)

    public var description: String {
        switch self {
        case .lapack(let routine, let info): "LAPACK \(routine) failed (info \(info))"
        }
    }
}
