export { ClusterBus, announceListening, isClusterWorker, onPrimaryGone, runPrimary, workerId, MAX_RESTARTS, RESTART_WINDOW_MS, type PrimaryOptions } from './cluster.js';
