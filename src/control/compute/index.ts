/** National GPU allocation (issue 8): inputs, allocator, reports, Kueue/Slurm exports, multi-year plans. */
export type { AllocationInput, Application, GpuPool, Policy, Pool, Scheduler, Site, Tier } from './model.js';
export { loadAllocationInput, loadApplicationsFile, loadPolicyFile, loadSitesFile, parseAllocationInput, type InputFiles } from './input/load-inputs.js';
export { parseApplications, parsePolicy, parseSites } from './input/parse-inputs.js';
export { allocate } from './engine/allocate.js';
export type { Allocation, ApplicationGrant, FlavorUse, GrantStatus, Placement } from './engine/allocation-types.js';
export type { AllocationWarning } from './engine/warnings.js';
export { allocationReport, reportFromAllocation, type AllocationReport, type ApplicationRow, type OrganisationSummary, type SiteSummary, type TierSummary } from './report/allocation-report.js';
export { exportKueue, allManifests, queueAssignments, KueueLayoutError, type KueueManifests, type QueueAssignment } from './export/kueue-export.js';
export { kueueFiles, kueueYaml, manifestsToYaml, kueueConfigurationSnippet } from './export/kueue-files.js';
export { validateKueueManifests, manifestsValid, parseManifestYaml, formatManifestIssue, type ManifestIssue } from './kueue/validate-manifests.js';
export { KUEUE_VERSION } from './kueue/kueue-version.js';
export { exportSlurm } from './export/slurm-export.js';
export { loadScenarioFile, runPlan, type PlanReport, type PlanYear, type Scenario } from './plan/run-plan.js';
export { allocationTable } from './render/allocation-table.js';
export { allocationHtml } from './render/allocation-html.js';
export { planTable } from './render/plan-table.js';
export { planHtml } from './render/plan-html.js';
