#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# pagestates-qemu.sh ARGS: the s390x pagestates tool ($O/plain/pagestates,
# O relative to the top directory, as make passes it) under qemu-s390x.
top=$(cd "$(dirname "$0")/../../.." && pwd)
O=${O:-build}
case $O in
/*) ;;
*) O=$top/$O ;;
esac
exec "${QEMU_S390X:-qemu-s390x}" "$O/plain/pagestates" "$@"
