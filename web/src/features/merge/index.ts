export { useAcceptMergeRequest } from './api/accept-merge-request';
export { useRejectMergeRequest } from './api/reject-merge-request';
export { useSendInstagramLink } from './api/send-instagram-link';
export { useSendWhatsAppInvite } from './api/send-whatsapp-invite';
export { useUndoMerge } from './api/undo-merge';
export { useMergeNotifications } from './lib/use-merge-notifications';
