import Foundation
import FuzzSupport
import Transcripts

/// A transcript file through the reader and the verifier, with and without a key.
public func fuzzTranscript(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
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
