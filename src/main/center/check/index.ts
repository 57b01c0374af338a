/** The connection check (`pos check-center`, the administrator screen). */
export { runCenterCheck, formatStep, type CenterCheckOptions } from './run.js';
export { STEP_IDS, STEP_TITLES, type CheckReport, type CheckStep, type StepId, type StepStatus } from './steps.js';
export { CheckConfig } from './config.js';
