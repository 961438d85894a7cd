// The inputs of a fault-injection run, identical whether core's bulk sender or a Code node in a real n8n builds them.
import { contactAt, type Contact } from '../../support/plivo-workflows.js';

export interface FaultPlan {
  count: number;
  /** Starts each input's tag, so runs against one sandbox cannot be confused. */
  tagPrefix: string;
  /** Index of the first contact (see contactAt), so runs use their own destinations. */
  firstContact: number;
  /** The first `groupedShare` of the inputs share their text in groups of `groupSize` (one bulk `dst` request each). */
  groupedShare: number;
  groupSize: number;
}

export interface FaultInput {
  /** Unique per personalised input, shared by a group (whose inputs differ by destination). */
  tag: string;
  phone: string;
  text: string;
}

/**
 * Input `index` of a run. Self-contained (its source also goes into an n8n Code node, so contacts come as a
 * parameter): the text starts with `[tb:<tag>]`, the mark fault-audit.ts reads back from the sandbox's record.
 */
export function faultInputAt(index: number, plan: FaultPlan, contactOf: (index: number) => Contact): FaultInput {
  const contact = contactOf(plan.firstContact + index);
  const grouped = index < Math.floor(plan.count * plan.groupedShare);
  const tag = grouped ? `${plan.tagPrefix}g${Math.floor(index / plan.groupSize)}` : `${plan.tagPrefix}p${index}`;
  const body = grouped
    ? 'Our office is closed on Friday; your appointment moves to Monday.'
    : `Hi ${contact.name}, your appointment is on ${contact.appointment}.`;
  return { tag, phone: contact.phone, text: `[tb:${tag}] ${body}` };
}

export function faultInputs(plan: FaultPlan): FaultInput[] {
  return Array.from({ length: plan.count }, (_, index) => faultInputAt(index, plan, contactAt));
}

/** JavaScript for an n8n Code node that emits the run's inputs as items `{ tag, phone, text }`. */
export function faultInputsCode(plan: FaultPlan): string {
  return [
    `const contactAt = ${contactAt.toString()};`,
    `const faultInputAt = ${faultInputAt.toString()};`,
    `const plan = ${JSON.stringify(plan)};`,
    'return Array.from({ length: plan.count }, (_, index) => ({ json: faultInputAt(index, plan, contactAt) }));',
  ].join('\n');
}
