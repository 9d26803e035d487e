// The numeric forms of an IPv4 address that the C library's resolver accepts besides the dotted
// quad: `0x7f000001`, `2130706433`, `0177.0.0.1`, `127.1`. A host typed in any of them is reached
// at the address it stands for, so it is checked and stored as that dotted quad.

const PART = /^(0x[0-9a-f]*|0[0-7]*|[1-9][0-9]*)$/i;

function partValue(part: string): number {
  if (/^0x/i.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (part.length > 1 && part.startsWith("0")) return parseInt(part.slice(1), 8);
  return Number(part);
}

/** The dotted quad a numeric IPv4 form stands for (as inet_aton reads it); null for anything else. */
export function canonicalIpv4(text: string): string | null {
  const parts = text.split(".");
  if (parts.length > 4 || !parts.every((p) => PART.test(p))) return null;
  const values = parts.map(partValue);
  const last = values.pop() ?? 0;
  if (values.some((v) => v > 255) || last >= 2 ** (8 * (4 - values.length))) return null;
  const bytes = [...values];
  for (let shift = 8 * (3 - values.length); shift >= 0; shift -= 8) bytes.push(Math.floor(last / 2 ** shift) % 256);
  return bytes.join(".");
}
