#!/usr/bin/env bash
# Starts the portal: the frontend on :3000 and the backend on :7007, with
# embedded SQLite and the example catalog. Installs what it needs first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$CLOUDOPS_ROOT"
yarn install --immutable
exec yarn start "$@"
