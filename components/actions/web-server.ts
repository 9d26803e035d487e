// Does a zombie's parent look like the master process of a web server? Then ending it takes the
// sites down until it is restarted, and restarting its service is the better move. A heuristic
// over the scan only: the name, and whether its own parent is init or a different program
// (a worker's parent is a master of the same name).
import type { Parent, Process } from "@/lib/shared/scan/types";

const WEB_SERVER_NAMES = [
  /^httpd$/,
  /^apache2?$/,
  /^nginx$/,
  /^openresty$/,
  /^php-fpm[\d.]*$/,
  /^lighttpd$/,
  /^caddy$/,
  /^litespeed$/,
  /^lshttpd$/,
  /^lsphp[\d.]*$/,
  /^openlitespeed$/,
  /^h2o$/,
  /^hiawatha$/,
  /^cherokee$/,
  /^traefik$/,
  /^haproxy$/,
  /^varnishd$/,
  /^uwsgi$/,
  /^gunicorn$/,
  /^puma$/,
  /^unicorn$/,
];

export function isWebServerName(comm: string): boolean {
  const name = comm.trim().toLowerCase();
  return WEB_SERVER_NAMES.some((re) => re.test(name));
}

/** The comm of the parent's own parent: from the ancestry, else from the scan's process list. */
function grandparentComm(parent: Parent, processes: Process[]): string | null {
  const steps = parent.ancestry;
  const last = steps[steps.length - 1];
  if (steps.length >= 2 && last?.pid === parent.pid) return steps[steps.length - 2]?.comm ?? null;
  return processes.find((p) => p.pid === parent.ppid)?.comm ?? null;
}

/** A web server whose parent is PID 1 (or none) or a program of another name: its master process. */
export function looksLikeWebMaster(parent: Parent, processes: Process[]): boolean {
  if (!isWebServerName(parent.comm)) return false;
  if (parent.ppid <= 1) return true;
  const above = grandparentComm(parent, processes);
  return above === null || above !== parent.comm;
}
