import {
  DefaultFailureConverter,
  defaultPayloadConverter,
  type DataConverter,
  type LoadedDataConverter,
} from "@temporalio/common";
import type { SecretKeys } from "@tandem/db";
import { codecKeyringOf } from "./codec-keyring";
import { EncryptionCodec } from "./encryption-codec";

export { codecKeyringOf, type CodecKey, type CodecKeyring } from "./codec-keyring";
export {
  EncryptionCodec,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  PayloadDecryptionError,
} from "./encryption-codec";
export { decodeHistoryPayloads } from "./decode-history";

/**
 * The data converter of every Temporal client (web app, worker's client, tests): payloads are
 * encrypted under keys derived from the secret keyring, and failures keep their message and
 * stack trace in an encoded (so encrypted) attribute, as the worker's converter does.
 *
 * It is handed over already loaded: the SDK's client takes a loaded converter as it is
 * (`isLoadedDataConverter`), so no module has to be `require`d by path in the web app's bundle.
 * The worker loads its failure converter by path (`worker-data-converter.ts`), since its
 * workflow bundle needs one.
 */
export function tandemClientDataConverter(secretKeys: SecretKeys): DataConverter {
  const loaded: LoadedDataConverter = {
    payloadConverter: defaultPayloadConverter,
    failureConverter: new DefaultFailureConverter({ encodeCommonAttributes: true }),
    payloadCodecs: [new EncryptionCodec(codecKeyringOf(secretKeys))],
  };
  return loaded;
}
