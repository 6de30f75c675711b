/** AWS keys from an environment map, when it holds them; otherwise undefined (the SDK's default chain applies). */
export interface EnvCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export function credentialsFromEnv(env: NodeJS.ProcessEnv | undefined): EnvCredentials | undefined {
  const accessKeyId = env?.['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env?.['AWS_SECRET_ACCESS_KEY'];
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = env?.['AWS_SESSION_TOKEN'];
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}
