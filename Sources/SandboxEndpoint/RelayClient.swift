import AWSWire
import EndpointCore
import Foundation

/// The HTTP side of the tutor's endpoint (`rolecall-endpoint --relay-fd N`): every request goes over the relay
/// socket to the tutor, which holds the lesson's sandbox, and its reply comes back. One at a time, in order. When
/// the tutor is gone (the socket closes), there is nothing left to serve and the server ends.
public actor RelayClient {
    private let descriptor: Int32
    private let onClosed: @Sendable () -> Void

    public init(descriptor: Int32, onClosed: @escaping @Sendable () -> Void) {
        self.descriptor = descriptor
        self.onClosed = onClosed
    }

    public func exchange(_ request: SigV4.Request) -> SandboxEndpoint.Reply {
        guard Relay.send(Relay.request(request), to: descriptor), let frame = Relay.receive(from: descriptor),
              let reply = Relay.reply(head: frame.head, body: frame.body) else {
            onClosed()
            return SandboxEndpoint.Reply(status: 503, contentType: "text/plain", body: "The tutor that served this sandbox has stopped.\n")
        }
        return reply
    }

    public nonisolated func announce(_ start: Relay.Start) {
        _ = Relay.send(Relay.start(start), to: descriptor)
    }

    /// Watches the socket for the tutor going away while no request is in flight (a hang-up is reported even
    /// when nothing is asked to be read), and calls `onClosed` then.
    public nonisolated func watchForHangUp() {
        let descriptor = self.descriptor, onClosed = self.onClosed
        Thread.detachNewThread {
            while true {
                var watched = pollfd(fd: descriptor, events: 0, revents: 0)
                let ready = poll(&watched, 1, 1000)
                if ready > 0, watched.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                    onClosed()
                    return
                }
            }
        }
    }
}
