/** Stroke icons drawn inline: emoji glyphs are missing on some devices and WebViews. */
const svg = {
  viewBox: '0 0 24 24',
  width: 22,
  height: 22,
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': 2,
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round',
  'aria-hidden': 'true',
  focusable: 'false',
} as const

export const ClipIcon = () => (
  <svg {...svg}>
    <path d="M16 6l-7.5 7.5a2 2 0 0 0 2.8 2.8L19 8.6a4 4 0 0 0-5.7-5.7L5.6 10.6a6 6 0 0 0 8.5 8.5L20 13" />
  </svg>
)
export const ReceiptIcon = () => (
  <svg {...svg}>
    <path d="M6 2h12v20l-3-2-3 2-3-2-3 2z" />
    <path d="M9 7h6M9 11h6M9 15h4" />
  </svg>
)
export const SendIcon = () => (
  <svg {...svg}>
    <path d="M3 11l18-8-8 18-2-8z" />
  </svg>
)
