"""
botocore's own parameter validator as an oracle (aws-cli-differential.test.ts): what the CLI
(and boto3) checks before anything is sent. Run with pyenv's `python3` (AWS CLI v1's botocore,
the newer EC2 model).

stdin: one JSON object a line,
    {"id": 7, "operation": "RunInstances", "params": "<tagged JSON, as aws_cli_driver.py writes 'loaded'>"}
stdout: one JSON object a line, in the same order,
    {"id": 7,
     "cli": {"ok": false, "report": "<botocore's report>", "errors": [["missing", "", "ImageId"], ...]},
     "sdk": {...}}
`cli`: the parameters as the AWS CLI hands them to botocore: for RunInstances, after the CLI's own
before-parameter-build handlers (awscli/customizations/ec2/addcount.py set_default_count: MinCount
and MaxCount default to 1; runinstances.py _fix_args: instance-level members move into
NetworkInterfaces[0]), called here as they are, not modelled.
`sdk`: the parameters as written (boto3 and the other SDKs add nothing).
Error kinds: missing, unknown, type, range, length, other; then the path of the structure
(botocore's name, e.g. "NetworkInterfaces[0]", "" for the top level) and the member.
"""
import base64
import copy
import datetime
import json
import sys

import botocore.session
from awscli.customizations.ec2.addcount import set_default_count
from awscli.customizations.ec2.runinstances import _fix_args
from botocore.validate import ParamValidator

TAG = '\u0000type'
KINDS = {
    'missing required field': 'missing',
    'unknown field': 'unknown',
    'invalid type': 'type',
    'invalid range': 'range',
    'invalid length': 'length',
}


class Other:
    """A value of a type JSON and YAML loaders produce but botocore takes for no member."""

    def __init__(self, type_name, text):
        self.type_name, self.text = type_name, text

    def __repr__(self):
        return self.text


def decode(value):
    if isinstance(value, list):
        return [decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    tag = value.get(TAG)
    if tag is None:
        return {key: decode(item) for key, item in value.items()}
    if tag == 'map':
        result = {}
        for key, item in value['items']:
            key = decode(key)
            try:
                hash(key)
            except TypeError:
                key = Other(type(key).__name__, repr(key))
            result[key] = decode(item)
        return result
    if tag == 'datetime':
        return datetime.datetime.fromisoformat(value['iso'])
    if tag == 'date':
        return datetime.date.fromisoformat(value['iso'])
    if tag == 'bytes':
        return base64.b64decode(value['base64'])
    if tag == 'set':
        return set(decode(item) for item in value['items'])
    return Other(value.get('type', '?'), value.get('repr', '?'))


def error_name(error):
    kind, name, additional = error
    member = additional.get('required_name') or additional.get('unknown_param') or ''
    return [KINDS.get(kind, 'other'), name, str(member)]


def check(validator, params, shape):
    try:
        report = validator.validate(params, shape)
    except Exception as error:  # botocore itself fails on the value: the CLI would not send it either
        return {'ok': False, 'report': 'validator failed: %s: %s' % (type(error).__name__, error), 'errors': [['other', '', '']]}
    errors = getattr(report, '_errors', [])
    return {
        'ok': not report.has_errors(),
        'report': report.generate_report() if report.has_errors() else '',
        'errors': [error_name(error) for error in errors],
    }


def main():
    model = botocore.session.get_session().get_service_model('ec2')
    validator = ParamValidator()
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        shape = model.operation_model(job['operation']).input_shape
        params = decode(json.loads(job['params']))
        result = {'id': job['id']}
        if not isinstance(params, dict):
            refused = {'ok': False, 'report': 'not a map: %s' % type(params).__name__, 'errors': [['other', '', '']]}
            result['cli'] = result['sdk'] = refused
        else:
            result['sdk'] = check(validator, copy.deepcopy(params), shape)
            cli = copy.deepcopy(params)
            try:
                if job['operation'] == 'RunInstances':
                    _fix_args(cli)
                    set_default_count(cli)
                result['cli'] = check(validator, cli, shape)
            except Exception as error:  # the CLI fails in the same handler (an empty NetworkInterfaces list)
                result['cli'] = {'ok': False, 'report': 'the AWS CLI fails: %r' % (error,), 'errors': [['other', '', '']]}
        sys.stdout.write(json.dumps(result) + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
