// The statute profile a process runs under, validated with zod: `statutory` (default),
// `compressed` (tests, demos), or a court's own JSON file (STATUTE_PROFILE_FILE) where a period the
// law leaves to the court — the consent-reply period — is set differently.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { compressed, statutory, type StatuteProfile } from '../workflows/clock/statute-profile';
import type { Config } from './config';

const periodSpec = z.strictObject({
  amount: z.number().int().positive(),
  unit: z.enum(['hours', 'days', 'months', 'years']),
  article: z.string().min(1, 'name the article the period comes from'),
});
const leadSpec = z.strictObject({
  amount: z.number().int().positive(),
  unit: z.enum(['hours', 'days']),
  article: z.string().min(1),
});
const periodNames = [
  'consentReply', 'decisionService', 'supplementation', 'acceptanceRuling', 'rulingService', 'handOver',
  'returnMaterial', 'appealWindow', 'supervisionOrder', 'knownCreditorNotice', 'preservationRulingUrgent',
  'preservationRuling', 'preSuitFiling', 'consultationAnswer',
] as const;
const measureKinds = ['bank_deposit', 'movables', 'real_estate', 'equity', 'other_property_right'] as const;

export const statuteProfileSchema = z.strictObject({
  name: z.string().min(1),
  clock: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('statutory') }),
    z.strictObject({ mode: z.literal('compressed'), msPerDay: z.number().int().min(10).max(86_400_000) }),
  ]),
  periods: z.strictObject(Object.fromEntries(periodNames.map((n) => [n, periodSpec])) as Record<(typeof periodNames)[number], typeof periodSpec>),
  measureLifetime: z.strictObject(Object.fromEntries(measureKinds.map((k) => [k, periodSpec])) as Record<(typeof measureKinds)[number], typeof periodSpec>),
  renewalLead: leadSpec,
  measureReminders: z.array(leadSpec).max(10),
  deadlineReminders: z.array(leadSpec).max(10),
});

export function validateStatuteProfile(source: string, data: unknown): StatuteProfile {
  const result = statuteProfileSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(profile)'}: ${i.message}`).join('; ');
    throw new Error(`statute profile ${source} is invalid: ${problems}`);
  }
  return result.data;
}

/** The profile new processes start under; validated once per process start-up. */
export function statuteProfileFor(config: Pick<Config, 'STATUTE_PROFILE' | 'STATUTE_PROFILE_FILE'>): StatuteProfile {
  if (config.STATUTE_PROFILE_FILE) {
    return validateStatuteProfile(config.STATUTE_PROFILE_FILE, JSON.parse(readFileSync(config.STATUTE_PROFILE_FILE, 'utf8')));
  }
  return validateStatuteProfile(config.STATUTE_PROFILE, config.STATUTE_PROFILE === 'compressed' ? compressed : statutory);
}
