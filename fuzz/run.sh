#!/usr/bin/env bash
# Runs every fuzz target for a bounded time: fuzz/run.sh [SECONDS per target, default 60]
# [TARGET...]. Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain.
#
# Each target starts from its committed seeds (fuzz/corpus/TARGET, read only) and keeps what
# it finds in fuzz/corpus-work/TARGET (not committed). A crash leaves its input in
# fuzz/artifacts/TARGET/; the script goes on with the other targets and exits 1 at the end.
# One line per target: executions, seconds, and whether it crashed; logs in fuzz/logs/.
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
mkdir -p logs corpus-work
nice -n 19 cargo +nightly fuzz build >logs/build.log 2>&1 || {
    tail -20 logs/build.log
    echo "fuzz build failed (logs/build.log)" >&2
    exit 2
}
failed=0
printf '%-18s %12s %8s  %s\n' target executions seconds result
for t in "${targets[@]}"; do
    mkdir -p "corpus-work/$t" "corpus/$t"
    # -timeout: one input taking 10 s is a hang, reported as a crash. -rss_limit_mb: the
    # evidence decoder may allocate up to its 128 MiB limit; 2 GiB means a leak or a bomb.
    nice -n 19 cargo +nightly fuzz run "$t" "corpus-work/$t" "corpus/$t" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1 >"logs/$t.log" 2>&1
    rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' | tail -1)
    took=$(grep -o 'Done [0-9]* runs in [0-9]* second' "logs/$t.log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' | tail -1)
    if [ "$rc" -eq 0 ]; then
        result=ok
    else
        result="CRASH (exit $rc; see logs/$t.log and artifacts/$t/)"
        failed=1
    fi
    printf '%-18s %12s %8s  %s\n' "$t" "${runs:-?}" "${took:-$seconds}" "$result"
done
exit $failed
