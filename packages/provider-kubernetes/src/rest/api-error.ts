/** The `Status` object the API server sends with most failures. */
export interface KubeStatus {
  kind?: 'Status';
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: Array<{ reason?: string; message?: string; field?: string }>;
    retryAfterSeconds?: number;
  };
}

/** The API server answered, with a status outside 2xx. Internal: callers turn it into a `SimianError`. */
export class KubeApiError extends Error {
  readonly status: number;
  /** The server's `Status.reason` (`Forbidden`, `NotFound`, `TooManyRequests`, ...). */
  readonly reason: string | undefined;
  /** The server's own words. */
  readonly serverMessage: string;
  readonly body: KubeStatus | undefined;
  /** `GET /api/v1/pods`, for messages. */
  readonly call: string;

  constructor(call: string, status: number, body: KubeStatus | undefined, text: string) {
    const serverMessage = body?.message ?? (text.trim().slice(0, 300) || `HTTP ${status}`);
    super(`${call} answered ${status}: ${serverMessage}`);
    this.name = 'KubeApiError';
    this.call = call;
    this.status = status;
    this.reason = body?.reason;
    this.serverMessage = serverMessage;
    this.body = body;
  }
}

/** The API server could not be reached (or the connection broke) even after retries. */
export class KubeUnreachableError extends Error {
  readonly call: string;
  readonly server: string;

  constructor(call: string, server: string, cause: unknown) {
    super(`${call} on ${server} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'KubeUnreachableError';
    this.call = call;
    this.server = server;
  }
}

/** Whether `error` is the API server's 404. */
export function isNotFound(error: unknown): boolean {
  return error instanceof KubeApiError && error.status === 404;
}
