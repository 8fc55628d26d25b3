import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { renderAdminPage } from "./admin-page";
import { mergeFaultSettings, type FaultInjector } from "./faults";
import { readJsonBody, sendJson, sendHtml } from "./http";
import type { RequestLog } from "./request-log";
import { matchRoute } from "./route";
import type { DeliveryAttempt, WebhookTarget } from "./webhook-queue";

export interface AdminFormField {
  /** Key in the admin API's JSON body. */
  name: string;
  /** Accessible label, e.g. "First name". */
  label: string;
  /** Present for a select. */
  options?: readonly string[];
}

export interface AdminRow {
  id: string;
  values: Record<string, string>;
}

export type AdminWriteResult =
  { ok: true; record: unknown } | { ok: false; status: number; message: string };

/** What each vendor simulator plugs into the shared admin API and page. */
export interface VendorAdmin {
  vendorName: string;
  formFields: readonly AdminFormField[];
  /** Employees in the vendor's own shape. */
  listRecords(): unknown[];
  rows(): AdminRow[];
  create(input: unknown): AdminWriteResult;
  update(id: string, input: unknown): AdminWriteResult;
  /**
   * The vendor's own admin routes under `/_admin/` (Gusto's benefit enrollments), tried before
   * the 404; `body` is the parsed JSON of a request that has one. Null: not a vendor route.
   */
  route?(method: string, path: string, url: URL, body: unknown): AdminRouteResult | null;
}

export interface AdminRouteResult {
  status: number;
  body: unknown;
}

export interface AdminControls {
  requestLog: RequestLog;
  deliveries: readonly DeliveryAttempt[];
  getWebhook(): WebhookTarget | null;
  setWebhook(target: WebhookTarget): void;
  faults: FaultInjector;
  reset(): void;
}

const WebhookTargetBody = z.object({
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(1),
});

function sendResult(response: ServerResponse, result: AdminWriteResult, successStatus: number) {
  if (result.ok) sendJson(response, successStatus, result.record);
  else sendJson(response, result.status, { error: result.message });
}

/**
 * `/_admin/…`: the simulator's own controls, deliberately outside the vendor's paths and
 * without vendor auth (the server only answers them on loopback).
 */
export async function handleAdminRequest(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  vendor: VendorAdmin,
  controls: AdminControls,
): Promise<void> {
  const method = request.method ?? "GET";
  const path = url.pathname.replace(/\/+$/, "") || "/";

  if (method === "GET" && path === "/_admin") {
    sendHtml(
      response,
      200,
      renderAdminPage({
        vendorName: vendor.vendorName,
        fields: vendor.formFields,
        rows: vendor.rows(),
        webhookUrl: controls.getWebhook()?.url ?? null,
      }),
    );
    return;
  }
  if (path === "/_admin/employees") {
    if (method === "GET") return sendJson(response, 200, vendor.listRecords());
    if (method === "POST") {
      const body = await readJsonBody(request);
      if (!body.ok) return sendJson(response, 400, { error: body.message });
      return sendResult(response, vendor.create(body.value), 201);
    }
  }
  const employee = matchRoute("/_admin/employees/:id", path);
  if (employee?.id !== undefined && method === "PATCH") {
    const body = await readJsonBody(request);
    if (!body.ok) return sendJson(response, 400, { error: body.message });
    return sendResult(response, vendor.update(employee.id, body.value), 200);
  }
  if (method === "GET" && path === "/_admin/requests") {
    return sendJson(response, 200, controls.requestLog.entries);
  }
  if (method === "GET" && path === "/_admin/deliveries") {
    return sendJson(response, 200, controls.deliveries);
  }
  if (path === "/_admin/webhook") {
    if (method === "GET") {
      return sendJson(response, 200, { url: controls.getWebhook()?.url ?? null });
    }
    if (method === "PUT") {
      const body = await readJsonBody(request);
      if (!body.ok) return sendJson(response, 400, { error: body.message });
      const target = WebhookTargetBody.safeParse(body.value);
      if (!target.success) {
        return sendJson(response, 400, { error: "expected {url, secret} with an http(s) url" });
      }
      controls.setWebhook(target.data);
      return sendJson(response, 200, { url: target.data.url });
    }
  }
  if (path === "/_admin/faults") {
    if (method === "GET") return sendJson(response, 200, controls.faults.current());
    if (method === "PUT") {
      const body = await readJsonBody(request);
      if (!body.ok) return sendJson(response, 400, { error: body.message });
      const merged = mergeFaultSettings(controls.faults.current(), body.value);
      if (!merged.ok) return sendJson(response, 400, { error: merged.message });
      controls.faults.replace(merged.settings);
      return sendJson(response, 200, controls.faults.current());
    }
  }
  if (method === "POST" && path === "/_admin/reset") {
    controls.reset();
    return sendJson(response, 200, { ok: true });
  }
  if (vendor.route) {
    let body: unknown;
    if (method !== "GET" && method !== "DELETE") {
      const read = await readJsonBody(request);
      if (!read.ok) return sendJson(response, 400, { error: read.message });
      body = read.value;
    }
    const answer = vendor.route(method, path, url, body);
    if (answer) return sendJson(response, answer.status, answer.body);
  }
  sendJson(response, 404, { error: `no admin route ${method} ${path}` });
}
