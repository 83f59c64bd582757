#!/usr/bin/env bash
# The savings accuracy check through the AWS module, RUNS times (default 3):
# the synthetic fleet's AWS resources (2,015 at the default scale 1.3) are
# loaded into the AWS fake, and the module's waste detectors read them back
# with the real SDK clients on every account shard; each run's JSON line
# (bench/savings/aws.ts), then the medians.
#
#   bench/savings/run-aws.sh [RUNS] [SEED] [SCALE]
set -euo pipefail
runs="${1:-3}"
seed="${2:-42}"
scale="${3:-1.3}"

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
cd "$CLOUDOPS_ROOT"

lines="$(mktemp)"
trap 'rm -f "$lines"' EXIT
for ((i = 1; i <= runs; i++)); do
  echo "== run $i of $runs" >&2
  node --require @backstage/cli-node/config/nodeTransform.cjs bench/savings/aws.ts \
    --seed "$seed" --scale "$scale" | tee -a "$lines" >&2
done
node bench/lib/medians.mjs <"$lines"
