export { metaPlatformPlugin, startMetaPlatform, type MetaPlatformPluginOptions, type RunningMetaPlatform } from './plugin';
export { MetaPlatform, UnknownCustomerError, type MetaPlatformOptions, type NewCustomer, type ErrorInjection } from './platform';
export { InMemoryPlatformState, type PlatformState, type SandboxCustomer, type SandboxMessage, type SandboxChannel } from './state';
export { DEFAULT_DELIVERY_OPTIONS, type DeliveryOptions, type WebhookDeliveryRecord, type DeliveryAttempt } from './webhookDelivery';
export { viewMessage, type ThreadMessageView } from './threadView';
