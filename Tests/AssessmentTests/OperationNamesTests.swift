import Testing
@testable import Assessment

/// How checks match a call's API operation to the CLI name a lesson writes.
@Suite struct OperationNamesTests {
    @Test func spellsAsTheCLIDoes() {
        for (api, cli) in [("GetCallerIdentity", "get-caller-identity"), ("ListObjectsV2", "list-objects-v2"),
                           ("GetRole", "get-role"), ("PutItem", "put-item"), ("AssumeRoleWithWebIdentity", "assume-role-with-web-identity")] {
            #expect(OperationNames.cliName(api) == cli)
            #expect(OperationNames.spells(api, as: cli), "\(api)")
        }
    }

    /// The quick comparison only rules names out: one that matches it once dashes and case are set aside must
    /// still be spelled exactly.
    @Test func aNameThatDiffersOnlyInDashesOrCaseIsNotTheSame() {
        #expect(!OperationNames.spells("GetRole", as: "getrole"))
        #expect(!OperationNames.spells("GetRole", as: "get-rol-e"))
        #expect(!OperationNames.spells("GetRole", as: "Get-Role"))
        #expect(!OperationNames.spells("GetRole", as: "get-roles"))
        #expect(!OperationNames.spells("GetRoles", as: "get-role"))
        #expect(!OperationNames.spells("ListObjectsV2", as: "list-objectsv2"))
    }
}
