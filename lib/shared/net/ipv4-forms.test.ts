import { describe, expect, it } from "vitest";
import { canonicalIpv4 } from "@/lib/shared/net/ipv4-forms";

describe("canonicalIpv4", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1"],
    ["0x7f000001", "127.0.0.1"],
    ["0X7F000001", "127.0.0.1"],
    ["2130706433", "127.0.0.1"],
    ["0177.0.0.1", "127.0.0.1"],
    ["0x7f.1", "127.0.0.1"],
    ["127.1", "127.0.0.1"],
    ["127.0.1", "127.0.0.1"],
    ["169.254.43518", "169.254.169.254"],
    ["0xa9fea9fe", "169.254.169.254"],
    ["0", "0.0.0.0"],
    ["010.0.0.1", "8.0.0.1"],
  ])("%s is %s", (form, quad) => expect(canonicalIpv4(form)).toBe(quad));

  it.each(["web-01", "example.com", "1.2.3.4.5", "256.0.0.1", "4294967296", "1.2.3.256", "09.1.1.1", "0x1g", "", "1..2", "::1", "1.2.3.4."])("%s is not a numeric IPv4 form", (text) => {
    expect(canonicalIpv4(text)).toBeNull();
  });
});
