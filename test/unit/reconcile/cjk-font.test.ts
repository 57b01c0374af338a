import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CjkFontMissingError, findCjkFont, KNOWN_CJK_FONTS, parseFontSpec } from '../../../src/main/reconcile/cjk-font.js';

describe('CJK font for the PDF', () => {
  it('fails with a message that says what to install when no Chinese font exists', () => {
    const none = () => false;
    expect(() => findCjkFont({ POS_CJK_FONT_NO_FONTCONFIG: '1' }, none)).toThrow(CjkFontMissingError);
    expect(() => findCjkFont({ POS_CJK_FONT_NO_FONTCONFIG: '1' }, none)).toThrow(/fonts-noto-cjk/);
  });

  it('takes POS_CJK_FONT as path#FaceName and insists on a face for a collection', () => {
    expect(parseFontSpec('/x/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular')).toEqual({ file: '/x/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' });
    expect(findCjkFont({ POS_CJK_FONT: '/x/a.ttc#Face' }, () => true)).toEqual({ file: '/x/a.ttc', face: 'Face' });
    expect(() => findCjkFont({ POS_CJK_FONT: '/x/a.ttc' }, () => true)).toThrow(/FaceName/);
    expect(() => findCjkFont({ POS_CJK_FONT: '/missing.ttf' }, () => false)).toThrow(/does not exist/);
  });

  it('picks the simplified-Chinese face of Debian’s Noto CJK collection by name', () => {
    const debian = KNOWN_CJK_FONTS[0];
    expect(findCjkFont({}, (f) => f === debian.file)).toEqual({ file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' });
    if (fs.existsSync(debian.file)) expect(findCjkFont({}).face).toMatch(/CJKsc/);
  });
});
