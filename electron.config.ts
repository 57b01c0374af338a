/**
 * Electron window and packaging configuration. The window part is read by src/main/electron/main.ts;
 * the `build` part is in electron-builder's shape so a packager can take it as it is.
 */

export interface ElectronWindowConfig {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  backgroundColor: string;
}

/**
 * Electron's fuses, flipped in the packaged binary (electron-builder `electronFuses`, @electron/fuses
 * names): no running as plain Node, no NODE_OPTIONS, no --inspect; the app only from its asar, whose
 * integrity is checked; cookies encrypted at rest; file:// without extra privileges.
 */
export interface ElectronFuses {
  runAsNode: boolean;
  enableCookieEncryption: boolean;
  enableNodeOptionsEnvironmentVariable: boolean;
  enableNodeCliInspectArguments: boolean;
  enableEmbeddedAsarIntegrityValidation: boolean;
  onlyLoadAppFromAsar: boolean;
  loadBrowserProcessSpecificV8Snapshot: boolean;
  grantFileProtocolExtraPrivileges: boolean;
}

export interface ElectronBuildConfig {
  appId: string;
  productName: string;
  /** the app in an asar archive (its integrity is checked by the fuse) */
  asar: boolean;
  electronFuses: ElectronFuses;
  directories: { output: string; buildResources: string };
  files: string[];
  /** native modules must live outside the asar archive to be loaded */
  asarUnpack: string[];
  extraMetadata: { main: string };
  linux: { target: Array<{ target: string; arch: string[] }>; category: string; executableName: string };
  win: { target: Array<{ target: string; arch: string[] }>; artifactName: string };
  nsis: { oneClick: boolean; perMachine: boolean; allowToChangeInstallationDirectory: boolean };
}

export interface ElectronConfig {
  appId: string;
  productName: string;
  /** the custom scheme and host the renderer is served from: app://pos/index.html */
  appScheme: string;
  appHost: string;
  window: ElectronWindowConfig;
  /**
   * Origins (https only) a link in the app may open in the OS browser; empty: none. The terminal links
   * to nothing outside itself today, so nothing leaves.
   */
  externalAllowlist: readonly string[];
  build: ElectronBuildConfig;
}

const appId = 'cn.zhaotong.yb.posterminal';
const productName = '医保结算终端';

export const electronConfig: ElectronConfig = {
  appId,
  productName,
  appScheme: 'app',
  appHost: 'pos',
  window: {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: '医保结算终端',
    backgroundColor: '#f5f6f8',
  },
  externalAllowlist: [],
  build: {
    appId,
    productName,
    asar: true,
    electronFuses: {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    },
    directories: { output: 'release', buildResources: 'build' },
    files: ['dist/electron/**', 'dist/renderer/**', 'package.json', '!**/*.map'],
    asarUnpack: ['**/*.node', 'node_modules/better-sqlite3/**', 'node_modules/node-hid/**', 'node_modules/@serialport/**'],
    extraMetadata: { main: 'dist/electron/main.cjs' },
    linux: {
      target: [
        { target: 'AppImage', arch: ['x64', 'arm64'] },
        { target: 'deb', arch: ['x64', 'arm64'] },
      ],
      category: 'Office',
      executableName: 'yb-pos-terminal',
    },
    win: {
      target: [{ target: 'nsis', arch: ['x64', 'ia32'] }],
      artifactName: 'yb-pos-terminal-${version}-${arch}.${ext}',
    },
    nsis: { oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true },
  },
};

export default electronConfig;
