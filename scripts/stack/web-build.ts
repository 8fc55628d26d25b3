// The web app's production build, made only when the sources that feed it changed: a stamp (a
// hash of those files' contents) is written next to the build and compared on the next start.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** What `next build` reads: the app, every package's sources, the lock file, the schema. */
const BUILD_INPUTS = [
  "apps/web",
  "packages",
  "workflows",
  "package-lock.json",
  "tsconfig.base.json",
  "prisma/schema.prisma",
];
const NOT_BUILD_INPUTS = /(^|\/)test\/|\.test\.tsx?$|(^|\/)vitest\.config\.ts$/;

/**
 * A hash over the git-tracked (and new, not ignored) build inputs as they are on disk, edits not
 * yet committed included. Null outside a git checkout.
 */
export function webSourceStamp(root: string): string | null {
  let listing: string;
  try {
    listing = execFileSync(
      "git",
      ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", ...BUILD_INPUTS],
      { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
    );
  } catch {
    return null;
  }
  const files = [...new Set(listing.split("\0").filter(Boolean))]
    .filter((file) => !NOT_BUILD_INPUTS.test(file))
    .sort();
  const hash = createHash("sha256");
  for (const file of files) {
    const absolute = path.join(root, file);
    const content = existsSync(absolute)
      ? createHash("sha256").update(readFileSync(absolute)).digest("hex")
      : "deleted";
    hash.update(`${file}\0${content}\n`);
  }
  return hash.digest("hex");
}

/**
 * Builds apps/web for `next start` unless the build there was made from these very sources.
 * `force` builds regardless (the test command checks the build itself).
 */
export function ensureWebBuild(
  root: string,
  options: { env?: NodeJS.ProcessEnv; force?: boolean } = {},
): void {
  const webDir = path.join(root, "apps", "web");
  const stampFile = path.join(webDir, ".next", "tandem-source-stamp");
  const stamp = webSourceStamp(root);
  const built =
    existsSync(path.join(webDir, ".next", "BUILD_ID")) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, "utf8").trim() === stamp;
  if (built && !options.force) {
    console.log("tandem: production build is up to date");
    return;
  }
  console.log(
    options.force
      ? "tandem: building the production app…"
      : "tandem: building the production app (first run or sources changed)…",
  );
  const started = Date.now();
  rmSync(stampFile, { force: true });
  execFileSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
    cwd: webDir,
    env: { ...(options.env ?? process.env), NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
  });
  if (stamp) writeFileSync(stampFile, `${stamp}\n`);
  console.log(`tandem: production build done in ${Math.round((Date.now() - started) / 1000)} s`);
}
