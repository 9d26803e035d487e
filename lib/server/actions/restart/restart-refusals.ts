// The server's answers to a restart that are not "sent", as the contract's errors. Pure apart from AppError.
import { AppError } from "@/lib/shared/errors/app-error";
import { refusalOf, type RefusalContext } from "@/lib/server/actions/refusals";
import type { RestartReport } from "@/lib/server/actions/restart/restart-report";

export function restartRefusalOf(report: RestartReport, ctx: RefusalContext & { unit: string }): AppError | null {
  const who = report.comm === null ? `PID ${ctx.pid}` : `${report.comm} (${ctx.pid})`;
  switch (report.result) {
    case "sent":
      return null;
    case "gone":
    case "changed":
      return refusalOf(report, ctx);
    case "protected":
      if (report.reason === "session") {
        return new AppError("PROTECTED_PROCESS", `${ctx.unit} also runs Reaper's own SSH session on this server; restarting it would cut the dashboard off mid-command. Nothing was restarted.`);
      }
      if (report.reason === "name") {
        return new AppError("PROTECTED_PROCESS", `${who} is on the protected list (${ctx.protectedNames.join(", ")}); Reaper does not restart its unit. Do it on the server if it must be.`);
      }
      return refusalOf(report, ctx);
    case "moved":
      return new AppError(
        "PROCESS_CHANGED",
        `${who} is no longer part of ${ctx.unit} (the server now puts it in ${report.found ?? "another unit"}). Nothing was restarted; scan again.`,
      );
    case "not-service":
      return new AppError(
        "NOT_RESTARTABLE",
        report.kind === "user"
          ? `${who} runs in ${report.found ?? "a service"} under a user's own systemd (user@UID.service); systemctl restart as root would not reach it. Restart it as that user with systemctl --user. Nothing was restarted.`
          : `${who} is not in any systemd service (its cgroup is ${report.found || "/"}), so there is no unit to restart. Nothing was restarted.`,
      );
    case "no-systemd":
      return new AppError("NOT_RESTARTABLE", `systemd does not run this server's services (${report.error || "systemctl is missing"}), so Reaper cannot restart ${ctx.unit}. Nothing was restarted.`);
    case "eperm":
      return new AppError(
        "PERMISSION_DENIED",
        `systemctl refused to restart ${ctx.unit} for the SSH user ${ctx.username}${report.error ? ` ("${report.error}")` : ""}: only root may restart system services. Use root, or an account with passwordless sudo and useSudo on.`,
        { via: "systemctl" },
      );
    case "sudo-failed":
      return new AppError(
        "PERMISSION_DENIED",
        `sudo refused to run systemctl for ${ctx.username}${report.error ? ` ("${report.error}")` : ""}. useSudo needs passwordless sudo (NOPASSWD) for systemctl; fix sudoers or turn useSudo off. Nothing was restarted.`,
        { via: "sudo" },
      );
    case "failed":
      return new AppError("COMMAND_FAILED", `systemctl restart ${ctx.unit} failed on the server${report.error ? ` (${report.error})` : ""}. Nothing is known to have been restarted; scan again.`, {
        command: "systemctl",
      });
  }
}
