/**
 * Devices through the real renderer in Chromium (browser mode): the status bar shows the devices,
 * a card on the virtual serial reader and an e-voucher on the virtual HID POS scanner reach the
 * identify screen, keyboard-wedge scans never land in the focused field (the bill's quantity), item
 * barcodes from the HID scanner join the bill, and the device list lets the cashier pick a device.
 */
import { describe, expect, it } from 'vitest';
import { addItem, expectPerson, openDevPanel, presentFromDevPanel, presentPerson, terminalPerTest, tid, type Terminal } from './harness.js';

const EMPLOYEE = '530600000000000001'; // 张伟
const CHILD = '530600000000000006'; // 陈思雨
// a bill line names the institution's own code (the national code it maps to goes to the center)
const IBUPROFEN = { code: 'YP0002', barcode: '6901234000740' };
const AMOXICILLIN = { code: 'YP0001', barcode: '6901234000375' };

const terminals = terminalPerTest();

const qrOf = (t: Terminal, psnNo: string) => t.handle.app.sim!.people().find((p) => p.psn_no === psnNo)!.qr!;
const qtyOf = (t: Terminal, code: string) => t.page.locator(`[data-testid="bill-line"][data-code="${code}"] [data-testid="bill-line-qty"]`);

describe('devices at the counter (browser mode, real Chromium)', () => {
  it('the status bar shows the devices; a card (virtual serial reader) and an e-voucher (virtual HID POS scanner) reach the identify screen', async () => {
    const term = await terminals.open();
    const { page } = term;
    const card = page.locator('[data-testid="status-device"][data-device-id="virtual-card"]');
    const qr = page.locator('[data-testid="status-device"][data-device-id="virtual-qr"]');
    await expect.poll(() => card.getAttribute('data-state')).toBe('connected');
    expect(await card.textContent()).toContain('读卡器');
    expect(await card.textContent()).toContain('已连接');
    expect(await qr.textContent()).toContain('扫码枪');
    expect(await qr.getAttribute('data-state')).toBe('connected');

    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await presentPerson(page, CHILD, 'qr', '陈思雨');
    await term.shot('devices-1-status-bar');
  });

  it('a keyboard-wedge scan with the cursor in the quantity field leaves the quantity alone: an e-voucher identifies, an item barcode adds the item; slow typing still edits', async () => {
    const term = await terminals.open();
    const { page } = term;
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
    await addItem(page, '阿莫西林', '3');
    const qty = qtyOf(term, AMOXICILLIN.code);
    await expect.poll(() => qty.inputValue()).toBe('3');

    // e-voucher QR typed by a wedge scanner into the quantity field
    await qty.click();
    await page.keyboard.press('End');
    await page.keyboard.type(qrOf(term, CHILD), { delay: 5 });
    await page.keyboard.press('Enter');
    // another patient during 张伟's bill: the screen asks (issue 12); Esc keeps his bill
    await expect.poll(() => tid(page, 'incoming-who').textContent(), { timeout: 10_000 }).toContain('陈思雨');
    await page.keyboard.press('Escape');
    await expect.poll(() => tid(page, 'incoming-dialog').count()).toBe(0);
    await expectPerson(page, '张伟');
    expect(await qty.inputValue()).toBe('3');
    expect(await tid(page, 'bill-line').count()).toBe(1);

    // an item barcode (all digits: without the wedge they would go into the quantity)
    await qty.click();
    await page.keyboard.press('End');
    await page.keyboard.type(IBUPROFEN.barcode, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect.poll(() => tid(page, 'bill-line').count(), { timeout: 10_000 }).toBe(2);
    expect(await qtyOf(term, IBUPROFEN.code).inputValue()).toBe('1');
    expect(await qty.inputValue()).toBe('3');
    await expect.poll(async () => (await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) ?? '').toBe('bill-line-qty');
    await term.shot('devices-2-wedge-kept-out');

    // a person typing (150 ms between keys) edits the quantity as always
    await qty.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('12', { delay: 150 });
    await expect.poll(() => qty.inputValue()).toBe('12');
    await page.keyboard.press('Enter');
    expect(await qty.inputValue()).toBe('12');
    expect(await tid(page, 'bill-line').count()).toBe(2);
  });

  it('a wedge scan into the item search field adds the item and leaves the field empty; the scan never shows in the field', async () => {
    const term = await terminals.open();
    const { page } = term;
    const search = tid(page, 'item-search');
    await search.click();
    await page.keyboard.type(AMOXICILLIN.barcode, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect.poll(() => tid(page, 'bill-line').count(), { timeout: 10_000 }).toBe(1);
    expect(await search.inputValue()).toBe('');
    // the same box scanned again: one more of it
    await page.keyboard.type(AMOXICILLIN.barcode, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect.poll(() => qtyOf(term, AMOXICILLIN.code).inputValue(), { timeout: 10_000 }).toBe('2');
    expect(await search.inputValue()).toBe('');
  });

  it('an item barcode from the HID POS scanner joins the bill; an e-voucher from it identifies and adds nothing', async () => {
    const term = await terminals.open();
    const { page } = term;
    const qr = term.handle.app.devices.virtual!.qr;
    qr.present(IBUPROFEN.barcode);
    await expect.poll(() => tid(page, 'bill-line').count(), { timeout: 10_000 }).toBe(1);
    expect(await tid(page, 'bill-line').first().getAttribute('data-code')).toBe(IBUPROFEN.code);
    qr.present(qrOf(term, EMPLOYEE));
    await expectPerson(page, '张伟');
    await new Promise((r) => setTimeout(r, 300));
    expect(await tid(page, 'bill-line').count()).toBe(1);
  });

  it('the device list (status bar and developer panel) shows what was found and lets the cashier pick the reader in use', async () => {
    const term = await terminals.open({ overrides: { devices: { serialCardReaders: [{ id: 'reader1', path: '/dev/ttyPOS-NOT-THERE' }] } } });
    const { page } = term;
    const reader1 = page.locator('[data-testid="status-device"][data-device-id="reader1"]');
    await expect.poll(() => reader1.getAttribute('data-state')).toBe('disconnected');
    expect(await reader1.textContent()).toContain('读卡器未连接');

    await tid(page, 'status-devices-open').click();
    const dialog = tid(page, 'device-dialog');
    await dialog.waitFor();
    const option = dialog.locator('[data-testid="device-option"][data-device-id="reader1"]');
    expect(await option.getAttribute('data-state')).toBe('disconnected');
    expect(await option.textContent()).toContain('/dev/ttyPOS-NOT-THERE');
    await expect.poll(() => dialog.locator('[data-testid="serial-port-row"], [data-testid="serial-unavailable"]').count()).toBeGreaterThan(0);
    await term.shot('devices-3-device-dialog');
    await option.locator('[data-testid="device-select"]').check();
    await expect.poll(() => dialog.locator('[data-testid="device-option"][data-device-id="virtual-card"]').getAttribute('data-active')).toBe('false');
    await tid(page, 'device-dialog-close').click();
    // the status bar shows the reader in use only, and the virtual reader's cards are ignored
    await expect.poll(() => page.locator('[data-testid="status-device"][data-device-id="virtual-card"]').count()).toBe(0);
    await presentFromDevPanel(page, EMPLOYEE, 'card');
    await new Promise((r) => setTimeout(r, 500));
    expect(await tid(page, 'person-name').count()).toBe(0);

    // back to all readers from the developer panel's list
    await openDevPanel(page);
    const panel = tid(page, 'dev-panel');
    await panel.locator('[data-testid="device-kind"][data-kind="card_reader"] [data-testid="device-select-all"]').check();
    await expect.poll(() => panel.locator('[data-testid="device-option"][data-device-id="virtual-card"]').getAttribute('data-active')).toBe('true');
    await page.keyboard.press('F12');
    await presentPerson(page, EMPLOYEE, 'card', '张伟');
  });
});
