import ArgumentParser
import Foundation
import PolicyEngine

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Validate IAM policy documents and simulate requests against them.",
        subcommands: [PolicyValidateCommand.self, PolicySimulateCommand.self]
    )
}

extension PolicyType: ExpressibleByArgument {}

struct PolicyValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a policy as IAM would, plus warnings; each problem as FILE:line:column."
    )

    @Argument(help: ArgumentHelp("The policy document (JSON).", valueName: "file"))
    var file: String

    @Option(help: "Where the policy is used: identity, trust, resource, boundary or scp.")
    var type: PolicyType = .identity

    func run() throws {
        let text = try readFile(file)
        let check = PolicyEngine.check(text, as: type)
        for diagnostic in check.diagnostics {
            print(diagnostic.formatted(file: file))
        }
        if !check.isValid { throw ExitCode(1) }
        if check.diagnostics.isEmpty { print("\(file): a valid \(type.rawValue) policy.") }
    }
}

struct PolicySimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Evaluate the requests described in a file and explain each decision (format: docs/policy-simulate.md)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: ArgumentHelp("A JSON request (or an array of them) with the policies that apply.", valueName: "file"))
    var file: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let text = try readFile(file)
        switch Simulator.run(text) {
        case .success(let output):
            print(format == .json ? output.json : output.text, terminator: format == .json ? "\n" : "")
        case .failure(let error):
            FileHandle.standardError.write(Data("\(file):\(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Reads a text file named on the command line, or fails with a message naming it.
func readFile(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw RoleCallFailure(.noInput, "Cannot read '\(path)': no such file, or it is not readable.")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw RoleCallFailure(.dataError, "'\(path)' is not UTF-8 text.")
    }
    return text
}
