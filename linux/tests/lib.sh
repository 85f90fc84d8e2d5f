# SPDX-License-Identifier: GPL-2.0
# Shared by linux/tests/*.t (TAP, run by make kernel-check under prove).
# LINUX_OUT: build/linux of make kernel (src, tree, obj, bzImage).
top=$(cd "$(dirname "$0")/../.." && pwd)
LINUX_OUT=${LINUX_OUT:-$top/build/linux}
src=$LINUX_OUT/src
n=0
failed=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}
need_tree() {
	[ -f "$src/.unpacked" ] || {
		echo "1..0 # SKIP no unpacked tree in $src (make kernel)"
		exit 0
	}
}

# boot_values QEMU TAG HINTS: boot with every page_states= value under
# QEMU, logs in $LINUX_OUT/boot-logs/TAG-VALUE.log. HINTS is "no" when
# the probe must fail (no ESSA), "yes" when it must succeed. Tests per
# value: 3, one more for bogus, one more for spill+volatile.
VALUES=${PAGE_STATES_VALUES:-off cmma spill aging adaptive spill+volatile}
case " $VALUES " in
*" spill+volatile "*) n_volatile=1 ;;
*) n_volatile=0 ;;
esac
vmstat_delta() {	# LOG NAME: end - boot value of a vmstat counter
	b=$(sed -n "s/^pagestates-init: vmstat boot $2 \([0-9]*\).*/\1/p" "$1")
	e=$(sed -n "s/^pagestates-init: vmstat end $2 \([0-9]*\).*/\1/p" "$1")
	[ -n "$b" ] && [ -n "$e" ] || { echo x; return; }
	echo $((e - b))
}
boot_values() {
	qemu=$1 tag=$2 hints=$3
	logs=$LINUX_OUT/boot-logs
	mkdir -p "$logs"
	for v in $VALUES bogus; do
		log=$logs/$tag-$v.log
		start=$(date +%s)
		sh "$top/linux/boot.sh" --kernel "$LINUX_OUT/bzImage" \
			--qemu "$qemu" --append "page_states=$v" "$log"
		ok $? "$tag page_states=$v: boots, init RESULT PASS ($(($(date +%s) - start)) s)"
		tr -d '\r' <"$log" >"$log.txt" && mv "$log.txt" "$log"
		strat=$v
		[ "$v" != off ] || strat=none
		if [ "$v" = bogus ]; then
			grep -q 'page_states=bogus: unknown, using spill' "$log"
			ok $? "$tag page_states=bogus: warned, spill used"
			strat=spill
		fi
		if [ "$hints" = no ]; then
			want="probe failed, no hints"
		elif [ "$strat" = none ]; then
			want="probe ok, hints off"
		else
			want="probe ok, hints on"
		fi
		grep -q "page_states: strategy $strat, backend s390: $want" "$log"
		ok $? "$tag page_states=$v: \"$want\""
		h=$(vmstat_delta "$log" page_states_hints)
		bt=$(vmstat_delta "$log" page_states_batches)
		echo "# $tag page_states=$v: workload page_states_hints $h page_states_batches $bt"
		grep '^pagestates-init: vmstat end page_states_' "$log" |
			sed 's/^pagestates-init: vmstat end /#   /'
		if [ "$hints" = yes ] && [ "$strat" != none ]; then
			[ "$h" != x ] && [ "$h" -gt 0 ] && [ "$bt" -gt 0 ]
			ok $? "$tag page_states=$v: hints counted during the workload"
		else
			[ "$h" = 0 ] && [ "$bt" = 0 ]
			ok $? "$tag page_states=$v: no hints counted"
		fi
		[ "$v" = spill+volatile ] || continue
		vol=$(vmstat_delta "$log" page_states_volatile)
		com=$(vmstat_delta "$log" page_states_commits)
		if [ "$hints" = yes ]; then
			[ "$vol" != x ] && [ "$vol" -gt 0 ] && [ "$com" -gt 0 ]
			ok $? "$tag page_states=$v: pages made volatile ($vol in $com commits)"
		else
			[ "$vol" = 0 ] && [ "$com" = 0 ]
			ok $? "$tag page_states=$v: no page made volatile"
		fi
	done
}

# boot_discard QEMU: spill+volatile under our QEMU with every volatile
# page dropped (cmma-volatile-limit=0): the rereads find pages the host
# discarded and read them again with the right content (the init checks
# every byte). Two tests.
boot_discard() {
	log=$LINUX_OUT/boot-logs/essa-discard.log
	mkdir -p "$(dirname "$log")"
	start=$(date +%s)
	sh "$top/linux/boot.sh" --kernel "$LINUX_OUT/bzImage" --qemu "$1" \
		--machine cmma-volatile-limit=0 \
		--append page_states=spill+volatile "$log"
	ok $? "discard: spill+volatile, volatile pages dropped: init RESULT PASS ($(($(date +%s) - start)) s)"
	tr -d '\r' <"$log" >"$log.txt" && mv "$log.txt" "$log"
	grep '^pagestates-init: vmstat end page_states_' "$log" |
		sed 's/^pagestates-init: vmstat end /#   /'
	d=$(vmstat_delta "$log" page_states_discards)
	[ "$d" != x ] && [ "$d" -gt 0 ]
	ok $? "discard: page_states_discards $d > 0, files read again"
}
