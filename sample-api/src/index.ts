// Public entry of the sample-api workspace.
export { startSampleApi, type SampleApi, type SampleApiConfig, type ValidationConfig } from './start-sample-api.ts';
export { itemsOf, itemOf, type Item } from './items.ts';
export { apiConfigFromFile, readApiConfigFile, ApiConfigError, type ApiConfigFile } from './api-config-file.ts';
