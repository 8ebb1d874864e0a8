// Stage: refinement. (Filled in by the stage's owner.)
import type { Stage } from './common.ts';

export const refinementStage: Stage = { handlers: {} };
