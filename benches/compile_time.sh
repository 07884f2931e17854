#!/usr/bin/env bash
# Compile time of #[derive(RichStatus)]: a crate with one 100-variant enum deriving
# thiserror::Error and RichStatus, against the same enum deriving thiserror::Error only.
# Dependencies are built first; then each crate alone is rebuilt 7 times (after touching
# its source) and the median wall time is reported.
#
# Incremental compilation is off for the timed builds: with it on, a touched but
# unchanged source lets rustc reuse nearly every query and all of the code it generated
# the last time, so the rebuild measured the cache rather than the compilation (the
# figures before 2026-11-24's fix read 1.3x-1.6x for what is a 2x build).
#
# With `callgrind` as its argument, the script instead counts the instructions rustc
# executes to build each crate (valgrind's callgrind, all of rustc's threads): slower,
# but repeatable to a fraction of a percent where wall time varies by 10%.
#
# With `generate`, it only writes the two crates under target/compile-time, for
# `cargo bench -p rich-status-benches --bench compile_time`, which times rustc alone on
# each in one criterion run.
#
#   bash benches/compile_time.sh
#   bash benches/compile_time.sh callgrind
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/compile-time"
mkdir -p "$work"

generate() { # name derives
  local dir="$work/$1"
  mkdir -p "$dir/src"
  cat > "$dir/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
thiserror = "2"
rich-status = { path = "$root/rich-status" }

[workspace]
TOML
  {
    echo "#[derive(Debug, $2)]"
    echo '#[rich_status(domain = "bench.example.com", code = Internal)]' | { [ "$1" = with_rich_status ] && cat || true; }
    echo "pub enum BigError {"
    for i in $(seq 0 99); do
      echo "    #[error(\"failure {0} number $i for {name}\")]"
      if [ "$1" = with_rich_status ]; then
        echo "    #[rich_status(quota_failure(subject = \"name: {name}\", description = \"limit $i\"))]"
        echo "    Failure$i { #[rich_status(metadata)] name: String, code: u32 },"
      else
        echo "    Failure$i { name: String, code: u32 },"
      fi
    done
    echo "}"
  } > "$dir/src/lib.rs"
  # thiserror needs the {0}-free form for struct variants: use the field names.
  sed -i 's/failure {0} number/failure {code} number/' "$dir/src/lib.rs"
  if [ "$1" = with_rich_status ]; then
    sed -i '1i use rich_status::RichStatus;' "$dir/src/lib.rs"
  fi
}

generate thiserror_only "thiserror::Error"
generate with_rich_status "thiserror::Error, RichStatus"
# `generate` only writes the two crates (for the criterion benchmark `compile_time`).
[ "${1:-}" = generate ] && exit 0

median_build() { # name [noop]
  local dir="$work/$1" times=()
  (cd "$dir" && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$work/target" cargo build -q)  # dependencies
  for _ in 1 2 3 4 5 6 7; do
    [ "${2:-}" = noop ] || touch "$dir/src/lib.rs"
    local start end
    start=$(date +%s%N)
    (cd "$dir" && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$work/target" cargo build -q)
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 4p
}

instructions() { # name -> millions of instructions rustc executes to build the crate
  local dir="$work/$1" cmd
  (cd "$dir" && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$work/target" cargo build -q)
  touch "$dir/src/lib.rs"
  cmd=$(cd "$dir" && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$work/target" cargo build -v 2>&1 |
    sed -n 's/^ *Running `\(.*rustc --crate-name '"$1"' .*\)`$/\1/p')
  (cd "$dir" && eval "CARGO_INCREMENTAL=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null $cmd" 2>&1) |
    awk '/Collected/ { n += $4 } END { printf "%d\n", n / 1000000 }'
}

if [ "${1:-}" = callgrind ]; then
  command -v valgrind >/dev/null || { echo "callgrind mode needs valgrind (apt install valgrind)" >&2; exit 1; }
  a=$(instructions thiserror_only)
  b=$(instructions with_rich_status)
  echo "thiserror only:          ${a}M instructions (rustc)"
  echo "thiserror + RichStatus:  ${b}M instructions"
  awk -v a="$a" -v b="$b" 'BEGIN { printf "ratio:                   %.2fx\n", b / a }'
  exit
fi

a=$(median_build thiserror_only)
b=$(median_build with_rich_status)
noop=$(median_build thiserror_only noop)
echo "thiserror only:          ${a} ms (median of 7 rebuilds of the crate)"
echo "thiserror + RichStatus:  ${b} ms"
echo "cargo with nothing to do: ${noop} ms"
awk -v a="$a" -v b="$b" -v n="$noop" 'BEGIN {
  printf "ratio:                   %.2fx (%.2fx without cargo'"'"'s fixed cost)\n", b / a, (b - n) / (a - n)
}'
