import { canonicalJson } from "./canonical-json";
import { sha256Hex } from "./sha256";
import type { SyncPlanContent } from "./sync-plan";

/** The version name of a plan: `sha256:` and the hash of its canonical content. */
export function planContentHash(content: SyncPlanContent): string {
  return `sha256:${sha256Hex(canonicalJson(content))}`;
}
