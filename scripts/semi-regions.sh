#!/usr/bin/env bash
# The semi-supervised recipe (config/synth-semi.yaml) with SSPSL's reference regions from
# dlib's landmarks against the face box's geometry, with the fixed and the live labeller,
# same seed: four training runs and their test evaluations (frame AUC, patch AUC, IoU).
#
#   scripts/semi-regions.sh [DATA [RUNS]]      # defaults: data/synth, runs/semi-regions
#
# Needs the self-blend network the recipe starts from (runs/synth-sbi/best.safetensors; see
# config/synth-semi.yaml) and dlib's landmark model (libdlib-data). About 8 minutes a run on
# 2 idle cores.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-data/synth}"
runs="${2:-runs/semi-regions}"
for regions in landmarks geometric; do
    for labeller in initial live; do
        run="$runs/$regions-$labeller"
        "$here/lvnet" train -c "$here/config/synth-semi.yaml" --set "datasets.root=$data" \
            --set "datasets.regions=$regions" --set "train.sspsl_labeller=$labeller" --set "train.save_path=$run"
        "$here/lvnet" eval -w "$run/best.safetensors" -d "$data" --split test --out "$run/test"
    done
done
for report in "$runs"/*/test/report.json; do
    python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))
print(sys.argv[1], "frame AUC %.4f, patch AUC %.4f, IoU %.4f" % (r["frame_auc"], r["patch_auc"], r["patch_iou"]))' "$report"
done
