import { describe, expect, it } from 'vitest';
import { previewChanges } from '../../../src/main/catalog/preview.js';
import { sampleInstitutionItems } from '../../../src/main/settle/sample-data.js';

describe('the preview of an import against the version in force', () => {
  const current = sampleInstitutionItems().slice(0, 6);
  const covered = (code: string) => code !== 'XJ01DCC027E001010100004';

  it('names what is added, what changes price, what is removed and what is newly unmapped', () => {
    const next = current.map((it) => ({ ...it }));
    next[0].price += 100; // price change
    next[1].name = `${next[1].name}（新包装）`; // other change
    next[2].med_list_codg = null; // covered before, unmapped now
    next.splice(4, 1); // removed
    next.push({ ...current[0], medins_list_codg: 'NEW001', barcode: null, med_list_codg: null }); // added, unmapped
    const p = previewChanges(next, current, covered);
    expect(p.total).toBe(6);
    expect(p.counts).toEqual({ added: 1, priceChanged: 1, removed: 1, newlyUnmapped: 2, otherChanged: 2, unchanged: 2 });
    expect(p.priceChanged).toEqual([{ code: current[0].medins_list_codg, name: current[0].name, med_list_codg: current[0].med_list_codg, oldPrice: current[0].price, newPrice: current[0].price + 100 }]);
    expect(p.removed.map((r) => r.code)).toEqual([current[4].medins_list_codg]);
    expect(p.added.map((r) => r.code)).toEqual(['NEW001']);
    expect(p.newlyUnmapped.map((u) => [u.code, u.reason])).toEqual([
      [current[2].medins_list_codg, 'no_mapping'],
      ['NEW001', 'no_mapping'],
    ]);
    // an item that was unmapped already (its national code not covered) is not "newly" unmapped
    expect(p.newlyUnmapped.some((u) => u.med_list_codg === 'XJ01DCC027E001010100004')).toBe(false);
  });

  it('a first import adds everything; a code not covered shows as newly unmapped with its reason', () => {
    const p = previewChanges(current, [], covered);
    expect(p.counts.added).toBe(6);
    expect(p.newlyUnmapped).toEqual([expect.objectContaining({ med_list_codg: 'XJ01DCC027E001010100004', reason: 'not_in_national' })]);
  });
});
