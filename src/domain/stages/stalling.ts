// Stage: stalling. (Filled in by the stage's owner.)
import type { Stage } from './common.ts';

export const stallingStage: Stage = { handlers: {} };
