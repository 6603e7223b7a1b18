import { join } from 'node:path';
import { packageRoot } from '../../../config/paths.js';

/**
 * The Kueue release whose CustomResourceDefinitions jaju validates against (vendored, unmodified,
 * under vendor/kueue/<version>/crds). Exports use its storage version, v1beta2.
 */
export const KUEUE_VERSION = 'v0.19.2';
export const KUEUE_GROUP = 'kueue.x-k8s.io';
export const KUEUE_API_VERSION = `${KUEUE_GROUP}/v1beta2`;

export function vendoredCrdFolder(): string {
  return join(packageRoot(), 'vendor', 'kueue', KUEUE_VERSION, 'crds');
}
