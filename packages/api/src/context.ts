import type { Client } from "@temporalio/client";
import type { Db, SecretKeys, WorkspaceDb } from "@tandem/db";
import type { ExecutorNudger } from "@tandem/workflows/dispatch";

/** What reading from a connected system needs: the key that opens connection secrets. */
export interface ConnectorAccess {
  secretKey: SecretKeys;
  /** Lets connectors reach loopback and private addresses (the local simulators). */
  allowPrivateNetwork: boolean;
  /** The URL vendors reach webhook ingress at (TANDEM_WEBHOOK_URL or TANDEM_PUBLIC_URL). */
  publicUrl?: string;
}

/** What every procedure may use. The app builds it once per request from its singletons. */
export interface ApiContext {
  /** Guarded: refuses bulk queries on workspace-owned models without a workspace filter. */
  db: Db;
  /** A client that adds the workspace's id to every query on workspace-owned models. */
  scopedDb: (workspaceId: string) => WorkspaceDb;
  temporal: () => Promise<Client>;
  /** The workers' task queue, where procedures start workflows; TASK_QUEUE when absent. */
  taskQueue?: string;
  /** Minutes between reconciliation runs of a sync that sets none (TANDEM_RECONCILE_INTERVAL_MINUTES). */
  reconcileIntervalMinutes?: number;
  /** Signals sync executors (after an operator answers a review item); absent in some tests. */
  nudger?: ExecutorNudger;
  /**
   * The session token the caller presented (the web app reads it from its httpOnly cookie), or
   * null. Procedures look the session up themselves: the workspace and the role come from it and
   * its membership, never from anything else the caller sends.
   */
  sessionToken: string | null;
  /**
   * Present when the app may read from connected systems (mapping samples, what-if). Without
   * it those procedures fall back to generated samples and recorded shadows.
   */
  connectorAccess?: ConnectorAccess;
}
