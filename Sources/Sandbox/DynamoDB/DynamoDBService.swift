import AWSModel

/// DynamoDB tables and items, enough for a role's permissions to be seen working or failing.
extension Sandbox {
    /// DynamoDB's operations, dispatched by `Sandbox.dispatch`.
    static let dynamoDBService = SimulatedService(name: "dynamodb", operations: [
        "CreateTable": { sandbox, call throws(ServiceError) in try sandbox.createTable(call) },
        "DescribeTable": { sandbox, call throws(ServiceError) in try sandbox.describeTable(call) },
        "ListTables": { sandbox, call throws(ServiceError) in try sandbox.listTables(call) },
        "DeleteTable": { sandbox, call throws(ServiceError) in try sandbox.deleteTable(call) },
        "PutItem": { sandbox, call throws(ServiceError) in try sandbox.putItem(call) },
        "GetItem": { sandbox, call throws(ServiceError) in try sandbox.getItem(call) },
        "DeleteItem": { sandbox, call throws(ServiceError) in try sandbox.deleteItem(call) },
        "Scan": { sandbox, call throws(ServiceError) in try sandbox.scan(call) },
    ], validate: refuseWhatIsNotSimulated)

    /// Members the sandbox's DynamoDB does not act on. Ignoring them would mislead (a condition meant to stop a
    /// write would let it through, a filter would return every item), so a call that uses one is refused, saying so.
    static let notSimulatedMembers: [(member: String, option: String)] = [
        ("ConditionExpression", "--condition-expression"), ("Expected", "--expected"), ("ConditionalOperator", "--conditional-operator"),
        ("FilterExpression", "--filter-expression"), ("ScanFilter", "--scan-filter"), ("ProjectionExpression", "--projection-expression"),
        ("AttributesToGet", "--attributes-to-get"), ("Select", "--select"), ("IndexName", "--index-name"), ("Segment", "--segment"),
        ("GlobalSecondaryIndexes", "--global-secondary-indexes"), ("LocalSecondaryIndexes", "--local-secondary-indexes"),
    ]

    @Sendable static func refuseWhatIsNotSimulated(_ call: Call) throws(ServiceError) {
        for (member, option) in notSimulatedMembers where call.parameters[member] != nil {
            throw ServiceError(code: "InvalidAction", message: "The sandbox does not simulate DynamoDB's \(option), so nothing was done: without it the call would not mean what you asked.")
        }
    }

    static func tableARN(account: String, name: String) -> String { ResourceARN.dynamoTable(account: account, name: name) }

    /// The table a call names, once the caller is authorized for the action on it. AWS authorizes first, so a
    /// caller without the permission hears AccessDeniedException even for a table that does not exist.
    private mutating func authorizedTable(_ call: Call, action: String) throws(ServiceError) -> DynamoTable {
        let name = try call.required("TableName")
        try authorize(call, action: action, resource: Self.tableARN(account: call.caller.account, name: name))
        return try existingTable(call, name)
    }

    private func existingTable(_ call: Call, _ name: String) throws(ServiceError) -> DynamoTable {
        guard let table = state[account: call.caller.account].tables[name] else {
            throw ServiceError(code: "ResourceNotFoundException", message: "Requested resource not found")
        }
        return table
    }

    private func tableResponse(_ table: DynamoTable, status: String = "ACTIVE") -> AWSValue {
        var members: [AWSValue.Member] = [
            .init("AttributeDefinitions", .list(table.attributeDefinitions.map { .object([.init("AttributeName", .string($0.attributeName)), .init("AttributeType", .string($0.attributeType))]) })),
            .init("TableName", .string(table.name)),
            .init("KeySchema", .list(table.keySchema.map { .object([.init("AttributeName", .string($0.attributeName)), .init("KeyType", .string($0.keyType))]) })),
            .init("TableStatus", .string(status)), .init("CreationDateTime", .string(SandboxClock.iso8601(table.created))),
            .init("ProvisionedThroughput", .object([.init("NumberOfDecreasesToday", 0), .init("ReadCapacityUnits", .integer(table.readCapacityUnits ?? 0)),
                                                    .init("WriteCapacityUnits", .integer(table.writeCapacityUnits ?? 0))])),
            .init("TableSizeBytes", 0), .init("ItemCount", .integer(table.items.count)), .init("TableArn", .string(table.arn)),
            .init("TableId", .string(Self.tableID(table))),
        ]
        if table.billingMode == "PAY_PER_REQUEST" {
            members.append(.init("BillingModeSummary", .object([.init("BillingMode", "PAY_PER_REQUEST")])))
        }
        members.append(.init("DeletionProtectionEnabled", false))
        return .object(members)
    }

    /// A table's id, a UUID of its own: made from what identifies the table (its account, name and creation time)
    /// rather than drawn from the id sequence, so every other id the sandbox hands out stays as it was.
    static func tableID(_ table: DynamoTable) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325, second: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in "\(table.account)/\(table.name)/\(table.created)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 &+ 1
        }
        func hex(_ value: UInt64) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: max(0, 16 - text.count)) + text
        }
        let a = hex(hash), b = hex(second)
        return "\(a.prefix(8))-\(a.dropFirst(8).prefix(4))-4\(a.dropFirst(13).prefix(3))-8\(b.prefix(3))-\(b.dropFirst(4).prefix(12))"
    }

    mutating func createTable(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("TableName")
        try authorize(call, action: "dynamodb:CreateTable", resource: Self.tableARN(account: call.caller.account, name: name))
        if state[account: call.caller.account].tables[name] != nil {
            throw ServiceError(code: "ResourceInUseException", message: "Table already exists: \(name)")
        }
        let keys = call.list("KeySchema").compactMap { item -> DynamoTable.KeyElement? in
            guard let attribute = item["AttributeName"]?.stringValue, let type = item["KeyType"]?.stringValue else { return nil }
            return .init(attributeName: attribute, keyType: type)
        }
        let definitions = call.list("AttributeDefinitions").compactMap { item -> DynamoTable.AttributeDefinition? in
            guard let attribute = item["AttributeName"]?.stringValue, let type = item["AttributeType"]?.stringValue else { return nil }
            return .init(attributeName: attribute, attributeType: type)
        }
        guard keys.contains(where: { $0.keyType == "HASH" }) else {
            throw ServiceError(code: "ValidationException", message: "1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: Member must not be null")
        }
        for key in keys where !definitions.contains(where: { $0.attributeName == key.attributeName }) {
            throw ServiceError(code: "ValidationException", message: "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [\(key.attributeName)], AttributeDefinitions: [\(definitions.map(\.attributeName).joined(separator: ", "))]")
        }
        if definitions.contains(where: { definition in !keys.contains { $0.attributeName == definition.attributeName } }) {
            throw ServiceError(code: "ValidationException", message: "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions")
        }
        // PROVISIONED, the default, needs both capacities; PAY_PER_REQUEST takes neither.
        let billingMode = call.optional("BillingMode") ?? "PROVISIONED"
        let throughput = call.parameters["ProvisionedThroughput"]
        // A template may write the numbers as strings, as CloudFormation takes them.
        let read = throughput?["ReadCapacityUnits"]?.textValue.flatMap { Int($0) }
        let write = throughput?["WriteCapacityUnits"]?.textValue.flatMap { Int($0) }
        if billingMode == "PAY_PER_REQUEST", read != nil || write != nil {
            throw ServiceError(code: "ValidationException", message: "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
        }
        if billingMode != "PAY_PER_REQUEST", read == nil || write == nil {
            throw ServiceError(code: "ValidationException", message: "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
        }
        var table = DynamoTable(name: name, account: call.caller.account, created: state.clock.now, keySchema: keys,
                                attributeDefinitions: definitions, billingMode: billingMode)
        table.readCapacityUnits = read
        table.writeCapacityUnits = write
        state.accounts[call.caller.account, default: AccountResources()].tables[name] = table
        return .object([.init("TableDescription", tableResponse(table, status: "CREATING"))])
    }

    mutating func describeTable(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("TableName")
        try authorize(call, action: "dynamodb:DescribeTable", resource: Self.tableARN(account: call.caller.account, name: name))
        guard let table = state[account: call.caller.account].tables[name] else {
            throw ServiceError(code: "ResourceNotFoundException", message: "Requested resource not found: Table: \(name) not found")
        }
        return .object([.init("Table", tableResponse(table))])
    }

    mutating func listTables(_ call: Call) throws(ServiceError) -> AWSValue {
        // DynamoDB authorizes a listing on every table of the Region, and says so in its AccessDenied.
        try authorize(call, action: "dynamodb:ListTables", resource: Self.tableARN(account: call.caller.account, name: "*"))
        return .object([.init("TableNames", .list(state[account: call.caller.account].tables.keys.sorted().map(AWSValue.string)))])
    }

    mutating func deleteTable(_ call: Call) throws(ServiceError) -> AWSValue {
        let table = try authorizedTable(call, action: "dynamodb:DeleteTable")
        state.accounts[call.caller.account]?.tables[table.name] = nil
        return .object([.init("TableDescription", tableResponse(table, status: "DELETING"))])
    }

    /// The key attributes of an item, checked against the table's key schema with DynamoDB's messages.
    private func keyOf(_ item: DynamoItem, in table: DynamoTable, exact: Bool) throws(ServiceError) -> [NamedAttribute] {
        var key: [NamedAttribute] = []
        for element in table.keySchema {
            guard let attribute = item[element.attributeName] else {
                throw ServiceError(code: "ValidationException", message: exact ? "The provided key element does not match the schema"
                                   : "One or more parameter values were invalid: Missing the key \(element.attributeName) in the item")
            }
            let declared = table.attributeDefinitions.first { $0.attributeName == element.attributeName }?.attributeType
            if let declared, declared != attribute.typeName {
                throw ServiceError(code: "ValidationException", message: "One or more parameter values were invalid: Type mismatch for key \(element.attributeName) expected: \(declared) actual: \(attribute.typeName)")
            }
            if attribute == .string("") || attribute == .binary("") {
                throw ServiceError(code: "ValidationException", message: "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: \(element.attributeName)")
            }
            key.append(NamedAttribute(name: element.attributeName, attribute: attribute))
        }
        if exact, item.attributes.count != table.keySchema.count {
            throw ServiceError(code: "ValidationException", message: "The provided key element does not match the schema")
        }
        return key
    }

    private func readItem(_ call: Call, _ name: String) throws(ServiceError) -> DynamoItem {
        do throws(DynamoValidation) {
            guard let value = call.parameters[name] else { throw .notAnAttribute }
            return try DynamoItem.parse(value)
        } catch {
            switch error {
            case .notAnAttribute:
                throw ServiceError(code: "ValidationException", message: "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
            case .invalid(let message):
                throw ServiceError(code: "ValidationException", message: message)
            }
        }
    }

    private func index(of key: [NamedAttribute], in table: DynamoTable) -> Int? {
        table.items.firstIndex { item in key.allSatisfy { item[$0.name] == $0.attribute } }
    }

    mutating func putItem(_ call: Call) throws(ServiceError) -> AWSValue {
        let table = try authorizedTable(call, action: "dynamodb:PutItem")
        try Self.checkReturnValues(call)
        let item = try readItem(call, "Item")
        let key = try keyOf(item, in: table, exact: false)
        let existing = index(of: key, in: table)
        if let existing {
            state.accounts[call.caller.account]?.tables[table.name]?.items[existing] = item
        } else {
            state.accounts[call.caller.account]?.tables[table.name]?.items.append(item)
        }
        return Self.returnedValues(call, old: existing.map { table.items[$0] })
    }

    /// `--return-values ALL_OLD`: the item as it was before the call, when there was one.
    static func returnedValues(_ call: Call, old: DynamoItem?) -> AWSValue {
        guard call.optional("ReturnValues") == "ALL_OLD", let old else { return .object([]) }
        return .object([.init("Attributes", old.value)])
    }

    /// PutItem and DeleteItem return the old item or nothing (NONE, ALL_OLD); UpdateItem's values are refused.
    static func checkReturnValues(_ call: Call) throws(ServiceError) {
        guard let asked = call.optional("ReturnValues"), !["NONE", "ALL_OLD"].contains(asked) else { return }
        if ["ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"].contains(asked) {
            throw ServiceError(code: "ValidationException", message: "Return values set to invalid value")
        }
        throw ServiceError(code: "ValidationException", message: "1 validation error detected: Value '\(asked)' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]")
    }

    mutating func getItem(_ call: Call) throws(ServiceError) -> AWSValue {
        let table = try authorizedTable(call, action: "dynamodb:GetItem")
        let key = try keyOf(try readItem(call, "Key"), in: table, exact: true)
        guard let index = index(of: key, in: table) else { return .object([]) }
        return .object([.init("Item", table.items[index].value)])
    }

    mutating func deleteItem(_ call: Call) throws(ServiceError) -> AWSValue {
        let table = try authorizedTable(call, action: "dynamodb:DeleteItem")
        try Self.checkReturnValues(call)
        let key = try keyOf(try readItem(call, "Key"), in: table, exact: true)
        let existing = index(of: key, in: table)
        if let existing { state.accounts[call.caller.account]?.tables[table.name]?.items.remove(at: existing) }
        return Self.returnedValues(call, old: existing.map { table.items[$0] })
    }

    mutating func scan(_ call: Call) throws(ServiceError) -> AWSValue {
        let table = try authorizedTable(call, action: "dynamodb:Scan")
        return .object([
            .init("Items", .list(table.items.map(\.value))), .init("Count", .integer(table.items.count)),
            .init("ScannedCount", .integer(table.items.count)), .init("ConsumedCapacity", .null),
        ])
    }
}
