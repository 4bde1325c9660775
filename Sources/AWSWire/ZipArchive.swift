import AWSModel

/// Just enough of a zip archive to read a Lambda function's code: the first file, found through the central
/// directory (so archives that give sizes only there, as streaming writers do, read too), stored (`zip -0`) or
/// deflated (`zip`'s default, Python's `ZIP_DEFLATED`).
public enum ZipArchive {
    public static func firstFile(_ bytes: [UInt8]) -> [UInt8]? {
        func number(_ offset: Int, _ width: Int) -> Int? {
            guard offset >= 0, offset + width <= bytes.count else { return nil }
            return (0..<width).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        }
        // The end of central directory record: the last `PK\5\6` (a comment of up to 65,535 bytes may follow it).
        var end = bytes.count - 22
        while end >= max(0, bytes.count - 22 - 65_535), !(bytes[end] == 0x50 && bytes[end + 1] == 0x4b && bytes[end + 2] == 5 && bytes[end + 3] == 6) {
            end -= 1
        }
        guard end >= 0, let directory = number(end + 16, 4), number(directory, 4) == 0x0201_4b50,
              let method = number(directory + 10, 2), let crc = number(directory + 16, 4), let compressedSize = number(directory + 20, 4),
              let size = number(directory + 24, 4), let localHeader = number(directory + 42, 4),
              number(localHeader, 4) == 0x0403_4b50, let nameLength = number(localHeader + 26, 2),
              let extraLength = number(localHeader + 28, 2) else { return nil }
        let start = localHeader + 30 + nameLength + extraLength
        guard start + compressedSize <= bytes.count else { return nil }
        let data = Array(bytes[start..<(start + compressedSize)])
        let file: [UInt8]
        switch method {
        case 0: file = data
        case 8:
            guard let inflated = Inflate.decompress(data) else { return nil }
            file = inflated
        default: return nil
        }
        // A damaged archive is refused, not read as something else.
        guard file.count == size, Checksums.crc(file, polynomial: 0xEDB8_8320) == UInt32(crc) else { return nil }
        return file
    }
}

/// DEFLATE (RFC 1951) decompression: stored, fixed-Huffman and dynamic-Huffman blocks. nil for anything malformed.
enum Inflate {
    struct Bits {
        let bytes: [UInt8]
        var position = 0
        var bitBuffer = 0
        var bitCount = 0

        mutating func take(_ count: Int) -> Int? {
            while bitCount < count {
                guard position < bytes.count else { return nil }
                bitBuffer |= Int(bytes[position]) << bitCount
                position += 1
                bitCount += 8
            }
            let value = bitBuffer & ((1 << count) - 1)
            bitBuffer >>= count
            bitCount -= count
            return value
        }

        mutating func alignToByte() {
            bitBuffer = 0
            bitCount = 0
        }
    }

    /// A canonical Huffman code: how many codes of each length, and the symbols in code order.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        init?(lengths: [Int]) {
            for length in lengths { counts[length] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<16 { offsets[length] = offsets[length - 1] + counts[length - 1] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
            // An over-subscribed code is malformed.
            var left = 1
            for length in 1..<16 {
                left <<= 1
                left -= counts[length]
                if left < 0 { return nil }
            }
        }

        func decode(_ bits: inout Bits) -> Int? {
            var code = 0, first = 0, index = 0
            for length in 1..<16 {
                guard let bit = bits.take(1) else { return nil }
                code |= bit
                let count = counts[length]
                if code - count < first { return symbols[index + (code - first)] }
                index += count
                first += count
                first <<= 1
                code <<= 1
            }
            return nil
        }
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                               4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// The largest output taken: a Lambda zip is at most 50 MB, and a bomb must not take the machine.
    static let outputLimit = 64 * 1024 * 1024

    static func decompress(_ data: [UInt8]) -> [UInt8]? {
        var bits = Bits(bytes: data)
        var out: [UInt8] = []
        var last = 0
        repeat {
            guard let final = bits.take(1), let type = bits.take(2) else { return nil }
            last = final
            switch type {
            case 0:
                bits.alignToByte()
                let at = bits.position
                guard at + 4 <= data.count else { return nil }
                let length = Int(data[at]) | Int(data[at + 1]) << 8, complement = Int(data[at + 2]) | Int(data[at + 3]) << 8
                guard length == ~complement & 0xFFFF, at + 4 + length <= data.count else { return nil }
                out += data[(at + 4)..<(at + 4 + length)]
                bits.position = at + 4 + length
            case 1:
                guard let literals = Huffman(lengths: fixedLiteralLengths), let distances = Huffman(lengths: [Int](repeating: 5, count: 30)),
                      inflateBlock(&bits, &out, literals, distances) else { return nil }
            case 2:
                guard let (literals, distances) = dynamicCodes(&bits), inflateBlock(&bits, &out, literals, distances) else { return nil }
            default:
                return nil
            }
            guard out.count <= outputLimit else { return nil }
        } while last == 0
        return out
    }

    static let fixedLiteralLengths: [Int] = (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 }

    static func dynamicCodes(_ bits: inout Bits) -> (Huffman, Huffman)? {
        guard let literalCount = bits.take(5).map({ $0 + 257 }), let distanceCount = bits.take(5).map({ $0 + 1 }),
              let codeCount = bits.take(4).map({ $0 + 4 }), literalCount <= 286, distanceCount <= 30 else { return nil }
        var codeLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeCount {
            guard let length = bits.take(3) else { return nil }
            codeLengths[codeLengthOrder[index]] = length
        }
        guard let lengthCode = Huffman(lengths: codeLengths) else { return nil }
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
            guard let symbol = lengthCode.decode(&bits) else { return nil }
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last, let repeats = bits.take(2) else { return nil }
                lengths += [Int](repeating: previous, count: 3 + repeats)
            case 17:
                guard let repeats = bits.take(3) else { return nil }
                lengths += [Int](repeating: 0, count: 3 + repeats)
            default:
                guard let repeats = bits.take(7) else { return nil }
                lengths += [Int](repeating: 0, count: 11 + repeats)
            }
        }
        guard lengths.count == literalCount + distanceCount, lengths[256] != 0,
              let literals = Huffman(lengths: Array(lengths[..<literalCount])),
              let distances = Huffman(lengths: Array(lengths[literalCount...])) else { return nil }
        return (literals, distances)
    }

    static func inflateBlock(_ bits: inout Bits, _ out: inout [UInt8], _ literals: Huffman, _ distances: Huffman) -> Bool {
        while true {
            guard let symbol = literals.decode(&bits) else { return false }
            if symbol < 256 {
                out.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return true }
            let index = symbol - 257
            guard index < lengthBase.count, let extra = bits.take(lengthExtra[index]), let distanceSymbol = distances.decode(&bits),
                  distanceSymbol < distanceBase.count, let distanceExtraBits = bits.take(distanceExtra[distanceSymbol]) else { return false }
            let length = lengthBase[index] + extra, distance = distanceBase[distanceSymbol] + distanceExtraBits
            guard distance <= out.count, out.count + length <= outputLimit else { return false }
            let start = out.count - distance
            for offset in 0..<length { out.append(out[start + offset]) }
        }
    }
}
