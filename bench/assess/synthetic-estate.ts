import { LAYERS, type InventoryInput, type Layer } from '../../src/control/assess/index.js';

/**
 * A synthetic estate of `count` components spread over the nine layers, with a realistic mix of
 * suppliers (a few large ones per layer, a long tail), supplier countries, pilots, alternatives and
 * foreign-law exposure. Deterministic (a small linear congruential generator), so runs compare.
 */
export function syntheticInventory(count: number): InventoryInput {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const countries = ['KR', 'KR', 'KR', 'KR', 'US', 'US', 'JP', 'DE', 'FR', 'TW', 'CN', 'NL'];
  const sections = Object.fromEntries(LAYERS.map((layer) => [layer, [] as Record<string, unknown>[]])) as Record<Layer, Record<string, unknown>[]>;
  for (let index = 0; index < count; index += 1) {
    const layer = LAYERS[index % LAYERS.length]!;
    // Zipf-like: supplier 0 is large, the tail small.
    const rank = Math.min(199, Math.floor(1 / Math.max(0.005, random())) - 1);
    const supplierCountry = rank < 3 ? (['US', 'KR', 'KR'] as const)[rank]! : pick(countries);
    const base: Record<string, unknown> = {
      id: `${layer}-${index}`,
      name: `${layer} 구성요소 ${index}`,
      supplier: `${layer}-supplier-${rank}`,
      supplierCountry,
      critical: random() < 0.7,
      pilot: random() < 0.05,
      foreignLaws: supplierCountry === 'US' ? ['US-CLOUD-Act'] : supplierCountry === 'CN' ? ['CN-NIL'] : [],
      alternatives: { count: Math.floor(random() * 3), switchingMonths: Math.floor(random() * 24), tested: random() < 0.2 },
      exit: { dataPortability: random() < 0.5 },
      certifications: random() < 0.3 ? ['CSAP-medium'] : [],
      hostingCountry: random() < 0.8 ? 'KR' : pick(countries),
    };
    const extra: Record<Layer, () => Record<string, unknown>> = {
      accelerators: () => ({ kind: pick(['gpu', 'npu']), count: 1 + Math.floor(random() * 64), hbmSupplierCountry: pick(['KR', 'KR', 'US']), fabCountry: pick(['TW', 'KR']), exportControlled: supplierCountry === 'US' }),
      servers: () => ({ count: 1 + Math.floor(random() * 16) }),
      datacentres: () => ({ powerMW: 1 + Math.floor(random() * 40), pue: 1.1 + random(), renewableShare: random(), disclosure: random() < 0.5 }),
      cloud: () => ({ deployment: pick(['on-premises', 'national-network', 'domestic-cloud', 'foreign-cloud']), keyControl: pick(['customer-hsm', 'customer-held', 'provider-managed']) }),
      models: () => ({ weightsOrigin: pick(countries), openWeights: random() < 0.5, lineage: pick(['from-scratch', 'derivative', 'unknown']) }),
      datasets: () => ({ storageJurisdiction: pick(countries), grade: pick(['C', 'S', 'O']) }),
      software: () => ({ openSource: random() < 0.6 }),
      operations: () => ({ operatedFrom: pick(countries), vendorSupport: pick(['none', 'partial', 'essential']) }),
      energy: () => ({ renewableShare: random() }),
    };
    sections[layer].push({ ...base, ...extra[layer]() });
  }
  return { estate: { name: `synthetic estate of ${count.toLocaleString('en-US')} components`, home: 'KR', allies: ['JP'] }, ...sections, claims: { sensitiveDataInCountry: true, domesticShareAtLeast: 0.5 } } as InventoryInput;
}
