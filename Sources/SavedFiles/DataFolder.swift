import Foundation

/// Where RoleCall keeps what it saves on this machine: `$XDG_DATA_HOME/rolecall`, else
/// `~/.local/share/rolecall`. The learners' progress and the class server's database both live under it.
public enum DataFolder {
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/rolecall" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/rolecall"
    }
}
