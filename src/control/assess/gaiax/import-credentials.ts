import { basename } from 'node:path';
import type { EstateComponent } from '../inventory/components.js';
import { AssessInputError, readAssessFile } from '../inventory/input-error.js';
import type { CredentialReport } from '../model.js';

/**
 * Gaia-X credentials (W3C Verifiable Credentials in the `gx:` vocabulary, JSON-LD) mapped into
 * estate components (docs/assess.md, "Gaia-X"). A file holds one credential, a list of them, or a
 * Verifiable Presentation. What is mapped:
 * - `gx:LegalParticipant` / `gx:LegalPerson`: legal name, legal address and headquarters country
 *   (`gx:countryCode`, or the first two letters of `gx:countrySubdivisionCode`) → the supplier profile;
 * - `gx:ServiceOffering` (`gx:providedBy` → the participant) → one component: layer `models` when its
 *   keywords or name speak of a model, `datasets` for data, otherwise `cloud`; `gx:dataAccountExport`
 *   → exit.dataPortability; a linked `gx:PhysicalResource`/`gx:DataCenter` location → hostingCountry;
 * - a label credential (conformity scheme "Label Level N" / "Standard Compliance") → a certification
 *   `Gaia-X-Label-Level-N` on the offering it names (or every offering of its participant).
 * Signatures are never checked (no verifier is built in): every report says `signature: not-performed`.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A property by its compact (`gx:name`), bare (`name`) or expanded (`…#name`) key; `@value` unwrapped. */
function prop(node: Json, name: string): unknown {
  for (const [key, value] of Object.entries(node)) {
    if (key === `gx:${name}` || key === name || key.endsWith(`#${name}`) || key.endsWith(`/${name}`)) {
      const first = Array.isArray(value) && value.length === 1 ? value[0] : value;
      return isObject(first) && '@value' in first ? first['@value'] : first;
    }
  }
  return undefined;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function typesOf(node: Json): string[] {
  const raw = node['type'] ?? node['@type'];
  return (Array.isArray(raw) ? raw : [raw]).filter((type): type is string => typeof type === 'string').map((type) => type.replace(/^.*[#/]/, '').replace(/^gx:/, ''));
}

function idOf(node: unknown): string | null {
  if (typeof node === 'string') return node;
  if (isObject(node)) return text(node['id']) ?? text(node['@id']);
  return null;
}

function countryOf(address: unknown): string | undefined {
  if (!isObject(address)) return undefined;
  const code = text(prop(address, 'countryCode')) ?? text(prop(address, 'countrySubdivisionCode'));
  const country = code?.slice(0, 2).toUpperCase();
  return country !== undefined && /^[A-Z]{2}$/.test(country) ? country : undefined;
}

interface Subject {
  report: CredentialReport;
  file: string;
  path: string;
  credential: Json;
  node: Json;
  types: string[];
}

function credentialsIn(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(credentialsIn);
  if (!isObject(value)) return [];
  const nested = value['verifiableCredential'];
  if (nested !== undefined) return credentialsIn(nested);
  return value['credentialSubject'] !== undefined ? [value] : [];
}

function subjectsOf(credential: Json): Json[] {
  const subject = credential['credentialSubject'];
  return (Array.isArray(subject) ? subject : [subject]).filter(isObject);
}

const LABEL = /Label\s*Level\s*(\d)/i;

export interface CredentialImport {
  components: EstateComponent[];
  reports: CredentialReport[];
  /** The participants found, as provider profiles. */
  participants: { id: string; legalName: string; legalCountry: string | null; headquarterCountry: string | null }[];
}

/** Reads and maps the credential files; a file that is not JSON is an input error naming it. */
export function importCredentialFiles(files: readonly string[], home: string): CredentialImport {
  const subjects: Subject[] = [];
  const reports: CredentialReport[] = [];
  for (const file of files) {
    const { path, value } = readAssessFile(file, 'Gaia-X credential');
    const credentials = credentialsIn(value);
    if (credentials.length === 0) throw new AssessInputError(path, [{ path: '', message: 'no verifiable credential found (expected a credential, a list of them or a presentation)' }]);
    credentials.forEach((credential, index) => {
      const types = typesOf(credential);
      const subjectNodes = subjectsOf(credential);
      const report: CredentialReport = {
        file: basename(path),
        id: idOf(credential),
        types: [...new Set([...types, ...subjectNodes.flatMap(typesOf)])].filter((type) => type !== 'VerifiableCredential'),
        issuer: idOf(credential['issuer']),
        subject: subjectNodes.map(idOf).find((id) => id !== null) ?? null,
        signature: 'not-performed',
        proofPresent: credential['proof'] !== undefined,
        mapped: [],
        warnings: [],
      };
      reports.push(report);
      subjectNodes.forEach((node, subjectIndex) => subjects.push({ report, file: basename(path), path: `gaia-x:${basename(path)}#${index}.credentialSubject${subjectNodes.length > 1 ? `[${subjectIndex}]` : ''}`, credential, node, types: [...typesOf(node), ...types] }));
    });
  }
  const reportOf = (subject: Subject) => subject.report;
  const has = (subject: Subject, ...names: string[]) => subject.types.some((type) => names.includes(type));

  const participants = new Map<string, { subject: Subject; legalName: string; legalCountry: string | undefined; headquarterCountry: string | undefined }>();
  for (const subject of subjects.filter((entry) => has(entry, 'LegalParticipant', 'LegalPerson', 'Participant'))) {
    const id = idOf(subject.node) ?? subject.path;
    const legalName = text(prop(subject.node, 'legalName')) ?? text(prop(subject.node, 'name')) ?? id;
    const legalCountry = countryOf(prop(subject.node, 'legalAddress'));
    const headquarterCountry = countryOf(prop(subject.node, 'headquarterAddress'));
    participants.set(id, { subject, legalName, legalCountry, headquarterCountry });
    const report = reportOf(subject);
    report.mapped.push(`participant ${legalName} (legal address ${legalCountry ?? '?'}, headquarters ${headquarterCountry ?? '?'})`);
    if (legalCountry === undefined && headquarterCountry === undefined) report.warnings.push(`${subject.path}: no gx:legalAddress or gx:headquarterAddress country; its offerings cannot be mapped`);
  }

  const locations = new Map<string, { country: string; path: string }>();
  for (const subject of subjects.filter((entry) => has(entry, 'PhysicalResource', 'DataCenter', 'Datacenter', 'AvailabilityZone'))) {
    const country = countryOf(prop(subject.node, 'locationAddress')) ?? countryOf(prop(subject.node, 'address')) ?? countryOf(prop(subject.node, 'location'));
    const id = idOf(subject.node);
    if (id !== null && country !== undefined) locations.set(id, { country, path: `${subject.path}.gx:locationAddress` });
  }

  const labels: { target: string | null; participant: string | null; level: number | null; name: string; path: string; subject: Subject }[] = [];
  for (const subject of subjects.filter((entry) => entry.types.some((type) => /Label/i.test(type)) || LABEL.test(String(prop(entry.node, 'conformityAssessmentScheme') ?? prop(entry.node, 'labelLevel') ?? '')))) {
    const scheme = String(prop(subject.node, 'conformityAssessmentScheme') ?? prop(subject.node, 'labelLevel') ?? prop(subject.node, 'scheme') ?? '');
    const match = LABEL.exec(scheme) ?? /^(\d)$/.exec(scheme);
    const name = match ? `Gaia-X-Label-Level-${match[1]}` : /standard/i.test(scheme) ? 'Gaia-X-Standard-Compliance' : '';
    if (name === '') {
      reportOf(subject).warnings.push(`${subject.path}: label credential without a recognised conformity scheme ("${scheme}")`);
      continue;
    }
    labels.push({ target: idOf(prop(subject.node, 'serviceOffering') ?? prop(subject.node, 'service')), participant: idOf(prop(subject.node, 'participant')), level: match ? Number(match[1]) : null, name, path: `${subject.path}.gx:conformityAssessmentScheme`, subject });
  }

  const components: EstateComponent[] = [];
  subjects.filter((entry) => has(entry, 'ServiceOffering')).forEach((subject) => {
    const report = reportOf(subject);
    const offeringId = idOf(subject.node);
    const providerId = idOf(prop(subject.node, 'providedBy'));
    const participant = providerId === null ? undefined : participants.get(providerId);
    const name = text(prop(subject.node, 'name')) ?? offeringId ?? subject.path;
    if (participant === undefined) {
      report.warnings.push(`${subject.path}: gx:providedBy ${providerId ?? '(missing)'} names no LegalParticipant in the credential set; offering "${name}" not mapped`);
      return;
    }
    const supplierCountry = participant.legalCountry ?? participant.headquarterCountry;
    if (supplierCountry === undefined) return;
    const keywords = [prop(subject.node, 'keyword')].flat().map(String).join(' ') + ` ${name} ${text(prop(subject.node, 'description')) ?? ''}`;
    const layer = /\b(model|LLM|foundation|inference)\b|모델/i.test(keywords) ? 'models' : /\bdata(set)?s?\b|데이터/i.test(keywords) ? 'datasets' : 'cloud';
    const hostRefs = [prop(subject.node, 'hostedOn'), prop(subject.node, 'aggregationOf')].flat().map(idOf).filter((id): id is string => id !== null);
    const location = hostRefs.map((id) => locations.get(id)).find((entry) => entry !== undefined);
    const offeringLabels = labels.filter((label) => (label.target !== null ? label.target === offeringId : label.participant === providerId));
    const certifications = offeringLabels.map((label) => label.name);
    const participantPath = participant.legalCountry !== undefined ? `${participant.subject.path}.gx:legalAddress` : `${participant.subject.path}.gx:headquarterAddress`;
    const base = {
      id: `gx:${(offeringId ?? name).replace(/^.*[#/:]/, '').replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 100) || String(components.length)}`,
      name,
      supplier: participant.legalName,
      supplierCountry,
      critical: true,
      foreignLaws: [] as string[],
      alternatives: { count: 0, tested: false },
      exit: { dataPortability: prop(subject.node, 'dataAccountExport') !== undefined, sourceEscrow: false },
      certifications,
      hostingCountry: location?.country,
      pilot: false,
      evidence: [report.id ?? subject.path],
      path: subject.path,
      source: 'gaia-x' as const,
      fieldPaths: {
        supplier: `${participant.subject.path}.gx:legalName`,
        supplierCountry: `${participantPath}.gx:countryCode`,
        hostingCountry: location?.path ?? `${subject.path}.gx:hostedOn (none)`,
        certifications: offeringLabels.map((label) => label.path).join(', ') || `${subject.path} (no label credential)`,
        'exit.dataPortability': `${subject.path}.gx:dataAccountExport`,
      },
      notes: `imported from Gaia-X credentials (signature not verified); legal address ${participant.legalCountry ?? '?'}, headquarters ${participant.headquarterCountry ?? '?'}`,
    };
    const component: EstateComponent =
      layer === 'models'
        ? { ...base, layer, openWeights: false, lineage: 'unknown' }
        : layer === 'datasets'
          ? { ...base, layer, personalData: false, storageJurisdiction: location?.country }
          : { ...base, layer: 'cloud', deployment: location?.country === home ? 'domestic-cloud' : 'foreign-cloud', grades: [] };
    components.push(component);
    report.mapped.push(`offering "${name}" → ${component.layer} component ${component.id} (supplier ${participant.legalName}, ${supplierCountry}${location ? `, hosted ${location.country}` : ''}${certifications.length > 0 ? `, ${certifications.join(', ')}` : ''})`);
    for (const label of offeringLabels) reportOf(label.subject).mapped.push(`${label.name} → certification of ${component.id}`);
  });

  return {
    components,
    reports,
    participants: [...participants].map(([id, entry]) => ({ id, legalName: entry.legalName, legalCountry: entry.legalCountry ?? null, headquarterCountry: entry.headquarterCountry ?? null })),
  };
}
