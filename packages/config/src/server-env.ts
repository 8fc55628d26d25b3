import { z } from "zod";
import { createHostAllowlist, type HostAllowlist } from "./host-allowlist";

/**
 * The one place server processes (web, worker, scripts) read their environment. Everything
 * else receives these values as arguments.
 */
const ServerEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|postgres(ql)?:\/\/)/,
      "must be file:<path> (SQLite) or postgresql://… (PostgreSQL)",
    ),
  TEMPORAL_ADDRESS: z.string().min(1).default("127.0.0.1:7233"),
  TEMPORAL_NAMESPACE: z.string().min(1).default("default"),
  TANDEM_SECRET_KEY: z
    .string()
    .min(1, "is required: 32 random bytes, base64 (the dev runner writes one to .data/secret.key)"),
  /**
   * Keys that sealed secrets before TANDEM_SECRET_KEY did, comma-separated base64: they still
   * open those secrets until `npm run secrets:rotate` has sealed everything under the new key.
   */
  TANDEM_SECRET_KEYS_PREVIOUS: z.string().default(""),
  /** Connectors may call loopback and private addresses: only for local simulators. */
  TANDEM_ALLOW_PRIVATE_NETWORK: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  /**
   * The Temporal task queue this deployment's workers poll and its clients start executors on.
   * Deployments that share one Temporal cluster (say, one per employer) each name their own.
   */
  TANDEM_TASK_QUEUE: z.string().min(1).default("tandem-sync"),
  /**
   * Minutes between two reconciliation runs of a sync that sets no interval of its own. Each
   * run lists every change since the last one in each system (BambooHR: one request plus one
   * read per changed person; without a change listing, every page of the system).
   */
  TANDEM_RECONCILE_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Changes one drain settles at most, and records it steps at once (worker tuning). */
  TANDEM_DRAIN_BATCH: z.coerce.number().int().min(1).max(1000).default(200),
  TANDEM_DRAIN_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /**
   * Days a settled webhook delivery (processed or failed, with its sealed headers and body)
   * stays in the inbox; the inbox relay prunes older ones about every 40 minutes.
   */
  TANDEM_INBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Where the standalone webhook ingress (`npm run ingress`) listens. */
  TANDEM_INGRESS_HOST: z.string().min(1).default("127.0.0.1"),
  TANDEM_INGRESS_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** The URL the app is served at. */
  TANDEM_PUBLIC_URL: z.url().default("http://127.0.0.1:3000"),
  /**
   * The base URL vendors reach webhook ingress at (`<url>/api/hooks/<connection>`), when it is
   * not the app's own: the standalone ingress (`npm run ingress`). TANDEM_PUBLIC_URL otherwise.
   */
  TANDEM_WEBHOOK_URL: z.url().optional(),
  /**
   * Host names (comma-separated, `host` or `host:port`) the app and the ingress answer besides
   * those of TANDEM_PUBLIC_URL and TANDEM_WEBHOOK_URL; any other `Host` gets 421 (DNS rebinding).
   * For example the name a reverse proxy forwards when it rewrites `Host`.
   */
  TANDEM_ALLOWED_HOSTS: z.string().default(""),
  /**
   * The origin of the Temporal Web UI, the one origin allowed to call the codec endpoint
   * (`/api/temporal-codec/decode`) from the browser. The dev server's UI by default.
   */
  TANDEM_TEMPORAL_UI_ORIGIN: z
    .url()
    .default("http://127.0.0.1:8233")
    .transform((url) => new URL(url).origin),
});

export type ServerEnv = z.infer<typeof ServerEnvSchema>;

export class ServerEnvError extends Error {
  override name = "ServerEnvError";
}

function parseEnv<T extends z.ZodType>(
  schema: T,
  source: Record<string, string | undefined>,
): z.infer<T> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new ServerEnvError(`invalid environment: ${problems.join("; ")}`);
  }
  return parsed.data;
}

export function loadServerEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  return parseEnv(ServerEnvSchema, source);
}

/**
 * The Host allowlist from the environment, reading only the variables it needs (the web app's
 * proxy runs it on every request, without the database or secret settings).
 */
export function loadHostAllowlist(
  source: Record<string, string | undefined> = process.env,
): HostAllowlist {
  const env = parseEnv(
    ServerEnvSchema.pick({
      TANDEM_PUBLIC_URL: true,
      TANDEM_WEBHOOK_URL: true,
      TANDEM_ALLOWED_HOSTS: true,
    }),
    source,
  );
  try {
    return createHostAllowlist({
      publicUrl: env.TANDEM_PUBLIC_URL,
      webhookUrl: env.TANDEM_WEBHOOK_URL,
      allowedHosts: env.TANDEM_ALLOWED_HOSTS,
    });
  } catch (error) {
    throw new ServerEnvError(`invalid environment: ${(error as Error).message}`);
  }
}
