import type { NextConfig } from "next";
import { MAX_BODY_BYTES } from "./lib/server/http/body-limit";
import { API_POLICY, SECURITY_HEADERS } from "./lib/server/http/security-headers";

const config: NextConfig = {
  // ssh2 loads its native crypto binding through a guarded require that bundlers mangle;
  // better-sqlite3 is a native addon as well; pg loads optional modules by name, and pg-boss
  // loads pg. All stay plain Node requires.
  serverExternalPackages: ["ssh2", "better-sqlite3", "pg", "pg-boss"],
  poweredByHeader: false,
  reactStrictMode: true,
  // Next.js buffers a copy of a page request's body for the proxy; no page takes one.
  experimental: { proxyClientMaxBodySize: MAX_BODY_BYTES },
  // The proxy (proxy.ts) does not run for the API: its answers get their fixed headers here,
  // the unknown paths' 404s included.
  async headers() {
    return [{ source: "/api/:path*", headers: Object.entries({ ...SECURITY_HEADERS, "content-security-policy": API_POLICY }).map(([key, value]) => ({ key, value })) }];
  },
};

export default config;
