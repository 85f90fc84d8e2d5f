#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# qemu-exec.sh TEST [ARGS]: how prove runs a test of the s390x suite on
# another machine (make ARCH=s390 check: TEST_EXEC). s390x binaries run
# under qemu-s390x; shell tests (tests/cli/*.t) run as they are, with
# TEST_EXEC=qemu-s390x in their environment for the binaries they start.
QEMU=${QEMU_S390X:-qemu-s390x}

case $(head -c 2 "$1" 2>/dev/null) in
'#!')	TEST_EXEC=$QEMU exec sh "$@" ;;
*)	exec "$QEMU" "$@" ;;
esac
