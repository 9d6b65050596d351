#!/usr/bin/env bash
# Runs the GPU backends' tests and the end-to-end benchmarks on a GPU machine that has no JDK.
# Prepare here with scripts/gpu-pack.sh (a jlinked Java 25 and the built jars in .device/),
# then run this script there from the repository root. Writes logs to $OUT when set.
set -uo pipefail
D=.device
OUT=${OUT:-/tmp/nnft-gpu}
mkdir -p "$OUT"
JAVA="$D/jre/bin/java --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED"
# Expose the NVIDIA OpenCL driver to the ICD loader (the image ships its library but no .icd entry).
if [ -e /usr/lib/libnvidia-opencl.so.1 ]; then
  mkdir -p /tmp/icd && echo /usr/lib/libnvidia-opencl.so.1 > /tmp/icd/nvidia.icd && export OCL_ICD_VENDORS=/tmp/icd
fi
for d in /usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib; do
  [ -e "$d/libnvrtc.so" ] && export NNFT_NVRTC="$d" && break
done
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | tee "$OUT/device.txt"
$JAVA -jar $D/nnft.jar backends | tee "$OUT/backends.txt"
echo "== kernels-gpu tests (CUDA and OpenCL on this GPU)"
$JAVA -jar $D/junit.jar execute --class-path "$D/nnft.jar:$D/engine-api-tests.jar:$D/kgpu-tests" \
  --select-package org.nnft.gpu --details=tree --disable-banner > "$OUT/gpu-tests.txt" 2>&1
grep -E "tests (successful|failed|skipped|found)|✘" "$OUT/gpu-tests.txt" | head -40
echo "== end-to-end benchmarks"
$JAVA -Xmx16g -jar $D/nnft.jar bench --backends "${BACKENDS:-cuda,opencl,cpu}" --networks "${NETWORKS:-1000000}" \
  --sweeps "${SWEEPS:-200}" --out "$OUT/bench.json" 2>&1 | tee "$OUT/bench.txt"
