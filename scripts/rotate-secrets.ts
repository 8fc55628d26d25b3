// Seals every connection's secrets again under the current key: the last step of a key rotation.
//   npm run secrets:rotate
// 1. Put the new key in TANDEM_SECRET_KEY (or .data/secret.key for the local stack) and the old
//    one, comma-separated with any older, in TANDEM_SECRET_KEYS_PREVIOUS; restart web and worker
//    (they open old values through the previous keys and seal new ones under the new key).
// 2. Run this. It also rewrites legacy v1 values (no key id, not bound to their row) as v2.
// 3. When it reports nothing left, drop TANDEM_SECRET_KEYS_PREVIOUS and restart again.
// DATABASE_URL and the key default to the local stack's, as for `npm run db:migrate`.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadServerEnv } from "@tandem/config";
import { devStackOverrides, devStackPaths } from "@tandem/config/dev-stack";
import { createDb, parseSecretKeyring, resealConnectionSecrets, secretKeyId } from "@tandem/db";

const root = path.resolve(import.meta.dirname, "..");
const paths = devStackPaths(root);
const keyFromFile = existsSync(paths.secretKeyFile)
  ? readFileSync(paths.secretKeyFile, "utf8").trim()
  : undefined;
const env = loadServerEnv({
  ...process.env,
  DATABASE_URL: paths.databaseUrl,
  TANDEM_SECRET_KEY: devStackOverrides().secretKey ?? keyFromFile,
});
const keyring = parseSecretKeyring(env.TANDEM_SECRET_KEY, env.TANDEM_SECRET_KEYS_PREVIOUS);
const db = createDb(env.DATABASE_URL);
try {
  const report = await resealConnectionSecrets(db, keyring);
  console.log(
    `sealed under key ${secretKeyId(keyring.current)}: ${report.resealed} resealed, ` +
      `${report.current} already current, ${report.raced} changed meanwhile (run again)`,
  );
  if (report.raced > 0) process.exitCode = 1;
} catch (error) {
  // e.g. a value sealed under a key that is in neither variable: nothing was guessed.
  console.error(
    `secrets:rotate stopped: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
