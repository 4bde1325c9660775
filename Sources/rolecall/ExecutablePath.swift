import Foundation

/// Where this program's file is, for finding what was installed or built beside it (the course, sibling programs).
enum ExecutablePath {
    /// The link `/proc/self/exe` names the file wherever the program was started from.
    static var current: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
