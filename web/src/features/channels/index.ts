export { useChannel, type Channel } from './api/list-channels';
export { useUpdateChannelSettings } from './api/update-channel-settings';
