/**
 * The HIS at the counter, for the working screen in one hook: the prescription-number field (F4 in
 * outpatient mode), a scanned number loading the bill, and the removal of an HIS line, which only a
 * supervisor may approve (a bill from the file picker cannot lose a line here: it is changed in the HIS).
 */
import { useRef, useState, type ReactNode, type Ref } from 'react';
import type { HeldHisBill } from '../../../shared/api-his.js';
import type { HisBill } from '../../../shared/his-bill.js';
import type { DraftLine, HisInfo } from '../../lib/draft.js';
import type { ErrorReporter } from '../../lib/errors.js';
import type { FocusHandle } from '../../lib/focus.js';
import { HisLineRemoval } from './HisLineRemoval.js';
import { PrescriptionNumberField, type PrescriptionFieldHandle } from './PrescriptionNumberField.js';

interface Deps {
  lines: readonly DraftLine[];
  his: HisInfo | null;
  disabled: boolean;
  loadHis(bill: HisBill): Error | null;
  removeLine(key: string): void;
  errors: ErrorReporter;
  /** the working screen's F4 target in outpatient mode */
  focusRef: Ref<FocusHandle>;
}

export interface HisCounter {
  field: ReactNode;
  dialog: ReactNode;
  /** a bill line's remove button: an HIS line asks for a supervisor */
  remove(key: string): void;
  /** a scanned prescription number */
  scanned(text: string): void;
  /** HIS lines may be removed (with a supervisor) only from a bill loaded by its number */
  linesRemovable: boolean;
}

export function useHisCounter(d: Deps): HisCounter {
  const [held, setHeld] = useState<HeldHisBill | null>(null);
  const [removing, setRemoving] = useState<{ position: number; line: DraftLine } | null>(null);
  const field = useRef<PrescriptionFieldHandle>(null);
  // the bill on screen is the one loaded by number (not a file, not another patient's)
  const current = held && d.his?.his_bill_no === held.bill.his_bill_no ? held : null;

  const loaded = (h: HeldHisBill) => {
    const problem = d.loadHis(h.bill);
    if (problem) return d.errors.report(problem);
    setHeld(h);
  };

  return {
    field: <PrescriptionNumberField ref={field} focusRef={d.focusRef} disabled={d.disabled} onLoaded={loaded} />,
    dialog:
      removing && current ? (
        <HisLineRemoval
          billNo={current.bill.his_bill_no}
          position={removing.position}
          med_list_codg={removing.line.code}
          name={removing.line.name || removing.line.code}
          onRemoved={(h) => {
            setRemoving(null);
            loaded(h);
          }}
          onCancel={() => setRemoving(null)}
        />
      ) : null,
    remove(key) {
      const position = d.lines.findIndex((l) => l.key === key);
      const line = d.lines[position];
      if (!line) return;
      if (!line.priceOverride) return d.removeLine(key);
      if (!current) return d.errors.reportKey('hisRemove.onlyByNumber');
      setRemoving({ position, line });
    },
    scanned: (text) => field.current?.load(text),
    /** HIS lines may be removed (with a supervisor) only from a bill loaded by its number */
    linesRemovable: current !== null,
  };
}
