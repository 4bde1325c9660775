/// Ids of lessons, questions and tasks end up in file names, progress files and gradebook columns, so they are
/// kept to lower-case letters, digits and single hyphens.
enum Identifiers {
    static func problem(with id: String) -> String? {
        let valid = !id.isEmpty
            && id.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
            && id.first != "-" && id.last != "-" && !id.contains("--")
        return valid ? nil : "id '\(id)' must be lower-case letters, digits and single hyphens (e.g. 'trust-policies')"
    }

    /// A stable id for a step from its title: "Why roles? (part 2)" becomes "why-roles-part-2".
    static func slug(_ title: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for character in title.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                slug.append(character)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "step" : slug
    }
}
