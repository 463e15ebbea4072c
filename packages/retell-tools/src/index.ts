// The public API of @voicebook/retell-tools.
export {
  verifyRetellSignature,
  checkRetellSignature,
  signRetellBody,
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_MS,
} from './signature.js';
export type { VerifyRetellSignatureInput, SignatureCheck, SignatureFailure } from './signature.js';
