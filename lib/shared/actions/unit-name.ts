// systemd's unit-name grammar, as unit_name_is_valid() in systemd's src/basic/unit-name.c checks it:
// at most 255 bytes; PREFIX[@INSTANCE].TYPE where TYPE is one of systemd's unit types, the part
// before the last dot is letters, digits and `:-_.\` (escapes such as `\x2d` are plain text) plus
// `@`, the first `@` is not the first character, and an empty instance (`foo@.service`) is a
// template. Pure, shared by the request schema, the remote command builder and the pages.
import { fail, ok, type Result } from "@/lib/shared/result";

/** UNIT_NAME_MAX is 256 with the terminating NUL. */
export const UNIT_NAME_MAX = 255;

export const UNIT_TYPES = ["service", "socket", "target", "device", "mount", "automount", "swap", "timer", "path", "slice", "scope"] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export type UnitName = { name: string; prefix: string; instance: string | null; template: boolean; type: UnitType };

// Letters, digits and `:-_.\` before the type, plus `@`; the type itself is letters.
const NAME_CHARS = /^[A-Za-z0-9:_.\\@-]+$/;

const isUnitType = (t: string): t is UnitType => (UNIT_TYPES as readonly string[]).includes(t);

/** Any unit name systemd would accept, split into its parts; the error says what is wrong. */
export function parseUnitName(name: string): Result<UnitName> {
  if (name.length === 0) return fail("is empty");
  if (name.length > UNIT_NAME_MAX) return fail(`is longer than systemd's ${UNIT_NAME_MAX} characters`);
  if (!NAME_CHARS.test(name)) return fail("holds characters systemd does not allow in unit names (only letters, digits and : - _ . \\ @)");
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return fail("needs a name and a unit type, like nginx.service");
  const type = name.slice(dot + 1);
  if (!isUnitType(type)) return fail(`ends in .${type.slice(0, 20)}, which is not a systemd unit type`);
  const head = name.slice(0, dot);
  const at = head.indexOf("@");
  if (at === 0) return fail("must not start with @");
  if (at < 0) return ok({ name, prefix: head, instance: null, template: false, type });
  const instance = head.slice(at + 1);
  return ok({ name, prefix: head.slice(0, at), instance: instance === "" ? null : instance, template: instance === "", type });
}

/**
 * A unit `systemctl restart` can restart for a zombie's parent: a service, and not a template (a
 * running process always belongs to an instance). Scopes and slices are not started by systemd.
 */
export function parseRestartableUnit(name: string): Result<UnitName> {
  const parsed = parseUnitName(name);
  if (!parsed.ok) return parsed;
  if (parsed.value.type !== "service") return fail(`is a .${parsed.value.type} unit; only services (.service) can be restarted`);
  if (parsed.value.template) return fail("is a template (nothing after @); name the instance, like getty@tty1.service");
  return parsed;
}
