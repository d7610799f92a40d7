import type { Resource } from '@simian/core';
import { pricesFor, PRICE_TABLE, type PricesConfig } from './prices.js';

/** What removing a resource saves a month, and how that was worked out. */
export interface CostEstimate {
  monthly: number;
  currency: string;
  /** The sum in words: `200 GiB gp3 × 0.08`. */
  basis: string;
  /** Where the prices come from. */
  prices: string;
}

const HOURS_PER_MONTH = 730;
const GIB = 2 ** 30;

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The estimated monthly cost of `r`: size × the price of its region, for what AWS bills by size
 * or hour (volumes, snapshots, AMIs through their snapshots, Elastic IPs, a stopped instance's
 * volumes) and for Kubernetes storage. Undefined for what costs nothing to keep.
 */
export function estimateMonthlyCost(
  r: Resource,
  config: PricesConfig,
  lookup: {
    volumeSize(id: string): { sizeGiB: number; type: string } | undefined;
    snapshotSize(id: string): number | undefined;
  },
): CostEstimate | undefined {
  const currency = config.currency ?? PRICE_TABLE.currency;
  const { prices, source } = pricesFor(r.region, config);
  const est = (monthly: number, basis: string): CostEstimate => ({
    monthly: round(monthly),
    currency,
    basis,
    prices: source,
  });
  const v = r.views;
  if (v?.volume?.sizeGiB !== undefined) {
    const type = v.volume.type ?? 'gp2';
    const perGiB = prices.ebsGiBMonth[type] ?? prices.ebsGiBMonth['gp2']!;
    let monthly = v.volume.sizeGiB * perGiB;
    let basis = `${v.volume.sizeGiB} GiB ${type} × ${perGiB}`;
    const iops = v.volume.iops ?? 0;
    if (type === 'gp3' && iops > 3000) {
      monthly += (iops - 3000) * prices.ebsIopsMonth.gp3;
      basis += ` + ${iops - 3000} IOPS × ${prices.ebsIopsMonth.gp3}`;
    }
    if ((type === 'io1' || type === 'io2') && iops > 0) {
      monthly += iops * prices.ebsIopsMonth[type];
      basis += ` + ${iops} IOPS × ${prices.ebsIopsMonth[type]}`;
    }
    const throughput = v.volume.throughputMiBps ?? 0;
    if (type === 'gp3' && throughput > 125) {
      monthly += (throughput - 125) * prices.ebsThroughputMonth;
      basis += ` + ${throughput - 125} MiB/s × ${prices.ebsThroughputMonth}`;
    }
    return est(monthly, basis);
  }
  if (v?.snapshot?.sizeGiB !== undefined) {
    const archive = v.snapshot.storageTier === 'archive';
    const per = archive ? prices.snapshotArchiveGiBMonth : prices.snapshotGiBMonth;
    return est(
      v.snapshot.sizeGiB * per,
      `${v.snapshot.sizeGiB} GiB × ${per} (the source volume's size: an upper bound, snapshots are incremental)`,
    );
  }
  if (v?.image) {
    const sizes = v.image.snapshots.map((s) => lookup.snapshotSize(s) ?? 0);
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total === 0) return undefined;
    return est(
      total * prices.snapshotGiBMonth,
      `its snapshots, ${total} GiB × ${prices.snapshotGiBMonth} (saved once they go too)`,
    );
  }
  if (v?.elasticIp) {
    return est(
      HOURS_PER_MONTH * prices.publicIpv4Hour,
      `${HOURS_PER_MONTH} h × ${prices.publicIpv4Hour} per public IPv4 address`,
    );
  }
  if (v?.instance && v.instance.state === 'stopped') {
    const volumes = (v.instance.volumeIds ?? []).map((id) => lookup.volumeSize(id));
    const known = volumes.filter((x): x is { sizeGiB: number; type: string } => !!x);
    if (known.length === 0) return undefined;
    const monthly = known.reduce(
      (n, x) => n + x.sizeGiB * (prices.ebsGiBMonth[x.type] ?? prices.ebsGiBMonth['gp2']!),
      0,
    );
    return est(
      monthly,
      `its ${known.length} volume(s), ${known.reduce((n, x) => n + x.sizeGiB, 0)} GiB (a stopped instance costs its storage)`,
    );
  }
  const bytes =
    v?.volumeClaim?.capacityBytes ??
    v?.volumeClaim?.requestedBytes ??
    v?.persistentVolume?.capacityBytes;
  if (bytes !== undefined) {
    const gib = bytes / GIB;
    return {
      monthly: round(gib * config.kubernetesStorageGiBMonth),
      currency,
      basis: `${round(gib)} GiB × ${config.kubernetesStorageGiBMonth}`,
      prices: 'monkeys.janitor.prices.kubernetesStorageGiBMonth',
    };
  }
  return undefined;
}
