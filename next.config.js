// ssh2 loads its native crypto binding through a guarded require that bundlers mangle;
// better-sqlite3 is a native addon as well; pg and pg-boss load optional modules by name. All
// stay plain Node requires.
/** @type {import('next').NextConfig} */
module.exports = {
  serverExternalPackages: ["ssh2", "better-sqlite3", "pg", "pg-boss"],
  poweredByHeader: false,
  reactStrictMode: true,
};
