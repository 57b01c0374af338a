import fs from 'node:fs';
import path from 'node:path';
import { AppError } from './errors.js';

/** Read a JSON file named in the configuration; the error names the file. */
export function readJsonFile(file: string): unknown {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    throw new AppError('NOT_FOUND', `cannot read ${abs}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AppError('VALIDATION', `${abs} is not valid JSON: ${(e as Error).message}`);
  }
}
