import AWSModel
import Foundation

/// Line layouts of `aws s3 ls` (awscli/customizations/s3/subcommands.py ListCommand).
enum S3ListingFormat {
    /// "2026-11-28T23:00:00+00:00" → "2026-11-28 23:00:00". The sandbox's local time zone is UTC.
    static func timestamp(_ value: AWSValue?) -> String {
        let text = value?.stringValue ?? ""
        let prefix = String(text.prefix(19)).replacingOccurrences(of: "T", with: " ")
        return prefix.padding(toLength: max(19, prefix.count), withPad: " ", startingAt: 0)
    }

    static func size(_ bytes: Int, humanReadable: Bool) -> String {
        let text = humanReadable ? humanReadableSize(bytes) : String(bytes)
        return String(repeating: " ", count: max(0, 10 - text.count)) + text
    }

    static func humanReadableSize(_ bytes: Int) -> String {
        let base = 1024.0
        let value = Double(bytes)
        if bytes == 1 { return "1 Byte" }
        if value < base { return "\(bytes) Bytes" }
        for (position, suffix) in ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"].enumerated() {
            let unit = pow(base, Double(position + 2))
            if ((value / unit) * base).rounded(.toNearestOrEven) < base || suffix == "EiB" {
                return String(format: "%.1f", base * value / unit) + " " + suffix
            }
        }
        return "\(bytes) Bytes"
    }

    static func prefixLine(_ prefix: String) -> String {
        let components = prefix.split(separator: "/", omittingEmptySubsequences: false)
        let name = components.count >= 2 ? String(components[components.count - 2]) : prefix
        return String(repeating: " ", count: 27) + "PRE " + name + "/\n"
    }
}
