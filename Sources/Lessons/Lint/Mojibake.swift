/// Finds text that was UTF-8 but got decoded as Windows-1252 and saved again, such as `â€™` for `’`.
/// Each such run starts with the Windows-1252 reading of a UTF-8 lead byte (Â, Ã, â, ð, …) followed by
/// characters that are the Windows-1252 readings of continuation bytes (0x80–0xBF).
enum Mojibake {
    struct Finding: Equatable {
        var line: Int
        var column: Int
        var text: String
        /// What the author most likely meant, when the run decodes back to valid UTF-8.
        var repaired: String?
    }

    /// Windows-1252 characters for bytes 0x80–0x9F (those Latin-1 leaves as control codes).
    private static let windows1252High: [Character: UInt8] = [
        "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88, "‰": 0x89,
        "Š": 0x8A, "‹": 0x8B, "Œ": 0x8C, "Ž": 0x8E, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95,
        "–": 0x96, "—": 0x97, "˜": 0x98, "™": 0x99, "š": 0x9A, "›": 0x9B, "œ": 0x9C, "ž": 0x9E, "Ÿ": 0x9F,
    ]

    private static func windows1252Byte(_ character: Character) -> UInt8? {
        if let byte = windows1252High[character] { return byte }
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
              scalar.value >= 0xA0, scalar.value <= 0xFF else { return nil }
        return UInt8(scalar.value)
    }

    private static func expectedContinuations(leadByte: UInt8) -> Int? {
        switch leadByte {
        case 0xC2...0xDF: return 1
        case 0xE0...0xEF: return 2
        case 0xF0...0xF4: return 3
        default: return nil
        }
    }

    /// Every Windows-1252 reading of a UTF-8 lead byte (U+00C2–U+00F4) is itself encoded in UTF-8 starting with
    /// 0xC3, so a line without that byte cannot hold mojibake and is skipped without decoding its characters.
    private static let latin1LeadByte: UInt8 = 0xC3

    static func find(in text: String) -> [Finding] {
        var findings: [Finding] = []
        guard text.utf8.contains(latin1LeadByte) else { return findings }
        // Lines cut at the byte, so a CRLF lesson's lines are counted too (by Character, CRLF is one character).
        for (lineIndex, bytes) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard bytes.contains(latin1LeadByte) else { continue }
            let line = Substring(bytes)
            let characters = Array(line)
            var index = 0
            while index < characters.count {
                defer { index += 1 }
                guard let lead = windows1252Byte(characters[index]), let count = expectedContinuations(leadByte: lead),
                      index + count < characters.count else { continue }
                var bytes = [lead]
                var isRun = true
                for offset in 1...count {
                    guard index + offset < characters.count, let byte = windows1252Byte(characters[index + offset]) ?? continuationOnlyByte(characters[index + offset]),
                          (0x80...0xBF).contains(byte) else {
                        isRun = false
                        break
                    }
                    bytes.append(byte)
                }
                guard isRun else { continue }
                let run = String(characters[index...(index + count)])
                let repaired = String(validating: bytes, as: UTF8.self)
                findings.append(Finding(line: lineIndex + 1, column: index + 1, text: run, repaired: repaired))
                index += count
            }
        }
        return findings
    }

    /// Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D have no Windows-1252 character; decoders pass them through as C1 controls.
    private static func continuationOnlyByte(_ character: Character) -> UInt8? {
        guard character.unicodeScalars.count == 1, let value = character.unicodeScalars.first?.value,
              [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(value) else { return nil }
        return UInt8(value)
    }
}
