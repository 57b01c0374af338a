/**
 * THE rule of a window at a hospital: with an institution database the center reconciles the whole
 * institution (3201/3202 take the institution's totals), so a per-terminal 3201 could never balance
 * and is not sent — not from the screen, not from `pos reconcile`. The window's own end of day is its
 * day (window-day/). Without one, the terminal is its own institution and reconciles alone, as ever.
 */
import { AppError } from '../errors.js';

export const reconciledByInstitution = (config: { institution: { database?: unknown } }): boolean => config.institution.database !== undefined;

export const perTerminalReconcileRefused = (): AppError =>
  AppError.keyed('CONFLICT', 'windowDay.reconcileAtInstitution', {}, {
    message: 'this window belongs to an institution database: the center reconciles the whole institution (pos reconcile --institution); the window has its day summary (pos day)',
  });
