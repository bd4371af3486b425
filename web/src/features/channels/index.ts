export { useChannel, useInboxAccounts, type Channel, type InboxAccount } from './api/list-channels';
export { useUpdateChannelSettings } from './api/update-channel-settings';
export { useChannelConnections } from './api/channel-connections';
export { ChannelsPage } from './routes/channels-page';
export { ChannelHealthBanner } from './components/channel-health-banner';
