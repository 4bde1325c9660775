import AWSModel

/// EC2's `--filters Name=…,Values=…`: every filter must match, and a filter matches when any of its values does
/// (with `*` and `?` as wildcards). A name EC2 does not know for the call is refused, as EC2 refuses it.
struct EC2Filters {
    let filters: [(name: String, values: [String])]

    init(_ call: Call) {
        filters = call.list("Filters").compactMap { filter in
            guard let name = filter["Name"]?.stringValue else { return nil }
            return (name, (filter["Values"]?.listValue ?? []).compactMap(\.textValue))
        }
    }

    /// The items whose fields match every filter; `fields` gives an item's values for a filter name. A name the
    /// call does not take is refused as EC2 refuses it; a real one the sandbox does not model is refused saying so.
    func apply<Item>(_ items: [Item], fields: (Item, String) -> [String]?, modelled: Set<String>, real: Set<String>) throws(ServiceError) -> [Item] {
        for filter in filters where !modelled.contains(filter.name) && !filter.name.hasPrefix("tag:") {
            guard real.contains(filter.name) else {
                throw ServiceError(code: "InvalidParameterValue", message: "The filter '\(filter.name)' is invalid")
            }
            throw ServiceError(code: "InvalidAction", message: "The sandbox does not simulate EC2's filter '\(filter.name)', so nothing was listed: without it the answer would not mean what you asked.")
        }
        return items.filter { item in
            filters.allSatisfy { filter in
                let have = fields(item, filter.name) ?? []
                return filter.values.contains { pattern in have.contains { Self.matches($0, pattern) } }
            }
        }
    }

    /// Every filter name DescribeInstances takes, from its botocore documentation (1.43).
    static let describeInstancesNames: Set<String> = [
        "affinity", "architecture", "availability-zone", "availability-zone-id", "block-device-mapping.attach-time",
        "block-device-mapping.delete-on-termination", "block-device-mapping.device-name",
        "block-device-mapping.status", "block-device-mapping.volume-id", "boot-mode", "capacity-reservation-id",
        "capacity-reservation-specification.capacity-reservation-preference",
        "capacity-reservation-specification.capacity-reservation-target.capacity-reservation-id",
        "capacity-reservation-specification.capacity-reservation-target.capacity-reservation-resource-group-arn",
        "client-token", "current-instance-boot-mode", "dns-name", "ebs-optimized", "ena-support",
        "enclave-options.enabled", "hibernation-options.configured", "host-id", "hypervisor",
        "iam-instance-profile.arn", "iam-instance-profile.id", "image-id", "instance-id", "instance-lifecycle",
        "instance-state-code", "instance-state-name", "instance-type", "instance.group-id", "instance.group-name",
        "ip-address", "ipv6-address", "kernel-id", "key-name", "launch-index", "launch-time",
        "maintenance-options.auto-recovery", "metadata-options.http-endpoint", "metadata-options.http-protocol-ipv4",
        "metadata-options.http-protocol-ipv6", "metadata-options.http-put-response-hop-limit",
        "metadata-options.http-tokens", "metadata-options.instance-metadata-tags", "metadata-options.state",
        "monitoring-state", "network-interface.addresses.association.allocation-id",
        "network-interface.addresses.association.association-id",
        "network-interface.addresses.association.carrier-ip",
        "network-interface.addresses.association.customer-owned-ip",
        "network-interface.addresses.association.ip-owner-id",
        "network-interface.addresses.association.public-dns-name",
        "network-interface.addresses.association.public-ip", "network-interface.addresses.primary",
        "network-interface.addresses.private-dns-name", "network-interface.addresses.private-ip-address",
        "network-interface.association.allocation-id", "network-interface.association.association-id",
        "network-interface.association.carrier-ip", "network-interface.association.customer-owned-ip",
        "network-interface.association.ip-owner-id", "network-interface.association.public-dns-name",
        "network-interface.association.public-ip", "network-interface.attachment.attach-time",
        "network-interface.attachment.attachment-id", "network-interface.attachment.delete-on-termination",
        "network-interface.attachment.device-index", "network-interface.attachment.instance-id",
        "network-interface.attachment.instance-owner-id", "network-interface.attachment.network-card-index",
        "network-interface.attachment.status", "network-interface.availability-zone",
        "network-interface.deny-all-igw-traffic", "network-interface.description", "network-interface.group-id",
        "network-interface.group-name", "network-interface.ipv4-prefixes.ipv4-prefix",
        "network-interface.ipv6-address", "network-interface.ipv6-addresses.ipv6-address",
        "network-interface.ipv6-addresses.is-primary-ipv6", "network-interface.ipv6-native",
        "network-interface.ipv6-prefixes.ipv6-prefix", "network-interface.mac-address",
        "network-interface.network-interface-id", "network-interface.operator.managed",
        "network-interface.operator.principal", "network-interface.outpost-arn", "network-interface.owner-id",
        "network-interface.private-dns-name", "network-interface.private-ip-address",
        "network-interface.public-dns-name", "network-interface.requester-id", "network-interface.requester-managed",
        "network-interface.status", "network-interface.source-dest-check", "network-interface.subnet-id",
        "network-interface.tag-key", "network-interface.tag-value", "network-interface.vpc-id",
        "network-performance-options.bandwidth-weighting", "operator.managed", "operator.principal", "outpost-arn",
        "owner-id", "placement-group-name", "placement-partition-number", "platform", "platform-details",
        "private-dns-name", "private-dns-name-options.enable-resource-name-dns-a-record",
        "private-dns-name-options.enable-resource-name-dns-aaaa-record", "private-dns-name-options.hostname-type",
        "private-ip-address", "product-code", "product-code.type", "ramdisk-id", "reason", "requester-id",
        "reservation-id", "root-device-name", "root-device-type", "source-dest-check", "spot-instance-request-id",
        "state-reason-code", "state-reason-message", "subnet-id", "tag-key", "tenancy", "tpm-support",
        "usage-operation", "usage-operation-update-time", "virtualization-type", "vpc-id",
    ]

    /// `*` is any run of characters and `?` any one, as in EC2's filter values.
    static func matches(_ value: String, _ pattern: String) -> Bool {
        let text = Array(value), glob = Array(pattern)
        var t = 0, g = 0, star = -1, mark = 0
        while t < text.count {
            if g < glob.count, glob[g] == "*" {
                star = g; mark = t; g += 1
            } else if g < glob.count, glob[g] == "?" || glob[g] == text[t] {
                t += 1; g += 1
            } else if star >= 0 {
                g = star + 1; mark += 1; t = mark
            } else {
                return false
            }
        }
        while g < glob.count, glob[g] == "*" { g += 1 }
        return g == glob.count
    }
}
