/// One API operation: `create-role` ↔ `CreateRole`, its input shape, the CLI option of each input member
/// (`--role-name` ↔ `RoleName`, in member order) and how it pages.
public struct OperationSpec: Sendable {
    public let cliName: String
    public let apiName: String
    let inputShape: String?
    /// botocore's `xform_name` of each input member, parallel to the input shape's members.
    let optionNames: [String]
    let paging: PagingSpec?
    /// botocore sends the call without a signature (`authtype: none`, e.g. AssumeRoleWithWebIdentity): it needs
    /// no credentials, and works when none are configured.
    var isUnsigned: Bool = false
}
