import type { IncomingMessage, ServerResponse } from "node:http";

export interface RequestLogEntry {
  method: string;
  /** Path and query string as received. */
  path: string;
  status: number;
  /** ISO 8601 instant the request arrived. */
  time: string;
}

/** Every request a simulator received, so tests and people can see what the sync did. */
export class RequestLog {
  readonly entries: RequestLogEntry[] = [];

  track(request: IncomingMessage, response: ServerResponse): void {
    const time = new Date().toISOString();
    response.on("finish", () => {
      this.entries.push({
        method: request.method ?? "GET",
        path: request.url ?? "/",
        status: response.statusCode,
        time,
      });
    });
  }

  clear(): void {
    this.entries.length = 0;
  }
}
