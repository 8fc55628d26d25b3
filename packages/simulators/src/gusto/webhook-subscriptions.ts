import { randomBytes, randomUUID } from "node:crypto";
import type { WebhookTarget } from "../shared/webhook-queue";
import type { GustoEventType } from "./store";

/** The entity types a Gusto webhook subscription can ask for (API version 2025-06-15). */
export const GUSTO_SUBSCRIPTION_TYPES = [
  "BankAccount",
  "Company",
  "CompanyBenefit",
  "Contractor",
  "ContractorPayment",
  "Employee",
  "EmployeeBenefit",
  "EmployeeJobCompensation",
  "ExternalPayroll",
  "Form",
  "Location",
  "Notification",
  "Payroll",
  "PayrollSync",
  "PaySchedule",
  "Signatory",
] as const;
export type GustoSubscriptionType = (typeof GUSTO_SUBSCRIPTION_TYPES)[number];

export interface GustoWebhookSubscription {
  uuid: string;
  url: string;
  /** `pending` until the subscriber echoes the verification token through `…/verify`. */
  status: "pending" | "verified";
  subscription_types: GustoSubscriptionType[];
}

interface StoredSubscription extends GustoWebhookSubscription {
  verificationToken: string;
}

/** Which subscription type an event belongs to, by its `event_type` prefix. */
export function subscriptionTypeOf(eventType: GustoEventType): GustoSubscriptionType {
  if (eventType.startsWith("employee_benefit.")) return "EmployeeBenefit";
  if (eventType.startsWith("employee_job_compensation.")) {
    return "EmployeeJobCompensation";
  }
  return "Employee";
}

/**
 * Webhook subscriptions made through `POST /v1/webhook_subscriptions`. Each has its own
 * verification token, which Gusto POSTs to the URL and which, once confirmed, keys the
 * `X-Gusto-Signature` of every event sent there. Subscriptions survive a simulator reset,
 * as the admin webhook target does.
 */
export class GustoWebhookSubscriptions {
  private readonly subscriptions = new Map<string, StoredSubscription>();

  create(url: string, types: GustoSubscriptionType[]): StoredSubscription {
    const subscription: StoredSubscription = {
      uuid: randomUUID(),
      url,
      status: "pending",
      subscription_types: types,
      verificationToken: randomBytes(24).toString("hex"),
    };
    this.subscriptions.set(subscription.uuid, subscription);
    return subscription;
  }

  get(uuid: string): StoredSubscription | undefined {
    return this.subscriptions.get(uuid);
  }

  list(): GustoWebhookSubscription[] {
    return [...this.subscriptions.values()].map(publicView);
  }

  remove(uuid: string): boolean {
    return this.subscriptions.delete(uuid);
  }

  /** Verified subscriptions that asked for the event's type, keyed with their tokens. */
  targetsFor(eventType: GustoEventType): WebhookTarget[] {
    const type = subscriptionTypeOf(eventType);
    return [...this.subscriptions.values()]
      .filter((sub) => sub.status === "verified" && sub.subscription_types.includes(type))
      .map((sub) => ({ url: sub.url, secret: sub.verificationToken }));
  }
}

export function publicView(subscription: StoredSubscription): GustoWebhookSubscription {
  const { uuid, url, status, subscription_types } = subscription;
  return { uuid, url, status, subscription_types: [...subscription_types] };
}
