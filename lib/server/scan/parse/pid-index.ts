// pid -> row over a typed array indexed by PID: the join of /proc's rows with ps's and every
// ancestry walk of a 50,000-process scan, without building and probing hash maps of 50,000 entries.

/** What the walks need of an index: a Map<number, T> would do too. */
export type PidLookup<T> = { get(pid: number): T | undefined };

/** Linux's PID_MAX_LIMIT: no PID is larger, so the array stays at most 16 MB (and untouched pages cost nothing). */
const PID_LIMIT = 4_194_304;

export class PidIndex<T extends { pid: number }> implements PidLookup<T> {
  /** Position in `rows` plus one; 0 is "no such PID". */
  private readonly slots: Int32Array;
  /** PIDs past the kernel's limit (only a garbled output has them) go to a Map instead. */
  private readonly outliers = new Map<number, T>();

  constructor(private readonly rows: readonly T[]) {
    let max = 0;
    for (const row of rows) if (row.pid > max && row.pid <= PID_LIMIT) max = row.pid;
    this.slots = new Int32Array(max + 1);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as T;
      if (row.pid <= max) this.slots[row.pid] = i + 1;
      else this.outliers.set(row.pid, row);
    }
  }

  get(pid: number): T | undefined {
    const slot = pid >= 0 && pid < this.slots.length ? (this.slots[pid] ?? 0) : 0;
    return slot > 0 ? this.rows[slot - 1] : this.outliers.get(pid);
  }
}
