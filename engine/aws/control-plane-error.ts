/**
 * Turns whatever an AWS control-plane call throws into a MigrationError (code CONTROL_PLANE) that names the
 * operation and the cluster, says which kind of failure it is, and tells the operator what to do.
 */
import { MigrationError } from '../errors.js';
import { parseClusterArn } from './msk-arn.js';
import { MalformedResponseError } from './msk-normalize.js';

export type ControlPlaneFailure =
  | 'not-found'
  | 'access-denied'
  | 'no-credentials'
  | 'unreachable'
  | 'throttled'
  | 'service-error'
  | 'bad-request'
  | 'unexpected-response';

export class ControlPlaneError extends MigrationError {
  readonly failure: ControlPlaneFailure;
  readonly operation: string;
  readonly clusterArn: string | undefined;

  constructor(options: {
    failure: ControlPlaneFailure;
    operation: string;
    clusterArn?: string;
    message: string;
    hint: string;
    retriable: boolean;
    cause: unknown;
  }) {
    super({ code: 'CONTROL_PLANE', message: options.message, hint: options.hint, retriable: options.retriable, cause: options.cause });
    this.failure = options.failure;
    this.operation = options.operation;
    this.clusterArn = options.clusterArn;
  }
}

export interface ControlPlaneCallContext {
  /** The MSK API operation, e.g. DescribeClusterV2. */
  operation: string;
  /** The resource the call was about (cluster or configuration ARN), when there is one. */
  clusterArn?: string;
  region: string;
  /** The endpoint override, when one is set. */
  endpoint?: string;
}

const ACCESS_DENIED = new Set([
  'ForbiddenException',
  'UnauthorizedException',
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'MissingAuthenticationTokenException',
]);
const THROTTLED = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const READ_ACTIONS = 'kafka:DescribeClusterV2, kafka:GetBootstrapBrokers, kafka:ListNodes and kafka:ListClustersV2';

export function toControlPlaneError(error: unknown, context: ControlPlaneCallContext): ControlPlaneError {
  if (error instanceof ControlPlaneError) return error;
  const { operation, clusterArn, region } = context;
  const what = clusterArn === undefined ? `MSK ${operation} in ${region}` : `MSK ${operation} for ${clusterArn}`;
  const endpoint = context.endpoint ?? `https://kafka.${region}.amazonaws.com`;
  const name = errorName(error);
  const status = httpStatus(error);
  const detail = awsMessage(error);
  const base = { operation, ...(clusterArn === undefined ? {} : { clusterArn }), cause: error };

  if (error instanceof MalformedResponseError) {
    return new ControlPlaneError({
      ...base,
      failure: 'unexpected-response',
      message: `${what}: unexpected response: ${error.message}`,
      hint: `Check that ${endpoint} is the Amazon MSK API (an endpoint override pointing elsewhere gives this).`,
      retriable: false,
    });
  }
  if (name === 'NotFoundException' || status === 404) {
    const arnRegion = clusterArn === undefined ? undefined : parseClusterArn(clusterArn)?.region;
    return new ControlPlaneError({
      ...base,
      failure: 'not-found',
      message:
        clusterArn === undefined
          ? `${what}: not found${detail}`
          : `MSK ${operation}: ${clusterArn} not found in region ${region} (or not visible to these credentials)`,
      hint:
        arnRegion !== undefined && arnRegion !== region
          ? `The ARN names region ${arnRegion} but the call went to ${region}; set the region to ${arnRegion} (or leave it to the ARN).`
          : `Check the ARN, its region and account against the credentials in use; \`aws kafka list-clusters-v2 --region ${region}\` lists the clusters there.`,
      retriable: false,
    });
  }
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(errorMessage(error))) {
    return new ControlPlaneError({
      ...base,
      failure: 'no-credentials',
      message: `${what}: no AWS credentials found`,
      hint: 'Set AWS_PROFILE (or the profile option), AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run with an IAM role.',
      retriable: false,
    });
  }
  if (ACCESS_DENIED.has(name) || status === 401 || status === 403) {
    return new ControlPlaneError({
      ...base,
      failure: 'access-denied',
      message: `${what}: access denied (${name || `HTTP ${status}`})${detail}`,
      hint: `The caller needs ${READ_ACTIONS} on the cluster; check which identity is in use with \`aws sts get-caller-identity\`.`,
      retriable: false,
    });
  }
  if (isNetworkError(error, name)) {
    return new ControlPlaneError({
      ...base,
      failure: 'unreachable',
      message: `${what}: the MSK API at ${endpoint} is unreachable (${networkReason(error, name)})`,
      hint: 'Check network access to the endpoint (DNS, proxy, VPC endpoint) or the endpoint override; retrying may help.',
      retriable: true,
    });
  }
  if (THROTTLED.has(name) || status === 429) {
    return new ControlPlaneError({
      ...base,
      failure: 'throttled',
      message: `${what}: throttled by MSK${detail}`,
      hint: 'Retry in a moment; other tools calling the MSK API in this account share the limit.',
      retriable: true,
    });
  }
  if (status !== undefined && status >= 500) {
    return new ControlPlaneError({
      ...base,
      failure: 'service-error',
      message: `${what}: MSK answered ${name || `HTTP ${status}`}${detail}`,
      hint: 'A service-side error; retry. If it persists, check the AWS Health Dashboard for MSK in this region.',
      retriable: true,
    });
  }
  if (name === 'BadRequestException' || status === 400) {
    return new ControlPlaneError({
      ...base,
      failure: 'bad-request',
      message: `${what}: request rejected${detail}`,
      hint: 'Check the ARN is a cluster ARN (arn:aws:kafka:<region>:<account>:cluster/<name>/<id>) and supported for this call.',
      retriable: false,
    });
  }
  return new ControlPlaneError({
    ...base,
    failure: 'service-error',
    message: `${what}: failed (${name || 'unknown error'})${detail}`,
    hint: 'Retry; if it persists, run with debug logging and report it.',
    retriable: false,
  });
}

function errorName(error: unknown): string {
  return error instanceof Error ? (error.name === 'Error' ? '' : error.name) : '';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function httpStatus(error: unknown): number | undefined {
  const metadata = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata;
  return typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isNetworkError(error: unknown, name: string): boolean {
  const code = errorCode(error);
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  if (name === 'TimeoutError' || name === 'RequestTimeout') return true;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const causeCode = errorCode(cause);
  return causeCode !== undefined && NETWORK_CODES.has(causeCode);
}

function networkReason(error: unknown, name: string): string {
  return errorCode(error) ?? errorCode((error as { cause?: unknown }).cause) ?? (name || 'network error');
}

/** The service's own message, shortened, with anything shaped like an access key id masked. */
function awsMessage(error: unknown): string {
  const message = errorMessage(error).trim();
  if (message === '' || message === 'UnknownError') return '';
  const masked = message.replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, '$1…');
  return `: ${masked.length > 300 ? `${masked.slice(0, 300)}…` : masked}`;
}
