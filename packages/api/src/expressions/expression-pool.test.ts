import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { compileMapping, evaluateAsync, MAPPING_FORMAT, type SyncPlan } from "@tandem/mapping";
import { ExpressionPool, ExpressionTimeoutError, ExpressionWorkerError } from "./expression-pool";

/** A sync plan whose B.phone is A.phone through one expression node. */
function expressionPlan(expression: string): SyncPlan {
  const at = { x: 0, y: 0 };
  const edge = (source: string, sourceHandle: string, target: string, targetHandle: string) => ({
    id: `${source}.${sourceHandle}->${target}.${targetHandle}`,
    source,
    sourceHandle,
    target,
    targetHandle,
  });
  const side = (which: "a" | "b") => ({
    id: which,
    type: "side",
    position: at,
    data: {
      side: which,
      system: which === "a" ? "hris" : "payroll",
      entity: "Employee",
      fields: [
        { id: "email", type: "string" },
        { id: "phone", type: "string" },
      ],
    },
  });
  const compiled = compileMapping({
    format: MAPPING_FORMAT,
    name: "expression pool test",
    nodes: [
      side("a"),
      side("b"),
      { id: "x", type: "expression", position: at, data: { expression, inputs: ["phone"] } },
      { id: "key", type: "matchKey", position: at, data: { normalize: "case-insensitive" } },
    ],
    edges: [
      edge("a", "email", "b", "email"),
      edge("a", "phone", "x", "phone"),
      { ...edge("x", "out", "b", "phone"), data: { oneWay: true } },
      edge("a", "email", "key", "a"),
      edge("b", "email", "key", "b"),
    ],
  });
  if (!compiled.plan) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.plan;
}

const digits = expressionPlan('$replace(phone, /[^0-9]/, "")');
// One JSONata step (padding with a two-character string) that runs for about a second: JSONata's
// own 50 ms limit, checked between steps, never fires. Not a regex: those run on RE2.
const stalling = expressionPlan('$length($pad("", 1500000, "ab")) > 0 ? phone : ""');
// The same step, large enough to need a few hundred MB.
const hungry = expressionPlan('$length($pad("", 8000000, "ab")) > 0 ? phone : ""');

describe("the expression pool", () => {
  // A limit well under the stalling step's second; the production limit is EXPRESSION_POOL_LIMITS.
  const pool = new ExpressionPool({ size: 1, timeoutMs: 250, maxHeapMb: 64 });
  afterAll(() => pool.close());
  const record = { email: "ada@example.com", phone: "(555) 123-4567" };

  it("evaluates a plan in a thread as the in-process evaluator does", async () => {
    const inThread = await pool.evaluate({
      planKey: "digits",
      plan: digits,
      direction: "aToB",
      record,
    });
    expect(inThread).toEqual(await evaluateAsync(digits, "aToB", record));
    expect(inThread.record).toEqual({ email: "ada@example.com", phone: "5551234567" });
  });

  it("stops a single long step at the wall-clock limit while this thread stays responsive, then answers the next task", async () => {
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    const stopped = await pool
      .evaluate({ planKey: "stalling", plan: stalling, direction: "aToB", record })
      .catch((error: unknown) => error);
    clearInterval(ticker);
    expect(stopped).toBeInstanceOf(ExpressionTimeoutError);
    expect((stopped as Error).message).toMatch(/longer than 250 ms/);
    // The stall was the thread's: this event loop kept running timers meanwhile.
    expect(ticks).toBeGreaterThan(5);
    const next = await pool.evaluate({
      planKey: "digits",
      plan: digits,
      direction: "aToB",
      record,
    });
    expect(next.record.phone).toBe("5551234567");
  });

  it("fails a task that exhausts the thread's heap, and replaces the thread", async () => {
    // Time enough to run out of memory first.
    const roomy = new ExpressionPool({ size: 1, timeoutMs: 60_000, maxHeapMb: 64 });
    onTestFinished(() => roomy.close());
    const failed = await roomy
      .evaluate({ planKey: "hungry", plan: hungry, direction: "aToB", record })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ExpressionWorkerError);
    expect((failed as Error).message).toMatch(/memory/i);
    const next = await roomy.evaluate({
      planKey: "digits",
      plan: digits,
      direction: "aToB",
      record,
    });
    expect(next.record.phone).toBe("5551234567");
  });
});
