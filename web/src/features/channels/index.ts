export { useChannel, useInboxAccounts, type Channel, type InboxAccount } from './api/list-channels';
export { useChooseInvitesNumber, useUpdateChannelSettings } from './api/update-channel-settings';
export { useChannels } from './api/list-channels';
export { useChannelConnections } from './api/channel-connections';
export { ChannelsPage } from './routes/channels-page';
export { ChannelHealthBanner } from './components/channel-health-banner';
