// ssh2 loads its native crypto binding through a guarded require that bundlers mangle;
// better-sqlite3 is a native addon as well. Both stay plain Node requires.
/** @type {import('next').NextConfig} */
module.exports = {
  serverExternalPackages: ["ssh2", "better-sqlite3"],
  poweredByHeader: false,
  reactStrictMode: true,
};
