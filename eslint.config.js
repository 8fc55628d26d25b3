// One lint set-up for the whole repo: type-aware typescript-eslint, Prettier owns formatting,
// workflow code is held to Temporal's determinism rules, and the boundaries between packages
// (who reads the environment, what runs in the browser, how packages import each other) are
// checked rather than left to habit.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";
import { existsSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// Where process.env may be read: @tandem/config (which hands typed values to everything else),
// programs that are not part of the product (scripts, benchmarks, end-to-end set-up), tests and
// their set-up files, and tool config files. create-t3-turbo's restrictEnvAccess, repo-wide.
const readsEnvironment = [
  "packages/config/**",
  "scripts/**",
  "bench/**",
  "e2e/**",
  "**/test/**",
  "**/*.test.ts",
  "**/*.test.tsx",
  "**/test-*.ts",
  "**/src/testing/**",
  "**/*.config.{ts,js,mjs,cjs}",
];
const envMessage =
  "Read the environment through @tandem/config (loadServerEnv, or a typed reader added there) and pass the values in.";

/** The nearest directory with a package.json: the workspace package a path belongs to. */
const packageRootCache = new Map();
function packageRootOf(dir) {
  if (packageRootCache.has(dir)) return packageRootCache.get(dir);
  const parent = path.dirname(dir);
  const root =
    existsSync(path.join(dir, "package.json")) || parent === dir ? dir : packageRootOf(parent);
  packageRootCache.set(dir, root);
  return root;
}

// A relative import that leaves its own package reaches into another one's files, bypassing its
// exports (and, from scripts/ or bench/, making the repo layout an API). Import the package by name;
// give it an "exports" entry (like @tandem/db/testing) when what is needed is not exported yet.
const noRelativeImportOutsidePackage = {
  meta: {
    type: "problem",
    docs: { description: "Forbid relative imports that climb out of the importing package." },
    schema: [],
    messages: {
      outside:
        "'{{source}}' reaches into {{target}} from {{own}}: import it by package name, through an \"exports\" entry of that package.",
    },
  },
  create(context) {
    const own = packageRootOf(path.dirname(context.filename));
    const check = (node) => {
      const source = node?.type === "Literal" ? node.value : undefined;
      if (typeof source !== "string" || !source.startsWith(".")) return;
      const resolved = path.resolve(path.dirname(context.filename), source);
      const isDir = existsSync(resolved) && statSync(resolved).isDirectory();
      const target = packageRootOf(isDir ? resolved : path.dirname(resolved));
      if (target === own) return;
      const relative = (dir) => path.relative(context.cwd, dir) || "the repo root";
      context.report({
        node,
        messageId: "outside",
        data: { source, target: relative(target), own: relative(own) },
      });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/.turbo/**",
      "**/.data/**",
      "**/dist/**",
      "packages/db/src/generated/**",
      "prisma/generated/**",
      "**/test-results/**",
      "**/playwright-report/**",
      "**/next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    plugins: {
      tandem: { rules: { "no-relative-import-outside-package": noRelativeImportOutsidePackage } },
    },
    rules: { "tandem/no-relative-import-outside-package": "error" },
  },
  {
    // The browser-package and workflow blocks below replace these rule settings for their files;
    // both still forbid the env (all of node:process, resp. the process global).
    ignores: readsEnvironment,
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: envMessage },
      ],
      "no-restricted-imports": [
        "error",
        {
          paths: ["process", "node:process"].map((name) => ({
            name,
            importNames: ["env"],
            message: envMessage,
          })),
        },
      ],
    },
  },
  {
    // hr-model, mapping and sync-core run in the browser too (the editor's live preview).
    // Their tests run in Node and may use Node's modules.
    files: ["packages/{hr-model,mapping,sync-core}/src/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message:
              "This package runs in the browser too: no Node built-ins. Take what is needed as an argument, or feature-detect it at run time as mapping's sha256 does with process.getBuiltinModule.",
          })),
        },
      ],
    },
  },
  {
    // Workflow code is replayed: no I/O, no clock, no randomness outside Temporal's APIs.
    files: ["workflows/src/workflows/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: "Workflow code must be deterministic: Node built-ins belong in activities.",
          })),
          patterns: [
            {
              group: [
                "@tandem/db",
                "@tandem/connectors",
                "@temporalio/activity",
                "@temporalio/client",
                "@temporalio/worker",
              ],
              message: "Workflows import activities only as types, through proxyActivities.",
              allowTypeImports: true,
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "setTimeout", message: "Use sleep() from @temporalio/workflow." },
        { name: "setInterval", message: "Use a loop with sleep() from @temporalio/workflow." },
        { name: "fetch", message: "Network calls belong in activities." },
        { name: "process", message: "Workflow code must not read the environment." },
      ],
      "no-restricted-properties": [
        "error",
        {
          object: "Math",
          property: "random",
          message: "Randomness breaks replay; use uuid4() from @temporalio/workflow.",
        },
        {
          object: "Date",
          property: "now",
          message: "Use workflowInfo() times or pass time in as data.",
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "new Date() reads the clock; pass time in as data.",
        },
      ],
    },
  },
  prettier,
);
