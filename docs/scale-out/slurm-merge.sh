#!/bin/bash
# The merge after slurm-array.sh (docs/scale-out.md), submitted to start when every array task has
# succeeded: sbatch --dependency=afterok:$JOBID slurm-merge.sh. Writes results.json, the result a
# single run gives; a missing, doubled or foreign part is refused, naming it.
#SBATCH --job-name=chainward-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=4G
#SBATCH --time=00:30:00
#SBATCH --output=chainward-merge-%j.log
set -euo pipefail

PARTS=${PARTS:-parts}
RESULTS=${RESULTS:-results.json}

exec chainward merge "$PARTS"/part-*.json --format json --out "$RESULTS"
