/** Meta's two messaging channels Braid speaks. */
export type ChannelKind = 'instagram' | 'whatsapp';
