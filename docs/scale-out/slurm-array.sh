#!/bin/bash
# A chainward run fanned out over a Slurm job array (docs/scale-out.md): each array task runs one
# shard (--shard auto reads SLURM_ARRAY_TASK_ID, _MIN and _COUNT) and writes parts/part-01.json …
# part-12.json. Submit from a folder on a file system every node sees, holding scenario.json:
#   JOBID=$(sbatch --parsable slurm-array.sh)
#   sbatch --dependency=afterok:$JOBID slurm-merge.sh
# The array's size is the shard count: --array=1-48 (or 0-47) fans out wider; a step or a list
# with gaps (--array=0-15:4, --array=1,2,9) is refused. chainward must be on the nodes' PATH.
#SBATCH --job-name=chainward-shards
#SBATCH --array=1-12
#SBATCH --cpus-per-task=2
#SBATCH --mem=2G
#SBATCH --time=02:00:00
#SBATCH --output=chainward-shard-%A_%a.log
set -euo pipefail

SCENARIO=${SCENARIO:-scenario.json}
TRIALS=${TRIALS:-1000000}
SEED=${SEED:-7}
PARTS=${PARTS:-parts}

mkdir -p "$PARTS"
exec chainward run "$SCENARIO" --trials "$TRIALS" --seed "$SEED" --workers "${SLURM_CPUS_PER_TASK:-1}" \
  --shard auto --out "$PARTS/part-{shard}.json"
