// A refused or failed action, per the contract's code: a title and what to do next. The API's
// message says what happened; these say what to try.

export type ErrorHint = { title: string; hint: string; scanAgain?: boolean };

const HINTS: Record<string, ErrorHint> = {
  PROCESS_CHANGED: {
    title: "The process changed since the scan",
    hint: "It ended or its PID now belongs to another process, so nothing was sent. Scan again and act on what the new scan shows.",
    scanAgain: true,
  },
  PROTECTED_PROCESS: {
    title: "Reaper will not signal this process",
    hint: "It is PID 1, a kernel thread, the SSH server, Reaper's own session or on the protected list. Restart the container or service that owns the zombies instead.",
  },
  PERMISSION_DENIED: {
    title: "The server refused the signal",
    hint: "Reaper's SSH user may not signal a process it does not own. Turn on \"Use sudo\" for this server (Edit) if that user has passwordless sudo, or log in as the process's owner.",
  },
  CONFIRMATION_REQUIRED: { title: "Confirmation needed", hint: "Type the parent's PID exactly to confirm, then try again." },
  FORBIDDEN: { title: "Your role may not do this", hint: "Customers may reap and restart a service. Ask a support agent to terminate or kill the parent." },
  NOT_RESTARTABLE: {
    title: "There is no service Reaper can restart",
    hint: "The message says why (no systemd unit, a user's own service, or no systemd on the server). Terminate the parent instead, or restart what runs it on the server.",
  },
  VALIDATION: { title: "Reaper could not read the request", hint: "Reload the page, scan again and retry." },
  NOT_FOUND: { title: "This server no longer exists", hint: "It may have been deleted. Go back to the server list." },
  SSH_UNREACHABLE: { title: "Reaper could not reach the server", hint: "Nothing was sent. Check that the server is up and its SSH port is reachable, then try again." },
  SSH_TIMEOUT: { title: "The server did not answer in time", hint: "The signal may or may not have been sent. Scan again before trying anything else.", scanAgain: true },
  SSH_AUTH_FAILED: { title: "The server refused Reaper's login", hint: "Nothing was sent. Check the username and key or password (Edit)." },
  HOST_KEY_MISMATCH: { title: "The server's host key changed", hint: "Nothing was sent. Scan the server to see both fingerprints and decide whether to pin the new key.", scanAgain: true },
  COMMAND_FAILED: { title: "The command failed on the server", hint: "If \"Use sudo\" is on, the user needs passwordless sudo; the message says what failed. Scan again before retrying.", scanAgain: true },
  NETWORK: { title: "Reaper's dashboard could not be reached", hint: "The signal may or may not have been sent. Check your connection, then scan again.", scanAgain: true },
};

const SUDO_FAILED: ErrorHint = {
  title: "sudo refused to send the signal",
  hint: "This server is set to use sudo, and sudo asked for a password or refused. Give the SSH user passwordless sudo (NOPASSWD) for kill, or turn \"Use sudo\" off (Edit).",
};

export function actionErrorHint(code: string | null, viaSudo = false): ErrorHint {
  if (code === "PERMISSION_DENIED" && viaSudo) return SUDO_FAILED;
  return (code ? HINTS[code] : undefined) ?? { title: "The action failed", hint: "Scan again to see the current state before retrying.", scanAgain: true };
}
