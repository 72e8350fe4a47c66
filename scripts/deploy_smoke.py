"""Deploy smoke of template.yaml, offline: what `sam deploy` would hand CloudFormation, checked before AWS sees it.

1. Translates the template with the SAM translator (the SAM CLI's own dependency) for two parameter sets.
2. Checks that every Ref, GetAtt, Sub variable, DependsOn and Condition of the translated template names something
   that exists, including what SAM expands from a function's Policies (cfn-lint no longer looks there), and that
   the check itself catches a broken reference planted in a function's Policies.
3. Proves that a parameter-only deploy reaches what the `live` alias runs (docs/decisions/0031): the alias's
   version is the same for both parameter sets (CloudFormation publishes none), and every function of that version
   reads the DeploySettings secret, which the second set's deploy fills with the second set's values; and that an
   edit of the memory literal in Globals publishes a new version of every function.
4. Packages the template with `sam package` against the S3 emulator (moto): every CodeUri jar must be there and
   end up in the bucket; a template naming a missing jar must fail to package.

Usage: .venv/bin/python scripts/deploy_smoke.py [--no-package]   (scripts/deploy-smoke.sh runs it)
"""

import copy
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from samcli.yamlhelper import yaml_parse
from samtranslator.translator.transform import transform

ROOT = Path(__file__).resolve().parent.parent
# The translator asks boto3 for the region (pseudo parameters); never let it find a developer's real account.
os.environ.update(AWS_DEFAULT_REGION="us-east-1", AWS_REGION="us-east-1", AWS_ACCESS_KEY_ID="testing",
                  AWS_SECRET_ACCESS_KEY="testing", AWS_SESSION_TOKEN="testing")
os.environ.pop("AWS_PROFILE", None)
PSEUDO = {"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
          "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"}
PSEUDO_VALUES = {"AWS::AccountId": "123456789012", "AWS::Region": "us-east-1", "AWS::Partition": "aws",
                 "AWS::StackName": "smoke", "AWS::URLSuffix": "amazonaws.com"}
SETTINGS_SECRET = "DeploySettings"
# The parameters a function's published version holds itself (its environment, memory): they only reach the live
# alias with a new version, i.e. a code change. Each one is here with why that is acceptable.
VERSION_BOUND = {
    # The environment copies are what a function starts with; DeploySettings' values replace them at run time.
    "ConnectorSettings": "replaced at run time by DeploySettings.CONNECTOR_SETTINGS",
    "LogLevel": "replaced at run time by DeploySettings.LOG_LEVEL",
    "MaxReceiveCount": "replaced at run time by DeploySettings.MAX_RECEIVE_COUNT",
    "AuditRetentionDays": "replaced at run time by DeploySettings.AUDIT_RETENTION_DAYS",
}
# Lambda's own configuration (memory) cannot be read at run time: it is a literal in the template, which SAM hashes
# into the version's name, so an edit publishes a version. A parameter there would reach only $LATEST.
VERSION_HASHED_LITERALS = ("MemorySize",)

FIRST = {"ConnectorSettings": '{"pipeline":{"batchConcurrency":3}}', "LogLevel": "INFO", "MaxReceiveCount": "5"}
SECOND = {"ConnectorSettings": '{"ups":{"labelFormat":"GIF"},"pipeline":{"batchConcurrency":7}}',
          "LogLevel": "DEBUG", "MaxReceiveCount": "9"}


class ManagedPolicies:
    """The translator asks for AWS managed policy ARNs only for policies named by name; the template names none."""

    def load(self):
        return {}


def load_template(path):
    return yaml_parse(Path(path).read_text())


def translate(template, parameters):
    """The template as CloudFormation's SAM transform makes it, a local CodeUri standing for its packaged object."""
    template = copy.deepcopy(template)
    for resource in template["Resources"].values():
        uri = resource.get("Properties", {}).get("CodeUri") if resource["Type"] == "AWS::Serverless::Function" else None
        if isinstance(uri, str) and not uri.startswith("s3://"):
            resource["Properties"]["CodeUri"] = f"s3://deploy-smoke/{uri}"
    values = {name: str(spec.get("Default", "")) for name, spec in template.get("Parameters", {}).items()}
    values.update(parameters)
    values.update(PSEUDO_VALUES)
    return transform(template, values, ManagedPolicies())


# ------------------------------------------------------------------ references

def walk(node, path=""):
    """Yields (path, key, value) for every intrinsic-looking single-key dict."""
    if isinstance(node, dict):
        if len(node) == 1:
            key, value = next(iter(node.items()))
            yield path, key, value
        for key, value in node.items():
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}[{index}]")


def sub_variables(value):
    if isinstance(value, list):
        text, local = value[0], set(value[1].keys()) if len(value) > 1 and isinstance(value[1], dict) else set()
    else:
        text, local = value, set()
    if not isinstance(text, str):
        return []
    names = [m.group(1) for m in re.finditer(r"\$\{([^!}][^}]*)\}", text)]
    return [n for n in names if n.split(".")[0] not in local]


def broken_references(translated):
    """Every reference of the translated template whose target does not exist, as 'path: what' lines."""
    resources = translated.get("Resources", {})
    parameters = translated.get("Parameters", {})
    conditions = translated.get("Conditions", {})
    known = set(resources) | set(parameters) | PSEUDO
    problems = []
    for section in ("Resources", "Outputs", "Conditions"):
        for path, key, value in walk(translated.get(section, {}), section):
            if key == "Ref" and isinstance(value, str) and value not in known:
                problems.append(f"{path}: Ref {value} names no resource or parameter")
            elif key == "Fn::GetAtt":
                target = value[0] if isinstance(value, list) else str(value).split(".")[0]
                if target not in resources:
                    problems.append(f"{path}: GetAtt {target} names no resource")
            elif key == "Fn::Sub":
                for name in sub_variables(value):
                    base = name.split(".")[0]
                    if "." in name and base not in resources or "." not in name and name not in known:
                        problems.append(f"{path}: Sub ${{{name}}} names no resource or parameter")
            elif key == "Condition" and isinstance(value, str) and section == "Conditions" and value not in conditions:
                problems.append(f"{path}: Condition {value} is not defined")
    for logical_id, resource in resources.items():
        depends = resource.get("DependsOn", [])
        for target in [depends] if isinstance(depends, str) else depends:
            if target not in resources:
                problems.append(f"Resources/{logical_id}/DependsOn: {target} names no resource")
        condition = resource.get("Condition")
        if condition is not None and condition not in conditions:
            problems.append(f"Resources/{logical_id}/Condition: {condition} is not defined")
    return problems


def with_broken_policy_references(template):
    """The template with two references in a function's Policies that name nothing."""
    broken = copy.deepcopy(template)
    policies = broken["Resources"]["OrderPollerFunction"]["Properties"]["Policies"]
    policies.append({"SQSSendMessagePolicy": {"QueueName": {"Fn::GetAtt": ["NoSuchQueue", "QueueName"]}}})
    policies.append({"Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem",
                                    "Resource": {"Ref": "NoSuchTable"}}]})
    return broken


# ------------------------------------------------------------------ live settings

def resolve(node, parameters):
    """Resolves Ref and Sub of parameters and pseudo parameters (enough for the DeploySettings secret)."""
    if isinstance(node, dict) and len(node) == 1:
        key, value = next(iter(node.items()))
        if key == "Ref" and value in parameters:
            return parameters[value]
        if key == "Fn::Sub" and isinstance(value, str):
            def substitute(match):
                name = match.group(1)
                if name not in parameters:
                    raise ValueError(f"cannot resolve ${{{name}}} offline")
                return str(parameters[name])
            return re.sub(r"\$\{([^!}][^}]*)\}", substitute, value)
    if isinstance(node, dict):
        return {k: resolve(v, parameters) for k, v in node.items()}
    if isinstance(node, list):
        return [resolve(v, parameters) for v in node]
    return node


def parameter_values(template, overrides):
    values = {name: str(spec.get("Default", "")) for name, spec in template.get("Parameters", {}).items()}
    values.update(overrides)
    values.update(PSEUDO_VALUES)
    return values


def live_functions(translated):
    """function logical id -> (alias id, version id) for every function with an alias."""
    resources = translated["Resources"]
    live = {}
    for alias_id, alias in resources.items():
        if alias["Type"] != "AWS::Lambda::Alias":
            continue
        version_id = alias["Properties"]["FunctionVersion"]["Fn::GetAtt"][0]
        function_id = resources[version_id]["Properties"]["FunctionName"]["Ref"]
        live[function_id] = (alias_id, version_id)
    return live


def referenced_parameters(node, parameters):
    found = set()
    for _, key, value in walk(node):
        if key == "Ref" and value in parameters:
            found.add(value)
        elif key == "Fn::Sub":
            found.update(n for n in sub_variables(value) if n in parameters)
    return found


def plain(resource):
    """A policy template's {"Fn::Sub": ["${secretArn}", {"secretArn": X}]} is X."""
    if isinstance(resource, dict) and isinstance(resource.get("Fn::Sub"), list):
        text, variables = resource["Fn::Sub"]
        match = re.fullmatch(r"\$\{(\w+)\}", text)
        if match and match.group(1) in variables:
            return variables[match.group(1)]
    return resource


def reads_settings_secret(translated, function_id):
    function = translated["Resources"][function_id]["Properties"]
    variables = function.get("Environment", {}).get("Variables", {})
    if variables.get("DEPLOY_SETTINGS_ID") != {"Ref": SETTINGS_SECRET}:
        return f"{function_id}: DEPLOY_SETTINGS_ID is not !Ref {SETTINGS_SECRET}"
    role_id = function["Role"]["Fn::GetAtt"][0]
    role = translated["Resources"][role_id]["Properties"]
    for policy in role.get("Policies", []):
        for statement in policy["PolicyDocument"]["Statement"]:
            actions = statement.get("Action", [])
            actions = [actions] if isinstance(actions, str) else actions
            resources = statement.get("Resource", [])
            resources = [plain(r) for r in (resources if isinstance(resources, list) else [resources])]
            if statement.get("Effect") == "Allow" and "secretsmanager:GetSecretValue" in actions \
                    and {"Ref": SETTINGS_SECRET} in resources:
                return None
    return f"{function_id}: its role {role_id} may not read {SETTINGS_SECRET} (secretsmanager:GetSecretValue)"


def check_live_settings(template):
    first, second = translate(template, FIRST), translate(template, SECOND)
    problems = []
    live_first, live_second = live_functions(first), live_functions(second)
    functions = [i for i, r in template["Resources"].items() if r["Type"] == "AWS::Serverless::Function"]
    if sorted(live_second) != sorted(functions):
        problems.append(f"functions with a live alias {sorted(live_second)} are not all functions {sorted(functions)}")
    parameters = set(template.get("Parameters", {}))
    secret = resolve(second["Resources"][SETTINGS_SECRET]["Properties"]["SecretString"],
                     parameter_values(template, SECOND))
    written = json.loads(secret)
    expected = {"CONNECTOR_SETTINGS": json.loads(SECOND["ConnectorSettings"]), "LOG_LEVEL": SECOND["LogLevel"],
                "MAX_RECEIVE_COUNT": SECOND["MaxReceiveCount"]}
    for key, value in expected.items():
        if written.get(key) != value:
            problems.append(f"{SETTINGS_SECRET} holds {key}={written.get(key)!r} after the second deploy, not {value!r}")
    for queue in ("ShipmentRequestsQueue", "TrackingUpdatesQueue"):
        count = second["Resources"][queue]["Properties"]["RedrivePolicy"]["maxReceiveCount"]
        if count != {"Ref": "MaxReceiveCount"}:
            problems.append(f"{queue}'s maxReceiveCount is {count}, not the MaxReceiveCount parameter the functions read")
    settings_parameters = referenced_parameters(template["Resources"][SETTINGS_SECRET], parameters)
    for function_id in functions:
        if function_id not in live_first or function_id not in live_second:
            continue
        if live_first[function_id] != live_second[function_id]:
            problems.append(f"{function_id}: the two parameter sets publish different versions "
                            f"({live_first[function_id][1]}, {live_second[function_id][1]}): update this check")
        problem = reads_settings_secret(second, function_id)
        if problem:
            problems.append(problem)
        version_bound = referenced_parameters(second["Resources"][function_id]["Properties"], parameters)
        for name in sorted(version_bound - set(VERSION_BOUND)):
            problems.append(f"{function_id} holds parameter {name} in its version, where a parameter-only deploy "
                            f"never reaches it: put it in {SETTINGS_SECRET} (or explain it in VERSION_BOUND)")
        for name in sorted(version_bound & set(VERSION_BOUND)):
            if VERSION_BOUND[name].startswith("replaced") and name not in settings_parameters:
                problems.append(f"{function_id}: {name} is said to be replaced by {SETTINGS_SECRET}, which lacks it")
    return problems, len(functions)


def check_literals_publish(template):
    """Editing a version-hashed literal (memory) in Globals publishes a new version of every function."""
    problems = []
    globals_function = template.get("Globals", {}).get("Function", {})
    before = live_functions(translate(template, FIRST))
    for name in VERSION_HASHED_LITERALS:
        value = globals_function.get(name)
        if not isinstance(value, int):
            problems.append(f"Globals.Function.{name} is {value!r}, not a literal: an edit would not publish a version")
            continue
        edited = copy.deepcopy(template)
        edited["Globals"]["Function"][name] = value * 2
        after = live_functions(translate(edited, FIRST))
        for function_id, version in sorted(before.items()):
            if after.get(function_id) == version:
                problems.append(f"{function_id}: changing Globals.Function.{name} publishes no new version")
    return problems, len(before)


# ------------------------------------------------------------------ sam package against moto

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def code_uris(template):
    return {i: r["Properties"]["CodeUri"] for i, r in template["Resources"].items()
            if r["Type"] == "AWS::Serverless::Function"}


def sam_package(template_path, bucket, env, output):
    return subprocess.run([str(ROOT / ".venv/bin/sam"), "package", "--template-file", str(template_path),
                           "--s3-bucket", bucket, "--output-template-file", str(output), "--region", "us-east-1",
                           "--no-progressbar"], env=env, capture_output=True, text=True, cwd=ROOT, timeout=300)


def check_package(template):
    import boto3  # noqa: PLC0415 (only this step needs it)

    problems = []
    missing = [f"{i}: CodeUri {uri} is missing (build with mvn -B package)"
               for i, uri in code_uris(template).items() if not (ROOT / uri).is_file()]
    if missing:
        return missing
    port = free_port()
    server = subprocess.Popen([str(ROOT / ".venv/bin/moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        endpoint = f"http://127.0.0.1:{port}"
        env = dict(os.environ, AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="testing",
                   AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1", AWS_REGION="us-east-1",
                   SAM_CLI_TELEMETRY="0")
        env.pop("AWS_PROFILE", None)
        env.pop("AWS_SESSION_TOKEN", None)
        s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
        for _ in range(100):
            try:
                s3.list_buckets()
                break
            except Exception:  # noqa: BLE001 (the server is still starting)
                time.sleep(0.2)
        s3.create_bucket(Bucket="deploy-smoke")
        with tempfile.TemporaryDirectory() as tmp:
            packaged = Path(tmp) / "packaged.yaml"
            result = sam_package(ROOT / "template.yaml", "deploy-smoke", env, packaged)
            if result.returncode != 0:
                return [f"sam package failed: {result.stderr.strip()[-2000:]}"]
            keys = {o["Key"] for o in s3.list_objects_v2(Bucket="deploy-smoke").get("Contents", [])}
            for function_id, uri in code_uris(load_template(packaged)).items():
                match = re.fullmatch(r"s3://deploy-smoke/(.+)", str(uri))
                if not match or match.group(1) not in keys:
                    problems.append(f"{function_id}: packaged CodeUri {uri} is not an object in the bucket")
            broken = load_template(ROOT / "template.yaml")
            broken["Resources"]["OrderPollerFunction"]["Properties"]["CodeUri"] = "functions/order-poller/target/missing.jar"
            # Beside template.yaml: CodeUri paths are relative to the template's folder.
            broken_path = ROOT / ".deploy-smoke-missing-jar.yaml"
            broken_path.write_text(json.dumps(broken))
            try:
                result = sam_package(broken_path, "deploy-smoke", env, Path(tmp) / "broken.yaml")
            finally:
                broken_path.unlink()
            if result.returncode == 0:
                problems.append("sam package accepted a template whose CodeUri jar is missing")
            elif "missing.jar" not in result.stdout + result.stderr:
                problems.append(f"sam package failed without naming the missing jar: {result.stderr.strip()[-1000:]}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return problems


def main(argv):
    started = time.monotonic()
    template = load_template(ROOT / "template.yaml")
    failures = []

    problems = broken_references(translate(template, FIRST))
    failures += problems
    print(f"deploy-smoke: references of the translated template: {len(problems)} broken")

    planted = broken_references(translate(with_broken_policy_references(template), FIRST))
    caught = [p for p in planted if "NoSuchQueue" in p or "NoSuchTable" in p]
    if len(caught) < 2:
        failures.append(f"the reference check missed references planted in a function's Policies: {planted}")
    print(f"deploy-smoke: planted broken references in OrderPollerFunction's Policies caught: {len(caught)}")

    problems, functions = check_live_settings(template)
    failures += problems
    print(f"deploy-smoke: a parameter-only deploy reaches the live alias of {functions} functions: "
          f"{'no' if problems else 'yes'}")

    problems, functions = check_literals_publish(template)
    failures += problems
    print(f"deploy-smoke: a changed {'/'.join(VERSION_HASHED_LITERALS)} in Globals publishes a new live version of "
          f"{functions} functions: {'no' if problems else 'yes'}")

    if "--no-package" not in argv:
        problems = check_package(template)
        failures += problems
        print(f"deploy-smoke: sam package against moto S3: {'failed' if problems else 'every CodeUri jar uploaded'}")

    for failure in failures:
        print(f"deploy-smoke: FAIL {failure}", file=sys.stderr)
    print(f"deploy-smoke: {'FAILED' if failures else 'OK'} in {time.monotonic() - started:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
