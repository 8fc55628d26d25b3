import type { IncomingMessage, ServerResponse } from "node:http";
import { readJsonBody, sendEmpty, sendJson } from "../shared/http";
import { matchRoute } from "../shared/route";
import type { RouteHandler } from "../shared/simulator-server";
import type { WebhookSender } from "../shared/vendor-simulator";
import {
  parseGustoCompensationUpdate,
  parseGustoCreate,
  parseGustoTermination,
  parseGustoUpdate,
} from "./fields";
import { parseGustoEmployeeBenefitUpdate } from "./benefits";
import type { GustoEventLog } from "./events";
import { listGustoEvents } from "./events-api";
import type { GustoStore } from "./store";
import { createGustoEmploymentApi } from "./employment-api";
import { gustoErrors, invalidBody, missing, staleVersion, type GustoReply } from "./replies";
import type { GustoWebhookSubscriptions } from "./webhook-subscriptions";
import { createGustoWebhookSubscriptionsApi } from "./webhook-subscriptions-api";

const DEFAULT_PER = 25;
const MAX_PER = 100;

function pageParam(url: URL, name: string, fallback: number): number | null {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 1 ? value : null;
}

/**
 * The Gusto API under `/v1`: company employee list (page/per with X-Page headers) and create,
 * employee read, versioned update (409 on a stale version), terminations, jobs and
 * compensations, and employee benefits (list, read, versioned update). A repeated
 * Idempotency-Key on a write replays the first successful response.
 */
export function createGustoApi(options: {
  store: GustoStore;
  companyId: string;
  accessToken: string;
  /**
   * The organization's system token, which webhook subscriptions and the event log take (not
   * the company token); without it they answer 401.
   */
  systemAccessToken?: string;
  subscriptions: GustoWebhookSubscriptions;
  events: GustoEventLog;
  webhooks: WebhookSender;
}): RouteHandler {
  const { store } = options;
  const subscriptionRoutes = createGustoWebhookSubscriptionsApi(options);
  const employmentRoutes = createGustoEmploymentApi(store, options.companyId);

  async function handle(request: IncomingMessage, response: ServerResponse, url: URL) {
    const method = request.method ?? "GET";
    const isSubscriptionPath = url.pathname.startsWith("/v1/webhook_subscriptions");
    const isEventsPath = url.pathname === "/v1/events";
    const token =
      isSubscriptionPath || isEventsPath ? options.systemAccessToken : options.accessToken;
    if (token === undefined || request.headers.authorization !== `Bearer ${token}`) {
      return sendJson(response, 401, {
        errors: [
          {
            error_key: "base",
            category: "invalid_authorization",
            message: "The access token is invalid",
          },
        ],
      });
    }
    const idempotencyKey = request.headers["idempotency-key"];
    const replayKey =
      typeof idempotencyKey === "string" && method !== "GET"
        ? `${method} ${url.pathname} ${idempotencyKey}`
        : null;
    const recorded = replayKey === null ? undefined : store.idempotentResponses.get(replayKey);
    if (recorded) return sendJson(response, recorded.status, recorded.body);

    const reply: Reply = isSubscriptionPath
      ? ((await subscriptionRoutes(method, request, url)) ??
        missing(`Route ${method} ${url.pathname}`))
      : isEventsPath
        ? method === "GET"
          ? listGustoEvents(options.events, url)
          : missing(`Route ${method} ${url.pathname}`)
        : ((await employmentRoutes(method, request, url)) ?? (await route(method, request, url)));
    if (replayKey !== null && reply.status >= 200 && reply.status < 300) {
      store.idempotentResponses.set(replayKey, {
        status: reply.status,
        body: structuredClone(reply.body),
      });
    }
    if (reply.headers) {
      for (const [name, value] of Object.entries(reply.headers)) response.setHeader(name, value);
    }
    if (reply.body === undefined) sendEmpty(response, reply.status);
    else sendJson(response, reply.status, reply.body);
  }

  type Reply = GustoReply;
  const errors = gustoErrors;

  async function route(method: string, request: IncomingMessage, url: URL): Promise<Reply> {
    const company = matchRoute("/v1/companies/:companyId/employees", url.pathname);
    if (company) {
      if (company.companyId !== options.companyId) return missing("Company");
      if (method === "GET") return listEmployees(url);
      if (method === "POST") {
        const body = await readJsonBody(request);
        if (!body.ok) return invalidBody(body.message);
        const parsed = parseGustoCreate(body.value);
        return parsed.ok
          ? { status: 201, body: store.create(parsed.value) }
          : errors(422, parsed.errors);
      }
    }
    const employee = matchRoute("/v1/employees/:uuid", url.pathname);
    if (employee?.uuid !== undefined) {
      const record = store.get(employee.uuid);
      if (!record) return missing("Employee");
      if (method === "GET") return { status: 200, body: record };
      if (method === "PUT") {
        const body = await readJsonBody(request);
        if (!body.ok) return invalidBody(body.message);
        const parsed = parseGustoUpdate(body.value);
        if (!parsed.ok) return errors(422, parsed.errors);
        if (parsed.value.version !== record.version) {
          return staleVersion("employee");
        }
        return { status: 200, body: store.update(employee.uuid, parsed.value.fields) };
      }
    }
    const terminations = matchRoute("/v1/employees/:uuid/terminations", url.pathname);
    if (terminations?.uuid !== undefined && method === "POST") {
      const record = store.get(terminations.uuid);
      if (!record) return missing("Employee");
      if (record.terminated) {
        return errors(422, [
          {
            error_key: "base",
            category: "invalid_operation",
            message: "The employee is already terminated",
          },
        ]);
      }
      const body = await readJsonBody(request);
      if (!body.ok) return invalidBody(body.message);
      const parsed = parseGustoTermination(body.value);
      if (!parsed.ok) return errors(422, parsed.errors);
      return { status: 201, body: store.terminate(terminations.uuid, parsed.value) };
    }
    const jobs = matchRoute("/v1/employees/:uuid/jobs", url.pathname);
    if (jobs?.uuid !== undefined && method === "GET") {
      const list = store.jobsOf(jobs.uuid);
      return list ? { status: 200, body: list } : missing("Employee");
    }
    const jobCompensations = matchRoute("/v1/jobs/:jobId/compensations", url.pathname);
    if (jobCompensations?.jobId !== undefined && method === "GET") {
      const job = store.findJob(jobCompensations.jobId);
      return job ? { status: 200, body: job.compensations } : missing("Job");
    }
    const compensation = matchRoute("/v1/compensations/:uuid", url.pathname);
    if (compensation?.uuid !== undefined) {
      const current = store.findCompensation(compensation.uuid);
      if (!current) return missing("Compensation");
      if (method === "GET") return { status: 200, body: current };
      if (method === "PUT") {
        const body = await readJsonBody(request);
        if (!body.ok) return invalidBody(body.message);
        const parsed = parseGustoCompensationUpdate(body.value);
        if (!parsed.ok) return errors(422, parsed.errors);
        const { version, ...fields } = parsed.value;
        if (version !== current.version) {
          return staleVersion("compensation");
        }
        if (
          fields.effective_date !== undefined &&
          store.hasCompensationOn(current.job_uuid, fields.effective_date, current.uuid)
        ) {
          return errors(422, [
            {
              error_key: "effective_date",
              category: "invalid_attribute_value",
              message: `The job already has a compensation effective ${fields.effective_date}`,
            },
          ]);
        }
        return { status: 200, body: store.updateCompensation(compensation.uuid, fields) };
      }
    }
    const benefits = matchRoute("/v1/employees/:uuid/employee_benefits", url.pathname);
    if (benefits?.uuid !== undefined && method === "GET") {
      const list = store.benefitsOf(benefits.uuid);
      return list ? { status: 200, body: list } : missing("Employee");
    }
    const companyBenefit = matchRoute("/v1/company_benefits/:uuid", url.pathname);
    if (companyBenefit?.uuid !== undefined && method === "GET") {
      const found = store.findCompanyBenefit(companyBenefit.uuid);
      return found ? { status: 200, body: found } : missing("Company benefit");
    }
    const employeeBenefit = matchRoute("/v1/employee_benefits/:uuid", url.pathname);
    if (employeeBenefit?.uuid !== undefined) {
      const current = store.findEmployeeBenefit(employeeBenefit.uuid);
      if (!current) return missing("Employee benefit");
      if (method === "GET") return { status: 200, body: current };
      if (method === "PUT") {
        const body = await readJsonBody(request);
        if (!body.ok) return invalidBody(body.message);
        const parsed = parseGustoEmployeeBenefitUpdate(body.value, current);
        if (!parsed.ok) return errors(422, parsed.errors);
        if (parsed.value.version !== current.version) {
          return staleVersion("employee benefit");
        }
        return {
          status: 200,
          body: store.updateEmployeeBenefit(employeeBenefit.uuid, parsed.value.fields),
        };
      }
    }
    return missing(`Route ${method} ${url.pathname}`);
  }

  function listEmployees(url: URL): Reply {
    const page = pageParam(url, "page", 1);
    const per = pageParam(url, "per", DEFAULT_PER);
    if (page === null || per === null || per > MAX_PER) {
      return errors(422, [
        {
          error_key: "base",
          category: "invalid_attribute_value",
          message: `page and per must be positive integers, per at most ${MAX_PER}`,
        },
      ]);
    }
    const total = store.size;
    return {
      status: 200,
      body: store.page((page - 1) * per, per),
      headers: {
        "X-Page": String(page),
        "X-Per-Page": String(per),
        "X-Total-Count": String(total),
        "X-Total-Pages": String(Math.max(1, Math.ceil(total / per))),
      },
    };
  }

  return handle;
}
