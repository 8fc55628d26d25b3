import { temporal } from "@temporalio/proto";
import { defaultPayloadConverter } from "@temporalio/common";

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;

/** One Temporal history event, flattened for the timeline. */
export interface RunEvent {
  id: number;
  time: Date | null;
  type: string;
  /** Short human summary: activity or signal name, failure message, ... */
  summary: string;
  /** The event's decoded payloads (inputs, results), when it has any. */
  details: unknown;
}

const EVENT_PREFIX = "EVENT_TYPE_";

function eventTypeName(type: temporal.api.enums.v1.EventType | null | undefined): string {
  const name =
    type === null || type === undefined ? "UNSPECIFIED" : temporal.api.enums.v1.EventType[type];
  return (name ?? "UNKNOWN").replace(EVENT_PREFIX, "");
}

function decode(payloads: Payloads): unknown {
  const list = payloads?.payloads ?? [];
  const values = list.map((payload) => {
    try {
      return defaultPayloadConverter.fromPayload(payload);
    } catch {
      return "<undecodable payload>";
    }
  });
  return values.length === 1 ? values[0] : values;
}

function toDate(timestamp: HistoryEvent["eventTime"]): Date | null {
  if (!timestamp?.seconds) return null;
  return new Date(Number(timestamp.seconds) * 1000 + Math.floor((timestamp.nanos ?? 0) / 1e6));
}

/** "written: lastName → B" for a sync step's result; null for anything else. */
function describeSyncResult(result: unknown): string | null {
  if (typeof result !== "object" || result === null || !("outcome" in result)) return null;
  const { outcome, wrote } = result as { outcome: unknown; wrote?: { A?: unknown; B?: unknown } };
  const sides = (["A", "B"] as const)
    .map((side) => {
      const fields = wrote?.[side];
      return Array.isArray(fields) && fields.length > 0 ? `${fields.join(", ")} → ${side}` : null;
    })
    .filter((part): part is string => part !== null);
  return sides.length > 0 ? `${String(outcome)}: ${sides.join("; ")}` : String(outcome);
}

export function toRunEvent(event: HistoryEvent): RunEvent {
  const base = {
    id: Number(event.eventId ?? 0),
    time: toDate(event.eventTime),
    type: eventTypeName(event.eventType),
  };
  const a = event;
  if (a.workflowExecutionStartedEventAttributes) {
    const s = a.workflowExecutionStartedEventAttributes;
    return {
      ...base,
      summary: `${s.workflowType?.name ?? "workflow"} started on ${s.taskQueue?.name ?? "?"}`,
      details: decode(s.input),
    };
  }
  if (a.workflowExecutionSignaledEventAttributes) {
    const s = a.workflowExecutionSignaledEventAttributes;
    return { ...base, summary: `signal ${s.signalName ?? "?"}`, details: decode(s.input) };
  }
  if (a.activityTaskScheduledEventAttributes) {
    const s = a.activityTaskScheduledEventAttributes;
    return {
      ...base,
      summary: `${s.activityType?.name ?? "activity"} scheduled`,
      details: decode(s.input),
    };
  }
  if (a.activityTaskStartedEventAttributes) {
    const s = a.activityTaskStartedEventAttributes;
    return {
      ...base,
      summary: `attempt ${s.attempt ?? 1}`,
      details: s.lastFailure?.message ? { lastFailure: s.lastFailure.message } : null,
    };
  }
  if (a.activityTaskCompletedEventAttributes) {
    const result = decode(a.activityTaskCompletedEventAttributes.result);
    return {
      ...base,
      summary: describeSyncResult(result) ?? "activity completed",
      details: result,
    };
  }
  if (a.activityTaskFailedEventAttributes) {
    return {
      ...base,
      summary: a.activityTaskFailedEventAttributes.failure?.message ?? "activity failed",
      details: null,
    };
  }
  if (a.workflowExecutionCompletedEventAttributes) {
    return {
      ...base,
      summary: "workflow completed",
      details: decode(a.workflowExecutionCompletedEventAttributes.result),
    };
  }
  if (a.workflowExecutionFailedEventAttributes) {
    return {
      ...base,
      summary: a.workflowExecutionFailedEventAttributes.failure?.message ?? "workflow failed",
      details: null,
    };
  }
  if (a.workflowExecutionContinuedAsNewEventAttributes) {
    return {
      ...base,
      summary: "continued as new",
      details: decode(a.workflowExecutionContinuedAsNewEventAttributes.input),
    };
  }
  if (a.timerStartedEventAttributes) {
    const seconds = Number(a.timerStartedEventAttributes.startToFireTimeout?.seconds ?? 0);
    return { ...base, summary: `timer ${seconds}s`, details: null };
  }
  return { ...base, summary: "", details: null };
}
