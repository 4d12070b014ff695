#!/bin/sh
# Runs the server (npm start, npm run serve, a container's command) with glibc's allocator set to give back
# what large boards leave behind (server/README.md, "Memory"; docs/BENCHMARKS.md, section 11). A value already
# in the environment wins. `exec`: the server takes this shell's place, so signals reach it directly.
#   MALLOC_MMAP_THRESHOLD_: every block of 128 KiB or more gets its own mapping, unmapped when freed. Without it
#     glibc raises the threshold to the largest block freed so far (up to 32 MiB), and the encoded boards, sync
#     answers and LevelDB values of a large board then stay in its heaps after the board is unloaded.
#   MALLOC_ARENA_MAX: two heaps instead of up to eight per core, for the threads LevelDB and V8 allocate on.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-131072}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec node --import tsx server/main.ts "$@"
