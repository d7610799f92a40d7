import {
  ConfigError,
  SimianError,
  parseActionParams,
  type Action,
  type ExecuteOptions,
  type ListOptions,
  type Logger,
  type Permission,
  type PermissionCheck,
  type Provider,
  type RefParts,
  type ReportFile,
  type Resource,
  type ResourceRef,
} from '@simian/core';
import { arnOf, arnTarget, parseArn, type ArnTarget } from './arn.js';
import { isAwsNotFound } from './errors.js';
import { bucketRegion } from './kinds/bucket-details.js';
import { awsKind, awsKinds } from './kinds/index.js';
import { readAwsKillSwitch } from './kill-switch.js';
import { putReportFile } from './report-file.js';
import { checkIam } from './permissions.js';
import {
  AwsScope,
  defaultAwsInventorySettings,
  type AwsInventorySettings,
  type AwsRequestStats,
} from './scope.js';
import type { AwsTargetConfig } from './target-schema.js';
import { awsVerb, awsVerbs } from './verbs/index.js';

/** What {@link AwsProvider} is built with, besides its target config. */
export interface AwsProviderOptions {
  logger: Logger;
  /**
   * simian.yaml's `inventory` section, when the engine passes it; a scope's own fields win.
   * @default { pageSize: 500, ownerLabel: "owner", concurrency: 8 }
   */
  inventory?: Partial<AwsInventorySettings>;
  /** Where `AWS_ENDPOINT_URL` is read. @default process.env */
  env?: NodeJS.ProcessEnv;
}

/**
 * Inventory and actions over one or more AWS regions (each a scope, with its own credentials).
 * The SDK clients retry in adaptive mode; refs are ARNs.
 */
export class AwsProvider implements Provider {
  readonly name = 'aws';
  readonly #scopes = new Map<string, AwsScope>();
  readonly #stats: AwsRequestStats = { requests: 0 };

  constructor(config: AwsTargetConfig, options: AwsProviderOptions) {
    const inventory = { ...defaultAwsInventorySettings, ...options.inventory };
    config.forEach((entry, index) => {
      const scope = new AwsScope(entry, inventory, {
        stats: this.#stats,
        logger: options.logger,
        ...(options.env ? { env: options.env } : {}),
      });
      if (this.#scopes.has(scope.name)) {
        throw new ConfigError([
          {
            path: `targets.aws[${index}]`,
            message: `a second entry named "${scope.name}": give one of them a distinct \`name\``,
          },
        ]);
      }
      this.#scopes.set(scope.name, scope);
    });
  }

  scopes(): string[] {
    return [...this.#scopes.keys()];
  }

  async list(kind: string, scope: string, options: ListOptions = {}): Promise<Resource[]> {
    const k = awsKind(kind);
    if (!k) {
      throw new SimianError('INPUT_INVALID', `"${kind}" is no AWS kind Simian knows`, {
        hint: `AWS kinds: ${awsKinds.map((x) => x.kind).join(', ')}`,
      });
    }
    return k.list(this.#scope(scope), options);
  }

  /** The ARN of an item in a configured scope; the account is the scope's unless given. */
  ref(parts: RefParts): ResourceRef {
    const scope = this.#scope(parts.scope);
    return arnOf(parts.kind, parts.name, scope.region, parts.account ?? scope.knownAccount());
  }

  async read(
    ref: ResourceRef,
    options: { signal?: AbortSignal } = {},
  ): Promise<Resource | undefined> {
    let located: { target: ArnTarget; scope: AwsScope };
    try {
      located = await this.#locate(ref, {}, options.signal);
    } catch (error) {
      // Finding a bucket's region asks S3 about it: a bucket that is gone has no region.
      if (isAwsNotFound((error as Error).cause)) return undefined;
      throw error;
    }
    return awsKind(located.target.kind)!.read(located.scope, located.target.id, options.signal);
  }

  /**
   * Carries out `action`. EC2 calls carry `DryRun: true` in dry-run (EC2 answers
   * `DryRunOperation` when the call would have succeeded); S3 and Auto Scaling have no dry-run,
   * so their verbs run read-only checks instead and change nothing.
   */
  async execute(action: Action, options: ExecuteOptions): Promise<Record<string, unknown>> {
    const { target, scope } = await this.#locate(
      action.resource.ref,
      { region: action.resource.region, account: action.resource.context },
      options.signal,
    );
    const verb = awsVerb(action.verb, target.kind);
    if (!verb) {
      const fits = awsVerbs.filter((v) => v.kind === target.kind).map((v) => v.verb);
      throw new SimianError(
        'INPUT_INVALID',
        `the AWS provider cannot "${action.verb}" a ${target.kind} (action ${action.id})`,
        {
          hint: `verbs for ${target.kind}: ${[...new Set(fits)].join(', ') || 'none'}`,
        },
      );
    }
    const params = parseActionParams(verb.params, action);
    return verb.run(
      {
        scope,
        id: target.id,
        arn: action.resource.ref,
        action,
        dryRun: options.dryRun,
        logger: options.logger,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      params,
    );
  }

  async ping(scope: string): Promise<{ ok: boolean; identity?: string; detail?: string }> {
    const s = this.#scope(scope);
    try {
      const who = await s.callerIdentity();
      return {
        ok: true,
        identity: who.arn,
        detail: `account ${who.account}, region ${s.region}${s.endpoint ? `, endpoint ${s.endpoint}` : ''}`,
      };
    } catch (error) {
      return { ok: false, detail: error instanceof SimianError ? error.describe() : String(error) };
    }
  }

  async checkPermissions(scope: string, permissions: Permission[]): Promise<PermissionCheck[]> {
    return checkIam(this.#scope(scope), permissions);
  }

  /** Writes one report file to a bucket, with the credentials of `scope` (default: the first). */
  async putReportFile(
    file: ReportFile,
    options: { scope?: string; signal?: AbortSignal } = {},
  ): Promise<void> {
    const scope = this.#scope(options.scope ?? this.scopes()[0] ?? '');
    await putReportFile(scope, file, options.signal);
  }

  /** The first engaged kill-switch parameter over the scopes (`killSwitchParameter`). */
  async killSwitch(): Promise<string | undefined> {
    for (const scope of this.#scopes.values()) {
      const reason = await readAwsKillSwitch(scope);
      if (reason) return reason;
    }
    return undefined;
  }

  /** API requests made so far over all scopes (each retry attempt counts). */
  stats(): AwsRequestStats {
    return { ...this.#stats };
  }

  async close(): Promise<void> {
    for (const s of this.#scopes.values()) s.close();
  }

  #scope(name: string): AwsScope {
    const s = this.#scopes.get(name);
    if (!s) {
      throw new SimianError('INPUT_INVALID', `no AWS scope "${name}" is configured`, {
        hint: `configured scopes: ${this.scopes().join(', ') || 'none'} (targets.aws in simian.yaml)`,
      });
    }
    return s;
  }

  /**
   * The kind, id and scope an ARN belongs to. A bucket's ARN has no region: the action's region
   * is used, or the bucket's own (GetBucketLocation). Several scopes in one region are told
   * apart by account.
   */
  async #locate(
    ref: ResourceRef,
    hint: { region?: string | undefined; account?: string | undefined },
    signal?: AbortSignal,
  ): Promise<{ target: ArnTarget; scope: AwsScope }> {
    const arn = parseArn(ref);
    const target = arnTarget(arn);
    if (!target) {
      throw new SimianError('INPUT_INVALID', `${ref} is no resource the AWS provider knows`, {
        hint: `AWS kinds: ${awsKinds.map((k) => k.kind).join(', ')}`,
      });
    }
    const all = [...this.#scopes.values()];
    let region = arn.region || hint.region;
    if (!region && target.kind === 'Bucket' && all[0])
      region = await bucketRegion(all[0], target.id, signal);
    const candidates = all.filter((s) => s.region === region);
    const account = arn.account || hint.account;
    if (candidates.length > 1 && account) {
      for (const s of candidates) if ((await s.account()) === account) return { target, scope: s };
    }
    if (candidates[0]) return { target, scope: candidates[0] };
    throw new SimianError(
      'INPUT_INVALID',
      `${ref} is in region ${region ?? 'unknown'}, which no targets.aws entry covers`,
      {
        hint: `add { region: ${region ?? '<region>'} } under targets.aws`,
      },
    );
  }
}
