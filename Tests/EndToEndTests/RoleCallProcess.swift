import Foundation

/// Runs the built `rolecall` binary as a learner would, with scripted stdin, and captures what it prints.
struct RoleCallProcess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    /// The course behaviour tests run on: a frozen copy of three shipped lessons, so editing Lessons/ never breaks
    /// them (Tests/Fixtures/course-snapshot/course.yaml says why).
    static var course: String {
        repositoryRoot.appendingPathComponent("Tests/Fixtures/course-snapshot").path
    }

    /// The binary sits beside the test bundle in the build folder.
    static var executable: URL {
        let testBinary = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var folder = testBinary.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("rolecall")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/rolecall")
    }

    /// Runs rolecall with `arguments`; with `viaShell`, `arguments` is a whole command line whose first word is
    /// the program (for `ulimit` and the like).
    static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:], directory: URL? = nil,
                    viaShell: Bool = false) throws -> Output {
        let process = Process()
        process.executableURL = viaShell ? URL(fileURLWithPath: arguments[0]) : executable
        process.arguments = viaShell ? Array(arguments.dropFirst()) : arguments
        process.currentDirectoryURL = directory ?? repositoryRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["COLUMNS"] = "80"
        env["ROLECALL_COURSE"] = course
        for (key, value) in environment { env[key] = value }
        process.environment = env

        // Output goes to files, not pipes, so a chatty process can never block on a full pipe.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout"), stderrURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let stdoutData = try Data(contentsOf: stdoutURL), stderrData = try Data(contentsOf: stderrURL)
        return Output(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }
}
