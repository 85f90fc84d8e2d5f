#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The s390 build really issues ESSA: objdump finds the instruction (B9AB)
# in the backend object (arch/s390/mm/essa.o) for each operation request
# code the port uses (0 to 7, 7 for the no-DAT stable state),
# and in the library and a test binary. Skips unless ARCH=s390.
O=${O:-build}

if [ "${ARCH:-}" != s390 ]; then
	echo "1..0 # SKIP not an s390 build (make ARCH=s390 check)"
	exit 0
fi
OBJDUMP=${CROSS_COMPILE:-}objdump
command -v "$OBJDUMP" >/dev/null 2>&1 || OBJDUMP=objdump
n=0
fail=0

t() {	# t COND-EXIT-STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=1
	fi
}

# "b9 ab M0 RR": ESSA with operation request code M (objdump's bytes)
essa_codes() {
	"$OBJDUMP" -d "$1" 2>/dev/null |
		sed -n 's/.*:[[:space:]]*b9 ab \([0-9a-f]\)0 [0-9a-f][0-9a-f][[:space:]].*/\1/p' |
		sort -u | tr -d '\n'
}

echo "1..5"
obj=$O/plain/arch/s390/mm/essa.o
codes=$(essa_codes "$obj")
echo "# ESSA operation request codes in $obj: ${codes:-none}"
[ "$codes" = 01234567 ]
t $? "essa.o issues ESSA with codes 0 to 7"
lib=$O/plain/libpagestates.a
[ -n "$(essa_codes "$lib")" ]
t $? "libpagestates.a contains ESSA"
bin=$O/plain/tests/unit/s390_trap
[ -n "$(essa_codes "$bin")" ]
t $? "the s390_trap test binary contains ESSA"
"$OBJDUMP" -f "$bin" 2>/dev/null | grep -q 's390:64-bit'
t $? "s390_trap is an s390x binary"
nat=$O/plain/hypervisor-model/essa-trap.o
"$OBJDUMP" -t "$nat" 2>/dev/null | grep -q 'essa_trap_sigill'
t $? "the SIGILL trap handler is built in"
exit $fail
