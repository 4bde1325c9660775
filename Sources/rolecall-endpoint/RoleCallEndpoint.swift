import ArgumentParser
import Foundation
import SandboxEndpoint
import SavedFiles
import Tutor

/// `rolecall-endpoint` (also `rolecall serve`): a sandbox served over HTTP for the real aws CLI, boto3 and the SDKs.
/// A program of its own, so the learner's `rolecall` links none of the server stack.
@main
struct RoleCallEndpoint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rolecall-endpoint",
        abstract: "Serve a sandbox over HTTP to your own aws CLI, boto3 and SDKs, with every request authorized by the policy engine.",
        discussion: """
            Prints the environment to give your tools (AWS_ENDPOINT_URL and the sandbox's keys). IAM, STS, CloudFormation, \
            EC2, S3, DynamoDB, CloudWatch Logs, Lambda and the instances' metadata service are served. The state file has one \
            writer: while this runs, rolecall sandbox and rolecall aws on it say so and stop.
            """)

    @Option(help: ArgumentHelp("The sandbox state file (rolecall serve: your own sandbox).", valueName: "file"))
    var state: String?
    /// The tutor's `endpoint on`: requests go over this socket to the tutor, which holds the lesson's sandbox.
    @Option(name: .customLong("relay-fd"), help: .hidden)
    var relayDescriptor: Int32?
    @Option(help: "The address to listen on; 127.0.0.1 keeps the sandbox to this machine.")
    var host: String = "127.0.0.1"
    @Option(help: "The port to listen on (0: any free port, printed).")
    var port: Int = 4566

    func run() async throws {
        func fail(_ message: String, _ status: Int32) -> ExitCode {
            FileHandle.standardError.write(Data("rolecall-endpoint: \(message)\n".utf8))
            return ExitCode(status)
        }
        guard (0...65_535).contains(port) else { throw fail("--port takes 0 to 65535", 64) }
        if let relayDescriptor { return try await relay(relayDescriptor) }
        guard let state else { throw fail("--state FILE names the sandbox to serve", 64) }
        // A full disk or a file-size limit is a save that fails with a message, not a signal that kills the server.
        AtomicFile.reportFileSizeLimitsAsErrors()
        do throws(SandboxFile.NotASandbox) { try SandboxFile.claim(state) } catch { throw fail(error.message, 66) }
        let lock: LearnerLock
        do throws(SandboxFile.Busy) { lock = try SandboxFile.lock(state) } catch { throw fail(error.message, 75) }
        defer { withExtendedLifetime(lock) {} }
        let (loaded, warning) = SandboxFile.load(state)
        if let warning { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        let endpoint = SandboxEndpoint(state: loaded, statePath: state, report: { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        })
        let keys = await endpoint.learnerCredentials
        let host = host, path = AtomicFile.absolute(state)
        do {
            try await EndpointServer.run(endpoint: endpoint, host: host, port: port) { bound in
                let reach = ["127.0.0.1", "localhost", "::1"].contains(host) ? "only this machine can reach it" : "reachable from the network"
                FileHandle.standardOutput.write(Data("""
                Serving the sandbox \(path) on http://\(host):\(bound) (\(reach)). Stop with Ctrl-C.
                In another terminal, as the sandbox's learner user:
                  export AWS_ENDPOINT_URL=http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(bound) AWS_ACCESS_KEY_ID=\(keys.accessKeyID) AWS_SECRET_ACCESS_KEY=\(keys.secretAccessKey) AWS_DEFAULT_REGION=us-east-1
                  aws sts get-caller-identity

                """.utf8))
            }
        } catch {
            throw fail(EndpointServer.problem(listeningOn: host, port: port, error), 69)
        }
        if let problem = await endpoint.saveNow() { throw fail(problem, 73) }
    }

    /// Serves for the tutor at the other end of the relay socket, until it closes.
    private func relay(_ descriptor: Int32) async throws {
        let client = RelayClient(descriptor: descriptor) { Foundation.exit(0) }
        client.watchForHangUp()
        do {
            try await EndpointServer.run(host: host, port: port, onRunning: { client.announce(.listening(port: $0)) }) { await client.exchange($0) }
        } catch {
            client.announce(.failed(EndpointServer.problem(listeningOn: host, port: port, error)))
            throw ExitCode(69)
        }
    }
}
