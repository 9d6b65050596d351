#!/usr/bin/env bash
# Prepares .device/ (git-ignored via .git/info/exclude) for scripts/gpu-check.sh on a GPU machine
# without a JDK: a jlinked, stripped Java 25 runtime (~40 MB) and the built jars and test classes.
# Carry ".device" with the run. Usage: scripts/gpu-pack.sh (from the repository root).
set -euo pipefail
J=${JAVA25_HOME:-$(ls -d /usr/lib/jvm/temurin-25* | head -1)}
grep -qx '/.device/' .git/info/exclude 2>/dev/null || echo '/.device/' >> .git/info/exclude
mvn -q -B -ntp install -DskipTests
rm -rf .device && mkdir -p .device
"$J/bin/jlink" --add-modules java.base,java.logging,jdk.incubator.vector,jdk.unsupported,java.management \
  --strip-debug --no-man-pages --no-header-files --compress=zip-9 --output .device/jre
strip --strip-unneeded .device/jre/lib/server/libjvm.so .device/jre/lib/*.so 2>/dev/null || true
cp cli/target/nnft.jar .device/
cp engine-api/target/engine-api-*-tests.jar .device/engine-api-tests.jar
cp -r kernels-gpu/target/test-classes .device/kgpu-tests
mvn -q dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.11.4 -DoutputDirectory=.device
mv .device/junit-platform-console-standalone-1.11.4.jar .device/junit.jar
du -sh .device
