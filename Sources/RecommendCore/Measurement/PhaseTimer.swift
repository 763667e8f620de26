/// Measures the phases of a job (`Stopwatch`): wall time and the CPU time of the whole process.
struct PhaseTimer {
    private(set) var phases: [BuildReport.Phase] = []
    /// Called as each phase ends (progress output).
    var onPhase: (@Sendable (BuildReport.Phase) -> Void)?

    /// Runs `body` as the phase `name`.
    mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let wall = ContinuousClock.now
        let cpu = Stopwatch.processCPUSeconds()
        defer {
            let phase = BuildReport.Phase(
                name: name, seconds: wall.secondsSince, cpuSeconds: Stopwatch.processCPUSeconds() - cpu)
            phases.append(phase)
            onPhase?(phase)
        }
        return try body()
    }

    /// Adds phases measured elsewhere (a build's), in order.
    mutating func record(_ measured: [BuildReport.Phase]) {
        phases += measured
    }
}
