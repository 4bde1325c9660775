// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "RoleCall",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rolecall", targets: ["rolecall"]),
        .executable(name: "rolecall-classroom", targets: ["rolecall-classroom"]),
        .executable(name: "rolecall-endpoint", targets: ["rolecall-endpoint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        // The class server only (a separate executable, so the learner's `rolecall` links none of it).
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        // Already in the graph through Hummingbird; named so the endpoint can answer `Expect: 100-continue`.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // Line editing: the one type that owns libedit, and a plain reader for pipes.
        .target(name: "LineEditing", dependencies: ["CEditLine"]),
        // A tiny program the line-editing tests drive in a real terminal (tmux).
        .executableTarget(name: "line-demo", dependencies: ["LineEditing"]),
        // The lesson format: the course model, the markdown/YAML parser and the content checker.
        .target(name: "ShellWords"),
        // "Did you mean" suggestions by edit distance, for every place that answers a typo.
        .target(name: "Suggestions"),
        .target(name: "Lessons", dependencies: ["CCmarkGFM", "ShellWords", "Suggestions", .product(name: "Yams", package: "Yams")]),
        // JSON read with the line and column of every value, for messages that point at the offending element.
        .target(name: "PositionedJSON"),
        // The IAM policy language: parsing, validation, evaluation with explanations. Pure: no I/O.
        .target(name: "PolicyEngine", dependencies: ["PositionedJSON"]),
        // Values shared by the aws command layer and the sandbox: requests, responses, errors.
        .target(name: "AWSModel", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // The aws command line: parsing as the aws CLI does, credentials, output formats, --query, aws s3.
        .target(name: "AWSCommands", dependencies: ["AWSModel", "AWSWire", "ShellWords"]),
        // The offline AWS: IAM, STS and the simulated services, authorized by the policy engine. Pure: no I/O.
        .target(name: "Sandbox", dependencies: ["AWSModel", "PolicyEngine", "PositionedJSON", .product(name: "Yams", package: "Yams"),
                                              .product(name: "Crypto", package: "swift-crypto")]),
        // The shell a learner types into: aws commands on the sandbox, export, instance exec, clock, whoami, explain.
        .target(name: "SandboxShell", dependencies: ["SessionLoop", "SavedFiles", "Sandbox", "AWSCommands", "AWSModel", "ShellWords", "Suggestions"]),
        // Markdown blocks to terminal text.
        .target(name: "Rendering", dependencies: ["Lessons"]),
        // The tutor: a learner's session through the course, task checks, lesson seeds, saved progress.
        // Files replaced atomically, stale temporaries, and the one-writer-per-learner lock.
        .target(name: "SavedFiles", dependencies: ["PositionedJSON"]),
        // Transcripts: learning events, the chained and signed records, the file they are appended to, and the
        // verifier that reads them back.
        .target(name: "Transcripts", dependencies: ["PositionedJSON", .product(name: "Crypto", package: "swift-crypto")]),
        // Assessment: the rules of a learner's work, in one place: lesson seeding, task checks, the task runner and
        // the ledger (the fold of learning events that the tutor, the exam and grading all read).
        .target(name: "Assessment", dependencies: ["Transcripts", "Lessons", "Sandbox", "SandboxShell", "AWSCommands", "AWSModel"]),
        // The one read-eval loop of every shell (tutor, exam, free-play sandbox), with reader and sinks injected.
        .target(name: "SessionLoop", dependencies: ["LineEditing"]),
        .target(name: "Tutor", dependencies: ["SessionLoop", "Assessment", "Transcripts", "SavedFiles", "Lessons", "Rendering", "Sandbox", "SandboxShell", "AWSCommands", "Suggestions", "EndpointCore", "AWSWire"]),
        // Grading: re-grading from raw answers and replayed commands, gradebooks, item analysis.
        .target(name: "Grading", dependencies: ["AWSModel", "Assessment", "Transcripts", "Lessons", "Sandbox", "SandboxShell", "ShellWords", "PositionedJSON", "SavedFiles", .product(name: "Yams", package: "Yams")]),
        .executableTarget(
            name: "rolecall",
            dependencies: ["ClassLink", "SessionLoop", "Assessment", "Transcripts", "SavedFiles", "Lessons", "Rendering", "PolicyEngine", "Suggestions", "Tutor", "Grading", "LineEditing", "SandboxShell", "Sandbox", "AWSCommands", "EndpointCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // HTTP through libcurl, loaded only when a learner is in a class (no network library at every start).
        // AWS's wire: Signature Version 4 and the protocols' encodings, pure (for the sandbox's HTTP endpoint).
        .target(name: "AWSWire", dependencies: ["AWSModel", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "AWSWireTests", dependencies: ["AWSWire"], resources: [.copy("Fixtures")]),
        // The sandbox served over HTTP for the real aws CLI and SDKs (its own program, like the class server).
        // What the endpoint does with a request, with no server and no disk (the tutor's `endpoint on` uses it too).
        .target(name: "EndpointCore", dependencies: ["AWSWire", "AWSCommands", "AWSModel", "Sandbox", "SandboxShell", "SessionLoop"]),
        // Why a server could not listen, said once for the endpoint and the class server.
        .target(name: "Listening"),
        .target(name: "SandboxEndpoint", dependencies: ["Listening", "EndpointCore", "AWSWire", "AWSCommands", "AWSModel", "Sandbox", "SandboxShell", "SavedFiles", "Tutor",
                                                        .product(name: "Hummingbird", package: "hummingbird"),
                                                        .product(name: "HummingbirdCore", package: "hummingbird"),
                                                        .product(name: "NIOCore", package: "swift-nio"),
                                                        .product(name: "NIOHTTPTypes", package: "swift-nio-extras")]),
        .testTarget(name: "SandboxEndpointTests", dependencies: ["SandboxEndpoint", "EndpointCore", "AWSWire", "AWSCommands", "AWSModel", "SandboxShell", "ShellWords"]),
        .executableTarget(name: "rolecall-endpoint", dependencies: ["SandboxEndpoint", "SavedFiles", "Tutor", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        .target(name: "CHTTP", linkerSettings: [.linkedLibrary("dl")]),
        // The learner's link to a class: joining, and sending the transcript's new records as they are written.
        .target(name: "ClassLink", dependencies: ["CHTTP", "SavedFiles", "Transcripts"]),
        // The classroom's rules, pure: classes, join codes and tokens, accepting a learner's records exactly once,
        // the roster and answer distributions read off each learner's ledger, and grade exports for LMSs.
        .target(name: "Classroom", dependencies: ["Assessment", "Grading", "Sandbox", "Transcripts", "Lessons", .product(name: "Crypto", package: "swift-crypto")]),
        // Where a class is kept: one protocol, its SQLite backend through GRDB (WAL, versioned migrations) and its
        // PostgreSQL backend through postgres-nio (several server processes, LISTEN/NOTIFY between them).
        .target(name: "ClassroomStore", dependencies: ["Classroom", "Transcripts", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio")]),
        // The class server over HTTP: the learners' API, the instructor's dashboard and its live updates.
        .target(name: "ClassroomServer", dependencies: ["Classroom", "ClassroomStore", "Transcripts", "Lessons", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Mustache", package: "swift-mustache")]),
        .executableTarget(name: "rolecall-classroom", dependencies: ["Listening", "ClassroomServer", "ClassroomStore", "Classroom", "Lessons", "Grading", "Transcripts", "Sandbox", "SavedFiles", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Fuzz targets (make fuzz builds them with libFuzzer; an ordinary build makes them replay files, which
        // the tests use to run every committed corpus and past crash as a regression test).
        .target(name: "FuzzSupport", path: "Fuzz/Support"),
        .executableTarget(name: "fuzz-policy", dependencies: ["FuzzSupport", "PolicyEngine"], path: "Fuzz/Policy"),
        .executableTarget(name: "fuzz-lesson", dependencies: ["FuzzSupport", "Lessons"], path: "Fuzz/Lesson"),
        .executableTarget(name: "fuzz-shell", dependencies: ["FuzzSupport", "SandboxShell"], path: "Fuzz/Shell"),
        .executableTarget(name: "fuzz-transcript", dependencies: ["FuzzSupport", "Transcripts", "PositionedJSON"], path: "Fuzz/Transcript"),
        .executableTarget(name: "fuzz-saved-state", dependencies: ["FuzzSupport", "SandboxShell", "SavedFiles", "Tutor"], path: "Fuzz/SavedState"),
        .executableTarget(name: "policy-bench", dependencies: ["PolicyEngine", "Sandbox"], path: "Benchmarks/PolicyBench"),
        .executableTarget(name: "sandbox-bench", dependencies: ["SandboxShell"], path: "Benchmarks/SandboxBench"),
        .executableTarget(name: "grading-bench", dependencies: ["Grading", "Lessons", "Rendering", "Transcripts"], path: "Benchmarks/GradingBench"),
        .executableTarget(name: "classroom-bench", dependencies: ["Lessons", "Rendering", "Transcripts"], path: "Benchmarks/ClassroomBench"),
        .executableTarget(name: "course-bench", dependencies: ["Lessons"], path: "Benchmarks/CourseBench"),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "Lessons"]),
        .testTarget(name: "PositionedJSONTests", dependencies: ["PositionedJSON"]),
        .testTarget(name: "PolicyEngineTests", dependencies: ["PolicyEngine", "PositionedJSON"]),
        .testTarget(name: "AWSCommandsTests", dependencies: ["AWSCommands", "AWSModel", "ShellWords"], resources: [.copy("Golden")]),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox", "AWSModel"]),
        // Drives programs in a real terminal through tmux, for the line-editing and tutor tests.
        .target(name: "TerminalTesting", path: "Tests/TerminalTesting"),
        .testTarget(name: "LineEditingTests", dependencies: ["LineEditing", "line-demo", "TerminalTesting"]),
        .testTarget(name: "TutorTests", dependencies: ["Suggestions", "Tutor", "Assessment", "Transcripts", "SavedFiles", "Lessons", "Sandbox", "SandboxShell", "Rendering"]),
        .testTarget(name: "AssessmentTests", dependencies: ["Assessment", "Transcripts", "Lessons", "Sandbox", "SandboxShell"]),
        .testTarget(name: "GradingTests", dependencies: ["Grading", "Assessment", "Transcripts", "Lessons", "Tutor", "Rendering"]),
        .testTarget(name: "ShellWordsTests", dependencies: ["ShellWords"]),
        .testTarget(name: "SavedFilesTests", dependencies: ["SavedFiles"]),
        .testTarget(name: "SessionLoopTests", dependencies: ["SessionLoop", "LineEditing"]),
        // The PostgreSQL the class tests run on, one database per test.
        .target(name: "ClassroomTesting", dependencies: [.product(name: "PostgresNIO", package: "postgres-nio")], path: "Tests/ClassroomTesting"),
        .testTarget(name: "ClassroomTests", dependencies: ["ClassroomTesting", "Classroom", "ClassroomStore", "Transcripts", "Lessons", "Assessment"]),
        .testTarget(name: "ClassroomServerTests", dependencies: ["ClassroomTesting", "rolecall-classroom", "ClassroomServer", "ClassroomStore", "Classroom", "ClassLink", "Transcripts", "Lessons", "Assessment"]),
        .testTarget(name: "EndToEndTests", dependencies: ["rolecall", "rolecall-classroom", "rolecall-endpoint", "TerminalTesting", "fuzz-policy", "fuzz-lesson", "fuzz-shell", "fuzz-transcript", "fuzz-saved-state"], exclude: ["Fixtures"]),
    ]
)
