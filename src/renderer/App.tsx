/**
 * The application shell: app info, session (login / lock / idle lock), status, the error banner, and
 * the status bar that is always visible. Talks only to window.pos through lib/api.ts.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError, AppInfo, SessionState, StatusSnapshot } from '../shared/api.js';
import { BusyBar } from './components/BusyBar.js';
import { CenterCheckDialog } from './components/CenterCheckPanel.js';
import { DeviceDialog } from './components/DeviceList.js';
import { ErrorBanner } from './components/ErrorBanner.js';
import { StatusBar } from './components/StatusBar.js';
import { HandoverDialog } from './components/receipts/HandoverDialog.js';
import { I18nProvider, useI18n } from './i18n/index.js';
import { describeError, type Params } from './i18n/translate.js';
import { api, toApiError } from './lib/api.js';
import { ErrorContext, type ErrorReporter } from './lib/errors.js';
import { useBridgeEvent } from './lib/hooks.js';
import { useKeyboardWedge } from './lib/device-scans.js';
import { loadCounterSettings } from './lib/counter-settings.js';
import type { KeyAction } from './lib/keymap.js';
import { LockScreen } from './screens/LockScreen.js';
import { LoginScreen } from './screens/LoginScreen.js';
import { AdminScreen } from './screens/AdminScreen.js';
import { WindowsOverviewShortcut } from './components/institution/WindowsOverview.js';
import { FirstAdminScreen } from './screens/FirstAdminScreen.js';
import { ChangePinDialog } from './components/security/ChangePinDialog.js';
import { SecurityControls } from './components/security/SecurityControls.js';
import { Workspace } from './screens/Workspace.js';

/** Activity is reported to the main side at most this often. */
const TOUCH_EVERY_MS = 30_000;
const STATUS_POLL_MS = 10_000;
const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

type Banner = { kind: 'api'; error: ApiError } | { kind: 'key'; key: string; params?: Params };

export function App() {
  return (
    <I18nProvider>
      <AppShell />
    </I18nProvider>
  );
}

function AppShell() {
  const { t } = useI18n();
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null);
  const [session, setSession] = useState<SessionState | null>(null);
  const [status, setStatus] = useState<StatusSnapshot | null>(null);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [bootError, setBootError] = useState<ApiError | null>(null);
  const actionRef = useRef<((a: KeyAction) => void) | null>(null);
  const [devicesOpen, setDevicesOpen] = useState(false);
  const [adminOpen, setAdminOpen] = useState(false);
  const [overviewOpen, setOverviewOpen] = useState(false);
  const [pinOpen, setPinOpen] = useState(false);
  const signedInNo = session?.cashier?.no ?? null;
  // the administrator screen belongs to the administrator who opened it
  useEffect(() => {
    setAdminOpen(false);
    setPinOpen(false);
  }, [signedInNo]);
  const [centerCheckOpen, setCenterCheckOpen] = useState(false);
  // logging out (or handing the window to another cashier) offers the shift hand-over first
  const [handoverOpen, setHandoverOpen] = useState(false);
  // keyboard-wedge scans never land in a field, on any screen
  useKeyboardWedge();

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  const refreshSession = useCallback(async () => {
    try {
      setSession(await api('session.get', {}));
      setBootError(null);
      return true;
    } catch (err) {
      setBootError(toApiError(err));
      return false;
    }
  }, []);

  const refreshStatus = useCallback(() => {
    api('status.get', {}).then(setStatus, () => {});
  }, []);

  // boot: app info, session (retried until the main side answers), status (polled as a fallback to events)
  useEffect(() => {
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const loadInfo = () => api('app.info', {}).then(setAppInfo, () => {});
    const boot = async () => {
      if (stopped) return;
      const ok = await refreshSession();
      if (ok) void loadInfo();
      else retry = setTimeout(boot, 2000);
    };
    void boot();
    loadCounterSettings();
    refreshStatus();
    const poll = setInterval(refreshStatus, STATUS_POLL_MS);
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      clearInterval(poll);
    };
  }, [refreshSession, refreshStatus]);

  useBridgeEvent('status.changed', setStatus);
  useBridgeEvent('session.changed', setSession);

  const errors = useMemo<ErrorReporter>(
    () => ({
      report(err) {
        const e = toApiError(err);
        setBanner({ kind: 'api', error: e });
        // the session ended or locked on the main side: show the right screen
        if (e.code === 'AUTH' || e.code === 'LOCKED') void refreshSession();
      },
      reportKey(key, params) {
        setBanner({ kind: 'key', key, params });
      },
      clear() {
        setBanner(null);
      },
      showing: banner !== null,
    }),
    [banner, refreshSession],
  );

  // idle lock: after idleLockSeconds without keyboard or mouse, lock; report activity now and then
  const loggedIn = !!session?.cashier;
  const locked = session?.locked ?? false;
  const idleSeconds = session?.idleLockSeconds ?? 0;
  useEffect(() => {
    if (!loggedIn || locked || idleSeconds <= 0) return;
    let last = Date.now();
    let lastTouch = Date.now();
    let locking = false;
    const onActivity = () => {
      last = Date.now();
      if (last - lastTouch >= TOUCH_EVERY_MS) {
        lastTouch = last;
        api('session.touch', {}).then(setSession, (err) => {
          const e = toApiError(err);
          if (e.code === 'AUTH' || e.code === 'LOCKED') void refreshSession();
        });
      }
    };
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, onActivity, { passive: true, capture: true });
    const timer = setInterval(() => {
      if (locking || Date.now() - last < idleSeconds * 1000) return;
      locking = true;
      api('session.lock', {}).then(setSession, () => void refreshSession());
    }, 1000);
    return () => {
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, onActivity, { capture: true });
      clearInterval(timer);
    };
  }, [loggedIn, locked, idleSeconds, refreshSession]);

  const lock = useCallback(() => {
    api('session.lock', {}).then(setSession, (err) => errors.report(err));
  }, [errors]);

  const retryNow = useCallback(() => {
    api('sync.retryNow', {}).then(setStatus, (err) => errors.report(err));
  }, [errors]);

  const bannerText = banner ? (banner.kind === 'api' ? describeError(t, banner.error) : t(banner.key, banner.params)) : null;
  const cashier = session?.cashier ?? null;
  const institution = appInfo ? `${appInfo.fixmedins_name}（${appInfo.fixmedins_code}）` : null;

  return (
    <ErrorContext.Provider value={errors}>
      <div className="app">
        <BusyBar />
        <ErrorBanner text={bannerText} onDismiss={() => setBanner(null)} />
        <main className="app-main">
          {!session ? (
            <div className="center-screen">
              <div className="card" data-testid="booting">
                <h1>{t('app.title')}</h1>
                <p className="muted">{bootError ? describeError(t, bootError) : t('common.loading')}</p>
              </div>
            </div>
          ) : !cashier ? (
            session.firstAdminNeeded ? <FirstAdminScreen onSession={setSession} /> : <LoginScreen onSession={setSession} institution={institution} />
          ) : (
            <>
              <Workspace key={cashier.no} appInfo={appInfo} active={!session.locked && !adminOpen && !handoverOpen && !overviewOpen} onLock={lock} actionRef={actionRef} />
              {adminOpen && <AdminScreen me={cashier.no} onClose={() => setAdminOpen(false)} />}
              {session.locked && <LockScreen session={session} onSession={setSession} />}
            </>
          )}
        </main>
        <StatusBar
          status={status}
          session={session}
          devAvailable={appInfo?.embedded === true}
          showKeys={!!cashier && !session?.locked && !adminOpen}
          onRetry={retryNow}
          onLogout={() => setHandoverOpen(true)}
          onAction={(a) => actionRef.current?.(a)}
          onDevices={cashier && !session?.locked ? () => setDevicesOpen(true) : undefined}
          security={<SecurityControls enabled={!!cashier && !session?.locked} role={cashier?.role ?? null} onChangePin={() => setPinOpen(true)} onAdmin={() => setAdminOpen(true)} />}
          onCenterCheck={cashier && !session?.locked ? () => setCenterCheckOpen(true) : undefined}
        />
        {pinOpen && cashier && !session?.locked && <ChangePinDialog onClose={() => setPinOpen(false)} />}
        <WindowsOverviewShortcut role={cashier?.role ?? null} enabled={!!cashier && !session?.locked} onOpenChange={setOverviewOpen} />
        {devicesOpen && cashier && !session?.locked && <DeviceDialog onClose={() => setDevicesOpen(false)} />}
        {centerCheckOpen && cashier && !session?.locked && <CenterCheckDialog onClose={() => setCenterCheckOpen(false)} />}
        {handoverOpen && cashier && !session?.locked && (
          <HandoverDialog
            onCancel={() => setHandoverOpen(false)}
            onLoggedOut={(s) => {
              setHandoverOpen(false);
              setBanner(null);
              setSession(s);
            }}
          />
        )}
      </div>
    </ErrorContext.Provider>
  );
}
