import Foundation
import TestSupport
import Testing

/// `Scripts/install` and `Scripts/uninstall` in a temporary prefix, with the binary of this build.
@Suite struct InstallTests {
    @Test(
        "install puts the binary, man pages, completions and verified systemd units under PREFIX; uninstall removes exactly them"
    )
    func installAndUninstall() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let prefix = directory.path + "/prefix"
        // A file of the operator's in the prefix, which uninstall must leave.
        try FileManager.default.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        try directory.write("prefix/bin/other-tool", "#!/bin/sh\n")

        let install = try shell(packageRoot + "/Scripts/install", "--binary", CLI.executable, prefix)
        #expect(install.status == 0, "\(install.output)")
        let manifest = try String(contentsOfFile: prefix + "/share/recommend/installed-files", encoding: .utf8)
        let files = manifest.split(separator: "\n").map(String.init)
        for expected in [
            "bin/recommend", "share/man/man1/recommend.1", "share/man/man1/recommend.reindex.1",
            "share/man/man1/recommend.serve.1", "share/bash-completion/completions/recommend",
            "share/zsh/site-functions/_recommend", "share/fish/vendor_completions.d/recommend.fish",
            "lib/systemd/system/recommend.service", "lib/systemd/system/recommend-reindex.service",
            "lib/systemd/system/recommend-reindex.timer", "share/recommend/recommend.crontab",
        ] {
            #expect(files.contains(prefix + "/" + expected), "\(expected) not installed")
            #expect(FileManager.default.fileExists(atPath: prefix + "/" + expected), "\(expected) missing")
        }
        for file in files { #expect(FileManager.default.fileExists(atPath: file), "\(file) listed but missing") }

        // The installed binary runs; the man page of reindex documents its options; completions parse.
        let version = try shell(prefix + "/bin/recommend", "--help")
        #expect(version.status == 0 && version.output.contains("reindex"))
        let page = try String(contentsOfFile: prefix + "/share/man/man1/recommend.reindex.1", encoding: .utf8)
        #expect(page.contains(".Sh NAME") && page.contains("source") && page.contains("max-shrink"))
        #expect(try shell("bash", "-n", prefix + "/share/bash-completion/completions/recommend").status == 0)
        let completion = try String(
            contentsOfFile: prefix + "/share/bash-completion/completions/recommend", encoding: .utf8)
        #expect(completion.contains("reindex") && completion.contains("--drain-timeout"))

        // The units name the installed binary and pass systemd's own check.
        let units = ["recommend.service", "recommend-reindex.service", "recommend-reindex.timer"]
        let unitDirectory = prefix + "/lib/systemd/system"
        let service = try String(contentsOfFile: unitDirectory + "/recommend.service", encoding: .utf8)
        #expect(service.contains("ExecStart=\(prefix)/bin/recommend serve"))
        #expect(!service.contains("@BINDIR@"))
        for setting in [
            "DynamicUser=yes", "ProtectSystem=strict", "ReadWritePaths=/var/lib/recommend", "NoNewPrivileges=yes",
        ] {
            #expect(service.contains(setting), "\(setting) missing")
        }
        let verify = try shell("systemd-analyze", ["verify", "--man=no"] + units.map { unitDirectory + "/" + $0 })
        #expect(verify.status == 0, "\(verify.output)")
        #expect(!verify.output.contains(unitDirectory), "systemd-analyze complained: \(verify.output)")

        let uninstall = try shell(packageRoot + "/Scripts/uninstall", prefix)
        #expect(uninstall.status == 0, "\(uninstall.output)")
        for file in files { #expect(!FileManager.default.fileExists(atPath: file), "\(file) left behind") }
        #expect(FileManager.default.fileExists(atPath: prefix + "/bin/other-tool"))
        #expect(!FileManager.default.fileExists(atPath: prefix + "/lib"))
    }

    private func shell(_ executable: String, _ arguments: String...) throws -> (status: Int32, output: String) {
        try shell(executable, arguments)
    }

    /// Runs `executable` (found on PATH) with `arguments`; standard output and error together.
    private func shell(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
