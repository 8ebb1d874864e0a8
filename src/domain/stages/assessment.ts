// Stage: assessment. (Filled in by the stage's owner.)
import type { Stage } from './common.ts';

export const assessmentStage: Stage = { handlers: {} };
