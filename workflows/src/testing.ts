import { createHash } from "node:crypto";

/**
 * The secret key of Tandem's test suites (`@tandem/workflows/testing`): it seals the harnesses'
 * connection secrets and derives the payload codec's key. Fixed, so the workflow histories in
 * `workflows/history_files/`, recorded by the harness, decode when they are replayed. Not a
 * secret; never a deployment's key.
 */
export const TEST_SECRET_KEY = createHash("sha256")
  .update("tandem: the test suites' secret key, not a secret")
  .digest();
