// SPDX-License-Identifier: GPL-2.0
/* Write errors on standard output (see stdio_guard.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "stdio_guard.h"

void ps_stdio_guard(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		/* open() takes the lowest free fd: this one */
		if (open("/dev/null", fd ? O_RDONLY : O_WRONLY) != fd)
			_exit(1);
	}
}

int ps_stdout_finish(void)
{
	int err = 0;

	errno = 0;
	if (fflush(stdout))
		err = errno ? errno : EIO;
	else if (ferror(stdout))
		err = EIO;
	if (!err)
		return 0;
	fprintf(stderr, "pagestates: cannot write standard output: %s\n",
		strerror(err));
	return -1;
}
