import type { PosApp } from '../../src/main/app.js';

/** An api call through the app's router that returns the data, or throws naming the call and the error. */
export async function call<T = any>(app: Pick<PosApp, 'router'>, name: string, input: unknown = {}): Promise<T> {
  const r = await app.router.call(name, input);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}
