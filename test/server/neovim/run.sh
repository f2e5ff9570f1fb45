#!/usr/bin/env bash
# Headless Neovim (0.7.x) drives the built server over stdio. Exit 0 = pass.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
mkdir -p "$ROOT/.tmp/server-tests"
WORK=$(mktemp -d "$ROOT/.tmp/server-tests/neovim-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cp -r "$ROOT/test/fixtures/server/workspace" "$WORK/workspace"
# Neovim writes logs and state under XDG folders, even with -u/-i NONE: keep them in the scratch folder.
export XDG_CONFIG_HOME="$WORK/xdg/config" XDG_DATA_HOME="$WORK/xdg/data" \
       XDG_CACHE_HOME="$WORK/xdg/cache" XDG_STATE_HOME="$WORK/xdg/state"
export ASYNC_GUARD_SERVER="$ROOT/dist/server.js"
cd "$WORK/workspace"
timeout -k 5 "${NEOVIM_TIMEOUT:-120}" \
  nvim --headless -u "$HERE/init.lua" -i NONE -n -c "luafile $HERE/test.lua" "$WORK/workspace/src/blocking.ts" \
  </dev/null 2>"$WORK/stderr.log"
rc=$?
if [ "$rc" -ne 0 ]; then
  { echo "--- rc=$rc; nvim stderr:"; cat "$WORK/stderr.log"; echo "--- lsp.log:"; cat "$WORK/xdg/cache/nvim/lsp.log" 2>/dev/null; } >&2
fi
exit "$rc"
