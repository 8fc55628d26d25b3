// One lint set-up for the whole repo: type-aware typescript-eslint, Prettier owns formatting,
// and workflow code is held to Temporal's determinism rules.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";
import { builtinModules } from "node:module";

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

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
