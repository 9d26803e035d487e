// The thresholds the triage decides by. Each is a judgment, so each says why.

/** fork() fails at 100%; past 90% one burst of workers (a php-fpm or Apache scale-up) takes the rest. */
export const PRESSURE_CRITICAL = 0.9;
/** Past 75% the headroom is one traffic spike or one leaking parent away from gone: worth a look. */
export const PRESSURE_WARN = 0.75;

/**
 * Zombies are the cause, not bystanders, when they hold at least this share of the PIDs in use: at a
 * fifth, reaping them moves the host from critical back to warning or better.
 */
export const ZOMBIE_SHARE_CAUSE = 0.2;

/** One-minute load per CPU. Above 2 runnable tasks per CPU requests wait as long as they run (the
 * same line build-scan's note uses); above 1 the CPUs are saturated. */
export const LOAD_PER_CPU_CRITICAL = 2;
export const LOAD_PER_CPU_WARN = 1;

/**
 * Tasks in uninterruptible sleep (D) per CPU above which load is disk or NFS waiting rather than
 * computing: load counts D tasks, and CPU work does not put tasks in D.
 */
export const IO_STALL_D_PER_CPU = 1;
/** ...and at least this many, so that one slow fsync on a small host is not called a stall. */
export const IO_STALL_MIN_D = 4;

/** RLIMIT_NPROC does not bind root (CAP_SYS_RESOURCE), so root's count is never a limit cause. */
export const UNLIMITED_USERS = new Set(["root"]);
