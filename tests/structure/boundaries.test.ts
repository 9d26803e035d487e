// The lint rule that keeps server, shared and browser code in their rooms (eslint.config.mjs),
// run with the project's real config on planted imports: it must fire on a wall crossed, and stay
// quiet on an allowed import.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const planted = ["components/planted.tsx", "lib/client/planted.ts", "app/(app)/planted/page-client.tsx", "lib/shared/planted.ts", "lib/server/planted.ts"];
// The planted files do not exist on disk: the type-aware parser gets them as a default project.
const eslint = new ESLint({ cwd: root, overrideConfig: { languageOptions: { parserOptions: { projectService: { allowDefaultProject: planted } } } } });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = [planted];\n`, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? "parse"}: ${m.message}`);
}

describe("the boundary rule", () => {
  const cases: [string, string, string, boolean][] = [
    ["a client component importing the SSH pool", "components/planted.tsx", 'import { sshPool as planted } from "@/lib/server/ssh/remote";', true],
    ["a client component importing the error class", "components/planted.tsx", 'import { AppError as planted } from "@/lib/shared/errors/app-error";', false],
    ["a browser hook importing the store", "lib/client/planted.ts", 'import { getDb as planted } from "@/lib/server/db/client";', true],
    ["a browser hook importing a Node built-in", "lib/client/planted.ts", 'import planted from "node:fs";', true],
    ["a page's client half importing server-only", "app/(app)/planted/page-client.tsx", 'import planted from "server-only";', true],
    ["shared code importing React", "lib/shared/planted.ts", 'import { useState as planted } from "react";', true],
    ["shared code importing a browser hook", "lib/shared/planted.ts", 'import { fetcher as planted } from "@/lib/client/fetcher";', true],
    ["shared code importing server code", "lib/shared/planted.ts", 'import { env as planted } from "@/lib/server/env";', true],
    ["shared code importing shared code", "lib/shared/planted.ts", 'import { formatCount as planted } from "@/lib/shared/format/numbers";', false],
    ["server code importing a component", "lib/server/planted.ts", 'import { Button as planted } from "@/components/ui/button";', true],
    ["server code importing shared code", "lib/server/planted.ts", 'import { AppError as planted } from "@/lib/shared/errors/app-error";', false],
  ];
  it.each(cases)("%s", async (_, file, source, fires) => {
    const messages = await restrictedImports(file, source);
    if (fires) expect(messages).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
    else expect(messages).toEqual([]);
  }, 60_000);
});
