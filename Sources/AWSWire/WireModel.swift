import Foundation

/// A service's botocore model reduced to what its wire protocol needs: each operation's HTTP binding, and every
/// shape reachable from its input and output with the members' wire traits (where a member travels, under which
/// name, whether a list is flattened). Generated from the models the aws CLI ships (`scripts/generate_specs.py`),
/// so requests are read and answers written exactly as botocore writes and reads them.
public struct WireModel: Decodable, Sendable {
    public struct Operation: Decodable, Sendable {
        public let name: String
        public let method: String
        /// `/{Bucket}/{Key+}?x-id=PutObject`: the path template and the query the operation always sends.
        public let requestUri: String
        public let responseCode: Int?
        public let input: String?
        public let output: String?
    }

    /// A reference to a shape from a structure's member, a list's element or a map's key or value.
    public struct Reference: Decodable, Sendable {
        public let shape: String
        /// The member's name on the wire (an XML element, a header, a query parameter).
        public let locationName: String?
        /// The EC2 protocol's name for a request member.
        public let queryName: String?
        /// `uri`, `querystring`, `header`, `headers` (a prefix), `statusCode`; nil: the body.
        public let location: String?
        public let flattened: Bool?
        public let xmlAttribute: Bool?
    }

    /// A structure's member: its name, and its shape with the wire traits (`member.locationName`, …).
    @dynamicMemberLookup
    public struct Member: Decodable, Sendable {
        public let name: String
        public let reference: Reference

        public init(from decoder: any Decoder) throws {
            name = try decoder.container(keyedBy: NameKey.self).decode(String.self, forKey: .name)
            reference = try Reference(from: decoder)
        }

        private enum NameKey: String, CodingKey { case name }

        public subscript<Value>(dynamicMember path: KeyPath<Reference, Value>) -> Value { reference[keyPath: path] }
    }

    public struct Shape: Decodable, Sendable {
        public let type: String
        public let members: [Member]?
        public let member: Reference?
        public let key: Reference?
        public let value: Reference?
        /// The member that is the whole body.
        public let payload: String?
        public let flattened: Bool?
        public let locationName: String?
    }

    public let `protocol`: String
    public let apiVersion: String
    public let operations: [Operation]
    public let shapes: [String: Shape]

    public func shape(_ name: String) -> Shape? { shapes[name] }

    public func operation(named name: String) -> Operation? { operations.first { $0.name == name } }

    /// The models of the services read this way, decoded once.
    public static let ec2 = decoded("ec2")
    public static let s3 = decoded("s3")

    private static func decoded(_ service: String) -> WireModel {
        guard let text = sources[service], let model = try? JSONDecoder().decode(WireModel.self, from: Data(text.utf8)) else {
            preconditionFailure("the generated wire model of \(service) does not decode; re-run scripts/generate_specs.py")
        }
        return model
    }
}

extension WireModel.Shape {
    var isScalar: Bool { type != "structure" && type != "list" && type != "map" }
}
