import type { IncomingMessage, ServerResponse } from "node:http";
import { appendBounded, LOG_LIMIT } from "./bounded-log";

export interface RequestLogEntry {
  method: string;
  /** Path and query string as received. */
  path: string;
  status: number;
  /** ISO 8601 instant the request arrived. */
  time: string;
}

/** The requests a simulator received (the latest `limit`), so tests and people can see what the sync did. */
export class RequestLog {
  readonly entries: RequestLogEntry[] = [];

  constructor(private readonly limit = LOG_LIMIT) {}

  track(request: IncomingMessage, response: ServerResponse): void {
    const time = new Date().toISOString();
    response.on("finish", () => {
      appendBounded(
        this.entries,
        {
          method: request.method ?? "GET",
          path: request.url ?? "/",
          status: response.statusCode,
          time,
        },
        this.limit,
      );
    });
  }

  clear(): void {
    this.entries.length = 0;
  }
}
