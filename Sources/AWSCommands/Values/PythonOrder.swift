/// Python sorts strings by code point; Swift's `<` on String compares by Unicode canonical ordering, which
/// differs for some inputs. The formatters sort keys, so they use this to match the CLI.
enum PythonOrder {
    static func less(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars)
    }
}
