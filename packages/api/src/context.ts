import type { Client } from "@temporalio/client";
import type { Db } from "@tandem/db";

/** What every procedure may use. The app builds it once per request from its singletons. */
export interface ApiContext {
  db: Db;
  temporal: () => Promise<Client>;
  /** The workspace the caller chose (cookie); the single workspace when there is only one. */
  workspaceSlug: string | null;
}
