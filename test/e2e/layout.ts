/**
 * What "nothing cut or hidden" means, measured in the page: no element scrolls sideways, and every
 * amount (data-fen), button, table header and key cap lies inside the window, inside every ancestor
 * that clips it, and inside the block it is written in (an amount running over its cell overlaps
 * the next one). Returns one line per problem, naming the element by test id or class.
 */
import type { Page } from 'playwright-core';

export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const label = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.textContent ?? '').trim().slice(0, 24);
      return `${id ? `[${id}]` : `${el.tagName.toLowerCase()}${cls}`} "${text}"`;
    };
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && !el.closest('.sr-only');
    };
    const clips = (cs: CSSStyleDeclaration) => cs.overflowX !== 'visible';

    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (!shown(el)) continue;
      const cs = getComputedStyle(el);
      if (clips(cs) && el.scrollWidth > el.clientWidth + 1 && !el.classList.contains('sr-only')) {
        problems.push(`${label(el)} scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }

    const targets = document.body.querySelectorAll('[data-fen], button, th, kbd, input, .amount, .status-bar span, .status-bar div');
    for (const el of Array.from(targets)) {
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.left < -1 || r.right > window.innerWidth + 1) problems.push(`${label(el)} outside the window: ${Math.round(r.left)}..${Math.round(r.right)} of ${window.innerWidth}`);
      let block: Element | null = null;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (!block && cs.display !== 'inline' && cs.display !== 'contents') block = a;
        if (clips(cs)) {
          const ar = a.getBoundingClientRect();
          if (r.left < ar.left - 1 || r.right > ar.right + 1) problems.push(`${label(el)} cut by ${label(a)}: ${Math.round(r.left)}..${Math.round(r.right)} in ${Math.round(ar.left)}..${Math.round(ar.right)}`);
          break;
        }
      }
      if (block && el.hasAttribute('data-fen')) {
        const br = block.getBoundingClientRect();
        if (r.right > br.right + 1 || r.left < br.left - 1) problems.push(`${label(el)} runs over ${label(block)}: ${Math.round(r.left)}..${Math.round(r.right)} in ${Math.round(br.left)}..${Math.round(br.right)}`);
      }
      // an inline-block or block amount whose own text is wider than its box
      if (getComputedStyle(el).display !== 'inline' && el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'INPUT') {
        problems.push(`${label(el)} text wider than its box: ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    return [...new Set(problems)];
  });
}

/** Whether an element lies wholly inside the window (both directions) and inside its scrolling ancestors. */
export async function wholeInView(page: Page, testId: string): Promise<boolean> {
  return page.evaluate((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.top < 0 || r.left < 0 || r.bottom > window.innerHeight + 1 || r.right > window.innerWidth + 1) return false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowY === 'visible' && cs.overflowX === 'visible') continue;
      const ar = a.getBoundingClientRect();
      if (r.top < ar.top - 1 || r.bottom > ar.bottom + 1 || r.left < ar.left - 1 || r.right > ar.right + 1) return false;
    }
    return true;
  }, testId);
}

/** Words of an element's text that the browser broke across two lines (an English word cut into syllables). */
export async function brokenWords(page: Page, testId: string): Promise<string[]> {
  return page.evaluate((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    if (!el) return ['(missing)'];
    const broken: string[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      for (const m of text.matchAll(/[A-Za-z]{2,}/g)) {
        const range = document.createRange();
        range.setStart(n, m.index!);
        range.setEnd(n, m.index! + m[0].length);
        const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
    return broken;
  }, testId);
}
