#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# stack-usage.sh [OUT]: the stack frames of the hint paths in the built
# kernel (make kernel first): the objects that carry them are compiled
# again with -fstack-usage (the next make kernel compiles them back) and
# their .su lines for the hook and hint functions printed.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/build/linux}
out=$(cd "$out" && pwd)
objs="mm/page_alloc.o mm/page-states.o mm/hint_strategy.o mm/hint_cmma.o
mm/hint_spill.o mm/hint_aging.o mm/hint_adaptive.o arch/s390/mm/essa.o
arch/s390/mm/page-states.o"
# shellcheck disable=SC2086
nice -n 10 make -s -C "$out/tree" O="$out/obj" ARCH=s390 \
	CROSS_COMPILE="${CROSS_COMPILE:-s390x-linux-gnu-}" -j"${JOBS:-2}" \
	KCFLAGS=-fstack-usage $objs
for o in $objs; do
	grep -E ':(free_pcppages_bulk|free_pcppages_batch|rmqueue_bulk|__free_pages_ok|free_one_page|post_alloc_hook|__page_states_[a-z_]+|page_set_[a-z_]+|batch_set_[a-z_]+|pages_mark_unused|hint_[a-z_]+|aging_[a-z_]+|adaptive_[a-z_]+|drain_pages_idle|essa[a-z_]*|arch_free_page|arch_alloc_page)	' \
		"$out/obj/${o%.o}.su" || true
done | sed "s|^$out/tree/||" | sort -t'	' -k2 -n -r
