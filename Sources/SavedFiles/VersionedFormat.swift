import Foundation

/// A type saved to disk with an explicit format version and migrations from every earlier version.
///
/// Reading goes through `TolerantDecoder`, so a field added since a file was written reads as zero and never
/// makes the file unreadable; `migrate(from:)` then gives such fields their real values. A file written by a
/// newer RoleCall still loads: what this version does not know is reported, not silently dropped.
public protocol VersionedFormat: Decodable {
    /// What the file holds, in a learner's words ("progress", "sandbox state").
    static var formatName: String { get }
    /// The version this build writes. Bump it with every change to the saved form, and add a fixture.
    static var currentFormatVersion: Int { get }
    /// The version the file says it has; 0 (absent) in files from before versions were written, which is 1.
    var formatVersion: Int { get set }
    /// Brings a value read from `version` up to the current one. Fields added since read as zero before this.
    mutating func migrate(from version: Int)
}

/// A saved value as read, and what a learner should be told about it.
public struct LoadedFormat<Value> {
    public var value: Value
    /// The version the file was written in.
    public var writtenVersion: Int
    /// Fields the file has that this version does not know (written by a newer RoleCall).
    public var unknownFields: [String]

    /// True when the file came from a newer RoleCall: saving over it would drop what this version cannot read.
    /// (Unknown fields in an older file are fields since removed: nothing is lost by dropping them.)
    public var isFromNewerVersion: Bool {
        writtenVersion > currentVersion || (writtenVersion == currentVersion && !unknownFields.isEmpty)
    }
    let currentVersion: Int
}

public enum SavedFormat {
    public static func decode<Value: VersionedFormat>(_ type: Value.Type, from data: Data) throws(TolerantDecoder.Failure) -> LoadedFormat<Value> {
        var (value, report) = try TolerantDecoder.decode(type, from: data)
        let written = value.formatVersion == 0 ? 1 : value.formatVersion
        if written < Value.currentFormatVersion { value.migrate(from: written) }
        if written <= Value.currentFormatVersion { value.formatVersion = Value.currentFormatVersion }
        return LoadedFormat(value: value, writtenVersion: written, unknownFields: report.unknown, currentVersion: Value.currentFormatVersion)
    }

    /// Keeps a copy of a file written by a newer RoleCall before this one saves over it, and says so.
    /// Returns the notice for the learner.
    public static func preserveNewer<Value>(_ loaded: LoadedFormat<Value>, name: String, at path: String) -> String {
        let copy = path + ".from-format-\(loaded.writtenVersion)"
        if !FileManager.default.fileExists(atPath: copy) {
            try? FileManager.default.copyItem(atPath: path, toPath: copy)
        }
        let fields = loaded.unknownFields.prefix(5).joined(separator: ", ") + (loaded.unknownFields.count > 5 ? ", …" : "")
        let what = loaded.unknownFields.isEmpty ? "" : " (fields this version does not know: \(fields))"
        return "\(path) was written by a newer RoleCall (\(name) format \(loaded.writtenVersion))\(what). It is loaded as far as this version understands it; the original is kept as \(copy)."
    }
}
