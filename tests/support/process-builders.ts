// A small process table for the tree-ui tests: init › sshd › bash, init › httpd › 2 zombies + a worker, kthreadd › kworker.
import type { Process } from "@/lib/shared/scan/types";

export function proc(pid: number, ppid: number, comm: string, state = "S", user = "root"): Process {
  return { pid, ppid, state, user, startTime: pid * 10, comm, args: state.startsWith("Z") ? "" : `/usr/bin/${comm}`, threads: 1, cpu: 0, rssKb: 100 };
}

export const SMALL: Process[] = [
  proc(1, 0, "systemd"),
  proc(2, 0, "kthreadd"),
  proc(3, 2, "kworker/0:0", "I"),
  proc(300, 1, "sshd"),
  proc(301, 300, "bash", "S", "alice"),
  proc(1234, 1, "httpd", "Ss", "www-data"),
  proc(1240, 1234, "php5.cgi", "Z", "www-data"),
  proc(1241, 1234, "php5.cgi", "Z", "www-data"),
  proc(1242, 1234, "httpd", "S", "www-data"),
];
