import type { Context, EntityJson, EntityUidJson, StatefulAuthorizationCall } from '@cedar-policy/cedar-wasm/nodejs';
import { DEPLOYMENTS, FINDING_TYPES, GRADES, type App, type Deployment, type FindingType, type Grade, type Target } from '../domain/index.js';

/**
 * Turns jaju's request and target into Cedar's entities and context (policies/jaju.cedarschema).
 * Every required attribute the schema declares is always sent: a missing one would make Cedar skip
 * the policies that read it, and a skipped `forbid` fails open. (Finding counts are optional
 * attributes; strict validation forces every policy to test them with `has` before reading them.)
 */

const NAMESPACE = 'Jaju';
export const APP_TYPE = `${NAMESPACE}::App`;
export const TARGET_TYPE = `${NAMESPACE}::Target`;
export const PROVIDER_TYPE = `${NAMESPACE}::Provider`;
const SEND_ACTION: EntityUidJson = { type: `${NAMESPACE}::Action`, id: 'send' };

type EnumReference = { __entity: { type: string; id: string } };

function enumReferences<T extends string>(type: string, values: readonly T[]): Record<T, EnumReference> {
  const references = {} as Record<T, EnumReference>;
  for (const value of values) references[value] = { __entity: { type: `${NAMESPACE}::${type}`, id: value } };
  return references;
}

// Built once: enum values are entity references, and these objects are shared by every call.
const GRADE_REFERENCE = enumReferences<Grade>('Grade', GRADES);
const DEPLOYMENT_REFERENCE = enumReferences<Deployment>('Deployment', DEPLOYMENTS);
const FINDING_TYPE_REFERENCE = enumReferences<FindingType>('FindingType', FINDING_TYPES);

/** An unknown enum value (e.g. a grade from an unchecked caller) goes to Cedar as-is: its request validation then fails, which denies. */
function gradeValue(grade: string): EnumReference {
  return GRADE_REFERENCE[grade as Grade] ?? { __entity: { type: `${NAMESPACE}::Grade`, id: grade } };
}

function deploymentValue(deployment: string): EnumReference {
  return DEPLOYMENT_REFERENCE[deployment as Deployment] ?? { __entity: { type: `${NAMESPACE}::Deployment`, id: deployment } };
}

export function targetEntityId(target: Pick<Target, 'provider' | 'model'>): string {
  return `${target.provider}/${target.model}`;
}

function appEntity(app: App): EntityJson {
  return {
    uid: { type: APP_TYPE, id: app.id },
    attrs: { grade: gradeValue(app.grade), purpose: app.purpose, highImpact: app.highImpact },
    parents: [],
  };
}

function targetEntity(target: Target, cut: boolean): EntityJson {
  const profile = target.profile;
  return {
    uid: { type: TARGET_TYPE, id: targetEntityId(target) },
    attrs: {
      provider: target.provider,
      model: target.model,
      operatorCountry: profile.operatorCountry,
      hostingCountry: profile.hostingCountry,
      deployment: deploymentValue(profile.deployment),
      accreditedGrades: profile.accreditedGrades.map(gradeValue),
      certifications: [...profile.certifications],
      weightsOrigin: profile.weightsOrigin,
      openWeights: profile.openWeights,
      retainsData: profile.retainsData,
      trainsOnData: profile.trainsOnData,
      cut,
    },
    parents: [{ type: PROVIDER_TYPE, id: target.provider }],
  };
}

/** What one step of the two-step decision sends: the data as it would leave jaju. */
export interface StepInput {
  app: App;
  grade: Grade;
  home: string;
  crisis: boolean;
  /** Finding types present in the data as sent, with their counts. */
  types: readonly FindingType[];
  counts: Readonly<Partial<Record<FindingType, number>>>;
  pseudonymized: boolean;
}

function context(input: StepInput): Context {
  // Only present types: every value sent costs a few µs of JS→WebAssembly conversion.
  const findingCounts: Record<string, number> = {};
  for (const type of input.types) findingCounts[type] = input.counts[type] ?? 0;
  return {
    grade: gradeValue(input.grade),
    findingTypes: input.types.map((type) => FINDING_TYPE_REFERENCE[type]),
    findingCounts,
    pseudonymized: input.pseudonymized,
    home: input.home,
    crisis: input.crisis,
  };
}

/** One `send` authorization call against the preparsed policy set and schema (request validation on). */
export function authorizationCall(
  input: StepInput,
  target: Target,
  cut: boolean,
  prepared: { policySetId: string; schemaName: string },
): StatefulAuthorizationCall {
  return {
    principal: { type: APP_TYPE, id: input.app.id },
    action: SEND_ACTION,
    resource: { type: TARGET_TYPE, id: targetEntityId(target) },
    context: context(input),
    entities: [appEntity(input.app), targetEntity(target, cut)],
    preparsedPolicySetId: prepared.policySetId,
    preparsedSchemaName: prepared.schemaName,
    validateRequest: true,
  };
}
