// Command lines shown in a snapshot leave Reaper's login: anyone holding the link reads them. People
// put secrets on command lines (mysql -pX, curl -H "Authorization: …", DATABASE_URL=…), so every
// command line is passed through these rules before it is frozen into a snapshot. The rules err on
// the side of hiding: a hidden harmless value costs a support agent a question, a shown password
// costs the customer their database.

export const REDACTED = "[redacted]";

export type Redaction = { text: string; redacted: boolean };

/** Name parts that make `NAME=value` or `--NAME value` a secret, matched at the end of a part ("PGPASSWORD", "clientSecret"). */
const SECRET_SUFFIX = /(password|passwd|passphrase|secret|token|apikey|credentials?|pwd|requirepass|masterauth)$/;
/** Short parts that are secrets only as a whole part ("DB_PASS", "api_key", "sig" of a signed URL). */
const SECRET_PART = new Set(["pass", "pw", "key", "sig", "signature"]);
/** Short parts that are too common a word to hide the next argument for (`--key /etc/ssl/x.key`). */
const ONLY_WITH_EQUALS = new Set(["key", "sig", "signature"]);
/** A last part that names where a secret is, or what it is like, rather than the secret itself. */
const REFERENCE_PART = new Set([
  "file", "path", "dir", "directory", "id", "name", "type", "size", "length", "len", "bits", "format", "ttl", "timeout", "expiry",
  "url", "uri", "endpoint", "env", "var", "prompt", "cmd", "command", "mode", "algorithm", "alg", "header", "field", "min", "max",
  "count", "store", "source", "provider", "policy", "helper",
]);
/** The shell's working directories, whose names end like a password's. */
const NOT_SECRET_NAMES = new Set(["pwd", "oldpwd"]);

type SecretName = "always" | "with-equals" | null;

/** Whether an option or variable name holds a secret: with `=` only, or also as `--name value`. */
export function secretName(name: string): SecretName {
  const lower = name.toLowerCase().replace(/^-+/, "");
  if (NOT_SECRET_NAMES.has(lower)) return null;
  const parts = lower.split(/[-_.]+/).filter((p) => p !== "");
  const last = parts.at(-1);
  if (last === undefined || REFERENCE_PART.has(last)) return null;
  // "api-key" and "api_key" are "apikey" spelt apart.
  if (parts.some((p) => SECRET_SUFFIX.test(p)) || SECRET_SUFFIX.test(parts.join(""))) return "always";
  const short = parts.filter((p) => SECRET_PART.has(p));
  if (short.length === 0) return null;
  return short.every((p) => ONLY_WITH_EQUALS.has(p)) ? "with-equals" : "always";
}

type Rule = (line: string) => string;

/** A quoted value keeps its quotes; an unquoted one ends at a space or the next query parameter. */
const VALUE = String.raw`("[^"]*"|'[^']*'|[^\s&"']+)`;
const hide = (value: string): string => (/^["']/.test(value) ? `${value[0]}${REDACTED}${value[0]}` : REDACTED);

/** `--password=x`, `PGPASSWORD=x`, `?token=x&`, `api_key=x`. */
const assignments: Rule = (line) =>
  line.replace(new RegExp(String.raw`(^|[\s?&;,(\[{"'])(-{0,2}[A-Za-z_][\w.-]*)=${VALUE}`, "g"), (all, lead: string, name: string, value: string) =>
    secretName(name) ? `${lead}${name}=${hide(value)}` : all,
  );

/** `--password x`, `--auth-token x`: the next argument, unless it is another option. */
const separateValues: Rule = (line) =>
  line.replace(/(^|\s)(--?[A-Za-z][\w.-]*)(\s+)(?!-)(\S+)/g, (all, lead: string, flag: string, gap: string, value: string) =>
    secretName(flag) === "always" && value !== REDACTED ? `${lead}${flag}${gap}${REDACTED}` : all,
  );

/** `Authorization: Bearer x`, `Proxy-Authorization: Basic x`: the scheme stays, the credentials go. */
const authorization: Rule = (line) =>
  line.replace(/\b((?:proxy-)?authorization\s*:\s*)((?:bearer|basic|token|digest|negotiate|bot)\s+)?([^\s"']+)/gi, (_all, head: string, scheme: string | undefined) => `${head}${scheme ?? ""}${REDACTED}`);

/** `X-Api-Key: x`, `Private-Token: x` and other headers named like a secret. */
const secretHeaders: Rule = (line) =>
  line.replace(/(^|[\s"'])([A-Za-z][\w-]*)(\s*:\s*)([^\s"']+)/g, (all, lead: string, name: string, gap: string) =>
    !/authorization$/i.test(name) && secretName(name) ? `${lead}${name}${gap}${REDACTED}` : all,
  );

/** `scheme://user:password@host`: the user stays, so the reader still sees whose access it was. */
const urlPasswords: Rule = (line) => line.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@:]*):([^\s/@]+)@/gi, (_all, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`);

/** openssl's `-passin pass:x` and `-pass pass:x`. */
const opensslPass: Rule = (line) => line.replace(/(^|\s)pass:(\S+)/g, (_all, lead: string) => `${lead}pass:${REDACTED}`);

/** Programs whose short options carry passwords, each with its own rule. */
const MYSQL = /^(mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlshow|mysqlpump|mysqlbinlog|mysqlsh|mariadb|mariadb-dump|mariadb-admin|mariadb-import|mariadb-check)$/;
const program = (token: string): string => token.replace(/^["'(]+/, "").split("/").at(-1) ?? "";
const mentions = (line: string, names: RegExp): boolean => line.split(/[\s;|&]+/).some((t) => names.test(program(t)));

/** mysql's `-pSECRET` (attached: `-p SECRET` names a database) and `--password` forms are above. */
const mysqlShortPassword: Rule = (line) => (mentions(line, MYSQL) ? line.replace(/(^|\s)-p(?!\s)([^\s;|&]+)/g, (_all, lead: string) => `${lead}-p${REDACTED}`) : line);

/** sshpass's own `-p SECRET` and `-pSECRET` (not the `ssh -p PORT` it runs). */
const sshpass: Rule = (line) =>
  line.replace(/(\bsshpass(?:\s+-[^\sp]\S*)*\s+)-p(\s*)([^\s;|&]+)/g, (_all, head: string, gap: string) => `${head}-p${gap}${REDACTED}`);

/** curl's `-u user:password` and `--user user:password` (`docker -u 1000:1000` is a user and group). */
const curlUser: Rule = (line) =>
  mentions(line, /^curl$/) ? line.replace(/(^|\s)(-u|--user|--proxy-user|-U)(\s*)([^\s:]+):(\S+)/g, (_all, lead: string, flag: string, gap: string, user: string) => `${lead}${flag}${gap}${user}:${REDACTED}`) : line;

/** JSON Web Tokens: three base64url parts, the first a JSON header (`{"` is `eyJ`). */
const jwts: Rule = (line) => line.replace(/\beyJ[\w-]{8,}\.[\w-]+\.[\w-]+/g, REDACTED);

/**
 * Long random-looking runs: API keys, session tokens, JWT parts, hex keys. A run counts when it is at
 * least 32 characters and is either hex with both letters and digits, or mixes upper case, lower case
 * and digits (which words, paths and Kubernetes pod names do not). Paths are left alone, and so are
 * the values of options named `…id` (containerd's `-id <container id>`), which are names, not keys.
 */
const blobs: Rule = (line) =>
  line.replace(/(^|[^A-Za-z0-9+/_-])((?:-{1,2}[\w.-]*?id[\s=])?)([A-Za-z0-9+/_-]{32,}={0,2})(?![A-Za-z0-9+/_=-])/g, (all, lead: string, idOption: string, run: string) => {
    if (idOption !== "" || run.startsWith("/") || run.startsWith("-")) return all;
    const core = run.replace(/=+$/, "");
    const hex = /^[0-9a-f]+$/i.test(core) && /\d/.test(core) && /[a-f]/i.test(core);
    const mixed = /[A-Z]/.test(core) && /[a-z]/.test(core) && /\d/.test(core);
    return hex || mixed ? `${lead}${REDACTED}` : all;
  });

// Order matters: specific shapes first, so a later generic rule finds `[redacted]` and leaves it be.
const RULES: readonly Rule[] = [authorization, urlPasswords, opensslPass, mysqlShortPassword, sshpass, curlUser, assignments, secretHeaders, separateValues, jwts, blobs];

/** The command line with its secrets replaced by `[redacted]`, and whether anything was. */
export function redactCommandLine(line: string): Redaction {
  const text = RULES.reduce((acc, rule) => rule(acc), line);
  return { text, redacted: text !== line };
}
