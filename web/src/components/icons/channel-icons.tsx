import type { SVGProps } from 'react';

type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number };

function outline({ size = 20, ...rest }: IconProps): SVGProps<SVGSVGElement> {
  return {
    width: size,
    height: size,
    viewBox: '0 0 24 24',
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 1.8,
    strokeLinecap: 'round',
    strokeLinejoin: 'round',
    'aria-hidden': true,
    focusable: false,
    ...rest,
  };
}

/** Instagram's camera glyph, drawn in the same line style as the other icons. */
export function InstagramIcon(props: IconProps) {
  return (
    <svg {...outline(props)}>
      <rect x="3" y="3" width="18" height="18" rx="5" />
      <circle cx="12" cy="12" r="4" />
      <circle cx="17.3" cy="6.7" r="0.6" fill="currentColor" stroke="none" />
    </svg>
  );
}

/** WhatsApp's speech bubble with a handset, drawn in the same line style as the other icons. */
export function WhatsAppIcon(props: IconProps) {
  return (
    <svg {...outline(props)}>
      <path d="M3.5 20.5l1.3-4.2A8.5 8.5 0 1 1 8 19.3z" />
      <path d="M9.2 8.6c.2-.5.5-.6.8-.6h.5l.9 2-.6.9c.5 1 1.3 1.8 2.3 2.3l.9-.6 2 .9v.5c0 .3-.1.6-.6.8-.7.4-1.6.4-2.6-.1a8 8 0 0 1-3.6-3.6c-.5-1-.5-1.9 0-2.5z" />
    </svg>
  );
}
