import { DeleteParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { killSwitchReason, type SimianConfig } from '@simian/core';
import { sandboxAwsClientConfig } from '@simian/sandbox';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { motoProvider } from './support.js';

// The AWS kill switch: an SSM parameter in moto, read before every action by core.
const endpoint = inject('sandboxAwsEndpoint');
const ssm = new SSMClient(sandboxAwsClientConfig({ awsEndpoint: endpoint }));
const parameter = `/simian-test/kill-switch-${Date.now().toString(36)}`;
const provider = motoProvider(endpoint, { killSwitchParameter: parameter });
const put = (value: string) =>
  ssm.send(
    new PutParameterCommand({ Name: parameter, Value: value, Type: 'String', Overwrite: true }),
  );
// Only what killSwitchReason reads of the config: no env switch, no file.
const config = {
  safety: { killSwitch: { env: 'SIMIAN_TEST_UNSET_SWITCH', file: '/nonexistent/simian-kill' } },
  source: { dir: '/', file: '/simian.yaml', secrets: [] },
} as unknown as SimianConfig;

afterAll(async () => {
  await ssm.send(new DeleteParameterCommand({ Name: parameter })).catch(() => undefined);
  ssm.destroy();
  await provider.close();
});

describe('the AWS kill switch (SSM parameter)', () => {
  it('is off while the parameter is missing or says anything but engaged/true', async () => {
    expect(await provider.killSwitch()).toBeUndefined();
    await put('false');
    expect(await provider.killSwitch()).toBeUndefined();
    expect(await motoProvider(endpoint).killSwitch()).toBeUndefined();
  });

  it('stops every monkey once it says engaged, through core', async () => {
    await put('engaged');
    expect(await provider.killSwitch()).toBe(
      `SSM parameter ${parameter} in us-east-1 is "engaged"`,
    );
    expect(await killSwitchReason(config, [provider], {})).toBe(
      `aws: SSM parameter ${parameter} in us-east-1 is "engaged"`,
    );
    await put(' TRUE ');
    expect(await provider.killSwitch()).toMatch(/is " TRUE "$/);
    await put('off');
    expect(await killSwitchReason(config, [provider], {})).toBeUndefined();
  });

  it('counts as engaged when it cannot be read (fail closed)', async () => {
    // A port nothing listens on: the read fails, and core holds every action back.
    const unreachable = motoProvider('http://127.0.0.1:9', {
      killSwitchParameter: parameter,
      maxAttempts: 1,
    });
    try {
      await expect(unreachable.killSwitch()).rejects.toThrow(/GetParameter/);
      expect(await killSwitchReason(config, [unreachable], {})).toMatch(
        /^aws: could not read the kill switch \(.*the kill-switch parameter/,
      );
    } finally {
      await unreachable.close();
    }
  });
});
