// Loaded by path (Temporal's `failureConverterPath`), in the worker and inside the workflow
// bundle: plain CommonJS, because the SDK `require`s it, and in the sandbox webpack bundles it.
// Error messages and stack traces move into `encodedAttributes`, a payload the codec encrypts.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose (above)
const { DefaultFailureConverter } = require("@temporalio/common");

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
