/*
 * sandbox.c - the seccomp filter `serve` puts itself under (sandbox.h).
 * The only file that includes seccomp.h. Knows nothing of HTTP or of the
 * store: it lists the system calls a server that has opened everything it
 * needs goes on making (found with strace over the HTTP tests,
 * docs/SECURITY.md), and refuses the rest.
 *
 * What stays allowed is narrow where it can be: files opened for reading
 * only (the database connections, the key and the socket are open before;
 * fonts, the time zone and the like are read later), threads but no new
 * processes, sockets accepted but none made (but for a PostgreSQL store,
 * whose connections are made again when its server restarts). seccomp sees numbers, not
 * the strings they point to: a path cannot be told from another, which is
 * why nothing is opened for writing at all.
 */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Everything a running server asks of the kernel, by name (a name the
 * machine's architecture does not have is skipped). */
static const char *const allowed[] = {
	/* files and sockets already open */
	"read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "pwritev", "lseek", "close",
	"fstat", "newfstatat", "stat", "lstat", "statx", "fstatfs", "statfs", "fcntl", "flock", "fsync",
	"fdatasync", "ftruncate", "fallocate", "fadvise64", "getdents64", "readlink", "readlinkat", "access", "faccessat",
	"faccessat2", "getcwd",
	/* memory */
	"mmap", "munmap", "mremap", "mprotect", "madvise", "brk",
	/* signals, threads and their locks */
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack", "restart_syscall", "pause",
	"rt_sigsuspend", "futex",
	"set_robust_list", "get_robust_list", "rseq", "sched_yield", "sched_getaffinity", "membarrier",
	"getpid", "gettid", "getuid", "geteuid", "getgid", "getegid", "tgkill", "exit", "exit_group",
	"prctl", "uname", "sysinfo", "prlimit64", "getrlimit", "getrusage",
	/* the connections: accepted, read, written, waited for */
	"epoll_wait", "epoll_pwait", "epoll_pwait2", "epoll_ctl", "epoll_create", "epoll_create1", "eventfd2",
	"pipe2", "accept", "accept4", "shutdown", "setsockopt", "getsockopt", "getsockname", "getpeername",
	"sendto", "recvfrom", "sendmsg", "recvmsg", "sendfile", "poll", "ppoll", "select", "pselect6",
	/* time and randomness */
	"clock_gettime", "clock_getres", "clock_nanosleep", "nanosleep", "gettimeofday", "time", "getrandom",
};

/* A sanitizer build's leak check stops the world at exit from a thread it
 * clones as a process and that traces the others: a build for the tests
 * only, which gets what it needs. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZER_BUILD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZER_BUILD 1
#endif
#endif
#ifdef SANITIZER_BUILD
static const char *const sanitizer[] = {"clone", "ptrace", "wait4", "waitid", "getppid", "kill", "tkill", "getdents"};
#endif

/* What kills at once rather than fail: running another program. */
static const char *const fatal[] = {"execve", "execveat"};

static bool probe_enabled;

static int add(scmp_filter_ctx ctx, uint32_t action, const char *name, unsigned count,
	       const struct scmp_arg_cmp *args)
{
	int nr = seccomp_syscall_resolve_name(name);
	if (nr == __NR_SCMP_ERROR)
		return 0; /* not a system call on this architecture */
	return seccomp_rule_add_array(ctx, action, nr, count, args);
}

int sandbox_enter(bool store_over_network, struct error *err)
{
	const char *probe = getenv("RAPPORTEUR_SANDBOX_PROBE");
	probe_enabled = probe && !strcmp(probe, "1");
	const char *mode = getenv("RAPPORTEUR_SANDBOX");
	if (mode && !strcmp(mode, "off")) {
		fprintf(stderr, "rapporteur: serve: RAPPORTEUR_SANDBOX=off: no seccomp filter\n");
		return 0;
	}
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
	if (!ctx)
		return error_set(err, "serve: cannot make a seccomp filter");
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof(allowed) / sizeof(*allowed); i++)
		rc = add(ctx, SCMP_ACT_ALLOW, allowed[i], 0, NULL);
	for (size_t i = 0; rc == 0 && i < sizeof(fatal) / sizeof(*fatal); i++)
		rc = add(ctx, SCMP_ACT_KILL_PROCESS, fatal[i], 0, NULL);
	/* files: for reading only (no write access, no creating, no truncating) */
	const scmp_datum_t writing = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;
	struct scmp_arg_cmp open_flags = SCMP_A1(SCMP_CMP_MASKED_EQ, writing, 0);
	struct scmp_arg_cmp openat_flags = SCMP_A2(SCMP_CMP_MASKED_EQ, writing, 0);
	if (rc == 0)
		rc = add(ctx, SCMP_ACT_ALLOW, "open", 1, &open_flags);
	if (rc == 0)
		rc = add(ctx, SCMP_ACT_ALLOW, "openat", 1, &openat_flags);
	/* openat2 and clone3 take their arguments in a struct seccomp cannot
	 * read: "not here" makes the C library use openat and clone */
	if (rc == 0)
		rc = add(ctx, SCMP_ACT_ERRNO(ENOSYS), "openat2", 0, NULL);
	if (rc == 0)
		rc = add(ctx, SCMP_ACT_ERRNO(ENOSYS), "clone3", 0, NULL);
	/* a PostgreSQL store's connections, made again after a restart (a
	 * local socket, or TCP; a name resolved over UDP) */
	static const int domains[] = {AF_UNIX, AF_INET, AF_INET6};
	for (size_t i = 0; rc == 0 && store_over_network && i < sizeof(domains) / sizeof(*domains); i++) {
		struct scmp_arg_cmp domain = SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)domains[i]);
		rc = add(ctx, SCMP_ACT_ALLOW, "socket", 1, &domain);
	}
	if (rc == 0 && store_over_network)
		rc = add(ctx, SCMP_ACT_ALLOW, "connect", 0, NULL);
#ifdef SANITIZER_BUILD
	for (size_t i = 0; rc == 0 && i < sizeof(sanitizer) / sizeof(*sanitizer); i++)
		rc = add(ctx, SCMP_ACT_ALLOW, sanitizer[i], 0, NULL);
#endif
	/* threads, never processes */
	struct scmp_arg_cmp thread = SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD);
	if (rc == 0)
		rc = add(ctx, SCMP_ACT_ALLOW, "clone", 1, &thread);
	/* the threads libmicrohttpd started already are filtered too */
	if (rc == 0)
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	if (rc != 0)
		return error_set(err,
				 "serve: cannot enter the seccomp sandbox: %s (a kernel without seccomp: set "
				 "RAPPORTEUR_SANDBOX=off, docs/SECURITY.md)",
				 strerror(-rc));
	return 0;
}

/* --- the probe (tests only) --------------------------------------------------------------- */

bool sandbox_probe_asked(const char *path)
{
	return probe_enabled && path && !strcmp(path, "/_sandbox/probe");
}

static void try_write(const char *path, struct buf *out)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		buf_addf(out, "write %s: refused: %s\n", path, strerror(errno));
		return;
	}
	close(fd);
	buf_addf(out, "write %s: opened\n", path);
}

struct probe_thread {
	const char *path;
	struct buf *out;
};

static void *probe_thread(void *arg)
{
	struct probe_thread *t = arg;
	try_write(t->path, t->out);
	return NULL;
}

void sandbox_probe(const char *what, const char *path, struct buf *out)
{
	if (!what || !path) {
		buf_adds(out, "probe: give try=exec|write|read|socket|thread-write and path=PATH\n");
		return;
	}
	if (!strcmp(what, "exec")) {
		char *const argv[] = {(char *)path, NULL};
		execv(path, argv);
		buf_addf(out, "exec %s: refused: %s\n", path, strerror(errno));
	} else if (!strcmp(what, "write")) {
		try_write(path, out);
	} else if (!strcmp(what, "thread-write")) {
		pthread_t th;
		struct probe_thread t = {path, out};
		int rc = pthread_create(&th, NULL, probe_thread, &t);
		if (rc != 0)
			buf_addf(out, "thread: refused: %s\n", strerror(rc));
		else
			pthread_join(th, NULL);
	} else if (!strcmp(what, "read")) {
		int fd = open(path, O_RDONLY);
		if (fd < 0) {
			buf_addf(out, "read %s: refused: %s\n", path, strerror(errno));
		} else {
			close(fd);
			buf_addf(out, "read %s: opened\n", path);
		}
	} else if (!strcmp(what, "socket")) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0) {
			buf_addf(out, "socket: refused: %s\n", strerror(errno));
		} else {
			close(fd);
			buf_adds(out, "socket: made\n");
		}
	} else {
		buf_addf(out, "probe: %s is not a probe\n", what);
	}
}
