// partner-sim: start the simulator in-process (`startPartnerSim`), and drive it (`createClient`).

export { StateFileError } from './admin/state-file.js';
export * from './client.js';
export { ConfigError, type ConfigOptions, type OptionValue } from './config.js';
export { type PartnerSim, type StartOptions, startPartnerSim } from './start.js';
