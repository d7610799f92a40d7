// moto's request recorder (`/moto-api/recorder/*`, moto 5): every request the server receives,
// with its method, URL, headers and body, appended to a file the sandbox names. A test resets and
// starts it, lets Simian act, then downloads what was recorded and stops it.

/** One request as moto's recorder writes it. */
export interface RecordedAwsRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  body_encoded: boolean;
}

/** What an AWS request asked for: the service's API version and operation, in any protocol. */
export interface AwsOperation {
  /** `Version=` of the query protocol (`2016-11-15` is EC2, `2011-01-01` Auto Scaling). */
  version?: string;
  /** The operation, from `Action=` or `X-Amz-Target`; for REST APIs (S3) the method and path. */
  operation: string;
  /** The request body as text. */
  body: string;
}

async function call(endpoint: string, what: string, method = 'POST'): Promise<string> {
  const res = await fetch(`${endpoint}/moto-api/recorder/${what}`, { method });
  if (!res.ok) throw new Error(`moto recorder ${what}: HTTP ${res.status}`);
  return res.text();
}

/** Empties moto's recording and starts recording. */
export async function startMotoRecording(endpoint: string): Promise<void> {
  await call(endpoint, 'reset-recording');
  await call(endpoint, 'start-recording');
}

/** Stops recording and returns what was recorded since {@link startMotoRecording}. */
export async function stopMotoRecording(endpoint: string): Promise<RecordedAwsRequest[]> {
  await call(endpoint, 'stop-recording');
  const text = await call(endpoint, 'download-recording', 'GET');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RecordedAwsRequest);
}

const header = (r: RecordedAwsRequest, name: string) =>
  Object.entries(r.headers).find(([k]) => k.toLowerCase() === name)?.[1];

/** Names the operation of a recorded request. */
export function awsOperation(r: RecordedAwsRequest): AwsOperation {
  const body = r.body_encoded
    ? Buffer.from(r.body ?? '', 'base64').toString('utf8')
    : (r.body ?? '');
  const query = new URLSearchParams(
    body.includes('Action=') ? body : (new URL(r.url, 'http://x').search ?? ''),
  );
  const action = query.get('Action');
  if (action) return { version: query.get('Version') ?? undefined, operation: action, body };
  const target = header(r, 'x-amz-target');
  if (target) return { operation: target.split('.').pop() ?? target, body };
  return { operation: `${r.method} ${new URL(r.url, 'http://x').pathname}`, body };
}

/** Whether an operation only reads (Describe*, List*, Get*, a REST GET or HEAD). */
export const isReadOperation = (op: AwsOperation): boolean =>
  /^(Describe|List|Get|Head|Lookup|Search|BatchGet|GET |HEAD )/.test(op.operation);
