#!/usr/bin/env bash
# npm run test:e2e — installs code-server + chromium (setup.sh), packages the VSIX, installs it into a
# fresh extensions dir and runs the scenarios (node's test runner, one file at a time) in real VS Code.
# Screenshots: test-results/e2e/. The whole run is capped at 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/e2e/setup.sh
rm -f leaklens-*.vsix
npm run package --silent
VSIX=$(ls leaklens-*.vsix)
EXT=$(mktemp -d "${TMPDIR:-/tmp}/leaklens-e2e-ext-XXXXXX")
trap 'rm -rf "$EXT"' EXIT
node .vscode-test/code-server/node_modules/code-server/out/node/entry.js \
  --extensions-dir "$EXT" --install-extension "./$VSIX" >/dev/null
ls "$EXT" | grep -q '^leaklens\.leaklens-' || { echo "the VSIX did not install" >&2; exit 1; }
rm -rf test-results/e2e
export LEAKLENS_E2E_EXTENSIONS="$EXT"
timeout --kill-after=15 600 node --import tsx --test --test-concurrency=1 test/e2e/*.e2e.ts
