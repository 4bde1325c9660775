/// Runs `body` over the UTF-8 bytes of `text` without copying them when the string is already contiguous,
/// which every native Swift string is: matching must not allocate on the hot path.
@inline(__always)
func withUTF8Bytes<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = text
    return copy.withUTF8(body)
}

@inline(__always)
func asciiLowercased(_ byte: UInt8) -> UInt8 {
    (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
}

@inline(__always)
func isUTF8Continuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
