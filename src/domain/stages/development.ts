// Stage: development. (Filled in by the stage's owner.)
import type { Stage } from './common.ts';

export const developmentStage: Stage = { handlers: {} };
