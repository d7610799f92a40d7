import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simian, type CliResult } from '@simian/testing/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// No secret anywhere: planted secrets (an env value read by ${VAR}, a kubeconfig token, an AWS
// secret key, a webhook URL with user-info and a token, an experiment secret, a value in a config
// that fails validation), then several commands as processes at debug level with JSON logs; none
// of the secrets may appear in stdout, stderr, the SQLite store, journals or report files.
const SECRETS = {
  planted: 'planted-Env-secret-91xq',
  kubeToken: 'kube-token-77ab-secret',
  awsKey: 'aws-secret-key-55cd',
  hookPassword: 'hook-pass-33ef',
  hookToken: 'hook-token-44gh',
  experiment: 'exp-pw-88kl-secret',
  invalid: 'share-secret-66ij',
};

let api: Server;
let dir: string;
const outputs: CliResult[] = [];

beforeAll(async () => {
  // An API that refuses everyone, as kube-apiserver and AWS do to expired credentials: the
  // errors and retries are where a secret would leak.
  api = createServer((req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(
      `{"kind":"Status","status":"Failure","reason":"Unauthorized","message":"${req.headers.authorization ? 'bad token' : 'no token'}","code":401}`,
    );
  });
  await new Promise<void>((done) => api.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'simian-no-secret-'));
  const write = (file: string, text: string) => writeFileSync(join(dir, file), text);
  write(
    'kubeconfig.yaml',
    `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "${url}", insecure-skip-tls-verify: true } }]
users: [{ name: u, user: { token: ${SECRETS.kubeToken} } }]
contexts: [{ name: secretive, context: { cluster: c, user: u } }]
current-context: secretive
`,
  );
  write(
    'simian.yaml',
    `version: 1
store: { path: simian.db }
targets:
  kubernetes:
    - kubeconfig: kubeconfig.yaml
      maxAttempts: 2
  aws:
    - region: us-east-1
      endpoint: ${url}
      maxAttempts: 2
reporting:
  webhooks:
    - url: "https://hook-user:\${SIMIAN_HOOK_PASSWORD}@127.0.0.1:9/T000/\${SIMIAN_HOOK_TOKEN}"
      retries: 0
safety:
  killSwitch:
    file: "\${SIMIAN_PLANTED}"
monkeys:
  chaos:
    enabled: true
    dryRun: false
`,
  );
  write(
    'invalid.yaml',
    'version: 1\nsafety:\n  blastRadius:\n    maxGroupShare: ${SIMIAN_SHARE}\n',
  );
  write(
    'experiment.json',
    JSON.stringify({
      title: 'leaks nothing',
      description: 'an action whose URL carries a password',
      secrets: { s: { pw: { type: 'env', key: 'SIMIAN_EXPERIMENT_PW' } } },
      method: [
        {
          type: 'action',
          name: 'call-with-password',
          provider: { type: 'http', url: 'http://admin:${pw}@127.0.0.1:9/' },
        },
      ],
    }),
  );
  const env = {
    SIMIAN_PLANTED: SECRETS.planted,
    SIMIAN_HOOK_PASSWORD: SECRETS.hookPassword,
    SIMIAN_HOOK_TOKEN: SECRETS.hookToken,
    SIMIAN_EXPERIMENT_PW: SECRETS.experiment,
    SIMIAN_SHARE: SECRETS.invalid,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: SECRETS.awsKey,
  };
  const debug = ['--log-level', 'debug', '--log-format', 'json'];
  for (const args of [
    ['--config', 'invalid.yaml', 'validate'],
    [...debug, 'run', '-o', 'json', '--output-file', 'run.json'],
    [...debug, 'plan', '--out', 'plan.json'],
    [...debug, 'experiment', 'run', 'experiment.json', '--journal-path', 'journal.json'],
  ]) {
    outputs.push(await simian(args, dir, env));
  }
}, 600_000);
afterAll(() => api.close());

describe('no secret anywhere', () => {
  it('the commands ran as intended (so the scan below means something)', () => {
    expect(outputs.map((o) => o.code)).toEqual([2, 3, 3, 1]);
    // The secrets were used: the token reached the API, the config error quotes ${SIMIAN_SHARE}.
    expect(outputs[0]!.stderr).toContain('${SIMIAN_SHARE}');
    expect(readdirSync(dir)).toEqual(
      expect.arrayContaining(['simian.db', 'run.json', 'plan.json', 'journal.json']),
    );
  });

  it('appears in no stdout, stderr, store, journal or report file', () => {
    const texts: Array<[string, string]> = outputs.flatMap((o, i) => [
      [`stdout of command ${i}`, o.stdout],
      [`stderr of command ${i}`, o.stderr],
    ]);
    for (const file of readdirSync(dir)) {
      if (file.endsWith('.yaml') || file === 'experiment.json') continue; // where they were put
      texts.push([file, readFileSync(join(dir, file)).toString('latin1')]);
    }
    const found = texts.flatMap(([where, text]) =>
      Object.entries(SECRETS)
        .filter(([, secret]) => text.includes(secret))
        .map(([name]) => `${name} in ${where}`),
    );
    expect(found).toEqual([]);
  });
});
