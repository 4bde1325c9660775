public enum Effect: String, Sendable {
    case allow = "Allow"
    case deny = "Deny"
}
