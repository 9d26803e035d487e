// Reads psmisc pstree text, ASCII (-A) or UTF-8 box drawing, with or without -p, into a tree.
// A child line starts at the column where its parent's first child was printed, so the parent of
// every node is found by column, and names may hold spaces, parentheses and dashes.
import { fail, ok, type Result } from "@/lib/shared/result";
import type { AncestryStep } from "@/lib/shared/scan/types";

export type PstreeNode = {
  name: string;
  /** null when pstree ran without -p. */
  pid: number | null;
  /** A thread, printed as `{name}`. */
  isThread: boolean;
  /** `3*[name]`: pstree (without -p) merged this many identical subtrees into one. */
  count: number;
  children: PstreeNode[];
};

const BRANCH = new Set(["-+-", "─┬─"]);
const SINGLE = new Set(["---", "───"]);
const LEADS = new Set(["|-", "`-", "├─", "└─"]);
const BARS = new Set([" ", "|", "│"]);
const COUNT = /(\d+)\*\[/y;
// With -p a label ends at its "(pid)" followed by a connector, "]" or the end of the line.
const PID_END = /\((\d+)\)(?=---|-\+-|───|─┬─|\]|$)/g;
const ESCAPES = /\\\\|(?:\\[0-7]{3})+/g;
const utf8 = new TextDecoder();

/** pstree prints a backslash as `\\` and every other unusual byte (UTF-8 too) as `\ooo`. */
function decodeName(text: string): string {
  if (!text.includes("\\")) return text;
  return text.replace(ESCAPES, (run) =>
    run === "\\\\" ? "\\" : utf8.decode(Uint8Array.from(run.slice(1).split("\\"), (o) => parseInt(o, 8))),
  );
}

/** Where a label starting at `from` ends. */
function labelEnd(line: string, from: number, withPids: boolean): number {
  if (withPids) {
    PID_END.lastIndex = from;
    const m = PID_END.exec(line);
    if (m) return m.index + m[0].length;
  }
  for (let k = from; k < line.length; k++) {
    const three = line.slice(k, k + 3);
    if (BRANCH.has(three) || SINGLE.has(three) || line[k] === "]") return k;
  }
  return line.length;
}

function makeNode(label: string, count: number): PstreeNode {
  const pidMatch = /\((\d+)\)$/.exec(label);
  let name = pidMatch ? label.slice(0, pidMatch.index) : label;
  const isThread = name.startsWith("{") && name.endsWith("}");
  if (isThread) name = name.slice(1, -1);
  return { name: decodeName(name), pid: pidMatch ? Number(pidMatch[1]) : null, isThread, count, children: [] };
}

/** Column where this line's first node starts: 0 for a root, after the `|-` lead for a child. */
function nodeColumn(line: string): number | null {
  let i = 0;
  while (i < line.length && !LEADS.has(line.slice(i, i + 2))) {
    if (!BARS.has(line[i] ?? "")) return i === 0 ? 0 : null;
    i++;
  }
  return i < line.length ? i + 2 : null;
}

export function parsePstree(text: string): Result<PstreeNode[]> {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const roots: PstreeNode[] = [];
  if (lines.length === 0) return fail("printed no tree");
  const withPids = new RegExp(PID_END.source).test(lines[0] ?? "");
  // The node whose first child was printed at a column: later lines at that column are its children.
  const parentAt = new Map<number, PstreeNode>();
  for (const [n, line] of lines.entries()) {
    const column = nodeColumn(line);
    const where = `line ${n + 1}`;
    if (column === null) return fail(`${where} is not pstree output: ${JSON.stringify(line.slice(0, 80))}`);
    let parent = column === 0 ? null : parentAt.get(column);
    if (parent === undefined) return fail(`${where} has a branch at column ${column} with no parent above it`);
    let i = column;
    let open = 0;
    for (;;) {
      COUNT.lastIndex = i;
      const counted = COUNT.exec(line);
      if (counted) {
        open++;
        i += counted[0].length;
      }
      const end = labelEnd(line, i, withPids);
      if (end === i) return fail(`${where} has an empty name at column ${i}`);
      const node = makeNode(line.slice(i, end), counted ? Number(counted[1]) : 1);
      (parent ? parent.children : roots).push(node);
      i = end;
      while (open > 0 && line[i] === "]") {
        open--;
        i++;
      }
      if (line.slice(i).trim() === "") break;
      const link = line.slice(i, i + 3);
      if (BRANCH.has(link)) parentAt.set(i + 3, node);
      else if (!SINGLE.has(link)) return fail(`${where} has ${JSON.stringify(line.slice(i, i + 10))} where a link was expected`);
      parent = node;
      i += 3;
    }
  }
  return ok(roots);
}

/** The chain from a root down to and including `pid`, as `pstree -s -p PID` printed it. */
export function pstreeAncestry(roots: PstreeNode[], pid: number): AncestryStep[] | null {
  const path: AncestryStep[] = [];
  const walk = (nodes: PstreeNode[]): boolean => {
    for (const node of nodes) {
      if (node.pid === null) continue;
      path.push({ pid: node.pid, comm: node.name });
      if (node.pid === pid || walk(node.children)) return true;
      path.pop();
    }
    return false;
  };
  return walk(roots) ? path : null;
}
