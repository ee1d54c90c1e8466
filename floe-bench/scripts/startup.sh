#!/usr/bin/env bash
# Start-up figures (docs/BENCHMARKS.md, "Start-up"): how long `floe run` of a one-task flow takes, how soon a new host
# answers /health, and how much memory an idle host holds. Runs the given floe launcher (default: this checkout's
# ./floe) N times each and prints the median and the spread.
#   floe-bench/scripts/startup.sh [path/to/floe] [rounds]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
floe="${1:-$here/floe}"
rounds="${2:-10}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cat > "$work/one.yml" <<'YML'
flows:
  - id: one
    ver: 1
    triggers: [{name: go, type: data}]
    tasks:
      - {name: work, listen: trigger.good, type: exec, opts: {cmd: "true"}}
      - {name: done, listen: task.work.good, type: end}
YML
"$floe" run "$work/one.yml" --root="$work/ws" >/dev/null 2>&1   # builds and trains when needed, not measured
median() { sort -n | awk '{a[NR]=$1} END {printf "median %.3f  min %.3f  max %.3f", a[int((NR+1)/2)], a[1], a[NR]}'; }
for i in $(seq "$rounds"); do
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$floe" run "$work/one.yml" --root="$work/ws" >/dev/null 2>&1
  cat "$work/t" >> "$work/run.txt"
done
echo "floe run, one task: wall s  $(awk '{print $1}' "$work/run.txt" | median)"
echo "                    cpu s   $(awk '{print $2+$3}' "$work/run.txt" | median)"
echo "                    peak MB $(awk '{print $4/1024}' "$work/run.txt" | median)"
port=$((20000 + RANDOM % 20000))
for i in $(seq "$rounds"); do
  rm -rf "$work/root"
  start=$(date +%s%N)
  FLOE_ADMIN=bench "$floe" -pub_bind=127.0.0.1:$port -root="$work/root" -conf="$work/one.yml" >"$work/host.out" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.01; done
  echo "$(( ($(date +%s%N) - start) / 1000000 ))" >> "$work/health.txt"
  jpid=$(pgrep -P "$pid" java || echo "$pid")
  # the JVM's CPU time (user + system) up to its first answer: steadier than wall time on a busy machine
  awk -v t="$(getconf CLK_TCK)" '{print ($14 + $15) / t}' "/proc/$jpid/stat" >> "$work/health-cpu.txt"
  if [ "$i" = 1 ]; then
    sleep 10
    awk '/VmRSS/ {print $2/1024}' "/proc/$jpid/status" >> "$work/rss.txt"
  fi
  kill -TERM "$pid"; wait "$pid" || true
done
echo "host, start to /health: ms $(cat "$work/health.txt" | median)"
echo "                  cpu s   $(cat "$work/health-cpu.txt" | median)"
echo "idle host (10 s after /health) resident MB: $(cat "$work/rss.txt")"
