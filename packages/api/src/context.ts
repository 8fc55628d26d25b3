import type { Client } from "@temporalio/client";
import type { Db, WorkspaceDb } from "@tandem/db";

/** What every procedure may use. The app builds it once per request from its singletons. */
export interface ApiContext {
  /** Guarded: refuses bulk queries on workspace-owned models without a workspace filter. */
  db: Db;
  /** A client that adds the workspace's id to every query on workspace-owned models. */
  scopedDb: (workspaceId: string) => WorkspaceDb;
  temporal: () => Promise<Client>;
  /** The workspace the caller chose (cookie); the single workspace when there is only one. */
  workspaceSlug: string | null;
}
