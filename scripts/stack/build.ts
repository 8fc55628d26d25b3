// The web app's production build, stamped so that `npm start` and Playwright's stack reuse it.
//   tsx scripts/stack/build.ts [--force]
// --force builds even when the stamp says the build is up to date (the test command does).
import path from "node:path";
import { ensureWebBuild } from "./web-build";

ensureWebBuild(path.resolve(import.meta.dirname, "..", ".."), {
  force: process.argv.includes("--force"),
});
