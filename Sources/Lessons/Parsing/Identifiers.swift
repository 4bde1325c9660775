/// Ids of lessons, questions and tasks end up in file names, progress files and gradebook columns, so they are
/// kept to lower-case letters, digits and single hyphens.
enum Identifiers {
    static func problem(with id: String) -> String? {
        let bytes = id.utf8
        let valid = !bytes.isEmpty
            && bytes.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") }
            && bytes.first != UInt8(ascii: "-") && bytes.last != UInt8(ascii: "-") && !id.contains("--")
        return valid ? nil : "id '\(id)' must be lower-case letters, digits and single hyphens (e.g. 'trust-policies')"
    }

    /// A stable id for a step from its title: "Why roles? (part 2)" becomes "why-roles-part-2".
    static func slug(_ title: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for byte in title.lowercased().utf8 {
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                slug.append(Character(UnicodeScalar(byte)))
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "step" : slug
    }
}
