/** The Chinese names a slip prints for the national codes. */
import type { ChrgitmLv, MedType, Relation } from '../../../shared/domain.js';
import { INSUTYPE_NAMES } from '../../reconcile/codes.js';

export const insutypeName = (code: string): string => INSUTYPE_NAMES[code] ?? code;

export const MED_TYPE_NAMES: Record<MedType, string> = { '11': '普通门诊', '14': '门诊慢特病', '21': '住院', '41': '定点药店购药' };

export const CLASS_NAMES: Record<ChrgitmLv, string> = { '01': '甲', '02': '乙', '03': '丙' };

/**
 * Who the co-pay authorizer is to the patient, by the binding's relation (what the PATIENT is to the
 * authorizer): the patient is the authorizer's child, so the authorizer is a parent. The same words
 * as the result panel (i18n relation.*).
 */
export const RELATION_NAMES: Record<Relation, string> = { spouse: '配偶', child: '父/母', parent: '子/女' };
