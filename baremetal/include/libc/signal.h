/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Freestanding libc subset for the bare-metal image: signal.h. Only
 * SIGILL exists: the program-check handler delivers an operation or
 * privileged-operation exception nobody emulated to the SIGILL handler,
 * the way Linux delivers it to a process (baremetal/signal.c). The guest
 * code's ESSA probe relies on that, unchanged from its Linux form.
 */
#ifndef _BM_SIGNAL_H
#define _BM_SIGNAL_H

typedef int sig_atomic_t;
typedef unsigned long sigset_t;

typedef struct {
	int si_signo;
	int si_code;
	void *si_addr;			/* the instruction */
} siginfo_t;

#define SIGILL		4
#define ILL_ILLOPC	1
#define ILL_PRVOPC	5
#define SA_SIGINFO	4

#define SIG_DFL		((void (*)(int))0)
#define SIG_IGN		((void (*)(int))1)

struct sigaction {
	union {
		void (*sa_handler)(int);
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;
	int sa_flags;
};

int sigaction(int sig, const struct sigaction *sa, struct sigaction *old);

static inline int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

#endif
