import Foundation
import PositionedJSON

/// Decodes saved files so that a file written by an older or a newer RoleCall still loads.
///
/// - A key the type asks for but the file lacks (a field added since the file was written) decodes as the zero
///   of its type: 0, "", false, an empty collection, nil, or a struct of zeros. The key's path is reported in
///   `missing`, so a format's migration can give it a better value.
/// - A key the file has but the type never asked for (written by a newer RoleCall) is reported in `unknown`.
///   Callers say so, and keep a copy of the file before saving over it.
///
/// Everything else is as strict as JSONDecoder: a value of the wrong type is an error. A missing key whose type
/// has no zero (an enum) is an error too: such a field must be optional or filled by a migration.
public enum TolerantDecoder {
    public struct Report: Equatable, Sendable {
        public var missing: [String] = []
        public var unknown: [String] = []
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(Failure) -> (value: T, report: Report) {
        let root: JSONNode
        switch JSONScanner.parse(bytes: [UInt8](data)) {
        case .success(let parsed): root = parsed.root
        case .failure(let error): throw Failure(description: "not JSON: \(error.reason) at \(error.position)")
        }
        let log = DecodingLog()
        do {
            let value = try T(from: NodeDecoder(node: root, path: [], log: log))
            log.collectUnknown(root, path: [])
            return (value, Report(missing: log.missing.sorted(), unknown: log.unknown.sorted()))
        } catch let failure as Failure {
            throw failure
        } catch let error as DecodingError {
            throw Failure(description: Self.describe(error))
        } catch {
            throw Failure(description: "\(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let joined = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? "the top level" : joined
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "unexpected data at \(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context)) lacks '\(key.stringValue)'"
        @unknown default:
            return "the file is not in a format this RoleCall reads"
        }
    }
}

/// What the decoder saw: keys asked for that were missing, and every object key it read.
final class DecodingLog {
    var missing: Set<String> = []
    var unknown: Set<String> = []
    /// Object paths and the keys read at each, to find the keys nobody asked for.
    var read: [String: Set<String>] = [:]
    /// Objects decoded as dictionaries: all their keys are data, not fields.
    var dictionaries: Set<String> = []

    func collectUnknown(_ node: JSONNode, path: [String]) {
        let here = path.joined(separator: ".")
        switch node.value {
        case .object(let members):
            let isDictionary = dictionaries.contains(here)
            let asked = read[here]
            for member in members {
                if !isDictionary, let asked, !asked.contains(member.key) {
                    unknown.insert(here.isEmpty ? member.key : here + "." + member.key)
                    continue
                }
                if isDictionary || asked != nil { collectUnknown(member.value, path: path + [member.key]) }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() { collectUnknown(element, path: path + [String(index)]) }
        default:
            break
        }
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) { stringValue = String(intValue); self.intValue = intValue }
}

/// A Decoder over one node; a nil node means "missing": every value it gives is a zero.
struct NodeDecoder: Decoder {
    let node: JSONNode?
    let path: [String]
    let log: DecodingLog
    var codingPath: [any CodingKey] { path.map { AnyKey(stringValue: $0) } }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let node else { return KeyedDecodingContainer(KeyedNode<Key>(members: [:], order: [], path: path, log: log, zero: true)) }
        guard case .object(let members) = node.value else {
            throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: codingPath, debugDescription: "expected an object, found \(node.kindName)"))
        }
        var byKey: [String: JSONNode] = [:]
        for member in members { byKey[member.key] = member.value }
        let here = path.joined(separator: ".")
        if log.read[here] == nil { log.read[here] = [] }
        // A dictionary keyed by strings asks for every key it has (through allKeys); a struct asks by name.
        return KeyedDecodingContainer(KeyedNode<Key>(members: byKey, order: members.map(\.key), path: path, log: log, zero: false))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let node else { return UnkeyedNode(elements: [], path: path, log: log) }
        guard case .array(let elements) = node.value else {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "expected an array, found \(node.kindName)"))
        }
        return UnkeyedNode(elements: elements, path: path, log: log)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleNode(node: node, path: path, log: log)
    }
}

struct KeyedNode<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONNode]
    let order: [String]
    let path: [String]
    let log: DecodingLog
    /// Decoding a missing value: every key is missing, and nothing is logged below it.
    let zero: Bool

    var codingPath: [any CodingKey] { path.map { AnyKey(stringValue: $0) } }
    var here: String { path.joined(separator: ".") }

    var allKeys: [Key] {
        // Asking for every key is what a dictionary does: all of its keys are data.
        if !zero { log.dictionaries.insert(here) }
        return order.compactMap { Key(stringValue: $0) }
    }

    func contains(_ key: Key) -> Bool {
        note(key)
        return members[key.stringValue] != nil
    }

    private func note(_ key: Key) {
        guard !zero else { return }
        log.read[here, default: []].insert(key.stringValue)
    }

    private func child(_ key: Key) -> NodeDecoder {
        note(key)
        let node = members[key.stringValue]
        if node == nil, !zero { log.missing.insert(here.isEmpty ? key.stringValue : here + "." + key.stringValue) }
        return NodeDecoder(node: node, path: path + [key.stringValue], log: zero ? DecodingLog() : log)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        note(key)
        guard let node = members[key.stringValue] else { return true }
        return node.value == .null
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: child(key))
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        note(key)
        guard let node = members[key.stringValue], node.value != .null else { return nil }
        return try T(from: NodeDecoder(node: node, path: path + [key.stringValue], log: log))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { try superDecoder(forKey: Key(stringValue: "super")!) }
    func superDecoder(forKey key: Key) throws -> any Decoder { child(key) }
}

struct UnkeyedNode: UnkeyedDecodingContainer {
    let elements: [JSONNode]
    let path: [String]
    let log: DecodingLog
    var currentIndex = 0

    var codingPath: [any CodingKey] { path.map { AnyKey(stringValue: $0) } }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> NodeDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "the array ended early"))
        }
        defer { currentIndex += 1 }
        return NodeDecoder(node: elements[currentIndex], path: path + [String(currentIndex)], log: log)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if elements[currentIndex].value == .null {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}

struct SingleNode: SingleValueDecodingContainer {
    let node: JSONNode?
    let path: [String]
    let log: DecodingLog
    var codingPath: [any CodingKey] { path.map { AnyKey(stringValue: $0) } }

    func decodeNil() -> Bool { node == nil || node?.value == .null }

    private func mismatch<T>(_ type: T.Type, _ expected: String) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(node?.kindName ?? "nothing")"))
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard let node else { return false }
        guard case .bool(let value) = node.value else { throw mismatch(type, "a boolean") }
        return value
    }

    func decode(_ type: String.Type) throws -> String {
        guard let node else { return "" }
        guard case .string(let value) = node.value else { throw mismatch(type, "a string") }
        return value
    }

    private func number<T>(_ type: T.Type, _ convert: (String) -> T?) throws -> T {
        guard let node else { return convert("0")! }
        guard case .number(let text) = node.value else { throw mismatch(type, "a number") }
        guard let value = convert(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "\(text) does not fit \(type)"))
        }
        return value
    }

    func decode(_ type: Double.Type) throws -> Double { try number(type) { Double($0) } }
    func decode(_ type: Float.Type) throws -> Float { try number(type) { Float($0) } }
    func decode(_ type: Int.Type) throws -> Int { try number(type) { Int($0) ?? Double($0).flatMap { Int(exactly: $0) } } }
    func decode(_ type: Int8.Type) throws -> Int8 { try number(type) { Int8($0) } }
    func decode(_ type: Int16.Type) throws -> Int16 { try number(type) { Int16($0) } }
    func decode(_ type: Int32.Type) throws -> Int32 { try number(type) { Int32($0) } }
    func decode(_ type: Int64.Type) throws -> Int64 { try number(type) { Int64($0) ?? Double($0).flatMap { Int64(exactly: $0) } } }
    func decode(_ type: UInt.Type) throws -> UInt { try number(type) { UInt($0) } }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try number(type) { UInt8($0) } }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try number(type) { UInt16($0) } }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try number(type) { UInt32($0) } }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try number(type) { UInt64($0) } }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: NodeDecoder(node: node, path: path, log: log))
    }
}
