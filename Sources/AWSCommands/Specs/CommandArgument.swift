/// One argument an operation's command line accepts, as the CLI's argument table has it after customisations.
struct CommandArgument: Sendable {
    enum Arity: Sendable, Equatable {
        /// `--name value`
        case single
        /// `--name a b c` (argparse `nargs='+'`): lists.
        case multiple
        /// `--name` / `--no-name`: booleans.
        case flag
        /// A bare word, like `outfile`.
        case positional
        /// `--name` alone, or `--name value` (argparse `nargs='?'`): `const` when no value follows.
        case optional(const: String)
    }

    /// Where the parsed value goes.
    enum Target: Sendable, Equatable {
        case member(String)
        /// ec2 run-instances `--count N` or `--count MIN:MAX`.
        case instanceCount
        /// lambda create-function `--zip-file fileb://…`, hoisted out of `Code.ZipFile`.
        case zipFile(structure: String)
        /// The file a streamed response member (`Body`, `Payload`) is written to.
        case outfile(responseMember: String)
        /// `--cli-input-json '{…}'`: members given as one JSON object; options on the command line win.
        case cliInputJSON
        /// `--generate-cli-skeleton [input]`: print the operation's input as a JSON template instead of calling.
        case generateSkeleton
        case startingToken
        case pageSize
        case maxItems
    }

    /// Without the leading dashes: "role-name", or "outfile" for a positional.
    let name: String
    let arity: Arity
    let target: Target
    /// The shape of a `.member` target; nil for customisation arguments.
    let shapeName: String?
    let isRequired: Bool
    /// Still accepted, but not offered by completion (the CLI's undocumented arguments).
    let isHidden: Bool

    var displayName: String { arity == .positional ? name : "--" + name }
}
