/**
 * Finding a font with Chinese glyphs for the PDF. pdfkit embeds (a subset of) the font; a .ttc
 * collection is opened by the PostScript name of one face inside it (e.g. NotoSansCJKsc-Regular in
 * Debian's fonts-noto-cjk). Order: $POS_CJK_FONT ("/path/font.ttc#FaceName" or a .ttf/.otf path),
 * well-known paths on Debian, Windows and macOS, then fontconfig (fc-list :lang=zh).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export interface CjkFont {
  file: string;
  /** face inside a collection (.ttc); undefined for a single-font file */
  face?: string;
}

export class CjkFontMissingError extends Error {
  constructor(detail: string) {
    super(
      `未找到可用的中文字体，无法生成 PDF / no CJK font found for the PDF: ${detail}. ` +
        '请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk），或设置环境变量 POS_CJK_FONT=/path/font.ttc#FaceName',
    );
    this.name = 'CjkFontMissingError';
  }
}

export const KNOWN_CJK_FONTS: readonly CjkFont[] = [
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei' },
  { file: 'C:\\Windows\\Fonts\\msyh.ttc', face: 'MicrosoftYaHei' },
  { file: 'C:\\Windows\\Fonts\\simsun.ttc', face: 'SimSun' },
  { file: '/System/Library/Fonts/PingFang.ttc', face: 'PingFangSC-Regular' },
];

const isCollection = (file: string) => /\.ttc$/i.test(file);

export function parseFontSpec(spec: string): CjkFont {
  const i = spec.lastIndexOf('#');
  return i > 0 ? { file: spec.slice(0, i), face: spec.slice(i + 1) } : { file: spec };
}

/** fontconfig's Chinese fonts, simplified-Chinese faces first. */
function fromFontconfig(): CjkFont | null {
  let out: string;
  try {
    out = execFileSync('fc-list', [':lang=zh', 'file', 'postscriptname'], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
  const fonts: CjkFont[] = [];
  for (const line of out.split('\n')) {
    const m = /^(.+?):\s*:?postscriptname=(\S+)/.exec(line.trim());
    if (m && /\.(ttf|otf|ttc)$/i.test(m[1]) && !/bold|mono/i.test(m[2])) fonts.push({ file: m[1], face: isCollection(m[1]) ? m[2] : undefined });
  }
  return fonts.find((f) => /sc|SC|Hans|GB/.test(f.face ?? f.file)) ?? fonts[0] ?? null;
}

export function findCjkFont(env: NodeJS.ProcessEnv = process.env, exists: (f: string) => boolean = fs.existsSync): CjkFont {
  const spec = env.POS_CJK_FONT?.trim();
  if (spec) {
    const f = parseFontSpec(spec);
    if (!exists(f.file)) throw new CjkFontMissingError(`POS_CJK_FONT names ${f.file}, which does not exist`);
    if (isCollection(f.file) && !f.face) throw new CjkFontMissingError(`POS_CJK_FONT names a font collection; add #FaceName (e.g. ${f.file}#NotoSansCJKsc-Regular)`);
    return f;
  }
  for (const f of KNOWN_CJK_FONTS) if (exists(f.file)) return f;
  const fc = env.POS_CJK_FONT_NO_FONTCONFIG ? null : fromFontconfig();
  if (fc) return fc;
  throw new CjkFontMissingError('none of the usual font files exists and fontconfig lists no Chinese font');
}
