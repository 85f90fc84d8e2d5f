#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# qemu-exec.sh TEST [ARGS]: how prove runs a test of the s390x suite on
# another machine (make ARCH=s390 check: TEST_EXEC). s390x binaries run
# under qemu-s390x; shell tests (tests/cli/*.t) run as they are, with
# TEST_EXEC=qemu-s390x and PAGESTATES (the tool the tests call) set to a
# wrapper that runs $O/plain/pagestates under qemu-s390x.
QEMU=${QEMU_S390X:-qemu-s390x}
here=$(cd "$(dirname "$0")" && pwd)

case $(head -c 2 "$1" 2>/dev/null) in
'#!')	TEST_EXEC=$QEMU PAGESTATES=${PAGESTATES:-$here/pagestates-qemu.sh} \
		exec sh "$@" ;;
*)	exec "$QEMU" "$@" ;;
esac
