import { z } from 'zod';

/** Monthly prices of what the janitor removes, in one AWS region. */
export interface RegionPrices {
  /** EBS volume storage per GiB-month, by volume type. */
  ebsGiBMonth: Record<string, number>;
  /** gp3 IOPS above 3,000 per IOPS-month; io1/io2 IOPS per IOPS-month. */
  ebsIopsMonth: { gp3: number; io1: number; io2: number };
  /** gp3 throughput above 125 MiB/s per MiB/s-month. */
  ebsThroughputMonth: number;
  /** Snapshot storage per GiB-month (standard tier), and the archive tier. */
  snapshotGiBMonth: number;
  snapshotArchiveGiBMonth: number;
  /** A public IPv4 address (an Elastic IP, associated or not) per hour. */
  publicIpv4Hour: number;
}

/**
 * The price table shipped with Simian: AWS's public on-demand list prices in USD, as published on
 * the date below, for the regions listed; `default` is used for any other region (and says so in
 * the estimate). Override any of it in `monkeys.janitor.prices`.
 */
export const PRICE_TABLE: {
  date: string;
  currency: string;
  regions: Record<string, RegionPrices>;
} = {
  date: '2026-11-01',
  currency: 'USD',
  regions: {
    default: usEast(),
    'us-east-1': usEast(),
    'us-east-2': usEast(),
    'us-west-2': usEast(),
    'eu-west-1': {
      ebsGiBMonth: {
        gp2: 0.11,
        gp3: 0.088,
        io1: 0.138,
        io2: 0.138,
        st1: 0.05,
        sc1: 0.0168,
        standard: 0.055,
      },
      ebsIopsMonth: { gp3: 0.0055, io1: 0.072, io2: 0.072 },
      ebsThroughputMonth: 0.044,
      snapshotGiBMonth: 0.05,
      snapshotArchiveGiBMonth: 0.0125,
      publicIpv4Hour: 0.005,
    },
    'eu-central-1': {
      ebsGiBMonth: {
        gp2: 0.119,
        gp3: 0.0952,
        io1: 0.149,
        io2: 0.149,
        st1: 0.054,
        sc1: 0.018,
        standard: 0.059,
      },
      ebsIopsMonth: { gp3: 0.006, io1: 0.078, io2: 0.078 },
      ebsThroughputMonth: 0.048,
      snapshotGiBMonth: 0.054,
      snapshotArchiveGiBMonth: 0.0135,
      publicIpv4Hour: 0.005,
    },
  },
};

function usEast(): RegionPrices {
  return {
    ebsGiBMonth: {
      gp2: 0.1,
      gp3: 0.08,
      io1: 0.125,
      io2: 0.125,
      st1: 0.045,
      sc1: 0.015,
      standard: 0.05,
    },
    ebsIopsMonth: { gp3: 0.005, io1: 0.065, io2: 0.065 },
    ebsThroughputMonth: 0.04,
    snapshotGiBMonth: 0.05,
    snapshotArchiveGiBMonth: 0.0125,
    publicIpv4Hour: 0.005,
  };
}

const positive = z.number().min(0);

/** `monkeys.janitor.prices`: overrides of the shipped table, and Kubernetes storage. */
export const pricesConfigSchema = z
  .strictObject({
    currency: z
      .string()
      .min(1)
      .optional()
      .describe('The currency of the overrides; default the table’s (USD).'),
    aws: z
      .record(
        z.string().min(1),
        z.strictObject({
          ebsGiBMonth: z.record(z.string(), positive).optional(),
          ebsIopsMonth: z
            .strictObject({ gp3: positive, io1: positive, io2: positive })
            .partial()
            .optional(),
          ebsThroughputMonth: positive.optional(),
          snapshotGiBMonth: positive.optional(),
          snapshotArchiveGiBMonth: positive.optional(),
          publicIpv4Hour: positive.optional(),
        }),
      )
      .default({})
      .describe(
        'Per region (or `default`), any price of the shipped table: your discounts, a region it lacks.',
      ),
    kubernetesStorageGiBMonth: positive
      .default(0.08)
      .describe(
        'What a GiB-month of a PersistentVolume costs (the cluster does not say what backs it). Default: gp3 in us-east-1.',
      ),
  })
  .prefault({})
  .describe(
    'Prices for the cost estimates: the table shipped with Simian (dated, per region), overridden here.',
  );

/** The parsed `monkeys.janitor.prices`. */
export type PricesConfig = z.output<typeof pricesConfigSchema>;

/** The prices of `region`: the table's (or its default), with the config's overrides. */
export function pricesFor(
  region: string | undefined,
  config: PricesConfig,
): { prices: RegionPrices; source: string } {
  const listed = region !== undefined && PRICE_TABLE.regions[region] !== undefined;
  const base = PRICE_TABLE.regions[listed ? region! : 'default']!;
  const own = { ...config.aws['default'], ...(region ? config.aws[region] : {}) };
  const prices: RegionPrices = {
    ebsGiBMonth: { ...base.ebsGiBMonth, ...own.ebsGiBMonth },
    ebsIopsMonth: { ...base.ebsIopsMonth, ...own.ebsIopsMonth },
    ebsThroughputMonth: own.ebsThroughputMonth ?? base.ebsThroughputMonth,
    snapshotGiBMonth: own.snapshotGiBMonth ?? base.snapshotGiBMonth,
    snapshotArchiveGiBMonth: own.snapshotArchiveGiBMonth ?? base.snapshotArchiveGiBMonth,
    publicIpv4Hour: own.publicIpv4Hour ?? base.publicIpv4Hour,
  };
  const overridden =
    Object.keys(own).length > 0 ? ', with overrides from monkeys.janitor.prices' : '';
  const source = `AWS list prices of ${PRICE_TABLE.date} (${listed ? region! : `us-east-1, for ${region ?? 'an unknown region'}`})${overridden}`;
  return { prices, source };
}
