import type { z } from 'zod';
import type {
  configView,
  coverageView,
  createPairingBody,
  matchmakerAcceptBody,
  matchmakerAcceptView,
  matchmakerRunBody,
  matchmakerRunView,
  pairingDetail,
  pairingSummary,
  taskView,
  transitionBody,
  updateTaskBody,
} from '../../../server/modules/pairing/schema.ts';

/** Types come from the server's zod schemas. */
export type PairingSummary = z.infer<typeof pairingSummary>;
export type PairingDetail = z.infer<typeof pairingDetail>;
export type PairingStatus = PairingSummary['status'];
export type Task = z.infer<typeof taskView>;
export type TaskStatus = Task['status'];
export type PairingConfig = z.infer<typeof configView>;
export type Coverage = z.infer<typeof coverageView>;
export type CreatePairingInput = z.input<typeof createPairingBody>;
export type TransitionInput = z.input<typeof transitionBody>;
export type UpdateTaskInput = z.input<typeof updateTaskBody>;
export type MatchmakerRunInput = z.input<typeof matchmakerRunBody>;
export type MatchmakerRun = z.infer<typeof matchmakerRunView>;
export type Suggestion = MatchmakerRun['suggestions'][number];
export type MatchmakerAcceptInput = z.input<typeof matchmakerAcceptBody>;
export type MatchmakerAccepted = z.infer<typeof matchmakerAcceptView>;

export interface PairingPage {
  items: PairingSummary[];
  nextCursor: string | null;
}

/** The list's filters, as they ride in the URL and in the export. */
export interface PairingFilters {
  q?: string;
  status?: string;
  modeKey?: string;
  mechanismKey?: string;
  region?: string;
  orgId?: string;
}

export const STATUSES = ['proposed', 'active', 'concluded', 'dissolved'] as const satisfies readonly PairingStatus[];
