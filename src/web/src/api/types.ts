// The dashboard API's wire types, shared with the server (type-only: nothing from the gateway is bundled).
export type * from '../../../console/api-types.js';
export type {
  AuditRecord,
  AuditKind,
  AuditOutcome,
  Candidate,
  Decision,
  Deployment,
  Finding,
  FindingType,
  Grade,
  SovereigntyProfile,
} from '../../../domain/index.js';
