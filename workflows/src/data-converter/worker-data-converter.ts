import { fileURLToPath } from "node:url";
import type { DataConverter } from "@temporalio/common";
import type { SecretKeys } from "@tandem/db";
import { codecKeyringOf } from "./codec-keyring";
import { EncryptionCodec } from "./encryption-codec";

/** Moves failure messages and stack traces into an encoded payload (worker and bundle). */
export const failureConverterPath = fileURLToPath(
  new URL("./failure-converter.cjs", import.meta.url),
);

/** The worker's data converter: the clients' codec, and the failure converter by path. */
export function tandemWorkerDataConverter(secretKeys: SecretKeys): DataConverter {
  return {
    payloadCodecs: [new EncryptionCodec(codecKeyringOf(secretKeys))],
    failureConverterPath,
  };
}
