/** Meta's two messaging channels Braid speaks. */
export type ChannelKind = 'instagram' | 'whatsapp';

/** How a channel is named to people: in notes, notices and errors. */
export const CHANNEL_NAME: Record<ChannelKind, string> = { instagram: 'Instagram', whatsapp: 'WhatsApp' };
