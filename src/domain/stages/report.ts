// Stage: report. (Filled in by the stage's owner.)
import type { Stage } from './common.ts';

export const reportStage: Stage = { handlers: {} };
