import Foundation
import FuzzSupport
import PositionedJSON
import Transcripts

/// A transcript file through the reader and the verifier, with and without a key; and each line through both JSON
/// readers, which must agree on what is well-formed (records are read piece by piece, everything else as a tree).
public func fuzzTranscript(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
        let line = Array(line)
        let tree: Bool
        if case .success = JSONScanner.parse(bytes: line) { tree = true } else { tree = false }
        let pulled = JSONScanner.pull(bytes: line) { scanner -> Bool? in
            try scanner.skipValue()
            return true
        }
        FuzzInput.expect((pulled != nil) == tree, "the piece-by-piece reader and the tree reader disagree")
        if TranscriptRecord(line: line) != nil {
            FuzzInput.expect(tree, "a record read from a line that is not JSON")
        }
    }
    for secret in [nil, "fuzz"] as [String?] {
        let audit = TranscriptVerifier.verify(bytes, signer: TranscriptSigner(secret: secret))
        var last = 0
        for record in audit.records {
            FuzzInput.expect(record.seq > last, "trusted records out of order")
            last = record.seq
        }
    }
    return 0
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { fuzzTranscript(data, size) }
#else
@main struct Replay { static func main() { FuzzInput.replay(fuzzTranscript) } }
#endif
