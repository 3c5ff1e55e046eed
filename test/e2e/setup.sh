#!/usr/bin/env bash
# Installs what the end-to-end suite needs, idempotently: Debian's chromium (+ ripgrep, krb5 headers
# for code-server's native modules) and code-server from npm into .vscode-test/code-server
# (git-ignored), following shared/E2E.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
CS_VERSION=4.100.3
CS_DIR=.vscode-test/code-server
export npm_config_yes=true

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v rg >/dev/null || need+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

CS="$CS_DIR/node_modules/code-server"
if [ -f "$CS_DIR/.ready-$CS_VERSION" ]; then exit 0; fi
mkdir -p "$CS_DIR"
(cd "$CS_DIR" && [ -f package.json ] || echo '{"private":true}' > package.json)
(cd "$CS_DIR" && npm install --no-audit --no-fund --ignore-scripts "code-server@$CS_VERSION" >/dev/null)
(cd "$CS/lib/vscode" && npm install --no-audit --no-fund --unsafe-perm --omit=dev --ignore-scripts >/dev/null)
(cd "$CS/lib/vscode" && npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid >/dev/null 2>&1 || true)
# node-pty's post-install may fail on a node-gyp prompt while its pty.node is built: check for it.
find "$CS/lib/vscode/node_modules/node-pty" -name pty.node | grep -q . || { echo "node-pty was not built" >&2; exit 1; }
mkdir -p "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
(cd "$CS/lib/vscode" && ln -sfn node_modules node_modules.asar)
(cd "$CS/lib/vscode/bin/remote-cli" && ln -sfn code-linux.sh code-server)
(cd "$CS/lib/vscode/bin/helpers" && ln -sfn browser-linux.sh browser.sh)
(cd "$CS/lib/vscode/extensions" && npm install --no-audit --no-fund --unsafe-perm --omit=dev >/dev/null)
(cd "$CS_DIR" && npm rebuild argon2 >/dev/null)
test -d "$CS_DIR/node_modules/argon2/lib/binding" || { echo "argon2 was not built" >&2; exit 1; }
touch "$CS_DIR/.ready-$CS_VERSION"
echo "code-server $CS_VERSION ready in $CS_DIR"
