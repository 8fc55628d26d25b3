import { codecPreflight, handleCodecRequest } from "@tandem/api";
import { requireCodecOperator } from "~/server/codec-operator-gate";
import { services } from "~/server/services";

export const dynamic = "force-dynamic";

/**
 * Temporal's codec server protocol for the Temporal Web UI and CLI: `POST
 * /api/temporal-codec/decode` and `/encode`, through the worker's codec, for a signed-in
 * operator. Point the UI at `<TANDEM_PUBLIC_URL>/api/temporal-codec`.
 */
export async function POST(request: Request, context: { params: Promise<{ operation: string }> }) {
  const { operation } = await context.params;
  const { env, temporalCodecs } = services();
  return handleCodecRequest(request, operation, {
    codecs: temporalCodecs,
    allowedOrigin: env.TANDEM_TEMPORAL_UI_ORIGIN,
    authorize: requireCodecOperator,
    log: (message) => console.warn(message),
  });
}

export function OPTIONS(request: Request) {
  return codecPreflight(request, { allowedOrigin: services().env.TANDEM_TEMPORAL_UI_ORIGIN });
}
