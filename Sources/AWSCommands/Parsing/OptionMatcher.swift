/// Matches words against a set of options and positionals the way Python's argparse does for the CLI:
/// `--name value`, `--name=value`, unique-prefix abbreviations, `nargs='+'` lists, store-true flags, and
/// everything unrecognised kept, in order, for the next parser or for "Unknown options".
struct OptionMatcher {
    enum Arity: Equatable {
        case single
        /// argparse's `nargs='*'` (awscli's ListArgument): a list option may be given no values at all.
        case multiple
        /// argparse's `nargs='+'`, as the CLI's own commands declare lists: at least one value.
        case oneOrMore
        /// Stores `value` when present, e.g. `--dry-run` → true, `--no-dry-run` → false.
        case flag(value: Bool)
        /// argparse's `nargs='?'`: the next word if it is not an option, else `const`.
        case optional(const: String)
    }

    struct Option {
        /// Without dashes.
        let name: String
        /// The key the value is stored under; `--x` and `--no-x` share one.
        let key: String
        let arity: Arity
    }

    enum Value: Equatable {
        case word(String)
        case words([String])
        case flag(Bool)
    }

    struct Outcome {
        var values: [String: Value] = [:]
        var positionals: [String] = []
        /// Words nobody claimed, in their original order.
        var extras: [String] = []
    }

    let options: [Option]
    /// How many bare words to claim as positionals; the rest go to extras.
    let positionalCount: Int
    /// Each option's position by its word (`--name`): every option-like word of every command is looked up, three
    /// times (the global options, the service, the operation), so the word itself is the key.
    private let positions: [String: Int]
    /// The options' names as bytes, for argparse's unique-prefix abbreviations: every operation option is an
    /// unknown word to the global parser, which tries it against all of its options.
    private let nameBytes: [[UInt8]]

    init(options: [Option], positionalCount: Int) {
        self.options = options
        self.positionalCount = positionalCount
        var positions: [String: Int] = [:]
        for (position, option) in options.enumerated() where positions["--" + option.name] == nil { positions["--" + option.name] = position }
        self.positions = positions
        nameBytes = options.map { Array($0.name.utf8) }
    }

    func match(_ words: [String]) throws(CLIFailure) -> Outcome {
        var outcome = Outcome()
        var position = 0
        while position < words.count {
            let word = words[position]
            position += 1
            guard looksLikeOption(word) else {
                if outcome.positionals.count < positionalCount {
                    outcome.positionals.append(word)
                } else {
                    outcome.extras.append(word)
                }
                continue
            }
            let (optionText, explicitValue) = splitExplicitValue(word)
            guard let option = try resolve(optionText, word: word) else {
                outcome.extras.append(word)
                continue
            }
            switch option.arity {
            case .flag(let value):
                if let explicitValue {
                    throw .usage("argument --\(option.name): ignored explicit argument '\(explicitValue)'")
                }
                outcome.values[option.key] = .flag(value)
            case .single, .optional:
                if let explicitValue {
                    outcome.values[option.key] = .word(explicitValue)
                } else if position < words.count, !looksLikeOption(words[position]) {
                    outcome.values[option.key] = .word(words[position])
                    position += 1
                } else if case .optional(let const) = option.arity {
                    outcome.values[option.key] = .word(const)
                } else {
                    throw .usage("argument --\(option.name): expected one argument")
                }
            case .multiple, .oneOrMore:
                var collected: [String] = []
                if let explicitValue { collected.append(explicitValue) }
                while explicitValue == nil, position < words.count, !looksLikeOption(words[position]) {
                    collected.append(words[position])
                    position += 1
                }
                if option.arity == .oneOrMore, collected.isEmpty {
                    throw .usage("argument --\(option.name): expected at least one argument")
                }
                outcome.values[option.key] = .words(collected)
            }
        }
        return outcome
    }

    /// argparse's rule: a word starting with "-" is an option unless it is a negative number or has a space.
    /// Read as UTF-8 bytes, as Python compares code points: every word of every command comes through here,
    /// some of them whole policy documents.
    func looksLikeOption(_ word: String) -> Bool {
        guard word.utf8.first == UInt8(ascii: "-"), word.utf8.count > 1 else { return false }
        if option(named: word) != nil { return true }
        if Double(word) != nil { return false }
        if word.utf8.contains(UInt8(ascii: " ")) { return false }
        return true
    }

    private func splitExplicitValue(_ word: String) -> (String, String?) {
        guard word.utf8.starts(with: "--".utf8), let equals = word.utf8.firstIndex(of: UInt8(ascii: "=")) else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.utf8.index(after: equals)...]))
    }

    /// The option `--name` names exactly (compared as bytes, as Python compares code points).
    private func option(named word: String) -> Option? {
        guard !positions.isEmpty, let position = positions[word], word.utf8.dropFirst(2).elementsEqual(options[position].name.utf8) else { return nil }
        return options[position]
    }

    /// Prefixes compared as UTF-8 bytes (code points, as Python compares them): every option word a parser does
    /// not know exactly (each operation option, seen first by the global parser) is tried against all its options.
    private func resolve(_ optionText: String, word: String) throws(CLIFailure) -> Option? {
        guard optionText.utf8.starts(with: "--".utf8) else { return nil }
        if let exact = option(named: optionText) { return exact }
        let name = Array(optionText.utf8.dropFirst(2))
        let candidates = name.isEmpty ? [] : options.indices.filter { nameBytes[$0].starts(with: name) }.map { options[$0] }
        if candidates.count > 1 {
            let names = candidates.map { "--" + $0.name }.joined(separator: ", ")
            throw .usage("ambiguous option: \(optionText) could match \(names)")
        }
        return candidates.first
    }
}
