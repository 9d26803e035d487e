import { createHash } from "node:crypto";
import { access, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runOk } from "@/lab/run";

/*
 * The scenario processes come from this small C helper rather than from `sh` + `sleep`: on the lab
 * VMs fork() costs 1-3 ms and fork+exec 5-8 ms (2,000 filler sleeps took 10-16 s from a shell loop),
 * while clone(CLONE_VM) costs ~0.3 ms. Every process it makes is a real process sharing the helper's
 * tiny address space. It is run through a symlink, so the kernel names the first process after the
 * link (comm = basename of the executed file); the others are named with prctl(PR_SET_NAME).
 *
 * Environment (argv is `NAME infinity`, so `ps -o args` looks like sleep's, unless REAPER_LAB_ARGV):
 *   REAPER_LAB_ARGV=h:h:...    the command line to run under instead, each argument hex-encoded (any
 *                              bytes but NUL: hostile names, invalid UTF-8); it re-executes itself once
 *   REAPER_LAB_FILL=N          N children that sleep forever; exits once they exist
 *   REAPER_LAB_CHAIN=a/b/c     names of the processes nested below this one, outermost first
 *   REAPER_LAB_ZOMBIES=N       the innermost process gets N children that exit at once and are
 *   REAPER_LAB_CHILD=name      never waited for (zombies), named `name`
 *   REAPER_LAB_ON_CHLD=N       what that process does on SIGCHLD once its zombies exist: 0 nothing
 *                              (default disposition), 1 reap them all, 2 reap one per signal, 3 block it,
 *                              4 ignore it (SIG_IGN)
 *   REAPER_LAB_ON_TERM=N       0 default (SIGTERM ends it), 1 ignore SIGTERM
 *   REAPER_LAB_LIVE=N          the innermost process also gets N children that sleep forever
 *   REAPER_LAB_UID/GID=N       the innermost process becomes this user before it has children
 *   REAPER_LAB_CHILD_UID/GID=N ...and its children become this one (a root master's workers)
 *   REAPER_LAB_NPROC=S:H       ...and sets its (and its live children's) RLIMIT_NPROC once they exist
 *                              (fork checks it)
 *   REAPER_LAB_CGROUP=path     a cgroup.procs file the first process joins before anything else
 * Without FILL it exits 0 once the innermost process's zombies exist, leaving the processes to the
 * namespace's PID 1 like a daemon would.
 */
const SOURCE = String.raw`
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define STACK_SIZE (32 * 1024)
#define MAX_CHAIN 64

static int ready_fd = -1;
static long zombie_count;
static long on_chld;
static long on_term;
static long live_count;
static long run_uid = -1;
static long run_gid = -1;
static long child_uid = -1;
static long child_gid = -1;
static long nproc_soft = -1;
static long nproc_hard = -1;
static const char *zombie_name;
static char *chain[MAX_CHAIN];
static long chain_len;

static void fail(const char *what) {
  (void)!write(2, "lab-proc: ", 10);
  (void)!write(2, what, strlen(what));
  (void)!write(2, " failed\n", 8);
  _exit(1);
}

/* Children share memory, so each gets its own stack and uses no stdio or malloc. */
static pid_t spawn(int (*fn)(void *), void *arg) {
  char *stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stack == MAP_FAILED) fail("mmap");
  pid_t pid = clone(fn, stack + STACK_SIZE, CLONE_VM | SIGCHLD, arg);
  if (pid < 0) fail("clone");
  return pid;
}

static int sleep_forever(void *arg) {
  (void)arg;
  for (;;) pause();
  __builtin_unreachable();
}

/* Like a server that drops root before forking workers (or a root master whose workers switch user):
 * the processes then count against the user's RLIMIT_NPROC, which the kernel keeps per user across
 * the host, not per pid namespace. A zombie keeps counting until it is reaped. */
static void become(long uid, long gid) {
  if (uid < 0) return;
  if (setgroups(0, NULL) != 0) fail("setgroups");
  if (setresgid(gid, gid, gid) != 0) fail("setresgid");
  if (setresuid(uid, uid, uid) != 0) fail("setresuid");
  /* A uid change makes the process undumpable, which hands its /proc files to root; a server that
   * exec'd as the user would not be. */
  if (prctl(PR_SET_DUMPABLE, 1) != 0) fail("prctl");
}

static int exit_at_once(void *arg) {
  (void)arg;
  if (zombie_name) prctl(PR_SET_NAME, zombie_name);
  become(child_uid, child_gid);
  return 0;
}

static void reap_all(int sig) {
  (void)sig;
  while (waitpid(-1, NULL, WNOHANG) > 0) {}
}

static void reap_one(int sig) {
  (void)sig;
  waitpid(-1, NULL, WNOHANG);
}

/* Installed only after the zombies exist: the SIGCHLDs of their exits were discarded (the default
 * disposition), so they stay zombies until someone sends SIGCHLD again. */
static void set_signal_behaviour(void) {
  if (on_chld == 1 || on_chld == 2) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_chld == 1 ? reap_all : reap_one;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGCHLD, &sa, NULL) != 0) fail("sigaction");
  } else if (on_chld == 3) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) fail("sigprocmask");
  } else if (on_chld == 4 && signal(SIGCHLD, SIG_IGN) == SIG_ERR) {
    fail("signal");
  }
  if (on_term == 1 && signal(SIGTERM, SIG_IGN) == SIG_ERR) fail("signal");
}

/* After the children exist: fork fails once the user has this many tasks, and so would ours. */
static void limit_nproc(void) {
  if (nproc_soft < 0) return;
  struct rlimit rl = { (rlim_t)nproc_soft, (rlim_t)nproc_hard };
  if (setrlimit(RLIMIT_NPROC, &rl) != 0) fail("setrlimit");
}

/* Before any child exists, so that all of them are charged to the cgroup's pids.max. */
static void join_cgroup(void) {
  const char *procs = getenv("REAPER_LAB_CGROUP");
  if (!procs || !*procs) return;
  int fd = open(procs, O_WRONLY);
  if (fd < 0) fail("open cgroup.procs");
  if (write(fd, "0", 1) != 1) fail("joining the cgroup");
  close(fd);
}

/* A live child takes the limit itself: it was forked before the parent set it, and a server's workers
 * inherit the limit the server started with. */
static long workers_ready; /* shared memory: counted by the workers, awaited by the parent */

static int live_worker(void *arg) {
  become(child_uid, child_gid);
  limit_nproc();
  __atomic_add_fetch(&workers_ready, 1, __ATOMIC_SEQ_CST);
  return sleep_forever(arg);
}

static int zombie_parent(void) {
  become(run_uid, run_gid);
  pid_t *kids = mmap(NULL, sizeof(pid_t) * (zombie_count + 1), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (kids == MAP_FAILED) fail("mmap");
  for (long i = 0; i < zombie_count; i++) kids[i] = spawn(exit_at_once, NULL);
  siginfo_t info;
  /* WNOWAIT: wait until each child has exited, but leave it a zombie. */
  for (long i = 0; i < zombie_count; i++)
    if (waitid(P_PID, kids[i], &info, WEXITED | WNOWAIT) != 0) fail("waitid");
  for (long i = 0; i < live_count; i++) spawn(live_worker, NULL);
  while (__atomic_load_n(&workers_ready, __ATOMIC_SEQ_CST) < live_count) usleep(1000);
  limit_nproc();
  set_signal_behaviour();
  if (write(ready_fd, "", 1) != 1) fail("write");
  close(ready_fd);
  return sleep_forever(NULL);
}

static int level(void *arg) {
  long depth = (long)arg;
  if (depth > 0) prctl(PR_SET_NAME, chain[depth - 1]);
  if (depth == chain_len) return zombie_parent();
  pid_t child = spawn(level, (void *)(depth + 1));
  /* Only the innermost process may hold the readiness pipe, or a failure would never be seen. */
  close(ready_fd);
  /* Like a shell running a foreground command: wait for it, then leave. */
  int status;
  while (waitpid(child, &status, 0) < 0) {}
  return 0;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/* The kernel takes a process's command line from exec, so the only way to choose it is to exec. */
static void exec_with_chosen_argv(const char *self) {
  const char *spec = getenv("REAPER_LAB_ARGV");
  if (!spec || !*spec) return;
  size_t len = strlen(spec), count = 1;
  for (size_t i = 0; i < len; i++) count += spec[i] == ':';
  char **args = calloc(count + 1, sizeof *args);
  char *out = malloc(len / 2 + count + 1);
  if (!args || !out) fail("malloc");
  size_t n = 0;
  args[n++] = out;
  for (size_t i = 0; i < len;) {
    if (spec[i] == ':') {
      *out++ = 0;
      args[n++] = out;
      i++;
      continue;
    }
    int hi = hex_value(spec[i]), lo = i + 1 < len ? hex_value(spec[i + 1]) : -1;
    if (hi < 0 || lo < 0 || hi + lo == 0) fail("decoding REAPER_LAB_ARGV");
    *out++ = (char)(hi * 16 + lo);
    i += 2;
  }
  *out = 0;
  unsetenv("REAPER_LAB_ARGV");
  execv(self, args);
  fail("execv");
}

static long env_count(const char *name) {
  const char *v = getenv(name);
  return v ? strtol(v, NULL, 10) : 0;
}

int main(int argc, char **argv) {
  if (argc > 0) exec_with_chosen_argv(argv[0]);
  long fill = env_count("REAPER_LAB_FILL");
  if (fill > 0) {
    for (long i = 0; i < fill; i++) spawn(sleep_forever, NULL);
    return 0;
  }
  zombie_count = env_count("REAPER_LAB_ZOMBIES");
  zombie_name = getenv("REAPER_LAB_CHILD");
  on_chld = env_count("REAPER_LAB_ON_CHLD");
  on_term = env_count("REAPER_LAB_ON_TERM");
  live_count = env_count("REAPER_LAB_LIVE");
  if (getenv("REAPER_LAB_UID")) {
    run_uid = env_count("REAPER_LAB_UID");
    run_gid = env_count("REAPER_LAB_GID");
  }
  if (getenv("REAPER_LAB_CHILD_UID")) {
    child_uid = env_count("REAPER_LAB_CHILD_UID");
    child_gid = env_count("REAPER_LAB_CHILD_GID");
  }
  const char *nproc = getenv("REAPER_LAB_NPROC");
  if (nproc && *nproc) {
    char *end;
    nproc_soft = strtol(nproc, &end, 10);
    nproc_hard = *end == ':' ? strtol(end + 1, NULL, 10) : nproc_soft;
  }
  join_cgroup();
  char *names = getenv("REAPER_LAB_CHAIN");
  for (char *n = names ? strtok(names, "/") : NULL; n && chain_len < MAX_CHAIN; n = strtok(NULL, "/")) chain[chain_len++] = n;
  int fds[2];
  if (pipe(fds) != 0) fail("pipe");
  ready_fd = fds[1];
  spawn(level, (void *)0);
  close(fds[1]);
  char byte;
  return read(fds[0], &byte, 1) == 1 ? 0 : 1;
}
`;

export const MAX_CHAIN_DEPTH = 64;

let compiled: Promise<string> | undefined;

/** Path of the compiled helper, built once per source version and shared by all processes on the machine. */
export function labProcBinary(): Promise<string> {
  compiled ??= compile();
  return compiled;
}

async function compile(): Promise<string> {
  const hash = createHash("sha256").update(SOURCE).digest("hex").slice(0, 16);
  const dir = path.join(tmpdir(), "reaper-lab-cache");
  const binary = path.join(dir, `lab-proc-${hash}`);
  try {
    await access(binary);
    return binary;
  } catch {
    // not built yet
  }
  await mkdir(dir, { recursive: true });
  // Unique names, then an atomic rename: parallel test workers may compile at the same time.
  const unique = `${binary}.${process.pid}.${Date.now()}`;
  await writeFile(`${unique}.c`, SOURCE);
  try {
    await runOk("cc", ["-O2", "-Wall", "-Wextra", "-Werror", "-o", unique, `${unique}.c`]).catch((error: unknown) => {
      throw new Error(`the lab compiles a small C helper and needs a C compiler (apt-get install -y gcc): ${String(error)}`);
    });
    await rename(unique, binary);
  } finally {
    await rm(`${unique}.c`, { force: true });
  }
  return binary;
}
