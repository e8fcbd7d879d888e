#!/usr/bin/env bash
# Leave-one-method-out: for each of FF++'s four methods, train on real faces and the other three
# methods' fakes (validation on the same three), then test on real faces and the held-out
# method's fakes, which the run never saw.
#
#   scripts/leave-one-method-out.sh CONFIG DATA OUT [--set key=value ...]
#
# CONFIG is a training YAML (e.g. config/synth-compact.yaml), DATA a canonical dataset, and the
# --set overrides go to every run (e.g. --set model.ablation=rgb-only for the single-stream
# ablation). Writes OUT/<method>/ (run folder), OUT/<method>-test/ (eval report) and
# OUT/summary.md, the four held-out AUCs. A finished method is not trained again.
# LVNET names the launcher to use (default: this checkout's ./lvnet).
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
config=$1 data=$2 out=$3
shift 3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lvnet="${LVNET:-$here/lvnet}"
methods=(Deepfakes Face2Face FaceSwap NeuralTextures)
mkdir -p "$out"
summary="$out/summary.md"
{
  echo "| held-out method | frame AUC | video AUC | patch AUC |"
  echo "| --- | --- | --- | --- |"
} > "$summary.tmp"
for held in "${methods[@]}"; do
  rest=()
  for m in "${methods[@]}"; do [ "$m" = "$held" ] || rest+=("$m"); done
  list=$(IFS=,; echo "${rest[*]}")
  run="$out/$held"
  if [ ! -f "$run/best.safetensors" ] || [ ! -f "$out/$held-test/report.json" ]; then
    echo "== $held held out: training on $list" >&2
    "$lvnet" train -c "$config" --set datasets.root="$data" --set train.save_path="$run" \
      --set "datasets.train.method=[$list]" --set "datasets.val.method=[$list]" "$@"
    "$lvnet" eval -w "$run/best.safetensors" -d "$data" --split test --method "$held" --out "$out/$held-test" >&2
  fi
  field() { sed -n "s/.*\"$1\" *: *\([0-9.eE-]*\).*/\1/p" "$out/$held-test/report.json" | head -n 1; }
  printf '| %s | %.3f | %.3f | %.3f |\n' "$held" "$(field frame_auc)" "$(field video_auc)" "$(field patch_auc)" >> "$summary.tmp"
done
mv "$summary.tmp" "$summary"
cat "$summary"
