import { z } from 'zod';

/** Schemas shared by the sites, applications, policy and scenario files. */

/** A Kubernetes DNS label (RFC 1123): site ids, tier ids and namespaces end up in object names. */
export const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'expected a lower-case DNS label: a–z, 0–9 and "-", at most 63 characters');

export const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected an identifier of letters, digits, ".", "_" or "-" (max 64)');

export const gpuTypeName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'expected an accelerator type such as "H100", "B200" or "RNGD"');

const labelName = /^([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `prefix/name` or `name`, as Kubernetes label keys and extended resource names are written. */
export function isQualifiedName(value: string): boolean {
  const slash = value.lastIndexOf('/');
  const prefix = slash === -1 ? null : value.slice(0, slash);
  const name = slash === -1 ? value : value.slice(slash + 1);
  if (prefix !== null && (prefix.length > 253 || !dnsSubdomain.test(prefix))) return false;
  return name.length <= 63 && labelName.test(name);
}

export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && labelName.test(value));
}

export const qualifiedName = z.string().refine(isQualifiedName, 'expected a Kubernetes qualified name such as "nvidia.com/gpu"');
export const labelValue = z.string().refine(isLabelValue, 'expected a Kubernetes label value (≤ 63 letters, digits, "-", "_", ".")');

export const share = z.number().min(0).max(1);
