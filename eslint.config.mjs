import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

// The rooms: lib/server runs only on the server, lib/client and components in the browser (or in
// server-rendered pages, with data passed in as props), lib/shared on both sides. An import across
// a wall fails the lint with the reason, before the build fails with a bundler error.
const SERVER = { group: ["@/lib/server", "@/lib/server/**", "server-only", "@/lab", "@/lab/**"], message: "Browser code may not import server code: pass the data in as props, or move pure code to lib/shared." };
const NODE = { group: ["node:*"], message: "Node built-ins do not exist in the browser: keep this code in lib/server." };
const BROWSER = { group: ["@/lib/client", "@/lib/client/**", "@/components", "@/components/**", "react", "react-dom", "swr"], message: "lib/shared is plain code for both sides: it may not import browser code or React." };
const UP_FROM_SERVER = { group: ["@/lib/client", "@/lib/client/**", "@/components", "@/components/**"], message: "Server code may not import browser code: share it through lib/shared." };

export const boundaries = [
  { files: ["components/**/*.{ts,tsx}", "lib/client/**/*.{ts,tsx}", "app/**/page-client.tsx"], rules: { "no-restricted-imports": ["error", { patterns: [SERVER, NODE] }] } },
  { files: ["lib/shared/**/*.{ts,tsx}"], rules: { "no-restricted-imports": ["error", { patterns: [SERVER, NODE, BROWSER] }] } },
  { files: ["lib/server/**/*.{ts,tsx}"], rules: { "no-restricted-imports": ["error", { patterns: [UP_FROM_SERVER] }] } },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  ...boundaries,
  { ignores: [".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];

export default config;
