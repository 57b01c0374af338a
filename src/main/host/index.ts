export { startHost, type HostOptions, type RunningHost } from './server.js';
