#!/usr/bin/env bash
# Installs what the protocol suites need, when it is missing:
#   - AWS CLI v2 (Debian's `awscli` package: /usr/bin/aws, importable by /usr/bin/python3; the only
#     CLI with --cli-input-yaml), from apt: for the AWS CLI differential test (test/cli-oracle/);
#   - AWS CLI v1 for `python3` (awscli 1.45.11 with botocore 1.43.11): part of the machine image
#     (PyPI is not reachable from these machines), so only checked, with a clear message;
#   - pre-commit (Debian's `pre-commit` package, 3.0.4 on bookworm), from apt: for the hook's test
#     (test/package/pre-commit.test.ts).
# Idempotent and fast when all are there (three version checks, a few seconds at most). apt-get runs
# as root, or through sudo. Called by `npm run test:protocol` (so by `npm test`), not by
# `npm run test:unit`.
set -euo pipefail

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

# 1. AWS CLI v2 (Debian).
if /usr/bin/aws --version >/dev/null 2>&1 && /usr/bin/python3 -c 'import awscli.clidriver' >/dev/null 2>&1; then
  :
else
  echo "test-setup: installing the Debian awscli package (AWS CLI v2) with apt-get" >&2
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y awscli
  /usr/bin/aws --version >/dev/null
fi

# 2. pre-commit (Debian).
if ! pre-commit --version >/dev/null 2>&1; then
  echo "test-setup: installing the Debian pre-commit package with apt-get" >&2
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y pre-commit
  pre-commit --version >/dev/null
fi

# 3. AWS CLI v1 for python3.
V1_PYTHON="${CLI_ORACLE_V1_PYTHON:-python3}"
if ! "$V1_PYTHON" -c 'import awscli.clidriver, botocore.validate' >/dev/null 2>&1; then
  echo "test-setup: $V1_PYTHON cannot import awscli and botocore: the AWS CLI v1 (awscli 1.45, on this machine image) is needed by test/cli-oracle" >&2
  exit 1
fi
