import FuzzSupport
import SandboxShell

/// A line typed into the learner's shell: the tokenizer, the aws CLI's parsing (shorthand, JSON, --query), the
/// sandbox's services and the output formats. Every input starts from the same world; the state afterwards must
/// still save and load.
nonisolated(unsafe) let startingShell: SandboxShell = {
    var shell = SandboxShell(state: .initial())
    _ = shell.run("aws iam create-role --role-name R --assume-role-policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}'")
    _ = shell.run("aws s3 mb s3://b")
    _ = shell.run("aws dynamodb create-table --table-name T --attribute-definitions AttributeName=id,AttributeType=S --key-schema AttributeName=id,KeyType=HASH --billing-mode PAY_PER_REQUEST")
    return shell
}()

public func fuzzShell(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var shell = startingShell
    for line in FuzzInput.text(data, size).split(separator: "\n", maxSplits: 3).prefix(3) {
        let outcome = shell.run(String(line))
        FuzzInput.expect(!outcome.stderr.contains("NSCocoaErrorDomain") && !outcome.stdout.contains("Fatal error"), "raw error text")
    }
    let saved = try? shell.state.encoded()
    FuzzInput.expect(saved != nil, "the state after the commands cannot be saved")
    if let saved { FuzzInput.expect((try? ShellState.decoded(from: saved)) != nil, "the saved state does not load") }
    return 0
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { fuzzShell(data, size) }
#else
@main struct Replay { static func main() { FuzzInput.replay(fuzzShell) } }
#endif
