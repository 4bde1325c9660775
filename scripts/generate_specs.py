#!/usr/bin/env python3
"""Generates Sources/AWSCommands/Specs/Generated/*.swift from the botocore models installed with awscli.

Why generated: the CLI's option names, member order, required members and min/max/pattern constraints must match
the real aws CLI exactly, and botocore's models are where the real CLI gets them. Re-run after changing OPERATIONS:

    python3 scripts/generate_specs.py

Only the operations the course uses are emitted (issue 4), with every shape reachable from their inputs.
Customisations the CLI layers on top of the models (positional outfile, --count, --zip-file, paging options)
are hand-written in Specs/ArgumentTable.swift and Specs/CommandArgument.swift, not here.

EC2's and S3's wire protocols need more of the model than the CLI does (member locations, wire names, output
shapes); those go to Sources/AWSWire/Generated/WireModels.swift as compact JSON (see `wire_model`).

Each service also gets a *Documentation.swift: the model's documentation of the service, its operations and their
input members as plain text, which `aws … help` prints (Help/HelpPage.swift).
"""
import html
import html.parser
import os
import re
import sys

import json

import botocore.session
from botocore import xform_name

OPERATIONS = {
    "iam": [
        "CreateRole", "GetRole", "ListRoles", "DeleteRole", "UpdateRole", "UpdateAssumeRolePolicy",
        "AttachRolePolicy", "DetachRolePolicy", "ListAttachedRolePolicies",
        "PutRolePolicy", "GetRolePolicy", "DeleteRolePolicy", "ListRolePolicies",
        "CreatePolicy", "GetPolicy", "ListPolicies", "DeletePolicy",
        "CreatePolicyVersion", "GetPolicyVersion", "ListPolicyVersions", "DeletePolicyVersion",
        "SetDefaultPolicyVersion",
        "CreateInstanceProfile", "GetInstanceProfile", "DeleteInstanceProfile",
        "AddRoleToInstanceProfile", "RemoveRoleFromInstanceProfile", "ListInstanceProfilesForRole",
        "CreateUser", "GetUser", "ListUsers", "DeleteUser",
        "CreateAccessKey", "ListAccessKeys", "DeleteAccessKey",
        "AttachUserPolicy", "DetachUserPolicy", "PutUserPolicy", "ListUserPolicies", "ListAttachedUserPolicies",
        "TagRole", "UntagRole", "PutRolePermissionsBoundary", "SimulatePrincipalPolicy",
        "ListInstanceProfiles", "ListRoleTags", "DeleteRolePermissionsBoundary", "GetUserPolicy", "DeleteUserPolicy",
        "CreateServiceLinkedRole", "DeleteServiceLinkedRole", "GetServiceLinkedRoleDeletionStatus",
        "CreateOpenIDConnectProvider", "GetOpenIDConnectProvider", "ListOpenIDConnectProviders",
        "DeleteOpenIDConnectProvider",
    ],
    "sts": ["GetCallerIdentity", "AssumeRole", "AssumeRoleWithWebIdentity", "GetSessionToken"],
    # DeleteBucket is not in the s3api list, but `aws s3 rb` needs it.
    "s3": [
        "ListBuckets", "CreateBucket", "DeleteBucket", "ListObjectsV2", "GetObject", "PutObject", "DeleteObject",
        "GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy", "HeadBucket", "HeadObject", "ListObjects",
        "GetPublicAccessBlock", "PutPublicAccessBlock", "DeletePublicAccessBlock", "GetBucketPolicyStatus",
    ],
    "dynamodb": ["CreateTable", "DescribeTable", "ListTables", "DeleteTable", "PutItem", "GetItem", "DeleteItem", "Scan"],
    "ec2": ["RunInstances", "DescribeInstances", "AssociateIamInstanceProfile", "TerminateInstances",
            "DescribeIamInstanceProfileAssociations", "ModifyInstanceMetadataOptions"],
    "lambda": ["CreateFunction", "Invoke", "GetFunction", "GetFunctionConfiguration", "ListFunctions", "DeleteFunction",
               "UpdateFunctionConfiguration"],
    "cloudformation": ["CreateStack", "DescribeStacks", "DescribeStackEvents", "DeleteStack", "DescribeStackResources",
                       "ValidateTemplate"],
    "logs": ["DescribeLogGroups", "DescribeLogStreams", "GetLogEvents", "CreateLogGroup", "CreateLogStream",
             "PutLogEvents", "DeleteLogGroup", "FilterLogEvents"],
}

# Commands aws CLI v2 adds to a service (its own customizations, absent from v1's command table this script reads):
# real, so the sandbox names them as not simulated rather than as invalid choices, unless it simulates them
# (ServiceCatalog.serviceCustomCommands), in which case they are dispatched before the service's operations.
V2_ONLY_COMMANDS = {"logs": ["tail"]}

# The command name the CLI shows for each botocore service (`aws s3api`, not `aws s3`).
CLI_SERVICE_NAMES = {"s3": "s3api"}


def swift_string(text):
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif code < 0x20 or code == 0x7F or (0x80 <= code):
            out.append("\\u{%X}" % code)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


class _Paragraphs(html.parser.HTMLParser):
    """Plain-text paragraphs of a botocore documentation string (HTML): tags dropped, entities decoded."""

    BREAKS = {"p", "li", "ul", "ol", "note", "important", "fullname", "br"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = [""]
        self.in_fullname = False

    def handle_starttag(self, tag, attrs):
        # The service's <fullname> is its title, which the CLI's page leaves out of the description.
        self.in_fullname = self.in_fullname or tag == "fullname"
        if tag in self.BREAKS:
            self.paragraphs.append("")
        if tag == "li":
            self.paragraphs[-1] = "* "

    def handle_endtag(self, tag):
        self.in_fullname = self.in_fullname and tag != "fullname"
        if tag in self.BREAKS:
            self.paragraphs.append("")

    def handle_data(self, data):
        if not self.in_fullname:
            self.paragraphs[-1] += data


def plain_paragraphs(documentation, limit):
    """The first `limit` non-empty paragraphs of a documentation string, whitespace collapsed."""
    parser = _Paragraphs()
    parser.feed(documentation or "")
    parser.close()
    paragraphs = [re.sub(r"\s+", " ", html.unescape(text)).strip() for text in parser.paragraphs]
    return [text for text in paragraphs if text and text != "*"][:limit]


def swift_optional_int(value):
    return "nil" if value is None else str(int(value))


def collect_shapes(shape, seen):
    if shape.name in seen:
        return
    seen[shape.name] = shape
    if shape.type_name == "structure":
        for member in shape.members.values():
            collect_shapes(member, seen)
    elif shape.type_name == "list":
        collect_shapes(shape.member, seen)
    elif shape.type_name == "map":
        collect_shapes(shape.key, seen)
        collect_shapes(shape.value, seen)


def shape_literal(shape):
    meta = shape.metadata
    common = f"min: {swift_optional_int(meta.get('min'))}, max: {swift_optional_int(meta.get('max'))}"
    if shape.type_name == "structure":
        members = ", ".join(
            f"StructureMember(name: {swift_string(name)}, shape: {swift_string(member.name)})"
            for name, member in shape.members.items()
        )
        required = ", ".join(swift_string(name) for name in meta.get("required", []))
        document = "true" if getattr(shape, "is_document_type", False) else "false"
        return f"ShapeSpec(structure: [{members}], required: [{required}], isDocument: {document})"
    if shape.type_name == "list":
        return f"ShapeSpec(listOf: {swift_string(shape.member.name)}, {common})"
    if shape.type_name == "map":
        return f"ShapeSpec(mapFrom: {swift_string(shape.key.name)}, to: {swift_string(shape.value.name)}, {common})"
    pattern = meta.get("pattern")
    pattern_literal = "nil" if pattern is None else swift_string(pattern)
    enum_values = ", ".join(swift_string(v) for v in (getattr(shape, "enum", None) or []))
    streaming = "true" if shape.serialization.get("streaming") or meta.get("streaming") else "false"
    kind = {"long": "integer", "float": "double"}.get(shape.type_name, shape.type_name)
    return (
        f"ShapeSpec(scalar: .{kind}, {common}, pattern: {pattern_literal}, "
        f"enumValues: [{enum_values}], isStreaming: {streaming})"
    )


def paging_literal(session, service, operation):
    try:
        config = session.get_paginator_model(service).get_paginator(operation)
    except (ValueError, Exception):
        return "nil"

    def as_list(value):
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    def strings(values):
        return "[" + ", ".join(swift_string(v) for v in values) + "]"

    more = config.get("more_results")
    return (
        "PagingSpec("
        f"inputTokens: {strings(as_list(config.get('input_token')))}, "
        f"outputTokens: {strings(as_list(config.get('output_token')))}, "
        f"moreResults: {'nil' if more is None else swift_string(more)}, "
        f"limitKey: {'nil' if config.get('limit_key') is None else swift_string(config['limit_key'])}, "
        f"resultKeys: {strings(as_list(config.get('result_key')))}, "
        f"nonAggregateKeys: {strings(as_list(config.get('non_aggregate_keys')))})"
    )


_cli_command_table = None


def cli_command_table():
    """The aws CLI's own command table (awscli is pinned with botocore): the names a learner can type."""
    global _cli_command_table
    if _cli_command_table is None:
        from awscli.clidriver import create_clidriver
        _cli_command_table = create_clidriver()._get_command_table()
    return _cli_command_table


def generate(service, operation_names, session):
    model = session.get_service_model(service)
    shapes = {}
    operations = []
    for name in operation_names:
        operation = model.operation_model(name)
        input_name = operation.input_shape.name if operation.input_shape else None
        if operation.input_shape is not None:
            collect_shapes(operation.input_shape, shapes)
        option_names = []
        if operation.input_shape is not None:
            option_names = [xform_name(member, "-") for member in operation.input_shape.members]
        operations.append(
            f"        OperationSpec(cliName: {swift_string(xform_name(name, '-'))}, apiName: {swift_string(name)}, "
            f"inputShape: {'nil' if input_name is None else swift_string(input_name)}, "
            f"optionNames: [{', '.join(swift_string(option) for option in option_names)}], "
            f"paging: {paging_literal(session, service, name)}"
            # botocore sends these without a signature (`authtype: none`): they work with no credentials at all.
            + (", isUnsigned: true" if operation.auth_type == "none" else "") + ")"
        )
    shape_lines = [
        f"        {swift_string(name)}: {shape_literal(shapes[name])}" for name in sorted(shapes)
    ]
    cli_name = CLI_SERVICE_NAMES.get(service, service)
    type_name = "".join(part.capitalize() for part in cli_name.split("-")) + "ServiceSpec"
    endpoint = model.endpoint_prefix
    # The CLI's other subcommands of this service (awscli's renames, removals and additions such as `wait` included):
    # real, but not simulated, named so the CLI can say so rather than call them invalid choices.
    simulated_names = {xform_name(name, "-") for name in operation_names}
    others = sorted((set(cli_command_table()[cli_name]._get_command_table()) | set(V2_ONLY_COMMANDS.get(cli_name, []))) - simulated_names)
    return type_name, f"""// Generated by scripts/generate_specs.py from botocore {botocore.__version__}'s {service} model
// (API version {model.api_version}). Do not edit by hand: change the script and re-run it.

extension ServiceSpec {{
    static let {type_name[0].lower() + type_name[1:]}: ServiceSpec = ServiceSpec(
        cliName: {swift_string(cli_name)},
        apiName: {swift_string(service)},
        endpointPrefix: {swift_string(endpoint)},
        operations: [
{(","+chr(10)).join(operations)}
        ],
        otherOperations: [{", ".join(swift_string(name) for name in others)}],
        shapes: [
{(","+chr(10)).join(shape_lines)}
        ]
    )
}}
"""


def documentation(service, operation_names, session, type_name):
    """The help pages' descriptions: the service's and each operation's first paragraphs and each input member's first paragraph."""
    model = session.get_service_model(service)
    entries = [("", "\n\n".join(plain_paragraphs(model.documentation, 2)))]
    for name in operation_names:
        operation = model.operation_model(name)
        entries.append((name, "\n\n".join(plain_paragraphs(operation.documentation, 3))))
        if operation.input_shape is not None:
            for member, shape in operation.input_shape.members.items():
                entries.append((f"{name}.{member}", "\n\n".join(plain_paragraphs(shape.documentation, 1))))
    lines = [f"        {swift_string(key)}: {swift_string(text)}" for key, text in entries if text]
    variable = type_name[0].lower() + type_name[1:].replace("ServiceSpec", "Documentation")
    return variable, f"""// Generated by scripts/generate_specs.py from botocore {botocore.__version__}'s {service} model.
// Do not edit by hand: change the script and re-run it.

extension HelpText {{
    /// `""` (the service), `Operation` and `Operation.Member` to the first paragraphs of the model's documentation, as plain text.
    static let {variable}: [String: String] = [
{(","+chr(10)).join(lines)}
    ]
}}
"""


# The services whose wire protocol is read from the generated wire model (query-family and JSON services are served
# from the CLI's own shapes, Lambda from hand-written bindings).
WIRE_SERVICES = ["ec2", "s3"]
WIRE_MEMBER_TRAITS = ("locationName", "queryName", "location", "flattened", "xmlAttribute", "xmlNamespace")


def wire_model(service, operation_names, session):
    """The part of a botocore model that reading requests and writing answers needs, as compact JSON: each
    operation's HTTP binding and shapes, and every shape reachable from them with its members in model order and
    their wire traits (no documentation, no constraints: the CLI's specs hold those)."""
    raw = session.get_component("data_loader").load_service_model(service, "service-2")
    shapes = raw["shapes"]
    reachable = []

    def walk(name):
        if name in reachable:
            return
        reachable.append(name)
        shape = shapes[name]
        for member in shape.get("members", {}).values():
            walk(member["shape"])
        for part in ("member", "key", "value"):
            if part in shape:
                walk(shape[part]["shape"])

    def reference(ref):
        out = {"shape": ref["shape"]}
        out.update({trait: ref[trait] for trait in WIRE_MEMBER_TRAITS if trait in ref})
        return out

    operations = []
    for name in operation_names:
        operation = raw["operations"][name]
        entry = {"name": name, "method": operation["http"]["method"], "requestUri": operation["http"]["requestUri"]}
        if "responseCode" in operation["http"]:
            entry["responseCode"] = operation["http"]["responseCode"]
        for part in ("input", "output"):
            if part in operation:
                walk(operation[part]["shape"])
                entry[part] = operation[part]["shape"]
        operations.append(entry)
    out_shapes = {}
    for name in sorted(reachable):
        shape = shapes[name]
        entry = {"type": shape["type"]}
        if "members" in shape:
            entry["members"] = [dict(name=member, **reference(ref)) for member, ref in shape["members"].items()]
        for part in ("member", "key", "value"):
            if part in shape:
                entry[part] = reference(shape[part])
        for trait in ("payload", "flattened", "locationName", "timestampFormat", "event", "eventstream"):
            if trait in shape:
                entry[trait] = shape[trait]
        out_shapes[name] = entry
    metadata = raw["metadata"]
    model = {"protocol": metadata["protocol"], "apiVersion": metadata["apiVersion"],
             "xmlNamespace": (metadata.get("xmlNamespace") or {}).get("uri") if isinstance(metadata.get("xmlNamespace"), dict)
             else metadata.get("xmlNamespace"),
             "operations": operations, "shapes": out_shapes}
    return json.dumps(model, separators=(",", ":"), sort_keys=False)


def write_wire_models(root, session):
    out_dir = os.path.join(root, "Sources", "AWSWire", "Generated")
    os.makedirs(out_dir, exist_ok=True)
    lines = []
    for service in WIRE_SERVICES:
        text = wire_model(service, OPERATIONS[service], session)
        assert '"#' not in text
        lines.append(f"        {swift_string(service)}: #\"{text}\"#")
    with open(os.path.join(out_dir, "WireModels.swift"), "w") as handle:
        handle.write(
            f"// Generated by scripts/generate_specs.py from botocore {botocore.__version__}'s models. Do not edit by hand.\n\n"
            "extension WireModel {\n"
            "    /// Each service's wire model as compact JSON, read once when first used.\n"
            "    static let sources: [String: String] = [\n"
            + ",\n".join(lines) + "\n"
            "    ]\n"
            "}\n"
        )


# Service principals IAM takes that are not a botocore endpoint prefix or signing name: sub-services and
# principals of features (ECS tasks, Lambda@Edge, VPC flow logs and log delivery, Spot, …), from AWS's documentation.
EXTRA_SERVICE_PRINCIPALS = [
    "airflow-env", "application-insights", "delivery.logs", "dax", "ec2fleet", "ecs-tasks", "edgelambda", "eks-fargate-pods",
    "export.rds", "macie", "member.org.stacksets.cloudformation", "monitoring.rds", "opensearchservice", "ops.apigateway",
    "osis-pipelines", "replicator.lambda", "resources.cloudformation", "spot", "spotfleet", "transitgateway", "vmie",
    "vpc-flow-logs",
]


def write_service_principals(root, session):
    """The names before `.amazonaws.com` that IAM knows as service principals: every service's endpoint prefix and
    signing name in botocore, and the extras above. IAM refuses a trust policy naming any other."""
    names = set(EXTRA_SERVICE_PRINCIPALS)
    for service in session.get_available_services():
        model = session.get_service_model(service)
        names.add(model.endpoint_prefix)
        if model.signing_name:
            names.add(model.signing_name)
    out_dir = os.path.join(root, "Sources", "PolicyEngine", "Principal", "Generated")
    os.makedirs(out_dir, exist_ok=True)
    body = ",\n".join("        " + swift_string(name) for name in sorted(names))
    with open(os.path.join(out_dir, "ServicePrincipalNames.swift"), "w") as handle:
        handle.write(
            f"// Generated by scripts/generate_specs.py from botocore {botocore.__version__}'s models. Do not edit by hand.\n\n"
            "extension PrincipalRules {\n"
            "    /// Every name IAM knows before `.amazonaws.com` in a service principal (`lambda`, `ecs-tasks`, …).\n"
            "    static let servicePrincipalNames: Set<String> = [\n"
            + body + ",\n"
            "    ]\n"
            "}\n"
        )


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    out_dir = os.path.join(root, "Sources", "AWSCommands", "Specs", "Generated")
    os.makedirs(out_dir, exist_ok=True)
    session = botocore.session.get_session()
    names = []
    documentation_names = []
    for service, operations in OPERATIONS.items():
        type_name, text = generate(service, operations, session)
        names.append(type_name[0].lower() + type_name[1:])
        with open(os.path.join(out_dir, f"{type_name}.swift"), "w") as handle:
            handle.write(text)
        variable, docs = documentation(service, operations, session, type_name)
        documentation_names.append((CLI_SERVICE_NAMES.get(service, service), variable))
        with open(os.path.join(out_dir, f"{variable[0].upper() + variable[1:]}.swift"), "w") as handle:
            handle.write(docs)
    # The CLI's other service commands (its own, such as `history` or `configure`, are not services).
    from awscli.clidriver import ServiceCommand
    simulated = {CLI_SERVICE_NAMES.get(service, service) for service in OPERATIONS}
    other_commands = sorted(name for name, command in cli_command_table().items()
                            if type(command) is ServiceCommand and name not in simulated)
    catalog = (
        "// Generated by scripts/generate_specs.py. Do not edit by hand.\n\n"
        "extension ServiceSpec {\n"
        "    /// Every modelled service, in the order `aws` lists them.\n"
        f"    static let generatedServices: [ServiceSpec] = [{', '.join(names)}]\n"
        "    /// The aws CLI's other service commands: real AWS services the sandbox does not simulate.\n"
        f"    static let otherCommands: [String] = [{', '.join(swift_string(name) for name in other_commands)}]\n"
        "}\n"
    )
    with open(os.path.join(out_dir, "GeneratedServices.swift"), "w") as handle:
        handle.write(catalog)
    entries = ", ".join(f"{swift_string(cli)}: {variable}" for cli, variable in documentation_names)
    with open(os.path.join(out_dir, "GeneratedDocumentation.swift"), "w") as handle:
        handle.write(
            "// Generated by scripts/generate_specs.py. Do not edit by hand.\n\n"
            "extension HelpText {\n"
            "    /// Each modelled service's documentation, by the word after `aws`.\n"
            f"    static let byService: [String: [String: String]] = [{entries}]\n"
            "}\n"
        )
    write_wire_models(root, session)
    write_service_principals(root, session)
    print(f"wrote {len(names)} services to {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
