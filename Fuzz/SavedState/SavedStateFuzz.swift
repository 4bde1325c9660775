import Foundation
import FuzzSupport
import SandboxShell
import SavedFiles
import Tutor

/// Saved files as a learner's disk might hold them: progress and sandbox state, through the tolerant decoder and
/// the migrations. Whatever loads must save and load again to the same value.
public func fuzzSavedState(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    if let loaded = try? ShellState.decoded(from: bytes) {
        let again = (try? loaded.value.encoded()).flatMap { try? ShellState.decoded(from: $0) }
        FuzzInput.expect(again?.value == loaded.value, "a loaded sandbox state does not survive a save")
    }
    if let loaded = try? SavedFormat.decode(LearnerProgress.self, from: bytes) {
        let encoder = JSONEncoder()
        let again = (try? encoder.encode(loaded.value)).flatMap { try? SavedFormat.decode(LearnerProgress.self, from: $0) }
        FuzzInput.expect(again?.value == loaded.value, "loaded progress does not survive a save")
    }
    return 0
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { fuzzSavedState(data, size) }
#else
@main struct Replay { static func main() { FuzzInput.replay(fuzzSavedState) } }
#endif
