import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createServer, connect } from "node:net";

/** Fails with one clear line when a port this stack needs is taken. */
export async function assertPortFree(port: number, what: string, envVar: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
  if (!free)
    throw new StackError(
      `port ${port} (${what}) is already in use; stop what holds it or set ${envVar} to another port`,
    );
}

export class StackError extends Error {
  override name = "StackError";
}

export async function waitForPort(
  port: number,
  what: string,
  timeoutMs: number,
  child?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new StackError(
        `${what} exited with code ${child.exitCode} before it listened on port ${port}`,
      );
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new StackError(
    `${what} did not listen on port ${port} within ${Math.round(timeoutMs / 1000)} s`,
  );
}

export async function waitForHttp(
  url: string,
  what: string,
  timeoutMs: number,
  child?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new StackError(`${what} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new StackError(
    `${what} did not answer at ${url} within ${Math.round(timeoutMs / 1000)} s (${last})`,
  );
}

/** The stack's child processes: each one's output is prefixed with its name, and all stop together. */
export class ProcessGroup {
  private readonly children: { name: string; child: ChildProcess }[] = [];
  private stopping = false;

  start(
    name: string,
    command: string,
    args: string[],
    options: SpawnOptions & { quiet?: boolean } = {},
  ): ChildProcess {
    const child = spawn(command, args, {
      ...options,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const prefix = (line: string) => `${name.padEnd(9)}| ${line}`;
    for (const stream of [child.stdout, child.stderr]) {
      let buffer = "";
      stream?.on("data", (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        if (!options.quiet)
          for (const line of lines) if (line.trim()) process.stdout.write(`${prefix(line)}\n`);
      });
    }
    this.children.push({ name, child });
    child.once("exit", (code, signal) => {
      if (!this.stopping) {
        console.error(
          `tandem: ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the stack.`,
        );
        void this.stop().then(() => process.exit(1));
      }
    });
    return child;
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await Promise.all(
      [...this.children].reverse().map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.pid === undefined) return resolve();
            child.once("exit", () => resolve());
            try {
              process.kill(-child.pid, "SIGTERM");
            } catch {
              resolve();
            }
            setTimeout(() => {
              try {
                if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
              } catch {
                // already gone
              }
              resolve();
            }, 8_000).unref();
          }),
      ),
    );
  }
}
