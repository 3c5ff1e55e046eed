#!/usr/bin/env bash
# npm run test:editors — a real client other than VS Code: Neovim from Debian (installed here when
# missing; bookworm ships 0.7.2) drives `leaklens lsp --stdio` from the CLI tarball installed into a
# temporary prefix. The whole run is capped at 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v nvim >/dev/null; then
  if [ "$(id -u)" != 0 ]; then echo "test:editors needs Neovim: apt-get install neovim (as root)" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends neovim >/dev/null
fi
nvim --version | head -1
timeout --kill-after=15 600 node scripts/run-tests.mjs test/editors
