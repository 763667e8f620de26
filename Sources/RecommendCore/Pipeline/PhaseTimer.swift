#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Measures the phases of a job: wall time and the CPU time of the whole process, whose ratio shows how many
/// cores a phase kept busy.
struct PhaseTimer {
    private(set) var phases: [BuildReport.Phase] = []
    /// Called as each phase ends (progress output).
    var onPhase: (@Sendable (BuildReport.Phase) -> Void)?

    /// Runs `body` as the phase `name`.
    mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let wall = ContinuousClock.now
        let cpu = Self.processCPUSeconds()
        defer {
            let phase = BuildReport.Phase(
                name: name, seconds: wall.secondsSince, cpuSeconds: Self.processCPUSeconds() - cpu)
            phases.append(phase)
            onPhase?(phase)
        }
        return try body()
    }

    /// User plus system CPU seconds of this process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
