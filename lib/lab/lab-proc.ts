import { createHash } from "node:crypto";
import { access, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runOk } from "@/lib/lab/run";

/*
 * The scenario processes come from this small C helper rather than from `sh` + `sleep`: on the lab
 * VMs fork() costs 1-3 ms and fork+exec 5-8 ms (2,000 filler sleeps took 10-16 s from a shell loop),
 * while clone(CLONE_VM) costs ~0.3 ms. Every process it makes is a real process sharing the helper's
 * tiny address space. It is run through a symlink, so the kernel names the first process after the
 * link (comm = basename of the executed file); the others are named with prctl(PR_SET_NAME).
 *
 * Environment (argv is only `NAME infinity`, so `ps -o args` looks like sleep's):
 *   REAPER_LAB_FILL=N          N children that sleep forever; exits once they exist
 *   REAPER_LAB_CHAIN=a/b/c     names of the processes nested below this one, outermost first
 *   REAPER_LAB_ZOMBIES=N       the innermost process gets N children that exit at once and are
 *   REAPER_LAB_CHILD=name      never waited for (zombies), named `name`
 *   REAPER_LAB_ON_CHLD=N       what that process does on SIGCHLD once its zombies exist: 0 nothing
 *                              (default disposition), 1 reap them all, 2 reap one per signal, 3 block it
 *   REAPER_LAB_ON_TERM=N       0 default (SIGTERM ends it), 1 ignore SIGTERM
 * Without FILL it exits 0 once the innermost process's zombies exist, leaving the processes to the
 * namespace's PID 1 like a daemon would.
 */
const SOURCE = String.raw`
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define STACK_SIZE (32 * 1024)
#define MAX_CHAIN 64

static int ready_fd = -1;
static long zombie_count;
static long on_chld;
static long on_term;
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

static int exit_at_once(void *arg) {
  (void)arg;
  if (zombie_name) prctl(PR_SET_NAME, zombie_name);
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
  }
  if (on_term == 1 && signal(SIGTERM, SIG_IGN) == SIG_ERR) fail("signal");
}

static int zombie_parent(void) {
  pid_t *kids = mmap(NULL, sizeof(pid_t) * (zombie_count + 1), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (kids == MAP_FAILED) fail("mmap");
  for (long i = 0; i < zombie_count; i++) kids[i] = spawn(exit_at_once, NULL);
  siginfo_t info;
  /* WNOWAIT: wait until each child has exited, but leave it a zombie. */
  for (long i = 0; i < zombie_count; i++)
    if (waitid(P_PID, kids[i], &info, WEXITED | WNOWAIT) != 0) fail("waitid");
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

static long env_count(const char *name) {
  const char *v = getenv(name);
  return v ? strtol(v, NULL, 10) : 0;
}

int main(void) {
  long fill = env_count("REAPER_LAB_FILL");
  if (fill > 0) {
    for (long i = 0; i < fill; i++) spawn(sleep_forever, NULL);
    return 0;
  }
  zombie_count = env_count("REAPER_LAB_ZOMBIES");
  zombie_name = getenv("REAPER_LAB_CHILD");
  on_chld = env_count("REAPER_LAB_ON_CHLD");
  on_term = env_count("REAPER_LAB_ON_TERM");
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
