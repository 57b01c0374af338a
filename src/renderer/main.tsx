import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { getBridge } from './bridge.js';
import { installNavigationGuard } from './navigation-guard.js';
import { rememberSettlementEvents } from './lib/settlement-freshness.js';
import './styles.css';
import './styles/counter.css';

// make sure window.pos exists before the first call (browser mode creates the host client here)
getBridge();
installNavigationGuard();
rememberSettlementEvents();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
