// Stage: fast-track. (Filled in by the stage's owner.)
import type { Stage } from './common.ts';

export const fastTrackStage: Stage = { handlers: {} };
