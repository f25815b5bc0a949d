#!/usr/bin/env bash
# Runs every test of Participation: unit, integration, components and the browser suite.
# On a fresh Debian machine it first installs what the suites need (Chromium, Java, ffmpeg).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
# Voice testimonies are converted and disguised by ffmpeg.
{ command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1; } || need+=(ffmpeg)
# Emoji in screenshots (reactions, the emoji scale) need a colour emoji font.
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || need+=(fonts-noto-color-emoji)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

dotnet tool restore >/dev/null
dotnet build Participation.sln -c Release -warnaserror --nologo -v quiet

log="$(mktemp)"
status=0
# One test project at a time: the browser suite should not fight the others for two cores.
dotnet test Participation.sln -c Release --no-build --nologo -m:1 2>&1 | tee "$log" || status=$?

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$skipped" -gt 0 ]; then
  echo "Skipped tests are not allowed." >&2
  status=1
fi
if [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
exit "$status"
