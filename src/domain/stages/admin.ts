// Stage: admin. (Filled in by its owner.)
import type { Stage } from './common.ts';

export const adminStage: Stage = { handlers: {} };
