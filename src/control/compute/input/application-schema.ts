import { z } from 'zod';
import { GRADES } from '../../../domain/grade.js';
import { dnsLabel, gpuTypeName, identifier } from './common-schemas.js';

/**
 * One application as written in YAML or in a CSV row. A request is `gpus` for `hours`, or `gpus` with a
 * `gpuHours` budget, or a `gpuHours` budget alone (spread over the whole allocation period).
 */
export const applicationSchema = z
  .strictObject({
    id: identifier,
    title: z.string().optional(),
    organisation: z.string().min(1),
    /** Kubernetes namespace of the organisation; derived from the organisation's name when absent. */
    namespace: dnsLabel.optional(),
    region: z.string().min(1),
    sector: z.string().min(1),
    tier: z.string().min(1),
    gpuType: gpuTypeName,
    gpus: z.number().int().min(1).optional(),
    hours: z.number().positive().optional(),
    gpuHours: z.number().positive().optional(),
    /** Minimum useful share: fewer accelerators than this are worthless to the applicant. */
    minGpus: z.number().int().min(1).default(1),
    dataGrade: z.enum(GRADES).default('O'),
    koreanCulture: z.boolean().default(false),
    evaluationScore: z.number().min(0).max(100).optional(),
    /** Slurm user names to associate with the application's account at Slurm sites. */
    users: z.array(z.string().regex(/^[a-z_][a-z0-9_.-]{0,31}$/, 'expected a POSIX user name: lower-case letters, digits, "_", ".", "-" (max 32), starting with a letter or "_"')).default([]),
  })
  .superRefine((application, context) => {
    if (application.gpus === undefined && application.gpuHours === undefined) {
      context.addIssue({ code: 'custom', path: ['gpus'], message: 'required: give gpus (with hours or gpuHours) or gpuHours' });
    }
    if (application.hours !== undefined && application.gpuHours !== undefined) {
      context.addIssue({ code: 'custom', path: ['gpuHours'], message: 'give hours or gpuHours, not both' });
    }
    if (application.hours !== undefined && application.gpus === undefined) {
      context.addIssue({ code: 'custom', path: ['gpus'], message: 'required when hours is given' });
    }
    if (application.gpus !== undefined && application.minGpus > application.gpus) {
      context.addIssue({ code: 'custom', path: ['minGpus'], message: `exceeds the request (gpus: ${application.gpus})` });
    }
  });

export type ApplicationFileEntry = z.output<typeof applicationSchema>;

export const applicationsFileSchema = z.strictObject({ applications: z.array(applicationSchema) });
