import { parentPort } from "node:worker_threads";
import {
  compileSandboxedExpression,
  createAsyncEvaluator,
  type AsyncRecordEvaluator,
} from "@tandem/mapping";
import type { FromWorker, ToWorker } from "./evaluation-protocol";

const MAX_CACHED = 32;
const evaluators = new Map<string, AsyncRecordEvaluator>();

function evaluatorFor({ planKey, plan, direction }: ToWorker["task"]): AsyncRecordEvaluator {
  const key = `${planKey}:${direction}`;
  let evaluator = evaluators.get(key);
  if (!evaluator) {
    if (evaluators.size >= MAX_CACHED) evaluators.clear();
    evaluator = createAsyncEvaluator(plan, direction);
    evaluators.set(key, evaluator);
  }
  return evaluator;
}

const port = parentPort;
if (!port) throw new Error("evaluation-worker runs only as a worker thread");
const send = (message: FromWorker) => port.postMessage(message);

port.on("message", ({ id, task }: ToWorker) => {
  Promise.resolve()
    .then(() => evaluatorFor(task)(task.record))
    .then(
      (result) => send({ kind: "done", id, result }),
      (error: unknown) =>
        send({
          kind: "failed",
          id,
          message: error instanceof Error ? error.message : String(error),
        }),
    );
});
// Warm JSONata and the regex engine before the first task, whose evaluation JSONata's own 50 ms
// limit also bounds: a cold first run would spend much of it compiling code.
await compileSandboxedExpression('$replace("a-1", /[^0-9]/, "")').evaluate({});
send({ kind: "ready" });
