/**
 * A small HTTP server that answers the Amazon MSK control-plane calls the engine makes, as @aws-sdk/client-kafka
 * (restJson1) sends them. Paths come from the SDK's operation schemas:
 *   GET /api/v2/clusters                                 ListClustersV2   (?clusterNameFilter, clusterTypeFilter, maxResults, nextToken)
 *   GET /api/v2/clusters/{ClusterArn}                    DescribeClusterV2
 *   GET /v1/clusters/{ClusterArn}/bootstrap-brokers      GetBootstrapBrokers
 *   GET /v1/clusters/{ClusterArn}/nodes                  ListNodes        (?maxResults, nextToken)
 *   GET /v1/configurations/{Arn}/revisions/{Revision}    DescribeConfigurationRevision
 * plus GET /healthz for the test bed. Errors look like AWS errors: the status the model gives the error, header
 * `x-amzn-errortype`, body `{ "message", "invalidParameter"? }`. Requests must carry a SigV4 Authorization header
 * scoped to the spec region (signature itself unchecked), as the real endpoint refuses unsigned or mis-scoped calls. Binds loopback only.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bootstrapBrokers, clusterInfo, configurationRevision, nodeInfos } from './responses.js';
import { parseFakeMskSpec, type FakeMskCluster, type FakeMskSpec, type FakeMskSpecInput } from './spec.js';

export interface FakeMskOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Validated here (again, if already parsed), so a bad spec fails the start. */
  spec: FakeMskSpecInput | FakeMskSpec;
  /** Page size when a paginated call sends no maxResults. */
  defaultPageSize?: number;
  /** Clusters whose calls answer 403 ForbiddenException, as for a caller without kafka:* permissions on them. */
  forbiddenClusterArns?: string[];
}

export interface FakeMskRequest {
  method: string;
  /** Decoded path, e.g. /v1/clusters/arn:aws:kafka:…/nodes */
  path: string;
  query: Record<string, string>;
  /** The access key id from the SigV4 credential scope (an identifier, not a secret), if the call was signed. */
  accessKeyId?: string;
}

export interface FakeMsk {
  url: string;
  port: number;
  spec: FakeMskSpec;
  requests: FakeMskRequest[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const MAX_RESULTS_LIMIT = 100;
const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([a-z0-9-]+)\/kafka\/aws4_request/;

export async function startFakeMsk(options: FakeMskOptions): Promise<FakeMsk> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`fake MSK binds loopback only; refusing host ${host}`);
  // An already-parsed spec carries its warnings; they are recomputed.
  const { warnings: _warnings, ...input } = options.spec as Partial<FakeMskSpec>;
  const spec = parseFakeMskSpec(input);
  const requests: FakeMskRequest[] = [];
  const context: Context = {
    spec,
    defaultPageSize: options.defaultPageSize ?? 10,
    forbidden: new Set(options.forbiddenClusterArns ?? []),
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res, context, requests);
    } catch (error) {
      sendError(res, 500, 'InternalServerErrorException', `fake MSK failed: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    spec,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

interface Context {
  spec: FakeMskSpec;
  defaultPageSize: number;
  forbidden: Set<string>;
}

function handle(req: IncomingMessage, res: ServerResponse, context: Context, requests: FakeMskRequest[]): void {
  const url = new URL(req.url ?? '/', 'http://fake-msk');
  const rawSegments = url.pathname.split('/').filter((segment) => segment !== '');
  let segments: string[];
  try {
    segments = rawSegments.map((segment) => decodeURIComponent(segment));
  } catch {
    sendError(res, 400, 'BadRequestException', `malformed path ${url.pathname}`);
    return;
  }
  const method = req.method ?? 'GET';
  const query = Object.fromEntries(url.searchParams.entries());
  const signature = SIGV4.exec(req.headers.authorization ?? '');
  requests.push({ method, path: `/${segments.join('/')}`, query, ...(signature === null ? {} : { accessKeyId: signature[1]! }) });
  req.resume();

  if (method === 'GET' && segments.length === 1 && segments[0] === 'healthz') {
    sendJson(res, 200, { status: 'ok', clusters: context.spec.clusters.length });
    return;
  }
  const route = matchRoute(method, segments);
  if (route === undefined) {
    sendError(res, 404, 'NotFoundException', `fake MSK does not serve ${method} ${url.pathname}`);
    return;
  }
  if (signature === null) {
    sendError(res, 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    return;
  }
  if (signature[2] !== context.spec.region) {
    sendError(res, 403, 'InvalidSignatureException', `Credential should be scoped to a valid region, not '${signature[2]}'.`);
    return;
  }
  route(res, context, query);
}

type Handler = (res: ServerResponse, context: Context, query: Record<string, string>) => void;

function matchRoute(method: string, s: string[]): Handler | undefined {
  if (method !== 'GET') return undefined;
  if (s.length === 3 && s[0] === 'api' && s[1] === 'v2' && s[2] === 'clusters') return listClusters;
  if (s.length === 4 && s[0] === 'api' && s[1] === 'v2' && s[2] === 'clusters') {
    return withCluster(s[3]!, 'DescribeClusterV2', (res, cluster, context) =>
      sendJson(res, 200, { clusterInfo: clusterInfo(cluster, context.spec) }),
    );
  }
  if (s.length === 4 && s[0] === 'v1' && s[1] === 'clusters' && s[3] === 'bootstrap-brokers') {
    return withCluster(s[2]!, 'GetBootstrapBrokers', (res, cluster) => sendJson(res, 200, bootstrapBrokers(cluster)));
  }
  if (s.length === 4 && s[0] === 'v1' && s[1] === 'clusters' && s[3] === 'nodes') {
    return withCluster(s[2]!, 'ListNodes', listNodes);
  }
  if (s.length === 5 && s[0] === 'v1' && s[1] === 'configurations' && s[3] === 'revisions') {
    return (res, context) => describeConfigurationRevision(res, context, s[2]!, s[4]!);
  }
  return undefined;
}

function withCluster(
  arn: string,
  operation: string,
  then: (res: ServerResponse, cluster: FakeMskCluster, context: Context, query: Record<string, string>) => void,
): Handler {
  return (res, context, query) => {
    if (!/^arn:aws[a-z-]*:kafka:[a-z0-9-]+:\d{12}:cluster\/[^/]+\/[^/]+$/.test(arn)) {
      sendError(res, 400, 'BadRequestException', `The cluster ARN "${arn}" is not valid.`, 'clusterArn');
      return;
    }
    if (context.forbidden.has(arn)) {
      sendError(
        res,
        403,
        'ForbiddenException',
        `User: arn:aws:iam::${context.spec.accountId}:user/fake is not authorized to perform: kafka:${operation} on resource: ${arn}`,
      );
      return;
    }
    const cluster = context.spec.clusters.find((candidate) => candidate.clusterArn === arn);
    if (cluster === undefined) {
      sendError(res, 404, 'NotFoundException', `The cluster ${arn} does not exist.`, 'clusterArn');
      return;
    }
    then(res, cluster, context, query);
  };
}

function listClusters(res: ServerResponse, context: Context, query: Record<string, string>): void {
  const nameFilter = query.clusterNameFilter;
  const typeFilter = query.clusterTypeFilter;
  if (typeFilter !== undefined && typeFilter !== 'PROVISIONED' && typeFilter !== 'SERVERLESS') {
    sendError(res, 400, 'BadRequestException', `clusterTypeFilter must be PROVISIONED or SERVERLESS, not ${typeFilter}.`, 'clusterTypeFilter');
    return;
  }
  const matching = context.spec.clusters.filter(
    (cluster) =>
      (nameFilter === undefined || cluster.clusterName.startsWith(nameFilter)) &&
      (typeFilter === undefined || cluster.clusterType === typeFilter),
  );
  const page = paginate(res, matching, query, context, `clusters:${nameFilter ?? ''}:${typeFilter ?? ''}`);
  if (page === undefined) return;
  sendJson(res, 200, {
    clusterInfoList: page.items.map((cluster) => clusterInfo(cluster, context.spec)),
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  });
}

function listNodes(res: ServerResponse, cluster: FakeMskCluster, context: Context, query: Record<string, string>): void {
  if (cluster.clusterType === 'SERVERLESS') {
    sendError(res, 400, 'BadRequestException', `ListNodes is not supported for the serverless cluster ${cluster.clusterArn}.`, 'clusterArn');
    return;
  }
  const page = paginate(res, nodeInfos(cluster, context.spec), query, context, `nodes:${cluster.clusterArn}`);
  if (page === undefined) return;
  sendJson(res, 200, {
    nodeInfoList: page.items,
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  });
}

function describeConfigurationRevision(res: ServerResponse, context: Context, arn: string, revision: string): void {
  const configuration = context.spec.clusters
    .map((cluster) => cluster.configuration)
    .find((candidate) => candidate?.arn === arn && String(candidate.revision) === revision);
  if (configuration === undefined) {
    sendError(res, 404, 'NotFoundException', `The configuration ${arn} revision ${revision} does not exist.`, 'arn');
    return;
  }
  sendJson(res, 200, configurationRevision(configuration));
}

/** Opaque tokens: base64url of the offset plus what the listing was of, so a token cannot be reused elsewhere. */
function paginate<T>(
  res: ServerResponse,
  items: T[],
  query: Record<string, string>,
  context: Context,
  scope: string,
): { items: T[]; nextToken: string | undefined } | undefined {
  let size = context.defaultPageSize;
  if (query.maxResults !== undefined) {
    size = Number(query.maxResults);
    if (!Number.isInteger(size) || size < 1 || size > MAX_RESULTS_LIMIT) {
      sendError(res, 400, 'BadRequestException', `maxResults must be between 1 and ${MAX_RESULTS_LIMIT}.`, 'maxResults');
      return undefined;
    }
  }
  let offset = 0;
  if (query.nextToken !== undefined) {
    const decoded = decodeToken(query.nextToken);
    if (decoded === undefined || decoded.scope !== scope || decoded.offset > items.length) {
      sendError(res, 400, 'BadRequestException', 'The provided nextToken is not valid.', 'nextToken');
      return undefined;
    }
    offset = decoded.offset;
  }
  const end = offset + size;
  return {
    items: items.slice(offset, end),
    nextToken: end < items.length ? Buffer.from(JSON.stringify({ scope, offset: end })).toString('base64url') : undefined,
  };
}

function decodeToken(token: string): { scope: string; offset: number } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { scope, offset } = value as Record<string, unknown>;
    return typeof scope === 'string' && typeof offset === 'number' && Number.isInteger(offset) && offset >= 0
      ? { scope, offset }
      : undefined;
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, errorType: string, message: string, invalidParameter?: string): void {
  sendJson(res, status, { message, ...(invalidParameter === undefined ? {} : { invalidParameter }) }, { 'x-amzn-errortype': errorType });
}
