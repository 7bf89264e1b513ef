import type { FieldViolation } from '@crm/errors';

export const ACTIVE_CATEGORIES = ['incoming', 'in_progress'] as const;
export const CLOSED_CATEGORIES = ['won', 'lost', 'unqualified'] as const;
export type StageCategory = (typeof ACTIVE_CATEGORIES)[number] | (typeof CLOSED_CATEGORIES)[number];

export interface StageSpec {
  name: string;
  category: StageCategory;
  likelihood: number;
}

/** The stages every pipeline starts with: six active, then the three closed ones, in this order. */
export const DEFAULT_STAGES: readonly StageSpec[] = [
  { name: 'Prospecting', category: 'incoming', likelihood: 5 },
  { name: 'Qualified', category: 'in_progress', likelihood: 10 },
  { name: 'Needs analysis', category: 'in_progress', likelihood: 20 },
  { name: 'Proposal', category: 'in_progress', likelihood: 40 },
  { name: 'Negotiation', category: 'in_progress', likelihood: 60 },
  { name: 'Closure', category: 'in_progress', likelihood: 80 },
  { name: 'Won', category: 'won', likelihood: 100 },
  { name: 'Lost', category: 'lost', likelihood: 0 },
  { name: 'Unqualified', category: 'unqualified', likelihood: 0 },
];

export const DEFAULT_PIPELINE_NAME = 'Sales Pipeline';

export function isClosed(category: string): boolean {
  return (CLOSED_CATEGORIES as readonly string[]).includes(category);
}

export interface StageRow {
  id: string;
  category: string;
  position: number;
}

/**
 * Positions after the active stages are placed in `order` (ids of every active stage, each once);
 * closed stages keep their relative order after them. Positions run 1..n.
 */
export function reorderStages(stages: readonly StageRow[], order: readonly string[]): { positions: Map<string, number> } | { violations: FieldViolation[] } {
  const active = stages.filter((s) => !isClosed(s.category));
  const activeIds = new Set(active.map((s) => s.id));
  const listed = new Set(order);
  if (order.length !== active.length || listed.size !== order.length || order.some((id) => !activeIds.has(id))) {
    return { violations: [{ field: 'stage_ids', code: 'incorrect_value', message: 'must list every active stage of the pipeline once' }] };
  }
  const closed = stages.filter((s) => isClosed(s.category)).sort((a, b) => a.position - b.position);
  const positions = new Map<string, number>();
  [...order, ...closed.map((s) => s.id)].forEach((id, i) => positions.set(id, i + 1));
  return { positions };
}

/** Where a new active stage goes: at `position` among the active ones (default: after them). */
export function insertActiveStage(stages: readonly StageRow[], position: number | undefined): { position: number; shifted: Map<string, number> } {
  const ordered = [...stages].sort((a, b) => a.position - b.position);
  const activeCount = ordered.filter((s) => !isClosed(s.category)).length;
  const at = Math.min(Math.max(1, position ?? activeCount + 1), activeCount + 1);
  const shifted = new Map<string, number>();
  for (const s of ordered) if (s.position >= at) shifted.set(s.id, s.position + 1);
  return { position: at, shifted };
}

/** Checks a new stage: only active categories may be added; a likelihood is a percentage. */
export function checkNewStage(input: { name: string; category: string; likelihood: number }): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (!input.name.trim()) violations.push({ field: 'name', code: 'blank', message: 'cannot be empty' });
  else if (input.name.trim().length > 100) violations.push({ field: 'name', code: 'incorrect_value', message: 'is longer than 100 characters' });
  if (isClosed(input.category)) violations.push({ field: 'category', code: 'incorrect_value', message: 'closed stages (won, lost, unqualified) cannot be added; every pipeline has exactly one of each' });
  else if (!(ACTIVE_CATEGORIES as readonly string[]).includes(input.category)) violations.push({ field: 'category', code: 'incorrect_value', message: `must be one of ${ACTIVE_CATEGORIES.join(', ')}` });
  if (!Number.isInteger(input.likelihood) || input.likelihood < 0 || input.likelihood > 100) violations.push({ field: 'likelihood', code: 'incorrect_value', message: 'must be a whole percentage from 0 to 100' });
  return violations;
}

/**
 * Checks a stage deletion: closed stages never go; a stage holding deals needs a target, another
 * stage of the same pipeline, where its deals move in the same transaction.
 */
export function checkStageDeletion(
  stage: StageRow & { pipelineId: string },
  activeStages: number,
  dealCount: number,
  target: (StageRow & { pipelineId: string }) | undefined,
  targetGiven: boolean,
): FieldViolation[] {
  if (isClosed(stage.category)) return [{ field: 'id', code: 'incorrect_value', message: 'closed stages cannot be deleted' }];
  if (activeStages <= 1) return [{ field: 'id', code: 'incorrect_value', message: 'a pipeline keeps at least one active stage' }];
  if (targetGiven && (!target || target.pipelineId !== stage.pipelineId || target.id === stage.id)) {
    return [{ field: 'move_deals_to', code: 'incorrect_value', message: 'must be another stage of the same pipeline' }];
  }
  if (dealCount > 0 && !target) return [{ field: 'move_deals_to', code: 'missing', message: `the stage holds ${dealCount} deals; name the stage to move them to` }];
  return [];
}
