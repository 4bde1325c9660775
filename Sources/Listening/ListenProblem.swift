/// Why a server could not listen, in its user's words rather than the socket layer's (`bind(descriptor:ptr:bytes:):
/// Address already in use (errno: 98)`): one home for the learner's endpoint and the instructor's class server.
public enum ListenProblem {
    /// `what` names the server in the advice for a busy port: "another endpoint", "another class server".
    public static func describe(host: String, port: Int, _ error: any Error, what: String) -> String {
        let text = String(describing: error)
        if text.contains("Address already in use") {
            return "port \(port) is in use (\(what) or another program listens there): choose another port, or 0 for any free one"
        }
        if text.contains("Permission denied") { return "this user may not listen on port \(port) (ports below 1024 need privileges)" }
        if text.contains("Cannot assign requested address") || text.contains("not known") || text.contains("nodename") || text.contains("UnknownHost") {
            return "\(host) is not an address of this machine"
        }
        return "cannot serve on \(host):\(port) (\(text))"
    }
}
