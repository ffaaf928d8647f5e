"""
Runs request files through the real AWS CLI, in this process, for the differential test
(aws-cli-differential.test.ts). One script for both CLIs: run it with the interpreter that
imports the CLI you want (v1: pyenv's `python3`; v2: Debian's `/usr/bin/python3`, whose awscli
vendors botocore as awscli.botocore).

stdin: one JSON object a line,
    {"id": 7, "file": "/tmp/x/v7.create-network-interface.json", "command": "create-network-interface",
     "operation": "CreateNetworkInterface", "format": "json" | "yaml", "endpoint": "http://127.0.0.1:PORT/cli-v1/7/"}
stdout: one JSON object a line, in the same order,
    {"id": 7, "rc": 254, "stderr": "<last 500 characters>", "reason": "<first line that says why>",
     "kind": "sent?" | "cli-json" | "cli-yaml" | "not-a-map" | "validation" | "usage" | "other",
     "unknown": [["NetworkInterfaces[0]", "PrimaryIpv6"], ...],
     "problems": ["<each line of botocore's 'Parameter validation failed' report>", ...],
     "loaded": "<the parameters the CLI's own loader read from the file, as tagged JSON>" | null}

Whether the CLI sent the file is not decided here: the recording endpoint knows (a body arrived
under the file's endpoint path, or not). `kind` only classifies what the CLI printed.

The command line is the one a user types:
    aws ec2 <command> --cli-input-json|--cli-input-yaml file://<file> --endpoint-url <url>
        --region us-east-1 [--dry-run]
(--dry-run only for operations whose input has DryRun: the others have no such option.)

The caller sets the environment: dummy credentials, AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE
away from the user's files, AWS_EC2_METADATA_DISABLED=true, no AWS_PROFILE, AWS_PAGER empty.

A CLI driver object is reused, within limits: one serves at most FILES_PER_DRIVER files, all of
ONE COMMAND (send the files grouped by command). A driver must not be shared between commands:
building a command's argument table registers handlers on wildcard events that stay on the
session and run for every later command (awscli/customizations/toplevelbool.py registers
'operation-args-parsed.ec2.*' for modify-network-interface-attribute's --source-dest-check, which
then fails every other ec2 command with "'Namespace' object has no attribute
'source_dest_check'"). And every main() call registers a few handlers again (v2: 'load-cli-arg'
URIArgumentHandler, 'provide-client-params' base64_decode_input_blobs; v1: the
'get-cli-input-json-data' lambda), so a reused driver runs them several times and slows down as
it goes. They are idempotent for these operations (no blob members), and a new driver every
FILES_PER_DRIVER files keeps them few. A new driver's session shares the first one's data loader
(the parsed JSON models, read only), so it costs ~0.1 s instead of ~0.3 s; a file costs 10-40 ms.
"""
import base64
import contextlib
import datetime
import io
import json
import re
import sys

from awscli.clidriver import create_clidriver

try:  # v2: the CLI's own JSON/YAML readers (awscli/customizations/cliinput.py)
    from awscli.customizations.cliinput import CliInputJSONArgument, CliInputYAMLArgument
except ImportError:  # v1: --cli-input-json only, read with json.loads (awscli/customizations/cliinputjson.py)
    CliInputJSONArgument = CliInputYAMLArgument = None
from awscli.paramfile import LOCAL_PREFIX_MAP, get_paramfile

TAG = '\u0000type'
FILES_PER_DRIVER = 25
UNKNOWN = re.compile(r'Unknown parameter in (\S+?): "([^"]+)"')


def encode(value):
    """
    JSON-ready copy of a loaded value. What JSON cannot carry as it is (YAML dates, timestamps,
    binary, sets, mappings with keys that are not strings…) becomes {TAG: kind, …}, which
    botocore_validate.py turns back into the same Python value. Integers of any size, floats
    (NaN, Infinity too) and booleans pass through json.dumps exactly.
    """
    if isinstance(value, dict):
        if all(isinstance(key, str) for key in value):
            return {key: encode(item) for key, item in value.items()}
        return {TAG: 'map', 'items': [[encode(key), encode(item)] for key, item in value.items()]}
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, datetime.datetime):
        return {TAG: 'datetime', 'iso': value.isoformat()}
    if isinstance(value, datetime.date):
        return {TAG: 'date', 'iso': value.isoformat()}
    if isinstance(value, (bytes, bytearray)):
        return {TAG: 'bytes', 'base64': base64.b64encode(bytes(value)).decode('ascii')}
    if isinstance(value, (set, frozenset)):
        return {TAG: 'set', 'items': [encode(item) for item in sorted(value, key=repr)]}
    return {TAG: 'other', 'type': type(value).__name__, 'repr': repr(value)}


class _NoEvents:
    """A session stand-in for constructing a --cli-input-* argument only to use its reader."""

    def register(self, *args, **kwargs):
        pass


def load_like_the_cli(path, fmt):
    """The parameters as the CLI's own code reads them from file://<path>, or None when it cannot."""
    try:
        text = get_paramfile('file://' + path, LOCAL_PREFIX_MAP)
        if CliInputJSONArgument is None:
            return json.loads(text)
        # Not on the driver's session: constructing the argument registers event handlers on it.
        argument = (CliInputYAMLArgument if fmt == 'yaml' else CliInputJSONArgument)(_NoEvents())
        return argument._load_parameters(text)
    except Exception:
        return None


def classify(stderr, rc):
    text = stderr.strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if 'DryRunOperation' in text or rc == 0:
        return 'sent?', (lines[-1] if lines else '')
    if 'Invalid JSON' in text:
        return 'cli-json', 'Invalid JSON received'
    if 'Invalid YAML' in text:
        return 'cli-yaml', 'Invalid YAML received'
    if 'expecting map' in text:
        return 'not-a-map', next((l for l in lines if 'expecting map' in l), lines[-1])
    if 'Parameter validation failed' in text:
        detail = [l for l in lines if not l.startswith('Parameter validation failed')]
        return 'validation', ('; '.join(detail) or lines[-1])[:300]
    if rc == 252:
        return 'usage', (lines[-1] if lines else '')[:300]
    return 'other', (lines[-1] if lines else 'rc %s, nothing on stderr' % rc)[:300]


def validation_problems(stderr):
    """The lines of botocore's report after 'Parameter validation failed:' (each clipped)."""
    if 'Parameter validation failed' not in stderr:
        return []
    report = stderr.split('Parameter validation failed', 1)[1].split('\n')[1:]
    return [line.strip()[:300] for line in report if line.strip()]


def share_error_shapes():
    """
    Performance only, no effect on any verdict: every CLI call builds a new ServiceModel, and on
    the first error response (DryRunOperation, for every file that is sent) botocore walks all of
    EC2's ~4,000 shapes looking for modeled errors (ServiceModel.error_shapes, cached per
    instance): about a third of the cost of a file. The result depends only on the model, so it is
    cached here per (service, API version).
    """
    try:
        from botocore.model import ServiceModel
    except ImportError:
        from awscli.botocore.model import ServiceModel
    computed = ServiceModel.__dict__.get('error_shapes')
    if computed is None or not hasattr(computed, '__get__'):
        return
    cache = {}

    def error_shapes(self):
        key = (self.service_name, self.metadata.get('apiVersion'))
        if key not in cache:
            cache[key] = computed.__get__(self, type(self))
        return cache[key]

    ServiceModel.error_shapes = property(error_shapes)


def main():
    share_error_shapes()
    first = create_clidriver()
    loader = first.session.get_component('data_loader')
    model = first.session.get_service_model('ec2')
    driver, driver_command, served = first, None, 0
    has_dry_run = {}
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        if job['command'] != driver_command or served == FILES_PER_DRIVER:
            if driver_command is not None:
                driver = create_clidriver()
                driver.session.register_component('data_loader', loader)
            driver_command, served = job['command'], 0
        served += 1
        operation = job['operation']
        if operation not in has_dry_run:
            try:
                has_dry_run[operation] = 'DryRun' in model.operation_model(operation).input_shape.members
            except Exception:
                has_dry_run[operation] = False
        argv = ['ec2', job['command'], '--cli-input-' + job['format'], 'file://' + job['file'],
                '--endpoint-url', job['endpoint'], '--region', 'us-east-1',
                '--cli-connect-timeout', '5', '--cli-read-timeout', '20']
        if has_dry_run[operation]:
            argv.append('--dry-run')
        # Text streams with a buffer underneath: v2 writes to sys.stdout.buffer in places.
        captured_out = io.TextIOWrapper(io.BytesIO(), encoding='utf-8', errors='replace')
        captured_err = io.TextIOWrapper(io.BytesIO(), encoding='utf-8', errors='replace')
        with contextlib.redirect_stdout(captured_out), contextlib.redirect_stderr(captured_err):
            try:
                rc = driver.main(argv)
            except SystemExit as exit_:
                rc = exit_.code if isinstance(exit_.code, int) else 255
            except BaseException as error:  # the CLI itself crashed (whether it sent anything first is the endpoint's to say)
                print('%s: %s' % (type(error).__name__, error), file=sys.stderr)
                rc = 255
        captured_err.flush()
        stderr = captured_err.buffer.getvalue().decode('utf-8', 'replace')
        kind, reason = classify(stderr, rc)
        loaded = load_like_the_cli(job['file'], job['format'])
        try:
            loaded = None if loaded is None else json.dumps(encode(loaded))
        except (RecursionError, ValueError):  # a YAML alias to its own ancestor: nothing botocore could take either
            loaded = None
        result = {
            'id': job['id'],
            'rc': rc,
            'stderr': stderr[-500:],
            'kind': kind,
            'reason': reason,
            'unknown': UNKNOWN.findall(stderr),
            'problems': validation_problems(stderr),
            'loaded': loaded,
        }
        out.write(json.dumps(result) + '\n')
        out.flush()


if __name__ == '__main__':
    main()
