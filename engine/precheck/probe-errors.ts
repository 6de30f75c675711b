/** Reading what an AWS SDK call threw: error name, HTTP status, network failure, and a short, secret-free message. */

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);
const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'Forbidden',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidToken',
  'UnrecognizedClientException',
  'InvalidSignatureException',
]);

export function errorName(error: unknown): string {
  if (!(error instanceof Error)) return '';
  const code = (error as { Code?: unknown }).Code;
  if (typeof code === 'string' && code !== '') return code;
  return error.name === 'Error' ? '' : error.name;
}

export function httpStatus(error: unknown): number | undefined {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** ECONNREFUSED, ENOTFOUND, a timeout...: the reason, or undefined when the endpoint did answer. */
export function networkFailure(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 4; depth += 1) {
    const code = errorCode(current);
    if (code !== undefined && NETWORK_CODES.has(code)) return code;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors)) {
      for (const inner of errors) {
        const innerCode = errorCode(inner);
        if (innerCode !== undefined && NETWORK_CODES.has(innerCode)) return innerCode;
      }
    }
    current = (current as { cause?: unknown }).cause;
  }
  const name = errorName(error);
  if (name === 'TimeoutError' || name === 'RequestTimeout' || name === 'AbortError') return 'timed out';
  return undefined;
}

export function isAccessDenied(error: unknown): boolean {
  return ACCESS_DENIED.has(errorName(error)) || httpStatus(error) === 403;
}

export function isMissingCredentials(error: unknown): boolean {
  return errorName(error) === 'CredentialsProviderError' || /could not load credentials/i.test(errorMessage(error));
}

export function isMissingRegion(error: unknown): boolean {
  return /region is missing/i.test(errorMessage(error));
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `Name: message` (HTTP status when there is no name), shortened, access key ids masked. */
export function shortError(error: unknown): string {
  const name = errorName(error);
  const status = httpStatus(error);
  const message = errorMessage(error).trim();
  const head = name !== '' ? name : status !== undefined ? `HTTP ${status}` : 'error';
  const body = message === '' || message === 'UnknownError' || message === name ? '' : `: ${message}`;
  const text = `${head}${body}`.replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, '$1…');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
