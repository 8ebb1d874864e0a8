// Working Group meetings (R40, R41, R63). (Filled in by its owner.)
import type { Stage } from './stages/common.ts';

export const meetingsStage: Stage = { handlers: {} };
